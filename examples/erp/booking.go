package erp

import (
	"fmt"
	"strconv"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
)

// Booking is one record of the ERP's journal: an invoice as the ERP books
// it, in its own shape and numbering.
type Booking struct {
	DocumentNo    string    // the ERP's invoice number, "RE-2026-00001"; set by Journal.Book
	SourceID      string    // the deskcore invoice draft's ID: the idempotency key
	DebtorAccount int64     // the ERP's debtor (Debitor) account
	BookingDate   date.Date // the draft's issue date
	Net           Cents     // net total
	VAT           Cents     // VAT total over all rates
	Gross         Cents     // net plus VAT
	Reference     string    // the text on the invoice: the service report's ID, or the quota contract and month
	Confirmed     bool      // deskcore has the document number (Biller.MarkInvoiced)
}

// Cents is an amount in whole cents, as the ERP stores money.
type Cents int64

// CentsOf converts a decimal amount to cents. It returns an error for an
// amount with fractions of a cent or beyond the range of int64 cents:
// deskcore rounds every invoice amount to 2 decimals, so either is a bug
// to stop at, not to round away.
func CentsOf(d decimal.Decimal) (Cents, error) {
	c := d.Shift(2)
	if !c.IsInteger() {
		return 0, fmt.Errorf("erp: %s has fractions of a cent", d)
	}
	if !c.BigInt().IsInt64() {
		return 0, fmt.Errorf("erp: %s is out of range", d)
	}
	return Cents(c.IntPart()), nil
}

// String writes the amount with 2 decimals: "-1234.56".
func (c Cents) String() string {
	sign, n := "", int64(c)
	if n < 0 {
		sign, n = "-", -n
	}
	return sign + strconv.FormatInt(n/100, 10) + "." + fmt.Sprintf("%02d", n%100)
}

// BookingOf maps a deskcore invoice draft to the ERP's booking for the
// debtor account, without a document number (Journal.Book gives it):
//
//   - SourceID is the draft's ID, BookingDate its Issued day;
//   - Net, VAT and Gross are the draft's Totals (Net, VATTotal, Gross) in
//     cents; Net + VAT must equal Gross;
//   - Reference is what the invoice shows: for a service invoice only the
//     service report's ID, for a quota invoice the contract
//     and the month.
//
// It returns an error for a draft without an ID, of an unknown kind, or
// with amounts that are not whole cents or do not add up.
func BookingOf(inv billing.InvoiceDraft, debtorAccount int64) (Booking, error) {
	if inv.ID == "" {
		return Booking{}, fmt.Errorf("erp: invoice draft without ID")
	}
	var ref string
	switch inv.Kind {
	case billing.InvoiceService:
		ref = "Servicebericht " + inv.ReportID
	case billing.InvoiceQuotaFee:
		ref = "Kontingent " + inv.QuotaContractID + " " + inv.Period.String()
	case billing.InvoiceQuotaCorrection:
		ref = "Kontingent-Korrektur " + inv.QuotaContractID + " " + inv.Period.String()
	default:
		return Booking{}, fmt.Errorf("erp: invoice %s: kind %v is not booked", inv.ID, inv.Kind)
	}
	b := Booking{SourceID: inv.ID, DebtorAccount: debtorAccount, BookingDate: inv.Issued, Reference: ref}
	var err error
	if b.Net, err = CentsOf(inv.Totals.Net); err != nil {
		return Booking{}, fmt.Errorf("erp: invoice %s: net: %w", inv.ID, err)
	}
	if b.VAT, err = CentsOf(inv.Totals.VATTotal); err != nil {
		return Booking{}, fmt.Errorf("erp: invoice %s: VAT: %w", inv.ID, err)
	}
	if b.Gross, err = CentsOf(inv.Totals.Gross); err != nil {
		return Booking{}, fmt.Errorf("erp: invoice %s: gross: %w", inv.ID, err)
	}
	if b.Net+b.VAT != b.Gross {
		return Booking{}, fmt.Errorf("erp: invoice %s: net %s + VAT %s is not gross %s", inv.ID, b.Net, b.VAT, b.Gross)
	}
	return b, nil
}

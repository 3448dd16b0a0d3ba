package dunning

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/sla"

	"github.com/deskcore/deskcore/internal/enum"
)

// CustomerType says whether a debtor is a business or a consumer. German
// default interest and the 40 EUR flat fee depend on it (BGB § 288). The
// zero value is no type and is invalid in an OpenInvoice, so that a
// consumer is never charged a business rate by omission.
type CustomerType uint8

const (
	// BusinessCustomer is a debtor that is not a consumer (BGB § 14):
	// higher default interest and the flat fee of § 288 (5).
	BusinessCustomer CustomerType = iota + 1
	// ConsumerCustomer is a consumer (BGB § 13).
	ConsumerCustomer
)

var customerTypeText = enum.Ints[CustomerType]("dunning", "CustomerType", "", "business", "consumer").EmptyZero()

// String returns "business" or "consumer", or "CustomerType(n)".
func (t CustomerType) String() string {
	return customerTypeText.String(t)
}

// MarshalText implements encoding.TextMarshaler; the zero value is the
// empty text.
func (t CustomerType) MarshalText() ([]byte, error) {
	return customerTypeText.Marshal(t)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *CustomerType) UnmarshalText(b []byte) error {
	return customerTypeText.Unmarshal(t, b)
}

// OpenInvoice is what the dunning run needs to know of an invoice, as the
// host's books show it: who owes how much since when, and what was paid or
// credited against it. The host is the system of record for invoices and
// payments; the library keeps the dunning history beside it (Case).
type OpenInvoice struct {
	Number       string       // the invoice number the customer quotes, e.g. "RE-2026-0042"
	CustomerID   string       // the host's customer ID
	CustomerType CustomerType // business or consumer; required
	// AccountManager is the host's ID of the customer's account manager
	// (customer success manager), to whom disputes go first.
	// Empty: disputes go to DisputePolicy.FallbackContact.
	AccountManager string
	Due            date.Date       // the last day to pay without being overdue
	Amount         decimal.Decimal // the gross amount invoiced, more than 0, in cents
	// Payments are the payments and credits booked against the invoice, in
	// any order. Those dated after a run's date are not yet counted.
	Payments []Payment
}

// Payment is a payment or a credit booked against an invoice.
type Payment struct {
	Date   date.Date       // the day it was booked: it counts from then on
	Amount decimal.Decimal // more than 0, in cents
	Credit bool            // a credit note rather than money received
	// Dispute links a credit to the dispute it settles (its Dispute.No),
	// so the correction a decision waived is not subtracted twice: once
	// as decided, once as credited. 0 for payments and other credits.
	Dispute int
	Ref     string // the host's reference: bank statement line, credit note number
}

// Validate checks the invoice and lists every problem in one
// *ValidationError (matching ErrInvalid): a missing number, customer,
// customer type or due date, an amount that is not positive or not in
// whole cents, and the same for each payment, or a dispute link on a
// payment that is not a credit.
func (inv OpenInvoice) Validate() error {
	var ps problems
	inv.validate(&ps)
	return ps.err()
}

func (inv OpenInvoice) validate(ps *problems) {
	dunningText(ps, "Number", inv.Number, true)
	dunningText(ps, "CustomerID", inv.CustomerID, true)
	dunningText(ps, "AccountManager", inv.AccountManager, false)
	if inv.CustomerType != BusinessCustomer && inv.CustomerType != ConsumerCustomer {
		ps.add("CustomerType", "%v is not business or consumer", inv.CustomerType)
	}
	dunningDate(ps, "Due", inv.Due)
	dunningAmount(ps, "Amount", inv.Amount, true)
	for i, p := range inv.Payments {
		it := dunningItem{ps, "Payments", i}
		it.date("Date", p.Date)
		it.amount("Amount", p.Amount, true)
		switch {
		case p.Dispute < 0:
			it.add("Dispute", "%d is negative", p.Dispute)
		case p.Dispute > 0 && !p.Credit:
			it.add("Dispute", "only a credit settles a dispute")
		}
		it.text("Ref", p.Ref, false)
	}
}

// Open returns the amount still owed on the day: Amount less the payments
// and credits dated on or before it. It is negative when overpaid.
func (inv OpenInvoice) Open(on date.Date) decimal.Decimal {
	open := inv.Amount
	for _, p := range inv.Payments {
		if p.Date <= on {
			open = open.Sub(p.Amount)
		}
	}
	return open
}

// lastPayment returns the latest date of a payment or credit in (after, on],
// or the zero Date.
func (inv OpenInvoice) lastPayment(after, on date.Date) date.Date {
	var last date.Date
	for _, p := range inv.Payments {
		if p.Date > after && p.Date <= on && p.Date > last {
			last = p.Date
		}
	}
	return last
}

// clone returns a copy that shares no slice with inv.
func (inv OpenInvoice) clone() OpenInvoice {
	inv.Payments = append([]Payment(nil), inv.Payments...)
	return inv
}

// equal reports whether two invoices say the same, payments in order.
func (inv OpenInvoice) equal(o OpenInvoice) bool {
	if inv.Number != o.Number || inv.CustomerID != o.CustomerID || inv.CustomerType != o.CustomerType ||
		inv.AccountManager != o.AccountManager || inv.Due != o.Due || !inv.Amount.Equal(o.Amount) ||
		len(inv.Payments) != len(o.Payments) {
		return false
	}
	for i, p := range inv.Payments {
		q := o.Payments[i]
		if p.Date != q.Date || !p.Amount.Equal(q.Amount) || p.Credit != q.Credit || p.Dispute != q.Dispute || p.Ref != q.Ref {
			return false
		}
	}
	return true
}

// Validation runs on every dunning run, and most input is valid, so the
// checks below find a reason first and format a field name only for a
// problem.

// dunningDate checks a required date: within the years a calendar can be
// compiled for (sla.MinYear to sla.MaxYear), so date arithmetic stays
// meaningful.
func dunningDate(ps *problems, field string, d date.Date) {
	if r := dunningDateReason(d); r != "" {
		ps.add(field, "%s", r)
	}
}

func dunningDateReason(d date.Date) string {
	switch {
	case d == date.Zero:
		return "is required"
	case d < dunningMinDate || d > dunningMaxDate:
		return fmt.Sprintf("%s is outside the years %d to %d", d, sla.MinYear, sla.MaxYear)
	}
	return ""
}

var (
	dunningMinDate = date.New(sla.MinYear, time.January, 1)
	dunningMaxDate = date.New(sla.MaxYear, time.December, 31)
)

// maxDunningText bounds free text fields: a reference or a reason, not a
// document.
const maxDunningText = 10_000

// dunningText checks a text field: required or not, no longer than
// maxDunningText bytes, valid UTF-8 without control characters other
// than line breaks and tabs.
func dunningText(ps *problems, field, s string, required bool) {
	if r := dunningTextReason(s, required); r != "" {
		ps.add(field, "%s", r)
	}
}

func dunningTextReason(s string, required bool) string {
	switch {
	case required && dunningBlank(s):
		return "is required"
	case len(s) > maxDunningText:
		return fmt.Sprintf("is %d bytes long, more than %d", len(s), maxDunningText)
	}
	for i, r := range s {
		if r == '\uFFFD' || (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0x7f {
			return fmt.Sprintf("has an invalid or control character at byte %d", i)
		}
	}
	return ""
}

func dunningBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}

// dunningAmount checks a money amount: in whole cents, not negative (more
// than 0 if positive is set), below 10^12, far above any invoice, so sums
// and products stay small numbers.
func dunningAmount(ps *problems, field string, x decimal.Decimal, positive bool) {
	if r := dunningAmountReason(x, positive); r != "" {
		ps.add(field, "%s", r)
	}
}

func dunningAmountReason(x decimal.Decimal, positive bool) string {
	switch {
	case positive && x.Sign() <= 0:
		return x.String() + " is not more than 0"
	case x.Sign() < 0:
		return x.String() + " is negative"
	case x.Exponent() < -2 && !x.Equal(x.Truncate(2)):
		return x.String() + " is not in whole cents"
	case !dunningBelow(x, 12):
		return x.String() + " is too large"
	}
	return ""
}

// dunningBelow reports whether |x| < 10^digits, counting digits rather
// than comparing decimals, which allocates: validation runs on every
// dunning run.
func dunningBelow(x decimal.Decimal, digits int) bool {
	return x.IsZero() || x.NumDigits()+int(x.Exponent()) <= digits
}

// dunningItem checks the fields of one element of a list, e.g.
// "Payments[2]", naming a field only when it has a problem.
type dunningItem struct {
	ps   *problems
	list string
	i    int
}

func (it dunningItem) add(field, format string, args ...any) {
	it.ps.add(fmt.Sprintf("%s[%d].%s", it.list, it.i, field), format, args...)
}

func (it dunningItem) text(field, s string, required bool) {
	if r := dunningTextReason(s, required); r != "" {
		it.add(field, "%s", r)
	}
}

func (it dunningItem) amount(field string, x decimal.Decimal, positive bool) {
	if r := dunningAmountReason(x, positive); r != "" {
		it.add(field, "%s", r)
	}
}

func (it dunningItem) date(field string, d date.Date) {
	if r := dunningDateReason(d); r != "" {
		it.add(field, "%s", r)
	}
}

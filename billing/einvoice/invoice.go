package einvoice

import (
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// Invoice is an invoice or credit note as EN 16931 defines it: the
// semantic model every format of this package writes and reads. Each
// field names its business term (BT-n, or BG-n for a group), so a host
// that knows the standard finds its way, and a renderer (a PDF, an HTML
// page) shows the same document as the XML.
//
// The model covers what a service provider's billing needs: no
// document-level allowances or charges (BG-20, BG-21), no payee other
// than the seller, no tax representative. Amounts are decimals in the
// invoice currency; VAT and Totals are what Sums computes from Lines
// (Config.Invoice fills them, Validate checks them).
//
// The zero value is not a valid invoice; Config.Invoice builds one from a
// billing run's draft, or a host fills one in and calls Validate.
type Invoice struct {
	Number   string    // BT-1 invoice number: the ERP's, else the draft's ID
	Type     TypeCode  // BT-3 invoice type code: 380, 381 or 384
	Issued   date.Date // BT-2 issue date
	Currency string    // BT-5 invoice currency, ISO 4217 ("EUR")
	Due      date.Date // BT-9 payment due date; zero: none
	// BuyerReference is BT-10, the buyer's routing reference; for a
	// German public-sector buyer its Leitweg-ID. XRechnung requires it.
	BuyerReference string
	OrderReference string   // BT-13 the buyer's purchase order reference; optional
	Notes          []string // BT-22 invoice notes; optional
	// Period is BG-14, the invoicing period: the month a billing run
	// bills.
	Period Period
	// Preceding lists the invoices a credit note (381) or corrected
	// invoice (384) corrects (BG-3: BT-25 number, BT-26 issue date).
	Preceding []InvoiceReference
	Seller    Party // BG-4 the provider
	Buyer     Party // BG-7 the customer, or the branch invoiced
	// DeliverTo is BG-15's address (BT-75 to BT-80); an intra-community
	// supply (category K) needs its country. Zero: not written.
	DeliverTo   Address
	Payment     Payment        // BG-16 payment instructions and BT-20 terms
	Lines       []Line         // BG-25 invoice lines, at least one
	VAT         []VATBreakdown // BG-23 the VAT breakdown, one per category and rate
	Totals      Totals         // BG-22 document totals
	Attachments []Attachment   // BG-24 supporting documents, e.g. the service report
}

// TypeCode is an invoice type code (BT-3, UNTDID 1001).
type TypeCode uint16

// The document types a billing run produces.
const (
	// CommercialInvoice (380) bills; its lines may include credits
	// (reversals) as long as the total is not negative.
	CommercialInvoice TypeCode = 380
	// CreditNote (381) credits the buyer: a period whose reversals
	// outweigh its charges. Its amounts are positive credits and it
	// names the invoice it corrects (BG-3).
	CreditNote TypeCode = 381
	// CorrectedInvoice (384) replaces an earlier invoice, which it names
	// (BG-3).
	CorrectedInvoice TypeCode = 384
)

// String returns "380 commercial invoice", "381 credit note" or
// "384 corrected invoice", and the number alone for other codes.
func (t TypeCode) String() string {
	switch t {
	case CommercialInvoice:
		return "380 commercial invoice"
	case CreditNote:
		return "381 credit note"
	case CorrectedInvoice:
		return "384 corrected invoice"
	}
	return itoa(int(t))
}

func (t TypeCode) valid() bool {
	return t == CommercialInvoice || t == CreditNote || t == CorrectedInvoice
}

// Period is a span of calendar days, both ends included: the invoicing
// period (BG-14: BT-73 start, BT-74 end) or a line's period (BG-26). The
// zero Period is none.
type Period struct {
	Start date.Date
	End   date.Date
}

// IsZero reports whether p is no period.
func (p Period) IsZero() bool { return p.Start == 0 && p.End == 0 }

// InvoiceReference names an earlier invoice (BG-3).
type InvoiceReference struct {
	Number string    // BT-25 the preceding invoice's number
	Issued date.Date // BT-26 its issue date; zero: unknown
}

// Party is the seller (BG-4) or the buyer (BG-7). Terms that exist for
// one side only say so; the other side's writer leaves them out.
type Party struct {
	Name string // BT-27 seller name / BT-44 buyer name
	// ID is the party's identifier (BT-29 seller / BT-46 buyer), e.g.
	// the customer number the seller knows the buyer by; optional.
	ID string
	// LegalID is the legal registration (BT-30 / BT-47), e.g. the
	// commercial register entry "HRB 12345"; optional.
	LegalID string
	// VATID is the VAT identification number with its country prefix
	// (BT-31 / BT-48), "DE123456789". A seller needs it or a TaxNumber;
	// reverse charge needs both parties' VAT IDs.
	VATID string
	// TaxNumber is the seller's national tax number (BT-32, the German
	// Steuernummer "123/456/78901"); seller only.
	TaxNumber string
	Address   Address // BG-5 / BG-8 postal address
	// Contact is the seller's contact (BG-6: XRechnung requires name,
	// phone and e-mail) or the buyer's (BG-9, optional).
	Contact Contact
	// Endpoint is the electronic address invoices are delivered to and
	// answered from (BT-34 / BT-49); XRechnung requires both.
	Endpoint Endpoint
}

// Address is a postal address (BG-5, BG-8, BG-15).
type Address struct {
	Line1       string // BT-35 / BT-50 / BT-75 street and number
	Line2       string // BT-36 / BT-51 / BT-76; optional
	City        string // BT-37 / BT-52 / BT-77
	PostCode    string // BT-38 / BT-53 / BT-78
	Subdivision string // BT-39 / BT-54 / BT-79 region or state; optional
	Country     string // BT-40 / BT-55 / BT-80 ISO 3166-1 alpha-2, "DE"
}

// IsZero reports whether the address is empty.
func (a Address) IsZero() bool { return a == Address{} }

// Contact is a contact at a party (BG-6, BG-9).
type Contact struct {
	Name  string // BT-41 / BT-56
	Phone string // BT-42 / BT-57
	Email string // BT-43 / BT-58
}

// Endpoint is an electronic address (BT-34, BT-49) in a scheme of the
// EAS code list: "EM" for an e-mail address, "0204" for a German
// Leitweg-ID, "9930" for a German VAT number, "0106" for a Dutch
// Chamber of Commerce number.
type Endpoint struct {
	Scheme string
	ID     string
}

// PaymentMeans is the payment means type code (BT-81, UNTDID 4461).
type PaymentMeans uint8

// The payment means of a SEPA provider.
const (
	// SEPACreditTransfer (58): the buyer transfers to the seller's
	// account (BG-17: BT-84 IBAN, BT-86 BIC).
	SEPACreditTransfer PaymentMeans = 58
	// SEPADirectDebit (59): the seller collects under the buyer's
	// mandate (BG-19: BT-89 mandate, BT-90 creditor ID, BT-91 the
	// debited IBAN).
	SEPADirectDebit PaymentMeans = 59
)

// String returns "58 SEPA credit transfer" or "59 SEPA direct debit".
func (m PaymentMeans) String() string {
	switch m {
	case SEPACreditTransfer:
		return "58 SEPA credit transfer"
	case SEPADirectDebit:
		return "59 SEPA direct debit"
	}
	return itoa(int(m))
}

// Payment holds the payment instructions (BG-16) and terms (BT-20).
type Payment struct {
	Means PaymentMeans // BT-81
	// Reference is the remittance information (BT-83) the buyer quotes
	// with the payment; usually the invoice number.
	Reference   string
	IBAN        string // BT-84 the seller's account (credit transfer)
	AccountName string // BT-85; optional
	BIC         string // BT-86; optional
	Mandate     string // BT-89 mandate reference (direct debit)
	CreditorID  string // BT-90 the seller's SEPA creditor identifier (direct debit)
	DebitedIBAN string // BT-91 the buyer's account debited (direct debit)
	Terms       string // BT-20 payment terms, e.g. "Payable within 14 days without deduction."
}

// Line is an invoice line (BG-25).
type Line struct {
	ID   string // BT-126 line identifier, unique in the invoice
	Note string // BT-127; optional
	Name string // BT-153 item name: what the line bills
	// Quantity is BT-129 in Unit (BT-130, UN/ECE Recommendation 20:
	// "C62" one, "MIN", "HUR", "DAY", "MON", "KMT", "E34" gigabyte).
	// Negative for a credit on an invoice (a reversal); never negative
	// on a credit note.
	Quantity decimal.Decimal
	Unit     string
	Price    decimal.Decimal // BT-146 net price per BaseQuantity, never negative
	// BaseQuantity is BT-149, how many units the price is for: work is
	// quantified in minutes and priced per hour, so 60. Zero means 1.
	BaseQuantity decimal.Decimal
	// Net is BT-131: Quantity × Price / BaseQuantity, half away from
	// zero to 2 decimals (billing.LineNet).
	Net    decimal.Decimal
	VAT    VAT    // BT-151 category, BT-152 rate
	Period Period // BG-26 the line's period; optional
}

// VAT is the VAT treatment of a line: its category (BT-151), rate
// (BT-152) and, for the categories that need one, the exemption reason
// that the VAT breakdown of the category carries (BT-120 text, BT-121
// VATEX code).
type VAT struct {
	Category        Category
	Rate            decimal.Decimal // percent; 0 for every category but S
	ExemptionReason string          // BT-120, e.g. "Reverse charge"
	ExemptionCode   string          // BT-121, e.g. "VATEX-EU-AE"
}

// Category is a VAT category code (UNTDID 5305, as EN 16931 restricts
// it).
type Category string

// The VAT categories a service provider in the EU meets.
const (
	// Standard (S): taxed at a positive rate, 19 % or 7 % in Germany.
	Standard Category = "S"
	// ZeroRated (Z): taxed at 0 %.
	ZeroRated Category = "Z"
	// Exempt (E): exempt from VAT; the breakdown states why.
	Exempt Category = "E"
	// ReverseCharge (AE): the buyer owes the VAT, as for services to a
	// business customer in another EU member state (Article 196 of
	// Council Directive 2006/112/EC; § 13b UStG); both VAT IDs are
	// required.
	ReverseCharge Category = "AE"
	// IntraCommunity (K): an intra-community supply of goods to a
	// business in another member state (§ 4 Nr. 1b, § 6a UStG); both VAT
	// IDs and the country delivered to are required.
	IntraCommunity Category = "K"
)

func (c Category) valid() bool {
	switch c {
	case Standard, ZeroRated, Exempt, ReverseCharge, IntraCommunity:
		return true
	}
	return false
}

// needsReason reports whether the category's breakdown must state an
// exemption reason (BR-E-10, BR-AE-10, BR-IC-10).
func (c Category) needsReason() bool {
	return c == Exempt || c == ReverseCharge || c == IntraCommunity
}

// VATBreakdown is the VAT of one category and rate (BG-23).
type VATBreakdown struct {
	Category        Category        // BT-118
	Rate            decimal.Decimal // BT-119 percent
	Base            decimal.Decimal // BT-116 the sum of the category's line net amounts
	Tax             decimal.Decimal // BT-117 Base × Rate / 100, half away from zero to 2 decimals
	ExemptionReason string          // BT-120
	ExemptionCode   string          // BT-121
}

// Totals are the document totals (BG-22).
type Totals struct {
	LineNet  decimal.Decimal // BT-106 sum of the line net amounts
	TaxBasis decimal.Decimal // BT-109 total without VAT (no document allowances or charges: LineNet)
	VAT      decimal.Decimal // BT-110 sum of the breakdowns' Tax
	Gross    decimal.Decimal // BT-112 total with VAT
	Prepaid  decimal.Decimal // BT-113 paid in advance; zero: nothing
	Due      decimal.Decimal // BT-115 amount due: Gross − Prepaid
}

// Attachment is a supporting document (BG-24), embedded in the XML
// (base64) or only referenced by ID: the service report behind a service
// invoice.
type Attachment struct {
	ID          string // BT-122 the document's reference, e.g. the service report ID
	Description string // BT-123; optional
	// MIMEType is BT-125's mime code, one of EN 16931's: application/pdf,
	// image/png, image/jpeg, text/csv, and the OOXML and ODF
	// spreadsheets.
	MIMEType string
	Filename string // BT-125's file name
	Content  []byte // BT-125 the document itself; nil: the reference only
}

package einvoice

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
)

var hundred = decimal.NewFromInt(100)

// Sums computes the VAT breakdown (BG-23) and the totals (BG-22) of the
// lines as EN 16931 forms them: each category and rate's base is the sum
// of its lines' rounded net amounts (BR-CO-10), its tax is the base times
// the rate, rounded once, half away from zero to 2 decimals (BR-CO-17),
// and the VAT total is the sum of those (BR-CO-14). The breakdown is
// ordered by category, then rate; its exemption reasons are those of the
// category's first line. Prepaid is kept from the invoice.
func (inv Invoice) Sums() ([]VATBreakdown, Totals) {
	if vat, t, ok := inv.sumsInCents(); ok {
		return vat, t
	}
	var vat []VATBreakdown
	t := Totals{LineNet: decimal.Zero, VAT: decimal.Zero, Prepaid: inv.Totals.Prepaid}
	for _, l := range inv.Lines {
		t.LineNet = t.LineNet.Add(l.Net)
		i := slices.IndexFunc(vat, func(b VATBreakdown) bool { return b.Category == l.VAT.Category && b.Rate.Equal(l.VAT.Rate) })
		if i < 0 {
			vat = append(vat, VATBreakdown{Category: l.VAT.Category, Rate: l.VAT.Rate, Base: decimal.Zero,
				ExemptionReason: l.VAT.ExemptionReason, ExemptionCode: l.VAT.ExemptionCode})
			i = len(vat) - 1
		}
		vat[i].Base = vat[i].Base.Add(l.Net)
	}
	slices.SortFunc(vat, func(a, b VATBreakdown) int { return cmp.Or(cmp.Compare(a.Category, b.Category), a.Rate.Cmp(b.Rate)) })
	for i := range vat {
		vat[i].Tax = vat[i].Base.Mul(vat[i].Rate).DivRound(hundred, 2)
		t.VAT = t.VAT.Add(vat[i].Tax)
	}
	t.TaxBasis = t.LineNet
	t.Gross = t.LineNet.Add(t.VAT)
	t.Due = t.Gross.Sub(t.Prepaid)
	return vat, t
}

// sumsInCents is Sums in int64 cents, for lines whose amounts have at
// most 2 decimals and rates at most 2 (every valid line of a realistic
// invoice); ok is false if any does not, and Sums computes in decimals.
func (inv Invoice) sumsInCents() ([]VATBreakdown, Totals, bool) {
	if len(inv.Lines) > 100_000 {
		return nil, Totals{}, false
	}
	type group struct {
		v    VAT
		base int64
	}
	var groups [4]group
	gs := groups[:0]
	var net int64
	for i := range inv.Lines {
		l := &inv.Lines[i]
		c, e, ok := smallAmount(l.Net)
		if !ok || c*pow10[e+2] >= 1e13 || c*pow10[e+2] <= -1e13 {
			return nil, Totals{}, false
		}
		cents := c * pow10[e+2]
		net += cents
		j := 0
		for j < len(gs) && !(gs[j].v.Category == l.VAT.Category && gs[j].v.Rate.Equal(l.VAT.Rate)) {
			j++
		}
		if j == len(gs) {
			gs = append(gs, group{v: l.VAT})
		}
		gs[j].base += cents
	}
	slices.SortFunc(gs, func(a, b group) int { return cmp.Or(cmp.Compare(a.v.Category, b.v.Category), a.v.Rate.Cmp(b.v.Rate)) })
	vat := make([]VATBreakdown, len(gs))
	var tax int64
	for i, g := range gs {
		// base × rate / 100, half away from zero to 2 decimals: a line
		// amount's rule, so billing.LineNet computes it.
		t := billing.LineNet(decimal.New(g.base, -2), g.v.Rate, hundred)
		q, e, ok := smallAmount(t)
		if !ok {
			return nil, Totals{}, false
		}
		q *= pow10[e+2]
		tax += q
		vat[i] = VATBreakdown{Category: g.v.Category, Rate: g.v.Rate, Base: decimal.New(g.base, -2), Tax: decimal.New(q, -2),
			ExemptionReason: g.v.ExemptionReason, ExemptionCode: g.v.ExemptionCode}
	}
	prepaid := inv.Totals.Prepaid
	p, pe, ok := smallAmount(prepaid)
	if !ok {
		return nil, Totals{}, false
	}
	t := Totals{LineNet: decimal.New(net, -2), TaxBasis: decimal.New(net, -2), VAT: decimal.New(tax, -2),
		Gross: decimal.New(net+tax, -2), Prepaid: prepaid, Due: decimal.New(net+tax-p*pow10[pe+2], -2)}
	return vat, t, true
}

// Validate checks the invoice against the rules of EN 16931 and, for
// the XRechnung profile, the German rules on top, as far as the data
// decides them: every business term a file must carry, the code lists
// (currency, countries, units, VAT categories, exemption codes, MIME
// types), the VAT rules of each category, and that VAT and Totals are
// what Sums computes. It returns a *ValidationError listing every
// problem, each naming its business term, or nil.
func (inv Invoice) Validate(p Profile) error {
	var ps problems
	if !p.valid() {
		ps.add("BT-24", "Format.Profile", fmt.Sprintf("%d is not a profile", p))
	}
	xr := p == XRechnung
	if strings.TrimSpace(inv.Number) == "" {
		ps.add("BT-1", "Number", "the invoice number is missing")
	}
	if inv.Issued == 0 {
		ps.add("BT-2", "Issued", "the issue date is missing")
	}
	if !inv.Type.valid() {
		ps.add("BT-3", "Type", fmt.Sprintf("%d is not an invoice type this package writes (380, 381, 384)", inv.Type))
	}
	if !isCurrency(inv.Currency) {
		ps.add("BT-5", "Currency", fmt.Sprintf("%q is not an ISO 4217 currency code", clip(inv.Currency)))
	}
	if inv.Due != 0 && inv.Issued != 0 && inv.Due < inv.Issued {
		ps.add("BT-9", "Due", "the due date is before the issue date")
	}
	if xr && strings.TrimSpace(inv.BuyerReference) == "" {
		ps.add("BT-10", "BuyerReference", "XRechnung requires the buyer reference (the Leitweg-ID for public buyers) (BR-DE-15)")
	}
	if inv.Period.Start != 0 && inv.Period.End != 0 && inv.Period.End < inv.Period.Start {
		ps.add("BG-14", "Period", "the period ends before it starts (BR-29)")
	}
	if (inv.Type == CreditNote || inv.Type == CorrectedInvoice) && len(inv.Preceding) == 0 {
		ps.add("BG-3", "Preceding", fmt.Sprintf("a %s must name the invoice it corrects", inv.Type))
	}
	for i, r := range inv.Preceding {
		if strings.TrimSpace(r.Number) == "" {
			ps.add("BT-25", fmt.Sprintf("Preceding[%d].Number", i), "the preceding invoice's number is missing")
		}
	}
	ps.party("Seller", inv.Seller, true, xr)
	ps.party("Buyer", inv.Buyer, false, xr)
	if !inv.DeliverTo.IsZero() && !isCountry(inv.DeliverTo.Country) {
		ps.add("BT-80", "DeliverTo.Country", fmt.Sprintf("%q is not an ISO 3166-1 country code", clip(inv.DeliverTo.Country)))
	}
	ps.payment(inv, xr)
	ps.texts(inv)
	ps.lines(inv)
	ps.attachments(inv.Attachments)
	if len(inv.Lines) > 0 && !ps.hasLineProblems() {
		vat, t := inv.Sums()
		if !sameVAT(vat, inv.VAT) {
			ps.add("BG-23", "VAT", "the VAT breakdown is not the one the lines give (see Sums)")
		}
		if !t.equal(inv.Totals) {
			ps.add("BG-22", "Totals", "the totals are not the ones the lines give (see Sums)")
		}
		if inv.Type == CreditNote && t.Gross.IsNegative() {
			ps.add("BT-112", "Totals.Gross", "a credit note's total is a credit, never negative: a charge is an invoice")
		}
		if inv.Type == CommercialInvoice && t.Gross.IsNegative() {
			ps.add("BT-3", "Type", "an invoice whose total is negative is a credit note (381)")
		}
		if t.Due.IsPositive() && inv.Due == 0 && strings.TrimSpace(inv.Payment.Terms) == "" {
			ps.add("BT-9/BT-20", "Due", "an amount is due, so the due date or the payment terms are needed (BR-CO-25)")
		}
	}
	return ps.err()
}

func (ps problems) hasLineProblems() bool {
	return slices.ContainsFunc(ps, func(p Problem) bool { return strings.HasPrefix(p.Field, "Lines") })
}

// party checks the seller (BG-4) or the buyer (BG-7).
func (ps *problems) party(field string, pt Party, seller bool, xr bool) {
	term := func(s, b string) string {
		if seller {
			return s
		}
		return b
	}
	if strings.TrimSpace(pt.Name) == "" {
		ps.add(term("BT-27", "BT-44"), field+".Name", "the name is missing")
	}
	if pt.VATID != "" && !isVATID(pt.VATID) {
		ps.add(term("BT-31", "BT-48"), field+".VATID", "a VAT ID starts with its ISO 3166-1 country prefix (BR-CO-09), \"DE123456789\"")
	}
	if seller && strings.TrimSpace(pt.VATID) == "" && strings.TrimSpace(pt.TaxNumber) == "" {
		ps.add("BT-31/BT-32", field+".VATID", "the seller needs a VAT ID or a tax number (§ 14 Abs. 4 UStG; BR-CO-26, BR-DE-16)")
	}
	if !seller && pt.TaxNumber != "" {
		ps.add("BT-32", field+".TaxNumber", "only the seller has a tax number on an invoice")
	}
	a := pt.Address
	if !isCountry(a.Country) {
		ps.add(term("BT-40", "BT-55"), field+".Address.Country", fmt.Sprintf("%q is not an ISO 3166-1 country code", clip(a.Country)))
	}
	if xr {
		if strings.TrimSpace(a.City) == "" {
			ps.add(term("BT-37", "BT-52"), field+".Address.City", "XRechnung requires the city (BR-DE-3, BR-DE-8)")
		}
		if strings.TrimSpace(a.PostCode) == "" {
			ps.add(term("BT-38", "BT-53"), field+".Address.PostCode", "XRechnung requires the post code (BR-DE-4, BR-DE-9)")
		}
		if seller {
			c := pt.Contact
			if strings.TrimSpace(c.Name) == "" {
				ps.add("BT-41", field+".Contact.Name", "XRechnung requires the seller's contact (BR-DE-5)")
			}
			if strings.TrimSpace(c.Phone) == "" {
				ps.add("BT-42", field+".Contact.Phone", "XRechnung requires the seller contact's phone number (BR-DE-6)")
			}
			if strings.TrimSpace(c.Email) == "" {
				ps.add("BT-43", field+".Contact.Email", "XRechnung requires the seller contact's e-mail address (BR-DE-7)")
			}
		}
	}
	e := pt.Endpoint
	switch {
	case e.ID == "" && e.Scheme == "":
		if xr {
			ps.add(term("BT-34", "BT-49"), field+".Endpoint", "XRechnung requires the electronic address (BR-DE-SA, BR-DE-BA)")
		}
	case strings.TrimSpace(e.ID) == "":
		ps.add(term("BT-34", "BT-49"), field+".Endpoint.ID", "the electronic address is missing")
	case !isEAS(e.Scheme):
		ps.add(term("BT-34", "BT-49"), field+".Endpoint.Scheme", fmt.Sprintf("%q is not a scheme of the EAS code list (\"EM\" for e-mail)", clip(e.Scheme)))
	}
}

// payment checks the payment instructions (BG-16).
func (ps *problems) payment(inv Invoice, xr bool) {
	pm := inv.Payment
	switch pm.Means {
	case 0:
		if xr {
			ps.add("BT-81", "Payment.Means", "XRechnung requires payment instructions (BR-DE-1)")
		}
	case SEPACreditTransfer:
		ps.iban("BT-84", "Payment.IBAN", pm.IBAN, "a SEPA credit transfer needs the seller's IBAN (BR-61)")
	case SEPADirectDebit:
		if strings.TrimSpace(pm.Mandate) == "" {
			ps.add("BT-89", "Payment.Mandate", "a direct debit needs the mandate reference")
		}
		if strings.TrimSpace(pm.CreditorID) == "" {
			ps.add("BT-90", "Payment.CreditorID", "a direct debit needs the seller's SEPA creditor identifier")
		}
		ps.iban("BT-91", "Payment.DebitedIBAN", pm.DebitedIBAN, "a direct debit needs the IBAN of the buyer's account debited")
	default:
		ps.add("BT-81", "Payment.Means", fmt.Sprintf("%d is not a payment means this package writes (58, 59)", pm.Means))
	}
	if pm.Means != SEPADirectDebit && (pm.Mandate != "" || pm.DebitedIBAN != "") {
		ps.add("BG-19", "Payment.Mandate", "a mandate belongs to a direct debit (59) only")
	}
}

// texts checks that the free texts are characters XML can carry: a
// control character would be replaced on writing, changing the invoice.
func (ps *problems) texts(inv Invoice) {
	ps.text("BT-1", "", "Number", inv.Number)
	ps.text("BT-10", "", "BuyerReference", inv.BuyerReference)
	ps.text("BT-13", "", "OrderReference", inv.OrderReference)
	ps.text("BT-20", "", "Payment.Terms", inv.Payment.Terms)
	for i, n := range inv.Notes {
		ps.text("BT-22", "Notes["+itoa(i)+"]", "", n)
	}
	ps.partyTexts("BG-4", "Seller.", &inv.Seller)
	ps.partyTexts("BG-7", "Buyer.", &inv.Buyer)
	for i := range inv.Lines {
		ps.text("BT-153", linePrefix(i), "Name", inv.Lines[i].Name)
		ps.text("BT-127", linePrefix(i), "Note", inv.Lines[i].Note)
	}
}

func (ps *problems) partyTexts(term, prefix string, pt *Party) {
	a, c := &pt.Address, &pt.Contact
	ps.text(term, prefix, "Name", pt.Name)
	ps.text(term, prefix, "ID", pt.ID)
	ps.text(term, prefix, "LegalID", pt.LegalID)
	ps.text(term, prefix, "Address.Line1", a.Line1)
	ps.text(term, prefix, "Address.Line2", a.Line2)
	ps.text(term, prefix, "Address.City", a.City)
	ps.text(term, prefix, "Address.PostCode", a.PostCode)
	ps.text(term, prefix, "Address.Subdivision", a.Subdivision)
	ps.text(term, prefix, "Contact.Name", c.Name)
	ps.text(term, prefix, "Contact.Phone", c.Phone)
	ps.text(term, prefix, "Contact.Email", c.Email)
	ps.text(term, prefix, "Endpoint.ID", pt.Endpoint.ID)
}

// text adds a problem for a text XML cannot carry; the field is
// prefix+name.
func (ps *problems) text(term, prefix, name, s string) {
	if !xmlText(s) {
		ps.add(term, prefix+name, "has a control character or invalid UTF-8, which an XML invoice cannot carry")
	}
}

// xmlText reports whether s is valid UTF-8 of characters XML 1.0 allows
// (tab, line feed and carriage return the only control characters).
func xmlText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}

// iban checks an IBAN that is required: missing, or not an IBAN.
func (ps *problems) iban(term, field, iban, missing string) {
	switch {
	case iban == "":
		ps.add(term, field, missing)
	case !isIBAN(iban):
		ps.add(term, field, "is not an IBAN: capital letters and digits without spaces, with valid check digits (ISO 13616)")
	}
}

// lines checks the lines (BG-25) and the VAT rules of their categories.
func (ps *problems) lines(inv Invoice) {
	if len(inv.Lines) == 0 {
		ps.add("BG-25", "Lines", "an invoice has at least one line (BR-16)")
	}
	ids := make(map[string]bool, len(inv.Lines))
	var first []VAT // the first line's VAT of each category and rate
	for i, l := range inv.Lines {
		f := linePrefix(i)
		switch {
		case strings.TrimSpace(l.ID) == "":
			ps.add("BT-126", f+"ID", "the line identifier is missing")
		case ids[l.ID]:
			ps.add("BT-126", f+"ID", fmt.Sprintf("line identifier %q is used twice", clip(l.ID)))
		}
		ids[l.ID] = true
		if strings.TrimSpace(l.Name) == "" {
			ps.add("BT-153", f+"Name", "the item name is missing")
		}
		if !isUnit(l.Unit) {
			ps.add("BT-130", f+"Unit", fmt.Sprintf("%q is not a UN/ECE Recommendation 20 unit code", clip(l.Unit)))
		}
		if l.Quantity.IsNegative() && inv.Type == CreditNote {
			ps.add("BT-129", f+"Quantity", "a credit note credits: its quantities are not negative (a charge belongs on an invoice)")
		}
		if l.Price.IsNegative() {
			ps.add("BT-146", f+"Price", "the net price is never negative (BR-27); a credit has a negative quantity")
		}
		if l.BaseQuantity.IsNegative() {
			ps.add("BT-149", f+"BaseQuantity", "the base quantity is never negative")
		}
		if !l.Net.Equal(billing.LineNet(l.Quantity, l.Price, l.BaseQuantity)) {
			ps.add("BT-131", f+"Net", "the net amount is not quantity × price / base quantity, rounded to 2 decimals")
		}
		if l.Period.Start != 0 && l.Period.End != 0 && l.Period.End < l.Period.Start {
			ps.add("BG-26", f+"Period", "the period ends before it starts (BR-30)")
		}
		ps.vat(inv, f, l.VAT)
		j := slices.IndexFunc(first, func(v VAT) bool { return v.Category == l.VAT.Category && v.Rate.Equal(l.VAT.Rate) })
		switch {
		case j < 0:
			first = append(first, l.VAT)
		case first[j].ExemptionReason != l.VAT.ExemptionReason || first[j].ExemptionCode != l.VAT.ExemptionCode:
			ps.add("BT-120", f+"VAT.ExemptionReason", "the lines of one VAT category and rate share one exemption reason")
		}
	}
}

// linePrefix is "Lines[i].", the start of a line's field paths; the
// first lines' are ready, so checking a valid invoice formats nothing.
func linePrefix(i int) string {
	if i < len(linePrefixes) {
		return linePrefixes[i]
	}
	return "Lines[" + itoa(i) + "]."
}

var linePrefixes = func() []string {
	out := make([]string, 100)
	for i := range out {
		out[i] = "Lines[" + itoa(i) + "]."
	}
	return out
}()

// vat checks a line's VAT against its category's rules (BR-S-*, BR-Z-*,
// BR-E-*, BR-AE-*, BR-IC-*).
func (ps *problems) vat(inv Invoice, f string, v VAT) {
	if !v.Category.valid() {
		ps.add("BT-151", f+"VAT.Category", fmt.Sprintf("%q is not a VAT category this package writes (S, Z, E, AE, K)", clip(string(v.Category))))
		return
	}
	if v.Category == Standard {
		if !v.Rate.IsPositive() {
			ps.add("BT-152", f+"VAT.Rate", "standard-rated VAT has a positive rate (BR-S-5)")
		}
	} else if !v.Rate.IsZero() {
		ps.add("BT-152", f+"VAT.Rate", fmt.Sprintf("category %s has the rate 0", v.Category))
	}
	if v.Rate.IsNegative() || v.Rate.GreaterThan(hundred) {
		ps.add("BT-152", f+"VAT.Rate", "a VAT rate is between 0 and 100 percent")
	}
	if v.Category.needsReason() {
		if strings.TrimSpace(v.ExemptionReason) == "" && v.ExemptionCode == "" {
			ps.add("BT-120", f+"VAT.ExemptionReason", fmt.Sprintf("category %s needs the exemption reason (text or VATEX code)", v.Category))
		}
	} else if v.ExemptionReason != "" || v.ExemptionCode != "" {
		ps.add("BT-120", f+"VAT.ExemptionReason", fmt.Sprintf("category %s has no exemption reason", v.Category))
	}
	if v.ExemptionCode != "" && !isVATEX(v.ExemptionCode) {
		ps.add("BT-121", f+"VAT.ExemptionCode", fmt.Sprintf("%q is not a VATEX code", clip(v.ExemptionCode)))
	}
	switch v.Category {
	case ReverseCharge, IntraCommunity:
		if strings.TrimSpace(inv.Seller.VATID) == "" {
			ps.add("BT-31", "Seller.VATID", fmt.Sprintf("category %s needs the seller's VAT ID", v.Category))
		}
		if strings.TrimSpace(inv.Buyer.VATID) == "" {
			ps.add("BT-48", "Buyer.VATID", fmt.Sprintf("category %s needs the buyer's VAT ID", v.Category))
		}
	}
	if v.Category == IntraCommunity {
		if inv.Period.IsZero() {
			ps.add("BG-14", "Period", "an intra-community supply needs the delivery date or the invoicing period (BR-IC-11)")
		}
		if inv.DeliverTo.Country == "" {
			ps.add("BT-80", "DeliverTo.Country", "an intra-community supply needs the country delivered to (BR-IC-12)")
		}
	}
}

// attachments checks the supporting documents (BG-24).
func (ps *problems) attachments(as []Attachment) {
	for i, a := range as {
		f := fmt.Sprintf("Attachments[%d].", i)
		if strings.TrimSpace(a.ID) == "" {
			ps.add("BT-122", f+"ID", "the supporting document's reference is missing")
		}
		if a.Content != nil {
			if !slices.Contains(mimeTypes, a.MIMEType) {
				ps.add("BT-125", f+"MIMEType", fmt.Sprintf("%q is not a MIME type EN 16931 allows (PDF, PNG, JPEG, CSV, spreadsheets)", clip(a.MIMEType)))
			}
			if strings.TrimSpace(a.Filename) == "" {
				ps.add("BT-125", f+"Filename", "an embedded document needs its file name")
			}
		}
	}
}

// mimeTypes are the MIME types of attached documents EN 16931 allows
// (BR-CL-24).
var mimeTypes = []string{
	"application/pdf", "image/png", "image/jpeg", "text/csv",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.oasis.opendocument.spreadsheet",
}

func sameVAT(a, b []VATBreakdown) bool {
	return slices.EqualFunc(a, b, func(x, y VATBreakdown) bool {
		return x.Category == y.Category && x.Rate.Equal(y.Rate) && x.Base.Equal(y.Base) && x.Tax.Equal(y.Tax) &&
			x.ExemptionReason == y.ExemptionReason && x.ExemptionCode == y.ExemptionCode
	})
}

func (t Totals) equal(o Totals) bool {
	return t.LineNet.Equal(o.LineNet) && t.TaxBasis.Equal(o.TaxBasis) && t.VAT.Equal(o.VAT) &&
		t.Gross.Equal(o.Gross) && t.Prepaid.Equal(o.Prepaid) && t.Due.Equal(o.Due)
}

// inList reports whether code is a word of a space-separated list that
// starts and ends with a space.
func inList(list, code string) bool {
	if code == "" || strings.ContainsAny(code, " \t\n") || len(code) > 40 {
		return false
	}
	i := strings.Index(list, code)
	for i >= 0 {
		if list[i-1] == ' ' && list[i+len(code)] == ' ' {
			return true
		}
		j := strings.Index(list[i+1:], code)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isCurrency(s string) bool { return len(s) == 3 && inList(currencyCodes, s) }
func isCountry(s string) bool  { return len(s) == 2 && inList(countryCodes, s) }

// isUnit looks the code up in a set: every line has one, and the list is
// long.
func isUnit(s string) bool { _, ok := unitSet[s]; return ok }

// unitSet holds the unit codes; it is made once and only read.
var unitSet = func() map[string]struct{} {
	words := strings.Fields(unitCodes)
	set := make(map[string]struct{}, len(words))
	for _, w := range words {
		set[w] = struct{}{}
	}
	return set
}()

func isVATEX(s string) bool { return inList(vatexCodes, s) }
func isEAS(s string) bool   { return inList(easCodes, s) }

// isVATID reports whether s has a VAT ID's shape: a two-letter prefix
// ("EL" for Greece) and 2 to 13 letters or digits (BR-CO-09).
func isVATID(s string) bool {
	if len(s) < 4 || len(s) > 15 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' {
		return false
	}
	for _, c := range s[2:] {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '+' || c == '*') {
			return false
		}
	}
	return s[:2] == "EL" || isCountry(s[:2])
}

// isIBAN reports whether s is an IBAN (ISO 13616) with a valid check
// sum; spaces are not allowed.
func isIBAN(s string) bool {
	if len(s) < 15 || len(s) > 34 || !isCountry(s[:2]) || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9' {
		return false
	}
	rem := 0
	for _, c := range s[4:] + s[:4] {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// clip shortens a value quoted in an error, so a long or hostile input
// does not flood a log.
func clip(s string) string {
	if len(s) <= 40 && utf8.ValidString(s) {
		return s
	}
	n := 0
	for i := range s {
		if i > 40 {
			n = i
			break
		}
		n = len(s)
	}
	out := strings.ToValidUTF8(s[:n], "\uFFFD")
	if n < len(s) {
		out += "…"
	}
	return out
}

package einvoice

import (
	"encoding/xml"

	"github.com/rickb777/date/v2"
)

// The UBL 2.1 namespaces.
const (
	nsUBLInvoice    = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
	nsUBLCreditNote = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
	nsCAC           = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	nsCBC           = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
)

// ubl writes the invoice as a UBL Invoice, or a CreditNote for type code
// 381, its elements in the order of the UBL 2.1 schema.
func (x *xw) ubl(inv Invoice, p Profile) {
	root, ns, typeCode, lineName, qtyName := "ubl:Invoice", nsUBLInvoice, "cbc:InvoiceTypeCode", "cac:InvoiceLine", "cbc:InvoicedQuantity"
	cn := inv.Type == CreditNote
	if cn {
		root, ns, typeCode, lineName, qtyName = "ubl:CreditNote", nsUBLCreditNote, "cbc:CreditNoteTypeCode", "cac:CreditNoteLine", "cbc:CreditedQuantity"
	}
	cur := inv.Currency
	x.start(root,
		xml.Attr{Name: xml.Name{Local: "xmlns:ubl"}, Value: ns},
		xml.Attr{Name: xml.Name{Local: "xmlns:cac"}, Value: nsCAC},
		xml.Attr{Name: xml.Name{Local: "xmlns:cbc"}, Value: nsCBC})
	x.el("cbc:CustomizationID", p.id())
	x.el("cbc:ProfileID", processID)
	x.el("cbc:ID", inv.Number)
	x.ublDate("cbc:IssueDate", inv.Issued)
	if !cn {
		x.ublDate("cbc:DueDate", inv.Due)
	}
	x.el(typeCode, itoa(int(inv.Type)))
	for _, n := range inv.Notes {
		x.el("cbc:Note", n)
	}
	x.el("cbc:DocumentCurrencyCode", cur)
	x.opt("cbc:BuyerReference", inv.BuyerReference)
	x.ublPeriod(inv.Period)
	x.wrap("cac:OrderReference", "cbc:ID", inv.OrderReference)
	for _, r := range inv.Preceding {
		x.start("cac:BillingReference")
		x.start("cac:InvoiceDocumentReference")
		x.el("cbc:ID", r.Number)
		x.ublDate("cbc:IssueDate", r.Issued)
		x.end()
		x.end()
	}
	for _, a := range inv.Attachments {
		x.start("cac:AdditionalDocumentReference")
		x.el("cbc:ID", a.ID)
		x.opt("cbc:DocumentDescription", a.Description)
		if a.Content != nil {
			x.start("cac:Attachment")
			x.attr[0] = xml.Attr{Name: xml.Name{Local: "mimeCode"}, Value: a.MIMEType}
			x.attr[1] = xml.Attr{Name: xml.Name{Local: "filename"}, Value: a.Filename}
			x.start("cbc:EmbeddedDocumentBinaryObject", x.attr[:2]...)
			x.base64(a.Content)
			x.end()
			x.end()
		}
		x.end()
	}
	pm := inv.Payment
	x.start("cac:AccountingSupplierParty")
	x.ublParty(inv.Seller, true, pm.CreditorID)
	x.end()
	x.start("cac:AccountingCustomerParty")
	x.ublParty(inv.Buyer, false, "")
	x.end()
	if !inv.DeliverTo.IsZero() {
		x.start("cac:Delivery")
		x.start("cac:DeliveryLocation")
		x.ublAddress("cac:Address", inv.DeliverTo)
		x.end()
		x.end()
	}
	if pm.Means != 0 {
		x.start("cac:PaymentMeans")
		x.el("cbc:PaymentMeansCode", itoa(int(pm.Means)))
		if cn {
			x.ublDate("cbc:PaymentDueDate", inv.Due)
		}
		x.opt("cbc:PaymentID", pm.Reference)
		if pm.IBAN != "" {
			x.start("cac:PayeeFinancialAccount")
			x.el("cbc:ID", pm.IBAN)
			x.opt("cbc:Name", pm.AccountName)
			x.wrap("cac:FinancialInstitutionBranch", "cbc:ID", pm.BIC)
			x.end()
		}
		if pm.Mandate != "" || pm.DebitedIBAN != "" {
			x.start("cac:PaymentMandate")
			x.opt("cbc:ID", pm.Mandate)
			x.wrap("cac:PayerFinancialAccount", "cbc:ID", pm.DebitedIBAN)
			x.end()
		}
		x.end()
	}
	x.wrap("cac:PaymentTerms", "cbc:Note", pm.Terms)
	t := inv.Totals
	x.start("cac:TaxTotal")
	x.amount("cbc:TaxAmount", t.VAT, cur)
	for _, v := range inv.VAT {
		x.start("cac:TaxSubtotal")
		x.amount("cbc:TaxableAmount", v.Base, cur)
		x.amount("cbc:TaxAmount", v.Tax, cur)
		x.start("cac:TaxCategory")
		x.el("cbc:ID", string(v.Category))
		x.num("cbc:Percent", v.Rate)
		x.opt("cbc:TaxExemptionReasonCode", v.ExemptionCode)
		x.opt("cbc:TaxExemptionReason", v.ExemptionReason)
		x.wrap("cac:TaxScheme", "cbc:ID", "VAT")
		x.end()
		x.end()
	}
	x.end()
	x.start("cac:LegalMonetaryTotal")
	x.amount("cbc:LineExtensionAmount", t.LineNet, cur)
	x.amount("cbc:TaxExclusiveAmount", t.TaxBasis, cur)
	x.amount("cbc:TaxInclusiveAmount", t.Gross, cur)
	if !t.Prepaid.IsZero() {
		x.amount("cbc:PrepaidAmount", t.Prepaid, cur)
	}
	x.amount("cbc:PayableAmount", t.Due, cur)
	x.end()
	for i := range inv.Lines {
		l := &inv.Lines[i]
		x.start(lineName)
		x.el("cbc:ID", l.ID)
		x.opt("cbc:Note", l.Note)
		x.quantity(qtyName, l.Quantity, l.Unit)
		x.amount("cbc:LineExtensionAmount", l.Net, cur)
		x.ublPeriod(l.Period)
		x.start("cac:Item")
		x.el("cbc:Name", l.Name)
		x.start("cac:ClassifiedTaxCategory")
		x.el("cbc:ID", string(l.VAT.Category))
		x.num("cbc:Percent", l.VAT.Rate)
		x.wrap("cac:TaxScheme", "cbc:ID", "VAT")
		x.end()
		x.end()
		x.start("cac:Price")
		x.amount("cbc:PriceAmount", l.Price, cur)
		if !l.BaseQuantity.IsZero() {
			x.quantity("cbc:BaseQuantity", l.BaseQuantity, l.Unit)
		}
		x.end()
		x.end()
	}
	x.end()
}

func (x *xw) ublParty(pt Party, seller bool, creditorID string) {
	x.start("cac:Party")
	if pt.Endpoint.ID != "" {
		x.elAttr("cbc:EndpointID", "schemeID", pt.Endpoint.Scheme, pt.Endpoint.ID)
	}
	x.wrap("cac:PartyIdentification", "cbc:ID", pt.ID)
	if creditorID != "" {
		x.start("cac:PartyIdentification")
		x.elAttr("cbc:ID", "schemeID", "SEPA", creditorID)
		x.end()
	}
	x.ublAddress("cac:PostalAddress", pt.Address)
	x.ublTaxScheme(pt.VATID, "VAT")
	if seller {
		x.ublTaxScheme(pt.TaxNumber, "FC")
	}
	x.start("cac:PartyLegalEntity")
	x.el("cbc:RegistrationName", pt.Name)
	x.opt("cbc:CompanyID", pt.LegalID)
	x.end()
	if c := pt.Contact; c != (Contact{}) {
		x.start("cac:Contact")
		x.opt("cbc:Name", c.Name)
		x.opt("cbc:Telephone", c.Phone)
		x.opt("cbc:ElectronicMail", c.Email)
		x.end()
	}
	x.end()
}

func (x *xw) ublTaxScheme(id, scheme string) {
	if id == "" {
		return
	}
	x.start("cac:PartyTaxScheme")
	x.el("cbc:CompanyID", id)
	x.wrap("cac:TaxScheme", "cbc:ID", scheme)
	x.end()
}

func (x *xw) ublAddress(name string, a Address) {
	x.start(name)
	x.opt("cbc:StreetName", a.Line1)
	x.opt("cbc:AdditionalStreetName", a.Line2)
	x.opt("cbc:CityName", a.City)
	x.opt("cbc:PostalZone", a.PostCode)
	x.opt("cbc:CountrySubentity", a.Subdivision)
	x.wrap("cac:Country", "cbc:IdentificationCode", a.Country)
	x.end()
}

func (x *xw) ublPeriod(p Period) {
	if p.IsZero() {
		return
	}
	x.start("cac:InvoicePeriod")
	x.ublDate("cbc:StartDate", p.Start)
	x.ublDate("cbc:EndDate", p.End)
	x.end()
}

// ublDate writes <name>2026-03-31</name> unless d is zero.
func (x *xw) ublDate(name string, d date.Date) {
	if d == 0 {
		return
	}
	x.start(name)
	x.buf = appendDate(x.buf[:0], d, true)
	x.chars(x.buf)
	x.end()
}

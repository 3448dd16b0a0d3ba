package einvoice

import (
	"encoding/base64"
	"encoding/xml"

	"github.com/rickb777/date/v2"
)

// The CII namespaces (UN/CEFACT D16B).
const (
	nsRSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
	nsRAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
	nsQDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
	nsUDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
)

// cii writes the invoice as a CrossIndustryInvoice, its elements in the
// order of the D16B schema.
func (x *xw) cii(inv Invoice, p Profile) {
	x.start("rsm:CrossIndustryInvoice",
		xml.Attr{Name: xml.Name{Local: "xmlns:rsm"}, Value: nsRSM},
		xml.Attr{Name: xml.Name{Local: "xmlns:ram"}, Value: nsRAM},
		xml.Attr{Name: xml.Name{Local: "xmlns:qdt"}, Value: nsQDT},
		xml.Attr{Name: xml.Name{Local: "xmlns:udt"}, Value: nsUDT})

	x.start("rsm:ExchangedDocumentContext")
	x.start("ram:BusinessProcessSpecifiedDocumentContextParameter")
	x.el("ram:ID", processID)
	x.end()
	x.start("ram:GuidelineSpecifiedDocumentContextParameter")
	x.el("ram:ID", p.id())
	x.end()
	x.end()

	x.start("rsm:ExchangedDocument")
	x.el("ram:ID", inv.Number)
	x.el("ram:TypeCode", itoa(int(inv.Type)))
	x.ciiDateIn("ram:IssueDateTime", "udt:DateTimeString", inv.Issued)
	for _, n := range inv.Notes {
		x.start("ram:IncludedNote")
		x.el("ram:Content", n)
		x.end()
	}
	x.end()

	x.start("rsm:SupplyChainTradeTransaction")
	for i := range inv.Lines {
		x.ciiLine(&inv.Lines[i])
	}

	x.start("ram:ApplicableHeaderTradeAgreement")
	x.opt("ram:BuyerReference", inv.BuyerReference)
	x.ciiParty("ram:SellerTradeParty", inv.Seller, true)
	x.ciiParty("ram:BuyerTradeParty", inv.Buyer, false)
	x.wrap("ram:BuyerOrderReferencedDocument", "ram:IssuerAssignedID", inv.OrderReference)
	for _, a := range inv.Attachments {
		x.start("ram:AdditionalReferencedDocument")
		x.el("ram:IssuerAssignedID", a.ID)
		x.el("ram:TypeCode", "916")
		x.opt("ram:Name", a.Description)
		if a.Content != nil {
			x.attr[0] = xml.Attr{Name: xml.Name{Local: "mimeCode"}, Value: a.MIMEType}
			x.attr[1] = xml.Attr{Name: xml.Name{Local: "filename"}, Value: a.Filename}
			x.start("ram:AttachmentBinaryObject", x.attr[:2]...)
			x.base64(a.Content)
			x.end()
		}
		x.end()
	}
	x.end()

	x.start("ram:ApplicableHeaderTradeDelivery")
	if !inv.DeliverTo.IsZero() {
		x.start("ram:ShipToTradeParty")
		x.ciiAddress(inv.DeliverTo)
		x.end()
	}
	x.end()

	x.start("ram:ApplicableHeaderTradeSettlement")
	pm := inv.Payment
	x.opt("ram:CreditorReferenceID", pm.CreditorID)
	x.opt("ram:PaymentReference", pm.Reference)
	x.el("ram:InvoiceCurrencyCode", inv.Currency)
	if pm.Means != 0 {
		x.start("ram:SpecifiedTradeSettlementPaymentMeans")
		x.el("ram:TypeCode", itoa(int(pm.Means)))
		x.wrap("ram:PayerPartyDebtorFinancialAccount", "ram:IBANID", pm.DebitedIBAN)
		if pm.IBAN != "" {
			x.start("ram:PayeePartyCreditorFinancialAccount")
			x.el("ram:IBANID", pm.IBAN)
			x.opt("ram:AccountName", pm.AccountName)
			x.end()
		}
		x.wrap("ram:PayeeSpecifiedCreditorFinancialInstitution", "ram:BICID", pm.BIC)
		x.end()
	}
	for _, v := range inv.VAT {
		x.start("ram:ApplicableTradeTax")
		x.amount("ram:CalculatedAmount", v.Tax, "")
		x.el("ram:TypeCode", "VAT")
		x.opt("ram:ExemptionReason", v.ExemptionReason)
		x.amount("ram:BasisAmount", v.Base, "")
		x.el("ram:CategoryCode", string(v.Category))
		x.opt("ram:ExemptionReasonCode", v.ExemptionCode)
		x.num("ram:RateApplicablePercent", v.Rate)
		x.end()
	}
	x.ciiPeriod(inv.Period)
	if pm.Terms != "" || inv.Due != 0 || pm.Mandate != "" {
		x.start("ram:SpecifiedTradePaymentTerms")
		x.opt("ram:Description", pm.Terms)
		if inv.Due != 0 {
			x.ciiDateIn("ram:DueDateDateTime", "udt:DateTimeString", inv.Due)
		}
		x.opt("ram:DirectDebitMandateID", pm.Mandate)
		x.end()
	}
	t := inv.Totals
	x.start("ram:SpecifiedTradeSettlementHeaderMonetarySummation")
	x.amount("ram:LineTotalAmount", t.LineNet, "")
	x.amount("ram:TaxBasisTotalAmount", t.TaxBasis, "")
	x.amount("ram:TaxTotalAmount", t.VAT, inv.Currency)
	x.amount("ram:GrandTotalAmount", t.Gross, "")
	if !t.Prepaid.IsZero() {
		x.amount("ram:TotalPrepaidAmount", t.Prepaid, "")
	}
	x.amount("ram:DuePayableAmount", t.Due, "")
	x.end()
	for _, r := range inv.Preceding {
		x.start("ram:InvoiceReferencedDocument")
		x.el("ram:IssuerAssignedID", r.Number)
		if r.Issued != 0 {
			x.ciiDateIn("ram:FormattedIssueDateTime", "qdt:DateTimeString", r.Issued)
		}
		x.end()
	}
	x.end() // ApplicableHeaderTradeSettlement
	x.end() // SupplyChainTradeTransaction
	x.end() // CrossIndustryInvoice
}

func (x *xw) ciiLine(l *Line) {
	x.start("ram:IncludedSupplyChainTradeLineItem")
	x.start("ram:AssociatedDocumentLineDocument")
	x.el("ram:LineID", l.ID)
	x.wrap("ram:IncludedNote", "ram:Content", l.Note)
	x.end()
	x.start("ram:SpecifiedTradeProduct")
	x.el("ram:Name", l.Name)
	x.end()
	x.start("ram:SpecifiedLineTradeAgreement")
	x.start("ram:NetPriceProductTradePrice")
	x.num("ram:ChargeAmount", l.Price)
	if !l.BaseQuantity.IsZero() {
		x.quantity("ram:BasisQuantity", l.BaseQuantity, l.Unit)
	}
	x.end()
	x.end()
	x.start("ram:SpecifiedLineTradeDelivery")
	x.quantity("ram:BilledQuantity", l.Quantity, l.Unit)
	x.end()
	x.start("ram:SpecifiedLineTradeSettlement")
	x.start("ram:ApplicableTradeTax")
	x.el("ram:TypeCode", "VAT")
	x.el("ram:CategoryCode", string(l.VAT.Category))
	x.num("ram:RateApplicablePercent", l.VAT.Rate)
	x.end()
	x.ciiPeriod(l.Period)
	x.start("ram:SpecifiedTradeSettlementLineMonetarySummation")
	x.amount("ram:LineTotalAmount", l.Net, "")
	x.end()
	x.end()
	x.end()
}

func (x *xw) ciiParty(name string, pt Party, seller bool) {
	x.start(name)
	x.opt("ram:ID", pt.ID)
	x.el("ram:Name", pt.Name)
	x.wrap("ram:SpecifiedLegalOrganization", "ram:ID", pt.LegalID)
	if c := pt.Contact; c != (Contact{}) {
		x.start("ram:DefinedTradeContact")
		x.opt("ram:PersonName", c.Name)
		x.wrap("ram:TelephoneUniversalCommunication", "ram:CompleteNumber", c.Phone)
		x.wrap("ram:EmailURIUniversalCommunication", "ram:URIID", c.Email)
		x.end()
	}
	x.ciiAddress(pt.Address)
	if pt.Endpoint.ID != "" {
		x.start("ram:URIUniversalCommunication")
		x.elAttr("ram:URIID", "schemeID", pt.Endpoint.Scheme, pt.Endpoint.ID)
		x.end()
	}
	if pt.VATID != "" {
		x.start("ram:SpecifiedTaxRegistration")
		x.elAttr("ram:ID", "schemeID", "VA", pt.VATID)
		x.end()
	}
	if seller && pt.TaxNumber != "" {
		x.start("ram:SpecifiedTaxRegistration")
		x.elAttr("ram:ID", "schemeID", "FC", pt.TaxNumber)
		x.end()
	}
	x.end()
}

func (x *xw) ciiAddress(a Address) {
	x.start("ram:PostalTradeAddress")
	x.opt("ram:PostcodeCode", a.PostCode)
	x.opt("ram:LineOne", a.Line1)
	x.opt("ram:LineTwo", a.Line2)
	x.opt("ram:CityName", a.City)
	x.el("ram:CountryID", a.Country)
	x.opt("ram:CountrySubDivisionName", a.Subdivision)
	x.end()
}

func (x *xw) ciiPeriod(p Period) {
	if p.IsZero() {
		return
	}
	x.start("ram:BillingSpecifiedPeriod")
	if p.Start != 0 {
		x.ciiDateIn("ram:StartDateTime", "udt:DateTimeString", p.Start)
	}
	if p.End != 0 {
		x.ciiDateIn("ram:EndDateTime", "udt:DateTimeString", p.End)
	}
	x.end()
}

// ciiDateIn writes <outer><name format="102">20260331</name></outer>.
func (x *xw) ciiDateIn(outer, name string, d date.Date) {
	x.start(outer)
	x.ciiDate(name, d)
	x.end()
}

// ciiDate writes <name format="102">20260331</name>.
func (x *xw) ciiDate(name string, d date.Date) {
	x.attr[0] = xml.Attr{Name: xml.Name{Local: "format"}, Value: "102"}
	x.start(name, x.attr[:1]...)
	x.buf = appendDate(x.buf[:0], d, false)
	x.chars(x.buf)
	x.end()
}

// base64 writes content base64-encoded, in chunks.
func (x *xw) base64(content []byte) {
	const chunk = 3 * 1024
	for len(content) > 0 {
		n := min(len(content), chunk)
		x.buf = base64.StdEncoding.AppendEncode(x.buf[:0], content[:n])
		x.chars(x.buf)
		content = content[n:]
	}
}

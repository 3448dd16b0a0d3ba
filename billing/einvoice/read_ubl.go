package einvoice

import "strings"

// ublDoc is the part of a UBL Invoice or CreditNote that carries the EN
// 16931 terms this package models; elements are matched by local name.
type ublDoc struct {
	Customization  string    `xml:"CustomizationID"`
	ID             string    `xml:"ID"`
	Issued         string    `xml:"IssueDate"`
	Due            string    `xml:"DueDate"`
	InvoiceType    string    `xml:"InvoiceTypeCode"`
	CreditNoteType string    `xml:"CreditNoteTypeCode"`
	Notes          []string  `xml:"Note"`
	Currency       string    `xml:"DocumentCurrencyCode"`
	BuyerReference string    `xml:"BuyerReference"`
	Period         ublPeriod `xml:"InvoicePeriod"`
	Order          string    `xml:"OrderReference>ID"`
	Preceding      []struct {
		ID     string `xml:"ID"`
		Issued string `xml:"IssueDate"`
	} `xml:"BillingReference>InvoiceDocumentReference"`
	Docs []struct {
		ID          string `xml:"ID"`
		Description string `xml:"DocumentDescription"`
		Object      *struct {
			MIME     string `xml:"mimeCode,attr"`
			Filename string `xml:"filename,attr"`
			Data     string `xml:",chardata"`
		} `xml:"Attachment>EmbeddedDocumentBinaryObject"`
	} `xml:"AdditionalDocumentReference"`
	Seller    ublParty    `xml:"AccountingSupplierParty>Party"`
	Buyer     ublParty    `xml:"AccountingCustomerParty>Party"`
	DeliverTo *ublAddress `xml:"Delivery>DeliveryLocation>Address"`
	Means     []struct {
		Code        string `xml:"PaymentMeansCode"`
		Due         string `xml:"PaymentDueDate"`
		Reference   string `xml:"PaymentID"`
		IBAN        string `xml:"PayeeFinancialAccount>ID"`
		AccountName string `xml:"PayeeFinancialAccount>Name"`
		BIC         string `xml:"PayeeFinancialAccount>FinancialInstitutionBranch>ID"`
		Mandate     string `xml:"PaymentMandate>ID"`
		DebitedIBAN string `xml:"PaymentMandate>PayerFinancialAccount>ID"`
	} `xml:"PaymentMeans"`
	Terms    string `xml:"PaymentTerms>Note"`
	TaxTotal []struct {
		Tax       string `xml:"TaxAmount"`
		Subtotals []struct {
			Base            string `xml:"TaxableAmount"`
			Tax             string `xml:"TaxAmount"`
			Category        string `xml:"TaxCategory>ID"`
			Rate            string `xml:"TaxCategory>Percent"`
			ExemptionCode   string `xml:"TaxCategory>TaxExemptionReasonCode"`
			ExemptionReason string `xml:"TaxCategory>TaxExemptionReason"`
		} `xml:"TaxSubtotal"`
	} `xml:"TaxTotal"`
	Sum struct {
		LineNet  string `xml:"LineExtensionAmount"`
		TaxBasis string `xml:"TaxExclusiveAmount"`
		Gross    string `xml:"TaxInclusiveAmount"`
		Prepaid  string `xml:"PrepaidAmount"`
		Due      string `xml:"PayableAmount"`
	} `xml:"LegalMonetaryTotal"`
	InvoiceLines    []ublLine `xml:"InvoiceLine"`
	CreditNoteLines []ublLine `xml:"CreditNoteLine"`
}

type ublLine struct {
	ID       string    `xml:"ID"`
	Note     string    `xml:"Note"`
	Invoiced ublQty    `xml:"InvoicedQuantity"`
	Credited ublQty    `xml:"CreditedQuantity"`
	Net      string    `xml:"LineExtensionAmount"`
	Period   ublPeriod `xml:"InvoicePeriod"`
	Name     string    `xml:"Item>Name"`
	Category string    `xml:"Item>ClassifiedTaxCategory>ID"`
	Rate     string    `xml:"Item>ClassifiedTaxCategory>Percent"`
	Price    string    `xml:"Price>PriceAmount"`
	Base     string    `xml:"Price>BaseQuantity"`
}

type ublQty struct {
	Unit  string `xml:"unitCode,attr"`
	Value string `xml:",chardata"`
}

type ublPeriod struct {
	Start string `xml:"StartDate"`
	End   string `xml:"EndDate"`
}

type ublParty struct {
	Endpoint struct {
		Scheme string `xml:"schemeID,attr"`
		ID     string `xml:",chardata"`
	} `xml:"EndpointID"`
	IDs []struct {
		Scheme string `xml:"schemeID,attr"`
		ID     string `xml:",chardata"`
	} `xml:"PartyIdentification>ID"`
	Address ublAddress `xml:"PostalAddress"`
	Tax     []struct {
		ID     string `xml:"CompanyID"`
		Scheme string `xml:"TaxScheme>ID"`
	} `xml:"PartyTaxScheme"`
	Name    string `xml:"PartyLegalEntity>RegistrationName"`
	LegalID string `xml:"PartyLegalEntity>CompanyID"`
	Contact struct {
		Name  string `xml:"Name"`
		Phone string `xml:"Telephone"`
		Email string `xml:"ElectronicMail"`
	} `xml:"Contact"`
}

type ublAddress struct {
	Line1       string `xml:"StreetName"`
	Line2       string `xml:"AdditionalStreetName"`
	City        string `xml:"CityName"`
	PostCode    string `xml:"PostalZone"`
	Subdivision string `xml:"CountrySubentity"`
	Country     string `xml:"Country>IdentificationCode"`
}

func (a ublAddress) address() Address {
	return Address(a)
}

// party converts a party; creditorID is the SEPA creditor identifier
// among its identifiers.
func (p ublParty) party() (pt Party, creditorID string) {
	pt = Party{Name: p.Name, LegalID: p.LegalID, Address: p.Address.address(),
		Contact:  Contact{Name: p.Contact.Name, Phone: p.Contact.Phone, Email: p.Contact.Email},
		Endpoint: Endpoint{Scheme: p.Endpoint.Scheme, ID: strings.TrimSpace(p.Endpoint.ID)}}
	for _, id := range p.IDs {
		if id.Scheme == "SEPA" {
			creditorID = strings.TrimSpace(id.ID)
		} else if pt.ID == "" {
			pt.ID = strings.TrimSpace(id.ID)
		}
	}
	for _, t := range p.Tax {
		if t.Scheme == "VAT" {
			pt.VATID = t.ID
		} else {
			pt.TaxNumber = t.ID
		}
	}
	return pt, creditorID
}

func (f *fields) ublPeriod(term string, p ublPeriod) Period {
	return Period{Start: f.day(term, "StartDate", p.Start), End: f.day(term, "EndDate", p.End)}
}

// invoice converts the document.
func (doc *ublDoc) invoice(creditNote bool) (Invoice, Profile, error) {
	var f fields
	typ, lines := doc.InvoiceType, doc.InvoiceLines
	if creditNote {
		typ, lines = doc.CreditNoteType, doc.CreditNoteLines
	}
	inv := Invoice{
		Number: doc.ID, Type: TypeCode(f.code("BT-3", "TypeCode", typ)), Issued: f.day("BT-2", "IssueDate", doc.Issued),
		Due: f.day("BT-9", "DueDate", doc.Due), Currency: doc.Currency, BuyerReference: doc.BuyerReference,
		OrderReference: doc.Order, Notes: doc.Notes, Period: f.ublPeriod("BG-14", doc.Period),
	}
	var creditorID string
	inv.Seller, creditorID = doc.Seller.party()
	inv.Buyer, _ = doc.Buyer.party()
	inv.Buyer.TaxNumber = ""
	if doc.DeliverTo != nil {
		inv.DeliverTo = doc.DeliverTo.address()
	}
	for _, p := range doc.Preceding {
		inv.Preceding = append(inv.Preceding, InvoiceReference{Number: p.ID, Issued: f.day("BT-26", "IssueDate", p.Issued)})
	}
	for _, a := range doc.Docs {
		att := Attachment{ID: a.ID, Description: a.Description}
		if a.Object != nil {
			att.MIMEType, att.Filename, att.Content = a.Object.MIME, a.Object.Filename, f.content(a.Object.Data)
		}
		inv.Attachments = append(inv.Attachments, att)
	}
	inv.Payment = Payment{CreditorID: creditorID, Terms: doc.Terms}
	if len(doc.Means) > 0 {
		m := doc.Means[0]
		inv.Payment.Means = PaymentMeans(f.code("BT-81", "PaymentMeansCode", m.Code))
		inv.Payment.Reference, inv.Payment.IBAN, inv.Payment.AccountName, inv.Payment.BIC = m.Reference, m.IBAN, m.AccountName, m.BIC
		inv.Payment.Mandate, inv.Payment.DebitedIBAN = m.Mandate, m.DebitedIBAN
		if inv.Due == 0 {
			inv.Due = f.day("BT-9", "PaymentDueDate", m.Due)
		}
	}
	inv.Lines = make([]Line, len(lines))
	for i, l := range lines {
		q := l.Invoiced
		if creditNote {
			q = l.Credited
		}
		inv.Lines[i] = f.line(lineText{l.ID, l.Note, l.Name, q.Value, q.Unit, l.Price, l.Base, l.Net, l.Category, l.Rate},
			f.ublPeriod("BG-26", l.Period))
	}
	vatTotal := ""
	for _, tt := range doc.TaxTotal {
		if len(tt.Subtotals) == 0 && vatTotal != "" {
			continue // the VAT in accounting currency
		}
		vatTotal = tt.Tax
		for _, s := range tt.Subtotals {
			inv.VAT = append(inv.VAT, f.breakdown(s.Category, s.Rate, s.Base, s.Tax, s.ExemptionReason, s.ExemptionCode))
		}
	}
	lineVAT(&inv)
	s := doc.Sum
	inv.Totals = f.totals(s.LineNet, s.TaxBasis, vatTotal, s.Gross, s.Prepaid, s.Due)
	if f.err != nil {
		return Invoice{}, 0, f.err
	}
	return inv, profileOf(doc.Customization), nil
}

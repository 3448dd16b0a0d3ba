package einvoice

import "strings"

// ciiDoc is the part of a CrossIndustryInvoice that carries the EN 16931
// terms this package models; elements are matched by local name.
type ciiDoc struct {
	Guideline string `xml:"ExchangedDocumentContext>GuidelineSpecifiedDocumentContextParameter>ID"`
	Doc       struct {
		ID     string   `xml:"ID"`
		Type   string   `xml:"TypeCode"`
		Issued string   `xml:"IssueDateTime>DateTimeString"`
		Notes  []string `xml:"IncludedNote>Content"`
	} `xml:"ExchangedDocument"`
	Tx struct {
		Lines     []ciiLine `xml:"IncludedSupplyChainTradeLineItem"`
		Agreement struct {
			BuyerReference string      `xml:"BuyerReference"`
			Seller         ciiParty    `xml:"SellerTradeParty"`
			Buyer          ciiParty    `xml:"BuyerTradeParty"`
			Order          string      `xml:"BuyerOrderReferencedDocument>IssuerAssignedID"`
			Docs           []ciiDocRef `xml:"AdditionalReferencedDocument"`
		} `xml:"ApplicableHeaderTradeAgreement"`
		ShipTo     *ciiAddress `xml:"ApplicableHeaderTradeDelivery>ShipToTradeParty>PostalTradeAddress"`
		Settlement struct {
			CreditorID string `xml:"CreditorReferenceID"`
			Reference  string `xml:"PaymentReference"`
			Currency   string `xml:"InvoiceCurrencyCode"`
			Means      []struct {
				Type        string `xml:"TypeCode"`
				DebitedIBAN string `xml:"PayerPartyDebtorFinancialAccount>IBANID"`
				IBAN        string `xml:"PayeePartyCreditorFinancialAccount>IBANID"`
				AccountName string `xml:"PayeePartyCreditorFinancialAccount>AccountName"`
				BIC         string `xml:"PayeeSpecifiedCreditorFinancialInstitution>BICID"`
			} `xml:"SpecifiedTradeSettlementPaymentMeans"`
			Taxes  []ciiTax  `xml:"ApplicableTradeTax"`
			Period ciiPeriod `xml:"BillingSpecifiedPeriod"`
			Terms  []struct {
				Description string `xml:"Description"`
				Due         string `xml:"DueDateDateTime>DateTimeString"`
				Mandate     string `xml:"DirectDebitMandateID"`
			} `xml:"SpecifiedTradePaymentTerms"`
			Sum struct {
				LineTotal string `xml:"LineTotalAmount"`
				TaxBasis  string `xml:"TaxBasisTotalAmount"`
				TaxTotal  string `xml:"TaxTotalAmount"`
				Grand     string `xml:"GrandTotalAmount"`
				Prepaid   string `xml:"TotalPrepaidAmount"`
				Due       string `xml:"DuePayableAmount"`
			} `xml:"SpecifiedTradeSettlementHeaderMonetarySummation"`
			Preceding []struct {
				ID     string `xml:"IssuerAssignedID"`
				Issued string `xml:"FormattedIssueDateTime>DateTimeString"`
			} `xml:"InvoiceReferencedDocument"`
		} `xml:"ApplicableHeaderTradeSettlement"`
	} `xml:"SupplyChainTradeTransaction"`
}

type ciiDocRef struct {
	ID     string `xml:"IssuerAssignedID"`
	Name   string `xml:"Name"`
	Object *struct {
		MIME     string `xml:"mimeCode,attr"`
		Filename string `xml:"filename,attr"`
		Data     string `xml:",chardata"`
	} `xml:"AttachmentBinaryObject"`
}

type ciiLine struct {
	ID       string `xml:"AssociatedDocumentLineDocument>LineID"`
	Note     string `xml:"AssociatedDocumentLineDocument>IncludedNote>Content"`
	Name     string `xml:"SpecifiedTradeProduct>Name"`
	Price    string `xml:"SpecifiedLineTradeAgreement>NetPriceProductTradePrice>ChargeAmount"`
	Base     string `xml:"SpecifiedLineTradeAgreement>NetPriceProductTradePrice>BasisQuantity"`
	Quantity struct {
		Unit  string `xml:"unitCode,attr"`
		Value string `xml:",chardata"`
	} `xml:"SpecifiedLineTradeDelivery>BilledQuantity"`
	Category string    `xml:"SpecifiedLineTradeSettlement>ApplicableTradeTax>CategoryCode"`
	Rate     string    `xml:"SpecifiedLineTradeSettlement>ApplicableTradeTax>RateApplicablePercent"`
	Period   ciiPeriod `xml:"SpecifiedLineTradeSettlement>BillingSpecifiedPeriod"`
	Net      string    `xml:"SpecifiedLineTradeSettlement>SpecifiedTradeSettlementLineMonetarySummation>LineTotalAmount"`
}

type ciiParty struct {
	ID      string `xml:"ID"`
	Name    string `xml:"Name"`
	LegalID string `xml:"SpecifiedLegalOrganization>ID"`
	Contact struct {
		Name  string `xml:"PersonName"`
		Phone string `xml:"TelephoneUniversalCommunication>CompleteNumber"`
		Email string `xml:"EmailURIUniversalCommunication>URIID"`
	} `xml:"DefinedTradeContact"`
	Address  ciiAddress `xml:"PostalTradeAddress"`
	Endpoint struct {
		Scheme string `xml:"schemeID,attr"`
		ID     string `xml:",chardata"`
	} `xml:"URIUniversalCommunication>URIID"`
	Tax []struct {
		Scheme string `xml:"schemeID,attr"`
		ID     string `xml:",chardata"`
	} `xml:"SpecifiedTaxRegistration>ID"`
}

type ciiAddress struct {
	PostCode    string `xml:"PostcodeCode"`
	Line1       string `xml:"LineOne"`
	Line2       string `xml:"LineTwo"`
	City        string `xml:"CityName"`
	Country     string `xml:"CountryID"`
	Subdivision string `xml:"CountrySubDivisionName"`
}

type ciiTax struct {
	Tax             string `xml:"CalculatedAmount"`
	ExemptionReason string `xml:"ExemptionReason"`
	Base            string `xml:"BasisAmount"`
	Category        string `xml:"CategoryCode"`
	ExemptionCode   string `xml:"ExemptionReasonCode"`
	Rate            string `xml:"RateApplicablePercent"`
}

type ciiPeriod struct {
	Start string `xml:"StartDateTime>DateTimeString"`
	End   string `xml:"EndDateTime>DateTimeString"`
}

func (a ciiAddress) address() Address {
	return Address{Line1: a.Line1, Line2: a.Line2, City: a.City, PostCode: a.PostCode, Subdivision: a.Subdivision, Country: a.Country}
}

func (p ciiParty) party() Party {
	out := Party{Name: p.Name, ID: p.ID, LegalID: p.LegalID, Address: p.Address.address(),
		Contact:  Contact{Name: p.Contact.Name, Phone: p.Contact.Phone, Email: p.Contact.Email},
		Endpoint: Endpoint{Scheme: p.Endpoint.Scheme, ID: strings.TrimSpace(p.Endpoint.ID)}}
	for _, t := range p.Tax {
		switch t.Scheme {
		case "VA":
			out.VATID = strings.TrimSpace(t.ID)
		case "FC":
			out.TaxNumber = strings.TrimSpace(t.ID)
		}
	}
	return out
}

func (f *fields) ciiPeriod(term string, p ciiPeriod) Period {
	return Period{Start: f.day(term, "StartDateTime", p.Start), End: f.day(term, "EndDateTime", p.End)}
}

// invoice converts the document.
func (doc *ciiDoc) invoice() (Invoice, Profile, error) {
	var f fields
	tx := &doc.Tx
	st := &tx.Settlement
	inv := Invoice{
		Number: doc.Doc.ID, Type: TypeCode(f.code("BT-3", "TypeCode", doc.Doc.Type)),
		Issued: f.day("BT-2", "IssueDateTime", doc.Doc.Issued), Currency: st.Currency,
		BuyerReference: tx.Agreement.BuyerReference, OrderReference: tx.Agreement.Order,
		Notes: doc.Doc.Notes, Period: f.ciiPeriod("BG-14", st.Period),
		Seller: tx.Agreement.Seller.party(), Buyer: tx.Agreement.Buyer.party(),
	}
	inv.Buyer.TaxNumber = "" // a seller's term only
	if tx.ShipTo != nil {
		inv.DeliverTo = tx.ShipTo.address()
	}
	for _, p := range st.Preceding {
		inv.Preceding = append(inv.Preceding, InvoiceReference{Number: p.ID, Issued: f.day("BT-26", "FormattedIssueDateTime", p.Issued)})
	}
	inv.Payment.Reference, inv.Payment.CreditorID = st.Reference, st.CreditorID
	if len(st.Means) > 0 {
		m := st.Means[0]
		inv.Payment.Means = PaymentMeans(f.code("BT-81", "TypeCode", m.Type))
		inv.Payment.IBAN, inv.Payment.AccountName, inv.Payment.BIC, inv.Payment.DebitedIBAN = m.IBAN, m.AccountName, m.BIC, m.DebitedIBAN
	}
	for _, t := range st.Terms {
		if t.Description != "" {
			inv.Payment.Terms = t.Description
		}
		if t.Due != "" {
			inv.Due = f.day("BT-9", "DueDateDateTime", t.Due)
		}
		if t.Mandate != "" {
			inv.Payment.Mandate = t.Mandate
		}
	}
	for _, a := range tx.Agreement.Docs {
		att := Attachment{ID: a.ID, Description: a.Name}
		if a.Object != nil {
			att.MIMEType, att.Filename, att.Content = a.Object.MIME, a.Object.Filename, f.content(a.Object.Data)
		}
		inv.Attachments = append(inv.Attachments, att)
	}
	inv.Lines = make([]Line, len(tx.Lines))
	for i, l := range tx.Lines {
		inv.Lines[i] = f.line(lineText{l.ID, l.Note, l.Name, l.Quantity.Value, l.Quantity.Unit, l.Price, l.Base, l.Net, l.Category, l.Rate},
			f.ciiPeriod("BG-26", l.Period))
	}
	for _, t := range st.Taxes {
		inv.VAT = append(inv.VAT, f.breakdown(t.Category, t.Rate, t.Base, t.Tax, t.ExemptionReason, t.ExemptionCode))
	}
	lineVAT(&inv)
	s := st.Sum
	inv.Totals = f.totals(s.LineTotal, s.TaxBasis, s.TaxTotal, s.Grand, s.Prepaid, s.Due)
	if f.err != nil {
		return Invoice{}, 0, f.err
	}
	return inv, profileOf(doc.Guideline), nil
}

package scenario

import (
	"fmt"
	"github.com/rickar/cal/v2/de"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/billing/einvoice"
	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/sla"
)

// D is a calendar date: D(2026, 6, 8).
func D(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

var eur = decimal.RequireFromString

// Provider is the letterhead of every test document.
var Provider = document.Provider{
	Name: "Systemhaus Emsland GmbH", Address: []string{"Hauptstraße 12", "48231 Warendorf"},
	Phone: "+49 2581 0700", Email: "service@systemhaus.example", Web: "systemhaus.example",
	Hours: "Mo–Fr 9–17 Uhr", Register: "Amtsgericht Münster HRB 4711", VATID: "USt-IdNr. DE123456789",
	Bank: "Sparkasse Münsterland Ost, IBAN DE02 4005 0150 0000 0000 00",
}

// Directory knows the customer's, the branches' and the technicians'
// names.
var Directory = document.Names{
	Customers: map[string]string{"kruse": "Möbel Kruse GmbH"},
	Branches:  map[string]string{"rheda": "Rheda-Wiedenbrück", "siegen": "Siegen"},
	People: map[string]string{"max": "Max Weber", "eva": "Eva Schäfer", "jonas": "Jonas Brüggemann",
		"wassmann": "Dr. Petra Waßmann"},
}

// Options sends documents from Provider to Möbel Kruse GmbH in lang.
func Options(lang document.Language) document.Options {
	return document.Options{Provider: Provider, Names: Directory,
		Recipient: document.Recipient{CustomerID: "kruse", Language: lang, Attention: "Buchhaltung",
			Address: []string{"Industriestraße 5", "48231 Warendorf"}}}
}

// Contract is a pay-per-report customer with central invoicing, 15-minute
// units with a minimum of two, and the prices of a cooperation agreement.
var Contract = billing.Contract{
	CustomerID: "kruse", ReportRecipient: "buchhaltung@kruse.example",
	Units: billing.UnitPolicy{Size: 15 * time.Minute, Minimum: 2},
	Rates: billing.RateCard{{
		From: D(2026, 1, 1), Hourly: eur("95.00"), FlatFee: eur("49.00"), PerKm: eur("0.60"), VATRate: eur("19"),
		Travel: []billing.TravelZone{{Zone: "Z1", Charge: eur("25.00")}, {Zone: "Z2", Charge: eur("45.00")}},
	}},
}

// Entries is June's work: every kind of decision the report explains.
func Entries(n int) []billing.WorkEntry {
	base := []billing.WorkEntry{
		{TicketID: "T-1", Technician: "max", Date: D(2026, 6, 8), Duration: 80 * time.Minute,
			Activity: billing.ActivitySupport, Fault: billing.FaultCustomer,
			Description: "Lizenzdienst der Warenwirtschaft neu registriert (Schlüssel war abgelaufen)"},
		{TicketID: "T-2", Technician: "eva", Date: D(2026, 6, 8), Duration: 40 * time.Minute,
			Activity: billing.ActivitySupport, Fault: billing.FaultProvider,
			Description: "Backup-Job nach unserem Agent-Update repariert"},
		{TicketID: "T-3", Technician: "eva", Date: D(2026, 6, 5), Duration: 45 * time.Minute,
			Activity: billing.ActivityAdministration, Description: "Backup-Kontrolle, Rücksicherung getestet",
			Goodwill: billing.Goodwill{Percent: eur("50"), Reason: "Einarbeitung des neuen Kollegen"}},
		{TicketID: "T-4", BranchID: "rheda", Technician: "max", Date: D(2026, 6, 10), Duration: 30 * time.Minute,
			Activity: billing.ActivityAdministration, Billable: billing.BillableNo,
			Justification: "Nacharbeit: beim Erstbesuch falsch eingerichtet", Description: "Druckertreiber korrigiert"},
		{TicketID: "T-5", BranchID: "siegen", Technician: "jonas", Date: D(2026, 6, 17), Duration: 130 * time.Minute,
			Activity: billing.ActivityMigration, Travel: billing.Travel{Zone: "Z2"}, OrderRef: "B-2026-044",
			Description: "Postfächer von drei Mitarbeitern in die neue Umgebung migriert"},
		{TicketID: "T-6", BranchID: "siegen", Technician: "jonas", Date: D(2026, 6, 18), Duration: 20 * time.Minute,
			Activity: billing.ActivitySupport, Fault: billing.FaultCustomer, Travel: billing.Travel{Kilometres: 42},
			Description: "Netzwerkkabel am Empfang wieder eingesteckt"},
	}
	out := make([]billing.WorkEntry, 0, n)
	for i := range n {
		e := base[i%len(base)]
		e.ID = fmt.Sprintf("W-%d", i+1)
		e.CustomerID = "kruse"
		if i >= len(base) {
			e.TicketID = fmt.Sprintf("T-%d", 7+i)
			e.Date = D(2026, 6, 1+i%30)
		}
		e.State = billing.Released
		out = append(out, e)
	}
	return out
}

// June is the billing run of June 2026, issued on 1 July.
var June = billing.BillingRun{Period: quota.MustParsePeriod("2026-06"), Issued: D(2026, 7, 1)}

// Report drafts June's service report of n entries.
func Report(n int) billing.ServiceReport {
	dr, err := billing.BillerConfig{}.DraftReports(Contract, June, Entries(n), nil)
	if err != nil {
		panic(err)
	}
	return dr.Reports[0]
}

// Statement is June's quota statement of a contract of 10 hours a month
// for 950.00 whose unused hours roll over.
func Statement() (quota.Statement, quota.Terms) {
	june := quota.MustParsePeriod("2026-06")
	h := time.Hour
	entries := []quota.Entry{
		{Seq: 1, Kind: quota.KindAllotment, Hours: 10 * h, Period: june, Date: D(2026, 6, 1), WorkDate: D(2026, 6, 1), Amount: eur("950.00")},
		{Seq: 2, Kind: quota.KindConsumption, Hours: -45 * time.Minute, Period: june, Date: D(2026, 6, 5), WorkDate: D(2026, 6, 5), Ref: "T-3"},
		{Seq: 3, Kind: quota.KindConsumption, Hours: -90 * time.Minute, Period: june, Date: D(2026, 6, 8), WorkDate: D(2026, 6, 8), Ref: "T-1"},
		{Seq: 4, Kind: quota.KindAdjustment, Hours: 30 * time.Minute, Period: june, Date: D(2026, 6, 12), WorkDate: D(2026, 6, 12),
			Reason: "Gutschrift nach Beschwerde", By: "jonas"},
		{Seq: 5, Kind: quota.KindConsumption, Hours: -135 * time.Minute, Period: june, Date: D(2026, 6, 17), WorkDate: D(2026, 6, 17), Ref: "T-5"},
	}
	s := quota.Statement{ContractID: "K-2026-017", Period: june, Closed: true, Entries: entries,
		Allotted: 10 * h, Consumed: -270 * time.Minute, Adjusted: 30 * time.Minute, Price: eur("950.00")}
	s.Closing = s.Opening + s.Allotted + s.Consumed + s.Adjusted
	s.RolledOver = s.Closing
	return s, quota.Terms{Hours: 10 * h, Price: eur("950.00"), OverageRate: eur("95.00")}
}

// Berlin is the zone of the complaint's dates.
var Berlin, _ = time.LoadLocation("Europe/Berlin")

func at(m time.Month, day, hour int) time.Time { return time.Date(2026, m, day, hour, 0, 0, 0, Berlin) }

// ComplaintCase is a service complaint about ticket T-1, acknowledged,
// rejected, escalated and resolved on review.
func ComplaintCase() (complaint.Complaint, complaint.Acknowledgement, complaint.OutcomeReport) {
	ref := complaint.Reference{Year: 2026, Seq: 1}
	c := complaint.Complaint{Ref: ref, Type: complaint.TypeService, CustomerID: "kruse", ReceivedAt: at(time.June, 9, 10),
		Details: complaint.Details{TicketNumber: "T-1", Name: "Anna Kruse", Email: "anna.kruse@kruse.example",
			Description: "Die Warenwirtschaft stand zwei Tage still."}}
	ack := complaint.Acknowledgement{Ref: ref, ReceivedAt: c.ReceivedAt, AcknowledgedAt: at(time.June, 11, 11),
		Due: at(time.June, 18, 18), OnTime: true, UpdateDue: at(time.July, 1, 18), ResolutionDue: at(time.July, 21, 18)}
	out := complaint.OutcomeReport{Ref: ref, Type: complaint.TypeService, ReceivedAt: c.ReceivedAt, Outcome: complaint.OutcomeResolved,
		Rulings: []complaint.Ruling{
			{Outcome: complaint.OutcomeRejected, At: at(time.June, 30, 15), By: complaint.Actor{ID: "jonas", Team: "service"},
				Decision: complaint.Decision{Explanation: "Der Lizenzschlüssel war abgelaufen; die Verlängerung liegt beim Kunden."}},
			{Outcome: complaint.OutcomeResolved, At: at(time.July, 9, 10), By: complaint.Actor{ID: "wassmann", Team: "management"},
				Decision: complaint.Decision{Explanation: "Wir hätten auf den Ablauf des Schlüssels hinweisen müssen.",
					Actions: []string{"1:30 Std. auf das Kontingent gutgeschrieben", "Ablaufdaten von Lizenzen werden künftig überwacht"}}},
		},
		Actions:  []string{"1:30 Std. auf das Kontingent gutgeschrieben", "Ablaufdaten von Lizenzen werden künftig überwacht"},
		Contacts: 1, Updates: 1, Escalated: true}
	return c, ack, out
}

// Document is any of the package's view models.
type Document interface{ Page() document.Page }

// Documents are the scenario's documents in lang, by name.
func Documents(lang document.Language) (map[string]Document, error) {
	o := Options(lang)
	sr, err := document.NewServiceReport(Report(6), Contract.Units, o)
	if err != nil {
		return nil, err
	}
	st, terms := Statement()
	qs, err := document.NewQuotaStatement(st, terms, document.QuotaDay{On: D(2026, 7, 7), Balance: 330 * time.Minute}, o)
	if err != nil {
		return nil, err
	}
	c, ack, out := ComplaintCase()
	ca, err := document.NewComplaintAcknowledgement(c, ack, "jonas", o)
	if err != nil {
		return nil, err
	}
	co, err := document.NewComplaintOutcome(c, out, o)
	if err != nil {
		return nil, err
	}
	dc, notice, dispute, interest := DunningCase()
	dn, err := document.NewDunningNotice(dc, notice, interest, o)
	if err != nil {
		return nil, err
	}
	da, err := document.NewDisputeAcknowledgement(dc, dispute, o)
	if err != nil {
		return nil, err
	}
	ei, _ := EInvoice()
	iv, err := document.NewInvoice(ei, o)
	if err != nil {
		return nil, err
	}
	return map[string]Document{
		"invoice": iv, "service-report": sr, "quota-statement": qs, "complaint-acknowledgement": ca, "complaint-outcome": co,
		"dunning-notice": dn, "dispute-acknowledgement": da,
	}, nil
}

// DunningCase is the quota fee invoice of June, unpaid: a reminder, a
// dispute of one line with the original invoice attached, and a first
// notice with the flat fee and default interest at the German rules
// (base rate plus 9 points for a business). It returns the case, its
// last notice, the dispute and the policy's interest.
func DunningCase() (dunning.Case, dunning.Notice, dunning.Dispute, dunning.Interest) {
	support, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysNW})
	if err != nil {
		panic(err)
	}
	p := dunning.GermanPolicy(support, []dunning.BaseRate{{From: D(2026, 1, 1), Percent: eur("1.27")}}, "service@systemhaus.example")
	c, err := dunning.NewCase(dunning.OpenInvoice{
		Number: "RE-2026-00417", CustomerID: "kruse", CustomerType: dunning.BusinessCustomer, AccountManager: "jonas",
		Due: D(2026, 7, 15), Amount: eur("1130.50"),
		Payments: []dunning.Payment{{Date: D(2026, 7, 20), Amount: eur("500.00"), Ref: "Kontoauszug 14/3"}},
	})
	if err != nil {
		panic(err)
	}
	var last dunning.Notice
	run := func(on date.Date) {
		res, err := c.Run(p, on)
		if err != nil {
			panic(err)
		}
		if res.Outcome == dunning.Issued {
			last = res.Notice
		}
	}
	for on := D(2026, 7, 16); on <= D(2026, 7, 26); on++ {
		run(on)
	}
	x, err := c.OpenDispute(p, dunning.DisputeRequest{
		Invoice: "RE-2026-00417", ReceivedAt: time.Date(2026, 7, 27, 10, 0, 0, 0, Berlin), By: "anna", Notice: last.No,
		Description: "Zwei Stunden Einrichtung waren laut Angebot kostenlos",
		Lines:       []dunning.DisputedLine{{Line: "2", Amount: eur("226.10"), Reason: "Einrichtung"}},
		Attachments: []dunning.DisputeAttachment{{Kind: dunning.AttachOriginalInvoice, Ref: "mail-0727/1"}},
	})
	if err != nil {
		panic(err)
	}
	if x, err = c.AcknowledgeDispute(p, x.No, dunning.DisputeStep{At: time.Date(2026, 7, 28, 9, 30, 0, 0, Berlin), By: "jonas"}); err != nil {
		panic(err)
	}
	for on := D(2026, 7, 27); on <= D(2026, 8, 20); on++ {
		run(on)
	}
	return c, last, x, p.Interest
}

// EInvoice is the e-invoice of June's service report (Report(6)), as
// billing/einvoice builds it: the visual twin's source.
func EInvoice() (einvoice.Invoice, billing.ServiceReport) {
	r := Report(6)
	draft, ok := r.Invoice()
	if !ok {
		panic("the report bills nothing")
	}
	cfg := einvoice.Config{
		Seller: einvoice.Party{
			Name: Provider.Name, VATID: "DE123456789",
			Address:  einvoice.Address{Line1: "Hauptstraße 12", City: "Warendorf", PostCode: "48231", Country: "DE"},
			Contact:  einvoice.Contact{Name: "Innendienst", Phone: Provider.Phone, Email: Provider.Email},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "rechnung@systemhaus.example"},
		},
		IBAN: "DE89370400440532013000", BIC: "COBADEFFXXX", Terms: "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
	}
	inv, err := cfg.Invoice(einvoice.Source{Draft: draft, Report: &r}, einvoice.Customer{
		Buyer: einvoice.Party{Name: "Möbel Kruse GmbH", ID: "kruse", VATID: "DE811234567",
			Address:  einvoice.Address{Line1: "Industriestraße 5", City: "Warendorf", PostCode: "48231", Country: "DE"},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "rechnungseingang@kruse.example"}},
		BuyerReference: "kruse",
	})
	if err != nil {
		panic(err)
	}
	return inv, r
}

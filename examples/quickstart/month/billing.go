package month

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/ticket"
)

// june is the month played: billed on 1 July.
var june = billing.BillingRun{Period: quota.MustParsePeriod("2026-06"), Issued: day(time.July, 1)}

// work records the technicians' June, billable and not, and closes the
// month: the service report, the invoice drafts and the quota statement.
// It returns the quota fee's invoice draft, which the customer will
// dispute.
func (p *provider) work(ctx context.Context, c *Customer, tk tickets) (billing.InvoiceDraft, error) {
	// Two more tickets, taken on the phone, for work at the branches.
	printer, err := tk.desk.Open(ctx, ticket.Draft{CustomerID: c.ID, ContactID: "tom", Kind: ticket.Incident,
		Channel: ticket.ChannelPhone, Subject: "Etikettendrucker Rheda druckt leer", Received: p.at(time.June, 10, 8, 50)}, dispatcher)
	if err != nil {
		return billing.InvoiceDraft{}, err
	}
	desk, err := tk.desk.Open(ctx, ticket.Draft{CustomerID: c.ID, ContactID: "anna", Kind: ticket.ServiceRequest,
		Channel: ticket.ChannelPhone, Subject: "Neuer Arbeitsplatz Siegen", Received: p.at(time.June, 15, 11, 0)}, dispatcher)
	if err != nil {
		return billing.InvoiceDraft{}, err
	}
	id := func(n ticket.Number) string { return fmt.Sprint("T-", n) }

	biller, err := billing.NewBiller(p.db.Billing(), p.db.Quota(), billing.BillerConfig{})
	if err != nil {
		return billing.InvoiceDraft{}, err
	}
	entries := []billing.WorkEntry{
		{ID: "W-1", TicketID: id(tk.incident), Technician: "max", Date: day(time.June, 8), Duration: 80 * time.Minute,
			Activity: billing.ActivitySupport, Fault: billing.FaultCustomer,
			Description: "Lizenzdienst der Warenwirtschaft neu registriert (Schlüssel war abgelaufen)"},
		{ID: "W-2", TicketID: id(tk.alert), Technician: "eva", Date: day(time.June, 8), Duration: 40 * time.Minute,
			Activity: billing.ActivitySupport, Fault: billing.FaultProvider,
			Description: "Backup-Job nach unserem Agent-Update repariert"},
		{ID: "W-3", TicketID: id(tk.maintenance), Technician: "eva", Date: day(time.June, 5), Duration: 45 * time.Minute,
			Activity: billing.ActivityAdministration, Description: "Backup-Kontrolle, Rücksicherung getestet"},
		{ID: "W-4", BranchID: "rheda", TicketID: id(printer.Number), Technician: "max", Date: day(time.June, 10), Duration: 30 * time.Minute,
			Activity: billing.ActivityAdministration, Billable: billing.BillableNo,
			Justification: "Nacharbeit: beim Erstbesuch falsch eingerichtet", Description: "Druckertreiber korrigiert"},
		{ID: "W-5", BranchID: "siegen", TicketID: id(desk.Number), Technician: "max", Date: day(time.June, 17), Duration: 130 * time.Minute,
			Activity: billing.ActivityAdministration, Travel: billing.Travel{Zone: "Z2"},
			Description: "Arbeitsplatz eingerichtet, Benutzer angelegt"},
	}
	for _, e := range entries {
		e.CustomerID = c.ID
		if _, err := biller.Record(ctx, e); err != nil {
			return billing.InvoiceDraft{}, fmt.Errorf("%s: %w", e.ID, err)
		}
	}
	if err := p.releaseWork(ctx, c, biller, entries); err != nil {
		return billing.InvoiceDraft{}, err
	}

	p.section("Month-end: the billing run for June")
	var fee billing.InvoiceDraft
	for res, err := range biller.Run(ctx, june) {
		if err != nil {
			return billing.InvoiceDraft{}, err
		}
		p.billed = append(p.billed, res)
		for _, r := range res.Reports {
			// The report goes to the customer's report recipient before
			// the invoice: the text is the mail's body, the PDF attached.
			v, err := document.NewServiceReport(r, billing.UnitPolicy{}, p.docs.opts)
			if err != nil {
				return billing.InvoiceDraft{}, err
			}
			var sb strings.Builder
			if err := v.WriteText(&sb); err != nil {
				return billing.InvoiceDraft{}, err
			}
			p.printf("Mail to %s, with %s.pdf attached:", r.Recipient, fileName(r.ID))
			p.printf("%s", indent(sb.String()))
			if err := p.docs.write(fileName(r.ID), v.Page(), true); err != nil {
				return billing.InvoiceDraft{}, err
			}
		}
		p.printf("")
		p.printf("Invoice drafts for the ERP:")
		for _, inv := range res.Invoices {
			p.printf("  %-28s %-8s net %9s  VAT %8s  gross %9s", inv.ID, inv.Kind,
				p.docs.money(inv.Totals.Net), p.docs.money(inv.Totals.VATTotal), p.docs.money(inv.Totals.Gross))
			if inv.QuotaContractID != "" && fee.ID == "" {
				fee = inv
			}
		}
		for _, q := range res.Quota {
			p.printf("Quota %s closed %s: %s", q.ContractID, q.Period, q.Outcome)
		}
	}
	if fee.ID == "" {
		return fee, fmt.Errorf("the run drafted no quota fee invoice")
	}
	return fee, p.statement(ctx, c)
}

// releaseWork has the back office check and release each entry the day
// after it was done, and shows the quota balance of 15 June as the
// customer sees it in the portal meanwhile: day-current, so it moves
// with each release of billable work done by then; work recorded but not
// released is pending beside it; free work and work after the 15th
// leave it as it is.
func (p *provider) releaseWork(ctx context.Context, c *Customer, biller *billing.Biller, entries []billing.WorkEntry) error {
	mid := day(time.June, 15)
	p.section(fmt.Sprintf("The quota balance on %s while the back office releases June's work", mid))
	show := func(what string) error {
		s, err := biller.QuotaStatus(ctx, c.ID, mid)
		if err != nil {
			return err
		}
		p.printf("  %-43s balance %-6s pending %s", what, quota.FormatHours(s.Balance), quota.FormatHours(s.Pending))
		return nil
	}
	if err := show("recorded, nothing released:"); err != nil {
		return err
	}
	for _, e := range entries {
		on := e.Date + 1
		if _, err := biller.Release(ctx, e.ID, "innendienst", on); err != nil {
			return fmt.Errorf("%s: %w", e.ID, err)
		}
		if err := show(fmt.Sprintf("%s of %s released on %s:", e.ID, e.Date, on)); err != nil {
			return err
		}
	}
	return nil
}

// statement prints June's quota statement as a table.
func (p *provider) statement(ctx context.Context, c *Customer) error {
	st, err := p.ledger.Statement(ctx, c.Quota, june.Period)
	if err != nil {
		return err
	}
	p.section(fmt.Sprintf("Quota statement %s, %s", st.ContractID, st.Period))
	w := tabwriter.NewWriter(p.out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "date\tmovement\thours\tbalance\treference\t")
	balance := st.Opening
	fmt.Fprintf(w, "%s\t%s\t\t%s\t\t\n", st.Period.First(), "opening", quota.FormatHours(balance))
	for _, e := range st.Entries {
		balance += e.Hours
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t\n", e.Date, e.Kind, signed(e.Hours), quota.FormatHours(balance), e.Ref)
	}
	fmt.Fprintf(w, "%s\t%s\t\t%s\t\t\n", st.Period.Last(), "closing", quota.FormatHours(st.Closing))
	if err := w.Flush(); err != nil {
		return err
	}
	p.printf("allotted %s, consumed %s; %s rolled over into %s; price %s",
		quota.FormatHours(st.Allotted), quota.FormatHours(-st.Consumed), quota.FormatHours(st.RolledOver),
		st.Period.Next(), p.docs.money(st.Price))

	// The customer's statement, with the balance of the first of July.
	contract, err := p.db.Quota().Account(ctx, c.Quota)
	if err != nil {
		return err
	}
	today := day(time.July, 1)
	current, err := p.ledger.Balance(ctx, c.Quota, today)
	if err != nil {
		return err
	}
	v, err := document.NewQuotaStatement(st, contract.Contract.TermsFor(st.Period), document.QuotaDay{On: today, Balance: current}, p.docs.opts)
	if err != nil {
		return err
	}
	return p.docs.write(fileName("QS/"+st.ContractID+"/"+st.Period.String()), v.Page(), true)
}

// signed formats hours with their sign: +10h, -1h30m.
func signed(d time.Duration) string {
	if d < 0 {
		return "-" + quota.FormatHours(-d)
	}
	return "+" + quota.FormatHours(d)
}

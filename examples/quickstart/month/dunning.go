package month

import (
	"context"
	"time"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/document"
)

// The ERP's number and due date of June's quota fee invoice: 14 days net.
const feeNumber = "RE-2026-00417"

// dunning follows the quota fee invoice through July and August: unpaid,
// it is reminded; the customer disputes part of it, which holds that part
// while the rest is dunned; the account manager upholds the dispute in
// part.
func (p *provider) dunning(ctx context.Context, c *Customer, fee billing.InvoiceDraft) error {
	policy := dunning.Policy{
		Levels: []dunning.Level{
			{Name: "Zahlungserinnerung", Days: 7},
			{Name: "1. Mahnung", Days: 14, After: dunning.AfterPrevious, Fee: eur("5.00")},
			{Name: "2. Mahnung", Days: 14, After: dunning.AfterPrevious, Fee: eur("10.00")},
		},
		Calendar:    p.hotline,
		PaymentDays: 10,
		Dispute:     dunning.DisputePolicy{FallbackContact: "service@meinsystemhaus.example"},
	}
	desk, err := dunning.NewService(p.db.Dunning(), dunning.Config{Policy: policy})
	if err != nil {
		return err
	}
	invoice := dunning.OpenInvoice{
		Number: feeNumber, CustomerID: c.ID, CustomerType: dunning.BusinessCustomer, AccountManager: "am-jonas",
		Due: day(time.July, 15), Amount: fee.Totals.Gross,
	}
	p.section("Dunning " + feeNumber + " (" + fee.ID + ", " + p.docs.money(fee.Totals.Gross) + ", due " + invoice.Due.String() + ")")

	disputeAt := p.at(time.July, 27, 10, 0)
	decideAt := p.at(time.August, 6, 11, 0)
	var no int
	for on := day(time.July, 16); on <= day(time.August, 31); on++ {
		switch on {
		case day(time.July, 27):
			// Two hours of the onboarding were promised free: 190.00 net,
			// 226.10 with VAT.
			x, err := desk.OpenDispute(ctx, dunning.DisputeRequest{
				Invoice: feeNumber, ReceivedAt: disputeAt, By: "anna", Notice: 1,
				Description: "Zwei Stunden Einrichtung waren laut Angebot kostenlos",
				Amount:      eur("226.10"),
				Attachments: []dunning.DisputeAttachment{{Kind: dunning.AttachOriginalInvoice, Ref: "mail-0727/1"}},
				Key:         "<dispute-1@kruse.example>",
			})
			if err != nil {
				return err
			}
			no = x.No
			p.printf("%s dispute %s by %s, to %s: holds %s", disputeAt.Format(stamp),
				x.Ref(), x.By, x.AssignedTo, p.docs.money(x.Held))
			p.printf("  acknowledge by %s, respond by %s", x.AcknowledgeBy.Format(stamp), x.RespondBy.Format(stamp))
		case day(time.July, 28):
			// The account manager acknowledges it the next morning; the
			// customer receives the acknowledgement.
			x, err := desk.AcknowledgeDispute(ctx, feeNumber, no, dunning.DisputeStep{At: p.at(time.July, 28, 9, 30), By: "am-jonas"})
			if err != nil {
				return err
			}
			dc, err := desk.Case(ctx, feeNumber)
			if err != nil {
				return err
			}
			v, err := document.NewDisputeAcknowledgement(dc, x, p.docs.opts)
			if err != nil {
				return err
			}
			if err := p.docs.write(fileName(x.Ref())+"-acknowledgement", v.Page(), false); err != nil {
				return err
			}
		case day(time.August, 6):
			// The account manager checks the disputed amount against offer
			// and order: the offer promised one free hour, not two.
			step := dunning.DisputeStep{At: decideAt, By: "am-jonas"}
			x, err := desk.Case(ctx, feeNumber)
			if err != nil {
				return err
			}
			for _, chk := range x.Disputes[no-1].Checklist {
				chk.Result = dunning.CheckMatches
				if chk.Against == dunning.CheckAgainstOffer {
					chk.Result, chk.Note = dunning.CheckDiffers, "Angebot: eine Stunde Einrichtung frei"
				}
				if _, err := desk.CheckDisputeItem(ctx, feeNumber, no, step, chk); err != nil {
					return err
				}
			}
			d, err := desk.DecideDispute(ctx, feeNumber, no, dunning.DisputeDecision{
				Outcome: dunning.DisputePartlyUpheld, Corrected: eur("113.05"), By: "am-jonas", At: decideAt,
				Reasons: "Eine Stunde (95.00 + 19 % USt) wird gutgeschrieben; die zweite war nicht angeboten",
			})
			if err != nil {
				return err
			}
			p.printf("%s %s: %s corrected (credit note), %s released, due %s", decideAt.Format(stamp),
				d.State, p.docs.money(d.Corrected), p.docs.money(d.Released), d.NewDeadline)
		}
		res, err := desk.RunInvoice(ctx, on, invoice) // the nightly run
		if err != nil {
			return err
		}
		if res.Outcome != dunning.Issued {
			continue
		}
		n := res.Notice
		p.printf("%s %-18s due %9s held %7s fees %6s total %9s by %s", n.Date, n.LevelName,
			p.docs.money(n.Dunned), p.docs.money(n.Held), p.docs.money(n.FeesDue), p.docs.money(n.Total), n.Deadline)
		// The notice the customer receives, with every open item.
		dc, err := desk.Case(ctx, feeNumber)
		if err != nil {
			return err
		}
		v, err := document.NewDunningNotice(dc, n, policy.Interest, p.docs.opts)
		if err != nil {
			return err
		}
		if err := p.docs.write(fileName(n.ID()), v.Page(), false); err != nil {
			return err
		}
	}
	return nil
}

package month

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/sla"
)

// complaintStamp is how the complaint chapter prints deadlines.
const complaintStamp = "Mon 02 Jan 15:04"

// complaint handles Anna Kruse's complaint about the incident on a Dutch
// provider's timeline (acknowledge within 7 business days, update within 14 of
// the acknowledgement, decide within 30 of receipt), counted on the
// provider's NW hotline calendar: the first decision rejects it, she
// escalates, and a reviewer who took no part in the first investigation
// decides anew.
func (p *provider) complaint(ctx context.Context, c *Customer, tk tickets) error {
	policy, err := complaint.NewPolicy(complaint.PresetNL(), sla.Calendars{complaint.OfficeCalendar: p.hotline})
	if err != nil {
		return err
	}
	store := p.db.Complaints()
	sabrina := complaint.Actor{ID: "sabrina", Team: "dispatching"}
	stephan := complaint.Actor{ID: "stephan", Team: "service"}
	head := complaint.Actor{ID: "wassmann", Team: "management"}

	in, err := policy.NewComplaint(complaint.Intake{
		Type: complaint.TypeService, CustomerID: c.ID, ReceivedAt: p.at(time.June, 9, 10, 0),
		Details: complaint.Details{
			TicketNumber: fmt.Sprint("T-", tk.incident), Name: "Anna Kruse", Email: "anna.kruse@kruse.example",
			Description:    "Die Warenwirtschaft stand fast drei Arbeitstage; die 1h30m sollen wir trotzdem zahlen.",
			ResolutionIdea: "Die Stunden gutschreiben",
		},
	})
	if err != nil {
		return err
	}
	stored, err := store.Create(ctx, in)
	if err != nil {
		return err
	}
	ref := stored.Ref

	// step applies one move of the policy to the stored complaint, in the
	// store's transaction.
	step := func(fn func(*complaint.Complaint) error) error {
		_, err := store.Update(ctx, ref, fn)
		return err
	}
	var ack complaint.Acknowledgement
	steps := []func(*complaint.Complaint) error{
		func(x *complaint.Complaint) (err error) {
			ack, err = policy.Acknowledge(x, sabrina, p.at(time.June, 11, 11, 0))
			return err
		},
		func(x *complaint.Complaint) error {
			return policy.StartInvestigation(x, stephan, p.at(time.June, 11, 12, 0))
		},
		func(x *complaint.Complaint) error {
			return policy.SendUpdate(x, stephan, p.at(time.June, 24, 9, 30), "Ticketverlauf und Wartezeit werden geprüft")
		},
		func(x *complaint.Complaint) error {
			return policy.Reject(x, stephan, p.at(time.June, 30, 15, 0), complaint.Decision{
				Explanation: "Der Ausfall lag am abgelaufenen Lizenzschlüssel; das Warten auf den Schlüssel hielt die Uhr an, die Antwortzeit wurde eingehalten.",
			})
		},
		func(x *complaint.Complaint) error {
			return policy.Escalate(x, p.at(time.July, 2, 10, 0), "Niemand hat uns auf den Ablauf des Schlüssels hingewiesen.")
		},
	}
	for _, s := range steps {
		if err := step(s); err != nil {
			return err
		}
	}

	// The acknowledgement the customer receives: the reference number
	// and the dated timeline.
	av, err := document.NewComplaintAcknowledgement(stored, ack, sabrina.ID, p.docs.opts)
	if err != nil {
		return err
	}
	if err := p.docs.write(fileName(ref.String())+"-acknowledgement", av.Page(), false); err != nil {
		return err
	}

	p.section("A complaint on a Dutch provider's timeline (7, 14 and 30 business days), on the NW calendar")
	p.printf("%s received %s about %s", ref, p.at(time.June, 9, 10, 0).Format(complaintStamp), in.Details.TicketNumber)
	p.printf("  acknowledged %s (due %s)", p.at(time.June, 11, 11, 0).Format(complaintStamp), ack.Due.Format(complaintStamp))
	p.printf("  first update due %s, decision due %s", ack.UpdateDue.Format(complaintStamp), ack.ResolutionDue.Format(complaintStamp))

	// The escalation's reviewer must not have taken part: stephan did;
	// lena of his team and the head of service did not.
	x, err := store.Complaint(ctx, ref)
	if err != nil {
		return err
	}
	for _, r := range []complaint.Actor{stephan, {ID: "lena", Team: "service"}, head} {
		err := x.CheckReviewer(r, policy.Config().Independence)
		var ni *complaint.NotIndependentError
		switch {
		case errors.As(err, &ni):
			p.printf("  reviewer %s refused: team %s took part in the first investigation", r, ni.Reviewer.Team)
		case err != nil:
			return err
		default:
			p.printf("  reviewer %s is independent", r)
		}
	}
	err = errors.Join(
		step(func(x *complaint.Complaint) error {
			return policy.AssignReviewer(x, head, p.at(time.July, 2, 11, 0), head)
		}),
		step(func(x *complaint.Complaint) error {
			return policy.DecideFinal(x, head, p.at(time.July, 9, 14, 0), complaint.OutcomeResolved, complaint.Decision{
				Explanation: "Auf den Ablauf hätten wir hinweisen müssen.",
				Actions:     []string{"W-1 (1h30m) im Kontingent gutgeschrieben"},
			})
		}),
	)
	if err != nil {
		return err
	}
	x, err = store.Complaint(ctx, ref)
	if err != nil {
		return err
	}
	tl, err := policy.Timeline(x, p.at(time.July, 31, 12, 0))
	if err != nil {
		return err
	}
	for _, u := range tl.Updates {
		p.printf("  update        %-7s due %s", u.State, u.Due.Format(complaintStamp))
	}
	p.printf("  decision      %-7s due %s  (rejected on %s)", tl.Resolution.State, tl.Resolution.Due.Format(complaintStamp),
		p.at(time.June, 30, 15, 0).Format(complaintStamp))
	p.printf("  escalation    %-7s window until %s  (escalated on %s)", tl.Escalation.State, tl.Escalation.Due.Format(complaintStamp),
		p.at(time.July, 2, 10, 0).Format(complaintStamp))
	if r, ok := x.Reviewer(); ok {
		p.printf("  final decision by %s: %s", r, x.Outcome())
	}
	report, err := x.OutcomeReport()
	if err != nil {
		return err
	}
	ov, err := document.NewComplaintOutcome(x, report, p.docs.opts)
	if err != nil {
		return err
	}
	if err := p.docs.write(fileName(ref.String())+"-outcome", ov.Page(), false); err != nil {
		return err
	}

	// The final decision's action on the quota: the incident's 1h30m go
	// back to the customer as a goodwill credit in July, the open period.
	credit, err := p.ledger.Adjust(ctx, c.Quota, quota.Adjustment{
		Key: "complaint:" + ref.String(), Date: day(time.July, 9), Hours: 90 * time.Minute,
		Reason: "Beschwerde " + ref.String() + ": W-1 gutgeschrieben", By: head.ID,
	})
	if err != nil {
		return err
	}
	balance, err := p.ledger.Balance(ctx, c.Quota, day(time.July, 9))
	if err != nil {
		return err
	}
	p.printf("  quota %s credited %s on %s: balance %s", c.Quota, signed(credit.Hours), credit.Date, quota.FormatHours(balance))
	return nil
}

package dunning_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/sla"
)

// dunLinesRequest disputes lines 2 (200.00) and 3 (100.00) of the test
// invoice, received at, with a copy of the original invoice only.
func dunLinesRequest(at time.Time) dunning.DisputeRequest {
	return dunning.DisputeRequest{
		Invoice: "RE-2025-0001", ReceivedAt: at, By: "kunde@example.de", Notice: 1,
		Description: "Position 2 und 3 stimmen nicht mit dem Angebot überein",
		Lines: []dunning.DisputedLine{
			{Line: "2", Amount: dmoney("200.00"), Reason: "Stundensatz höher als angeboten"},
			{Line: "3", Amount: dmoney("100.00")},
		},
		Attachments: []dunning.DisputeAttachment{{Kind: dunning.AttachOriginalInvoice, Ref: "mail-4711/1"}},
	}
}

// dunReminded is the test invoice with its reminder of 6 June issued.
func dunReminded(t *testing.T, p dunning.Policy) *dunning.Case {
	c := dunCase(t, dunInvoice())
	dunRun(t, c, p, dday(2025, 6, 6), dunning.Issued)
	return c
}

// dunCheckAll records every pending checklist line as matching.
func dunCheckAll(t *testing.T, c *dunning.Case, p dunning.Policy, no int, at time.Time) {
	t.Helper()
	x, err := c.Dispute(no)
	require.NoError(t, err)
	for _, chk := range x.Checklist {
		chk.Result = dunning.CheckMatches
		_, err := c.CheckDisputeItem(p, no, dunning.DisputeStep{At: at, By: "am-anna"}, chk)
		require.NoError(t, err)
	}
}

// TestOpenDispute: received Tuesday 10 June 2025 at 10:00, after the
// reminder of 6 June. On the support calendar (Mon-Fri 09:00-17:00):
// acknowledge within 1 business day, by the close of Wednesday 11 June;
// respond within 10 business days: 11, 12, 13, 16, 17, 18, 19, 20, 23,
// 24 June, by 17:00 on Tuesday 24 June.
func TestOpenDispute(t *testing.T) {
	p := dunPolicy()
	c := dunReminded(t, p)
	x, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 10, 10, 0)))
	require.NoError(t, err)
	req := dunLinesRequest(dber(2025, 6, 10, 10, 0))
	pending := func(item string, against dunning.DisputeCheckSource) dunning.DisputeCheck {
		return dunning.DisputeCheck{Item: item, Against: against}
	}
	want := dunning.Dispute{
		No: 1, Invoice: "RE-2025-0001", Notice: 1,
		ReceivedAt: dber(2025, 6, 10, 10, 0), ReceivedOn: dday(2025, 6, 10),
		By: "kunde@example.de", Description: req.Description, Lines: req.Lines,
		Disputed: dmoney("300"), Held: dmoney("300"), NoticesBefore: 1,
		Attachments:   req.Attachments,
		Missing:       []dunning.DisputeAttachmentKind{dunning.AttachOffer, dunning.AttachNotice},
		AssignedTo:    "am-anna",
		AcknowledgeBy: dber(2025, 6, 11, 17, 0), RespondBy: dber(2025, 6, 24, 17, 0),
		Checklist: []dunning.DisputeCheck{
			pending("line 2", dunning.CheckAgainstOffer), pending("line 2", dunning.CheckAgainstOrder),
			pending("line 3", dunning.CheckAgainstOffer), pending("line 3", dunning.CheckAgainstOrder),
		},
		State:     dunning.DisputeReceived,
		Corrected: decimal.Zero, Released: decimal.Zero, WaivedFees: decimal.Zero, WaivedInterest: decimal.Zero,
	}
	if diff := cmp.Diff(want, x); diff != "" {
		t.Errorf("dispute (-want +got):\n%s", diff)
	}
	require.True(t, x.Incomplete())
	require.Equal(t, "RE-2025-0001/D1", x.Ref())
	e := c.History[len(c.History)-1]
	require.Equal(t, dunning.EventDisputeOpened, e.Kind)
	require.Equal(t, dunning.DisputeReceived, e.To)
	require.Equal(t, "kunde@example.de", e.By)
	require.Contains(t, e.Reason, "lines 2, 3 (300.00): 300.00 held of 1000.00 open")
	require.Contains(t, e.Reason, "incomplete: missing copies of offer, dunning notice")
	require.Contains(t, e.Reason, "routed to account manager am-anna")
}

func TestDisputeRouting(t *testing.T) {
	p := dunPolicy()
	inv := dunInvoice()
	inv.AccountManager = ""
	c := dunCase(t, inv)
	// Before any notice a copy of one cannot be expected.
	req := dunLinesRequest(dber(2025, 6, 2, 9, 30))
	req.Notice = 0
	req.Attachments = append(req.Attachments, dunning.DisputeAttachment{Kind: dunning.AttachOffer, Ref: "mail-1/2"})
	x, err := c.OpenDispute(p, req)
	require.NoError(t, err)
	require.Equal(t, "cs@ampere.cloud", x.AssignedTo)
	require.True(t, x.Fallback)
	require.False(t, x.Incomplete(), "offer and invoice attached, no notice issued yet: %v", x.Missing)
	require.Contains(t, c.History[0].Reason, "routed to cs@ampere.cloud: no account manager on record")
}

// TestDisputeDeadlines: on Mon-Fri 09:00-17:00, "1 business day" is the
// close of the next business day after receipt, receipt outside the
// hours counting from the next opening; "4h business" counts open time.
func TestDisputeDeadlines(t *testing.T) {
	tests := []struct {
		name     string
		target   sla.Target
		received time.Time
		due      time.Time
	}{
		{"friday_afternoon_is_due_monday", sla.Target{}, dber(2025, 6, 13, 16, 30), dber(2025, 6, 16, 17, 0)},
		{"saturday_counts_from_monday", sla.Target{}, dber(2025, 6, 14, 11, 0), dber(2025, 6, 17, 17, 0)},
		{"friday_before_whit_monday_is_due_tuesday", sla.Target{}, dber(2025, 6, 6, 12, 0), dber(2025, 6, 10, 17, 0)},
		// 30 minutes on Friday, 3h30 on Monday from 09:00.
		{"four_business_hours_over_a_weekend", sla.MustParseTarget("4h business"), dber(2025, 6, 13, 16, 30), dber(2025, 6, 16, 12, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dunPolicy()
			p.Dispute.Acknowledge = tt.target
			c := dunCase(t, dunInvoice())
			x, err := c.OpenDispute(p, dunning.DisputeRequest{Invoice: "RE-2025-0001", ReceivedAt: tt.received, By: "k", Description: "?", All: true})
			require.NoError(t, err)
			require.True(t, tt.due.Equal(x.AcknowledgeBy), "due %s, want %s", x.AcknowledgeBy, tt.due)
			require.False(t, x.AcknowledgedLate(tt.due))
			require.True(t, x.AcknowledgedLate(tt.due.Add(time.Minute)))
		})
	}
}

func TestOpenDisputeRefused(t *testing.T) {
	p := dunPolicy()
	t.Run("every_problem_at_once", func(t *testing.T) {
		c := dunReminded(t, p)
		_, err := c.OpenDispute(p, dunning.DisputeRequest{
			Invoice: "RE-9", Notice: 3, Amount: dmoney("10"), Lines: []dunning.DisputedLine{{Line: "1", Amount: dmoney("-1")}, {Line: "1", Amount: dmoney("1")}},
			Attachments: []dunning.DisputeAttachment{{Kind: 9}},
		})
		var verr *dunning.ValidationError
		require.ErrorAs(t, err, &verr)
		for _, f := range []string{"Invoice", "ReceivedAt", "By", "Description", "Amount", "Notice",
			"Lines[0].Amount", "Lines[1].Line", "Attachments[0].Kind", "Attachments[0].Ref"} {
			require.True(t, verr.Has(f), "%s not reported in %v", f, err)
		}
		require.Len(t, c.Disputes, 0)
		require.Len(t, c.History, 1, "nothing recorded")
	})
	t.Run("say_what_is_disputed", func(t *testing.T) {
		c := dunReminded(t, p)
		_, err := c.OpenDispute(p, dunning.DisputeRequest{Invoice: "RE-2025-0001", ReceivedAt: dber(2025, 6, 10, 10, 0), By: "k", Description: "?"})
		var verr *dunning.ValidationError
		require.True(t, errorsAs(err, &verr) && verr.Has("All"), "%v", err)
	})
	// disputeAfterPayment disputes lines 2 and 3 on 10 June, a payment
	// booked the day before.
	disputeAfterPayment := func(paid string) (dunning.Dispute, error) {
		inv := dunInvoice()
		inv.Payments = []dunning.Payment{{Date: dday(2025, 6, 9), Amount: dmoney(paid)}}
		req := dunLinesRequest(dber(2025, 6, 10, 10, 0))
		req.Notice = 0
		return dunCase(t, inv).OpenDispute(p, req)
	}
	t.Run("a_settled_invoice", func(t *testing.T) {
		_, err := disputeAfterPayment("1000.00")
		require.ErrorIs(t, err, dunning.ErrInvoiceSettled)
		var derr *dunning.DisputeInvoiceError
		require.ErrorAs(t, err, &derr)
		require.Equal(t, "RE-2025-0001", derr.Invoice)
	})
	t.Run("more_than_is_open_holds_what_is_open", func(t *testing.T) {
		x, err := disputeAfterPayment("850.00")
		require.NoError(t, err)
		dunDecimalEqual(t, "300", x.Disputed, "disputed")
		dunDecimalEqual(t, "150", x.Held, "held: 1000 - 850")
	})
}

// TestPartialDisputeHeldWhileRemainderDunned: lines 2 and 3 (300.00) are
// disputed on 10 June; the first notice of 20 June demands the undisputed
// 700.00 only. With interest at base + 9 from 31 May (default after the
// due date of 30 May), none on the held 300.00 from 10 June:
//
//	reminder 6 June:  31 May..5 June 6 days × 1000 × 11.27 = 67620
//	                  67620 / 36500 = 1.8526 = 1.85
//	notice 20 June:   31 May..9 June 10 days × 1000 × 11.27 = 112700
//	                  10..19 June 10 days ×  700 × 11.27 =  78890
//	                  191590 / 36500 = 5.2490 = 5.25
//	                  total 700.00 + 5.00 + 5.25 = 710.25
//
// With InterestWhileHeld, 20 days × 1000 × 11.27 = 225400 / 36500 = 6.1753
// = 6.18, total 711.18. With HoldAll, nothing is issued.
func TestPartialDisputeHeldWhileRemainderDunned(t *testing.T) {
	tests := []struct {
		name                    string
		policy                  func(*dunning.Policy)
		want                    dunning.Outcome
		dunned, interest, total string
		spans                   []dunning.InterestSpan
	}{
		{"remainder_is_dunned", nil, dunning.Issued, "700", "5.25", "710.25", []dunning.InterestSpan{
			{From: dday(2025, 5, 31), To: dday(2025, 6, 10), Base: dmoney("1000"), Percent: dmoney("11.27")},
			{From: dday(2025, 6, 10), To: dday(2025, 6, 20), Base: dmoney("700"), Percent: dmoney("11.27")},
		}},
		{"interest_while_held", func(p *dunning.Policy) { p.Dispute.InterestWhileHeld = true },
			dunning.Issued, "700", "6.18", "711.18", []dunning.InterestSpan{
				{From: dday(2025, 5, 31), To: dday(2025, 6, 20), Base: dmoney("1000"), Percent: dmoney("11.27")},
			}},
		{"hold_all", func(p *dunning.Policy) { p.Dispute.HoldAll = true }, dunning.Held, "", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dunPolicy()
			p.Default = dunning.DefaultAfterDueDate
			p.Interest = dunning.Interest{BaseRates: dunRates, BusinessMargin: dmoney("9"), ConsumerMargin: dmoney("5")}
			if tt.policy != nil {
				tt.policy(&p)
			}
			c := dunCase(t, dunInvoice())
			n1 := dunRun(t, c, p, dday(2025, 6, 6), dunning.Issued).Notice
			dunDecimalEqual(t, "1.85", n1.Interest, "reminder interest")
			_, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 10, 10, 0)))
			require.NoError(t, err)
			res := dunRun(t, c, p, dday(2025, 6, 20), tt.want)
			if tt.want != dunning.Issued {
				require.Len(t, c.Notices, 1)
				dunDecimalEqual(t, "1000", res.Standing.Held, "all held")
				return
			}
			n := res.Notice
			require.Equal(t, 2, n.Level)
			dunDecimalEqual(t, "1000", n.Open, "open")
			dunDecimalEqual(t, "300", n.Held, "held")
			dunDecimalEqual(t, tt.dunned, n.Dunned, "dunned")
			dunDecimalEqual(t, tt.interest, n.Interest, "interest")
			dunDecimalEqual(t, tt.total, n.Total, "total")
			if diff := cmp.Diff(tt.spans, n.InterestSpans); diff != "" {
				t.Errorf("spans (-want +got):\n%s", diff)
			}
			require.Contains(t, n.Reasons, "dispute 1, received 2025-06-10, holds 300.00")
		})
	}
}

// TestDisputeOutcomes: reminder 6 June, first notice 20 June (5.00 on
// 1,000.00 demanded), lines 2 and 3 (300.00) disputed Monday 23 June,
// decided Thursday 26 June. The second notice falls due 20 June + 14 =
// 4 July; a released part is payable by 26 June + 10 = 6 July.
//
//	upheld:        300.00 corrected, fee waived 5.00 × 300 / 1000 = 1.50;
//	               7 July: 300.00 withheld until credited, 700.00 dunned,
//	               fees 3.50 + 10.00 = 13.50, total 713.50
//	partly (100):  waived 5.00 × 100 / 1000 = 0.50, 200.00 released;
//	               7 July: 100.00 withheld, 900.00 dunned,
//	               fees 4.50 + 10.00 = 14.50, total 914.50
//	rejected:      300.00 released; 7 July: 1000.00 dunned, total 1015.00;
//	               6 July (the new deadline): 300.00 still withheld
//	withdrawn:     as rejected
//	upheld, credit of 300.00 booked 30 June and linked: open 700.00,
//	               nothing withheld (not subtracted twice); the credit stops
//	               the escalation until 30 June + 10 + 1 = 11 July
func TestDisputeOutcomes(t *testing.T) {
	decided := dber(2025, 6, 26, 10, 0)
	tests := []struct {
		name     string
		decision dunning.DisputeDecision
		credit   bool
		on       date.Date
		// the decision
		corrected, released, waived string
		deadline                    date.Date
		// the notice on the day
		held, dunned, feesDue, total string
	}{
		{name: "upheld", decision: dunning.DisputeDecision{Outcome: dunning.DisputeUpheld, Reasons: "Stundensatz laut Angebot 95,00"},
			on: dday(2025, 7, 7), corrected: "300", released: "0", waived: "1.50",
			held: "300", dunned: "700", feesDue: "13.50", total: "713.50"},
		{name: "partly_upheld", decision: dunning.DisputeDecision{Outcome: dunning.DisputePartlyUpheld, Corrected: dmoney("100"), Reasons: "Position 3 korrigiert, Position 2 laut Bestellung richtig"},
			on: dday(2025, 7, 7), corrected: "100", released: "200", waived: "0.50", deadline: dday(2025, 7, 6),
			held: "100", dunned: "900", feesDue: "14.50", total: "914.50"},
		{name: "rejected", decision: dunning.DisputeDecision{Outcome: dunning.DisputeRejected, Reasons: "Positionen entsprechen Angebot und Bestellung"},
			on: dday(2025, 7, 7), corrected: "0", released: "300", waived: "0", deadline: dday(2025, 7, 6),
			held: "0", dunned: "1000", feesDue: "15", total: "1015"},
		{name: "rejected_on_the_new_deadline", decision: dunning.DisputeDecision{Outcome: dunning.DisputeRejected, Reasons: "Positionen entsprechen Angebot und Bestellung"},
			on: dday(2025, 7, 6), corrected: "0", released: "300", waived: "0", deadline: dday(2025, 7, 6),
			held: "300", dunned: "700", feesDue: "15", total: "715"},
		{name: "withdrawn", decision: dunning.DisputeDecision{Outcome: dunning.DisputeWithdrawn},
			on: dday(2025, 7, 7), corrected: "0", released: "300", waived: "0", deadline: dday(2025, 7, 6),
			held: "0", dunned: "1000", feesDue: "15", total: "1015"},
		{name: "upheld_and_credited", decision: dunning.DisputeDecision{Outcome: dunning.DisputeUpheld}, credit: true,
			on: dday(2025, 7, 11), corrected: "300", released: "0", waived: "1.50",
			held: "0", dunned: "700", feesDue: "13.50", total: "713.50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dunPolicy()
			c := dunReminded(t, p)
			dunRun(t, c, p, dday(2025, 6, 20), dunning.Issued)
			_, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 23, 10, 0)))
			require.NoError(t, err)
			dunCheckAll(t, c, p, 1, dber(2025, 6, 25, 15, 0))
			d := tt.decision
			d.At, d.By = decided, "am-anna"
			if d.Outcome == dunning.DisputeWithdrawn {
				d.By = "kunde@example.de"
			}
			x, err := c.DecideDispute(p, 1, d)
			require.NoError(t, err)
			require.Equal(t, d.Outcome, x.State)
			dunDecimalEqual(t, tt.corrected, x.Corrected, "corrected")
			dunDecimalEqual(t, tt.released, x.Released, "released")
			dunDecimalEqual(t, tt.waived, x.WaivedFees, "waived fees")
			require.Equal(t, tt.deadline, x.NewDeadline)
			if tt.credit {
				inv := c.Invoice
				inv.Payments = append(inv.Payments, dunning.Payment{Date: dday(2025, 6, 30), Amount: dmoney("300"), Credit: true, Dispute: 1, Ref: "GS-2025-0009"})
				_, err := c.Refresh(inv, dday(2025, 6, 30), "erp")
				require.NoError(t, err)
				dunRun(t, c, p, dday(2025, 7, 7), dunning.PaymentReceived)
			}
			n := dunRun(t, c, p, tt.on, dunning.Issued).Notice
			require.Equal(t, 3, n.Level, "the next level, never more")
			dunDecimalEqual(t, tt.held, n.Held, "held")
			dunDecimalEqual(t, tt.dunned, n.Dunned, "dunned")
			dunDecimalEqual(t, tt.feesDue, n.FeesDue, "fees due")
			dunDecimalEqual(t, tt.total, n.Total, "total")

			var e dunning.Event
			for _, e = range c.History {
				if e.Kind == dunning.EventDisputeDecided {
					break
				}
			}
			require.Equal(t, dunning.EventDisputeDecided, e.Kind)
			require.Equal(t, dunning.DisputeReceived, e.From, "never acknowledged: the decision is the answer")
			require.Equal(t, d.Outcome, e.To)
			require.Equal(t, d.By, e.By)
			require.Contains(t, e.Reason, d.Outcome.String())
			require.Contains(t, e.Reason, d.Reasons)
		})
	}
}

// TestDisputeWaivesInterest: 300.00 disputed on Tuesday 10 June and upheld
// on Thursday 12 June, interest at base + 9 from 31 May. Interest to 12
// June (excluded):
//
//	before: 31 May..9 June 10 days × 1000 × 11.27 = 112700
//	        10..11 June     2 days ×  700 × 11.27 =  15778
//	        128478 / 36500 = 3.5199 = 3.52
//	after:  31 May..11 June 12 days × 700 × 11.27 = 94668
//	        94668 / 36500 = 2.5936 = 2.59
//	waived: 3.52 - 2.59 = 0.93
func TestDisputeWaivesInterest(t *testing.T) {
	p := dunPolicy()
	p.Default = dunning.DefaultAfterDueDate
	p.Interest = dunning.Interest{BaseRates: dunRates, BusinessMargin: dmoney("9")}
	c := dunReminded(t, p)
	_, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 10, 10, 0)))
	require.NoError(t, err)
	x, err := c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputeUpheld, At: dber(2025, 6, 12, 11, 0), By: "am-anna"})
	require.NoError(t, err)
	dunDecimalEqual(t, "0.93", x.WaivedInterest, "waived interest")
	dunDecimalEqual(t, "0", x.WaivedFees, "the reminder was free")
	require.True(t, x.AcknowledgedLate(x.DecidedAt), "acknowledged by the decision on 12 June, after 11 June 17:00")
}

// TestDisputeHoldNeverAdvancesALevel: the whole invoice is disputed on 10
// June, after the reminder of 6 June, and rejected on Friday 1 August; the
// run goes every day. Nothing is issued while held, nor until the new
// deadline, 1 August + 10 = Monday 11 August, has passed. Then the next
// level, the first notice, follows on 12 August, though by the calendar
// every level would long be due; the second comes 12 + 14 = 26 August.
func TestDisputeHoldNeverAdvancesALevel(t *testing.T) {
	p := dunPolicy()
	c := dunReminded(t, p)
	_, err := c.OpenDispute(p, dunning.DisputeRequest{Invoice: "RE-2025-0001", ReceivedAt: dber(2025, 6, 10, 10, 0),
		By: "kunde@example.de", Notice: 1, Description: "Leistung nicht erbracht", All: true})
	require.NoError(t, err)
	var issued []date.Date
	for on := dday(2025, 6, 7); on <= dday(2025, 9, 30); on++ {
		if on == dday(2025, 8, 1) {
			dunCheckAll(t, c, p, 1, dber(2025, 8, 1, 9, 0))
			_, err := c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputeRejected,
				At: dber(2025, 8, 1, 10, 0), By: "am-anna", Reasons: "Leistung laut Servicebericht SB-88 erbracht"})
			require.NoError(t, err)
		}
		res, err := c.Run(p, on)
		require.NoError(t, err)
		switch {
		case res.Outcome == dunning.Issued:
			issued = append(issued, on)
		case on >= dday(2025, 6, 10) && on <= dday(2025, 8, 11):
			require.Equal(t, dunning.Held, res.Outcome, "%s: %v", on, res.Reasons)
		}
	}
	require.Equal(t, []date.Date{dday(2025, 8, 12), dday(2025, 8, 26)}, issued)
	require.Equal(t, []int{1, 2, 3}, []int{c.Notices[0].Level, c.Notices[1].Level, c.Notices[2].Level})
}

func TestDisputeSteps(t *testing.T) {
	p := dunPolicy()
	c := dunReminded(t, p)
	_, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 10, 10, 0)))
	require.NoError(t, err)

	// Acknowledged Thursday 12 June: late, it was due 11 June 17:00.
	x, err := c.AcknowledgeDispute(p, 1, dunning.DisputeStep{At: dber(2025, 6, 12, 9, 15), By: "am-anna", Note: "Rückruf vereinbart"})
	require.NoError(t, err)
	require.Equal(t, dunning.DisputeAcknowledged, x.State)
	require.True(t, x.AcknowledgedLate(x.AcknowledgedAt))
	_, err = c.AcknowledgeDispute(p, 1, dunning.DisputeStep{At: dber(2025, 6, 12, 9, 20), By: "am-anna"})
	require.ErrorIs(t, err, dunning.ErrConflict)

	x, err = c.AttachToDispute(p, 1, dunning.DisputeStep{At: dber(2025, 6, 12, 10, 0), By: "kunde@example.de"},
		dunning.DisputeAttachment{Kind: dunning.AttachOffer, Ref: "mail-4712/1", Name: "Angebot AN-77.pdf"})
	require.NoError(t, err)
	require.Equal(t, []dunning.DisputeAttachmentKind{dunning.AttachNotice}, x.Missing)
	x, err = c.AttachToDispute(p, 1, dunning.DisputeStep{At: dber(2025, 6, 12, 10, 5), By: "kunde@example.de"},
		dunning.DisputeAttachment{Kind: dunning.AttachNotice, Ref: "mail-4712/2"})
	require.NoError(t, err)
	require.False(t, x.Incomplete())

	// A difference needs a note; a result replaces the line of its item.
	step := dunning.DisputeStep{At: dber(2025, 6, 13, 14, 0), By: "am-anna"}
	_, err = c.CheckDisputeItem(p, 1, step, dunning.DisputeCheck{Item: "line 2", Against: dunning.CheckAgainstOffer, Result: dunning.CheckDiffers})
	var verr *dunning.ValidationError
	require.True(t, errorsAs(err, &verr) && verr.Has("Note"), "%v", err)
	x, err = c.CheckDisputeItem(p, 1, step, dunning.DisputeCheck{Item: "line 2", Against: dunning.CheckAgainstOffer, Result: dunning.CheckDiffers, Note: "95,00 statt 110,00 je Stunde"})
	require.NoError(t, err)
	require.Len(t, x.Checklist, 4)
	require.Equal(t, dunning.DisputeCheck{Item: "line 2", Against: dunning.CheckAgainstOffer, Result: dunning.CheckDiffers,
		Note: "95,00 statt 110,00 je Stunde", By: "am-anna", At: step.At}, x.Checklist[0])
	x, err = c.CheckDisputeItem(p, 1, step, dunning.DisputeCheck{Item: "line 5", Against: dunning.CheckAgainstOrder, Result: dunning.CheckNotApplicable, Note: "telefonisch beauftragt"})
	require.NoError(t, err)
	require.Len(t, x.Checklist, 5, "an item the customer did not name")

	// Rejecting needs reasons and every item compared.
	_, err = c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputeRejected, At: dber(2025, 6, 16, 10, 0), By: "am-anna"})
	require.True(t, errorsAs(err, &verr) && verr.Has("Reasons") && verr.Has("Checklist"), "%v", err)
	_, err = c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputePartlyUpheld, Corrected: dmoney("300"), At: dber(2025, 6, 16, 10, 0), By: "am-anna", Reasons: "x"})
	require.True(t, errorsAs(err, &verr) && verr.Has("Corrected"), "%v", err)
	_, err = c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputeUpheld, Corrected: dmoney("200"), At: dber(2025, 6, 16, 10, 0), By: "am-anna"})
	require.True(t, errorsAs(err, &verr) && verr.Has("Corrected"), "%v", err)
	_, err = c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputeAcknowledged, At: dber(2025, 6, 9, 10, 0), By: "am-anna"})
	require.True(t, errorsAs(err, &verr) && verr.Has("Outcome") && verr.Has("At"), "%v", err)
	_, err = c.DecideDispute(p, 2, dunning.DisputeDecision{Outcome: dunning.DisputeWithdrawn, At: dber(2025, 6, 16, 10, 0), By: "k"})
	require.ErrorIs(t, err, dunning.ErrNotFound)

	x, err = c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputeUpheld, At: dber(2025, 6, 16, 10, 0), By: "am-anna", Reasons: "Angebot gilt"})
	require.NoError(t, err)
	require.False(t, x.RespondedLate(x.DecidedAt), "due 24 June")
	_, err = c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputeRejected, At: dber(2025, 6, 17, 10, 0), By: "am-anna", Reasons: "doch nicht"})
	require.ErrorIs(t, err, dunning.ErrLocked)
	_, err = c.AttachToDispute(p, 1, dunning.DisputeStep{At: dber(2025, 6, 17, 10, 0), By: "k"}, dunning.DisputeAttachment{Kind: dunning.AttachOther, Ref: "r"})
	require.ErrorIs(t, err, dunning.ErrLocked)

	// The history: who did what, from which state to which, and why.
	type ev struct {
		Kind     dunning.EventKind
		By       string
		From, To dunning.DisputeState
	}
	var got []ev
	for _, e := range c.History {
		got = append(got, ev{e.Kind, e.By, e.From, e.To})
	}
	R, A, U := dunning.DisputeReceived, dunning.DisputeAcknowledged, dunning.DisputeUpheld
	want := []ev{
		{dunning.EventNotice, dunning.RunActor, 0, 0},
		{dunning.EventDisputeOpened, "kunde@example.de", 0, R},
		{dunning.EventDisputeAcknowledged, "am-anna", R, A},
		{dunning.EventDisputeAttached, "kunde@example.de", A, A},
		{dunning.EventDisputeAttached, "kunde@example.de", A, A},
		{dunning.EventDisputeChecked, "am-anna", A, A},
		{dunning.EventDisputeChecked, "am-anna", A, A},
		{dunning.EventDisputeDecided, "am-anna", A, U},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	for i, e := range c.History {
		require.Equal(t, i+1, e.Seq)
		require.NotEmpty(t, e.Reason, "event %d says why", e.Seq)
	}
	require.Contains(t, c.History[2].Reason, "acknowledged late: it was due by 2025-06-11T17:00:00+02:00: Rückruf vereinbart")
	require.Contains(t, c.History[5].Reason, "line 2 against the offer: differs (95,00 statt 110,00 je Stunde)")
}

// TestDunningCaseClone: a clone shares nothing with its original.
func TestDunningCaseClone(t *testing.T) {
	p := dunPolicy()
	c := dunReminded(t, p)
	_, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 10, 10, 0)))
	require.NoError(t, err)
	cl := c.Clone()
	if diff := cmp.Diff(*c, cl, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("clone differs (-orig +clone):\n%s", diff)
	}
	cl.Notices[0].Reasons[0] = "x"
	cl.Disputes[0].Lines[0].Line = "x"
	cl.Disputes[0].Checklist[0].Item = "x"
	cl.Disputes[0].Missing[0] = dunning.AttachOther
	cl.History[0].Reason = "x"
	cl.Invoice.Number = "x"
	require.NotEqual(t, "x", c.Notices[0].Reasons[0])
	require.NotEqual(t, "x", c.Disputes[0].Lines[0].Line)
	require.NotEqual(t, "x", c.Disputes[0].Checklist[0].Item)
	require.NotEqual(t, dunning.AttachOther, c.Disputes[0].Missing[0])
	require.NotEqual(t, "x", c.History[0].Reason)
}

// A retried submission (the same e-mail processed twice, a double click in
// the portal) must not open a second dispute or hold twice.
func TestOpenDisputeIsIdempotentByKey(t *testing.T) {
	p := dunPolicy()
	c := dunReminded(t, p)
	req := dunLinesRequest(dber(2025, 6, 10, 10, 0))
	req.Key = "<CAF3x1@mail.example.de>"
	first, err := c.OpenDispute(p, req)
	require.NoError(t, err)
	history := len(c.History)

	again, err := c.OpenDispute(p, req)
	require.NoError(t, err)
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("retry returned another dispute (-first +again):\n%s", diff)
	}
	require.Len(t, c.Disputes, 1)
	require.Len(t, c.History, history, "a retry records nothing")

	other := req
	other.Description = "something else entirely"
	_, err = c.OpenDispute(p, other)
	require.ErrorIs(t, err, dunning.ErrConflict)
	require.Len(t, c.Disputes, 1)

	// Without a key, the same content is a second dispute, as before.
	req.Key = ""
	second, err := c.OpenDispute(p, req)
	require.NoError(t, err)
	require.Equal(t, 2, second.No)
}

// A partly upheld or rejected decision requires the finished checklist:
// every disputed item compared against the offer and the order. Upheld
// in full and withdrawn need none. The error names the field and the
// pending lines.
func TestDecisionRequiresTheFinishedChecklist(t *testing.T) {
	decision := func(o dunning.DisputeState) dunning.DisputeDecision {
		d := dunning.DisputeDecision{Outcome: o, At: dber(2025, 6, 16, 10, 0), By: "am-anna", Reasons: "Stundensatz laut Angebot 95,00"}
		if o == dunning.DisputePartlyUpheld {
			d.Corrected = dmoney("30.00") // of the 300.00 disputed
		}
		return d
	}
	tests := []struct {
		outcome       dunning.DisputeState
		needsChecks   bool
		checkedBefore bool
	}{
		{dunning.DisputePartlyUpheld, true, false},
		{dunning.DisputePartlyUpheld, true, true},
		{dunning.DisputeRejected, true, false},
		{dunning.DisputeRejected, true, true},
		{dunning.DisputeUpheld, false, false},
		{dunning.DisputeWithdrawn, false, false},
	}
	for _, tt := range tests {
		name := tt.outcome.String()
		if tt.checkedBefore {
			name += "_after_every_check"
		} else {
			name += "_with_the_checklist_pending"
		}
		t.Run(name, func(t *testing.T) {
			p := dunPolicy()
			c := dunReminded(t, p)
			_, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 10, 10, 0)))
			require.NoError(t, err)
			if tt.checkedBefore {
				dunCheckAll(t, c, p, 1, dber(2025, 6, 13, 14, 0))
			}
			before := c.Clone()
			x, err := c.DecideDispute(p, 1, decision(tt.outcome))
			if tt.needsChecks && !tt.checkedBefore {
				var verr *dunning.ValidationError
				require.True(t, errorsAs(err, &verr) && verr.Has("Checklist"), "%v", err)
				require.ErrorIs(t, err, dunning.ErrInvalid)
				require.ErrorContains(t, err, "a "+tt.outcome.String()+" decision requires the finished checklist")
				require.ErrorContains(t, err, "line 2 against the offer")
				require.Equal(t, before, *c, "a refused decision changes nothing")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.outcome, x.State)
		})
	}
}

// A dispute cannot claim more than was invoiced: 500.00 disputed on the
// 1,000.00 invoice is fine, 1,000.01 is not, by an amount or by lines.
// Such a dispute used to be accepted and upheld for more than the invoice.
func TestDisputeOfMoreThanTheInvoiceIsRefused(t *testing.T) {
	line := func(amount string) []dunning.DisputedLine {
		return []dunning.DisputedLine{{Line: "1", Amount: dmoney("600.00")}, {Line: "2", Amount: dmoney(amount)}}
	}
	tests := []struct {
		name   string
		amount string
		lines  []dunning.DisputedLine
		field  string // "" when accepted
	}{
		{"half_the_invoice", "500.00", nil, ""},
		{"all_of_it_as_an_amount", "1000.00", nil, ""},
		{"a_cent_more", "1000.01", nil, "Amount"},
		{"five_times_the_invoice", "5000.00", nil, "Amount"},
		{"lines_up_to_the_invoice", "", line("400.00"), ""},
		{"lines_beyond_the_invoice", "", line("400.01"), "Lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dunPolicy()
			c := dunReminded(t, p)
			r := dunLinesRequest(dber(2025, 6, 10, 10, 0))
			r.Lines = tt.lines
			if tt.amount != "" {
				r.Amount = dmoney(tt.amount)
			}
			before := c.Clone()
			_, err := c.OpenDispute(p, r)
			if tt.field == "" {
				require.NoError(t, err)
				return
			}
			var verr *dunning.ValidationError
			require.True(t, errorsAs(err, &verr) && verr.Has(tt.field), "%v", err)
			require.Equal(t, before, *c, "a refused dispute changes nothing")
		})
	}
}

// The steps of a dispute are recorded in time order: a check, an
// acknowledgement or a decision dated before the dispute's last step is
// refused and changes nothing. A decision dated before the check it rests
// on used to be accepted.
func TestDisputeStepsBeforeTheLastStepAreRefused(t *testing.T) {
	p := dunPolicy()
	c := dunReminded(t, p)
	_, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 10, 10, 0)))
	require.NoError(t, err)
	dunCheckAll(t, c, p, 1, dber(2025, 6, 13, 14, 0))
	before := c.Clone()

	_, err = c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputeRejected, At: dber(2025, 6, 12, 10, 0), By: "am-anna", Reasons: "laut Angebot"})
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.ErrorContains(t, err, "before the dispute's step")
	_, err = c.AcknowledgeDispute(p, 1, dunning.DisputeStep{At: dber(2025, 6, 11, 9, 0), By: "am-anna"})
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.Equal(t, before, *c, "refused steps change nothing")

	_, err = c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputeRejected, At: dber(2025, 6, 13, 14, 0), By: "am-anna", Reasons: "laut Angebot"})
	require.NoError(t, err, "a step at the same instant as the last is in order")
}

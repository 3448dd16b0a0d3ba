package dunning_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
)

// dunModelDispute is the property test's own account of a dispute: what
// it holds while open, what it releases and until when, what correction
// waits for its credit.
type dunModelDispute struct {
	no         int
	held       decimal.Decimal
	open       bool
	released   decimal.Decimal
	until      date.Date // the released part is not demanded on or before this day
	correction decimal.Decimal
}

// TestDunningNeverDemandsAHeldAmount is the property that no notice is
// ever issued for a held amount: across random policies, payments,
// disputes and decisions, every notice demands exactly what is open less
// what open disputes hold, less what decided ones release until their new
// deadline and corrections not yet credited, as the test's own model
// counts them; under HoldAll no notice is issued while a dispute is open.
// Besides: one notice a day at most, one level at a time, and totals that
// add up. The seed is fixed, so a failure repeats.
func TestDunningNeverDemandsAHeldAmount(t *testing.T) {
	rng := rand.New(rand.NewPCG(2025, 7))
	trials, days := 400, 160
	if testing.Short() {
		trials = 50
	}
	cents := func(lo, hi int64) decimal.Decimal { return decimal.New(lo+rng.Int64N(hi-lo+1), -2) }
	for trial := range trials {
		p := dunRandomPolicy(rng)
		inv := dunInvoice()
		inv.Due = dday(2025, 1, 1) + date.Date(rng.IntN(300))
		inv.Amount = cents(1_00, 5000_00)
		c := dunCase(t, inv)
		var model []*dunModelDispute
		paid := decimal.Zero
		lastLevel := 0
		var lastDate date.Date
		for on := inv.Due - 3; on < inv.Due+date.Date(days); on++ {
			where := fmt.Sprintf("trial %d, %s", trial, on)
			open := inv.Amount.Sub(paid)
			at := func(h int) time.Time { return on.MidnightIn(dunBerlin).Add(time.Duration(h) * time.Hour) }

			// A payment or credit, sometimes linked to a decided dispute.
			if rng.IntN(25) == 0 && open.Sign() > 0 {
				pay := dunning.Payment{Date: on, Amount: decimal.Min(open, cents(1, 2000_00)), Credit: rng.IntN(3) == 0}
				for _, m := range model {
					if !m.open && m.correction.Sign() > 0 && rng.IntN(2) == 0 {
						pay = dunning.Payment{Date: on, Amount: m.correction, Credit: true, Dispute: m.no}
						m.correction = decimal.Zero
						break
					}
				}
				inv.Payments = append(inv.Payments, pay)
				paid = paid.Add(pay.Amount)
				open = inv.Amount.Sub(paid)
				_, err := c.Refresh(inv, on, "erp")
				require.NoError(t, err, where)
			}

			// A dispute of everything, an amount or some lines.
			if rng.IntN(20) == 0 && open.Sign() > 0 {
				r := dunning.DisputeRequest{Invoice: inv.Number, ReceivedAt: at(10), By: "k", Description: "unklar"}
				// Never more than was invoiced: OpenDispute refuses that.
				invoiced := inv.Amount.Shift(2).IntPart()
				switch rng.IntN(3) {
				case 0:
					r.All = true
				case 1:
					r.Amount = cents(1, min(3000_00, invoiced))
				default:
					for i := range 1 + rng.IntN(3) {
						r.Lines = append(r.Lines, dunning.DisputedLine{Line: fmt.Sprint(i + 1), Amount: cents(1, min(1000_00, invoiced/3))})
					}
				}
				x, err := c.OpenDispute(p, r)
				require.NoError(t, err, where)
				held := r.Amount
				switch {
				case r.All:
					held = open
				case len(r.Lines) > 0:
					held = decimal.Zero
					for _, l := range r.Lines {
						held = held.Add(l.Amount)
					}
				}
				model = append(model, &dunModelDispute{no: x.No, held: decimal.Min(held, open), open: true})
			}

			// A decision on an open dispute.
			for _, m := range model {
				if !m.open || rng.IntN(15) != 0 {
					continue
				}
				dunCheckAll(t, c, p, m.no, at(11))
				x, err := c.Dispute(m.no)
				require.NoError(t, err)
				d := dunning.DisputeDecision{At: at(11), By: "am", Reasons: "geprüft",
					Outcome: []dunning.DisputeState{dunning.DisputeUpheld, dunning.DisputePartlyUpheld, dunning.DisputeRejected, dunning.DisputeWithdrawn}[rng.IntN(4)]}
				corrected := decimal.Zero
				switch d.Outcome {
				case dunning.DisputeUpheld:
					corrected = x.Disputed
				case dunning.DisputePartlyUpheld:
					if x.Disputed.LessThanOrEqual(decimal.New(1, -2)) {
						d.Outcome = dunning.DisputeRejected
						break
					}
					d.Corrected = decimal.New(1+rng.Int64N(x.Disputed.Shift(2).IntPart()-1), -2)
					corrected = d.Corrected
				}
				_, err = c.DecideDispute(p, m.no, d)
				require.NoError(t, err, where)
				m.open, m.correction = false, corrected
				m.released = decimal.Max(decimal.Zero, m.held.Sub(corrected))
				m.until = dunModelDeadline(p, on)
			}

			res, err := c.Run(p, on)
			require.NoError(t, err, where)

			// What the model says may be demanded.
			anyOpen := false
			keep := decimal.Zero
			for _, m := range model {
				switch {
				case m.open:
					anyOpen = true
					keep = keep.Add(m.held)
				default:
					keep = keep.Add(m.correction)
					if on <= m.until {
						keep = keep.Add(m.released)
					}
				}
			}
			if res.Outcome != dunning.Issued {
				continue
			}
			n := res.Notice
			require.False(t, p.Dispute.HoldAll && anyOpen, "%s: a notice while the whole invoice is held", where)
			want := decimal.Max(decimal.Zero, open.Sub(keep))
			require.True(t, n.Dunned.Equal(want), "%s: demands %s, open %s less held %s is %s", where, n.Dunned, open, keep, want)
			require.True(t, n.Dunned.IsPositive(), where)
			require.True(t, n.Open.Equal(open), where)
			require.True(t, n.Total.Equal(n.Dunned.Add(n.FeesDue).Add(n.Interest)), where)
			require.False(t, n.Interest.IsNegative() || n.Fee.IsNegative() || n.FlatFee.IsNegative(), where)
			require.Equal(t, lastLevel+1, n.Level, where)
			require.Greater(t, n.Date, lastDate, where)
			lastLevel, lastDate = n.Level, n.Date
		}
	}
}

// dunRandomPolicy varies everything the run reads.
func dunRandomPolicy(rng *rand.Rand) dunning.Policy {
	p := dunPolicy()
	p.Levels = nil
	for i := range 1 + rng.IntN(5) {
		l := dunning.Level{Name: fmt.Sprintf("L%d", i+1), Days: rng.IntN(21), BusinessDays: rng.IntN(2) == 0,
			Fee: decimal.New(rng.Int64N(1000), -2)}
		if i > 0 && rng.IntN(2) == 0 {
			l.After = dunning.AfterPrevious
		}
		p.Levels = append(p.Levels, l)
	}
	p.GraceDays = rng.IntN(6)
	p.PaymentDays = rng.IntN(15)
	p.MinimumOpen = decimal.New(rng.Int64N(2)*10_00, -2)
	p.DeadlineOnBusinessDay = rng.IntN(2) == 0
	p.KeepScheduleOnPayment = rng.IntN(2) == 0
	p.Default = dunning.DefaultStart(rng.IntN(2))
	if rng.IntN(2) == 0 {
		p.Interest = dunning.Interest{BaseRates: dunRates, BusinessMargin: dmoney("9"), ConsumerMargin: dmoney("5")}
		p.FlatFee = dmoney("40")
		p.CreditFeesToFlatFee = rng.IntN(2) == 0
	}
	p.Dispute.HoldAll = rng.IntN(3) == 0
	p.Dispute.InterestWhileHeld = rng.IntN(2) == 0
	p.Dispute.PaymentDays = rng.IntN(15)
	return p
}

// dunModelDeadline is the new payment deadline of a decision on the day,
// counted by the test: the days to pay, then to a business day if the
// policy moves deadlines off closed days.
func dunModelDeadline(p dunning.Policy, on date.Date) date.Date {
	days := p.Dispute.PaymentDays
	if days == 0 {
		days = p.PaymentDays
	}
	if days == 0 {
		days = 14
	}
	d := on + date.Date(days)
	for p.DeadlineOnBusinessDay && !p.Calendar.IsBusinessDay(d) {
		d++
	}
	return d
}

package quota_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// month is one period of a scenario: work booked on the 15th, then the
// close, and what the close must report.
type month struct {
	use                         time.Duration
	closing, expired, corrected time.Duration
	charged                     string // "" for no charge
}

// play runs the months from 2026-01 on an account of the contract and
// checks each close, and the ledger invariant after each.
func play(t *testing.T, c quota.Contract, months []month) quota.Account {
	t.Helper()
	a := open(t, c)
	for i, m := range months {
		p := per("2026-01").Add(i)
		if m.use > 0 {
			_, err := a.Consume(quota.Consumption{Key: fmt.Sprintf("w-%d", i), Date: p.First() + 14, Hours: m.use})
			require.NoError(t, err, "%s: consume %s", p, quota.FormatHours(m.use))
		}
		res, err := a.Close(p)
		require.NoError(t, err, "close %s", p)
		require.Equal(t, quota.Closed, res.Outcome)
		got := [3]string{quota.FormatHours(res.Closing), quota.FormatHours(res.Expired), quota.FormatHours(res.Corrected)}
		want := [3]string{quota.FormatHours(m.closing), quota.FormatHours(m.expired), quota.FormatHours(m.corrected)}
		require.Equal(t, want, got, "%s: closing, expired, corrected", p)
		charged := m.charged
		if charged == "" {
			charged = "0"
		}
		require.True(t, res.Amount.Equal(eur(charged)), "%s: charged %s, want %s", p, res.Amount, charged)
		require.Equal(t, sum(a.Pending), a.Balance(), "%s: balance = sum of entries", p)
	}
	return a
}

// TestAgreementExample is the service agreement's own example ("Das
// Kontingent"): 100 hours
// bought, 50 used, the 50 left are not lost but carried into the next
// month, where they add to the next 100.
func TestAgreementExample(t *testing.T) {
	a := play(t, contract(terms(nil)), []month{
		{use: 50 * h, closing: 50 * h},
	})
	require.Equal(t, 150*h, a.Balance(), "50h carried plus February's 100h")
	require.Equal(t, per("2026-02"), a.Open)
}

// TestRolloverAcrossPeriods runs each rollover rule over several months
// at 100h a month. Expected figures by hand: closing = carried in + 100h
// - use, then the rule's lapse.
func TestRolloverAcrossPeriods(t *testing.T) {
	tests := []struct {
		name   string
		r      quota.Rollover
		months []month
	}{
		{"full_carries_every_unused_hour", quota.FullRollover(), []month{
			{use: 50 * h, closing: 50 * h},   // 100 - 50
			{use: 120 * h, closing: 30 * h},  // 50 + 100 - 120
			{use: 30 * h, closing: 100 * h},  // 30 + 100 - 30
			{use: 0, closing: 200 * h},       // 100 + 100
			{use: 200 * h, closing: 100 * h}, // 200 + 100 - 200
		}},
		{"none_lapses_unused_hours_each_month", quota.NoRollover(), []month{
			{use: 50 * h, closing: 0, expired: -50 * h},
			{use: 80 * h, closing: 0, expired: -20 * h},
			{use: 100 * h, closing: 0},
			{use: 0, closing: 0, expired: -100 * h},
		}},
		{"capped_at_20h_keeps_20h", quota.CappedRollover(20 * h), []month{
			{use: 50 * h, closing: 20 * h, expired: -30 * h}, // 50 left, 30 above the cap
			{use: 90 * h, closing: 20 * h, expired: -10 * h}, // 20 + 100 - 90 = 30
			{use: 100 * h, closing: 20 * h},                  // 20 + 100 - 100 = 20, at the cap
			{use: 115 * h, closing: 5 * h},                   // 20 + 100 - 115 = 5, below it
		}},
		// Each month's hours stay usable one more month. Used earliest
		// expiry first: in February the 50h come out of January's 70h left,
		// so only 20h lapse; newest-first would have lapsed 70h.
		{"expiring_after_one_period_uses_the_oldest_first", quota.ExpiringRollover(1), []month{
			{use: 30 * h, closing: 70 * h},                    // Jan lot 70h (lapses with Feb)
			{use: 50 * h, closing: 100 * h, expired: -20 * h}, // Jan lot 20h lapses; Feb lot 100h
			{use: 150 * h, closing: 50 * h},                   // Feb lot used up, Mar lot 50h
			{use: 0, closing: 100 * h, expired: -50 * h},      // Mar lot lapses; Apr lot 100h
		}},
		// Cap 120h and three months' life: see TestRolloverLapse for the
		// order in which hours lapse.
		{"capped_and_expiring", quota.Rollover{Capped: true, Cap: 120 * h, Expiring: true, Keep: 2}, []month{
			{closing: 100 * h},                    // Jan 100
			{closing: 120 * h, expired: -80 * h},  // Jan 100 + Feb 100, 80 above the cap from Jan: Jan 20
			{closing: 120 * h, expired: -100 * h}, // Jan 20 due; Feb 100 + Mar 100, 80 from Feb: Feb 20
			{closing: 120 * h, expired: -100 * h}, // Feb 20 due; Mar 100 + Apr 100, 80 from Mar
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			play(t, contract(terms(func(t *quota.Terms) { t.Rollover = tt.r })), tt.months)
		})
	}
}

// TestCorrectionAcrossPeriods runs the correction rules with unlimited
// overdraft at 95.00 an hour. Charges: corrected hours x 95.
func TestCorrectionAcrossPeriods(t *testing.T) {
	tests := []struct {
		name   string
		c      quota.Correction
		r      quota.Rollover
		months []month
	}{
		{"settle_corrects_each_overbooked_month", quota.SettleCorrection(), quota.FullRollover(), []month{
			{use: 130 * h, closing: 0, corrected: 30 * h, charged: "2850.00"}, // 100 - 130
			{use: 110 * h, closing: 0, corrected: 10 * h, charged: "950.00"},  // 100 - 110
			{use: 60 * h, closing: 40 * h},                                    // no correction when not overbooked
			{use: 150 * h, closing: 0, corrected: 10 * h, charged: "950.00"},  // 40 + 100 - 150
		}},
		{"carry_20h_corrects_only_beyond_it", quota.CarryCorrection(20 * h), quota.FullRollover(), []month{
			{use: 130 * h, closing: -20 * h, corrected: 10 * h, charged: "950.00"},  // -30: carry 20, correct 10
			{use: 110 * h, closing: -20 * h, corrected: 10 * h, charged: "950.00"},  // -20 + 100 - 110 = -30
			{use: 150 * h, closing: -20 * h, corrected: 50 * h, charged: "4750.00"}, // -20 + 100 - 150 = -70
			{use: 70 * h, closing: 10 * h},                                          // -20 + 100 - 70
		}},
		{"carry_within_the_limit_never_charges", quota.CarryCorrection(20 * h), quota.FullRollover(), []month{
			{use: 115 * h, closing: -15 * h}, // 100 - 115
			{use: 100 * h, closing: -15 * h}, // -15 + 100 - 100
			{use: 85 * h, closing: 0},        // -15 + 100 - 85
		}},
		{"settle_with_no_rollover_lapses_or_corrects", quota.SettleCorrection(), quota.NoRollover(), []month{
			{use: 40 * h, closing: 0, expired: -60 * h},
			{use: 101 * h, closing: 0, corrected: h, charged: "95.00"},
		}},
		{"a_quarter_hour_at_95_is_23.75", quota.SettleCorrection(), quota.FullRollover(), []month{
			{use: 100*h + 15*time.Minute, closing: 0, corrected: 15 * time.Minute, charged: "23.75"}, // 95/4
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			play(t, contract(terms(func(t *quota.Terms) {
				t.Correction, t.Rollover, t.Overdraft = tt.c, tt.r, quota.UnlimitedOverdraft()
			})), tt.months)
		})
	}
}

func TestCorrectionEntry(t *testing.T) {
	a := play(t, contract(terms(func(t *quota.Terms) { t.Overdraft = quota.OverdraftUpTo(50 * h) })), []month{
		{use: 120 * h, closing: 0, corrected: 20 * h, charged: "1900.00"},
	})
	// Entries: Jan allotment, the work, the correction, Feb allotment.
	require.Len(t, a.Pending, 4)
	want := quota.Entry{
		ContractID: "K-1", Seq: 3, Key: "quota:correct:2026-01", Kind: quota.KindCorrection, Hours: 20 * h,
		Period: per("2026-01"), Date: d(2026, time.January, 31), WorkDate: d(2026, time.January, 31),
		Ref: "K-1/2026-01/correction", Rate: eur("95.00"), Amount: eur("1900.00"),
	}
	if diff := cmp.Diff(want, a.Pending[2]); diff != "" {
		t.Errorf("correction entry (-want +got):\n%s", diff)
	}
	allot := quota.Entry{
		ContractID: "K-1", Seq: 4, Key: "quota:allot:2026-02", Kind: quota.KindAllotment, Hours: 100 * h,
		Period: per("2026-02"), Date: d(2026, time.February, 1), WorkDate: d(2026, time.February, 1), Amount: eur("1500.00"),
	}
	if diff := cmp.Diff(allot, a.Pending[3]); diff != "" {
		t.Errorf("allotment entry (-want +got):\n%s", diff)
	}
}

// TestOverdraftAcrossPeriods books a sequence of consumptions under each
// overdraft policy and checks which are refused and the balance after
// each; refused ones change nothing.
func TestOverdraftAcrossPeriods(t *testing.T) {
	type use struct {
		p       string // the period, closed before when it changes
		hours   time.Duration
		refused bool
		balance time.Duration
	}
	tests := []struct {
		name string
		o    quota.Overdraft
		uses []use
	}{
		{"none_refuses_beyond_the_balance", quota.NoOverdraft(), []use{
			{"2026-01", 60 * h, false, 40 * h},
			{"2026-01", 50 * h, true, 40 * h},
			{"2026-01", 40 * h, false, 0},
			{"2026-01", time.Minute, true, 0},
			{"2026-02", 100 * h, false, 0}, // February's 100h
			{"2026-02", time.Nanosecond, true, 0},
		}},
		{"limit_10h_allows_down_to_minus_10h", quota.OverdraftUpTo(10 * h), []use{
			{"2026-01", 105 * h, false, -5 * h},
			{"2026-01", 5*h + time.Minute, true, -5 * h},
			{"2026-01", 5 * h, false, -10 * h},
			{"2026-02", 110 * h, false, -10 * h}, // corrected to 0 at the close, then 100h
			{"2026-03", 120 * h, true, 100 * h},
		}},
		{"unlimited_goes_as_far_as_needed", quota.UnlimitedOverdraft(), []use{
			{"2026-01", 300 * h, false, -200 * h},
			{"2026-02", 250 * h, false, -150 * h}, // corrected to 0, then 100 - 250
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := open(t, contract(terms(func(t *quota.Terms) { t.Overdraft = tt.o })))
			for i, u := range tt.uses {
				for p := per(u.p); a.Open.Before(p); {
					_, err := a.Close(a.Open)
					require.NoError(t, err)
				}
				before := a.Clone()
				e, err := a.Consume(quota.Consumption{Key: fmt.Sprint(i), Date: per(u.p).First() + 9, Hours: u.hours})
				if u.refused {
					var oe *quota.OverdraftError
					require.ErrorAs(t, err, &oe, "use %d", i)
					want := quota.OverdraftError{Balance: before.Balance(), Requested: u.hours, Limit: tt.o.Limit}
					require.Equal(t, want, *oe)
					if diff := cmp.Diff(before, a); diff != "" {
						t.Fatalf("use %d: a refused consumption changed the account (-before +after):\n%s", i, diff)
					}
				} else {
					require.NoError(t, err, "use %d", i)
					require.Equal(t, -u.hours, e.Hours)
				}
				require.Equal(t, u.balance, a.Balance(), "use %d", i)
			}
		})
	}
}

func TestLateEntry(t *testing.T) {
	a := open(t, contract(terms(nil)))
	_, err := a.Consume(quota.Consumption{Key: "w1", Date: d(2026, time.January, 20), Hours: 30 * h})
	require.NoError(t, err)
	_, err = a.Close(per("2026-01"))
	require.NoError(t, err)

	// Work of 30 January arrives after January closed: booked in February,
	// from February's first day, keeping its work date.
	e, err := a.Consume(quota.Consumption{Key: "w2", Date: d(2026, time.January, 30), Hours: 5 * h, Ref: "T-42"})
	require.NoError(t, err)
	want := quota.Entry{
		ContractID: "K-1", Seq: 4, Key: "w2", Kind: quota.KindConsumption, Hours: -5 * h,
		Period: per("2026-02"), Date: d(2026, time.February, 1), WorkDate: d(2026, time.January, 30), Ref: "T-42",
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	require.True(t, e.Late())
	require.Equal(t, 165*h, a.Balance(), "70 carried + 100 - 5")

	onTime, err := a.Consume(quota.Consumption{Key: "w3", Date: d(2026, time.February, 2), Hours: h})
	require.NoError(t, err)
	require.False(t, onTime.Late())
	require.Equal(t, onTime.WorkDate, onTime.Date)
}

func TestReversal(t *testing.T) {
	a := open(t, contract(terms(func(t *quota.Terms) { t.Rollover = quota.NoRollover() })))
	work, err := a.Consume(quota.Consumption{Key: "w1", Date: d(2026, time.January, 5), Hours: 30 * h})
	require.NoError(t, err)
	adj, err := a.Adjust(quota.Adjustment{Key: "a1", Date: d(2026, time.January, 6), Hours: -h, Reason: "phone call", By: "am"})
	require.NoError(t, err)

	r := quota.Reversal{Key: "w1", Date: d(2026, time.January, 7), Reason: "booked on the wrong contract", By: "backoffice"}
	rev, err := a.Reverse(work, r)
	require.NoError(t, err)
	want := quota.Entry{
		ContractID: "K-1", Seq: 4, Key: "quota:reverse:w1", Kind: quota.KindReversal, Hours: 30 * h, Period: per("2026-01"),
		Date: d(2026, time.January, 7), WorkDate: d(2026, time.January, 7), Ref: "w1", Reason: r.Reason, By: r.By,
	}
	if diff := cmp.Diff(want, rev); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	require.Equal(t, 99*h, a.Balance())

	_, err = a.Reverse(adj, quota.Reversal{Key: "a1", Date: d(2026, time.January, 7), Reason: "x", By: "y"})
	require.ErrorIs(t, err, quota.ErrInvalid, "only consumptions are reversed; an adjustment is adjusted")
	_, err = a.Reverse(work, quota.Reversal{Key: "w2", Date: d(2026, time.January, 7), Reason: "x", By: "y"})
	require.ErrorIs(t, err, quota.ErrInvalid, "the key must be the entry's")

	// A reversal after the close gives the hours back in the open period:
	// under no rollover they then lapse with February's.
	res, err := a.Close(per("2026-01"))
	require.NoError(t, err)
	require.Equal(t, -99*h, res.Expired)
	late, err := a.Consume(quota.Consumption{Key: "w3", Date: d(2026, time.January, 31), Hours: 10 * h})
	require.NoError(t, err)
	back, err := a.Reverse(late, quota.Reversal{Key: "w3", Date: d(2026, time.February, 3), Reason: "goodwill", By: "am"})
	require.NoError(t, err)
	require.Equal(t, 10*h, back.Hours)
	require.Equal(t, 100*h, a.Balance())
	res, err = a.Close(per("2026-02"))
	require.NoError(t, err)
	require.Equal(t, -100*h, res.Expired)
}

func TestAdjustment(t *testing.T) {
	a := open(t, contract(terms(nil))) // no overdraft
	e, err := a.Adjust(quota.Adjustment{Key: "a1", Date: d(2026, time.January, 9), Hours: -120 * h, Reason: "on-site day not recorded", By: "m.mueller"})
	require.NoError(t, err, "an adjustment is not limited by the overdraft policy")
	require.Equal(t, quota.KindAdjustment, e.Kind)
	require.Equal(t, -20*h, a.Balance())
	_, err = a.Consume(quota.Consumption{Key: "w1", Date: d(2026, time.January, 10), Hours: time.Minute})
	require.ErrorIs(t, err, quota.ErrOverdraft, "but consumption is")
	_, err = a.Adjust(quota.Adjustment{Key: "a2", Date: d(2026, time.January, 11), Hours: 25 * h, Reason: "goodwill", By: "m.mueller"})
	require.NoError(t, err)
	require.Equal(t, 5*h, a.Balance(), "a credit pays the debt first")
	require.Equal(t, []quota.Lot{{Hours: 5 * h}}, a.Lots)
	require.Zero(t, a.Debt)
}

func TestContractEnd(t *testing.T) {
	c := contract(terms(func(t *quota.Terms) {
		t.Overdraft, t.Correction = quota.UnlimitedOverdraft(), quota.CarryCorrection(50*h)
	}))
	c.End = d(2026, time.February, 20)
	a := play(t, c, []month{
		{use: 130 * h, closing: -30 * h},                                // carried, not corrected
		{use: 80 * h, closing: 0, corrected: 10 * h, charged: "950.00"}, // final: -30 + 100 - 80 = -10 corrected
	})
	require.True(t, a.Ended())
	last := a.Pending[len(a.Pending)-1]
	require.Equal(t, d(2026, time.February, 20), last.Date, "the final close is dated on the end")

	_, err := a.Consume(quota.Consumption{Key: "late", Date: d(2026, time.February, 10), Hours: h})
	require.ErrorIs(t, err, quota.ErrClosed)
	res, err := a.Close(per("2026-03"))
	require.NoError(t, err)
	require.Equal(t, quota.OutOfTerm, res.Outcome)
	res, err = a.Close(per("2026-02"))
	require.NoError(t, err)
	require.Equal(t, quota.AlreadyClosed, res.Outcome)
	require.ErrorIs(t, a.SetEnd(0), quota.ErrClosed)
	require.ErrorIs(t, a.ChangeTerms(terms(func(t *quota.Terms) { t.From = per("2026-03") })), quota.ErrClosed)

	// A positive rest lapses at the end.
	c.Terms[0] = terms(nil)
	b := play(t, c, []month{{use: 10 * h, closing: 90 * h}, {use: 40 * h, closing: 0, expired: -150 * h}})
	require.Equal(t, "unused hours lapsed: the contract ended", b.Pending[len(b.Pending)-1].Reason)
}

func TestPostingDates(t *testing.T) {
	c := contract(terms(nil))
	c.Start, c.End = d(2026, time.January, 10), d(2026, time.June, 30)
	tests := []struct {
		name string
		on   time.Time
		want error
	}{
		{"before_the_start", time.Date(2026, time.January, 9, 0, 0, 0, 0, time.UTC), quota.ErrOutOfTerm},
		{"on_the_start", time.Date(2026, time.January, 10, 0, 0, 0, 0, time.UTC), nil},
		{"after_the_open_period", time.Date(2026, time.February, 1, 0, 0, 0, 0, time.UTC), quota.ErrNotOpen},
		{"after_the_end", time.Date(2026, time.July, 1, 0, 0, 0, 0, time.UTC), quota.ErrOutOfTerm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := open(t, c)
			before := a.Clone()
			_, err := a.Consume(quota.Consumption{Key: "w", Date: d(tt.on.Date()), Hours: h})
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
			require.Equal(t, before, a, "a refused posting changes nothing")
		})
	}
	a := open(t, c)
	require.Equal(t, d(2026, time.January, 10), a.Pending[0].Date, "the first allotment is dated on the start")
	require.Equal(t, 100*h, a.Pending[0].Hours, "and is not prorated")
}

func TestClosePeriods(t *testing.T) {
	ending := contract(terms(nil))
	ending.End = d(2026, time.January, 31)
	e := open(t, ending)
	_, err := e.Close(per("2026-03"))
	require.ErrorIs(t, err, quota.ErrNotOpen, "a period after the last is not out of term while the last is open")
	_, err = e.Close(per("2026-01"))
	require.NoError(t, err)
	res, err := e.Close(per("2026-03"))
	require.NoError(t, err)
	require.Equal(t, quota.OutOfTerm, res.Outcome, "now it is")

	a := open(t, contract(terms(nil)))
	_, err = a.Close(per("2026-02"))
	require.ErrorIs(t, err, quota.ErrNotOpen, "February cannot close before January")
	res, err = a.Close(per("2025-12"))
	require.NoError(t, err)
	require.Equal(t, quota.OutOfTerm, res.Outcome)
	_, err = a.Close(per("2026-01"))
	require.NoError(t, err)
	before := a.Clone()
	res, err = a.Close(per("2026-01"))
	require.NoError(t, err)
	require.Equal(t, quota.AlreadyClosed, res.Outcome)
	require.Equal(t, before, a, "closing again books nothing")
}

func TestChangeTerms(t *testing.T) {
	a := open(t, contract(terms(nil)))
	more := terms(func(t *quota.Terms) { t.From, t.Hours, t.Price = per("2026-03"), 120*h, eur("1750.00") })
	require.NoError(t, a.ChangeTerms(more))
	require.Len(t, a.Contract.Terms, 2)

	for _, p := range []string{"2026-01", "2026-02", "2026-03"} {
		_, err := a.Close(per(p))
		require.NoError(t, err)
	}
	var allotted []string
	for _, e := range a.Pending {
		if e.Kind == quota.KindAllotment {
			allotted = append(allotted, e.Period.String()+" "+quota.FormatHours(e.Hours)+" "+e.Amount.StringFixed(2))
		}
	}
	require.Equal(t, []string{"2026-01 100h 1500.00", "2026-02 100h 1500.00", "2026-03 120h 1750.00", "2026-04 120h 1750.00"}, allotted)

	var ve *quota.ValidationError
	require.ErrorAs(t, a.ChangeTerms(terms(func(t *quota.Terms) { t.From = per("2026-04") })), &ve, "the open period's allotment is booked")
	require.Equal(t, []string{"From"}, ve.Fields())
	require.ErrorIs(t, a.ChangeTerms(terms(func(t *quota.Terms) { t.From, t.Hours = per("2026-05"), 0 })), quota.ErrInvalid)

	// A change from May replaces one scheduled from June.
	require.NoError(t, a.ChangeTerms(terms(func(t *quota.Terms) { t.From, t.Hours = per("2026-06"), 80*h })))
	require.NoError(t, a.ChangeTerms(terms(func(t *quota.Terms) { t.From, t.Hours = per("2026-05"), 90*h })))
	var froms []string
	for _, t := range a.Contract.Terms {
		froms = append(froms, t.From.String()+" "+quota.FormatHours(t.Hours))
	}
	require.Equal(t, []string{"2026-01 100h", "2026-03 120h", "2026-05 90h"}, froms)
}

func TestSetEnd(t *testing.T) {
	a := open(t, contract(terms(nil)))
	_, err := a.Consume(quota.Consumption{Key: "w", Date: d(2026, time.January, 20), Hours: h})
	require.NoError(t, err)
	require.ErrorIs(t, a.SetEnd(d(2026, time.January, 19)), quota.ErrInvalid, "before a booked entry")
	require.ErrorIs(t, a.SetEnd(d(2025, time.December, 31)), quota.ErrInvalid, "before the start")
	require.NoError(t, a.SetEnd(d(2026, time.January, 20)))
	require.NoError(t, a.SetEnd(0), "open-ended again")
	require.NoError(t, a.ChangeTerms(terms(func(t *quota.Terms) { t.From = per("2026-04") })))
	require.ErrorIs(t, a.SetEnd(d(2026, time.March, 31)), quota.ErrInvalid, "terms start after it")
	_, err = a.Close(per("2026-01"))
	require.NoError(t, err)
	require.ErrorIs(t, a.SetEnd(d(2026, time.January, 31)), quota.ErrInvalid, "in a closed period")
}

func TestNewAccountRefuses(t *testing.T) {
	ok := contract(terms(nil))
	tests := []struct {
		name  string
		edit  func(*quota.Contract)
		field string
	}{
		{"empty_id", func(c *quota.Contract) { c.ID = "" }, "ID"},
		{"control_character_in_id", func(c *quota.Contract) { c.ID = "K\n1" }, "ID"},
		{"invalid_utf8_in_customer", func(c *quota.Contract) { c.CustomerID = "\xff" }, "CustomerID"},
		{"no_start", func(c *quota.Contract) { c.Start = 0 }, "Start"},
		{"start_in_year_10000", func(c *quota.Contract) { c.Start = d(10000, time.January, 1) }, "Start"},
		{"end_before_start", func(c *quota.Contract) { c.End = d(2025, time.December, 31) }, "End"},
		{"no_terms", func(c *quota.Contract) { c.Terms = nil }, "Terms"},
		{"terms_not_from_the_first_period", func(c *quota.Contract) { c.Terms[0].From = per("2026-02") }, "Terms[0].From"},
		{"terms_out_of_order", func(c *quota.Contract) {
			c.Terms = append(c.Terms, terms(func(t *quota.Terms) { t.From = per("2026-01") }))
		}, "Terms[1].From"},
		{"terms_after_the_end", func(c *quota.Contract) {
			c.End = d(2026, time.February, 28)
			c.Terms = append(c.Terms, terms(func(t *quota.Terms) { t.From = per("2026-03") }))
		}, "Terms[1].From"},
		{"zero_hours", func(c *quota.Contract) { c.Terms[0].Hours = 0 }, "Terms[0].Hours"},
		{"hours_beyond_max", func(c *quota.Contract) { c.Terms[0].Hours = quota.MaxHours + 1 }, "Terms[0].Hours"},
		{"negative_price", func(c *quota.Contract) { c.Terms[0].Price = eur("-1") }, "Terms[0].Price"},
		{"price_with_a_fraction_of_a_cent", func(c *quota.Contract) { c.Terms[0].Price = eur("1500.001") }, "Terms[0].Price"},
		{"negative_rate", func(c *quota.Contract) { c.Terms[0].OverageRate = eur("-95") }, "Terms[0].OverageRate"},
		{"bad_rollover", func(c *quota.Contract) { c.Terms[0].Rollover.Keep = 2 }, "Terms[0].Rollover.Keep"},
		{"bad_overdraft", func(c *quota.Contract) { c.Terms[0].Overdraft.Limit = -h }, "Terms[0].Overdraft.Limit"},
		{"bad_correction", func(c *quota.Contract) { c.Terms[0].Correction.CarryLimit = -h }, "Terms[0].Correction.CarryLimit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			c.Terms = append([]quota.Terms(nil), ok.Terms...)
			tt.edit(&c)
			_, err := quota.NewAccount(c)
			var ve *quota.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, []string{tt.field}, ve.Fields(), "%v", err)
		})
	}
}

func TestPostingRefusesBadInput(t *testing.T) {
	jan5 := d(2026, time.January, 5)
	tests := []struct {
		name  string
		post  func(*quota.Account) error
		field string
	}{
		{"consumption_without_key", func(a *quota.Account) error {
			_, err := a.Consume(quota.Consumption{Date: jan5, Hours: h})
			return err
		}, "Key"},
		{"consumption_with_reserved_key", func(a *quota.Account) error {
			_, err := a.Consume(quota.Consumption{Key: "quota:allot:2026-02", Date: jan5, Hours: h})
			return err
		}, "Key"},
		{"consumption_of_zero_hours", func(a *quota.Account) error {
			_, err := a.Consume(quota.Consumption{Key: "k", Date: jan5})
			return err
		}, "Hours"},
		{"consumption_of_negative_hours", func(a *quota.Account) error {
			_, err := a.Consume(quota.Consumption{Key: "k", Date: jan5, Hours: -h})
			return err
		}, "Hours"},
		{"consumption_without_date", func(a *quota.Account) error {
			_, err := a.Consume(quota.Consumption{Key: "k", Hours: h})
			return err
		}, "Date"},
		{"consumption_with_a_long_ref", func(a *quota.Account) error {
			_, err := a.Consume(quota.Consumption{Key: "k", Date: jan5, Hours: h, Ref: string(make([]byte, 501))})
			return err
		}, "Ref"},
		{"adjustment_of_zero", func(a *quota.Account) error {
			_, err := a.Adjust(quota.Adjustment{Key: "k", Date: jan5, Reason: "r", By: "b"})
			return err
		}, "Hours"},
		{"adjustment_beyond_max", func(a *quota.Account) error {
			_, err := a.Adjust(quota.Adjustment{Key: "k", Date: jan5, Hours: -quota.MaxHours - 1, Reason: "r", By: "b"})
			return err
		}, "Hours"},
		{"adjustment_without_reason", func(a *quota.Account) error {
			_, err := a.Adjust(quota.Adjustment{Key: "k", Date: jan5, Hours: h, Reason: "  ", By: "b"})
			return err
		}, "Reason"},
		{"adjustment_without_author", func(a *quota.Account) error {
			_, err := a.Adjust(quota.Adjustment{Key: "k", Date: jan5, Hours: h, Reason: "r"})
			return err
		}, "By"},
		{"reversal_without_reason", func(a *quota.Account) error {
			_, err := a.Reverse(quota.Entry{}, quota.Reversal{Key: "k", Date: jan5, By: "b"})
			return err
		}, "Reason"},
		{"balance_beyond_max", func(a *quota.Account) error {
			for i := range 11 {
				if _, err := a.Adjust(quota.Adjustment{Key: fmt.Sprint(i), Date: jan5, Hours: quota.MaxHours, Reason: "r", By: "b"}); err != nil {
					return err
				}
			}
			return nil
		}, "Hours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := open(t, contract(terms(nil)))
			err := tt.post(&a)
			var ve *quota.ValidationError
			require.ErrorAs(t, err, &ve)
			require.True(t, errors.Is(err, quota.ErrInvalid))
			require.Equal(t, []string{tt.field}, ve.Fields(), "%v", err)
		})
	}
}

// TestAccountJSON round-trips an account with every kind of policy and
// lot through encoding/json, as a store keeping terms and lots in a JSON
// column would: the policies travel as their text forms.
func TestAccountJSON(t *testing.T) {
	c := contract(terms(func(t *quota.Terms) {
		t.Rollover = quota.Rollover{Capped: true, Cap: 120 * h, Expiring: true, Keep: 2}
		t.Overdraft, t.Correction = quota.OverdraftUpTo(10*h), quota.CarryCorrection(5*h)
	}))
	c.End = d(2027, time.June, 30)
	c.Terms = append(c.Terms, terms(func(t *quota.Terms) { t.From, t.Overdraft = per("2026-07"), quota.UnlimitedOverdraft() }))
	a := play(t, c, []month{{use: 30 * h, closing: 70 * h}, {use: 10 * h, closing: 120 * h, expired: -40 * h}})
	a.Version = 7
	b, err := json.Marshal(a)
	require.NoError(t, err)
	require.Contains(t, string(b), `"rollover":"cap=120h keep=2"`)
	require.Contains(t, string(b), `"lots":[{"expires":"2026-03","hours":"20h"}`)
	var back quota.Account
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(a, back); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// ConsumeAll books what Consume books one consumption after the other,
// and on a refusal books none: random accounts (lots of several expiries,
// debt, overdraft limits) and random batches, some running into the
// overdraft limit, some late, some invalid.
func TestConsumeAllIsConsumeOneAfterTheOther(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 26))
	refused, booked := 0, 0
	for run := range 400 {
		c := quota.Contract{ID: "K-B", CustomerID: "C", Start: d(2026, time.January, 1), Terms: []quota.Terms{randomTerms(rng, per("2026-01"))}}
		a := open(t, c)
		for step := range rng.IntN(5) {
			_, _ = a.Consume(quota.Consumption{Key: fmt.Sprint("pre", step), Date: a.Open.First(), Hours: time.Duration(rng.IntN(60)) * h})
			_, _ = a.Close(a.Open)
		}
		var cs []quota.Consumption
		for i := range rng.IntN(30) {
			day := a.Open.First() + date.Date(rng.IntN(28))
			if rng.IntN(8) == 0 {
				day = a.Open.Prev().Last() // late, or before the contract
			}
			hours := time.Duration(1+rng.IntN(20*60)) * time.Minute
			if rng.IntN(40) == 0 {
				hours = -h // invalid
			}
			cs = append(cs, quota.Consumption{Key: fmt.Sprint("b", run, "-", i), Date: day, Hours: hours})
		}
		one, all := a.Clone(), a.Clone()
		shallow := all // shares all's slices: must keep its own lots
		lots := slices.Clone(all.Lots)
		var wantErr error
		for _, c := range cs {
			if _, wantErr = one.Consume(c); wantErr != nil {
				break
			}
		}
		entries, err := all.ConsumeAll(cs)
		require.Equal(t, wantErr, err, "run %d", run)
		require.Equal(t, lots, shallow.Lots, "run %d: a shallow copy's lots changed", run)
		if err != nil {
			refused++
			require.Nil(t, entries)
			require.Equal(t, a, all, "run %d: refused with %v but changed the account", run, err)
			continue
		}
		booked++
		require.Equal(t, one, all, "run %d", run)
		require.Equal(t, one.Pending[len(a.Pending):], entries, "run %d", run)
	}
	require.Greater(t, refused, 40)
	require.Greater(t, booked, 40)
}

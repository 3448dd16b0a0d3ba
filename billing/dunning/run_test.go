package dunning_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
)

// TestDunningLevels walks the ladder day by day. The invoice is due on
// Friday 30 May 2025 (dunInvoice) unless a row changes it; each step runs
// the case on a day and says what must happen. Dates by hand from the
// calendar of 2025 (Whit Monday 9 June is a holiday in Berlin).
func TestDunningLevels(t *testing.T) {
	type step struct {
		on    date.Date
		want  dunning.Outcome
		level int       // the notice's level when issued or repeated
		next  date.Date // Result.Next when not due
	}
	tests := []struct {
		name   string
		policy func(*dunning.Policy)
		inv    func(*dunning.OpenInvoice)
		steps  []step
	}{
		{
			// L1: 30 May + 7 = 6 June, deadline 6 + 10 = 16 June.
			// L2: 6 June + 14 = 20 June (after 16 June), deadline 30 June.
			// L3: 20 June + 14 = 4 July (after 30 June).
			name: "calendar_days_after_due_date_then_after_previous",
			steps: []step{
				{on: dday(2025, 6, 5), want: dunning.NotDue, next: dday(2025, 6, 6)},
				{on: dday(2025, 6, 6), want: dunning.Issued, level: 1},
				{on: dday(2025, 6, 19), want: dunning.NotDue, next: dday(2025, 6, 20)},
				{on: dday(2025, 6, 20), want: dunning.Issued, level: 2},
				{on: dday(2025, 7, 3), want: dunning.NotDue, next: dday(2025, 7, 4)},
				{on: dday(2025, 7, 4), want: dunning.Issued, level: 3},
				{on: dday(2025, 7, 30), want: dunning.Final},
			},
		},
		{
			// 7 business days after Friday 30 May: 2, 3, 4, 5, 6 June,
			// (9 June is Whit Monday), 10, 11 June.
			name:   "business_days_skip_weekends_and_whit_monday",
			policy: func(p *dunning.Policy) { p.Levels[0].BusinessDays = true },
			steps: []step{
				{on: dday(2025, 6, 10), want: dunning.NotDue, next: dday(2025, 6, 11)},
				{on: dday(2025, 6, 11), want: dunning.Issued, level: 1},
			},
		},
		{
			// L2 would be 6 June + 3 = 9 June, but L1's deadline is 16 June:
			// not before 17 June.
			name:   "the_previous_deadline_must_pass_first",
			policy: func(p *dunning.Policy) { p.Levels[1].Days = 3 },
			steps: []step{
				{on: dday(2025, 6, 6), want: dunning.Issued, level: 1},
				{on: dday(2025, 6, 9), want: dunning.NotDue, next: dday(2025, 6, 17)},
				{on: dday(2025, 6, 16), want: dunning.NotDue, next: dday(2025, 6, 17)},
				{on: dday(2025, 6, 17), want: dunning.Issued, level: 2},
			},
		},
		{
			// L2 30 days after the due date: 30 May + 30 = 29 June.
			name: "second_level_counted_from_the_due_date",
			policy: func(p *dunning.Policy) {
				p.Levels[1].After, p.Levels[1].Days = dunning.AfterDueDate, 30
			},
			steps: []step{
				{on: dday(2025, 6, 6), want: dunning.Issued, level: 1},
				{on: dday(2025, 6, 28), want: dunning.NotDue, next: dday(2025, 6, 29)},
				{on: dday(2025, 6, 29), want: dunning.Issued, level: 2},
			},
		},
		{
			// L1 0 days after the due date, 10 grace days: overdue only from
			// 30 May + 10 + 1 = 10 June (31 May is +1, 1 June +2).
			name: "grace_days_delay_the_first_level",
			policy: func(p *dunning.Policy) {
				p.Levels[0].Days, p.GraceDays = 0, 10
			},
			steps: []step{
				{on: dday(2025, 5, 31), want: dunning.NotDue, next: dday(2025, 6, 10)},
				{on: dday(2025, 6, 9), want: dunning.NotDue, next: dday(2025, 6, 10)},
				{on: dday(2025, 6, 10), want: dunning.Issued, level: 1},
			},
		},
		{
			// Without grace a level due on the due date still waits for the
			// day after it: the invoice is not overdue on its due date.
			name:   "nothing_on_the_due_date_itself",
			policy: func(p *dunning.Policy) { p.Levels[0].Days = 0 },
			steps: []step{
				{on: dday(2025, 5, 30), want: dunning.NotDue, next: dday(2025, 5, 31)},
				{on: dday(2025, 5, 31), want: dunning.Issued, level: 1},
			},
		},
		{
			// The first run comes late, on 31 July, when all three levels
			// would be due by the calendar: it issues L1 only. L2 is then
			// 31 July + 14 = 14 August (deadline 10 August).
			name: "a_late_run_advances_one_level_only",
			steps: []step{
				{on: dday(2025, 7, 31), want: dunning.Issued, level: 1},
				{on: dday(2025, 8, 1), want: dunning.NotDue, next: dday(2025, 8, 14)},
				{on: dday(2025, 8, 14), want: dunning.Issued, level: 2},
			},
		},
		{
			name: "a_second_run_on_the_same_day_repeats_the_notice",
			steps: []step{
				{on: dday(2025, 6, 6), want: dunning.Issued, level: 1},
				{on: dday(2025, 6, 6), want: dunning.Repeated, level: 1},
				{on: dday(2025, 6, 5), want: dunning.NotDue}, // before the last notice
			},
		},
		{
			// 200.00 paid on 15 June, after L1: L2 (due 20 June) waits until
			// 15 + 10 + 1 = 26 June.
			name: "a_part_payment_stops_the_escalation",
			inv: func(inv *dunning.OpenInvoice) {
				inv.Payments = []dunning.Payment{{Date: dday(2025, 6, 15), Amount: dmoney("200.00")}}
			},
			steps: []step{
				{on: dday(2025, 6, 6), want: dunning.Issued, level: 1},
				{on: dday(2025, 6, 19), want: dunning.NotDue, next: dday(2025, 6, 26)},
				{on: dday(2025, 6, 20), want: dunning.PaymentReceived, next: dday(2025, 6, 26)},
				{on: dday(2025, 6, 26), want: dunning.Issued, level: 2},
			},
		},
		{
			name:   "a_part_payment_keeps_the_schedule_if_the_policy_says_so",
			policy: func(p *dunning.Policy) { p.KeepScheduleOnPayment = true },
			inv: func(inv *dunning.OpenInvoice) {
				inv.Payments = []dunning.Payment{{Date: dday(2025, 6, 15), Amount: dmoney("200.00")}}
			},
			steps: []step{
				{on: dday(2025, 6, 6), want: dunning.Issued, level: 1},
				{on: dday(2025, 6, 20), want: dunning.Issued, level: 2},
			},
		},
		{
			name: "a_credit_for_the_rest_settles_it",
			inv: func(inv *dunning.OpenInvoice) {
				inv.Payments = []dunning.Payment{
					{Date: dday(2025, 6, 10), Amount: dmoney("600.00")},
					{Date: dday(2025, 6, 12), Amount: dmoney("400.00"), Credit: true, Ref: "GS-17"},
				}
			},
			steps: []step{
				{on: dday(2025, 6, 6), want: dunning.Issued, level: 1},
				{on: dday(2025, 6, 20), want: dunning.Settled},
			},
		},
		{
			// 960.00 paid on 1 June leaves 40.00, below the minimum of 50.00.
			// The payment also restarts the wait: 1 + 10 + 1 = 12 June.
			name:   "below_the_minimum_nothing_is_issued",
			policy: func(p *dunning.Policy) { p.MinimumOpen = dmoney("50.00") },
			inv: func(inv *dunning.OpenInvoice) {
				inv.Payments = []dunning.Payment{{Date: dday(2025, 6, 1), Amount: dmoney("960.00")}}
			},
			steps: []step{
				{on: dday(2025, 6, 6), want: dunning.PaymentReceived, next: dday(2025, 6, 12)},
				{on: dday(2025, 6, 12), want: dunning.BelowMinimum},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, inv := dunPolicy(), dunInvoice()
			if tt.policy != nil {
				tt.policy(&p)
			}
			if tt.inv != nil {
				tt.inv(&inv)
			}
			c := dunCase(t, inv)
			for _, s := range tt.steps {
				res := dunRun(t, c, p, s.on, s.want)
				require.Equal(t, s.level, res.Notice.Level, "%s: level", s.on)
				if s.next != 0 {
					require.Equal(t, s.next, res.Next, "%s: next", s.on)
				}
			}
		})
	}
}

// TestDunningNotice checks a whole notice: the second level of the test
// ladder on 1,000.00, issued 20 June 2025 with 10 days to pay.
func TestDunningNotice(t *testing.T) {
	p := dunPolicy()
	c := dunCase(t, dunInvoice())
	dunRun(t, c, p, dday(2025, 6, 6), dunning.Issued)
	res := dunRun(t, c, p, dday(2025, 6, 20), dunning.Issued)
	n := res.Notice
	want := dunning.Notice{
		No: 2, Invoice: "RE-2025-0001", Customer: "C-1", Level: 2, LevelName: "1. Mahnung",
		Date: dday(2025, 6, 20), Deadline: dday(2025, 6, 30),
		Open: dmoney("1000"), Held: decimal.Zero, Dunned: dmoney("1000"),
		Fee: dmoney("5"), FlatFee: decimal.Zero, FeeWaived: decimal.Zero, FeesDue: dmoney("5"),
		// In default from the day after the first notice (DefaultOnReminder),
		// but the policy charges no interest.
		Interest: decimal.Zero, DefaultFrom: dday(2025, 6, 7),
		Total:   dmoney("1005"), // 1,000.00 + 5.00
		Reasons: n.Reasons,
	}
	if diff := cmp.Diff(want, n); diff != "" {
		t.Errorf("notice (-want +got):\n%s", diff)
	}
	require.Equal(t, "RE-2025-0001/2", n.ID())
	require.Len(t, c.History, 2, "one event per notice")
	require.Equal(t, dunning.EventNotice, c.History[1].Kind)
	require.Equal(t, dunning.RunActor, c.History[1].By)
	require.Equal(t, 2, c.History[1].Notice)
	require.Contains(t, c.History[1].Reason, "level 2, 1. Mahnung, falls due 14 days after notice RE-2025-0001/1 of 2025-06-06: on 2025-06-20")
}

// TestDunningDeadlineOnBusinessDay: under BGB § 193 a deadline on a
// Saturday, Sunday or holiday moves to the next business day.
func TestDunningDeadlineOnBusinessDay(t *testing.T) {
	tests := []struct {
		name       string
		due        date.Date
		days       int // L1's wait
		onBusiness bool
		issued     date.Date
		deadline   date.Date
	}{
		// 30 May + 5 = Wednesday 4 June; + 10 = Saturday 14 June.
		{"saturday_kept_without_the_rule", dday(2025, 5, 30), 5, false, dday(2025, 6, 4), dday(2025, 6, 14)},
		{"saturday_moves_to_monday", dday(2025, 5, 30), 5, true, dday(2025, 6, 4), dday(2025, 6, 16)},
		// 20 May + 9 = 29 May; + 10 = Sunday 8 June, and Monday 9 June is
		// Whit Monday: Tuesday 10 June.
		{"sunday_before_whit_monday_moves_to_tuesday", dday(2025, 5, 20), 9, true, dday(2025, 5, 29), dday(2025, 6, 10)},
		{"a_business_day_stays", dday(2025, 5, 30), 7, true, dday(2025, 6, 6), dday(2025, 6, 16)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, inv := dunPolicy(), dunInvoice()
			p.DeadlineOnBusinessDay, p.Levels[0].Days, inv.Due = tt.onBusiness, tt.days, tt.due
			res := dunRun(t, dunCase(t, inv), p, tt.issued, dunning.Issued)
			require.Equal(t, tt.deadline, res.Notice.Deadline)
		})
	}
}

// TestGermanDunningPolicy follows 1,000.00 due Friday 30 May 2025 through
// the German defaults, for a business and for a consumer.
//
// Zahlungserinnerung: 30 May + 7 = 6 June, deadline 16 June. Default
// starts the day after it, 7 June (§ 286 (1); 30 May + 31 = 30 June is
// later), so the reminder carries no interest and no flat fee.
//
// 1. Mahnung: 6 June + 14 = 20 June, deadline 30 June. Interest 7 to 19
// June, 13 days at 2.27 + 9 = 11.27%:
// 1000 × 11.27 × 13 / 36500 = 146510 / 36500 = 4.0139... = 4.01.
// Flat fee 40.00; the level fee 2.50 is credited against it: charged in
// all max(40.00, 0.00 + 2.50) = 40.00. Total 1000 + 40 + 4.01 = 1044.01.
//
// 2. Mahnung: 20 June + 14 = 4 July, deadline 14 July. Interest 7 June to
// 3 July: 24 days at 11.27% and 3 days at 1.27 + 9 = 10.27%:
// (1000 × 11.27 × 24 + 1000 × 10.27 × 3) / 36500 = (270480 + 30810) / 36500
// = 8.2545... = 8.25. Fees: max(40.00, 2.50 + 2.50) = 40.00, charged
// already: 0.00 more. Total 1000 + 40 + 8.25 = 1048.25.
//
// A consumer pays no flat fee but each level fee, and 5 points: 7.27%
// then 6.27%: 1. Mahnung 1000 × 7.27 × 13 / 36500 = 94510 / 36500 = 2.589...
// = 2.59, total 1000 + 2.50 + 2.59 = 1005.09; 2. Mahnung (1000 × 7.27 × 24
// + 1000 × 6.27 × 3) / 36500 = (174480 + 18810) / 36500 = 5.2956... = 5.30,
// fees 5.00, total 1010.30.
func TestGermanDunningPolicy(t *testing.T) {
	type want struct {
		on, deadline, defaultFrom  date.Date
		fee, flat, interest, total string
	}
	tests := []struct {
		name string
		typ  dunning.CustomerType
		want []want
	}{
		{"business", dunning.BusinessCustomer, []want{
			{dday(2025, 6, 6), dday(2025, 6, 16), 0, "0", "0", "0", "1000.00"},
			{dday(2025, 6, 20), dday(2025, 6, 30), dday(2025, 6, 7), "0", "40.00", "4.01", "1044.01"},
			{dday(2025, 7, 4), dday(2025, 7, 14), dday(2025, 6, 7), "0", "0", "8.25", "1048.25"},
		}},
		{"consumer", dunning.ConsumerCustomer, []want{
			{dday(2025, 6, 6), dday(2025, 6, 16), 0, "0", "0", "0", "1000.00"},
			{dday(2025, 6, 20), dday(2025, 6, 30), dday(2025, 6, 7), "2.50", "0", "2.59", "1005.09"},
			{dday(2025, 7, 4), dday(2025, 7, 14), dday(2025, 6, 7), "2.50", "0", "5.30", "1010.30"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dunning.GermanPolicy(dunSupport(), dunRates, "cs@ampere.cloud")
			require.NoError(t, p.Validate())
			inv := dunInvoice()
			inv.CustomerType = tt.typ
			c := dunCase(t, inv)
			for _, w := range tt.want {
				n := dunRun(t, c, p, w.on, dunning.Issued).Notice
				require.Equal(t, w.deadline, n.Deadline, "%s deadline", w.on)
				require.Equal(t, w.defaultFrom, n.DefaultFrom, "%s default from", w.on)
				dunDecimalEqual(t, w.fee, n.Fee, w.on.String()+" fee")
				dunDecimalEqual(t, w.flat, n.FlatFee, w.on.String()+" flat fee")
				dunDecimalEqual(t, w.interest, n.Interest, w.on.String()+" interest")
				dunDecimalEqual(t, w.total, n.Total, w.on.String()+" total")
			}
		})
	}
}

// TestDunningFlatFeeWithoutCrediting: without CreditFeesToFlatFee the
// business debtor pays the flat fee and every level fee. Default after the
// due date (§ 286 (2) no. 1): in default from 31 May, so the first notice
// (6 June) carries the flat fee; the second its 5.00 besides.
func TestDunningFlatFeeWithoutCrediting(t *testing.T) {
	p := dunPolicy()
	p.FlatFee, p.Default = dmoney("40"), dunning.DefaultAfterDueDate
	c := dunCase(t, dunInvoice())
	n1 := dunRun(t, c, p, dday(2025, 6, 6), dunning.Issued).Notice
	dunDecimalEqual(t, "40", n1.FlatFee, "first flat fee")
	require.Equal(t, dday(2025, 5, 31), n1.DefaultFrom)
	n2 := dunRun(t, c, p, dday(2025, 6, 20), dunning.Issued).Notice
	dunDecimalEqual(t, "0", n2.FlatFee, "flat fee once per invoice")
	dunDecimalEqual(t, "5", n2.Fee, "level fee")
	dunDecimalEqual(t, "45", n2.FeesDue, "40 + 5")
	dunDecimalEqual(t, "1045", n2.Total, "1000 + 45")
}

// TestDunningInterestOverBaseRateChange: simple interest, actual/365, on
// 10,000.00 from 1 June to 15 July 2025 (16 July excluded): 30 June days
// at base 2.27% and 15 July days at base 1.27%.
//
//	business (+9):  (10000 × 11.27 × 30 + 10000 × 10.27 × 15) / 36500
//	              = (3381000 + 1540500) / 36500 = 134.8356... = 134.84
//	consumer (+5):  (10000 × 7.27 × 30 + 10000 × 6.27 × 15) / 36500
//	              = (2181000 + 940500) / 36500 = 85.5205... = 85.52
func TestDunningInterestOverBaseRateChange(t *testing.T) {
	i := dunning.Interest{BaseRates: dunRates, BusinessMargin: dmoney("9"), ConsumerMargin: dmoney("5")}
	from, to := dday(2025, 6, 1), dday(2025, 7, 16)
	tests := []struct {
		typ   dunning.CustomerType
		want  string
		spans []dunning.InterestSpan
	}{
		{dunning.BusinessCustomer, "134.84", []dunning.InterestSpan{
			{From: from, To: dday(2025, 7, 1), Base: dmoney("10000"), Percent: dmoney("11.27")},
			{From: dday(2025, 7, 1), To: to, Base: dmoney("10000"), Percent: dmoney("10.27")},
		}},
		{dunning.ConsumerCustomer, "85.52", []dunning.InterestSpan{
			{From: from, To: dday(2025, 7, 1), Base: dmoney("10000"), Percent: dmoney("7.27")},
			{From: dday(2025, 7, 1), To: to, Base: dmoney("10000"), Percent: dmoney("6.27")},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.typ.String(), func(t *testing.T) {
			got, spans, err := i.Accrued(tt.typ, dmoney("10000.00"), from, to)
			require.NoError(t, err)
			dunDecimalEqual(t, tt.want, got, "interest")
			if diff := cmp.Diff(tt.spans, spans); diff != "" {
				t.Errorf("spans (-want +got):\n%s", diff)
			}
			require.Equal(t, 30, spans[0].Days())
			require.Equal(t, 15, spans[1].Days())
		})
	}

	t.Run("on_a_notice", func(t *testing.T) {
		// Due Saturday 31 May, default after the due date: from 1 June. The
		// only level falls due 46 days later, on 16 July. Flat fee 40.00.
		p := dunPolicy()
		p.Levels = p.Levels[:1]
		p.Levels[0].Days = 46
		p.Default, p.Interest, p.FlatFee = dunning.DefaultAfterDueDate, i, dmoney("40")
		inv := dunInvoice()
		inv.Due, inv.Amount = dday(2025, 5, 31), dmoney("10000.00")
		n := dunRun(t, dunCase(t, inv), p, dday(2025, 7, 16), dunning.Issued).Notice
		dunDecimalEqual(t, "134.84", n.Interest, "interest")
		dunDecimalEqual(t, "10174.84", n.Total, "10000 + 40 + 134.84")
		require.Equal(t, "2025-06-01..2025-06-30: 10000.00 × 11.27% × 30/365", n.InterestSpans[0].String())
		dunDecimalEqual(t, "92.63", n.InterestSpans[0].Amount(), "3381000 / 36500 = 92.630...")
	})

	t.Run("a_day_without_a_base_rate_is_an_error", func(t *testing.T) {
		_, _, err := i.Accrued(dunning.BusinessCustomer, dmoney("1"), dday(2024, 6, 30), dday(2024, 7, 2))
		var bre *dunning.BaseRateError
		require.ErrorAs(t, err, &bre)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.Equal(t, dday(2024, 6, 30), bre.Date)
	})

	t.Run("a_negative_rate_bears_nothing", func(t *testing.T) {
		neg := dunning.Interest{BaseRates: []dunning.BaseRate{{From: dday(2020, 1, 1), Percent: dmoney("-0.88")}}}
		got, _, err := neg.Accrued(dunning.ConsumerCustomer, dmoney("1000"), dday(2020, 1, 1), dday(2020, 2, 1))
		require.NoError(t, err)
		dunDecimalEqual(t, "0", got, "interest at -0.88%")
	})
}

// TestDunningPolicyValidate lists every problem at once.
func TestDunningPolicyValidate(t *testing.T) {
	p := dunning.Policy{
		Levels:      []dunning.Level{{Name: "", Days: -1, Fee: dmoney("-1")}},
		GraceDays:   400,
		MinimumOpen: dmoney("0.001"),
		Interest: dunning.Interest{
			BaseRates:      []dunning.BaseRate{{From: dday(2025, 7, 1), Percent: dmoney("1")}, {From: dday(2025, 1, 1), Percent: dmoney("2")}},
			BusinessMargin: dmoney("-9"),
		},
	}
	err := p.Validate()
	require.ErrorIs(t, err, dunning.ErrInvalid)
	var verr *dunning.ValidationError
	require.ErrorAs(t, err, &verr)
	for _, f := range []string{"Levels[0].Name", "Levels[0].Days", "Levels[0].Fee", "Calendar", "GraceDays",
		"MinimumOpen", "Interest.BaseRates[1].From", "Interest.BusinessMargin", "Dispute.FallbackContact"} {
		require.True(t, verr.Has(f), "%s not reported in %v", f, err)
	}
	require.NoError(t, dunPolicy().Validate())
}

func TestOpenInvoiceValidate(t *testing.T) {
	inv := dunning.OpenInvoice{Amount: dmoney("10.001"), Payments: []dunning.Payment{{Amount: dmoney("0"), Dispute: 1}}}
	err := inv.Validate()
	var verr *dunning.ValidationError
	require.ErrorAs(t, err, &verr)
	for _, f := range []string{"Number", "CustomerID", "CustomerType", "Due", "Amount",
		"Payments[0].Date", "Payments[0].Amount", "Payments[0].Dispute"} {
		require.True(t, verr.Has(f), "%s not reported in %v", f, err)
	}
	_, err = dunning.NewCase(inv)
	require.ErrorIs(t, err, dunning.ErrInvalid)

	c := dunCase(t, dunInvoice())
	other := dunInvoice()
	other.Number = "RE-2"
	_, err = c.Refresh(other, dday(2025, 6, 1), "erp")
	require.True(t, errors.As(err, &verr) && verr.Has("Number"), "%v", err)
}

func TestDunningEnumsText(t *testing.T) {
	var s dunning.DisputeState
	require.NoError(t, s.UnmarshalText([]byte("Partly Upheld")))
	require.Equal(t, dunning.DisputePartlyUpheld, s)
	b, err := dunning.DisputeWithdrawn.MarshalText()
	require.NoError(t, err)
	require.Equal(t, "withdrawn", string(b))
	b, err = dunning.CustomerType(0).MarshalText()
	require.NoError(t, err, "the zero value is the empty text")
	require.Empty(t, b)
	_, err = dunning.CustomerType(3).MarshalText()
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.NoError(t, s.UnmarshalText(nil))
	require.Equal(t, dunning.DisputeState(0), s)
	require.Equal(t, "CustomerType(7)", dunning.CustomerType(7).String())
	var k dunning.DisputeAttachmentKind
	require.ErrorIs(t, k.UnmarshalText([]byte("receipt")), dunning.ErrInvalid)
	var r dunning.CheckResult
	require.NoError(t, r.UnmarshalText([]byte("not applicable")))
	require.Equal(t, dunning.CheckNotApplicable, r)
}

func TestDunningNoticeID(t *testing.T) {
	require.Equal(t, "RE-7/12", dunning.Notice{Invoice: "RE-7", No: 12}.ID())
	// Reasons write dates as ISO dates, whatever the year.
	for _, d := range []date.Date{dday(2025, 1, 9), dday(1900, 12, 31), dday(2200, 10, 1)} {
		c := dunCase(t, dunning.OpenInvoice{Number: "R", CustomerID: "C", CustomerType: dunning.ConsumerCustomer, Due: d, Amount: dmoney("1")})
		res := dunRun(t, c, dunPolicy(), d, dunning.NotDue)
		require.Contains(t, res.Reasons[0], "after the due date "+d.String()+": on "+(d+7).String())
	}
}

// TestDunningFlatFeeCreditsEarlierFees: with the flat fee owed only from
// the second notice (default on reminder), a 5.00 reminder fee charged
// before counts against it: the second notice charges 40.00 - 5.00 = 35.00
// flat fee and no level fee (max(40.00, 5.00 + 5.00) = 40.00 in all);
// the third none (max(40.00, 5.00 + 5.00 + 10.00) = 40.00). With level
// fees of 30.00 each from the second level on, the third charges
// max(40.00, 5 + 30 + 30) - 40.00 = 25.00.
func TestDunningFlatFeeCreditsEarlierFees(t *testing.T) {
	tests := []struct {
		name                     string
		fees                     [3]string
		flat2, fee2, flat3, fee3 string
		feesDue3                 string
	}{
		{"level_fees_below_the_flat_fee", [3]string{"5", "5", "10"}, "35", "0", "0", "0", "40"},
		{"level_fees_above_the_flat_fee", [3]string{"5", "30", "30"}, "35", "0", "0", "25", "65"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dunPolicy()
			p.FlatFee, p.CreditFeesToFlatFee = dmoney("40"), true
			for i, f := range tt.fees {
				p.Levels[i].Fee = dmoney(f)
			}
			c := dunCase(t, dunInvoice())
			n1 := dunRun(t, c, p, dday(2025, 6, 6), dunning.Issued).Notice
			dunDecimalEqual(t, "5", n1.Fee, "reminder fee, before default")
			n2 := dunRun(t, c, p, dday(2025, 6, 20), dunning.Issued).Notice
			dunDecimalEqual(t, tt.flat2, n2.FlatFee, "second: flat fee")
			dunDecimalEqual(t, tt.fee2, n2.Fee, "second: level fee")
			require.Contains(t, n2.Reasons, "the flat fee of 40.00 less 5.00 of level fees charged before (BGB § 288 (5) sentence 3)")
			n3 := dunRun(t, c, p, dday(2025, 7, 4), dunning.Issued).Notice
			dunDecimalEqual(t, tt.flat3, n3.FlatFee, "third: flat fee")
			dunDecimalEqual(t, tt.fee3, n3.Fee, "third: level fee")
			dunDecimalEqual(t, tt.feesDue3, n3.FeesDue, "third: fees in all")
		})
	}
}

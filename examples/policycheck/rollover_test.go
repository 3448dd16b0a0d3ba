package policycheck_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// closed is what a row asserts about one month-end close: the hours
// carried into the next month and the hours that lapsed (as a positive
// number; the ledger books them negative), and the balance after the next
// month's allotment.
type closed struct {
	Carried time.Duration
	Lapsed  time.Duration
	Opening time.Duration // balance of the next month after its allotment
}

// kontingent is the service agreement's quota contract: 100 hours a month from March
// 2026 at a fixed fee, with the rollover policy under test.
func kontingent(t *testing.T, r quota.Rollover) quota.Account {
	t.Helper()
	a, err := quota.NewAccount(quota.Contract{
		ID: "K-1", CustomerID: "C-1", Start: d(2026, 3, 1),
		Terms: []quota.Terms{{
			From:  quota.MustParsePeriod("2026-03"),
			Hours: h(100), Price: decimal.RequireFromString("9500.00"),
			Rollover: r,
		}},
	})
	require.NoError(t, err)
	return a
}

// The service agreement, "Das Kontingent": "Anders als das 100 Minuten-Paket eines
// Handy Prepaid, wo am Monatsende die nicht verbrauchten 50 Minuten
// verfallen, nehmen Sie bei CSM den positiven Rest einfach mit in den
// nächsten Monat." The agreement's full rollover, and the market's other
// policies as settings. Each row uses hours in March, April, ...
// (booked on the 10th) and closes each month.
func TestRolloverOfTheHourBank(t *testing.T) {
	tests := []struct {
		name  string
		rule  quota.Rollover
		used  []time.Duration // per month from March 2026
		wants []closed        // per close
	}{
		// 100 bought - 50 used = 50 carried; April opens 50 + 100 = 150.
		{"full_100h_bought_50h_used_carries_50h", quota.FullRollover(),
			[]time.Duration{h(50)}, []closed{{Carried: h(50), Opening: h(150)}}},
		// March 50 carried; April 150 - 0 = 150 carried, opens 250.
		{"full_keeps_carrying_month_after_month", quota.FullRollover(),
			[]time.Duration{h(50), 0}, []closed{{Carried: h(50), Opening: h(150)}, {Carried: h(150), Opening: h(250)}}},
		// The mobile prepaid the agreement contrasts itself with: the 50 unused lapse.
		{"none_50h_unused_lapse", quota.NoRollover(),
			[]time.Duration{h(50)}, []closed{{Lapsed: h(50), Opening: h(100)}}},
		// 50 unused, cap 20: 20 carried, 50 - 20 = 30 lapse; opens 120.
		{"capped_at_20h_keeps_20h", quota.CappedRollover(h(20)),
			[]time.Duration{h(50)}, []closed{{Carried: h(20), Lapsed: h(30), Opening: h(120)}}},
		// 50 unused under a cap of 80: nothing lapses.
		{"capped_at_80h_keeps_all_50h", quota.CappedRollover(h(80)),
			[]time.Duration{h(50)}, []closed{{Carried: h(50), Opening: h(150)}}},
		// Cap 20 each month: March 20 carried, 30 lapse; April 120 - 0 =
		// 120 unused, 20 carried, 100 lapse.
		{"capped_at_20h_applies_to_the_whole_balance", quota.CappedRollover(h(20)),
			[]time.Duration{h(50), 0}, []closed{{Carried: h(20), Lapsed: h(30), Opening: h(120)}, {Carried: h(20), Lapsed: h(100), Opening: h(120)}}},
		// March's hours stay usable through April. March: 50 left, none
		// due (they lapse at April's close): 50 carried. April: 150, uses
		// 30 from the oldest first: March 50 - 30 = 20, April 100. At
		// April's close March's 20 lapse, April's 100 are carried.
		{"expiring_after_1_month_lapses_the_march_rest_in_april", quota.ExpiringRollover(1),
			[]time.Duration{h(50), h(30)}, []closed{{Carried: h(50), Opening: h(150)}, {Carried: h(100), Lapsed: h(20), Opening: h(200)}}},
		// April uses 120: March's 50 first, then 70 of April's 100, so
		// nothing of March is left to lapse; 30 carried.
		{"expiring_after_1_month_uses_the_oldest_hours_first", quota.ExpiringRollover(1),
			[]time.Duration{h(50), h(120)}, []closed{{Carried: h(50), Opening: h(150)}, {Carried: h(30), Opening: h(130)}}},
		// Expiring and capped combine: March 50 left, cap 40: 40 carried,
		// 10 lapse. April 140, uses 0: March's 40 lapse (expired), April's
		// 100 over the cap of 40: 60 lapse; 40 carried.
		{"expiring_after_1_month_capped_at_40h", quota.Rollover{Capped: true, Cap: h(40), Expiring: true, Keep: 1},
			[]time.Duration{h(50), 0}, []closed{{Carried: h(40), Lapsed: h(10), Opening: h(140)}, {Carried: h(40), Lapsed: h(100), Opening: h(140)}}},
		// Nothing unused, nothing to carry under any policy.
		{"none_with_all_100h_used_lapses_nothing", quota.NoRollover(),
			[]time.Duration{h(100)}, []closed{{Opening: h(100)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Len(t, tt.wants, len(tt.used), "one want per month")
			a := kontingent(t, tt.rule)
			p := quota.MustParsePeriod("2026-03")
			var got []closed
			for i, used := range tt.used {
				if used > 0 {
					_, err := a.Consume(quota.Consumption{Key: fmt.Sprintf("work-%s", p), Date: p.First() + 9, Hours: used})
					require.NoError(t, err, "consume %s in %s", quota.FormatHours(used), p)
				}
				res, err := a.Close(p)
				require.NoError(t, err, "close %s", p)
				require.Equal(t, quota.Closed, res.Outcome, "close %d", i)
				got = append(got, closed{Carried: res.Closing, Lapsed: -res.Expired, Opening: a.Balance()})
				p = p.Next()
			}
			if diff := cmp.Diff(tt.wants, got); diff != "" {
				t.Errorf("closes mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// Closing a month twice books nothing the second time: the month-end job
// can be re-run after a crash.
func TestRolloverCloseTwiceBooksNothing(t *testing.T) {
	a := kontingent(t, quota.FullRollover())
	march := quota.MustParsePeriod("2026-03")
	_, err := a.Consume(quota.Consumption{Key: "work-1", Date: d(2026, 3, 10), Hours: h(50)})
	require.NoError(t, err)
	_, err = a.Close(march)
	require.NoError(t, err)
	booked := len(a.Pending)

	again, err := a.Close(march)
	require.NoError(t, err)
	require.Equal(t, quota.AlreadyClosed, again.Outcome)
	require.Len(t, a.Pending, booked, "the second close booked entries")
	require.Equal(t, h(150), a.Balance(), "50 carried + 100 allotted in April")
}

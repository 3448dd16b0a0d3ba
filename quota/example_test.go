package quota_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/quota"
)

// The service agreement's own example: 100 hours bought, 50 used, the 50 left carried
// into the next month.
func ExampleAccount() {
	a, err := quota.NewAccount(quota.Contract{
		ID: "K-1001", CustomerID: "C-17", Start: date.New(2026, time.January, 1),
		Terms: []quota.Terms{{
			From:  quota.MustParsePeriod("2026-01"),
			Hours: 100 * time.Hour, Price: decimal.RequireFromString("8500.00"),
			OverageRate: decimal.RequireFromString("95.00"),
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = a.Consume(quota.Consumption{Key: "work-1", Date: date.New(2026, time.January, 14), Hours: 50 * time.Hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := a.Close(quota.MustParsePeriod("2026-01"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("carried into February:", quota.FormatHours(res.Closing))
	fmt.Println("lapsed:", quota.FormatHours(-res.Expired))
	fmt.Println("available in February:", quota.FormatHours(a.Balance()))
	// Output:
	// carried into February: 50h
	// lapsed: 0h
	// available in February: 150h
}

// A consumption beyond the balance is refused when the contract allows no
// overdraft, with the numbers; nothing is booked.
func ExampleAccount_Consume() {
	a, _ := quota.NewAccount(quota.Contract{
		ID: "K-1001", CustomerID: "C-17", Start: date.New(2026, time.January, 1),
		Terms: []quota.Terms{{From: quota.MustParsePeriod("2026-01"), Hours: 10 * time.Hour}},
	})
	_, err := a.Consume(quota.Consumption{Key: "work-1", Date: date.New(2026, time.January, 5), Hours: 12 * time.Hour})
	var oe *quota.OverdraftError
	if errors.As(err, &oe) {
		fmt.Println("refused:", quota.FormatHours(oe.Requested), "on a balance of", quota.FormatHours(oe.Balance))
	}
	fmt.Println("balance:", quota.FormatHours(a.Balance()))
	// Output:
	// refused: 12h on a balance of 10h
	// balance: 10h
}

// Work reported after its month closed is booked late: in the open
// period, keeping its work date, so the closed month stays as it was.
func ExampleAccount_Consume_late() {
	a, _ := quota.NewAccount(quota.Contract{
		ID: "K-1001", CustomerID: "C-17", Start: date.New(2026, time.January, 1),
		Terms: []quota.Terms{{From: quota.MustParsePeriod("2026-01"), Hours: 10 * time.Hour}},
	})
	_, _ = a.Close(quota.MustParsePeriod("2026-01"))
	e, _ := a.Consume(quota.Consumption{Key: "work-9", Date: date.New(2026, time.January, 30), Hours: 2 * time.Hour})
	fmt.Println("work date:", e.WorkDate, "booked in:", e.Period, "counts from:", e.Date, "late:", e.Late())
	// Output:
	// work date: 2026-01-30 booked in: 2026-02 counts from: 2026-02-01 late: true
}

// An overbooked month ends with a correction: the hours below zero are
// charged at the overage rate and the balance starts again from zero.
func ExampleAccount_Close() {
	a, _ := quota.NewAccount(quota.Contract{
		ID: "K-1001", CustomerID: "C-17", Start: date.New(2026, time.January, 1),
		Terms: []quota.Terms{{
			From: quota.MustParsePeriod("2026-01"), Hours: 100 * time.Hour,
			OverageRate: decimal.RequireFromString("95.00"), Overdraft: quota.UnlimitedOverdraft(),
		}},
	})
	_, _ = a.Consume(quota.Consumption{Key: "work-1", Date: date.New(2026, time.January, 20), Hours: 130*time.Hour + 20*time.Minute})
	res, _ := a.Close(quota.MustParsePeriod("2026-01"))
	for _, e := range res.Entries {
		fmt.Println(e.Date, e.Kind, quota.FormatHours(e.Hours), e.Amount.StringFixed(2), e.Ref)
	}
	// Output:
	// 2026-01-31 correction 30h20m 2881.67 K-1001/2026-01/correction
	// 2026-02-01 allotment 100h 0.00
}

// The rollover rules side by side, each applied to 50 unused hours at the
// close of January.
func ExampleRollover() {
	jan := quota.MustParsePeriod("2026-01")
	for _, r := range []quota.Rollover{
		quota.FullRollover(),
		quota.NoRollover(),
		quota.CappedRollover(20 * time.Hour),
		quota.ExpiringRollover(2),
	} {
		lots := []quota.Lot{{Expires: r.Expires(jan), Hours: 50 * time.Hour}}
		kept, lapsed := r.Lapse(lots, jan)
		var carried time.Duration
		for _, l := range kept {
			carried += l.Hours
		}
		fmt.Printf("%-7s carries %s, lapses %s\n", r, quota.FormatHours(carried), quota.FormatHours(lapsed))
	}
	// Output:
	// full    carries 50h, lapses 0h
	// none    carries 0h, lapses 50h
	// cap=20h carries 20h, lapses 30h
	// keep=2  carries 50h, lapses 0h
}

func ExampleOverdraft_Check() {
	o := quota.OverdraftUpTo(10 * time.Hour)
	fmt.Println(o.Check(5*time.Hour, 15*time.Hour))
	fmt.Println(o.Check(5*time.Hour, 16*time.Hour))
	// Output:
	// <nil>
	// quota: overdraft: balance 5h, requested 16h, overdraft limit 10h
}

// Charge rounds once, to cents, half away from zero.
func ExampleCharge() {
	rate := decimal.RequireFromString("95.00")
	fmt.Println(quota.Charge(10*time.Hour+20*time.Minute, rate).StringFixed(2))
	fmt.Println(quota.Charge(time.Minute, decimal.RequireFromString("0.30")).StringFixed(2))
	// Output:
	// 981.67
	// 0.01
}

// A contract overbooked three months running is sliding; the suggestion
// is the average use rounded up to a whole hour.
func ExampleWatch() {
	jan := quota.MustParsePeriod("2026-01")
	usage := []quota.Usage{
		{Period: jan, Allotted: 100 * time.Hour, Used: 130 * time.Hour, Corrected: 30 * time.Hour},
		{Period: jan.Add(1), Allotted: 100 * time.Hour, Used: 110 * time.Hour, Corrected: 10 * time.Hour},
		{Period: jan.Add(2), Allotted: 100 * time.Hour, Used: 121 * time.Hour, Corrected: 21 * time.Hour},
	}
	as, _ := quota.Watch(usage, quota.WatchConfig{})
	fmt.Println(as.Flag, "average", quota.FormatHours(as.AverageUsed), "suggested", quota.FormatHours(as.Suggested))
	// Output:
	// sliding average 120h20m suggested 121h
}

func ExampleParsePeriod() {
	p, err := quota.ParsePeriod("2028-02")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p, p.First(), p.Last(), p.Next())
	_, err = quota.ParsePeriod("2028-13")
	fmt.Println(err)
	// Output:
	// 2028-02 2028-02-01 2028-02-29 2028-03
	// quota: Period: "2028-13" is not a month written YYYY-MM
}

// A contract's JSON form, as a host sends it over its API or stores it:
// hours as text, money as decimal strings, policies in their text forms.
func ExampleContract_MarshalJSON() {
	c := quota.Contract{ID: "K-2026-017", CustomerID: "kruse", Start: date.New(2026, time.June, 1),
		Terms: []quota.Terms{{From: quota.MustParsePeriod("2026-06"), Hours: 10 * time.Hour,
			Price: decimal.RequireFromString("950"), OverageRate: decimal.RequireFromString("95"),
			Overdraft: quota.UnlimitedOverdraft()}}}
	b, _ := json.MarshalIndent(c, "", "  ")
	fmt.Println(string(b))
	// Output:
	// {
	//   "id": "K-2026-017",
	//   "customerId": "kruse",
	//   "start": "2026-06-01",
	//   "terms": [
	//     {
	//       "from": "2026-06",
	//       "hours": "10h",
	//       "price": "950.00",
	//       "overageRate": "95.00",
	//       "rollover": "full",
	//       "overdraft": "unlimited",
	//       "correction": "settle"
	//     }
	//   ]
	// }
}

// Work of 5 June released after work of 8 June: the ledger lists them in
// booking order, ByDate day by day, where the running balance is the
// balance on each day.
func ExampleStatement_ByDate() {
	june := quota.MustParsePeriod("2026-06")
	day := func(d int) date.Date { return date.New(2026, time.June, d) }
	st := quota.Statement{Period: june, Opening: 2 * time.Hour, Entries: []quota.Entry{
		{Seq: 1, Kind: quota.KindAllotment, Hours: 10 * time.Hour, Date: day(1), WorkDate: day(1)},
		{Seq: 2, Kind: quota.KindConsumption, Hours: -90 * time.Minute, Date: day(8), WorkDate: day(8), Ref: "T-1"},
		{Seq: 3, Kind: quota.KindConsumption, Hours: -45 * time.Minute, Date: day(5), WorkDate: day(5), Ref: "T-3"},
	}}
	balance := st.Opening
	for _, e := range st.ByDate() {
		balance += e.Hours
		fmt.Printf("%s %-11s %6s %s\n", e.Date, e.Kind, quota.FormatHours(e.Hours), quota.FormatHours(balance))
	}
	// Output:
	// 2026-06-01 allotment      10h 12h
	// 2026-06-05 consumption   -45m 11h15m
	// 2026-06-08 consumption -1h30m 9h45m
}

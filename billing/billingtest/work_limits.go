package billingtest

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// workLimitTests check the documented limits through the doors a record
// enters by: the Biller for contracts and work, the store for usage.
var workLimitTests = []workTest{
	{Name: "fields_at_their_limits_round_trip_and_past_them_nothing_is_stored", Run: testWorkLimits},
}

// testWorkLimits stores a contract, a work entry and a usage record with
// every field at its documented limit (IDs of 200 bytes of multi-byte
// UTF-8, texts of 2000 bytes, dates on 9999-12-31 and instants on that
// day, a whole day worked, 10000 km, 100 % goodwill and VAT, prices and
// quantities of 999999999999.9999): each reads back as stored. One step
// past each limit is refused with ErrInvalid and stores nothing, and the
// records stored before stay readable.
func testWorkLimits(t *testing.T, s billing.WorkStore) {
	b := workBiller(t, s)
	id := func(r string) string { return strings.Repeat(r, 100) } // 200 bytes
	text := strings.Repeat("é", 999) + "\n\t"                     // 2000 bytes
	top := decimal.RequireFromString("999999999999.9999")
	last := workDay(9999, time.December, 31)
	customer := id("Ä")

	c := billing.Contract{CustomerID: customer, ReportRecipient: text, Rates: billing.RateCard{{
		From: last, Hourly: top, Daily: top, DayRateFrom: 24 * workH, FlatFee: top, PerKm: top,
		Travel:  []billing.TravelZone{{Zone: id("ö"), Charge: top}},
		Usage:   []billing.UsagePrice{{Item: id("ü"), Unit: id("ß"), Price: top}},
		VATRate: workDec("100"),
	}}}
	c.ReportRecipient = strings.ReplaceAll(c.ReportRecipient, "\n\t", "xx") // a single line
	workMust(t, b.PutContract(ctx, c))
	workDiff(t, "contract at the limits", c, workGet[billing.Contract](t)(s.Contract(ctx, customer)))

	start := time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)
	e := billing.WorkEntry{
		ID: id("é"), CustomerID: customer, BranchID: id("ö"), TicketID: id("ü"), Technician: id("ß"),
		Date: last, Start: start, End: start.Add(24*workH - time.Second),
		Activity: billing.ActivitySupport, Fault: billing.FaultCustomer, Product: id("ä"),
		Travel: billing.Travel{Kilometres: 10_000}, OrderRef: id("ë"), Billable: billing.BillableYes,
		Goodwill:    billing.Goodwill{Waive: 24*workH - time.Second, Percent: workDec("100"), Reason: text},
		Description: text,
	}
	stored, err := b.Record(ctx, e)
	require.NoError(t, err)
	workDiff(t, "entry at the limits", workEntryForCmp(stored), workEntryForCmp(workGet[billing.WorkEntry](t)(s.Entry(ctx, e.ID))))
	require.True(t, e.Start.Equal(stored.Start) && e.End.Equal(stored.End), "instants on 9999-12-31")

	u := billing.Usage{ID: id("ï"), CustomerID: customer, BranchID: id("ö"), Period: quota.MustParsePeriod("9999-12"), Item: id("ü"), Quantity: top}
	workMust(t, s.AddUsage(ctx, u))
	workDiff(t, "usage at the limits", []billing.Usage{u}, workCollect(t, s.Usage(ctx, customer, u.Period)))

	contractPast := func(set func(*billing.Contract)) billing.Contract {
		c := workContract("C-past", nil)
		set(&c)
		return c
	}
	for name, c := range map[string]billing.Contract{
		"customer_id_of_201_bytes":    contractPast(func(c *billing.Contract) { c.CustomerID = customer + "x" }),
		"recipient_of_2001_bytes":     contractPast(func(c *billing.Contract) { c.ReportRecipient = strings.Repeat("x", 2001) }),
		"rates_from_10000":            contractPast(func(c *billing.Contract) { c.Rates[0].From = last + 1 }),
		"hourly_of_a_trillion":        contractPast(func(c *billing.Contract) { c.Rates[0].Hourly = decimal.New(1, 12) }),
		"hourly_with_5_decimals":      contractPast(func(c *billing.Contract) { c.Rates[0].Hourly = workDec("95.00001") }),
		"hourly_of_1e-17000":          contractPast(func(c *billing.Contract) { c.Rates[0].Hourly = decimal.New(1, -17000) }),
		"day_rate_from_a_day_and_1ns": contractPast(func(c *billing.Contract) { c.Rates[0].DayRateFrom = 24*workH + 1 }),
		"vat_of_100.01":               contractPast(func(c *billing.Contract) { c.Rates[0].VATRate = workDec("100.01") }),
		"unit_of_201_bytes":           contractPast(func(c *billing.Contract) { c.Rates[0].Usage[0].Unit = id("ß") + "x" }),
	} {
		require.ErrorIs(t, b.PutContract(ctx, c), billing.ErrInvalid, name)
		_, err := s.Contract(ctx, c.CustomerID)
		require.ErrorIs(t, err, billing.ErrNotFound, "%s: nothing was stored", name)
	}

	entryPast := func(set func(*billing.WorkEntry)) billing.WorkEntry {
		return workEntry("E-past", "C-1", set)
	}
	for name, e := range map[string]billing.WorkEntry{
		"id_of_201_bytes":           entryPast(func(e *billing.WorkEntry) { e.ID = id("é") + "x" }),
		"ticket_id_of_201_bytes":    entryPast(func(e *billing.WorkEntry) { e.TicketID = id("ü") + "x" }),
		"date_in_10000":             entryPast(func(e *billing.WorkEntry) { e.Date = last + 1 }),
		"more_than_a_day_worked":    entryPast(func(e *billing.WorkEntry) { e.Duration = billing.MaxWorked + time.Second }),
		"end_in_10000":              entryPast(func(e *billing.WorkEntry) { e.Date, e.Duration, e.Start, e.End = last, 0, start, start.Add(24*workH) }),
		"description_of_2001_bytes": entryPast(func(e *billing.WorkEntry) { e.Description = text + "x" }),
		"10001_km":                  entryPast(func(e *billing.WorkEntry) { e.Travel.Kilometres = 10_001 }),
		"goodwill_of_100.01_percent": entryPast(func(e *billing.WorkEntry) {
			e.Goodwill = billing.Goodwill{Percent: workDec("100.01"), Reason: "r"}
		}),
	} {
		_, err := b.Record(ctx, e)
		require.ErrorIs(t, err, billing.ErrInvalid, name)
		_, err = s.Entry(ctx, e.ID)
		require.ErrorIs(t, err, billing.ErrNotFound, "%s: nothing was stored", name)
	}

	usagePast := func(set func(*billing.Usage)) billing.Usage {
		u := billing.Usage{ID: "U-past", CustomerID: "C-1", Period: quota.MustParsePeriod("2026-03"), Item: "device", Quantity: workDec("1")}
		set(&u)
		return u
	}
	for name, u := range map[string]billing.Usage{
		"id_of_201_bytes":          usagePast(func(u *billing.Usage) { u.ID = id("ï") + "x" }),
		"item_of_201_bytes":        usagePast(func(u *billing.Usage) { u.Item = id("ü") + "x" }),
		"no_period":                usagePast(func(u *billing.Usage) { u.Period = quota.Period{} }),
		"quantity_of_a_trillion":   usagePast(func(u *billing.Usage) { u.Quantity = decimal.New(1, 12) }),
		"quantity_with_5_decimals": usagePast(func(u *billing.Usage) { u.Quantity = workDec("0.00001") }),
		"quantity_of_1e-17000":     usagePast(func(u *billing.Usage) { u.Quantity = decimal.New(1, -17000) }),
		"negative_quantity":        usagePast(func(u *billing.Usage) { u.Quantity = workDec("-1") }),
	} {
		require.ErrorIs(t, s.AddUsage(ctx, u), billing.ErrInvalid, name)
		require.Empty(t, workCollect(t, s.Usage(ctx, "C-1", quota.MustParsePeriod("9999-12"))), "%s: nothing was stored", name)
	}

	workDiff(t, "contract after the refusals", c, workGet[billing.Contract](t)(s.Contract(ctx, customer)))
	workDiff(t, "entry after the refusals", workEntryForCmp(stored), workEntryForCmp(workGet[billing.WorkEntry](t)(s.Entry(ctx, e.ID))))
	workDiff(t, "usage after the refusals", []billing.Usage{u}, workCollect(t, s.Usage(ctx, customer, u.Period)))
	workGet[billing.Contract](t)(s.Contract(ctx, "C-1"))
}

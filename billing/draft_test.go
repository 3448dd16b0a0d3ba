package billing_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

func per(s string) quota.Period { return quota.MustParsePeriod(s) }

var march = billing.BillingRun{Period: per("2026-03"), Issued: d(2026, 4, 1)}

// reportSum is a report as the tests compare it: its ID, its lines as
// "quantity unit × price = net", its totals, its held entries and the
// units of its entries.
type reportSum struct {
	ID                string
	Lines             []string
	Net, VAT, Gross   string
	Units             map[string]int64
	Held              []string
	QuotaHours        time.Duration
	InvoiceID, BillTo string
}

func sum(r billing.ServiceReport) reportSum {
	s := reportSum{ID: r.ID, Net: r.Totals.Net.StringFixed(2), VAT: r.Totals.VATTotal.StringFixed(2), Gross: r.Totals.Gross.StringFixed(2), Units: map[string]int64{}, QuotaHours: r.QuotaHours}
	for _, l := range r.Lines {
		s.Lines = append(s.Lines, fmt.Sprintf("%s %s × %s = %s", l.Quantity, l.Unit, l.Price.StringFixed(2), l.Net.StringFixed(2)))
	}
	for _, e := range r.Entries {
		s.Units[e.Entry.ID] = e.Units
	}
	for _, e := range r.Held {
		s.Held = append(s.Held, e.Entry.ID)
	}
	if inv, ok := r.Invoice(); ok {
		s.InvoiceID, s.BillTo = inv.ID, inv.BillTo
	}
	return s
}

func draft(t *testing.T, cfg billing.BillerConfig, c billing.Contract, es []billing.WorkEntry, us ...billing.Usage) []reportSum {
	t.Helper()
	dr, err := cfg.DraftReports(c, march, es, us)
	require.NoError(t, err)
	var out []reportSum
	for _, r := range dr.Reports {
		out = append(out, sum(r))
	}
	return out
}

// branchWork is four entries of customer C-1 in March 2026: head office
// 1h, branch B-1 30m and a free provider defect of 20m, branch B-2 45m.
func branchWork() []billing.WorkEntry {
	return []billing.WorkEntry{
		work("E-1", nil),
		work("E-2", func(e *billing.WorkEntry) { e.BranchID, e.TicketID, e.Duration = "B-1", "T-2", 30*m }),
		work("E-3", func(e *billing.WorkEntry) { e.BranchID, e.TicketID, e.Duration = "B-2", "T-3", 45*m }),
		work("E-4", func(e *billing.WorkEntry) {
			e.BranchID, e.TicketID, e.Duration, e.Fault = "B-1", "T-4", 20*m, billing.FaultProvider
		}),
	}
}

// central invoicing is one report and one invoice to head office;
// per-branch invoicing is one each per branch. VAT is computed per
// document, so the per-branch gross differs from the central by a cent.
func TestDraftCentralAndPerBranch(t *testing.T) {
	t.Run("central", func(t *testing.T) {
		got := draft(t, billing.BillerConfig{}, contract(nil), branchWork())
		// 60 + 30 + 45 minutes at 95.00 per 60: 95.00 + 47.50 + 71.25 =
		// 213.75 net; VAT 19 %: 40.6125 -> 40.61; gross 254.36.
		want := []reportSum{{
			ID: "SR/2026-03/C-1", InvoiceID: "INV/2026-03/C-1", BillTo: "",
			Lines: []string{"60 MIN × 95.00 = 95.00", "30 MIN × 95.00 = 47.50", "45 MIN × 95.00 = 71.25"},
			Net:   "213.75", VAT: "40.61", Gross: "254.36",
			Units: map[string]int64{"E-1": 4, "E-2": 2, "E-3": 3, "E-4": 0},
		}}
		diff(t, "reports", want, got)
	})
	t.Run("per_branch", func(t *testing.T) {
		got := draft(t, billing.BillerConfig{}, contract(func(c *billing.Contract) { c.Invoicing = billing.PerBranch }), branchWork())
		want := []reportSum{
			// 95.00; VAT 18.05; 113.05.
			{ID: "SR/2026-03/C-1", InvoiceID: "INV/2026-03/C-1", Lines: []string{"60 MIN × 95.00 = 95.00"},
				Net: "95.00", VAT: "18.05", Gross: "113.05", Units: map[string]int64{"E-1": 4}},
			// 47.50; VAT 9.025 -> 9.03; 56.53. The free entry is listed.
			{ID: "SR/2026-03/C-1/B-1", InvoiceID: "INV/2026-03/C-1/B-1", BillTo: "B-1", Lines: []string{"30 MIN × 95.00 = 47.50"},
				Net: "47.50", VAT: "9.03", Gross: "56.53", Units: map[string]int64{"E-2": 2, "E-4": 0}},
			// 71.25; VAT 13.5375 -> 13.54; 84.79. Together 254.37.
			{ID: "SR/2026-03/C-1/B-2", InvoiceID: "INV/2026-03/C-1/B-2", BillTo: "B-2", Lines: []string{"45 MIN × 95.00 = 71.25"},
				Net: "71.25", VAT: "13.54", Gross: "84.79", Units: map[string]int64{"E-3": 3}},
		}
		diff(t, "reports", want, got)
	})
}

// each rounding mode and the grouping, through the report. Three
// entries of 10 minutes on one ticket and day, 15-minute units.
func TestDraftUnitGrouping(t *testing.T) {
	es := []billing.WorkEntry{
		work("E-1", func(e *billing.WorkEntry) { e.Duration = 10 * m }),
		work("E-2", func(e *billing.WorkEntry) { e.Duration = 10 * m }),
		work("E-3", func(e *billing.WorkEntry) { e.Duration = 10 * m }),
	}
	for _, tc := range []struct {
		name   string
		policy billing.UnitPolicy
		lines  []string
		units  map[string]int64
		net    string
	}{
		// Each 10m rounds up to one unit: 3 × 15 = 45 min, 71.25.
		{"per_entry_up", billing.UnitPolicy{}, []string{"15 MIN × 95.00 = 23.75", "15 MIN × 95.00 = 23.75", "15 MIN × 95.00 = 23.75"},
			map[string]int64{"E-1": 1, "E-2": 1, "E-3": 1}, "71.25"},
		// 10m is 0.67 of a unit: nearest gives 1 each.
		{"per_entry_nearest", billing.UnitPolicy{Rounding: billing.RoundNearest}, []string{"15 MIN × 95.00 = 23.75", "15 MIN × 95.00 = 23.75", "15 MIN × 95.00 = 23.75"},
			map[string]int64{"E-1": 1, "E-2": 1, "E-3": 1}, "71.25"},
		// Down gives 0 each: no line at all.
		{"per_entry_down", billing.UnitPolicy{Rounding: billing.RoundDown}, nil,
			map[string]int64{"E-1": 0, "E-2": 0, "E-3": 0}, "0.00"},
		// Together 30m is 2 units up: 30 min, 47.50; the 2 units are
		// shared by largest remainder, ties to the earlier entry.
		{"ticket_day_up", billing.UnitPolicy{Per: billing.PerTicketDay}, []string{"30 MIN × 95.00 = 47.50"},
			map[string]int64{"E-1": 1, "E-2": 1, "E-3": 0}, "47.50"},
		{"ticket_day_down_min_3", billing.UnitPolicy{Per: billing.PerTicketDay, Rounding: billing.RoundDown, Minimum: 3}, []string{"45 MIN × 95.00 = 71.25"},
			map[string]int64{"E-1": 1, "E-2": 1, "E-3": 1}, "71.25"},
		// 30-minute units, nearest: 30m is exactly 1.
		{"ticket_day_30m_nearest", billing.UnitPolicy{Size: 30 * m, Rounding: billing.RoundNearest, Per: billing.PerTicketDay}, []string{"30 MIN × 95.00 = 47.50"},
			map[string]int64{"E-1": 1, "E-2": 0, "E-3": 0}, "47.50"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, how := range []string{"config", "contract"} {
				if how == "contract" && tc.policy.IsZero() {
					continue // a zero contract policy means the Biller's
				}
				cfg, c := billing.BillerConfig{Units: tc.policy}, contract(nil)
				if how == "contract" {
					// The contract's policy overrides the Biller's.
					cfg.Units, c.Units = billing.UnitPolicy{Size: 1 * h, Minimum: 9}, tc.policy
				}
				got := draft(t, cfg, c, es)
				require.Len(t, got, 1)
				diff(t, how+" lines", tc.lines, got[0].Lines)
				diff(t, how+" units", tc.units, got[0].Units)
				diff(t, how+" net", tc.net, got[0].Net)
			}
		})
	}
}

// a price change on 2026-03-16 bills each entry at the rate of its
// work date.
func TestDraftRateChangeMidPeriod(t *testing.T) {
	c := contract(func(c *billing.Contract) {
		later := c.Rates[0]
		later.From, later.Hourly, later.FlatFee = d(2026, 3, 16), dec("105.00"), dec("49.00")
		c.Rates = append(c.Rates, later)
	})
	es := []billing.WorkEntry{
		work("E-1", func(e *billing.WorkEntry) { e.Date = d(2026, 3, 15) }),
		work("E-2", func(e *billing.WorkEntry) { e.Date = d(2026, 3, 16) }),
		work("E-3", func(e *billing.WorkEntry) { e.Date, e.Duration = d(2026, 3, 31), 20*m }),
	}
	got := draft(t, billing.BillerConfig{}, c, es)
	// 60 min at 95.00 = 95.00; 60 min at 105.00 = 105.00; 20m is 2 units,
	// 30 min at 105.00 = 52.50. Net 252.50, VAT 47.975 -> 47.98.
	want := []string{"60 MIN × 95.00 = 95.00", "60 MIN × 105.00 = 105.00", "30 MIN × 105.00 = 52.50"}
	diff(t, "lines", want, got[0].Lines)
	diff(t, "totals", []string{"252.50", "47.98", "300.48"}, []string{got[0].Net, got[0].VAT, got[0].Gross})

	// A VAT change (Germany, 1 July 2020: 19 % to 16 %): late June work
	// billed in July's run is invoiced at June's rate, one breakdown each.
	c = contract(func(c *billing.Contract) {
		c.Rates[0].From = d(2020, 1, 1)
		july := c.Rates[0]
		july.From, july.VATRate = d(2020, 7, 1), dec("16")
		c.Rates = append(c.Rates, july)
	})
	es = []billing.WorkEntry{
		work("E-1", func(e *billing.WorkEntry) { e.Date, e.Duration = d(2020, 6, 30), 45*m }),
		work("E-2", func(e *billing.WorkEntry) { e.Date, e.Duration = d(2020, 7, 1), 45*m }),
	}
	run := billing.BillingRun{Period: per("2020-07"), Issued: d(2020, 8, 3)}
	dr, err := billing.BillerConfig{}.DraftReports(c, run, es, nil)
	require.NoError(t, err)
	// 45 min at 95.00 = 71.25 each; 71.25 × 16 % = 11.40,
	// 71.25 × 19 % = 13.5375 -> 13.54.
	want2 := []billing.VATBreakdown{
		{Rate: dec("16"), Base: dec("71.25"), Tax: dec("11.40")},
		{Rate: dec("19"), Base: dec("71.25"), Tax: dec("13.54")},
	}
	diff(t, "VAT", want2, dr.Reports[0].Totals.VAT)
}

// billable work on a ticket beyond the threshold without an order
// reference is held back and flagged, never billed.
func TestDraftHoldsWorkWithoutOrder(t *testing.T) {
	es := []billing.WorkEntry{
		// T-9: 3h + 2h = 5h > 4h, no order: held.
		work("E-1", func(e *billing.WorkEntry) { e.TicketID, e.Duration = "T-9", 3*h }),
		work("E-2", func(e *billing.WorkEntry) { e.TicketID, e.Duration, e.Date = "T-9", 2*h, d(2026, 3, 3) }),
		// T-9's free work is not held: it is not billed anyway.
		work("E-3", func(e *billing.WorkEntry) { e.TicketID, e.Fault = "T-9", billing.FaultProvider }),
		// T-10: the same hours, and the customer's order on one entry.
		work("E-4", func(e *billing.WorkEntry) { e.TicketID, e.Duration, e.Date = "T-10", 3*h, d(2026, 3, 4) }),
		work("E-5", func(e *billing.WorkEntry) {
			e.TicketID, e.Duration, e.OrderRef, e.Date = "T-10", 2*h, "PO-4711", d(2026, 3, 5)
		}),
		// T-11: exactly 4h is not beyond.
		work("E-6", func(e *billing.WorkEntry) { e.TicketID, e.Duration, e.Date = "T-11", 4*h, d(2026, 3, 6) }),
	}
	dr, err := billing.BillerConfig{}.DraftReports(contract(nil), march, es, nil)
	require.NoError(t, err)
	require.Len(t, dr.Reports, 1)
	got := sum(dr.Reports[0])
	diff(t, "held", []string{"E-1", "E-2"}, got.Held)
	// T-10: 180 + 120 min; T-11: 240 min; at 95.00 per 60.
	diff(t, "lines", []string{"180 MIN × 95.00 = 285.00", "120 MIN × 95.00 = 190.00", "240 MIN × 95.00 = 380.00"}, got.Lines)
	require.Len(t, dr.Held, 2)
	if r := dr.Held[0].Held; r != "ticket T-9 has 5h of billable work, more than the 4h allowed without the customer's order" {
		t.Errorf("reason %q", r)
	}

	// A threshold in money: 3h at 95.00 is 285.00, not above 300.00;
	// 3h30m is 332.50, above it; a flat fee counts with its amount.
	p := billing.DefaultPolicy()
	p.Order = billing.OrderThreshold{Amount: dec("300.00")}
	es = []billing.WorkEntry{
		work("E-1", func(e *billing.WorkEntry) { e.TicketID, e.Duration = "T-1", 3*h }),
		work("E-2", func(e *billing.WorkEntry) { e.TicketID, e.Duration = "T-2", 3*h+30*m }),
		work("E-3", func(e *billing.WorkEntry) { e.TicketID, e.Duration = "T-3", 3*h }),
		work("E-4", func(e *billing.WorkEntry) { e.TicketID, e.Activity = "T-3", billing.ActivityDevelopment }),
	}
	dr, err = billing.BillerConfig{Policy: p}.DraftReports(contract(nil), march, es, nil)
	require.NoError(t, err)
	// T-3: 3h + 1h = 4h at 95.00 = 380.00.
	diff(t, "held by amount", []string{"E-2", "E-3", "E-4"}, sum(dr.Reports[0]).Held)
	if r := dr.Held[0].Held; r != "ticket T-2 comes to 332.50 net, more than the 300.00 allowed without the customer's order" {
		t.Errorf("reason %q", r)
	}

	// The default threshold is 4h: 3h30m is billed.
	dr, err = billing.BillerConfig{}.DraftReports(contract(nil), march, es[1:2:2], nil)
	require.NoError(t, err)
	if len(dr.Reports) != 1 || len(dr.Held) != 0 {
		t.Errorf("3h30m is under the default 4h: %d reports, %d held", len(dr.Reports), len(dr.Held))
	}
	// A reversal of held work waits with it.
	rev := work("R-9", func(e *billing.WorkEntry) { e.Duration, e.Reverses = 5*h, "E-9" })
	held := work("E-9", func(e *billing.WorkEntry) { e.Duration = 5 * h })
	dr, err = billing.BillerConfig{}.DraftReports(contract(nil), march, []billing.WorkEntry{held, rev}, nil)
	require.NoError(t, err)
	if len(dr.Reports) != 0 || len(dr.Held) != 2 || dr.Held[1].Held != "reverses entry E-9, which is held back" {
		t.Errorf("reversal of held work: %d reports, held %+v", len(dr.Reports), dr.Held)
	}
	// Only held work: no report, but the held entry is flagged.
	long := work("E-9", func(e *billing.WorkEntry) { e.Duration = 5 * h })
	dr, err = billing.BillerConfig{}.DraftReports(contract(nil), march, []billing.WorkEntry{long}, nil)
	require.NoError(t, err)
	if len(dr.Reports) != 0 || len(dr.Held) != 1 {
		t.Errorf("only held work: %d reports, %d held", len(dr.Reports), len(dr.Held))
	}
}

// Non-billable work, goodwill, flat fee, travel, day rate, usage and a reversal on one
// report, each line derived by hand.
func TestDraftCharges(t *testing.T) {
	p := billing.DefaultPolicy()
	p.Rules[2].Charging = billing.ChargeFlatFee // customer-fault support as a flat fee
	es := []billing.WorkEntry{
		// Non-billable with justification: listed, not charged, its
		// travel free too.
		work("E-1", func(e *billing.WorkEntry) {
			e.Billable, e.Justification, e.Travel = billing.BillableNo, "re-test after our own update", billing.Travel{Zone: "Z1"}
		}),
		// Flat fee with 50 % goodwill: 45.00 -> 22.50; zone Z2: 40.00.
		work("E-2", func(e *billing.WorkEntry) {
			e.Goodwill = billing.Goodwill{Percent: dec("50"), Reason: "long-standing customer"}
			e.Travel = billing.Travel{Zone: "Z2"}
		}),
		// Migration 2h, goodwill 30m waived then 50 %: 45m, 3 units,
		// 45 min at 95.00 = 71.25; 37 km at 0.50 = 18.50.
		work("E-3", func(e *billing.WorkEntry) {
			e.TicketID, e.Activity, e.Duration = "T-3", billing.ActivityMigration, 2*h
			e.Goodwill = billing.Goodwill{Waive: 30 * m, Percent: dec("50"), Reason: "part of the analysis was ours"}
			e.Travel = billing.Travel{Kilometres: 37}
			e.OrderRef = "PO-1"
		}),
		// alice on 2026-03-05: 4h + 3h + 1h30m = 8h30m reaches 8h: one day
		// at 680.00.
		work("E-4", func(e *billing.WorkEntry) {
			e.TicketID, e.Activity, e.Date, e.Duration, e.OrderRef = "T-5", billing.ActivityAdministration, d(2026, 3, 5), 4*h, "PO-5"
		}),
		work("E-5", func(e *billing.WorkEntry) {
			e.TicketID, e.Activity, e.Date, e.Duration, e.OrderRef = "T-6", billing.ActivityAdministration, d(2026, 3, 5), 3*h, "PO-6"
		}),
		work("E-6", func(e *billing.WorkEntry) {
			e.TicketID, e.Activity, e.Date, e.Duration = "T-7", billing.ActivityAdministration, d(2026, 3, 5), 90*m
		}),
		// bob the same day: 7h does not reach it: 420 min at 95.00 = 665.00.
		work("E-7", func(e *billing.WorkEntry) {
			e.TicketID, e.Technician, e.Activity, e.Date, e.Duration, e.OrderRef = "T-8", "bob", billing.ActivityDevelopment, d(2026, 3, 5), 7*h, "PO-8"
		}),
		// A reversal of an earlier 1h migration: -60 min at 95.00 = -95.00.
		work("R-1", func(e *billing.WorkEntry) {
			e.TicketID, e.Activity, e.Reverses, e.Date = "T-0", billing.ActivityMigration, "E-0", d(2026, 3, 9)
		}),
	}
	usage := []billing.Usage{
		// 12 devices at 4.90 = 58.80; 250.5 GB at 0.0825 = 20.66625 -> 20.67.
		{ID: "U-1", CustomerID: "C-1", Period: per("2026-03"), Item: "device", Quantity: dec("12")},
		{ID: "U-2", CustomerID: "C-1", Period: per("2026-03"), Item: "backup-gb", Quantity: dec("250.5")},
	}
	dr, err := billing.BillerConfig{Policy: p}.DraftReports(contract(nil), march, es, usage)
	require.NoError(t, err)
	require.Len(t, dr.Reports, 1)
	got := sum(dr.Reports[0])
	want := []string{
		"1 C62 × 22.50 = 22.50",  // E-2 flat fee
		"1 C62 × 40.00 = 40.00",  // E-2 travel
		"45 MIN × 95.00 = 71.25", // E-3
		"37 KMT × 0.50 = 18.50",  // E-3 travel
		"1 DAY × 680.00 = 680.00",
		"420 MIN × 95.00 = 665.00",
		"-60 MIN × 95.00 = -95.00",
		"250.5 E34 × 0.08 = 20.67", // the price prints with 2 decimals here; it is 0.0825
		"12 C62 × 4.90 = 58.80",
	}
	diff(t, "lines", want, got.Lines)
	// 22.50 + 40.00 + 71.25 + 18.50 + 680.00 + 665.00 - 95.00 + 58.80 +
	// 20.67 = 1481.72; VAT 19 %: 281.5268 -> 281.53; gross 1763.25.
	diff(t, "totals", []string{"1481.72", "281.53", "1763.25"}, []string{got.Net, got.VAT, got.Gross})
	diff(t, "units", map[string]int64{"E-1": 0, "E-2": 0, "E-3": 3, "E-4": 0, "E-5": 0, "E-6": 0, "E-7": 28, "R-1": -4}, got.Units)
	e1 := dr.Reports[0].Entries[0]
	if e1.Entry.ID != "E-1" || e1.Decision.Reason != "re-test after our own update" || e1.Decision.Charging != billing.ChargeFree {
		t.Errorf("non-billable entry: %+v", e1.Decision)
	}
}

// a quota customer's work in units is booked on the quota, not
// charged; travel and usage are still invoiced.
func TestDraftQuotaCustomer(t *testing.T) {
	c := contract(func(c *billing.Contract) { c.Type, c.QuotaContractID = billing.ContractQuota, "K-1" })
	es := []billing.WorkEntry{
		work("E-1", func(e *billing.WorkEntry) { e.Duration, e.Travel = 50*m, billing.Travel{Zone: "Z1"} }),
		work("E-2", func(e *billing.WorkEntry) { e.Duration, e.TicketID = 10*h/3, "T-2"; e.OrderRef = "PO" }), // 3h20m
		work("E-3", func(e *billing.WorkEntry) { e.Fault = billing.FaultProvider }),
		work("R-1", func(e *billing.WorkEntry) { e.Reverses, e.Duration = "E-0", 20*m }),
		// Days at the day rate are not a quota's business: hours count.
		work("E-4", func(e *billing.WorkEntry) {
			e.Duration, e.TicketID, e.OrderRef, e.Date = 9*h, "T-4", "PO", d(2026, 3, 6)
		}),
	}
	got := draft(t, billing.BillerConfig{}, c, es)
	require.Len(t, got, 1)
	// 50m -> 4 units = 1h; 3h20m -> 14 units = 3h30m; 20m back -> -2
	// units = -30m; 9h -> 36 units. Booked 1h + 3h30m - 30m + 9h = 13h.
	diff(t, "units", map[string]int64{"E-1": 4, "E-2": 14, "E-3": 0, "R-1": -2, "E-4": 36}, got[0].Units)
	diff(t, "quota hours", 13*h, got[0].QuotaHours)
	diff(t, "lines", []string{"1 C62 × 25.00 = 25.00"}, got[0].Lines)
}

func TestDraftMissingRates(t *testing.T) {
	for _, tc := range []struct {
		name string
		e    billing.WorkEntry
		c    billing.Contract
		what string
	}{
		{"before_the_card", work("E-1", func(e *billing.WorkEntry) { e.Date = d(2025, 12, 31) }), contract(nil), "rates"},
		{"unknown_zone", work("E-1", func(e *billing.WorkEntry) { e.Travel.Zone = "Z9" }), contract(nil), `travel zone "Z9"`},
		{"no_hourly_rate", work("E-1", nil), contract(func(c *billing.Contract) { c.Rates[0].Hourly = dec("0") }), "hourly rate"},
		{"no_km_charge", work("E-1", func(e *billing.WorkEntry) { e.Travel.Kilometres = 5 }), contract(func(c *billing.Contract) { c.Rates[0].PerKm = dec("0") }), "charge per kilometre"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := billing.BillerConfig{}.DraftReports(tc.c, march, []billing.WorkEntry{tc.e}, nil)
			var me *billing.MissingRateError
			require.True(t, errors.As(err, &me), "%v", err)
			if !errors.Is(err, billing.ErrNotFound) || me.What != tc.what || me.CustomerID != "C-1" {
				t.Errorf("%v: want %s", err, tc.what)
			}
		})
	}
	_, err := billing.BillerConfig{}.DraftReports(contract(nil), march, nil, []billing.Usage{{ID: "U", CustomerID: "C-1", Period: per("2026-03"), Item: "printer", Quantity: dec("1")}})
	if want := `billing: the rate card of customer "C-1" has no pay-per-use item "printer" on 2026-03-01`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func perOrZero(s string) (quota.Period, error) { return quota.ParsePeriod(s) }

// A draft bills only what is valid and the contract customer's own, once:
// a negative quantity used to invoice -12 mailboxes, and an entry of
// another customer or one listed twice was billed as given.
func TestDraftRefusesInvalidForeignAndRepeatedRecords(t *testing.T) {
	usage := func(id, customer, qty string) billing.Usage {
		return billing.Usage{ID: id, CustomerID: customer, Period: per("2026-03"), Item: "device", Quantity: dec(qty)}
	}
	tests := []struct {
		name    string
		entries []billing.WorkEntry
		usage   []billing.Usage
		field   string
	}{
		{"negative_usage_quantity", nil, []billing.Usage{usage("U-1", "C-1", "-12")}, "usage[0].Quantity"},
		{"usage_of_another_customer", nil, []billing.Usage{usage("U-1", "C-2", "12")}, "usage[0].CustomerID"},
		{"usage_listed_twice", nil, []billing.Usage{usage("U-1", "C-1", "12"), usage("U-1", "C-1", "12")}, "usage[1].ID"},
		{"invalid_entry", []billing.WorkEntry{work("W-1", func(e *billing.WorkEntry) { e.Duration = -h })}, nil, "entries[0].Duration"},
		{"entry_of_another_customer", []billing.WorkEntry{work("W-1", func(e *billing.WorkEntry) { e.CustomerID = "C-2" })}, nil, "entries[0].CustomerID"},
		{"entry_listed_twice", []billing.WorkEntry{work("W-1", nil), work("W-1", nil)}, nil, "entries[1].ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := billing.BillerConfig{}.DraftReports(contract(nil), march, tt.entries, tt.usage)
			require.Contains(t, problemFields(t, err), tt.field)
		})
	}
}

package billing_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
)

const (
	h = time.Hour
	m = time.Minute
)

func d(y int, mo time.Month, day int) date.Date { return date.New(y, mo, day) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// work is a valid, billable-by-policy support entry of customer C-1 on
// 2026-03-02 for 1h; set changes it.
func work(id string, set func(*billing.WorkEntry)) billing.WorkEntry {
	e := billing.WorkEntry{
		ID: id, CustomerID: "C-1", TicketID: "T-1", Technician: "alice", Date: d(2026, 3, 2),
		Duration: h, Activity: billing.ActivitySupport, Fault: billing.FaultCustomer,
		State: billing.Released, Version: 1,
	}
	if set != nil {
		set(&e)
	}
	return e
}

// card is 95.00 an hour, 680.00 a day from 8h, a 45.00 flat fee, zones
// Z1 25.00 and Z2 40.00, 0.50 per km, devices at 4.90 and GB at 0.0825,
// 19 % VAT, from 2026-01-01.
func card() billing.RateCard {
	return billing.RateCard{{
		From: d(2026, 1, 1), Hourly: dec("95.00"), Daily: dec("680.00"), FlatFee: dec("45.00"),
		Travel:  []billing.TravelZone{{Zone: "Z1", Charge: dec("25.00")}, {Zone: "Z2", Charge: dec("40.00")}},
		PerKm:   dec("0.50"),
		Usage:   []billing.UsagePrice{{Item: "device", Unit: "C62", Price: dec("4.90")}, {Item: "backup-gb", Unit: "E34", Price: dec("0.0825")}},
		VATRate: dec("19"),
	}}
}

// contract is customer C-1 without contract, invoiced centrally at card().
func contract(set func(*billing.Contract)) billing.Contract {
	c := billing.Contract{CustomerID: "C-1", ReportRecipient: "reports@c1.example", Rates: card()}
	if set != nil {
		set(&c)
	}
	return c
}

// decimalEqual compares decimals as numbers in cmp.Diff.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func diff(t *testing.T, what string, want, got any, opts ...cmp.Option) {
	t.Helper()
	if d := cmp.Diff(want, got, append(opts, decimalEqual)...); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}

func mustISO(s string) date.Date { return date.MustParseISO(s) }

// dDays is the date n days after 0001-01-01, for fuzzing.
func dDays(n int64) date.Date { return date.Date(n) }

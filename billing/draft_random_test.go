package billing

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/quota"
)

// randomCustomer is one customer's drafting input as a run meets it.
type randomCustomer struct {
	Contract Contract
	Entries  []WorkEntry
	Usage    []Usage
}

// randomCustomers makes n customers with everything a draft prices: rate
// cards that change in the month, day rates, flat fees, travel zones and
// kilometres, pay-per-use items, per-branch invoicing, quota contracts,
// unit policies of every grouping and rounding, order thresholds by hours
// and by amount, goodwill, reversals and odd prices with 4 decimals.
func randomCustomers(rng *rand.Rand, n int) []randomCustomer {
	dec := func(cents int64, exp int32) decimal.Decimal { return decimal.New(cents, exp) }
	price := func() decimal.Decimal {
		switch rng.IntN(3) {
		case 0:
			return dec(rng.Int64N(30000)+100, -2)
		case 1:
			return dec(rng.Int64N(3_000_000)+1, -4)
		}
		return dec(rng.Int64N(300)+1, 0)
	}
	out := make([]randomCustomer, n)
	for c := range out {
		id := fmt.Sprintf("C-%04d", c)
		rates := func(from date.Date) Rates {
			r := Rates{
				From: from, Hourly: price(), FlatFee: price(), PerKm: dec(rng.Int64N(150)+1, -2),
				Travel:  []TravelZone{{Zone: "Z1", Charge: price()}, {Zone: "Z2", Charge: price()}},
				Usage:   []UsagePrice{{Item: "device", Unit: "C62", Price: price()}, {Item: "backup-gb", Unit: "E34", Price: price()}},
				VATRate: []decimal.Decimal{dec(19, 0), dec(7, 0), dec(0, 0), dec(1950, -2)}[rng.IntN(4)],
			}
			if rng.IntN(3) == 0 {
				r.Daily, r.DayRateFrom = price(), time.Duration(4+rng.IntN(5))*time.Hour
			}
			return r
		}
		card := RateCard{rates(date.New(2026, 1, 1))}
		if rng.IntN(3) == 0 {
			card = append(card, rates(date.New(2026, 3, 1+rng.IntN(28))))
		}
		k := Contract{CustomerID: id, ReportRecipient: "r@" + id + ".example", Rates: card}
		if rng.IntN(3) == 0 {
			k.Invoicing = PerBranch
		}
		if rng.IntN(3) == 0 {
			k.Type, k.QuotaContractID = ContractQuota, "K-"+id
		}
		if rng.IntN(2) == 0 {
			k.Units = UnitPolicy{
				Size: time.Duration(1+rng.IntN(30)) * time.Minute, Rounding: UnitRounding(rng.IntN(3)),
				Minimum: rng.IntN(3), Per: UnitGrouping(rng.IntN(2)),
			}
		}
		if rng.IntN(2) == 0 {
			p := DefaultPolicy()
			p.Rules = append([]BillabilityRule{{Name: "flat", Activities: []Activity{ActivityCompromise}, Charging: ChargeFlatFee, Reason: "a flat fee"}}, p.Rules...)
			switch rng.IntN(3) {
			case 0:
				p.Order = OrderThreshold{Amount: dec(rng.Int64N(50000)+1000, -2)}
			case 1:
				p.Order = OrderThreshold{Hours: time.Duration(1+rng.IntN(6)) * time.Hour}
			default:
				p.Order = OrderThreshold{}
			}
			k.Policy = p
		}
		rc := randomCustomer{Contract: k}
		for j := range rng.IntN(60) {
			e := WorkEntry{
				ID: fmt.Sprintf("%s-E%03d", id, j), CustomerID: id, TicketID: fmt.Sprintf("%s-T%d", id, rng.IntN(8)),
				Technician: fmt.Sprintf("tech-%d", rng.IntN(3)), Date: date.New(2026, 3, 1+rng.IntN(31)),
				Duration: time.Duration(1+rng.IntN(600)) * time.Minute,
				Activity: []Activity{ActivitySupport, ActivityMigration, ActivityCompromise, ActivityAdministration, ActivityDevelopment}[rng.IntN(5)],
				Fault:    Fault(rng.IntN(3)), State: Released, ReleasedBy: "bo", ReleasedOn: date.New(2026, 3, 31),
				Description: "work done", Version: int64(1 + rng.IntN(3)),
			}
			if rng.IntN(3) == 0 {
				e.BranchID = fmt.Sprintf("B-%d", rng.IntN(3))
			}
			if rng.IntN(2) == 0 {
				e.OrderRef = "PO-" + e.TicketID
			}
			switch rng.IntN(6) {
			case 0:
				e.Travel.Zone = []string{"Z1", "Z2"}[rng.IntN(2)]
			case 1:
				e.Travel.Kilometres = 1 + rng.IntN(200)
			}
			switch rng.IntN(8) {
			case 0:
				e.Billable, e.Justification = BillableNo, "our mistake"
			case 1:
				e.Billable = BillableYes
			case 2:
				e.Goodwill = Goodwill{Percent: dec(int64(rng.IntN(100)+1), 0), Reason: "goodwill"}
			case 3:
				e.Goodwill = Goodwill{Waive: time.Duration(rng.IntN(int(e.Duration/time.Minute))) * time.Minute, Reason: "goodwill"}
			}
			if j > 0 && rng.IntN(10) == 0 {
				// A reversal of an entry billed by an earlier run.
				e.Reverses, e.Description = fmt.Sprintf("%s-X%03d", id, j), "Reversal: wrong ticket"
			}
			rc.Entries = append(rc.Entries, e)
		}
		rng.Shuffle(len(rc.Entries), func(i, j int) { rc.Entries[i], rc.Entries[j] = rc.Entries[j], rc.Entries[i] })
		for j := range rng.IntN(4) {
			u := Usage{
				ID: fmt.Sprintf("%s-U%d", id, j), CustomerID: id, Period: quota.MustParsePeriod("2026-03"),
				Item: []string{"device", "backup-gb"}[rng.IntN(2)], Quantity: dec(rng.Int64N(100000), -int32(rng.IntN(5))),
			}
			if rng.IntN(3) == 0 {
				u.BranchID = fmt.Sprintf("B-%d", rng.IntN(3))
			}
			rc.Usage = append(rc.Usage, u)
		}
		out[c] = rc
	}
	return out
}

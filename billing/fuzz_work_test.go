package billing_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
)

// requireInvalidOrNil fails unless err is nil or a *ValidationError with
// at least one problem.
func requireInvalidOrNil(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ve *billing.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) == 0 || !errors.Is(err, billing.ErrInvalid) {
		t.Fatalf("not a *ValidationError: %#v", err)
	}
}

func FuzzParseUnitPolicy(f *testing.F) {
	for _, s := range []string{"15m up min=0 per=entry", "30m", "1h nearest min=1 per=ticket-day", "", "15m up up", "-5m", "1h30m rounding=down", "25h min=99999999999999999999"} {
		f.Add(s, int64(40*time.Minute))
	}
	f.Fuzz(func(t *testing.T, s string, worked int64) {
		p, err := billing.ParseUnitPolicy(s)
		requireInvalidOrNil(t, err)
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("%q parsed to an invalid policy: %v", s, err)
		}
		back, err := billing.ParseUnitPolicy(p.String())
		want := p
		if want.Size == 0 {
			want.Size = 15 * time.Minute // the zero size writes as the default
		}
		if err != nil || back != want {
			t.Fatalf("%q -> %q -> %+v, %v", s, p.String(), back, err)
		}
		d := time.Duration(worked)
		u := p.Units(d)
		if u < 0 || (d <= 0 && u != 0) || (d > 0 && u < int64(p.Minimum)) {
			t.Fatalf("%s: Units(%s) = %d", p, d, u)
		}
		if d > 0 && d < 24*time.Hour && p.Units(d+time.Minute) < u {
			t.Fatalf("%s: Units is not monotone at %s", p, d)
		}
	})
}

func FuzzUnitRoundings(f *testing.F) {
	f.Add(int64(15), int64(7*60+30), 0)
	f.Add(int64(7), int64(3*60+29), 2)
	f.Fuzz(func(t *testing.T, sizeMinutes, seconds int64, minimum int) {
		size := time.Duration(sizeMinutes) * time.Minute
		p := billing.UnitPolicy{Size: size, Minimum: minimum}
		if p.Validate() != nil || sizeMinutes == 0 {
			return
		}
		d := time.Duration(seconds) * time.Second
		p.Rounding = billing.RoundUp
		up := p.Units(d)
		p.Rounding = billing.RoundNearest
		near := p.Units(d)
		p.Rounding = billing.RoundDown
		down := p.Units(d)
		if up < near || near < down || up-down > 1 {
			t.Fatalf("%s with %s units: up %d, nearest %d, down %d", d, size, up, near, down)
		}
		if d > 0 && int64(minimum) < down && time.Duration(down)*size > d {
			t.Fatalf("down bills more than the time: %d × %s > %s", down, size, d)
		}
	})
}

func FuzzParseEnums(f *testing.F) {
	for _, s := range []string{"recorded", "released", "customer", "policy", "no", "flat-fee", "covered", "nearest", "ticket-day", "data-centre", "per-branch", "quota-fee", "", "Recorded", "x\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(name string, err error, back string) {
			requireInvalidOrNil(t, err)
			// One rule for every enumeration: any letter case is read,
			// the lowercase name is written.
			if err == nil && back != strings.ToLower(s) {
				t.Fatalf("%s %q writes back as %q", name, s, back)
			}
		}
		st, err := billing.ParseEntryState(s)
		check("state", err, st.String())
		fa, err := billing.ParseFault(s)
		check("fault", err, fa.String())
		bi, err := billing.ParseBillable(s)
		check("billable", err, bi.String())
		ch, err := billing.ParseCharging(s)
		check("charging", err, ch.String())
		co, err := billing.ParseCoverageMatch(s)
		check("coverage", err, co.String())
		ro, err := billing.ParseUnitRounding(s)
		check("rounding", err, ro.String())
		gr, err := billing.ParseUnitGrouping(s)
		check("grouping", err, gr.String())
		ct, err := billing.ParseContractType(s)
		check("contract type", err, ct.String())
		in, err := billing.ParseInvoicing(s)
		check("invoicing", err, in.String())
		ik, err := billing.ParseInvoiceKind(s)
		check("invoice kind", err, ik.String())
		a, err := billing.ParseActivity(s)
		check("activity", err, a.String())
	})
}

func FuzzWorkEntryValidate(f *testing.F) {
	f.Add("E-1", "C-1", "", "T-1", "alice", int64(738000), int64(time.Hour), "support", uint8(2), uint8(0), "", "", "", int64(0), "", "Z1", 0)
	f.Add("E-1", "C-1", "B", "T-1", "alice", int64(-1), int64(-5), "Bad", uint8(9), uint8(2), "", "\x00", "12.345", int64(time.Hour), "r", "Z1", 5)
	f.Fuzz(func(t *testing.T, id, customer, branch, ticket, tech string, day, dur int64, activity string, fault, flag uint8,
		justification, description, percent string, waive int64, reason, zone string, km int) {
		e := billing.WorkEntry{
			ID: id, CustomerID: customer, BranchID: branch, TicketID: ticket, Technician: tech, Date: dDays(day),
			Duration: time.Duration(dur), Activity: billing.Activity(activity), Fault: billing.Fault(fault), Billable: billing.Billable(flag),
			Justification: justification, Description: description, Travel: billing.Travel{Zone: zone, Kilometres: km},
			Goodwill: billing.Goodwill{Waive: time.Duration(waive), Reason: reason},
		}
		if p, err := decimal.NewFromString(percent); err == nil {
			e.Goodwill.Percent = p
		}
		err := e.Validate()
		requireInvalidOrNil(t, err)
		if err != nil {
			return
		}
		if w := e.Worked(); w <= 0 || w > billing.MaxWorked {
			t.Fatalf("valid entry worked %s", w)
		}
		if g := e.Goodwill.Apply(e.Worked()); g < 0 || g > e.Worked() {
			t.Fatalf("goodwill leaves %s of %s", g, e.Worked())
		}
		d := billing.DefaultPolicy().Decide(e)
		if d.Charging < billing.ChargeFree || d.Charging > billing.ChargeFlatFee || d.Rule == "" {
			t.Fatalf("decision %+v", d)
		}
		if e.Billable == billing.BillableNo && (d.Billable() || d.Reason != e.Justification) {
			t.Fatalf("non-billable work decided %v", d)
		}
	})
}

func FuzzRateCardValidate(f *testing.F) {
	f.Add(int64(739000), "95.00", "680", int64(0), "45", "Z1", "25", "0.50", "device", "C62", "4.90", "19", int64(10))
	f.Add(int64(0), "-1", "1e400000", int64(-1), "x", "", "1", "0.00001", "", "", "1e13", "101", int64(-10))
	f.Fuzz(func(t *testing.T, from int64, hourly, daily string, dayFrom int64, flat, zone, charge, perKm, item, unit, price, vat string, probe int64) {
		dec := func(s string) decimal.Decimal {
			v, err := decimal.NewFromString(s)
			if err != nil {
				return decimal.Zero
			}
			return v
		}
		rc := billing.RateCard{{
			From: dDays(from), Hourly: dec(hourly), Daily: dec(daily), DayRateFrom: time.Duration(dayFrom), FlatFee: dec(flat),
			Travel: []billing.TravelZone{{Zone: zone, Charge: dec(charge)}}, PerKm: dec(perKm),
			Usage: []billing.UsagePrice{{Item: item, Unit: unit, Price: dec(price)}}, VATRate: dec(vat),
		}}
		err := rc.Validate()
		requireInvalidOrNil(t, err)
		c := billing.Contract{CustomerID: "C", ReportRecipient: "r", Rates: rc}
		if cerr := c.Validate(); (cerr == nil) != (err == nil) {
			t.Fatalf("card %v but contract %v", err, cerr)
		}
		if err != nil {
			return
		}
		r, err := rc.At(dDays(from + probe))
		if (probe >= 0) != (err == nil) || (err == nil && r.From != dDays(from)) {
			t.Fatalf("At(from%+d) = %v, %v", probe, r.From, err)
		}
		// A valid card prices a line without an error or a panic.
		if n := billing.LineNet(decimal.NewFromInt(45), r.Hourly, decimal.NewFromInt(60)); n.Exponent() < -2 {
			t.Fatalf("line net %s has more than 2 decimals", n)
		}
	})
}

func FuzzBillingRunValidate(f *testing.F) {
	f.Add("2026-03", "", int64(739000))
	f.Add("", "x\x00", int64(0))
	f.Fuzz(func(t *testing.T, period, id string, issued int64) {
		p, _ := perOrZero(period)
		r := billing.BillingRun{ID: id, Period: p, Issued: dDays(issued)}
		requireInvalidOrNil(t, r.Validate())
		u := billing.Usage{ID: id, CustomerID: "C", Period: p, Item: "device", Quantity: decimal.NewFromInt(issued)}
		requireInvalidOrNil(t, u.Validate())
	})
}

func FuzzBillabilityPolicyValidate(f *testing.F) {
	f.Add("provider-fault", "support", uint8(1), uint8(0), uint8(1), "free", "support", "hosted-exchange", int64(4*time.Hour), "300.00", uint8(2))
	f.Add("", "Bad!", uint8(7), uint8(9), uint8(0), "", "", "", int64(-1), "-1", uint8(0))
	f.Fuzz(func(t *testing.T, name, activity string, fault, coverage, charging uint8, reason, covered, product string, hours int64, amount string, def uint8) {
		p := billing.BillabilityPolicy{
			Rules: []billing.BillabilityRule{{
				Name: name, Activities: []billing.Activity{billing.Activity(activity)}, Faults: []billing.Fault{billing.Fault(fault)},
				Coverage: billing.CoverageMatch(coverage), Charging: billing.Charging(charging), Reason: reason,
			}},
			Default: billing.Charging(def), DefaultReason: "default",
			Covered: []billing.ProductCoverage{{Product: product, Activities: []billing.Activity{billing.Activity(covered)}}},
			Order:   billing.OrderThreshold{Hours: time.Duration(hours)},
		}
		if a, err := decimal.NewFromString(amount); err == nil {
			p.Order.Amount = a
		}
		err := p.Validate()
		requireInvalidOrNil(t, err)
		if err != nil {
			return
		}
		e := billing.WorkEntry{Activity: billing.Activity(activity), Fault: billing.Fault(fault), Product: product}
		d := p.Decide(e)
		if d.Rule != name && d.Rule != billing.RuleDefault {
			t.Fatalf("decided by %q", d.Rule)
		}
		if d.Rule == name && d.Charging != billing.Charging(charging) {
			t.Fatalf("rule %q charges %s, decision %s", name, billing.Charging(charging), d.Charging)
		}
	})
}

// FuzzDraftUsage drafts a customer's report from fuzzed usage records:
// any quantity, another customer's record, a record listed twice. Either
// the draft is refused with a *ValidationError, or every line it bills is
// a quantity of zero or more at a price of zero or more, and only the
// customer's own records, once each.
func FuzzDraftUsage(f *testing.F) {
	f.Add("-12", "C-1", "U-2", "3")
	f.Add("12", "C-2", "U-2", "3")
	f.Add("12", "C-1", "U-1", "3")
	f.Add("1e-17000", "C-1", "U-2", "0.0001")
	f.Add("999999999999.9999", "C-1", "U-2", "1e12")
	f.Fuzz(func(t *testing.T, qty, customer, secondID, secondQty string) {
		q := func(s string) decimal.Decimal {
			v, err := decimal.NewFromString(s)
			if err != nil {
				return decimal.Zero
			}
			return v
		}
		usage := []billing.Usage{
			{ID: "U-1", CustomerID: "C-1", Period: per("2026-03"), Item: "device", Quantity: q(qty)},
			{ID: secondID, CustomerID: customer, Period: per("2026-03"), Item: "backup-gb", Quantity: q(secondQty)},
		}
		dr, err := billing.BillerConfig{}.DraftReports(contract(nil), march, nil, usage)
		if err != nil {
			requireInvalidOrNil(t, err)
			return
		}
		if customer != "C-1" || secondID == "U-1" {
			t.Fatalf("drafted usage of customer %q, IDs U-1 and %q", customer, secondID)
		}
		for _, r := range dr.Reports {
			for _, l := range r.Lines {
				if l.Quantity.IsNegative() || l.Price.IsNegative() || l.Net.IsNegative() {
					t.Fatalf("billed %s × %s = %s", l.Quantity, l.Price, l.Net)
				}
			}
			for _, u := range r.Usage {
				if u.CustomerID != "C-1" {
					t.Fatalf("a report of C-1 lists usage of %q", u.CustomerID)
				}
			}
		}
	})
}

package billing

import (
	"sort"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// Rates are the prices the cooperation agreement (Kooperationsvereinbarung)
// states from a day on: per hour, per day, the technician flat fee,
// travel charges and the pay-per-use prices of managed services, and the
// VAT rate they are invoiced at. All prices are net, per the unit named,
// in the invoice currency, with at most 4 decimals (a price per unit may
// have more decimals than the cent; every amount derived from it is
// rounded to 2, see ChargeLine).
type Rates struct {
	From date.Date // the first day these rates apply to

	Hourly decimal.Decimal // per hour of work billed in units
	// Daily replaces hourly billing for a technician's day: when the time
	// a technician bills a customer on one work date reaches DayRateFrom,
	// that day's unit-billed work is one day at Daily instead. Zero: no
	// day rate.
	Daily decimal.Decimal
	// DayRateFrom is that time; zero means 8h when Daily is set.
	DayRateFrom time.Duration

	FlatFee decimal.Decimal // the technician flat fee (Technikerpauschale)

	Travel []TravelZone    // flat travel charges per zone
	PerKm  decimal.Decimal // travel charged per kilometre; zero: not offered

	Usage []UsagePrice // pay-per-use prices of managed services

	// VATRate is the VAT rate in percent (19 for 19 %), at most 2
	// decimals; it applies to every line priced at these rates.
	VATRate decimal.Decimal
}

// TravelZone is the flat travel charge (Anfahrtspauschale) for a zone.
type TravelZone struct {
	Zone   string          // the zone's name, as WorkEntry.Travel names it
	Charge decimal.Decimal // net, per trip
}

// UsagePrice is the price of one unit of a pay-per-use item per period:
// per device, per mailbox, per GB (the service agreement: Managed Endpoint-Protection,
// Hosted Exchange, Managed Online Backup).
type UsagePrice struct {
	Item  string          // the item, e.g. "device", "mailbox", "backup-gb"
	Unit  string          // UN/ECE Recommendation 20 unit code for the invoice: "C62" (one), "E34" (GB)
	Price decimal.Decimal // per unit per period
}

// DayRateApplies reports whether a technician's billable time on one day
// reaches the day rate (see Daily).
func (r Rates) DayRateApplies(billable time.Duration) bool {
	if r.Daily.IsZero() {
		return false
	}
	from := r.DayRateFrom
	if from == 0 {
		from = 8 * time.Hour
	}
	return billable >= from
}

// UsagePriceOf returns the price of a pay-per-use item, and false if these
// rates have none.
func (r Rates) UsagePriceOf(item string) (UsagePrice, bool) {
	for _, u := range r.Usage {
		if u.Item == item {
			return u, true
		}
	}
	return UsagePrice{}, false
}

// RateCard is a customer's rates over time, each Rates from its From day
// on, in ascending order of From: a price change in the middle of a
// billing period bills each entry at the rates of its work date.
type RateCard []Rates

// At returns the rates in force on day d: the last Rates whose From is on
// or before d. It returns a *MissingRateError (matching ErrNotFound) if d
// is before the first.
func (rc RateCard) At(d date.Date) (Rates, error) {
	i := rc.index(d)
	if i < 0 {
		return Rates{}, &MissingRateError{Date: d, What: "rates"}
	}
	return rc[i], nil
}

// index returns the index of the rates in force on d, or -1.
func (rc RateCard) index(d date.Date) int {
	return sort.Search(len(rc), func(i int) bool { return rc[i].From > d }) - 1
}

// Validate reports a *ValidationError listing every wrong field: no
// rates, a missing From or one not after the previous, negative prices,
// prices with more than 4 decimals, a VAT rate outside 0-100 or with more
// than 2 decimals, a negative DayRateFrom or one over 24h, empty or
// duplicate zones and items.
func (rc RateCard) Validate() error {
	var ps problems
	if len(rc) == 0 {
		ps.add("Rates", "a rate card needs rates")
	}
	// Field names are written relative to the rates and prefixed with
	// "Rates[i]." only for a problem: a run validates every customer's
	// card.
	for i, r := range rc {
		n := len(ps)
		ps.checkWorkDate("From", r.From, true)
		if i > 0 && r.From <= rc[i-1].From {
			ps.add("From", "%s is not after %s", r.From, rc[i-1].From)
		}
		ps.checkWorkMoney("Hourly", r.Hourly, 4)
		ps.checkWorkMoney("Daily", r.Daily, 4)
		if r.DayRateFrom < 0 || r.DayRateFrom > 24*time.Hour {
			ps.add("DayRateFrom", "%s is not between 0 and 24h", r.DayRateFrom)
		}
		ps.checkWorkMoney("FlatFee", r.FlatFee, 4)
		for j, z := range r.Travel {
			m := len(ps)
			ps.checkWorkMoney("Charge", z.Charge, 4)
			ps.prefix(m, "Travel", j)
		}
		checkWorkNames(&ps, "Travel", "Zone", r.Travel, func(z TravelZone) string { return z.Zone })
		ps.checkWorkMoney("PerKm", r.PerKm, 4)
		for j, u := range r.Usage {
			m := len(ps)
			ps.checkWorkID("Unit", u.Unit, true)
			ps.checkWorkMoney("Price", u.Price, 4)
			ps.prefix(m, "Usage", j)
		}
		checkWorkNames(&ps, "Usage", "Item", r.Usage, func(u UsagePrice) string { return u.Item })
		ps.checkWorkPercent("VATRate", r.VATRate)
		ps.prefix(n, "Rates", i)
	}
	return ps.err()
}

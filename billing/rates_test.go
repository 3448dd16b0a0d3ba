package billing_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

func TestRateCardAt(t *testing.T) {
	rc := billing.RateCard{
		{From: d(2026, 1, 1), Hourly: dec("95.00"), VATRate: dec("19")},
		{From: d(2026, 3, 16), Hourly: dec("105.00"), VATRate: dec("19")},
		{From: d(2027, 1, 1), Hourly: dec("110.00"), VATRate: dec("19")},
	}
	require.NoError(t, rc.Validate())
	for day, want := range map[string]string{
		"2026-01-01": "95.00", "2026-03-15": "95.00", "2026-03-16": "105.00", "2026-12-31": "105.00", "2027-01-01": "110.00", "2099-01-01": "110.00",
	} {
		r, err := rc.At(mustISO(day))
		require.NoError(t, err)
		if !r.Hourly.Equal(dec(want)) {
			t.Errorf("%s: %s, want %s", day, r.Hourly, want)
		}
	}
	_, err := rc.At(d(2025, 12, 31))
	var me *billing.MissingRateError
	if !errors.As(err, &me) || !errors.Is(err, billing.ErrNotFound) || me.Date != d(2025, 12, 31) {
		t.Errorf("before the card: %v", err)
	}
}

func TestDayRateApplies(t *testing.T) {
	r := billing.Rates{Daily: dec("680")}
	if r.DayRateApplies(8*h-time.Second) || !r.DayRateApplies(8*h) {
		t.Error("the default day-rate time is 8h")
	}
	r.DayRateFrom = 6 * h
	if r.DayRateApplies(6*h-time.Second) || !r.DayRateApplies(6*h) {
		t.Error("DayRateFrom 6h")
	}
	if (billing.Rates{DayRateFrom: h}).DayRateApplies(10 * h) {
		t.Error("no Daily, no day rate")
	}
}

func TestRateCardValidate(t *testing.T) {
	require.NoError(t, card().Validate())
	diff(t, "empty", []string{"Rates"}, problemFields(t, billing.RateCard{}.Validate()))
	bad := billing.RateCard{
		{From: d(2026, 1, 1), Hourly: dec("-1"), VATRate: dec("19")},
		{From: d(2026, 1, 1), Daily: dec("1.23456"), DayRateFrom: 25 * h, VATRate: dec("101"),
			Travel: []billing.TravelZone{{Zone: "Z", Charge: dec("1")}, {Zone: "Z", Charge: dec("1")}},
			Usage:  []billing.UsagePrice{{Item: "", Price: dec("1e13")}}},
	}
	want := []string{"Rates[0].Hourly", "Rates[1].From", "Rates[1].Daily", "Rates[1].DayRateFrom",
		"Rates[1].Travel[1].Zone", "Rates[1].Usage[0].Unit", "Rates[1].Usage[0].Price", "Rates[1].Usage[0].Item", "Rates[1].VATRate"}
	diff(t, "problems", want, problemFields(t, bad.Validate()))
}

func TestContractValidate(t *testing.T) {
	require.NoError(t, contract(nil).Validate())
	// Excluded contracts need neither rates nor a recipient.
	require.NoError(t, billing.Contract{CustomerID: "C-9", Type: billing.ContractRental}.Validate())
	bad := billing.Contract{Type: billing.ContractQuota, Invoicing: 5, Units: billing.UnitPolicy{Size: 90 * time.Second},
		Policy: billing.BillabilityPolicy{Default: 9}}
	want := []string{"CustomerID", "QuotaContractID", "Invoicing", "ReportRecipient", "Rates", "Units.Size", "Policy.Default", "Policy.DefaultReason"}
	diff(t, "problems", want, problemFields(t, bad.Validate()))
	diff(t, "quota ID on another type", []string{"QuotaContractID"},
		problemFields(t, contract(func(c *billing.Contract) { c.QuotaContractID = "K-1" }).Validate()))
	for _, ty := range []billing.ContractType{billing.ContractRental, billing.ContractDataCentre} {
		if reason, ok := ty.Excluded(); !ok || reason == "" {
			t.Errorf("%s is not excluded", ty)
		}
	}
	for _, ty := range []billing.ContractType{billing.ContractNone, billing.ContractQuota, billing.ContractPayPerUse} {
		if _, ok := ty.Excluded(); ok {
			t.Errorf("%s is excluded", ty)
		}
	}
}

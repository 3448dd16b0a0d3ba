package asset_test

import (
	"errors"
	"iter"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
)

func TestExpiryPolicyValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		leads []int
		field string
	}{
		{"zero_value_means_90_and_30", nil, ""},
		{"descending", []int{90, 30}, ""},
		{"ascending", []int{30, 90}, ""},
		{"ten_years_is_the_limit", []int{3660}, ""},
		{"one_day", []int{1}, ""},
		{"zero_days_refused", []int{0}, "LeadDays[0]"},
		{"negative_refused", []int{90, -30}, "LeadDays[1]"},
		{"over_ten_years_refused", []int{3661}, "LeadDays[0]"},
		{"repeat_refused", []int{30, 90, 30}, "LeadDays[2]"},
		{"at_most_twelve", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, "LeadDays"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fieldOf(t, asset.ExpiryPolicy{LeadDays: tc.leads}.Validate()); got != tc.field {
				t.Errorf("field %q, want %q", got, tc.field)
			}
		})
	}
}

// dated is a customer-owned device in use whose warranty ends on w and
// whose licence expires on l (date.Zero for none).
func dated(id string, w, l date.Date) asset.Asset {
	a := asset.Asset{ID: id, CustomerID: "c1", SiteID: "s1", Kind: asset.KindHardware, Name: id,
		Ownership: asset.OwnedByCustomer, Status: asset.StatusInUse, Licence: asset.Licence{Expires: l}}
	if w != date.Zero {
		a.Warranty.End = w
	}
	return a
}

func notice(id string, s asset.Subject, exp date.Date, lead, left int) asset.Notice {
	return asset.Notice{AssetID: id, CustomerID: "c1", SiteID: "s1", Subject: s, Expires: exp, LeadDays: lead, DaysLeft: left,
		Ownership: asset.OwnedByCustomer, Responsible: asset.PartyCustomer}
}

func TestExpiryPolicyDue(t *testing.T) {
	const W, L = asset.SubjectWarranty, asset.SubjectLicence
	end := d(2026, 6, 30)
	rented := dated("fw", end, 0)
	rented.Ownership = asset.RentedFromProvider
	retired := dated("old", end, 0)
	retired.Status = asset.StatusRetired
	ordered := dated("new", end, 0)
	ordered.Status = asset.StatusOrdered
	for _, tc := range []struct {
		name  string
		leads []int
		a     asset.Asset
		today date.Date
		want  []asset.Notice
	}{
		{"91_days_left_nothing_yet", nil, dated("a", end, 0), d(2026, 3, 31), nil},
		{"90_days_left_the_90_day_notice", nil, dated("a", end, 0), d(2026, 4, 1), []asset.Notice{notice("a", W, end, 90, 90)}},
		{"31_days_left_still_the_90_day_notice", nil, dated("a", end, 0), d(2026, 5, 30), []asset.Notice{notice("a", W, end, 90, 31)}},
		{"30_days_left_the_30_day_notice", nil, dated("a", end, 0), d(2026, 5, 31), []asset.Notice{notice("a", W, end, 30, 30)}},
		{"29_days_left_30_day_notice_only_90_is_superseded", nil, dated("a", end, 0), d(2026, 6, 1), []asset.Notice{notice("a", W, end, 30, 29)}},
		{"last_covered_day_0_left", nil, dated("a", end, 0), end, []asset.Notice{notice("a", W, end, 30, 0)}},
		{"day_after_the_end_nothing", nil, dated("a", end, 0), d(2026, 7, 1), nil},
		{"licence_alone", nil, dated("a", 0, d(2026, 6, 15)), d(2026, 6, 1), []asset.Notice{notice("a", L, d(2026, 6, 15), 30, 14)}},
		{"warranty_before_licence", nil, dated("a", end, d(2026, 6, 15)), d(2026, 6, 1),
			[]asset.Notice{notice("a", W, end, 30, 29), notice("a", L, d(2026, 6, 15), 30, 14)}},
		{"each_subject_its_own_lead", nil, dated("a", end, d(2026, 8, 1)), d(2026, 6, 1),
			[]asset.Notice{notice("a", W, end, 30, 29), notice("a", L, d(2026, 8, 1), 90, 61)}},
		{"perpetual_licence_and_no_warranty_nothing", nil, dated("a", 0, 0), d(2026, 6, 1), nil},
		{"rented_device_is_the_providers_risk", nil, rented, d(2026, 6, 1),
			[]asset.Notice{{AssetID: "fw", CustomerID: "c1", SiteID: "s1", Subject: W, Expires: end, LeadDays: 30, DaysLeft: 29,
				Ownership: asset.RentedFromProvider, Responsible: asset.PartyProvider}}},
		{"retired_asset_nothing", nil, retired, d(2026, 6, 1), nil},
		{"ordered_asset_is_watched_too", nil, ordered, d(2026, 6, 1), []asset.Notice{notice("new", W, end, 30, 29)}},
		{"three_leads_10_left_is_the_14_day_notice", []int{60, 14, 7}, dated("a", end, 0), d(2026, 6, 20), []asset.Notice{notice("a", W, end, 14, 10)}},
		{"three_leads_7_left_is_the_7_day_notice", []int{60, 14, 7}, dated("a", end, 0), d(2026, 6, 23), []asset.Notice{notice("a", W, end, 7, 7)}},
		{"three_leads_59_left_is_the_60_day_notice", []int{60, 14, 7}, dated("a", end, 0), d(2026, 5, 2), []asset.Notice{notice("a", W, end, 60, 59)}},
		{"invalid_policy_nothing", []int{0}, dated("a", end, 0), d(2026, 6, 1), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diff(t, "notices", tc.want, asset.ExpiryPolicy{LeadDays: tc.leads}.Due(tc.a, tc.today))
		})
	}
	if h := (asset.ExpiryPolicy{}).Horizon(); h != 90 {
		t.Errorf("default horizon %d, want 90", h)
	}
	if h := (asset.ExpiryPolicy{LeadDays: []int{7, 120, 30}}).Horizon(); h != 120 {
		t.Errorf("horizon %d, want 120", h)
	}
}

func seqOf(assets ...asset.Asset) iter.Seq2[asset.Asset, error] {
	return func(yield func(asset.Asset, error) bool) {
		for _, a := range assets {
			if !yield(a, nil) {
				return
			}
		}
	}
}

func TestExpiryPolicyScan(t *testing.T) {
	today := d(2026, 6, 1)
	a := dated("a", d(2026, 6, 30), d(2026, 6, 15))
	b := dated("b", d(2026, 7, 1), 0)
	sentA := asset.NoticeKey{AssetID: "a", Subject: asset.SubjectWarranty, Expires: d(2026, 6, 30), LeadDays: 30}
	sentBOld := asset.NoticeKey{AssetID: "b", Subject: asset.SubjectWarranty, Expires: d(2026, 7, 1), LeadDays: 90}
	sent := map[asset.NoticeKey]bool{sentA: true, sentBOld: true}
	notified := func(k asset.NoticeKey) (bool, error) { return sent[k], nil }

	var got []asset.Notice
	for n, err := range (asset.ExpiryPolicy{}).Scan(seqOf(a, b), today, notified) {
		require.NoError(t, err)
		got = append(got, n)
	}
	want := []asset.Notice{notice("a", asset.SubjectLicence, d(2026, 6, 15), 30, 14), notice("b", asset.SubjectWarranty, d(2026, 7, 1), 30, 30)}
	diff(t, "notices not sent yet", want, got)

	got = nil
	for n, err := range (asset.ExpiryPolicy{}).Scan(seqOf(a, b), today, nil) {
		require.NoError(t, err)
		got = append(got, n)
	}
	if len(got) != 3 {
		t.Errorf("without a notified func %d notices, want 3", len(got))
	}

	errSource := errors.New("source failed")
	failing := func(yield func(asset.Asset, error) bool) {
		if yield(b, nil) {
			yield(asset.Asset{}, errSource)
		}
	}
	var errs []error
	count := 0
	for _, err := range (asset.ExpiryPolicy{}).Scan(failing, today, nil) {
		count++
		if err != nil {
			errs = append(errs, err)
		}
	}
	if count != 2 || len(errs) != 1 || !errors.Is(errs[0], errSource) {
		t.Errorf("source error: %d items, errors %v; want b's notice then the error", count, errs)
	}

	errLookup := errors.New("lookup failed")
	for n, err := range (asset.ExpiryPolicy{}).Scan(seqOf(a), today, func(asset.NoticeKey) (bool, error) { return false, errLookup }) {
		if !errors.Is(err, errLookup) || n != (asset.Notice{}) {
			t.Errorf("lookup error: got %+v, %v", n, err)
		}
	}

	for _, err := range (asset.ExpiryPolicy{LeadDays: []int{-1}}).Scan(seqOf(a), today, nil) {
		if fieldOf(t, err) != "LeadDays[0]" {
			t.Errorf("invalid policy: %v", err)
		}
	}

	lookups := 0
	for range (asset.ExpiryPolicy{}).Scan(seqOf(a, b), today, func(asset.NoticeKey) (bool, error) { lookups++; return false, nil }) {
		break
	}
	if lookups != 1 {
		t.Errorf("%d lookups after breaking at the first notice, want 1", lookups)
	}
}

package billingtest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// workSliceRun bills the customers of a slice with RunCustomers and
// describes each result as "<customer> <outcome>", or "<customer>
// <error>" for an error (not-found, crash, invalid), the customer "-"
// when the error names none.
func workSliceRun(t testing.TB, b *billing.Biller, ids []string) []string {
	t.Helper()
	var got []string
	for res, err := range b.RunCustomers(ctx, workMarch, ids) {
		who := cmpOr(res.CustomerID, "-")
		switch {
		case err == nil:
			got = append(got, who+" "+res.Outcome.String())
		case errors.Is(err, errWorkCrash):
			got = append(got, who+" crash")
		case errors.Is(err, billing.ErrNotFound):
			got = append(got, who+" not-found")
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", res.CustomerID)) {
				t.Errorf("the error of an unknown customer does not name it: %v", err)
			}
		case errors.Is(err, billing.ErrInvalid):
			got = append(got, who+" invalid")
		default:
			t.Fatalf("%s: unexpected error %v", who, err)
		}
	}
	return got
}

func cmpOr(s, or string) string {
	if s == "" {
		return or
	}
	return s
}

// workRunCustomersCases bill workFleet's March (C-1 invoiced centrally,
// C-2 per branch, C-3 on a rental contract, C-4 without work) in
// slices of customers, one RunCustomers call per slice in turn.
var workRunCustomersCases = []struct {
	name    string
	workers int
	flaky   string     // a customer whose first Bill fails, as a crash would
	slices  [][]string // the slices, billed in turn
	want    [][]string // what each slice yields, by workSliceRun
	billed  bool       // C-1 and C-2 are billed once in the end (else not at all)
}{
	{name: "two_slices_bill_the_fleet_once", slices: [][]string{{"C-2", "C-1"}, {"C-4", "C-3"}},
		want:   [][]string{{"C-1 billed", "C-2 billed"}, {"C-3 excluded", "C-4 nothing"}},
		billed: true},
	{name: "two_slices_with_four_workers_in_customer_order", workers: 4, slices: [][]string{{"C-4", "C-2", "C-3", "C-1"}},
		want:   [][]string{{"C-1 billed", "C-2 billed", "C-3 excluded", "C-4 nothing"}},
		billed: true},
	{name: "a_slice_again_bills_nothing_twice", slices: [][]string{{"C-1", "C-2"}, {"C-1", "C-2"}},
		want:   [][]string{{"C-1 billed", "C-2 billed"}, {"C-1 nothing", "C-2 nothing"}},
		billed: true},
	{name: "unknown_customer_is_named_and_the_others_are_billed", slices: [][]string{{"C-1", "C-9", "C-2"}},
		want:   [][]string{{"C-1 billed", "C-2 billed", "C-9 not-found"}},
		billed: true},
	{name: "unknown_customer_with_two_workers", workers: 2, slices: [][]string{{"C-0", "C-1", "C-2", "C-9"}},
		want:   [][]string{{"C-0 not-found", "C-1 billed", "C-2 billed", "C-9 not-found"}},
		billed: true},
	{name: "a_customer_named_twice_is_billed_once", slices: [][]string{{"C-1", "C-2", "C-1"}},
		want:   [][]string{{"C-1 billed", "C-2 billed"}},
		billed: true},
	{name: "a_failing_customer_fails_alone_and_its_retry_bills_it_once", flaky: "C-2", slices: [][]string{{"C-1", "C-2"}, {"C-1", "C-2"}},
		want:   [][]string{{"C-1 billed", "C-2 crash"}, {"C-1 nothing", "C-2 billed"}},
		billed: true},
	{name: "a_failing_customer_with_two_workers", workers: 2, flaky: "C-1", slices: [][]string{{"C-1", "C-2"}, {"C-2", "C-1"}},
		want:   [][]string{{"C-1 crash", "C-2 billed"}, {"C-1 billed", "C-2 nothing"}},
		billed: true},
	{name: "an_empty_id_is_refused_before_anything_is_billed", slices: [][]string{{"C-1", ""}},
		want: [][]string{{"- invalid"}}},
	{name: "no_customers_bill_nothing", slices: [][]string{nil, {}},
		want: [][]string{nil, nil}},
}

// workRunCustomersTests are the checks of workRunCustomersCases, and
// the end of a run billed in slices: Run after them bills nothing.
func workRunCustomersTests() []workTest {
	var checks []workTest
	for _, tc := range workRunCustomersCases {
		checks = append(checks, workTest{Name: "customers/" + tc.name, Run: func(t *testing.T, s billing.WorkStore) {
			workFleet(t, s)
			var ws billing.WorkStore = s
			if tc.flaky != "" {
				ws = &workFlakyStore{WorkStore: s, customer: tc.flaky, fails: 1}
			}
			b, err := billing.NewBiller(ws, nil, billing.BillerConfig{Workers: tc.workers})
			require.NoError(t, err)
			for i, ids := range tc.slices {
				workDiff(t, fmt.Sprintf("slice %d %v", i+1, ids), tc.want[i], workSliceRun(t, b, ids))
			}
			if !tc.billed {
				for _, c := range []string{"C-1", "C-2"} {
					if n := len(workCollect(t, s.Reports(ctx, c))); n != 0 {
						t.Errorf("%s has %d reports", c, n)
					}
				}
				return
			}
			workRequireFleetBilled(t, s)
			results, errs := workRun(t, b, workMarch)
			require.Empty(t, errs)
			for c, res := range results {
				if res.Outcome == billing.RunBilled {
					t.Errorf("Run after the slices billed %s again", c)
				}
			}
		}})
	}
	return checks
}

// workQuotaCustomersTests bill Q-1's quota month in a slice: the work
// booked on the quota in March, the period closed, the fee and the
// correction drafted, as Run does; the slice again bills nothing.
var workQuotaCustomersTests = []workQuotaTest{
	{"customers/a_quota_customer_in_a_slice_is_billed_as_run_bills_it", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		workQuotaWorld(t, ws, qs, nil)
		b := workQuotaBiller(t, ws, qs)
		var first []billing.RunResult
		for res, err := range b.RunCustomers(ctx, workMarch, []string{"Q-1"}) {
			require.NoError(t, err)
			first = append(first, res)
		}
		require.Len(t, first, 1)
		workDiff(t, "invoices", workQuotaInvoices, workInvoices(first[0]))
		if q := first[0].Quota; len(q) != 1 || q[0].Outcome != quota.Closed || q[0].Corrected != 30*workH {
			t.Errorf("quota close: %+v", q)
		}
		for res, err := range b.RunCustomers(ctx, workMarch, []string{"Q-1"}) {
			require.NoError(t, err)
			if res.Outcome != billing.RunNothing || len(res.Quota) != 1 || res.Quota[0].Outcome != quota.AlreadyClosed {
				t.Errorf("the slice again: %s, quota %+v", res.Outcome, res.Quota)
			}
		}
		workRequireQuotaBilled(t, ws, qs)
	}},
}

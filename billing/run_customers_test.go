package billing_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// noContracts is a work store without contracts: every customer is
// unknown.
type noContracts struct{ untouchedStore }

func (noContracts) Contract(_ context.Context, id string) (billing.Contract, error) {
	return billing.Contract{}, fmt.Errorf("no contract for %q: %w", id, billing.ErrNotFound)
}

// Customer IDs given to RunCustomers are either refused as a whole with
// a *ValidationError, asking the store nothing, or each looked up: an
// unknown customer is yielded with its ID and an error matching
// ErrNotFound, never a panic.
func FuzzRunCustomers(f *testing.F) {
	f.Add("C-1", "C-2")
	f.Add("C-1", "C-1")
	f.Add("", "C-2")
	f.Add("C-\x00", "C-2")
	f.Add("C-1", string(make([]byte, 300)))
	b, err := billing.NewBiller(noContracts{}, nil, billing.BillerConfig{})
	if err != nil {
		f.Fatal(err)
	}
	run := billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: d(2026, 4, 1)}
	f.Fuzz(func(t *testing.T, a, c string) {
		var named []string
		for res, err := range b.RunCustomers(context.Background(), run, []string{a, c}) {
			if res.CustomerID == "" {
				requireInvalidOrNil(t, err)
				if err == nil || len(named) > 0 {
					t.Fatalf("a refusal after %v, or without an error: %v", named, err)
				}
				continue
			}
			if !errors.Is(err, billing.ErrNotFound) || res.CustomerID != a && res.CustomerID != c {
				t.Fatalf("%q: %v", res.CustomerID, err)
			}
			named = append(named, res.CustomerID)
		}
		if len(named) > 0 && len(named) != map[bool]int{true: 1, false: 2}[a == c] {
			t.Fatalf("%q and %q yield %q", a, c, named)
		}
	})
}

package dunning_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
)

// The service is tested against a store by dunningtest.TestStore,
// which examples/memstore runs; here only what needs no store.
func TestNewServiceRefusesNilStoreAndBadPolicy(t *testing.T) {
	_, err := dunning.NewService(nil, dunning.Config{Policy: dunPolicy()})
	var verr *dunning.ValidationError
	require.ErrorAs(t, err, &verr)
	require.True(t, verr.Has("store"), "%v", err)
	_, err = dunning.NewService(nil, dunning.Config{})
	require.ErrorAs(t, err, &verr)
	require.True(t, verr.Has("store") && verr.Has("Levels") && verr.Has("Calendar"), "every problem at once: %v", err)
}

// A Service that NewService did not make, and a nil *Case, refuse every
// rule with a *ValidationError naming what is missing; none panics.
func TestUnmadeServiceAndNilCaseRefuse(t *testing.T) {
	ctx := context.Background()
	on := dday(2025, time.June, 20)
	inv := dunInvoice()
	for _, svc := range []*dunning.Service{nil, {}} {
		checks := map[string]error{}
		_, checks["Case"] = svc.Case(ctx, inv.Number)
		_, checks["Track"] = svc.Track(ctx, inv, on)
		_, checks["RunInvoice"] = svc.RunInvoice(ctx, on, inv)
		_, checks["DecideDispute"] = svc.DecideDispute(ctx, inv.Number, 1, dunning.DisputeDecision{})
		for _, err := range svc.Run(ctx, on, slices.Values([]dunning.OpenInvoice{inv})) {
			checks["Run"] = err
		}
		for name, err := range checks {
			var verr *dunning.ValidationError
			require.ErrorAs(t, err, &verr, "%T.%s", svc, name)
			require.True(t, verr.Has("Service"), "%s: %v", name, err)
		}
		require.True(t, svc.Policy().Validate() != nil, "the zero policy")
	}
	var c *dunning.Case
	checks := map[string]error{}
	_, checks["Run"] = c.Run(dunPolicy(), on)
	_, checks["Refresh"] = c.Refresh(inv, on, "am-anna")
	_, checks["Dispute"] = c.Dispute(1)
	_, checks["OpenDispute"] = c.OpenDispute(dunPolicy(), dunning.DisputeRequest{})
	for name, err := range checks {
		var verr *dunning.ValidationError
		require.ErrorAs(t, err, &verr, "(*Case)(nil).%s", name)
		require.True(t, verr.Has("Case"), "%s: %v", name, err)
	}
	_, ok := c.LastNotice()
	require.False(t, ok)
}

package billing_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

// The service is tested against a store by billingtest.TestDunningStore,
// which examples/memstore runs; here only what needs no store.
func TestNewDunningRefuses(t *testing.T) {
	_, err := billing.NewDunning(nil, billing.DunningConfig{Policy: dunPolicy()})
	var verr *billing.ValidationError
	require.ErrorAs(t, err, &verr)
	require.True(t, verr.Has("store"), "%v", err)
	_, err = billing.NewDunning(nil, billing.DunningConfig{})
	require.ErrorAs(t, err, &verr)
	require.True(t, verr.Has("store") && verr.Has("Levels") && verr.Has("Calendar"), "every problem at once: %v", err)
}

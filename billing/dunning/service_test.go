package dunning_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
)

// The service is tested against a store by dunningtest.TestStore,
// which examples/memstore runs; here only what needs no store.
func TestNewDunningRefuses(t *testing.T) {
	_, err := dunning.NewService(nil, dunning.Config{Policy: dunPolicy()})
	var verr *dunning.ValidationError
	require.ErrorAs(t, err, &verr)
	require.True(t, verr.Has("store"), "%v", err)
	_, err = dunning.NewService(nil, dunning.Config{})
	require.ErrorAs(t, err, &verr)
	require.True(t, verr.Has("store") && verr.Has("Levels") && verr.Has("Calendar"), "every problem at once: %v", err)
}

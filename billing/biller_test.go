package billing_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

// A Biller needs a work store: the constructor refuses a nil one (it used
// to return a Biller that panicked on first use), and a Biller not made by
// it answers with an error.
func TestBillerWithoutWorkStoreIsAnError(t *testing.T) {
	b, err := billing.NewBiller(nil, nil, billing.BillerConfig{})
	require.ErrorIs(t, err, billing.ErrInvalid)
	require.Nil(t, b)

	ctx := context.Background()
	for name, b := range map[string]*billing.Biller{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			_, err := b.Record(ctx, billing.WorkEntry{})
			require.ErrorIs(t, err, billing.ErrInvalid)
			_, err = b.Release(ctx, "W-1", "anna", 0)
			require.ErrorIs(t, err, billing.ErrInvalid)
			require.ErrorIs(t, b.MarkInvoiced(ctx, "I-1", "R-1"), billing.ErrInvalid)
			for _, err := range b.Run(ctx, billing.BillingRun{}) {
				require.ErrorIs(t, err, billing.ErrInvalid)
			}
		})
	}
}

// untouchedStore is a WorkStore whose every method panics: a test that
// passes with it shows the store was not asked.
type untouchedStore struct{ billing.WorkStore }

// Edit with a nil func is refused before the store is asked.
func TestEditRefusesANilFunc(t *testing.T) {
	b, err := billing.NewBiller(untouchedStore{}, nil, billing.BillerConfig{})
	require.NoError(t, err)
	_, err = b.Edit(context.Background(), "W-1", nil)
	require.ErrorIs(t, err, billing.ErrInvalid)
}

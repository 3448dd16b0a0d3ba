package quota_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// A Ledger needs a store: the constructor refuses a nil one, and a Ledger
// not made by it answers every call with an error instead of panicking.
func TestLedgerWithoutStoreIsAnError(t *testing.T) {
	l, err := quota.NewLedger(nil, quota.Config{})
	require.ErrorIs(t, err, quota.ErrInvalid)
	require.Nil(t, l)

	ctx := context.Background()
	p := quota.MustParsePeriod("2026-01")
	for name, l := range map[string]*quota.Ledger{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			_, err := l.Account(ctx, "K-1")
			require.ErrorIs(t, err, quota.ErrInvalid)
			_, err = l.Balance(ctx, "K-1", p.First())
			require.ErrorIs(t, err, quota.ErrInvalid)
			_, err = l.Close(ctx, "K-1", p)
			require.ErrorIs(t, err, quota.ErrInvalid)
			_, err = l.SetEnd(ctx, "K-1", p.First())
			require.ErrorIs(t, err, quota.ErrInvalid)
			for _, err := range l.CloseAll(ctx, p) {
				require.ErrorIs(t, err, quota.ErrInvalid)
			}
		})
	}
}

// A nil *Account refuses every change with an error.
func TestNilAccountIsAnError(t *testing.T) {
	var a *quota.Account
	require.ErrorIs(t, a.SetEnd(0), quota.ErrInvalid)
	require.ErrorIs(t, a.ChangeTerms(quota.Terms{}), quota.ErrInvalid)
	_, err := a.Close(quota.MustParsePeriod("2026-01"))
	require.ErrorIs(t, err, quota.ErrInvalid)
}

// A contract without terms has no terms in force: the zero Terms, not an
// index out of range.
func TestTermsForWithoutTermsIsZero(t *testing.T) {
	require.Zero(t, quota.Contract{}.TermsFor(quota.MustParsePeriod("2026-01")))
}

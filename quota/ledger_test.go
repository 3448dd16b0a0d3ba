package quota_test

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"
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

// Every amount and rate of a contract is bounded: whole cents for the
// price, RateDigits decimals for the rate, below a trillion; a rate of
// 1e-17000 used to be stored and left the contract unreadable.
func TestTermsBoundTheirDecimals(t *testing.T) {
	valid := quota.Terms{From: quota.MustParsePeriod("2026-01"), Hours: 10 * time.Hour, Price: decimal.RequireFromString("950.00"), OverageRate: decimal.RequireFromString("95.1234")}
	require.NoError(t, valid.Validate())
	tests := []struct {
		name  string
		set   func(*quota.Terms)
		field string
	}{
		{"rate_with_an_absurd_exponent", func(t *quota.Terms) { t.OverageRate = decimal.New(1, -17000) }, "OverageRate"},
		{"rate_with_five_decimals", func(t *quota.Terms) { t.OverageRate = decimal.RequireFromString("95.00001") }, "OverageRate"},
		{"rate_of_a_trillion", func(t *quota.Terms) { t.OverageRate = decimal.New(1, 12) }, "OverageRate"},
		{"price_with_fractions_of_a_cent", func(t *quota.Terms) { t.Price = decimal.RequireFromString("950.001") }, "Price"},
		{"price_of_a_trillion", func(t *quota.Terms) { t.Price = decimal.New(1, 12) }, "Price"},
		{"price_with_an_absurd_exponent", func(t *quota.Terms) { t.Price = decimal.New(1, 40000) }, "Price"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			terms := valid
			tt.set(&terms)
			var ve *quota.ValidationError
			require.ErrorAs(t, terms.Validate(), &ve)
			require.Equal(t, []string{tt.field}, ve.Fields())
		})
	}
}

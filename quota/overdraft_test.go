package quota_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

func TestOverdraftCheck(t *testing.T) {
	tests := []struct {
		name               string
		o                  quota.Overdraft
		balance, requested time.Duration
		refused            bool
	}{
		{"none_allows_down_to_zero", quota.NoOverdraft(), 10 * h, 10 * h, false},
		{"none_refuses_a_minute_beyond", quota.NoOverdraft(), 10 * h, 10*h + time.Minute, true},
		{"none_refuses_on_a_negative_balance", quota.NoOverdraft(), -h, time.Minute, true},
		{"limit_allows_down_to_the_limit", quota.OverdraftUpTo(10 * h), 5 * h, 15 * h, false},
		{"limit_refuses_beyond_the_limit", quota.OverdraftUpTo(10 * h), 5 * h, 15*h + time.Nanosecond, true},
		{"limit_counts_from_a_negative_balance", quota.OverdraftUpTo(10 * h), -8 * h, 2 * h, false},
		{"limit_refuses_once_reached", quota.OverdraftUpTo(10 * h), -10 * h, time.Minute, true},
		{"unlimited_allows_anything", quota.UnlimitedOverdraft(), 0, quota.MaxHours, false},
		{"unlimited_allows_on_a_negative_balance", quota.UnlimitedOverdraft(), -900 * h, 100 * h, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.o.Check(tt.balance, tt.requested)
			if !tt.refused {
				require.NoError(t, err)
				return
			}
			var oe *quota.OverdraftError
			require.ErrorAs(t, err, &oe)
			require.ErrorIs(t, err, quota.ErrOverdraft)
			want := &quota.OverdraftError{Balance: tt.balance, Requested: tt.requested, Limit: tt.o.Limit}
			if diff := cmp.Diff(want, oe); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestOverdraftText(t *testing.T) {
	for _, tt := range []struct {
		o    quota.Overdraft
		text string
	}{
		{quota.NoOverdraft(), "none"},
		{quota.OverdraftUpTo(10 * h), "limit=10h"},
		{quota.OverdraftUpTo(90 * time.Minute), "limit=1h30m"},
		{quota.UnlimitedOverdraft(), "unlimited"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			require.Equal(t, tt.text, tt.o.String())
			var got quota.Overdraft
			require.NoError(t, got.UnmarshalText([]byte(tt.text)))
			require.Equal(t, tt.o, got)
		})
	}
	for text, want := range map[string]quota.Overdraft{"None": quota.NoOverdraft(), "UNLIMITED": quota.UnlimitedOverdraft(), "Limit=10H": quota.OverdraftUpTo(10 * h)} {
		got, err := quota.ParseOverdraft(text)
		require.NoError(t, err, "words are read in any letter case: %q", text)
		require.Equal(t, want, got, "%q", text)
	}
	for _, s := range []string{"", " none", "limit=", "limit=-1h", "limit=10", "limit=100001h", "unlimited=1h", "limit=1h "} {
		_, err := quota.ParseOverdraft(s)
		require.ErrorIs(t, err, quota.ErrInvalid, "%q", s)
	}
	require.Equal(t, quota.NoOverdraft(), must(quota.ParseOverdraft("limit=0h")), "a zero limit is no overdraft")
}

func TestOverdraftValidate(t *testing.T) {
	require.NoError(t, quota.OverdraftUpTo(quota.MaxHours).Validate())
	for _, o := range []quota.Overdraft{{Limit: -h}, {Limit: quota.MaxHours + 1}, {Limit: h, Unlimited: true}} {
		require.ErrorIs(t, o.Validate(), quota.ErrInvalid, "%+v", o)
	}
}

func FuzzParseOverdraft(f *testing.F) {
	for _, s := range []string{"none", "unlimited", "limit=10h", "limit=0.5h", "limit=1h1m1s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := quota.ParseOverdraft(s)
		if err != nil {
			require.ErrorIs(t, err, quota.ErrInvalid)
			return
		}
		require.NoError(t, o.Validate())
		require.Equal(t, o, must(quota.ParseOverdraft(o.String())))
	})
}

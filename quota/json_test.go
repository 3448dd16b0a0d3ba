package quota_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// decimals compare by value: "950" and "950.00" are one amount.
var decimals = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// roundTrip marshals v, checks the text when want is not empty, reads it
// back into a new value of v's type and compares.
func roundTrip[T any](t *testing.T, v T, want string) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	if want != "" {
		require.JSONEq(t, want, string(b))
	}
	var back T
	require.NoError(t, json.Unmarshal(b, &back), string(b))
	if diff := cmp.Diff(v, back, decimals); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestJSONForm(t *testing.T) {
	tm := terms(func(t *quota.Terms) {
		t.From, t.Hours, t.Price, t.OverageRate = per("2026-06"), 10*h, eur("950"), eur("95.00")
		t.Rollover, t.Overdraft = quota.CappedRollover(20*h), quota.UnlimitedOverdraft()
	})
	t.Run("terms_hours_as_text_money_as_decimal_strings", func(t *testing.T) {
		roundTrip(t, tm, `{"from":"2026-06","hours":"10h","price":"950.00","overageRate":"95.00",
			"rollover":"cap=20h","overdraft":"unlimited","correction":"settle"}`)
	})
	t.Run("contract_dates_and_an_open_end_left_out", func(t *testing.T) {
		c := quota.Contract{ID: "K-2026-017", CustomerID: "kruse", Start: d(2026, time.June, 1), Terms: []quota.Terms{tm}}
		b, err := json.Marshal(c)
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(string(b), `{"id":"K-2026-017","customerId":"kruse","start":"2026-06-01","terms":[`), string(b))
		roundTrip(t, c, "")
		c.End = d(2027, time.May, 31)
		roundTrip(t, c, "")
	})
	t.Run("lot_never_lapsing_has_no_expiry", func(t *testing.T) {
		roundTrip(t, quota.Lot{Hours: 5*h + 30*time.Minute}, `{"hours":"5h30m"}`)
		roundTrip(t, quota.Lot{Expires: per("2026-09"), Hours: 45 * time.Minute}, `{"expires":"2026-09","hours":"45m"}`)
	})
	t.Run("entry_negative_hours_kind_as_text", func(t *testing.T) {
		e := quota.Entry{ContractID: "K-1", Seq: 3, Key: "W-1", Kind: quota.KindConsumption, Hours: -(h + 30*time.Minute),
			Period: per("2026-06"), Date: d(2026, time.June, 8), WorkDate: d(2026, time.June, 8), Ref: "T-1"}
		roundTrip(t, e, `{"contractId":"K-1","seq":3,"key":"W-1","kind":"consumption","hours":"-1h30m","period":"2026-06",
			"date":"2026-06-08","workDate":"2026-06-08","ref":"T-1"}`)
		e.Kind, e.Rate, e.Amount, e.Hours = quota.KindCorrection, eur("95.00"), eur("142.50"), 90*time.Minute
		roundTrip(t, e, "")
	})
	t.Run("statement_and_account_of_a_played_month", func(t *testing.T) {
		a := play(t, contract(terms(nil)), []month{{use: 4*h + 30*time.Minute, closing: 95*h + 30*time.Minute}})
		a.Version = 3
		roundTrip(t, a, "")
		st := quota.Statement{ContractID: "K-1", Period: per("2026-06"), Closed: true, Opening: 0, Entries: a.Pending[:2],
			Allotted: 10 * h, Consumed: -(4*h + 30*time.Minute), Closing: 5*h + 30*time.Minute, RolledOver: 5*h + 30*time.Minute,
			Price: eur("950.00"), Charged: decimal.Zero}
		roundTrip(t, st, "")
	})
}

// Reading refuses what the form does not allow, with a *ValidationError
// naming the field, and leaves the destination as it was.
func TestJSONRefusals(t *testing.T) {
	good := `{"from":"2026-06","hours":"10h","price":"950.00","overageRate":"95.00","rollover":"full","overdraft":"none","correction":"settle"}`
	tests := []struct {
		name, into, text, field string
	}{
		{"unknown_name", "terms", strings.Replace(good, `"from"`, `"From"`, 1), "Terms"},
		{"hours_in_nanoseconds_as_before", "terms", strings.Replace(good, `"10h"`, `36000000000000`, 1), "hours"},
		{"hours_without_unit", "terms", strings.Replace(good, `"10h"`, `"10"`, 1), "hours"},
		{"money_as_a_number", "terms", strings.Replace(good, `"950.00"`, `950`, 1), "price"},
		{"money_with_a_comma", "terms", strings.Replace(good, `"950.00"`, `"950,00"`, 1), "price"},
		{"negative_hours_fail_validation", "terms", strings.Replace(good, `"10h"`, `"-10h"`, 1), "Hours"},
		{"unknown_rollover", "terms", strings.Replace(good, `"full"`, `"generous"`, 1), "Rollover"},
		{"day_that_does_not_exist", "contract", `{"id":"K","customerId":"C","start":"2026-02-30","terms":[` + good + `]}`, "start"},
		{"date_in_another_format", "contract", `{"id":"K","customerId":"C","start":"01.06.2026","terms":[` + good + `]}`, "start"},
		{"terms_hours_inside_contract", "contract", `{"id":"K","customerId":"C","start":"2026-06-01","terms":[` + strings.Replace(good, `"10h"`, `"ten"`, 1) + `]}`, "terms[0].hours"},
		{"entry_kind_as_number", "entry", `{"contractId":"K","seq":1,"key":"k","kind":2,"hours":"1h","period":"2026-06","date":"2026-06-01","workDate":"2026-06-01"}`, "kind"},
		{"entry_date_outside_its_period", "entry", `{"contractId":"K","seq":1,"key":"k","kind":"consumption","hours":"-1h","period":"2026-06","date":"2026-07-01","workDate":"2026-07-01"}`, "date"},
		{"lot_of_zero_hours", "lot", `{"hours":"0h"}`, "hours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dst any
			switch tt.into {
			case "terms":
				dst = &quota.Terms{Hours: 7 * h}
			case "contract":
				dst = &quota.Contract{ID: "before"}
			case "entry":
				dst = &quota.Entry{Key: "before"}
			case "lot":
				dst = &quota.Lot{Hours: 7 * h}
			}
			before := cmp.Diff(nil, dst, decimals)
			err := json.Unmarshal([]byte(tt.text), dst)
			var ve *quota.ValidationError
			require.ErrorAs(t, err, &ve)
			require.True(t, errors.Is(err, quota.ErrInvalid))
			require.Contains(t, ve.Fields(), tt.field, "%v", err)
			require.Equal(t, before, cmp.Diff(nil, dst, decimals), "unchanged")
		})
	}
}

func FuzzContractJSON(f *testing.F) {
	c := contract(terms(nil))
	b, _ := json.Marshal(c)
	f.Add(string(b))
	f.Add(`{"id":"K","customerId":"C","start":"2026-02-30","terms":[]}`)
	f.Fuzz(func(t *testing.T, s string) {
		var c quota.Contract
		if err := json.Unmarshal([]byte(s), &c); err != nil {
			return
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("%q read, but does not write: %v", s, err)
		}
		var back quota.Contract
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s does not read back: %v", b, err)
		}
		if diff := cmp.Diff(c, back, decimals); diff != "" {
			t.Fatalf("(-read +back):\n%s", diff)
		}
	})
}

package jsonform

import (
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func TestNameIsLowerCamelWithInitialismsAsWords(t *testing.T) {
	for goName, want := range map[string]string{
		"ID": "id", "CustomerID": "customerId", "VATRate": "vatRate", "MessageIDs": "messageIds", "URL": "url",
		"DueDate": "dueDate", "ByKind": "byKind", "At": "at", "IdempotencyKey": "idempotencyKey", "HTMLBody": "htmlBody",
	} {
		require.Equal(t, want, Name(goName), goName)
	}
}

// sample has one field of every kind the form treats apart.
type sample struct {
	ID       string
	At       time.Time
	Due      date.Date
	Worked   time.Duration
	Price    decimal.Decimal
	Count    int
	Tags     []string
	Inner    *inner
	Items    []inner
	ByMonth  map[string]int
	Archived bool
}

type inner struct{ Name string }

func TestMarshalUnmarshalRoundTrip(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	v := sample{ID: "x", At: time.Date(2026, 3, 29, 3, 30, 0, 0, berlin), Due: date.New(2028, 2, 29), Worked: 90 * time.Minute,
		Price: decimal.RequireFromString("950"), Count: 3, Tags: []string{"a"}, Inner: &inner{"i"}, Items: []inner{{"j"}},
		ByMonth: map[string]int{"2026-03": 2}, Archived: true}
	b, err := Marshal(v)
	require.NoError(t, err)
	require.JSONEq(t, `{"id":"x","at":"2026-03-29T03:30:00+02:00","due":"2028-02-29","worked":"1h30m","price":"950.00",
		"count":3,"tags":["a"],"inner":{"name":"i"},"items":[{"name":"j"}],"byMonth":{"2026-03":2},"archived":true}`, string(b))
	var back sample
	require.NoError(t, Unmarshal(b, &back))
	require.True(t, back.At.Equal(v.At))
	back.At = v.At
	require.True(t, back.Price.Equal(v.Price))
	back.Price = v.Price
	require.Equal(t, v, back)

	empty, err := Marshal(sample{})
	require.NoError(t, err)
	require.Equal(t, `{}`, string(empty), "zero fields are left out")
}

func TestUnmarshalRefusalsNameTheirPath(t *testing.T) {
	for text, path := range map[string]string{
		`{"due":"2026-02-30"}`:                 "due",
		`{"at":"2026-03-29T03:30:00"}`:         "at",
		`{"worked":5400000000000}`:             "worked",
		`{"worked":"90"}`:                      "worked",
		`{"price":950}`:                        "price",
		`{"count":"3"}`:                        "count",
		`{"count":3.5}`:                        "count",
		`{"Count":3}`:                          "Count",
		`{"items":[{"name":"a"},{"nme":"b"}]}`: "items[1].nme",
		`{"inner":{"name":1}}`:                 "inner.name",
	} {
		var v sample
		err := Unmarshal([]byte(text), &v)
		var fe *FieldError
		require.True(t, errors.As(err, &fe), "%s: %v", text, err)
		require.Equal(t, path, fe.Path, text)
	}
	var v sample
	require.Error(t, Unmarshal([]byte(`{} {}`), &v))
}

// The legacy form is what encoding/json wrote without a JSON form: Go
// names, nanoseconds.
func TestUnmarshalLegacyReadsTheOldForm(t *testing.T) {
	var v sample
	require.NoError(t, UnmarshalLegacy([]byte(`{"ID":"x","At":"2026-03-29T01:30:00Z","Due":"2026-06-05","Worked":5400000000000,
		"Price":"950","Count":3,"Tags":null,"Inner":null,"Items":[{"Name":"j"}],"ByMonth":{},"Archived":false}`), &v))
	require.Equal(t, 90*time.Minute, v.Worked)
	require.Equal(t, date.New(2026, 6, 5), v.Due)
	require.Equal(t, []inner{{"j"}}, v.Items)
	require.Error(t, UnmarshalLegacy([]byte(`{"Wrked":1}`), &v))
}

func FuzzUnmarshal(f *testing.F) {
	f.Add(`{"id":"x","at":"2026-03-29T03:30:00+02:00","due":"2028-02-29","worked":"1h30m","price":"950.00","items":[{"name":"j"}]}`)
	f.Add(`{"due":"2026-02-30"}`)
	f.Fuzz(func(t *testing.T, s string) {
		var v sample
		if err := Unmarshal([]byte(s), &v); err != nil {
			return
		}
		b, err := Marshal(v)
		if err != nil {
			t.Fatalf("%q read but does not write: %v", s, err)
		}
		var back sample
		if err := Unmarshal(b, &back); err != nil {
			t.Fatalf("%s does not read back: %v", b, err)
		}
		again, err := Marshal(back)
		if err != nil || string(again) != string(b) {
			t.Fatalf("%s became %s (%v)", b, again, err)
		}
	})
}

// MarshalLegacy writes what UnmarshalLegacy reads.
func TestLegacyRoundTrip(t *testing.T) {
	v := sample{ID: "x", At: time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), Due: date.New(2026, 6, 5), Worked: 90 * time.Minute,
		Price: decimal.RequireFromString("950"), Items: []inner{{"j"}}}
	b, err := MarshalLegacy(v)
	require.NoError(t, err)
	require.Contains(t, string(b), `"Worked":5400000000000`)
	require.Contains(t, string(b), `"Tags":null`)
	var back sample
	require.NoError(t, UnmarshalLegacy(b, &back))
	require.True(t, back.Price.Equal(v.Price))
	back.Price = v.Price
	require.Equal(t, v, back)
}

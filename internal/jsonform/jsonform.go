package jsonform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// Decode reads exactly one JSON value from b into v, refusing names v does
// not have, also in another letter case (encoding/json alone would read
// "From" into "from"). Its errors are the encoding/json package's, or an
// *UnknownNameError.
func Decode(b []byte, v any) error {
	if err := exactNames(b, v); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("more than one JSON value")
	}
	return nil
}

// UnknownNameError is a name in a JSON object that the value has not.
type UnknownNameError struct{ Name string }

// Error names the unknown name, clipped.
func (e *UnknownNameError) Error() string { return fmt.Sprintf("unknown name %q", clip(e.Name)) }

// exactNames checks that every name of the JSON object b is one of the
// json tag names of the struct v points to, letter case included. Other
// JSON and other Go values it leaves to the decoder.
func exactNames(b []byte, v any) error {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(b, &obj) != nil || obj == nil {
		return nil // not an object: the decoder says what is wrong
	}
	names := map[string]bool{}
	st := t.Elem()
	for i := range st.NumField() {
		f := st.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		names[name] = true
	}
	for k := range obj {
		if !names[k] {
			return &UnknownNameError{Name: k}
		}
	}
	return nil
}

// Hours writes d as a statement shows hours: "50h", "7h30m", "45m",
// "-2h15m", "0h"; seconds and fractions appear only when present
// ("1h0m30s"). The text parses back with ParseHours.
func Hours(d time.Duration) string {
	if d == 0 {
		return "0h"
	}
	if d < 0 {
		if d == -1<<63 { // cannot be negated
			return d.String()
		}
		return "-" + Hours(-d)
	}
	if d%time.Minute != 0 {
		return d.String()
	}
	h, m := d/time.Hour, (d%time.Hour)/time.Minute
	switch {
	case m == 0:
		return strconv.FormatInt(int64(h), 10) + "h"
	case h == 0:
		return strconv.FormatInt(int64(m), 10) + "m"
	}
	return strconv.FormatInt(int64(h), 10) + "h" + strconv.FormatInt(int64(m), 10) + "m"
}

// ParseHours reads hours as time.ParseDuration does ("7h30m", "1.5h",
// "-45m"). It refuses the empty text and a bare number without a unit.
func ParseHours(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || s == "0" {
		return 0, fmt.Errorf("%q is not an amount of hours such as 10h or 7h30m", clip(s))
	}
	return d, nil
}

// Date writes a calendar date as YYYY-MM-DD, and the zero date as "".
func Date(d date.Date) string {
	if d == date.Zero {
		return ""
	}
	return d.String()
}

// ParseDate reads a date written YYYY-MM-DD that exists on the calendar;
// "" is the zero date.
func ParseDate(s string) (date.Date, error) {
	if s == "" {
		return date.Zero, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return date.Zero, fmt.Errorf("%q is not a date written YYYY-MM-DD that exists", clip(s))
	}
	return date.New(t.Date()), nil
}

// Money writes an amount as a decimal string with at least two decimals:
// "950.00", "0.125", "-12.50".
func Money(d decimal.Decimal) string {
	if d.Exponent() >= -2 {
		return d.StringFixed(2)
	}
	return d.String()
}

// ParseMoney reads a decimal string ("950.00", "-0.5"); "" is zero. It
// refuses exponents and anything but digits, one point and a leading
// minus, so that what it reads is what a person wrote, and more than 30
// digits before or after the point.
func ParseMoney(s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Zero, nil
	}
	body := strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(body, ".")
	if whole == "" || len(whole) > 30 || len(frac) > 30 || !digits(whole) || (strings.Contains(body, ".") && (frac == "" || !digits(frac))) {
		return decimal.Zero, fmt.Errorf("%q is not an amount such as 950.00", clip(s))
	}
	return decimal.RequireFromString(s), nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

package sqlstore

import (
	"encoding"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// Column conversions. Arguments are converted explicitly rather than
// through the drivers' defaults (or date's package-level Valuer), so the
// stored form is the same whatever else the host configures:
//
//   - dates: DATE on PostgreSQL, 'YYYY-MM-DD' text on SQLite; the zero
//     date ("none") is NULL;
//   - instants: TIMESTAMPTZ on PostgreSQL, fixed-width UTC text on
//     SQLite; the zero time is NULL;
//   - money and rates: NUMERIC on PostgreSQL, text on SQLite, with the
//     decimal's own scale ("1500.00" stays "1500.00");
//   - enums: their text forms ("consumption", "in-use", "acknowledged");
//   - small lists (contract terms, lots, files, actions): JSON.

// dateArg is d as an argument: NULL for the zero date.
func dateArg(d date.Date) any {
	if d == date.Zero {
		return nil
	}
	return d.String()
}

// timeArg is t as an argument in dialect d: NULL for the zero time.
func (d *dialect) timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return d.instant(t)
}

// decimalArg keeps the decimal's scale: 1500.00 is stored as "1500.00".
func decimalArg(x decimal.Decimal) string {
	return x.StringFixed(max(0, -x.Exponent()))
}

// textArg is an enum's text form.
func textArg(v encoding.TextMarshaler) (string, error) {
	b, err := v.MarshalText()
	return string(b), err
}

// jsonArg is v as JSON text.
func jsonArg(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// dateCol scans a DATE (PostgreSQL: time.Time) or 'YYYY-MM-DD' text
// (SQLite) into a date; NULL is the zero date.
type dateCol struct{ d *date.Date }

// Scan implements sql.Scanner.
func (c dateCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.d = date.Zero
	case time.Time:
		*c.d = date.New(v.Date())
	case string:
		return c.parse(v)
	case []byte:
		return c.parse(string(v))
	default:
		return fmt.Errorf("sqlstore: %T is not a date", v)
	}
	return nil
}

func (c dateCol) parse(s string) (err error) {
	*c.d, err = date.ParseISO(s)
	return err
}

// timeCol scans a TIMESTAMPTZ (PostgreSQL) or text in timeLayout
// (SQLite) into an instant; NULL is the zero time.
type timeCol struct{ t *time.Time }

// Scan implements sql.Scanner.
func (c timeCol) Scan(v any) (err error) {
	switch v := v.(type) {
	case nil:
		*c.t = time.Time{}
	case time.Time:
		*c.t = v.UTC()
	case string:
		*c.t, err = time.Parse(time.RFC3339Nano, v)
	case []byte:
		*c.t, err = time.Parse(time.RFC3339Nano, string(v))
	default:
		err = fmt.Errorf("sqlstore: %T is not an instant", v)
	}
	return err
}

// decimalCol scans NUMERIC (PostgreSQL) or text (SQLite) into a
// decimal. Zero becomes the zero Decimal, the value the domain uses for
// "no amount": equal to what the domain computed not only by Equal but
// also by == and reflect.DeepEqual, which quotatest uses on entries.
type decimalCol struct{ x *decimal.Decimal }

// Scan implements sql.Scanner.
func (c decimalCol) Scan(v any) error {
	if err := c.x.Scan(v); err != nil {
		return err
	}
	if c.x.IsZero() {
		*c.x = decimal.Decimal{}
	}
	return nil
}

// textCol scans an enum's text form with its UnmarshalText.
type textCol struct{ u encoding.TextUnmarshaler }

// Scan implements sql.Scanner.
func (c textCol) Scan(v any) error {
	switch v := v.(type) {
	case string:
		return c.u.UnmarshalText([]byte(v))
	case []byte:
		return c.u.UnmarshalText(v)
	}
	return fmt.Errorf("sqlstore: %T is not text", v)
}

// jsonCol scans JSON text (SQLite) or jsonb (PostgreSQL) into v.
type jsonCol struct{ v any }

// Scan implements sql.Scanner.
func (c jsonCol) Scan(v any) error {
	switch v := v.(type) {
	case string:
		return json.Unmarshal([]byte(v), c.v)
	case []byte:
		return json.Unmarshal(v, c.v)
	}
	return fmt.Errorf("sqlstore: %T is not JSON", v)
}

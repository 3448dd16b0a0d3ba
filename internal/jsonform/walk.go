package jsonform

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/validation"
)

// FieldError is a value Unmarshal refuses, at a path of lowerCamel names
// and indexes ("comments[2].at").
type FieldError struct {
	Path   string
	Reason string
}

// Error reads "path: reason", or the reason alone at the top level.
func (e *FieldError) Error() string {
	if e.Path == "" {
		return e.Reason
	}
	return e.Path + ": " + e.Reason
}

var (
	timeType     = reflect.TypeFor[time.Time]()
	durationType = reflect.TypeFor[time.Duration]()
	dateType     = reflect.TypeFor[date.Date]()
	decimalType  = reflect.TypeFor[decimal.Decimal]()
	marshalerT   = reflect.TypeFor[json.Marshaler]()
	unmarshalerT = reflect.TypeFor[json.Unmarshaler]()
	textMarshalT = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshT = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// Name is the JSON name of a Go field: lowerCamel with initialisms as
// words: ID "id", CustomerID "customerId", VATRate "vatRate", MessageIDs
// "messageIds", URL "url".
func Name(goName string) string {
	rs := []rune(goName)
	var words []string
	start := 0
	for i := 1; i < len(rs); i++ {
		prevUpper, upper := unicode.IsUpper(rs[i-1]), unicode.IsUpper(rs[i])
		nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
		// A new word at a lower-to-upper step, and at the last capital of
		// a run followed by lower case ("VATRate": VAT|Rate), except the
		// plural s of an initialism ("IDs").
		if upper && (!prevUpper || (nextLower && !(rs[i+1] == 's' && i+2 == len(rs)))) {
			words = append(words, string(rs[start:i]))
			start = i
		}
	}
	words = append(words, string(rs[start:]))
	var b strings.Builder
	for i, w := range words {
		w = strings.ToLower(w)
		if i > 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
	}
	return b.String()
}

// Marshal writes v in the JSON form: a struct as an object with the
// lowerCamel names of its exported fields, fields with their zero value
// left out; instants RFC 3339 with their offset, dates YYYY-MM-DD, time.Duration
// as Hours, decimal.Decimal as Money, values with their own MarshalJSON or
// MarshalText as those say. v itself should be a type without a
// MarshalJSON method (the domain type converted to a plain copy), or
// Marshal would call it.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := encode(&buf, reflect.ValueOf(v), true); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func encode(buf *bytes.Buffer, v reflect.Value, top bool) error {
	if !v.IsValid() {
		buf.WriteString("null")
		return nil
	}
	t := v.Type()
	switch t {
	case timeType:
		b, err := v.Interface().(time.Time).MarshalJSON()
		buf.Write(b)
		return err
	case durationType:
		return writeString(buf, Hours(time.Duration(v.Int())))
	case dateType:
		return writeString(buf, Date(v.Interface().(date.Date)))
	case decimalType:
		return writeString(buf, Money(v.Interface().(decimal.Decimal)))
	}
	if !top && t.Implements(marshalerT) {
		b, err := v.Interface().(json.Marshaler).MarshalJSON()
		buf.Write(b)
		return err
	}
	if t.Implements(textMarshalT) {
		b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return err
		}
		return writeString(buf, string(b))
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		return encode(buf, v.Elem(), false)
	case reflect.Struct:
		buf.WriteByte('{')
		first := true
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || v.Field(i).IsZero() {
				continue
			}
			if !first {
				buf.WriteByte(',')
			}
			first = false
			_ = writeString(buf, Name(f.Name))
			buf.WriteByte(':')
			if err := encode(buf, v.Field(i), false); err != nil {
				return fmt.Errorf("%s: %w", Name(f.Name), err)
			}
		}
		buf.WriteByte('}')
		return nil
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && v.IsNil() {
			buf.WriteString("[]")
			return nil
		}
		buf.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := encode(buf, v.Index(i), false); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
		return nil
	}
	// Maps, strings, numbers and booleans: encoding/json's form, with
	// text-form keys.
	b, err := json.Marshal(v.Interface())
	buf.Write(b)
	return err
}

func writeString(buf *bytes.Buffer, s string) error {
	b, err := json.Marshal(s)
	buf.Write(b)
	return err
}

// Unmarshal reads b in the JSON form into v, a pointer to a struct
// (usually the plain copy of a domain type): names exactly as Marshal
// writes them, a missing name leaving the field zero; instants must be
// RFC 3339, dates exist, hours carry a unit, money is a decimal string.
// Anything else is a *FieldError with its path.
func Unmarshal(b []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &FieldError{Reason: "Unmarshal needs a non-nil pointer"}
	}
	if err := checkSingle(b); err != nil {
		return &FieldError{Reason: err.Error()}
	}
	return decode(json.RawMessage(b), rv.Elem(), "", true)
}

// UnmarshalLegacy reads what encoding/json wrote for v's type before it
// had a JSON form of its own: Go field names (in any letter case, as
// encoding/json matched them), durations as nanoseconds, decimals as
// strings or numbers. Nested values are read the same way, not through
// their new UnmarshalJSON; text forms (enumerations, periods) are read as
// before. A storage adapter's migration uses it to rewrite old documents.
func UnmarshalLegacy(b []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &FieldError{Reason: "UnmarshalLegacy needs a non-nil pointer"}
	}
	return decodeLegacy(json.RawMessage(b), rv.Elem(), "")
}

func checkSingle(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("more than one JSON value")
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// leaves are the values written as strings in a form of their own.
var leaves = map[reflect.Type]func(string) (any, error){
	timeType: func(s string) (any, error) {
		at, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, fmt.Errorf("%q is not an instant in RFC 3339 with an offset", clip(s))
		}
		return at, nil
	},
	durationType: func(s string) (any, error) { return ParseHours(s) },
	dateType:     func(s string) (any, error) { return ParseDate(s) },
	decimalType:  func(s string) (any, error) { return ParseMoney(s) },
}

func decode(raw json.RawMessage, v reflect.Value, path string, top bool) error {
	fail := func(format string, args ...any) error {
		return &FieldError{Path: path, Reason: fmt.Sprintf(format, args...)}
	}
	t := v.Type()
	if isNull(raw) {
		v.SetZero()
		return nil
	}
	str := func() (string, error) {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fail("is not a JSON string")
		}
		return s, nil
	}
	if parse, ok := leaves[t]; ok {
		s, err := str()
		if err != nil {
			return err
		}
		x, perr := parse(s)
		if perr != nil {
			return fail("%v", perr)
		}
		v.Set(reflect.ValueOf(x).Convert(t))
		return nil
	}
	if !top && reflect.PointerTo(t).Implements(unmarshalerT) {
		p := reflect.New(t)
		if err := p.Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
			return prefix(path, err)
		}
		v.Set(p.Elem())
		return nil
	}
	if reflect.PointerTo(t).Implements(textUnmarshT) {
		s, err := str()
		if err != nil {
			return err
		}
		p := reflect.New(t)
		if err := p.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			return fail("%v", err)
		}
		v.Set(p.Elem())
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := decode(raw, p.Elem(), path, false); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
			return fail("is not a JSON object")
		}
		fields := map[string]int{}
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				fields[Name(t.Field(i).Name)] = i
			}
		}
		out := reflect.New(t).Elem()
		for name, fr := range obj {
			i, ok := fields[name]
			if !ok {
				return &FieldError{Path: join(path, name), Reason: "is not a name of this value"}
			}
			if err := decode(fr, out.Field(i), join(path, name), false); err != nil {
				return err
			}
		}
		v.Set(out)
		return nil
	case reflect.Slice:
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return fail("is not a JSON array")
		}
		out := reflect.MakeSlice(t, len(items), len(items))
		for i, it := range items {
			if err := decode(it, out.Index(i), fmt.Sprintf("%s[%d]", path, i), false); err != nil {
				return err
			}
		}
		if len(items) == 0 {
			out = reflect.Zero(t)
		}
		v.Set(out)
		return nil
	}
	// Maps, strings, numbers and booleans: encoding/json, which refuses a
	// string for a number and a fraction for an integer.
	p := reflect.New(t)
	if err := json.Unmarshal(raw, p.Interface()); err != nil {
		return fail("%v", err)
	}
	v.Set(p.Elem())
	return nil
}

func decodeLegacy(raw json.RawMessage, v reflect.Value, path string) error {
	fail := func(format string, args ...any) error {
		return &FieldError{Path: path, Reason: fmt.Sprintf(format, args...)}
	}
	t := v.Type()
	if isNull(raw) {
		v.SetZero()
		return nil
	}
	switch t {
	case timeType, dateType, decimalType:
		// Their own encodings, unchanged since: RFC 3339, YYYY-MM-DD, a
		// decimal string (or number).
		p := reflect.New(t)
		if err := json.Unmarshal(raw, p.Interface()); err != nil {
			return fail("%v", err)
		}
		v.Set(p.Elem())
		return nil
	case durationType:
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			return fail("%s is not a number of nanoseconds", clip(string(raw)))
		}
		v.SetInt(n)
		return nil
	}
	if reflect.PointerTo(t).Implements(textUnmarshT) {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return fail("is not a JSON string")
		}
		p := reflect.New(t)
		if err := p.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			return fail("%v", err)
		}
		v.Set(p.Elem())
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := decodeLegacy(raw, p.Elem(), path); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
			return fail("is not a JSON object")
		}
		out := reflect.New(t).Elem()
	names:
		for name, fr := range obj {
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() && strings.EqualFold(f.Name, name) {
					if err := decodeLegacy(fr, out.Field(i), join(path, f.Name)); err != nil {
						return err
					}
					continue names
				}
			}
			return &FieldError{Path: join(path, name), Reason: "is not a name of this value"}
		}
		v.Set(out)
		return nil
	case reflect.Slice:
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return fail("is not a JSON array")
		}
		if len(items) == 0 {
			v.SetZero()
			return nil
		}
		out := reflect.MakeSlice(t, len(items), len(items))
		for i, it := range items {
			if err := decodeLegacy(it, out.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		v.Set(out)
		return nil
	}
	p := reflect.New(t)
	if err := json.Unmarshal(raw, p.Interface()); err != nil {
		return fail("%v", err)
	}
	v.Set(p.Elem())
	return nil
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// prefix puts path before the path of a nested value's *FieldError.
func prefix(path string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		return &FieldError{Path: join(path, fe.Path), Reason: fe.Reason}
	}
	var ve *validation.Error
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		return &FieldError{Path: join(path, ve.Problems[0].Field), Reason: ve.Problems[0].Reason}
	}
	return &FieldError{Path: path, Reason: err.Error()}
}

// Refusal turns an error of Unmarshal into the *validation.Error of
// domain, naming the path of the refused field (what, when the error names
// none).
func Refusal(domain, what string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		field := fe.Path
		if field == "" {
			field = what
		}
		return validation.New(domain, field, fe.Reason)
	}
	return validation.New(domain, what, err.Error())
}

// MarshalLegacy writes v as encoding/json wrote it before deskcore's values
// had a JSON form: every exported field under its Go name, durations as
// nanoseconds, nil slices as null, text forms and the date, decimal and
// time types as they encode themselves. It is the inverse of
// UnmarshalLegacy, for tests of the migrations that rewrite old documents.
func MarshalLegacy(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := encodeLegacy(&buf, reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func encodeLegacy(buf *bytes.Buffer, v reflect.Value) error {
	if !v.IsValid() {
		buf.WriteString("null")
		return nil
	}
	t := v.Type()
	switch {
	case t == timeType || t == dateType || t == decimalType:
		b, err := json.Marshal(v.Interface())
		buf.Write(b)
		return err
	case t == durationType:
		buf.WriteString(strconv.FormatInt(v.Int(), 10))
		return nil
	case t.Implements(textMarshalT):
		b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return err
		}
		return writeString(buf, string(b))
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		return encodeLegacy(buf, v.Elem())
	case reflect.Struct:
		buf.WriteByte('{')
		first := true
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			if !first {
				buf.WriteByte(',')
			}
			first = false
			_ = writeString(buf, t.Field(i).Name)
			buf.WriteByte(':')
			if err := encodeLegacy(buf, v.Field(i)); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
		return nil
	case reflect.Slice:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		buf.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := encodeLegacy(buf, v.Index(i)); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
		return nil
	}
	b, err := json.Marshal(v.Interface())
	buf.Write(b)
	return err
}

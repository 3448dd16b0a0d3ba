package enum

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/deskcore/deskcore/validation"
)

// Set is the text form of one enumeration type T.
type Set[T comparable] struct {
	domain    string // the package, for errors: "quota"
	typ       string // the Go type's name, the Field of errors: "Kind"
	values    []T    // the declared values, in order
	names     []string
	emptyZero bool
	// raw is the value as its underlying type, without its String method
	// (which calls back here): "9" or "blue".
	raw    func(T) string
	quoted bool // String quotes an undeclared value (string enumerations)
}

// Ints declares an integer enumeration: names[v] is the name of value v,
// and "" marks a value that is not declared (usually the zero value). The
// names must be lowercase; a mistake there is the package's own and
// panics when the package is initialised, never on input.
func Ints[T ~uint8](domain, typ string, names ...string) Set[T] {
	s := Set[T]{domain: domain, typ: typ, raw: func(v T) string { return strconv.Itoa(int(v)) }}
	for i, n := range names {
		if n == "" {
			continue
		}
		s.values = append(s.values, T(i))
		s.names = append(s.names, n)
	}
	s.check()
	return s
}

// Strings declares a string enumeration: each value is its own name and
// must be lowercase.
func Strings[T ~string](domain, typ string, values ...T) Set[T] {
	s := Set[T]{domain: domain, typ: typ, values: values, quoted: true, raw: func(v T) string { return string(v) }}
	for _, v := range values {
		s.names = append(s.names, string(v))
	}
	s.check()
	return s
}

func (s Set[T]) check() {
	for _, n := range s.names {
		if n != strings.ToLower(n) || strings.TrimSpace(n) != n {
			panic("enum: " + s.domain + "." + s.typ + ": name " + strconv.Quote(n) + " is not lowercase and trimmed")
		}
	}
}

// EmptyZero returns s with the zero value of T declared as the empty text:
// MarshalText writes "" for it and "" parses to it. For fields a record
// may leave unset.
func (s Set[T]) EmptyZero() Set[T] {
	s.emptyZero = true
	return s
}

func (s Set[T]) index(v T) int {
	for i, d := range s.values {
		if d == v {
			return i
		}
	}
	return -1
}

// Valid reports whether v is a declared value. The zero value of an
// EmptyZero set is not: it is "unset", valid only where a field is
// optional.
func (s Set[T]) Valid(v T) bool { return s.index(v) >= 0 }

// Values returns the declared values in order.
func (s Set[T]) Values() []T { return append([]T(nil), s.values...) }

// String returns the name of v, or a form that says it is not declared:
// "Kind(9)" for an integer, the quoted text for a string.
func (s Set[T]) String(v T) string {
	if i := s.index(v); i >= 0 {
		return s.names[i]
	}
	var zero T
	if s.emptyZero && v == zero {
		return ""
	}
	if s.quoted {
		return strconv.Quote(s.raw(v))
	}
	return s.typ + "(" + s.raw(v) + ")"
}

// Marshal is MarshalText: the name of v, or a *validation.Error for a
// value that is not declared.
func (s Set[T]) Marshal(v T) ([]byte, error) {
	if i := s.index(v); i >= 0 {
		return []byte(s.names[i]), nil
	}
	var zero T
	if s.emptyZero && v == zero {
		return []byte{}, nil
	}
	if s.quoted {
		return nil, validation.New(s.domain, s.typ, fmt.Sprintf("%q is not one of %s", clip(s.raw(v)), s.list()))
	}
	return nil, validation.New(s.domain, s.typ, s.raw(v)+" is not a declared value")
}

// Parse is ParseX: the value named text in any ASCII letter case, or a
// *validation.Error.
func (s Set[T]) Parse(text string) (T, error) {
	for i, n := range s.names {
		if equalFoldASCII(n, text) {
			return s.values[i], nil
		}
	}
	var zero T
	if s.emptyZero && text == "" {
		return zero, nil
	}
	return zero, validation.New(s.domain, s.typ, fmt.Sprintf("%q is not one of %s", clip(text), s.list()))
}

// Unmarshal is UnmarshalText: *dst is set only when b names a value.
func (s Set[T]) Unmarshal(dst *T, b []byte) error {
	v, err := s.Parse(string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

func (s Set[T]) list() string { return strings.Join(s.names, ", ") }

// equalFoldASCII reports whether name (lowercase) and text are equal when
// ASCII letters are compared without case. Other runes must match
// exactly: Unicode folding would let "ſ" stand for "s" or the Kelvin sign
// for "k".
func equalFoldASCII(name, text string) bool {
	if len(name) != len(text) {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := text[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

// Fold returns text with its ASCII capitals made lowercase and every other
// byte as it was: how a parser of a structured text form ("cap=20h
// keep=3", "15m up per=entry") reads its keywords by the same rule as the
// names of an enumeration.
func Fold(text string) string {
	for i := 0; i < len(text); i++ {
		if c := text[i]; 'A' <= c && c <= 'Z' {
			b := []byte(text)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return text
}

// clip shortens text for an error message, so a megabyte of input does not
// come back in the error.
func clip(text string) string {
	const max = 40
	if len(text) <= max {
		return text
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "..."
}

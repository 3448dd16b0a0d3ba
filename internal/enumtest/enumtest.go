package enumtest

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/deskcore/deskcore/validation"
)

// Text is what Check needs of an enumeration type T.
type Text[T any] interface {
	*T
	encoding.TextUnmarshaler
}

// Case is the check of one enumeration type, a row of Run's table.
type Case struct {
	name  string
	check func(t *testing.T, unknown []string)
}

// Of makes the Case of enumeration T for Run: texts[i] is the text of
// values[i]; undeclared are values that must not marshal.
func Of[T interface {
	comparable
	encoding.TextMarshaler
}, P Text[T]](values []T, texts []string, undeclared ...T) Case {
	var zero T
	return Case{name: fmt.Sprintf("%T", zero), check: func(t *testing.T, unknown []string) {
		Check[T, P](t, values, texts, unknown, undeclared...)
	}}
}

// Run checks every case, each as a subtest named after its type, with
// the unknown texts every enumeration must refuse besides its own
// near-misses (its first name with an "s", its last with a space).
func Run(t *testing.T, unknown []string, cases ...Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.check(t, unknown) })
	}
}

// Check runs the round trip of every value with its text (texts[i] is
// the text of values[i]), and refuses the given unknown texts and the
// undeclared values. An empty text in texts declares an optional zero
// value (the empty text reads as it).
func Check[T interface {
	comparable
	encoding.TextMarshaler
}, P Text[T]](t *testing.T, values []T, texts []string, unknown []string, undeclared ...T) {
	t.Helper()
	if len(values) != len(texts) || len(values) == 0 {
		t.Fatalf("%d values but %d texts", len(values), len(texts))
	}
	unknown = append(unknown[:len(unknown):len(unknown)], texts[0]+"s", texts[len(texts)-1]+" ")
	for i, v := range values {
		want := texts[i]
		t.Run("round_trip_"+want, func(t *testing.T) {
			b, err := v.MarshalText()
			if err != nil || string(b) != want {
				t.Fatalf("MarshalText(%v) = %q, %v; want %q", v, b, err, want)
			}
			if want != strings.ToLower(want) {
				t.Errorf("text %q is not lowercase", want)
			}
			for _, in := range []string{want, strings.ToUpper(want), strings.ToUpper(want[:min(1, len(want))]) + want[min(1, len(want)):]} {
				var got T
				if err := P(&got).UnmarshalText([]byte(in)); err != nil || got != v {
					t.Errorf("UnmarshalText(%q) = %v, %v; want %v", in, got, err, v)
				}
			}
			type record struct{ V T }
			j, err := json.Marshal(record{v})
			if err != nil {
				t.Fatalf("json: %v", err)
			}
			var back record
			if err := json.Unmarshal(j, &back); err != nil || back.V != v {
				t.Errorf("JSON %s reads back as %v, %v", j, back.V, err)
			}
		})
	}
	for _, text := range unknown {
		t.Run("refuses_text_"+text, func(t *testing.T) {
			got := values[len(values)-1]
			err := P(&got).UnmarshalText([]byte(text))
			var ve *validation.Error
			if !errors.As(err, &ve) || !errors.Is(err, validation.ErrInvalid) {
				t.Fatalf("UnmarshalText(%q) error %v, want a *ValidationError", text, err)
			}
			if got != values[len(values)-1] {
				t.Errorf("UnmarshalText(%q) changed its destination to %v on error", text, got)
			}
		})
	}
	for _, v := range undeclared {
		if _, err := v.MarshalText(); !errors.Is(err, validation.ErrInvalid) {
			t.Errorf("MarshalText of the undeclared %v: error %v, want a *ValidationError", v, err)
		}
	}
}

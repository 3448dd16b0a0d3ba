package jsonformtest

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/deskcore/deskcore/validation"
)

// sameInstants compares instants by the moment, whatever their zone: the
// form keeps the offset, not the *time.Location.
var sameInstants = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

// RoundTrip writes v with encoding/json, checks that the text holds each
// of parts, and reads it back into a fresh value of v's type, which must
// equal v (instants by the moment). It returns the text written.
func RoundTrip[T any](t testing.TB, v T, parts ...string) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T does not write: %v", v, err)
	}
	for _, part := range parts {
		if !strings.Contains(string(b), part) {
			t.Errorf("%s\ndoes not contain\n%s", b, part)
		}
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s does not read back: %v", b, err)
	}
	if diff := cmp.Diff(v, back, sameInstants); diff != "" {
		t.Errorf("%s (-written +read back):\n%s", b, diff)
	}
	return b
}

// Refuses checks, as the subtest name, that good reads into the value
// into points to, and that good with from replaced by to is then refused
// with a *validation.Error (matching validation.ErrInvalid) whose only
// field is field, leaving the value as good made it.
func Refuses(t *testing.T, name, good, from, to, field string, into any) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		if err := json.Unmarshal([]byte(good), into); err != nil {
			t.Fatalf("the good text %s is refused: %v", good, err)
		}
		before := reflect.ValueOf(into).Elem().Interface()
		bad := strings.Replace(good, from, to, 1)
		if bad == good {
			t.Fatalf("%s is not in %s", from, good)
		}
		err := json.Unmarshal([]byte(bad), into)
		var ve *validation.Error
		if !errors.As(err, &ve) || !errors.Is(err, validation.ErrInvalid) {
			t.Fatalf("%s: got %T %v, want a *validation.Error", bad, err, err)
		}
		if got := ve.Fields(); !slices.Equal(got, []string{field}) {
			t.Errorf("%s: refused fields %q, want [%q] (%v)", bad, got, field, err)
		}
		if after := reflect.ValueOf(into).Elem().Interface(); !reflect.DeepEqual(before, after) {
			t.Errorf("%s: a refused value changes nothing, but %+v became %+v", bad, before, after)
		}
	})
}

package dunning

import (
	"fmt"
	"strings"
)

// The small enums of dunning and disputes (CustomerType, DisputeState,
// ...) are stored by hosts, so each has a text form. They share these three
// helpers: names[i] is the text of the value i. names[0] may be "": the
// zero value means "none" (no state yet, no type given), and is written
// and read as the empty text, so a case with such fields (the From of an
// event that opened a dispute) survives a JSON round trip; validation,
// not the text form, refuses it where it is not allowed.

func dunningEnumString[T ~uint8](names []string, v T, typ string) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, uint8(v))
}

func dunningEnumMarshal[T ~uint8](names []string, v T, typ string) ([]byte, error) {
	if int(v) < len(names) && (v == 0 || names[v] != "") {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("dunning: %s(%d) has no text form: %w", typ, uint8(v), ErrInvalid)
}

func dunningEnumUnmarshal[T ~uint8](names []string, b []byte, v *T, typ string) error {
	for i, n := range names {
		if (i == 0 || n != "") && strings.EqualFold(n, string(b)) {
			*v = T(i)
			return nil
		}
	}
	var ps problems
	ps.add(typ, "%q is not one of %s", b, strings.Join(dunningNonEmpty(names), ", "))
	return ps.err()
}

func dunningNonEmpty(names []string) []string {
	var out []string
	for _, n := range names {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

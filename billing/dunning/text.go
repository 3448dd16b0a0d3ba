package dunning

import "github.com/deskcore/deskcore/internal/enum"

// The small enums of dunning and disputes (CustomerType, DisputeState,
// ...) are stored by hosts, so each has a text form, by the one rule of
// every deskcore enumeration (lowercase names, read in any letter case).
// names[i] is the text of the value i. names[0] may be "": the zero value
// means "none" (no state yet, no type given), and is written and read as
// the empty text, so a case with such fields (the From of an event that
// opened a dispute) survives a JSON round trip; validation, not the text
// form, refuses it where it is not allowed.

func dunningEnum[T ~uint8](names []string, typ string) enum.Set[T] {
	set := enum.Ints[T]("dunning", typ, names...)
	if names[0] == "" {
		set = set.EmptyZero()
	}
	return set
}

func dunningEnumString[T ~uint8](names []string, v T, typ string) string {
	return dunningEnum[T](names, typ).String(v)
}

func dunningEnumMarshal[T ~uint8](names []string, v T, typ string) ([]byte, error) {
	return dunningEnum[T](names, typ).Marshal(v)
}

func dunningEnumUnmarshal[T ~uint8](names []string, b []byte, v *T, typ string) error {
	return dunningEnum[T](names, typ).Unmarshal(v, b)
}

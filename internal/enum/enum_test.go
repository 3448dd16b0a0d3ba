package enum

import (
	"errors"
	"strings"
	"testing"

	"github.com/deskcore/deskcore/validation"
)

type level uint8

type colour string

// String calls back into the set, as every enumeration's String does.
func (l level) String() string { return levels.String(l) }

func (c colour) String() string { return colours.String(c) }

var (
	levels   = Ints[level]("test", "Level", "", "low", "partly upheld", "high")
	optional = Ints[level]("test", "Level", "", "low").EmptyZero()
	colours  = Strings[colour]("test", "Colour", "red", "in-use")
)

func TestIntsRoundTripAndCase(t *testing.T) {
	tests := []struct {
		text string
		want level
	}{
		{"low", 1}, {"LOW", 1}, {"Low", 1}, {"partly upheld", 2}, {"Partly Upheld", 2}, {"high", 3},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := levels.Parse(tt.text)
			if err != nil || got != tt.want {
				t.Fatalf("Parse(%q) = %v, %v; want %v", tt.text, got, err, tt.want)
			}
			b, err := levels.Marshal(got)
			if err != nil || string(b) != strings.ToLower(tt.text) {
				t.Fatalf("Marshal(%v) = %q, %v; want the lowercase name", got, b, err)
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	for _, text := range []string{"", " low", "low ", "1", "lowe", "hıgh", "ſtop", "partly-upheld", strings.Repeat("x", 1<<16)} {
		t.Run("parse_"+clip(text), func(t *testing.T) {
			dst := level(3)
			err := levels.Unmarshal(&dst, []byte(text))
			var ve *validation.Error
			if !errors.As(err, &ve) || !errors.Is(err, validation.ErrInvalid) || ve.Domain != "test" || !ve.Has("Level") {
				t.Fatalf("Unmarshal(%q) error %v, want a validation error on Level", text, err)
			}
			if dst != 3 {
				t.Errorf("Unmarshal changed its destination to %v on error", dst)
			}
			if len(err.Error()) > 200 {
				t.Errorf("error repeats the whole input: %d bytes", len(err.Error()))
			}
		})
	}
	for _, v := range []level{0, 4, 255} {
		if _, err := levels.Marshal(v); !errors.Is(err, validation.ErrInvalid) {
			t.Errorf("Marshal(%d) error %v, want ErrInvalid", v, err)
		}
	}
	if got := levels.String(9); got != "Level(9)" {
		t.Errorf("String(9) = %q", got)
	}
}

func TestEmptyZeroIsTheEmptyText(t *testing.T) {
	b, err := optional.Marshal(0)
	if err != nil || string(b) != "" {
		t.Fatalf("Marshal(0) = %q, %v; want the empty text", b, err)
	}
	v := level(1)
	if err := optional.Unmarshal(&v, nil); err != nil || v != 0 {
		t.Fatalf("Unmarshal(\"\") = %v, %v; want the zero value", v, err)
	}
	if optional.Valid(0) {
		t.Error("the empty zero is valid; it should be 'unset'")
	}
	if _, err := levels.Parse(""); err == nil {
		t.Error("a set without EmptyZero accepts the empty text")
	}
}

func TestStrings(t *testing.T) {
	if got, err := colours.Parse("IN-USE"); err != nil || got != "in-use" {
		t.Fatalf("Parse(IN-USE) = %q, %v", got, err)
	}
	if _, err := colours.Marshal("blue"); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("Marshal(blue) error %v, want ErrInvalid", err)
	}
	if _, err := colours.Marshal(""); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("Marshal of the zero colour error %v, want ErrInvalid", err)
	}
	if got := colours.String("blue"); got != `"blue"` {
		t.Errorf("String(blue) = %s", got)
	}
	if !colours.Valid("red") || colours.Valid("Red") {
		t.Error("Valid must accept the declared value only, exactly")
	}
}

func TestNamesMustBeLowercase(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Ints accepted the name \"Low\"")
		}
	}()
	Ints[level]("test", "Level", "", "Low")
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"low", "LOW", "partly upheld", "", "ſ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		v, err := levels.Parse(text)
		if err != nil {
			if !errors.Is(err, validation.ErrInvalid) {
				t.Fatalf("Parse(%q): error %v is not ErrInvalid", text, err)
			}
			return
		}
		b, err := levels.Marshal(v)
		if err != nil || !strings.EqualFold(string(b), text) {
			t.Fatalf("Parse(%q) = %v, which marshals to %q, %v", text, v, b, err)
		}
	})
}

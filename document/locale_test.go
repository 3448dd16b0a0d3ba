package document_test

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/document/internal/scenario"
)

func format(t *testing.T, lang document.Language) *document.Format {
	t.Helper()
	f, err := document.NewFormat(lang, "EUR")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Money, numbers, dates and hours follow each language's conventions:
// German and Dutch group with "." and separate decimals with ",", the
// euro sign after the amount in German and before it in Dutch; English
// the other way round.
func TestFormat(t *testing.T) {
	const nbsp = "\u00a0"
	amount := decimal.RequireFromString("1234.5")
	cases := []struct {
		lang                          document.Language
		money, neg, number, date, hrs string
		when                          string
	}{
		{document.German, "1.234,50" + nbsp + "€", "-1.234,50" + nbsp + "€", "1.234,5", "07.12.2026", "1:30" + nbsp + "Std.", "09.06.2026, 10:00" + nbsp + "Uhr"},
		{document.Dutch, "€" + nbsp + "1.234,50", "€" + nbsp + "-1.234,50", "1.234,5", "07-12-2026", "1:30" + nbsp + "uur", "09-06-2026 10:00"},
		{document.English, "€1,234.50", "-€1,234.50", "1,234.5", "7 Dec 2026", "1:30" + nbsp + "h", "9 Jun 2026, 10:00"},
	}
	for _, c := range cases {
		t.Run(c.lang.String(), func(t *testing.T) {
			f := format(t, c.lang)
			for _, got := range []struct{ what, got, want string }{
				{"money", f.Money(amount), c.money},
				{"negative money", f.Money(amount.Neg()), c.neg},
				{"number", f.Number(amount), c.number},
				{"date", f.Date(scenario.D(2026, 12, 7)), c.date},
				{"hours", f.Hours(90 * time.Minute), c.hrs},
				{"time", f.Time(time.Date(2026, 6, 9, 10, 0, 0, 0, time.UTC)), c.when},
			} {
				if got.got != got.want {
					t.Errorf("%s: got %q, want %q", got.what, got.got, got.want)
				}
			}
		})
	}
}

// A negative duration keeps its sign and the minutes are never rounded
// up into the hour.
func TestFormatHoursSign(t *testing.T) {
	f := format(t, document.German)
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0:00\u00a0Std."},
		{-45 * time.Minute, "\u22120:45\u00a0Std."},
		{59*time.Minute + 59*time.Second, "0:59\u00a0Std."},
		{1000 * time.Hour, "1.000:00\u00a0Std."},
	} {
		if got := f.Hours(c.d); got != c.want {
			t.Errorf("Hours(%s) = %q, want %q", c.d, got, c.want)
		}
	}
}

// A customer's preference picks the nearest of the three languages;
// anything else gets German, the provider's own.
func TestParseLanguage(t *testing.T) {
	for _, c := range []struct {
		in   string
		want document.Language
	}{
		{"de", document.German}, {"de-AT", document.German}, {"nl", document.Dutch}, {"nl-BE", document.Dutch},
		{"en", document.English}, {"en-GB", document.English}, {"fr, nl;q=0.8", document.Dutch}, {"fr", document.German},
	} {
		got, err := document.ParseLanguage(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseLanguage(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	_, err := document.ParseLanguage("not a tag!")
	var ve *document.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, document.ErrInvalid) || !ve.Has("Language") {
		t.Errorf("ParseLanguage of garbage: %v, want a *ValidationError on Language", err)
	}
}

// An unknown language or currency is a *ValidationError, not a panic.
func TestNewFormatRefusesUnknown(t *testing.T) {
	for _, c := range []struct {
		lang     document.Language
		currency string
		field    string
	}{
		{document.Language(9), "EUR", "Language"},
		{document.German, "XYZ", "Currency"},
		{document.German, "euro", "Currency"},
	} {
		_, err := document.NewFormat(c.lang, c.currency)
		var ve *document.ValidationError
		if !errors.As(err, &ve) || !ve.Has(c.field) {
			t.Errorf("NewFormat(%d, %q) = %v, want a *ValidationError on %s", c.lang, c.currency, err, c.field)
		}
	}
}

func FuzzParseLanguage(f *testing.F) {
	for _, s := range []string{"de", "nl-BE", "en-GB;q=0.9, de", "", "x-klingon", "*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := document.ParseLanguage(s)
		if err != nil {
			if !errors.Is(err, document.ErrInvalid) {
				t.Fatalf("ParseLanguage(%q): %v does not match ErrInvalid", s, err)
			}
			return
		}
		b, err := l.MarshalText()
		if err != nil {
			t.Fatalf("ParseLanguage(%q) = %d, which does not marshal: %v", s, l, err)
		}
		var back document.Language
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Fatalf("%q does not read back: %v, %v", b, back, err)
		}
	})
}

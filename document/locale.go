package document

import (
	"strconv"
	"strings"
	"time"

	"github.com/bojanz/currency"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// Language is the language a customer reads its documents in. The zero
// Language is German, the default of a German provider.
type Language uint8

// The languages every document is written in.
const (
	German  Language = iota // Deutsch
	Dutch                   // Nederlands
	English                 // English
)

var languageTags = [...]language.Tag{German: language.German, Dutch: language.Dutch, English: language.English}

var languageMatcher = language.NewMatcher(languageTags[:])

// ParseLanguage picks the document language for a customer's language
// preference, a BCP 47 tag or an Accept-Language list: "de", "de-AT",
// "nl-BE", "en-GB", "fr, nl;q=0.8". A preference none of the three
// languages matches gives German.
//
// It returns a *ValidationError for text that is not a language tag or
// list.
func ParseLanguage(s string) (Language, error) {
	tags, _, err := language.ParseAcceptLanguage(s)
	if err != nil || len(tags) == 0 {
		return German, invalid("Language", clip(s)+" is not a language tag")
	}
	_, i, conf := languageMatcher.Match(tags...)
	if conf == language.No {
		return German, nil
	}
	return Language(i), nil
}

// String returns the language's BCP 47 tag: "de", "nl" or "en".
func (l Language) String() string {
	if !l.valid() {
		return "Language(" + strconv.Itoa(int(l)) + ")"
	}
	return languageTags[l].String()
}

// MarshalText implements encoding.TextMarshaler.
func (l Language) MarshalText() ([]byte, error) {
	if !l.valid() {
		return nil, invalid("Language", strconv.Itoa(int(l))+" is not a language")
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseLanguage.
func (l *Language) UnmarshalText(b []byte) error {
	v, err := ParseLanguage(string(b))
	if err == nil {
		*l = v
	}
	return err
}

func (l Language) valid() bool { return int(l) < len(languageTags) }

// Format writes numbers, money, dates and durations the way a language's
// readers expect them: "1.234,56 €" in German, "€ 1.234,56" in Dutch and
// "€1,234.56" in English (the CLDR's patterns, through
// github.com/bojanz/currency), "07.12.2026", "07-12-2026" and
// "7 Dec 2026". Make one with NewFormat; it is safe for concurrent use.
type Format struct {
	zone     *time.Location // nil: each instant's own
	lang     Language
	currency string
	money    *currency.Formatter
	number   *currency.Formatter
}

// NewFormat returns the Format of lang for amounts in the ISO 4217
// currency code ("EUR"; empty means EUR).
//
// It returns a *ValidationError for a language that is not one of the
// three or an unknown currency code.
func NewFormat(lang Language, currencyCode string) (*Format, error) {
	if !lang.valid() {
		return nil, invalid("Language", strconv.Itoa(int(lang))+" is not a language")
	}
	if currencyCode == "" {
		currencyCode = "EUR"
	}
	if !currency.IsValid(currencyCode) {
		return nil, invalid("Currency", clip(currencyCode)+" is not an ISO 4217 currency code")
	}
	loc := currency.NewLocale(lang.String())
	f := &Format{lang: lang, currency: currencyCode, money: currency.NewFormatter(loc), number: currency.NewFormatter(loc)}
	f.number.CurrencyDisplay = currency.DisplayNone
	f.number.MinDigits = 0
	f.number.MaxDigits = 6
	return f, nil
}

// In returns a copy of f that shows instants in zone loc (Time); nil
// shows each instant in its own zone.
func (f *Format) In(loc *time.Location) *Format {
	g := *f
	g.zone = loc
	return &g
}

// Language returns the Format's language.
func (f *Format) Language() Language { return f.lang }

// Money writes an amount with its currency and two decimals:
// "1.130,50 €". An amount beyond what the currency library can read
// comes out as its plain decimal with the currency code.
func (f *Format) Money(d decimal.Decimal) string {
	a, err := currency.NewAmount(d.StringFixed(2), f.currency)
	if err != nil {
		return d.StringFixed(2) + " " + f.currency
	}
	return f.money.Format(a)
}

// Number writes a decimal number with the language's separators and as
// many decimals as it has (at most 6): "1.234,5".
func (f *Format) Number(d decimal.Decimal) string {
	a, err := currency.NewAmount(d.String(), f.currency)
	if err != nil {
		return d.String()
	}
	return f.number.Format(a)
}

// Percent writes a percentage: "19 %" in German and Dutch, "19%" in
// English.
func (f *Format) Percent(d decimal.Decimal) string {
	if f.lang == English {
		return f.Number(d) + "%"
	}
	return f.Number(d) + "\u00a0%"
}

// Int writes a whole number with the language's grouping: "1.000".
func (f *Format) Int(n int64) string { return f.Number(decimal.NewFromInt(n)) }

var monthsShort = [...][12]string{
	German:  {"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."},
	Dutch:   {"jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."},
	English: {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

var monthsLong = [...][12]string{
	German:  {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	Dutch:   {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	English: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Date writes a calendar date: "07.12.2026", "07-12-2026" or
// "7 Dec 2026". The zero date is empty.
func (f *Format) Date(d date.Date) string {
	if d == 0 {
		return ""
	}
	y, m, day := d.Date()
	return f.ymd(y, m, day)
}

func (f *Format) ymd(y int, m time.Month, day int) string {
	switch f.lang {
	case Dutch:
		return pad2(day) + "-" + pad2(int(m)) + "-" + strconv.Itoa(y)
	case English:
		return strconv.Itoa(day) + " " + monthsShort[English][m-1] + " " + strconv.Itoa(y)
	}
	return pad2(day) + "." + pad2(int(m)) + "." + strconv.Itoa(y)
}

// Month writes a month: "Juni 2026", "juni 2026", "June 2026".
func (f *Format) Month(year int, m time.Month) string {
	return monthsLong[f.lang][m-1] + " " + strconv.Itoa(year)
}

// Time writes an instant as a date and a clock time in the zone In set,
// else in the instant's own: "11.06.2026, 11:00 Uhr", "11-06-2026 11:00",
// "11 Jun 2026, 11:00". The zero time is empty.
func (f *Format) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if f.zone != nil {
		t = t.In(f.zone)
	}
	clock := pad2(t.Hour()) + ":" + pad2(t.Minute())
	d := f.ymd(t.Year(), t.Month(), t.Day())
	switch f.lang {
	case German:
		return d + ", " + clock + "\u00a0Uhr"
	case Dutch:
		return d + " " + clock
	}
	return d + ", " + clock
}

// Hours writes a duration as hours and minutes with the language's unit:
// "1:30 Std.", "1:30 uur", "1:30 h"; negative with a minus sign.
// Seconds are dropped.
func (f *Format) Hours(d time.Duration) string {
	return f.clock(d) + "\u00a0" + [...]string{German: "Std.", Dutch: "uur", English: "h"}[f.lang]
}

// SignedHours is Hours with a plus sign on a positive duration, for
// movements on an account.
func (f *Format) SignedHours(d time.Duration) string {
	if d > 0 {
		return "+" + f.Hours(d)
	}
	return f.Hours(d)
}

func (f *Format) clock(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "\u2212", -d
	}
	m := int64(d / time.Minute)
	return sign + f.Int(m/60) + ":" + pad2(int(m%60))
}

// Minutes writes a duration in whole minutes: "15 Minuten", "15 minuten",
// "15 minutes"; "1 Minute" for one.
func (f *Format) Minutes(d time.Duration) string {
	n := int64(d / time.Minute)
	unit := [...][2]string{German: {"Minute", "Minuten"}, Dutch: {"minuut", "minuten"}, English: {"minute", "minutes"}}[f.lang]
	if n == 1 {
		return "1\u00a0" + unit[0]
	}
	return f.Int(n) + "\u00a0" + unit[1]
}

func pad2(n int) string {
	if n < 10 && n >= 0 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// clip shortens s for an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return strconv.Quote(string(r[:40]) + "...")
	}
	return strconv.Quote(strings.ToValidUTF8(s, "?"))
}

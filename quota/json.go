package quota

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/internal/jsonform"
)

// The JSON form of the quota's values, which a host sends over its API and
// a storage adapter stores as documents: lowerCamel names, enumerations
// and policies in their text forms ("consumption", "cap=20h",
// "unlimited"), dates "YYYY-MM-DD", periods "YYYY-MM", hours as FormatHours
// writes them ("7h30m", "-45m"; any time.ParseDuration text is read) and
// money as decimal strings with two decimals at least ("950.00"). Reading
// refuses unknown names, a date that does not exist, hours or money that
// do not parse, and a value its Validate refuses, with a *ValidationError
// naming the field; the destination is then unchanged.

// termsJSON is Terms' JSON form.
type termsJSON struct {
	From        Period     `json:"from"`
	Hours       string     `json:"hours"`
	Price       string     `json:"price"`
	OverageRate string     `json:"overageRate"`
	Rollover    Rollover   `json:"rollover"`
	Overdraft   Overdraft  `json:"overdraft"`
	Correction  Correction `json:"correction"`
}

func (t Terms) json() termsJSON {
	return termsJSON{From: t.From, Hours: FormatHours(t.Hours), Price: jsonform.Money(t.Price),
		OverageRate: jsonform.Money(t.OverageRate), Rollover: t.Rollover, Overdraft: t.Overdraft, Correction: t.Correction}
}

func (w termsJSON) terms(field string) (Terms, error) {
	t := Terms{From: w.From, Rollover: w.Rollover, Overdraft: w.Overdraft, Correction: w.Correction}
	var err error
	if t.Hours, err = jsonHours(field+"hours", w.Hours); err != nil {
		return Terms{}, err
	}
	if t.Price, err = jsonMoney(field+"price", w.Price); err != nil {
		return Terms{}, err
	}
	if t.OverageRate, err = jsonMoney(field+"overageRate", w.OverageRate); err != nil {
		return Terms{}, err
	}
	return t, nil
}

// MarshalJSON implements json.Marshaler:
// {"from":"2026-06","hours":"10h","price":"950.00","overageRate":"95.00","rollover":"full","overdraft":"unlimited","correction":"settle"}.
func (t Terms) MarshalJSON() ([]byte, error) { return json.Marshal(t.json()) }

// UnmarshalJSON implements json.Unmarshaler with the form MarshalJSON
// writes. It returns a *ValidationError for unknown names, values that do
// not parse and terms Validate refuses.
func (t *Terms) UnmarshalJSON(b []byte) error {
	var w termsJSON
	if err := decodeJSON("Terms", b, &w); err != nil {
		return err
	}
	v, err := w.terms("")
	if err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*t = v
	return nil
}

// contractJSON is Contract's JSON form.
type contractJSON struct {
	ID         string      `json:"id"`
	CustomerID string      `json:"customerId"`
	Start      string      `json:"start"`
	End        string      `json:"end,omitempty"`
	Terms      []termsJSON `json:"terms"`
}

// MarshalJSON implements json.Marshaler:
// {"id":"K-1","customerId":"C-1","start":"2026-01-01","end":"2026-12-31","terms":[...]};
// "end" is left out for an open-ended contract.
func (c Contract) MarshalJSON() ([]byte, error) {
	w := contractJSON{ID: c.ID, CustomerID: c.CustomerID, Start: jsonform.Date(c.Start), End: jsonform.Date(c.End),
		Terms: make([]termsJSON, len(c.Terms))}
	for i, t := range c.Terms {
		w.Terms[i] = t.json()
	}
	return json.Marshal(w)
}

// UnmarshalJSON implements json.Unmarshaler with the form MarshalJSON
// writes. It returns a *ValidationError for unknown names, values that do
// not parse and a contract Validate refuses.
func (c *Contract) UnmarshalJSON(b []byte) error {
	var w contractJSON
	if err := decodeJSON("Contract", b, &w); err != nil {
		return err
	}
	v := Contract{ID: w.ID, CustomerID: w.CustomerID}
	var err error
	if v.Start, err = jsonDate("start", w.Start); err != nil {
		return err
	}
	if v.End, err = jsonDate("end", w.End); err != nil {
		return err
	}
	for i, tw := range w.Terms {
		t, err := tw.terms(fmt.Sprintf("terms[%d].", i))
		if err != nil {
			return err
		}
		v.Terms = append(v.Terms, t)
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*c = v
	return nil
}

// lotJSON is Lot's JSON form.
type lotJSON struct {
	Expires Period `json:"expires,omitzero"`
	Hours   string `json:"hours"`
}

// MarshalJSON implements json.Marshaler: {"expires":"2026-09","hours":"5h30m"};
// "expires" is left out for hours that never lapse.
func (l Lot) MarshalJSON() ([]byte, error) {
	return json.Marshal(lotJSON{Expires: l.Expires, Hours: FormatHours(l.Hours)})
}

// UnmarshalJSON implements json.Unmarshaler with the form MarshalJSON
// writes. It returns a *ValidationError for unknown names, values that do
// not parse and hours that are not positive.
func (l *Lot) UnmarshalJSON(b []byte) error {
	var w lotJSON
	if err := decodeJSON("Lot", b, &w); err != nil {
		return err
	}
	h, err := jsonHours("hours", w.Hours)
	if err != nil {
		return err
	}
	if h <= 0 || h > MaxBalance {
		return invalid("hours", "%s is not more than zero and at most %s", FormatHours(h), FormatHours(MaxBalance))
	}
	*l = Lot{Expires: w.Expires, Hours: h}
	return nil
}

// entryJSON is Entry's JSON form.
type entryJSON struct {
	ContractID string `json:"contractId"`
	Seq        int64  `json:"seq"`
	Key        string `json:"key"`
	Kind       Kind   `json:"kind"`
	Hours      string `json:"hours"`
	Period     Period `json:"period"`
	Date       string `json:"date"`
	WorkDate   string `json:"workDate"`
	Ref        string `json:"ref,omitempty"`
	Reason     string `json:"reason,omitempty"`
	By         string `json:"by,omitempty"`
	Rate       string `json:"rate,omitempty"`
	Amount     string `json:"amount,omitempty"`
}

// MarshalJSON implements json.Marshaler:
// {"contractId":"K-1","seq":3,"key":"W-1","kind":"consumption","hours":"-1h30m","period":"2026-06","date":"2026-06-08","workDate":"2026-06-08","ref":"T-1"};
// empty texts and a zero rate or amount are left out.
func (e Entry) MarshalJSON() ([]byte, error) {
	w := entryJSON{ContractID: e.ContractID, Seq: e.Seq, Key: e.Key, Kind: e.Kind, Hours: FormatHours(e.Hours),
		Period: e.Period, Date: jsonform.Date(e.Date), WorkDate: jsonform.Date(e.WorkDate), Ref: e.Ref,
		Reason: e.Reason, By: e.By}
	if !e.Rate.IsZero() {
		w.Rate = jsonform.Money(e.Rate)
	}
	if !e.Amount.IsZero() {
		w.Amount = jsonform.Money(e.Amount)
	}
	return json.Marshal(w)
}

// UnmarshalJSON implements json.Unmarshaler with the form MarshalJSON
// writes. It returns a *ValidationError for unknown names, values that do
// not parse, a missing kind or date, or a date outside the period.
func (e *Entry) UnmarshalJSON(b []byte) error {
	var w entryJSON
	if err := decodeJSON("Entry", b, &w); err != nil {
		return err
	}
	v := Entry{ContractID: w.ContractID, Seq: w.Seq, Key: w.Key, Kind: w.Kind, Period: w.Period, Ref: w.Ref,
		Reason: w.Reason, By: w.By}
	var err error
	if v.Hours, err = jsonHours("hours", w.Hours); err != nil {
		return err
	}
	if v.Date, err = jsonDate("date", w.Date); err != nil {
		return err
	}
	if v.WorkDate, err = jsonDate("workDate", w.WorkDate); err != nil {
		return err
	}
	if v.Rate, err = jsonMoney("rate", w.Rate); err != nil {
		return err
	}
	if v.Amount, err = jsonMoney("amount", w.Amount); err != nil {
		return err
	}
	switch {
	case v.Kind == 0:
		return invalid("kind", "is required")
	case v.Date == date.Zero || v.WorkDate == date.Zero:
		return invalid("date", "the date and the work date are required")
	case !v.Period.Contains(v.Date):
		return invalid("date", "%s is not in the period %s", v.Date, v.Period)
	}
	*e = v
	return nil
}

// statementJSON is Statement's JSON form.
type statementJSON struct {
	ContractID string  `json:"contractId"`
	Period     Period  `json:"period"`
	Closed     bool    `json:"closed"`
	Opening    string  `json:"opening"`
	Entries    []Entry `json:"entries"`
	Allotted   string  `json:"allotted"`
	Consumed   string  `json:"consumed"`
	Reversed   string  `json:"reversed"`
	Adjusted   string  `json:"adjusted"`
	Expired    string  `json:"expired"`
	Corrected  string  `json:"corrected"`
	Closing    string  `json:"closing"`
	RolledOver string  `json:"rolledOver"`
	Late       int     `json:"late"`
	Price      string  `json:"price"`
	Charged    string  `json:"charged"`
}

// MarshalJSON implements json.Marshaler: the statement's period, balances
// and totals as hours, its entries in their JSON form, price and charge as
// money.
func (s Statement) MarshalJSON() ([]byte, error) {
	w := statementJSON{ContractID: s.ContractID, Period: s.Period, Closed: s.Closed, Opening: FormatHours(s.Opening),
		Entries: s.Entries, Allotted: FormatHours(s.Allotted), Consumed: FormatHours(s.Consumed),
		Reversed: FormatHours(s.Reversed), Adjusted: FormatHours(s.Adjusted), Expired: FormatHours(s.Expired),
		Corrected: FormatHours(s.Corrected), Closing: FormatHours(s.Closing), RolledOver: FormatHours(s.RolledOver),
		Late: s.Late, Price: jsonform.Money(s.Price), Charged: jsonform.Money(s.Charged)}
	if w.Entries == nil {
		w.Entries = []Entry{}
	}
	return json.Marshal(w)
}

// UnmarshalJSON implements json.Unmarshaler with the form MarshalJSON
// writes. It returns a *ValidationError for unknown names and values that
// do not parse.
func (s *Statement) UnmarshalJSON(b []byte) error {
	var w statementJSON
	if err := decodeJSON("Statement", b, &w); err != nil {
		return err
	}
	v := Statement{ContractID: w.ContractID, Period: w.Period, Closed: w.Closed, Late: w.Late}
	if len(w.Entries) > 0 {
		v.Entries = w.Entries
	}
	for _, h := range []struct {
		field string
		text  string
		to    *time.Duration
	}{
		{"opening", w.Opening, &v.Opening}, {"allotted", w.Allotted, &v.Allotted}, {"consumed", w.Consumed, &v.Consumed},
		{"reversed", w.Reversed, &v.Reversed}, {"adjusted", w.Adjusted, &v.Adjusted}, {"expired", w.Expired, &v.Expired},
		{"corrected", w.Corrected, &v.Corrected}, {"closing", w.Closing, &v.Closing}, {"rolledOver", w.RolledOver, &v.RolledOver},
	} {
		d, err := jsonHours(h.field, h.text)
		if err != nil {
			return err
		}
		*h.to = d
	}
	var err error
	if v.Price, err = jsonMoney("price", w.Price); err != nil {
		return err
	}
	if v.Charged, err = jsonMoney("charged", w.Charged); err != nil {
		return err
	}
	*s = v
	return nil
}

// decodeJSON decodes b strictly into w; every refusal is a
// *ValidationError, and one from a nested value (an entry's) is kept as
// it is.
func decodeJSON(what string, b []byte, w any) error {
	if err := jsonform.Decode(b, w); err != nil {
		var ve *ValidationError
		var te *json.UnmarshalTypeError
		var un *jsonform.UnknownNameError
		switch {
		case errors.As(err, &ve):
			return ve
		case errors.As(err, &te) && te.Field != "":
			return invalid(te.Field, "is a JSON %s, not the text form", te.Value)
		case errors.As(err, &un):
			return invalid(what, "%v", err)
		}
		return invalid(what, "%v", err)
	}
	return nil
}

func jsonHours(field, s string) (time.Duration, error) {
	d, err := jsonform.ParseHours(s)
	if err != nil {
		return 0, invalid(field, "%v", err)
	}
	return d, nil
}

func jsonDate(field, s string) (date.Date, error) {
	d, err := jsonform.ParseDate(s)
	if err != nil {
		return date.Zero, invalid(field, "%v", err)
	}
	return d, nil
}

func jsonMoney(field, s string) (decimal.Decimal, error) {
	d, err := jsonform.ParseMoney(s)
	if err != nil {
		return decimal.Zero, invalid(field, "%v", err)
	}
	return d, nil
}

// accountJSON is Account's JSON form.
type accountJSON struct {
	Contract Contract `json:"contract"`
	Open     Period   `json:"open"`
	Lots     []Lot    `json:"lots"`
	Debt     string   `json:"debt"`
	Seq      int64    `json:"seq"`
	LastDate string   `json:"lastDate,omitempty"`
	Version  int64    `json:"version"`
	Pending  []Entry  `json:"pending,omitempty"`
}

// MarshalJSON implements json.Marshaler: the contract, the open period,
// the lots and the debt, the last entry's Seq and date, the store's
// version and any pending entries, each in its JSON form.
func (a Account) MarshalJSON() ([]byte, error) {
	w := accountJSON{Contract: a.Contract, Open: a.Open, Lots: a.Lots, Debt: FormatHours(a.Debt), Seq: a.Seq,
		LastDate: jsonform.Date(a.LastDate), Version: a.Version, Pending: a.Pending}
	if w.Lots == nil {
		w.Lots = []Lot{}
	}
	return json.Marshal(w)
}

// UnmarshalJSON implements json.Unmarshaler with the form MarshalJSON
// writes. It returns a *ValidationError for unknown names, values that do
// not parse, an invalid contract, and a debt below zero or beside lots.
func (a *Account) UnmarshalJSON(b []byte) error {
	var w accountJSON
	if err := decodeJSON("Account", b, &w); err != nil {
		return err
	}
	v := Account{Contract: w.Contract, Open: w.Open, Seq: w.Seq, Version: w.Version}
	if len(w.Lots) > 0 {
		v.Lots = w.Lots
	}
	if len(w.Pending) > 0 {
		v.Pending = w.Pending
	}
	var err error
	if v.Debt, err = jsonHours("debt", w.Debt); err != nil {
		return err
	}
	if v.LastDate, err = jsonDate("lastDate", w.LastDate); err != nil {
		return err
	}
	if v.Debt < 0 || (v.Debt > 0 && len(v.Lots) > 0) {
		return invalid("debt", "%s is below zero or beside unused hours", FormatHours(v.Debt))
	}
	*a = v
	return nil
}

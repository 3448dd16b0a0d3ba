package quota

import (
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/internal/enum"
)

// Entry is one movement on a contract's hour bank. The ledger is
// append-only: an entry is never edited or deleted, a mistake is reversed
// (Reversal) or adjusted (Adjustment). The balance on a day is the sum of
// the Hours of all entries dated on or before it.
type Entry struct {
	// ContractID is the contract the entry belongs to.
	ContractID string
	// Seq numbers a contract's entries 1, 2, 3, ... in booking order.
	Seq int64
	// Key is the idempotency key: the caller's for consumptions and
	// adjustments, one the ledger derives for everything else
	// ("quota:allot:2026-02", "quota:reverse:<key>"). Unique per contract;
	// at most 214 bytes.
	Key string
	// Kind says what the movement is.
	Kind Kind
	// Hours is the signed change of the balance: positive for allotments,
	// corrections and reversals of consumptions, negative for
	// consumptions and expiries, either for adjustments.
	Hours time.Duration
	// Period is the period the entry is booked in: the open period when it
	// was posted.
	Period Period
	// Date is the value date, from which the entry counts on the balance.
	// It lies in Period.
	Date date.Date
	// WorkDate is the date the posting gave (the day the work was done).
	// It equals Date except for a late entry, whose work date lies in a
	// period already closed when it was posted; Date is then the first
	// day of the open period.
	WorkDate date.Date
	// Ref is the caller's reference for a consumption (ticket, work
	// entry, service report); for a reversal the key of the reversed
	// entry; for a correction the reference of the invoice line
	// ("<contract>/2026-01/correction").
	Ref string
	// Reason explains an adjustment, a reversal or an expiry.
	Reason string
	// By names who made an adjustment or a reversal.
	By string
	// Rate is the overage rate a correction charged; zero otherwise.
	Rate decimal.Decimal
	// Amount is money for the billing side: the period's fixed price on an
	// allotment, the charge on a correction; zero otherwise.
	Amount decimal.Decimal
}

// Late reports whether the entry was posted after the period of its work
// date had closed. A statement marks such entries.
func (e Entry) Late() bool { return e.WorkDate < e.Date }

// Kind is the kind of a ledger entry. The zero Kind is not a kind.
type Kind uint8

// The kinds of entries.
const (
	KindAllotment   Kind = iota + 1 // the hours bought for a period
	KindConsumption                 // billable work booked against the quota
	KindReversal                    // undoes a consumption
	KindCorrection                  // settles a negative balance, charged at the overage rate
	KindExpiry                      // unused hours that lapsed at a close
	KindAdjustment                  // a manual change with reason and author
)

var kindText = enum.Ints[Kind]("quota", "Kind", "", "allotment", "consumption", "reversal", "correction", "expiry", "adjustment")

// String returns the kind's name, "consumption" for example, or
// "Kind(n)" for a value that is not a kind.
func (k Kind) String() string { return kindText.String(k) }

// ParseKind reads a kind's name as String writes it, in any letter case.
//
// It returns a *ValidationError for anything else.
func ParseKind(s string) (Kind, error) { return kindText.Parse(s) }

// MarshalText implements encoding.TextMarshaler; it refuses a value that
// is not a kind with a *ValidationError.
func (k Kind) MarshalText() ([]byte, error) { return kindText.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error { return kindText.Unmarshal(k, b) }

// Consumption books billable work against the quota. Non-billable work
// never becomes a Consumption: billing keeps it on the service report and
// off the quota (the service agreement: "belasten weder SAP-Abrechnungsbelege noch
// Kontingent-Verträge").
type Consumption struct {
	Key   string        // idempotency key, e.g. the billing side's work entry ID
	Date  date.Date     // the day the work was done
	Hours time.Duration // the hours to book, more than zero
	Ref   string        // optional: ticket or service report ID
}

// Validate reports a *ValidationError for an empty, unprintable or
// reserved key, a missing or out-of-range date, hours that are not
// positive or beyond MaxHours, or an over-long Ref.
func (c Consumption) Validate() error {
	return firstError(checkKey("Key", c.Key), checkDate("Date", c.Date), checkHours("Hours", c.Hours, true), checkText("Ref", c.Ref, false))
}

// matches reports whether e is what booking c made: a retry of c.
func (c Consumption) matches(e Entry) bool {
	return e.Kind == KindConsumption && e.Hours == -c.Hours && e.WorkDate == c.Date && e.Ref == c.Ref
}

// Reversal undoes a consumption: it books the consumed hours back. An
// entry is reversed at most once; reversing it again with the same
// content returns the first reversal.
type Reversal struct {
	Key    string    // the idempotency key of the consumption to reverse
	Date   date.Date // the day of the reversal
	Reason string    // required: why
	By     string    // required: who
}

// Validate reports a *ValidationError for a bad key or date, or a missing
// or over-long Reason or By.
func (r Reversal) Validate() error {
	return firstError(checkKey("Key", r.Key), checkDate("Date", r.Date), checkText("Reason", r.Reason, true), checkText("By", r.By, true))
}

func (r Reversal) matches(e Entry) bool {
	return e.Kind == KindReversal && e.Ref == r.Key && e.WorkDate == r.Date && e.Reason == r.Reason && e.By == r.By
}

// reversalKey is the key of the reversal of the entry with key k: one
// reversal per entry falls out of the keys being unique.
func reversalKey(k string) string { return reservedPrefix + "reverse:" + k }

// Adjustment is a manual change of the balance by an account manager,
// with reason and author: a goodwill credit, an hour booked outside the
// ledger. A negative adjustment is not limited by the overdraft policy: it
// is a deliberate act, not work.
type Adjustment struct {
	Key    string        // idempotency key
	Date   date.Date     // the day it applies
	Hours  time.Duration // signed, not zero, at most MaxHours either way
	Reason string        // required: why
	By     string        // required: who
}

// Validate reports a *ValidationError for a bad key or date, zero or
// oversized hours, or a missing or over-long Reason or By.
func (a Adjustment) Validate() error {
	var hours error
	switch {
	case a.Hours == 0:
		hours = invalid("Hours", "must not be 0h")
	case a.Hours < -MaxHours || a.Hours > MaxHours:
		hours = invalid("Hours", "%s is more than the %s a single amount may be either way", FormatHours(a.Hours), FormatHours(MaxHours))
	}
	return firstError(checkKey("Key", a.Key), checkDate("Date", a.Date), hours, checkText("Reason", a.Reason, true), checkText("By", a.By, true))
}

func (a Adjustment) matches(e Entry) bool {
	return e.Kind == KindAdjustment && e.Hours == a.Hours && e.WorkDate == a.Date && e.Reason == a.Reason && e.By == a.By
}

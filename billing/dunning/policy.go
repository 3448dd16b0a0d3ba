package dunning

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/sla"

	"github.com/deskcore/deskcore/internal/enum"
)

// Policy is how overdue invoices are reminded: the levels in order,
// what each costs, when the debtor is in default and what interest runs,
// and how disputes are handled. It is a plain value a host may store;
// Validate (called by NewService) checks it once. GermanPolicy
// returns one with the defaults of German law for business customers.
//
// The zero value of each field but Levels and Calendar has a stated
// meaning: no grace days, any positive amount is reminded, 14 days to pay,
// deadlines on any day, a payment restarts the wait, default after the
// first reminder or 30 days (BGB § 286), no interest, no flat fee.
type Policy struct {
	// Levels are the notices in order: payment reminder, first and second
	// dunning notice, final notice, hand-over to collection. At least one.
	Levels []Level

	// Calendar counts business days for levels that wait in business
	// days, moves deadlines to business days (DeadlineOnBusinessDay), and
	// gives disputes their deadlines unless Dispute.Calendar is set.
	// Required.
	Calendar *sla.Calendar

	// GraceDays: an invoice counts as overdue only this many days after
	// its due date (payments by transfer take a few days to be booked).
	// No notice is issued on or before Due + GraceDays. 0 to 365.
	GraceDays int

	// MinimumOpen: no notice is issued while the amount to demand is
	// below it. Zero means any amount more than 0.
	MinimumOpen decimal.Decimal

	// PaymentDays is the payment deadline each notice sets, in calendar
	// days after its date. 0 means 14; at most 365.
	PaymentDays int

	// DeadlineOnBusinessDay moves a payment deadline that falls on a day
	// the Calendar is closed to its next business day, as BGB § 193 does
	// for Saturdays, Sundays and public holidays.
	DeadlineOnBusinessDay bool

	// KeepScheduleOnPayment: a part payment or credit does not delay the
	// next level. By default one booked after the last notice (or, before
	// the first, after the due date) stops the escalation: the next level
	// waits until PaymentDays after it, so a customer who is paying is not
	// escalated the next morning.
	KeepScheduleOnPayment bool

	// Default says when the debtor is in default (Verzug), from which
	// default interest runs and the flat fee is owed.
	Default DefaultStart

	// Interest is the default interest charged; its zero value charges
	// none.
	Interest Interest

	// FlatFee is charged once per invoice to a business debtor in default
	// (BGB § 288 (5): 40 EUR), on the first notice issued in default.
	// Zero: none. Consumers never pay it.
	FlatFee decimal.Decimal

	// CreditFeesToFlatFee credits level fees against the flat fee, as
	// BGB § 288 (5) sentence 3 credits the flat fee against damages for
	// costs of collection: a business debtor who owes the flat fee pays
	// the larger of the flat fee and the sum of the level fees, never both.
	CreditFeesToFlatFee bool

	// Dispute says how disputes are routed, timed and held.
	Dispute DisputePolicy
}

// Level is one step of the dunning ladder.
type Level struct {
	// Name is what the notice is called, e.g. "Zahlungserinnerung",
	// "1. Mahnung", "Letzte Mahnung", "Übergabe an Inkasso". Required.
	Name string
	// Days is the wait before the level falls due, counted from After's
	// anchor: calendar days, or business days on the policy's Calendar
	// when BusinessDays is set. 0 to 3650.
	Days int
	// BusinessDays counts Days as business days on the policy's Calendar.
	BusinessDays bool
	// After is the anchor Days count from. The first level always counts
	// from the due date.
	After Anchor
	// Fee is charged on the notice (0 for none), in cents.
	Fee decimal.Decimal
}

// Anchor is what a level's wait counts from.
type Anchor uint8

const (
	// AfterDueDate counts a level's days from the invoice's due
	// date: "second notice 45 days after the due date".
	AfterDueDate Anchor = iota
	// AfterPrevious counts them from the previous notice's date:
	// "14 days after the first notice".
	AfterPrevious
)

var dunningAnchorText = enum.Ints[Anchor]("dunning", "Anchor", "due date", "previous notice")

// String returns "due date" or "previous notice".
func (a Anchor) String() string {
	return dunningAnchorText.String(a)
}

// MarshalText implements encoding.TextMarshaler.
func (a Anchor) MarshalText() ([]byte, error) {
	return dunningAnchorText.Marshal(a)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Anchor) UnmarshalText(b []byte) error {
	return dunningAnchorText.Unmarshal(a, b)
}

// DefaultStart says when a debtor is in default (Verzug, BGB § 286).
type DefaultStart uint8

const (
	// DefaultOnReminder: in default from the day after the first notice
	// (§ 286 (1): a reminder after the due date), and at the latest 30 days
	// after the due date (§ 286 (3); for a consumer only if the invoice
	// said so, which the host must ensure). The cautious reading, and the
	// zero value.
	DefaultOnReminder DefaultStart = iota
	// DefaultAfterDueDate: in default from the day after the due date, as
	// when the due date is fixed by the calendar (§ 286 (2) no. 1).
	DefaultAfterDueDate
)

var defaultStartText = enum.Ints[DefaultStart]("dunning", "DefaultStart", "on reminder", "after due date")

// String returns "on reminder" or "after due date".
func (s DefaultStart) String() string {
	return defaultStartText.String(s)
}

// MarshalText implements encoding.TextMarshaler.
func (s DefaultStart) MarshalText() ([]byte, error) {
	return defaultStartText.Marshal(s)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *DefaultStart) UnmarshalText(b []byte) error {
	return defaultStartText.Unmarshal(s, b)
}

// DisputePolicy says how disputes are handled. The zero value
// of each field but FallbackContact has a stated meaning.
type DisputePolicy struct {
	// Calendar is the support calendar the deadlines run on (for
	// example Mon-Fri 09:00-17:00). nil means the Policy's Calendar.
	Calendar *sla.Calendar

	// Acknowledge and Respond are the deadlines for acknowledging and
	// answering a dispute, counted from its receipt, e.g. "1 business day"
	// and "10 business days" (their zero values) or "4h business".
	Acknowledge, Respond sla.Target

	// FallbackContact receives disputes of customers without an account
	// manager on record (for example the customer success team's
	// address). Required.
	FallbackContact string

	// HoldAll holds the dunning of the whole invoice while a dispute is
	// open. By default only the disputed part is held and the undisputed
	// remainder continues to be dunned.
	HoldAll bool

	// InterestWhileHeld lets default interest accrue on the disputed part
	// while it is held, to be claimed if the dispute is rejected. By
	// default the held part bears no interest for the time it is held.
	// (No fee ever accrues on a held part: fees are charged per notice,
	// and a held part is on no notice.)
	InterestWhileHeld bool

	// PaymentDays is the new payment deadline a decision gives for what it
	// releases back to dunning, in calendar days after the decision.
	// 0 means the Policy's PaymentDays.
	PaymentDays int

	// Recommended are the copies a complete dispute carries. nil means
	// the offer, the original invoice and the dunning notice
	// (the last only once a notice was issued).
	Recommended []DisputeAttachmentKind
}

// Defaults of the zero values.
const (
	dunningDefaultPaymentDays = 14
	dunningMaxDays            = 3650
)

var (
	disputeDefaultAcknowledge = sla.Target{Kind: sla.BusinessDays, Days: 1}
	disputeDefaultRespond     = sla.Target{Kind: sla.BusinessDays, Days: 10}
	disputeDefaultRecommended = []DisputeAttachmentKind{AttachOffer, AttachOriginalInvoice, AttachNotice}
)

// GermanPolicy returns a policy with the defaults of German law for
// business customers, documented with their source, on cal (for business
// days and § 193) with the host's table of base rates:
//
//   - default interest at the base rate plus 9 percentage points for
//     business debtors (BGB § 288 (2)) and plus 5 for consumers (§ 288
//     (1)), simple interest per day (§ 289: no interest on interest),
//     actual/365, from the first day of default;
//   - default on the first reminder or 30 days after the due date
//     (§ 286 (1) and (3));
//   - a flat fee of 40.00 EUR once per invoice for business debtors in
//     default (§ 288 (5)), with level fees credited against it (§ 288 (5)
//     sentence 3);
//   - payment deadlines of 10 days, moved off weekends and holidays
//     (§ 193).
//
// The levels are a common ladder, not law: a free payment reminder 7 days
// after the due date, then a first, second and final notice 14 days after
// the previous one at 2.50 each (a few euros of actual cost is what courts
// accept from consumers), and a hand-over to collection 14 days after the
// final notice.
//
// Disputes go to the customer's account manager, else to fallbackContact
// (the customer success team's address, say), on cal's hours with the
// zero DisputePolicy's deadlines: the policy is complete as returned, and
// Validate reports an empty or invalid fallbackContact.
func GermanPolicy(cal *sla.Calendar, rates []BaseRate, fallbackContact string) Policy {
	fee := decimal.New(250, -2)
	return Policy{
		Levels: []Level{
			{Name: "Zahlungserinnerung", Days: 7, After: AfterDueDate},
			{Name: "1. Mahnung", Days: 14, After: AfterPrevious, Fee: fee},
			{Name: "2. Mahnung", Days: 14, After: AfterPrevious, Fee: fee},
			{Name: "Letzte Mahnung", Days: 14, After: AfterPrevious, Fee: fee},
			{Name: "Übergabe an Inkasso", Days: 14, After: AfterPrevious},
		},
		Calendar:              cal,
		PaymentDays:           10,
		DeadlineOnBusinessDay: true,
		Default:               DefaultOnReminder,
		Interest: Interest{
			BaseRates:      rates,
			BusinessMargin: decimal.NewFromInt(9),
			ConsumerMargin: decimal.NewFromInt(5),
		},
		FlatFee:             decimal.NewFromInt(40),
		CreditFeesToFlatFee: true,
		Dispute:             DisputePolicy{FallbackContact: fallbackContact},
	}
}

// Validate checks the policy and lists every problem in one
// *ValidationError (matching ErrInvalid).
func (p Policy) Validate() error {
	var ps problems
	if len(p.Levels) == 0 {
		ps.add("Levels", "at least one level is required")
	}
	for i, l := range p.Levels {
		it := dunningItem{&ps, "Levels", i}
		it.text("Name", l.Name, true)
		if l.Days < 0 || l.Days > dunningMaxDays {
			it.add("Days", "%d is not 0 to %d", l.Days, dunningMaxDays)
		}
		if l.After > AfterPrevious {
			it.add("After", "%v is not a known anchor", l.After)
		}
		it.amount("Fee", l.Fee, false)
	}
	if p.Calendar == nil {
		ps.add("Calendar", "is required: levels may wait in business days and disputes run on it")
	}
	if p.GraceDays < 0 || p.GraceDays > 365 {
		ps.add("GraceDays", "%d is not 0 to 365", p.GraceDays)
	}
	dunningAmount(&ps, "MinimumOpen", p.MinimumOpen, false)
	if p.PaymentDays < 0 || p.PaymentDays > 365 {
		ps.add("PaymentDays", "%d is not 0 (meaning %d) to 365", p.PaymentDays, dunningDefaultPaymentDays)
	}
	if p.Default > DefaultAfterDueDate {
		ps.add("Default", "%v is not a known rule", p.Default)
	}
	p.Interest.validate(&ps)
	dunningAmount(&ps, "FlatFee", p.FlatFee, false)
	d := p.Dispute
	for _, t := range []struct {
		field string
		t     sla.Target
	}{{"Dispute.Acknowledge", d.Acknowledge}, {"Dispute.Respond", d.Respond}} {
		if t.t.IsZero() {
			continue
		}
		if _, err := sla.ParseTarget(t.t.String()); err != nil {
			ps.add(t.field, "%v is not a valid target", t.t)
		}
	}
	dunningText(&ps, "Dispute.FallbackContact", d.FallbackContact, true)
	if d.PaymentDays < 0 || d.PaymentDays > 365 {
		ps.add("Dispute.PaymentDays", "%d is not 0 to 365", d.PaymentDays)
	}
	for i, k := range d.Recommended {
		if k < AttachOffer || k > AttachOther {
			ps.add(fmt.Sprintf("Dispute.Recommended[%d]", i), "%v is not a known attachment kind", k)
		}
	}
	return ps.err()
}

// paymentDays is the payment term of a notice.
func (p *Policy) paymentDays() int {
	if p.PaymentDays == 0 {
		return dunningDefaultPaymentDays
	}
	return p.PaymentDays
}

// deadline is the payment deadline set on the day: days later, on a
// business day if the policy says so (BGB § 193).
func (p *Policy) deadline(on date.Date, days int) (date.Date, error) {
	d := on + date.Date(days)
	if !p.DeadlineOnBusinessDay || p.Calendar.IsBusinessDay(d) {
		return d, nil
	}
	next, err := p.Calendar.AddDays(dunningMidnight(p.Calendar, d), 1)
	if err != nil {
		return 0, fmt.Errorf("dunning: the business day after %s lies outside the calendar's years: %w", d, sla.ErrOutOfRange)
	}
	return next, nil
}

// levelDate is the date a level falls due: its wait after the anchor.
func (p *Policy) levelDate(l Level, anchor date.Date) (date.Date, error) {
	if !l.BusinessDays {
		return anchor + date.Date(l.Days), nil
	}
	d, err := p.Calendar.AddDays(dunningMidnight(p.Calendar, anchor), l.Days)
	if err != nil {
		return 0, fmt.Errorf("dunning: %d business days after %s lie outside the calendar's years: %w", l.Days, anchor, sla.ErrOutOfRange)
	}
	return d, nil
}

// disputeCalendar is the support calendar.
func (p *Policy) disputeCalendar() *sla.Calendar {
	if p.Dispute.Calendar != nil {
		return p.Dispute.Calendar
	}
	return p.Calendar
}

func (p *Policy) disputePaymentDays() int {
	if p.Dispute.PaymentDays != 0 {
		return p.Dispute.PaymentDays
	}
	return p.paymentDays()
}

func (p *Policy) recommended() []DisputeAttachmentKind {
	if p.Dispute.Recommended != nil {
		return p.Dispute.Recommended
	}
	return disputeDefaultRecommended
}

// dunningMidnight is the start of a date in the calendar's zone.
func dunningMidnight(c *sla.Calendar, d date.Date) time.Time {
	return d.MidnightIn(c.Location())
}

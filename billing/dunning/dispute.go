package dunning

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/sla"

	"github.com/deskcore/deskcore/internal/enum"
)

// DisputeState is where a dispute stands. Received and Acknowledged are
// open: the dispute holds the dunning of what it disputes. The other four
// are the outcomes; a settled dispute no longer changes. The zero value is
// no state.
type DisputeState uint8

const (
	// DisputeReceived: received and routed, not yet acknowledged.
	DisputeReceived DisputeState = iota + 1
	// DisputeAcknowledged: the account manager acknowledged it and is
	// checking the items.
	DisputeAcknowledged
	// DisputeUpheld: the customer was right; the disputed amount is
	// corrected or credited, and its fees and interest are waived.
	DisputeUpheld
	// DisputePartlyUpheld: part of the disputed amount is corrected; the
	// rest goes back to dunning with a new payment deadline.
	DisputePartlyUpheld
	// DisputeRejected: the invoice stands, for the written reasons given;
	// dunning resumes with a new payment deadline.
	DisputeRejected
	// DisputeWithdrawn: the customer withdrew it; dunning resumes with a
	// new payment deadline.
	DisputeWithdrawn
)

var disputeStateText = enum.Ints[DisputeState]("dunning", "DisputeState", "", "received", "acknowledged", "upheld", "partly upheld", "rejected", "withdrawn").EmptyZero()

// Settled reports whether s is an outcome: upheld, partly upheld,
// rejected or withdrawn.
func (s DisputeState) Settled() bool { return s >= DisputeUpheld && s <= DisputeWithdrawn }

// String returns the state's text, e.g. "partly upheld".
func (s DisputeState) String() string {
	return disputeStateText.String(s)
}

// MarshalText implements encoding.TextMarshaler.
func (s DisputeState) MarshalText() ([]byte, error) {
	return disputeStateText.Marshal(s)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *DisputeState) UnmarshalText(b []byte) error {
	return disputeStateText.Unmarshal(s, b)
}

// DisputeAttachmentKind is what a copy attached to a dispute is.
type DisputeAttachmentKind uint8

const (
	// AttachOffer: the offer (Angebot) the invoice was based on.
	AttachOffer DisputeAttachmentKind = iota + 1
	// AttachOriginalInvoice: the original invoice.
	AttachOriginalInvoice
	// AttachNotice: the reminder or dunning notice disputed.
	AttachNotice
	// AttachOther: anything else, e.g. the order or correspondence.
	AttachOther
)

var disputeAttachmentKindText = enum.Ints[DisputeAttachmentKind]("dunning", "DisputeAttachmentKind", "", "offer", "original invoice", "dunning notice", "other").EmptyZero()

// String returns the kind's text, e.g. "original invoice".
func (k DisputeAttachmentKind) String() string {
	return disputeAttachmentKindText.String(k)
}

// MarshalText implements encoding.TextMarshaler.
func (k DisputeAttachmentKind) MarshalText() ([]byte, error) {
	return disputeAttachmentKindText.Marshal(k)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *DisputeAttachmentKind) UnmarshalText(b []byte) error {
	return disputeAttachmentKindText.Unmarshal(k, b)
}

// DisputeAttachment is a reference to a copy the customer sent; the host
// keeps the file.
type DisputeAttachment struct {
	Kind DisputeAttachmentKind // what the copy is
	Ref  string                // the host's reference: a storage key, a mail attachment ID; required
	Name string                // e.g. the file name; optional
}

// DisputedLine is one invoice line the customer finds unclear or wrong.
type DisputedLine struct {
	Line   string          // the line's position or reference on the invoice, e.g. "3"; required
	Amount decimal.Decimal // the line's amount disputed, more than 0, in cents
	Reason string          // what is unclear or wrong about it; optional beside the Description
}

// DisputeRequest is a customer's dispute as received: the
// invoice number, a description of the unclear or wrong items, what is
// disputed (the whole invoice, some lines, or an amount) and the copies
// attached.
type DisputeRequest struct {
	Invoice    string    // the invoice number; required
	ReceivedAt time.Time // when it arrived; required
	By         string    // who raised it: the host's contact ID or address; required
	// Notice is the notice disputed (Notice.No), or 0 when the
	// customer disputes the invoice itself.
	Notice      int
	Description string // the unclear or wrong items, in the customer's words; required

	// What is disputed: exactly one of All, Lines or Amount.
	All    bool            // the whole open amount
	Lines  []DisputedLine  // these lines, for the sum of their amounts
	Amount decimal.Decimal // this amount, in cents

	Attachments []DisputeAttachment // the copies sent with it

	// Key makes opening idempotent: the customer's e-mail Message-ID or
	// the portal's submission ID. Opening again with a key already on the
	// case returns the dispute opened first and records nothing; the same
	// key with other content is a conflict. Empty means no such check.
	Key string
}

// Dispute is a customer's dispute of an invoice or a notice, from receipt
// to its outcome.
type Dispute struct {
	No          int             // 1, 2, ... per invoice
	Key         string          // the request's idempotency key, if any
	Invoice     string          // the invoice number
	Notice      int             // the notice disputed, 0 for the invoice itself
	ReceivedAt  time.Time       // when it arrived
	ReceivedOn  date.Date       // ReceivedAt's date on the support calendar
	By          string          // who raised it
	Description string          // the unclear or wrong items, in the customer's words
	All         bool            // the whole open amount is disputed
	Lines       []DisputedLine  // the lines disputed, if any
	Disputed    decimal.Decimal // what the customer disputes: the lines' sum, the Amount, or all that was open
	Held        decimal.Decimal // what the dispute holds: Disputed, at most what was open on receipt
	// NoticesBefore is how many notices had been issued when it was
	// received: the ones whose fees an upheld dispute waives in part.
	NoticesBefore int

	Attachments []DisputeAttachment // the copies received, first and later ones
	// Missing lists the recommended copies (DisputePolicy.Recommended)
	// not attached: the dispute is accepted but incomplete until they are.
	Missing []DisputeAttachmentKind

	AssignedTo string // the account manager, or the fallback contact
	Fallback   bool   // routed to DisputePolicy.FallbackContact: no account manager on record

	AcknowledgeBy  time.Time // the acknowledgement deadline on the support calendar
	RespondBy      time.Time // the response deadline on the support calendar
	AcknowledgedAt time.Time // zero until acknowledged (a decision acknowledges too)

	// Checklist compares the items against offer and order:
	// one check per disputed line (or "all items") and source, pending
	// until recorded.
	Checklist []DisputeCheck

	State     DisputeState // received, acknowledged, or the outcome
	DecidedAt time.Time    // when it was settled; zero while open
	DecidedOn date.Date    // DecidedAt's date on the support calendar
	DecidedBy string       // who settled it
	Reasons   string       // the written reasons of the decision

	Corrected   decimal.Decimal // corrected or credited by the decision
	Released    decimal.Decimal // held, not corrected: back to dunning
	NewDeadline date.Date       // the payment deadline for Released; zero if nothing was released
	// WaivedFees and WaivedInterest are the fees and default interest on
	// the corrected part that the decision waived, to its date.
	WaivedFees     decimal.Decimal // fees waived on the notices before the dispute
	WaivedInterest decimal.Decimal // default interest waived to the decision's day
}

// opened reports whether r is the request x was opened from, for
// idempotent retries.
func (x Dispute) opened(r DisputeRequest) bool {
	return x.Invoice == r.Invoice && x.Notice == r.Notice && x.ReceivedAt.Equal(r.ReceivedAt) &&
		x.By == r.By && x.Description == r.Description && x.All == r.All &&
		slices.EqualFunc(x.Lines, r.Lines, func(a, b DisputedLine) bool {
			return a.Line == b.Line && a.Amount.Equal(b.Amount) && a.Reason == b.Reason
		}) &&
		(r.All || len(r.Lines) > 0 || x.Disputed.Equal(r.Amount))
}

// Ref returns the dispute's reference, "<invoice>/D<no>", e.g. "RE-7/D1".
func (x Dispute) Ref() string { return fmt.Sprintf("%s/D%d", x.Invoice, x.No) }

// Incomplete reports whether recommended copies are missing.
func (x Dispute) Incomplete() bool { return len(x.Missing) > 0 }

// AcknowledgedLate reports whether the acknowledgement came after its
// deadline, or has not come by now and the deadline has passed.
func (x Dispute) AcknowledgedLate(now time.Time) bool {
	if x.AcknowledgedAt.IsZero() {
		return now.After(x.AcknowledgeBy)
	}
	return x.AcknowledgedAt.After(x.AcknowledgeBy)
}

// RespondedLate reports whether the decision came after the response
// deadline, or has not come by now and the deadline has passed.
func (x Dispute) RespondedLate(now time.Time) bool {
	if x.DecidedAt.IsZero() {
		return now.After(x.RespondBy)
	}
	return x.DecidedAt.After(x.RespondBy)
}

func (x Dispute) clone() Dispute {
	x.Lines = slices.Clone(x.Lines)
	x.Attachments = slices.Clone(x.Attachments)
	x.Missing = slices.Clone(x.Missing)
	x.Checklist = slices.Clone(x.Checklist)
	return x
}

// holdsOn reports whether the dispute holds its amount on the day:
// received by then and not decided before it.
func (x *Dispute) holdsOn(d date.Date) bool {
	return x.ReceivedOn <= d && (!x.State.Settled() || d < x.DecidedOn)
}

// decidedBy reports whether the dispute was settled on or before the day.
func (x *Dispute) decidedBy(d date.Date) bool { return x.State.Settled() && x.DecidedOn <= d }

// correctionDue is the part of the correction not yet credited by the
// host on the day (credits linked to the dispute).
func (x *Dispute) correctionDue(inv *OpenInvoice, d date.Date) decimal.Decimal {
	due := x.Corrected
	if due.Sign() <= 0 {
		return decimal.Zero
	}
	for _, p := range inv.Payments {
		if p.Credit && p.Dispute == x.No && p.Date <= d {
			due = due.Sub(p.Amount)
		}
	}
	return decimal.Max(due, decimal.Zero)
}

// DisputeStep is who did a step on a dispute, when, and a note on it.
type DisputeStep struct {
	At   time.Time // required, not before the dispute was received
	By   string    // the host's user or contact ID; required
	Note string    // optional
}

func (s DisputeStep) validate(ps *problems, x *Dispute) {
	if s.At.IsZero() {
		ps.add("At", "is required")
	} else if x != nil && s.At.Before(x.ReceivedAt) {
		ps.add("At", "%s is before the dispute was received, %s", s.At.Format(time.RFC3339), x.ReceivedAt.Format(time.RFC3339))
	}
	dunningText(ps, "By", s.By, true)
	dunningText(ps, "Note", s.Note, false)
}

// Validate checks the request on its own and lists every problem in one
// *ValidationError (matching ErrInvalid). OpenDispute checks it against
// the case as well.
func (r DisputeRequest) Validate() error {
	var ps problems
	r.validate(&ps)
	return ps.err()
}

func (r DisputeRequest) validate(ps *problems) {
	dunningText(ps, "Invoice", r.Invoice, true)
	if r.ReceivedAt.IsZero() {
		ps.add("ReceivedAt", "is required")
	}
	dunningText(ps, "By", r.By, true)
	if r.Notice < 0 {
		ps.add("Notice", "%d is negative", r.Notice)
	}
	dunningText(ps, "Description", r.Description, true)
	hasAmount := !r.Amount.IsZero()
	switch {
	case r.All && (len(r.Lines) > 0 || hasAmount):
		ps.add("All", "disputes the whole open amount: leave Lines and Amount empty")
	case !r.All && len(r.Lines) == 0 && !hasAmount:
		ps.add("All", "say what is disputed: All, Lines or Amount")
	case len(r.Lines) > 0 && hasAmount:
		ps.add("Amount", "give the lines' amounts or an Amount, not both")
	case hasAmount:
		dunningAmount(ps, "Amount", r.Amount, true)
	}
	for i, l := range r.Lines {
		it := dunningItem{ps, "Lines", i}
		it.text("Line", l.Line, true)
		if slices.ContainsFunc(r.Lines[:i], func(o DisputedLine) bool { return o.Line == l.Line }) {
			it.add("Line", "%q is listed twice", l.Line)
		}
		it.amount("Amount", l.Amount, true)
		it.text("Reason", l.Reason, false)
	}
	disputeAttachments(ps, "Attachments", r.Attachments)
}

func disputeAttachments(ps *problems, field string, atts []DisputeAttachment) {
	for i, a := range atts {
		it := dunningItem{ps, field, i}
		if a.Kind < AttachOffer || a.Kind > AttachOther {
			it.add("Kind", "%v is not offer, original invoice, dunning notice or other", a.Kind)
		}
		it.text("Ref", a.Ref, true)
		it.text("Name", a.Name, false)
	}
}

// OpenDispute records a customer's dispute and returns it. From its
// receipt it holds the dunning of what it disputes (the lines' sum, the
// amount, or all that is open; at most what is open). It is accepted
// even when recommended copies are missing, and then marked incomplete
// with what is missing. It goes to the invoice's account manager, else
// to the fallback contact, with acknowledgement and response deadlines
// on the support calendar, and with a checklist comparing each disputed
// line against offer and order.
//
// It returns a *ValidationError for an invalid request (every problem at
// once; also a request for another invoice or an unknown notice, or one
// that disputes more than the invoice's amount), a
// *DisputeInvoiceError matching ErrInvoiceSettled when nothing was open
// on the day of receipt, an error matching ErrConflict when r.Key opened
// a different dispute before, and an error matching sla.ErrOutOfRange
// when a deadline falls outside the calendar's years. The policy is not
// validated here.
func (c *Case) OpenDispute(p Policy, r DisputeRequest) (Dispute, error) {
	if c == nil {
		return Dispute{}, errNilCase()
	}
	if r.Key != "" {
		for _, x := range c.Disputes {
			if x.Key != r.Key {
				continue
			}
			if !x.opened(r) {
				return Dispute{}, fmt.Errorf("%w: dispute key %q opened %s with other content", ErrConflict, r.Key, x.Ref())
			}
			return x.clone(), nil
		}
	}
	var ps problems
	r.validate(&ps)
	if r.Invoice != "" && r.Invoice != c.Invoice.Number {
		ps.add("Invoice", "%q is not this case's invoice %q", r.Invoice, c.Invoice.Number)
	}
	if r.Notice > len(c.Notices) {
		ps.add("Notice", "invoice %s has %d notices, not %d", c.Invoice.Number, len(c.Notices), r.Notice)
	}
	if err := ps.err(); err != nil {
		return Dispute{}, err
	}
	cal := p.disputeCalendar()
	x := Dispute{
		No: len(c.Disputes) + 1, Key: r.Key, Invoice: c.Invoice.Number, Notice: r.Notice,
		ReceivedAt: r.ReceivedAt, ReceivedOn: date.NewAt(r.ReceivedAt.In(cal.Location())),
		By: r.By, Description: r.Description, All: r.All, Lines: slices.Clone(r.Lines),
		NoticesBefore: len(c.Notices), Attachments: slices.Clone(r.Attachments), State: DisputeReceived,
		Corrected: decimal.Zero, Released: decimal.Zero, WaivedFees: decimal.Zero, WaivedInterest: decimal.Zero,
	}
	open := c.Invoice.Open(x.ReceivedOn)
	if open.Sign() <= 0 {
		return Dispute{}, &DisputeInvoiceError{Invoice: c.Invoice.Number, Open: open, Err: ErrInvoiceSettled}
	}
	switch {
	case r.All:
		x.Disputed = open
	case len(r.Lines) > 0:
		x.Disputed = decimal.Zero
		for _, l := range r.Lines {
			x.Disputed = x.Disputed.Add(l.Amount)
		}
	default:
		x.Disputed = r.Amount
	}
	if x.Disputed.GreaterThan(c.Invoice.Amount) {
		// More than was invoiced cannot be wrong on the invoice; it
		// would be upheld as a correction larger than the invoice.
		field := "Amount"
		if len(r.Lines) > 0 {
			field = "Lines"
		}
		ps.add(field, "%s disputed is more than the invoice's %s", dunningMoney(x.Disputed), dunningMoney(c.Invoice.Amount))
		return Dispute{}, ps.err()
	}
	x.Held = decimal.Min(x.Disputed, open)

	var err error
	if x.AcknowledgeBy, err = disputeDue(p.Dispute.Acknowledge, disputeDefaultAcknowledge, cal, x.ReceivedAt); err != nil {
		return Dispute{}, err
	}
	if x.RespondBy, err = disputeDue(p.Dispute.Respond, disputeDefaultRespond, cal, x.ReceivedAt); err != nil {
		return Dispute{}, err
	}
	x.AssignedTo = c.Invoice.AccountManager
	if x.AssignedTo == "" {
		x.AssignedTo, x.Fallback = p.Dispute.FallbackContact, true
	}
	x.Missing = disputeMissing(p, &x)
	items := []string{"all items"}
	if len(x.Lines) > 0 {
		items = items[:0]
		for _, l := range x.Lines {
			items = append(items, "line "+l.Line)
		}
	}
	for _, it := range items {
		x.Checklist = append(x.Checklist, DisputeCheck{Item: it, Against: CheckAgainstOffer}, DisputeCheck{Item: it, Against: CheckAgainstOrder})
	}

	why := []string{fmt.Sprintf("%s disputes %s: %s held of %s open", x.By, disputeWhat(&x), dunningMoney(x.Held), dunningMoney(open))}
	if x.Incomplete() {
		why = append(why, "incomplete: missing copies of "+disputeKinds(x.Missing))
	}
	if x.Fallback {
		why = append(why, fmt.Sprintf("routed to %s: no account manager on record", x.AssignedTo))
	} else {
		why = append(why, fmt.Sprintf("routed to account manager %s", x.AssignedTo))
	}
	why = append(why, fmt.Sprintf("acknowledge by %s, respond by %s", x.AcknowledgeBy.Format(time.RFC3339), x.RespondBy.Format(time.RFC3339)))
	c.Disputes = append(c.Disputes, x)
	c.record(Event{Kind: EventDisputeOpened, On: x.ReceivedOn, At: x.ReceivedAt, By: x.By,
		Dispute: x.No, Notice: x.Notice, To: x.State, Reason: strings.Join(why, "; ")})
	return x.clone(), nil
}

// disputeDue is when a target started at t falls due on the calendar.
func disputeDue(t, zero sla.Target, cal *sla.Calendar, at time.Time) (time.Time, error) {
	if t.IsZero() {
		t = zero
	}
	st, err := sla.Clock{Target: t, Calendar: cal}.Status([]sla.Event{{Kind: sla.Start, At: at}}, at)
	if err != nil {
		return time.Time{}, err
	}
	return st.Due, nil
}

// disputeMissing lists the recommended copies not attached. A copy of the
// dunning notice is expected only once a notice was issued.
func disputeMissing(p Policy, x *Dispute) []DisputeAttachmentKind {
	var missing []DisputeAttachmentKind
	for _, k := range p.recommended() {
		if k == AttachNotice && x.NoticesBefore == 0 && x.Notice == 0 {
			continue
		}
		if !slices.ContainsFunc(x.Attachments, func(a DisputeAttachment) bool { return a.Kind == k }) &&
			!slices.Contains(missing, k) {
			missing = append(missing, k)
		}
	}
	return missing
}

func disputeWhat(x *Dispute) string {
	switch {
	case x.All:
		return "the whole invoice"
	case len(x.Lines) > 0:
		lines := make([]string, len(x.Lines))
		for i, l := range x.Lines {
			lines[i] = l.Line
		}
		return fmt.Sprintf("lines %s (%s)", strings.Join(lines, ", "), dunningMoney(x.Disputed))
	}
	return dunningMoney(x.Disputed)
}

func disputeKinds(ks []DisputeAttachmentKind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = k.String()
	}
	return strings.Join(s, ", ")
}

// openDispute returns dispute no for a step, checking the step and that
// the dispute is still open.
func (c *Case) openDispute(no int, s DisputeStep, action string, ps *problems) (*Dispute, error) {
	x, err := c.dispute(no)
	if err != nil {
		return nil, err
	}
	if x.State.Settled() {
		return nil, &DisputeStateError{Invoice: c.Invoice.Number, Dispute: no, State: x.State, Action: action}
	}
	s.validate(ps, x)
	c.checkStepOrder(ps, no, s.At)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return x, nil
}

// checkStepOrder refuses a step on dispute no dated before the last step
// recorded on it: its history is read in time order, so a decision dated
// before a check it relied on, say, would tell a story that did not
// happen.
func (c *Case) checkStepOrder(ps *problems, no int, at time.Time) {
	if at.IsZero() {
		return
	}
	for _, e := range c.History {
		if e.Dispute == no && at.Before(e.At) {
			ps.add("At", "%s is before the dispute's step of %s (%s)", at.Format(time.RFC3339), e.At.Format(time.RFC3339), e.Kind)
			return
		}
	}
}

// AcknowledgeDispute records that the dispute's handler acknowledged it.
//
// It returns an error matching ErrNotFound for an unknown dispute, a
// *ValidationError for an invalid step, and a *DisputeStateError for a
// dispute acknowledged already (matching ErrConflict) or settled
// (matching ErrLocked).
func (c *Case) AcknowledgeDispute(p Policy, no int, s DisputeStep) (Dispute, error) {
	if c == nil {
		return Dispute{}, errNilCase()
	}
	var ps problems
	x, err := c.openDispute(no, s, "acknowledge", &ps)
	if err != nil {
		return Dispute{}, err
	}
	if x.State != DisputeReceived {
		return Dispute{}, &DisputeStateError{Invoice: c.Invoice.Number, Dispute: no, State: x.State, Action: "acknowledge"}
	}
	x.AcknowledgedAt = s.At
	why := "acknowledged in time"
	if x.AcknowledgedLate(s.At) {
		why = "acknowledged late: it was due by " + x.AcknowledgeBy.Format(time.RFC3339)
	}
	c.step(p, x, s, EventDisputeAcknowledged, DisputeAcknowledged, why)
	return x.clone(), nil
}

// AttachToDispute adds copies the customer sent later; a dispute is
// complete once every recommended copy is attached.
//
// It returns an error matching ErrNotFound for an unknown dispute, a
// *ValidationError for an invalid step or attachment or none, and a
// *DisputeStateError matching ErrLocked for a settled dispute.
func (c *Case) AttachToDispute(p Policy, no int, s DisputeStep, atts ...DisputeAttachment) (Dispute, error) {
	if c == nil {
		return Dispute{}, errNilCase()
	}
	var ps problems
	if len(atts) == 0 {
		ps.add("Attachments", "at least one is required")
	}
	disputeAttachments(&ps, "Attachments", atts)
	x, err := c.openDispute(no, s, "attach to", &ps)
	if err != nil {
		return Dispute{}, err
	}
	x.Attachments = append(x.Attachments, atts...)
	x.Missing = disputeMissing(p, x)
	kinds := make([]DisputeAttachmentKind, len(atts))
	for i, a := range atts {
		kinds[i] = a.Kind
	}
	why := "attached copies of " + disputeKinds(kinds)
	if x.Incomplete() {
		why += "; still missing " + disputeKinds(x.Missing)
	} else {
		why += "; complete"
	}
	c.step(p, x, s, EventDisputeAttached, x.State, why)
	return x.clone(), nil
}

// step records a dispute step and moves it to state to.
func (c *Case) step(p Policy, x *Dispute, s DisputeStep, kind EventKind, to DisputeState, why string) {
	if s.Note != "" {
		why += ": " + s.Note
	}
	from := x.State
	x.State = to
	c.record(Event{Kind: kind, On: date.NewAt(s.At.In(p.disputeCalendar().Location())), At: s.At, By: s.By,
		Dispute: x.No, From: from, To: to, Reason: why})
}

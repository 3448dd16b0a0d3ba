package dunning

import (
	"fmt"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// DisputeCheck is one line of a dispute's checklist: an item of the
// invoice compared against the offer or the order: are the items
// correct, and do they match the original offer and the order?
type DisputeCheck struct {
	Item    string             // "line 3", or "all items" when no lines were named
	Against DisputeCheckSource // offer or order
	Result  CheckResult        // pending until recorded
	Note    string             // what differs, or why it does not apply; required for CheckDiffers
	By      string             // who recorded the result
	At      time.Time          // when
}

// DisputeCheckSource is what an item is compared against.
type DisputeCheckSource uint8

const (
	// CheckAgainstOffer compares the item with the offer (Angebot).
	CheckAgainstOffer DisputeCheckSource = iota + 1
	// CheckAgainstOrder compares the item with the customer's order.
	CheckAgainstOrder
)

var disputeCheckSourceText = enum.Ints[DisputeCheckSource]("dunning", "DisputeCheckSource", "", "offer", "order").EmptyZero()

// String returns "offer" or "order".
func (s DisputeCheckSource) String() string {
	return disputeCheckSourceText.String(s)
}

// MarshalText implements encoding.TextMarshaler.
func (s DisputeCheckSource) MarshalText() ([]byte, error) {
	return disputeCheckSourceText.Marshal(s)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *DisputeCheckSource) UnmarshalText(b []byte) error {
	return disputeCheckSourceText.Unmarshal(s, b)
}

// CheckResult is the result of comparing an item. The zero value is
// CheckPending.
type CheckResult uint8

const (
	// CheckPending: not compared yet.
	CheckPending CheckResult = iota
	// CheckMatches: the item matches the source.
	CheckMatches
	// CheckDiffers: the item differs from the source (say how in Note).
	CheckDiffers
	// CheckNotApplicable: there is no such source for the item, e.g. work
	// ordered by phone without an offer.
	CheckNotApplicable
)

var checkResultText = enum.Ints[CheckResult]("dunning", "CheckResult", "pending", "matches", "differs", "not applicable")

// String returns the result's text, e.g. "differs".
func (r CheckResult) String() string { return checkResultText.String(r) }

// MarshalText implements encoding.TextMarshaler.
func (r CheckResult) MarshalText() ([]byte, error) {
	return checkResultText.Marshal(r)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *CheckResult) UnmarshalText(b []byte) error {
	return checkResultText.Unmarshal(r, b)
}

// CheckDisputeItem records the result of comparing an item against offer
// or order. It replaces the checklist's line for the same item and
// source, or adds one (a handler may check items the customer did not
// name).
//
// It returns an error matching ErrNotFound for an unknown dispute, a
// *ValidationError for an invalid step or check (no item, an unknown
// source, a pending result, a difference without a note), and a
// *DisputeStateError matching ErrLocked for a settled dispute.
func (c *Case) CheckDisputeItem(p Policy, no int, s DisputeStep, chk DisputeCheck) (Dispute, error) {
	if c == nil {
		return Dispute{}, errNilCase()
	}
	var ps problems
	dunningText(&ps, "Item", chk.Item, true)
	if chk.Against != CheckAgainstOffer && chk.Against != CheckAgainstOrder {
		ps.add("Against", "%v is not offer or order", chk.Against)
	}
	if chk.Result < CheckMatches || chk.Result > CheckNotApplicable {
		ps.add("Result", "%v is not matches, differs or not applicable", chk.Result)
	}
	dunningText(&ps, "Note", chk.Note, chk.Result == CheckDiffers)
	x, err := c.openDispute(no, s, "check", &ps)
	if err != nil {
		return Dispute{}, err
	}
	chk.By, chk.At = s.By, s.At
	replaced := false
	for i := range x.Checklist {
		if x.Checklist[i].Item == chk.Item && x.Checklist[i].Against == chk.Against {
			x.Checklist[i], replaced = chk, true
		}
	}
	if !replaced {
		x.Checklist = append(x.Checklist, chk)
	}
	why := fmt.Sprintf("%s against the %s: %s", chk.Item, chk.Against, chk.Result)
	if chk.Note != "" {
		why += " (" + chk.Note + ")"
	}
	c.step(p, x, DisputeStep{At: s.At, By: s.By}, EventDisputeChecked, x.State, why)
	return x.clone(), nil
}

// pendingChecks lists the checklist lines not yet compared.
func (x *Dispute) pendingChecks() []string {
	var pending []string
	for _, chk := range x.Checklist {
		if chk.Result == CheckPending {
			pending = append(pending, fmt.Sprintf("%s against the %s", chk.Item, chk.Against))
		}
	}
	return pending
}

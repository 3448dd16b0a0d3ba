package billing

import (
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/internal/enum"
)

// WorkEntry is a piece of work a technician recorded on a ticket. It
// is a value: the store keeps it, the Biller moves it through its states,
// and the billing run turns it into a line of a service report.
//
// While Recorded it may be edited; once the back office has released it
// for billing it is locked, and a mistake is corrected by a reversal entry
// (Biller.Reverse) that credits it on the next report.
type WorkEntry struct {
	ID         string    // the host's ID, unique in the store
	CustomerID string    // the host's customer
	BranchID   string    // the customer's branch (Niederlassung); empty: head office
	TicketID   string    // the ticket the work was for
	Technician string    // who did the work
	Date       date.Date // the work date; rates and quota periods follow it

	// The time worked: Duration, or Start and End (End after Start); when
	// all three are set they must agree. See Worked.
	Start, End time.Time     // the span worked, if recorded so
	Duration   time.Duration // the time worked, if recorded so

	Activity Activity // what kind of work it was; decides billability
	Product  string   // the product or service the work concerns, for coverage by its product description; optional
	Fault    Fault    // whose fault the support case turned out to be

	Travel   Travel // a trip to the customer for this work; zero: none
	OrderRef string // the customer's order reference (explicit order); optional

	// Billable is the technician's flag: the policy decides (zero), or the
	// technician marks the work billable or non-billable. Non-billable
	// work needs a Justification.
	Billable      Billable // the technician's flag
	Justification string   // why the work is not billed; only with BillableNo
	Goodwill      Goodwill // part of the work not billed, with reason
	Description   string   // what was done, for the service report

	// Reverses is the ID of the entry this one reverses; set by
	// Biller.Reverse. A reversal carries the original's fields and credits
	// what billing the original alone charged.
	Reverses string

	// Kept by the store and the Biller; ignored by Validate.
	State      EntryState
	ReleasedBy string    // who released it for billing
	ReleasedOn date.Date // when
	ReportID   string    // the service report that listed it, once reported
	Version    int64     // the store's: 1 after AddEntry, one more per change
}

// Worked returns the time worked: Duration if set, otherwise End - Start.
func (e WorkEntry) Worked() time.Duration {
	if e.Duration != 0 || e.Start.IsZero() || e.End.IsZero() {
		return e.Duration
	}
	return e.End.Sub(e.Start)
}

// IsReversal reports whether the entry reverses another.
func (e WorkEntry) IsReversal() bool { return e.Reverses != "" }

// MaxWorked bounds the time of one entry: a day. Longer work is recorded
// day by day, as it is billed.
const MaxWorked = 24 * time.Hour

// Validate reports a *ValidationError listing every wrong field: missing
// IDs, a missing or out-of-range date, no time worked or more than
// MaxWorked, Start/End/Duration that disagree, a Start that is not on the
// work date (in Start's zone) or an instant outside the years 1-9999
// (UTC), an invalid activity, fault
// or flag, non-billable work without a justification, a justification on
// work that is not marked non-billable, invalid goodwill or travel, and
// over-long or unprintable texts.
func (e WorkEntry) Validate() error {
	var ps problems
	ps.checkWorkID("ID", e.ID, true)
	ps.checkWorkID("CustomerID", e.CustomerID, true)
	ps.checkWorkID("BranchID", e.BranchID, false)
	ps.checkWorkID("TicketID", e.TicketID, true)
	ps.checkWorkID("Technician", e.Technician, true)
	ps.checkWorkDate("Date", e.Date, true)
	ps.checkWorked(e)
	if err := e.Activity.Validate(); err != nil {
		ps.add("Activity", "%s", err.(*ValidationError).Problems[0].Reason)
	}
	ps.checkWorkID("Product", e.Product, false)
	if !faultNames.Valid(e.Fault) {
		ps.add("Fault", "%d is not a fault attribution", e.Fault)
	}
	e.Travel.check(&ps)
	ps.checkWorkID("OrderRef", e.OrderRef, false)
	switch {
	case !billableNames.Valid(e.Billable):
		ps.add("Billable", "%d is not a billable flag", e.Billable)
	case e.Billable == BillableNo:
		ps.checkWorkText("Justification", e.Justification, true, true)
	case e.Justification != "":
		ps.add("Justification", "is only for work marked non-billable")
	}
	if !e.Goodwill.IsZero() {
		if e.Billable == BillableNo {
			ps.add("Goodwill", "is for billable work; this work is marked non-billable")
		}
		e.Goodwill.check(&ps, e.Worked())
	}
	ps.checkWorkText("Description", e.Description, false, true)
	ps.checkWorkID("Reverses", e.Reverses, false)
	if e.Reverses != "" && e.Reverses == e.ID {
		ps.add("Reverses", "an entry cannot reverse itself")
	}
	return ps.err()
}

func (ps *problems) checkWorked(e WorkEntry) {
	if e.Start.IsZero() != e.End.IsZero() {
		ps.add("End", "Start and End go together")
		return
	}
	if !e.Start.IsZero() {
		n := len(*ps)
		ps.checkWorkInstant("Start", e.Start)
		ps.checkWorkInstant("End", e.End)
		if len(*ps) > n {
			return
		}
		span := e.End.Sub(e.Start)
		switch {
		case e.Date != 0 && date.NewAt(e.Start) != e.Date:
			// Rates, quota periods and the report follow Date: work
			// recorded on one day but done on another would be billed at
			// the wrong day's rates, or in the wrong month.
			ps.add("Start", "%s is not on the work date %s", e.Start.Format(time.RFC3339), e.Date)
			return
		case span <= 0:
			ps.add("End", "%s is not after Start %s", e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
			return
		case e.Duration != 0 && e.Duration != span:
			ps.add("Duration", "%s disagrees with End - Start = %s", e.Duration, span)
			return
		}
	}
	switch w := e.Worked(); {
	case w <= 0:
		ps.add("Duration", "no time worked: set Duration, or Start and End")
	case w > MaxWorked:
		ps.add("Duration", "%s is more than the %s one entry may hold", w, MaxWorked)
	}
}

// EntryState is where a work entry is in the billing flow. The zero
// EntryState is not a state; the Biller records entries as Recorded.
type EntryState uint8

// The states of a work entry, in order. Released and later states are
// locked: the entry is corrected by a reversal, not edited.
const (
	Recorded EntryState = iota + 1 // recorded by the technician; editable
	Released                       // released for billing by the back office (Innendienst)
	Reported                       // listed on a service report
	Invoiced                       // its report's invoice was booked by the ERP
)

var entryStateNames = enum.Ints[EntryState]("billing", "EntryState", "", "recorded", "released", "reported", "invoiced")

// String returns "recorded", "released", "reported" or "invoiced".
func (s EntryState) String() string { return entryStateNames.String(s) }

// Locked reports whether the state forbids editing the entry.
func (s EntryState) Locked() bool { return s >= Released }

// ParseEntryState reads a state as String writes it. It returns a
// *ValidationError for anything else.
func ParseEntryState(s string) (EntryState, error) { return entryStateNames.Parse(s) }

// MarshalText implements encoding.TextMarshaler; it refuses a value that
// is not a state with a *ValidationError.
func (s EntryState) MarshalText() ([]byte, error) { return entryStateNames.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseEntryState.
func (s *EntryState) UnmarshalText(b []byte) error { return entryStateNames.Unmarshal(s, b) }

// Fault is whose fault a support case turned out to be. The paid-support terms: the
// provider fixes its own defects free of charge; a case found to be the
// customer's fault is billable. The zero Fault is FaultUndetermined.
type Fault uint8

// The fault attributions.
const (
	FaultUndetermined Fault = iota // not (yet) attributed
	FaultProvider                  // a defect the provider is responsible for
	FaultCustomer                  // the customer's fault, found by the analysis
)

var faultNames = enum.Ints[Fault]("billing", "Fault", "undetermined", "provider", "customer")

// String returns "undetermined", "provider" or "customer".
func (f Fault) String() string { return faultNames.String(f) }

// ParseFault reads a fault as String writes it. It returns a
// *ValidationError for anything else.
func ParseFault(s string) (Fault, error) { return faultNames.Parse(s) }

// MarshalText implements encoding.TextMarshaler.
func (f Fault) MarshalText() ([]byte, error) { return faultNames.Marshal(f) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseFault.
func (f *Fault) UnmarshalText(b []byte) error { return faultNames.Unmarshal(f, b) }

// Billable is the technician's billable flag on a work entry. The zero
// value leaves the decision to the BillabilityPolicy.
type Billable uint8

// The billable flags.
const (
	BillableByPolicy Billable = iota // the policy decides
	BillableYes                      // billable whatever the policy says
	BillableNo                       // not billable; needs a Justification
)

var billableNames = enum.Ints[Billable]("billing", "Billable", "policy", "yes", "no")

// String returns "policy", "yes" or "no".
func (b Billable) String() string { return billableNames.String(b) }

// ParseBillable reads a flag as String writes it. It returns a
// *ValidationError for anything else.
func ParseBillable(s string) (Billable, error) { return billableNames.Parse(s) }

// MarshalText implements encoding.TextMarshaler.
func (b Billable) MarshalText() ([]byte, error) { return billableNames.Marshal(b) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseBillable.
func (b *Billable) UnmarshalText(t []byte) error { return billableNames.Unmarshal(b, t) }

// Goodwill (Kulanz) bills only part of a piece of billable work, with the
// reason; the service report shows it (the paid-support terms: "i.d.R. auch nur einen
// Teil der tatsächlich erbrachten Leistungen berechnen"). Waive and
// Percent may be combined: Waive comes off the time first, then Percent
// off what is left. The zero Goodwill waives nothing.
type Goodwill struct {
	// Waive is time not billed, taken off the time worked before it is
	// rounded to work units. At most the time worked.
	Waive time.Duration
	// Percent is the share waived, 0 to 100 with at most two decimals:
	// of the time (after Waive) for work billed in units or booked on a
	// quota, of the fee for a technician flat fee.
	Percent decimal.Decimal
	// Reason is required when anything is waived.
	Reason string
}

// IsZero reports whether the goodwill waives nothing and gives no reason.
func (g Goodwill) IsZero() bool { return g.Waive == 0 && g.Percent.IsZero() && g.Reason == "" }

var workHundred = decimal.NewFromInt(100)

func (g Goodwill) check(ps *problems, worked time.Duration) {
	if g.Waive < 0 || g.Waive > worked {
		ps.add("Goodwill.Waive", "%s is not between 0 and the %s worked", g.Waive, worked)
	}
	ps.checkWorkPercent("Goodwill.Percent", g.Percent)
	if g.Waive == 0 && g.Percent.IsZero() {
		ps.add("Goodwill", "waives nothing: set Waive or Percent, or leave Goodwill zero")
	}
	ps.checkWorkText("Goodwill.Reason", g.Reason, true, true)
}

// Apply returns the time billed of worked after goodwill: Waive off, then
// Percent off the rest, rounded down to the whole second (the customer's
// favour). The zero Goodwill returns worked.
func (g Goodwill) Apply(worked time.Duration) time.Duration {
	t := max(worked-g.Waive, 0)
	if g.Percent.IsZero() || t == 0 {
		return t
	}
	// t × (100 - Percent) / 100 in whole seconds, exactly: t is at most
	// a day, so the product stays far inside int64 in hundredths of a
	// percent.
	keep := workHundred.Sub(g.Percent).Mul(workHundred).IntPart() // in 1/10000
	secs := int64(t / time.Second)
	return time.Duration(secs*keep/10000) * time.Second
}

// ApplyAmount returns the part of an amount billed after Percent, rounded
// half away from zero to 2 decimals (commercial rounding, as every amount
// in this package). Waive does not apply to amounts.
func (g Goodwill) ApplyAmount(amount decimal.Decimal) decimal.Decimal {
	if g.Percent.IsZero() {
		return amount
	}
	return amount.Mul(workHundred.Sub(g.Percent)).DivRound(workHundred, 2)
}

// Travel is a trip to the customer made for a piece of work (Anfahrt),
// charged as the rate card says: a flat charge for a zone, or per
// kilometre. The zero Travel is no trip.
type Travel struct {
	Zone       string // a zone of the rate card's travel charges
	Kilometres int    // the distance charged per kilometre, 1 to 10,000
}

// IsZero reports whether there was no trip.
func (t Travel) IsZero() bool { return t == Travel{} }

func (t Travel) check(ps *problems) {
	ps.checkWorkID("Travel.Zone", t.Zone, false)
	switch {
	case t.Zone != "" && t.Kilometres != 0:
		ps.add("Travel", "a trip is charged by zone or by kilometre, not both")
	case t.Kilometres < 0 || t.Kilometres > 10_000:
		ps.add("Travel.Kilometres", "%d is not between 1 and 10000", t.Kilometres)
	}
}

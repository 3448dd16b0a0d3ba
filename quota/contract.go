package quota

import (
	"fmt"
	"slices"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// Contract is the hour bank of a customer's agreement (Kontingent, a
// prepaid quota of hours): the customer buys a fixed number of hours per
// month at a fixed monthly price, and billable work is booked against it.
// Its terms can change from a given period on; the terms of earlier
// periods stay as they were, so history is never rewritten.
//
// It is not the whole agreement: how the customer is billed (contract
// type, rates, central or per-branch invoicing, report recipient) is
// billing.Contract, which names this hour bank in its QuotaContractID.
// This package knows nothing of billing; the hour bank stands alone.
type Contract struct {
	ID         string    // the host's contract ID, unique in the store
	CustomerID string    // the host's customer ID
	Start      date.Date // first day of service; its month is the first period
	End        date.Date // last day of service; zero: open-ended
	// Terms in force, each from its period on, ordered by From. The first
	// takes effect in the first period (the month of Start).
	Terms []Terms
}

// Terms are what a contract agrees from a period on.
type Terms struct {
	From Period // the first period these terms apply to
	// Hours allotted each period (the monthly quota).
	Hours time.Duration
	// Price is the fixed amount invoiced each period; it travels on the
	// allotment entry for the billing side. Whole cents, zero or more,
	// below a trillion.
	Price decimal.Decimal
	// OverageRate is the price of an hour charged by a correction. Zero
	// or more, below a trillion, at most RateDigits decimals.
	OverageRate decimal.Decimal
	Rollover    Rollover   // what happens to unused hours at a close
	Overdraft   Overdraft  // whether consumption may go below zero
	Correction  Correction // how a negative balance is settled at a close
}

// Validate reports a *ValidationError for a bad field: an empty or
// unprintable ID, a zero Start or one outside the years 1-9999, an End
// before Start, terms that are missing, out of order, outside the
// contract's periods or invalid themselves.
func (c Contract) Validate() error {
	if err := checkID("ID", c.ID); err != nil {
		return err
	}
	if err := checkID("CustomerID", c.CustomerID); err != nil {
		return err
	}
	if err := checkDate("Start", c.Start); err != nil {
		return err
	}
	if c.End != 0 {
		if err := checkDate("End", c.End); err != nil {
			return err
		}
		if c.End < c.Start {
			return invalid("End", "%s is before Start %s", c.End, c.Start)
		}
	}
	if len(c.Terms) == 0 {
		return invalid("Terms", "a contract needs terms for its first period")
	}
	if first := PeriodOf(c.Start); c.Terms[0].From != first {
		return invalid("Terms[0].From", "is %s but the first period (the month of Start) is %s", c.Terms[0].From, first)
	}
	for i, t := range c.Terms {
		if i > 0 && !t.From.After(c.Terms[i-1].From) {
			return invalid(fmt.Sprintf("Terms[%d].From", i), "%s does not come after %s", t.From, c.Terms[i-1].From)
		}
		if c.End != 0 && t.From.After(PeriodOf(c.End)) {
			return invalid(fmt.Sprintf("Terms[%d].From", i), "%s is after the contract's end %s", t.From, c.End)
		}
		if err := t.Validate(); err != nil {
			if ve, ok := err.(*ValidationError); ok {
				return ve.Within(fmt.Sprintf("Terms[%d]", i))
			}
			return err
		}
	}
	return nil
}

// lastDate is 9999-12-31, the last date of the years ParsePeriod can
// write (date.Date counts days from 0001-01-01, the zero Date).
const lastDate date.Date = 3652058

// checkDate keeps dates inside the years 1-9999. It compares the day
// number itself: converting a far-off date to a year would overflow.
func checkDate(field string, d date.Date) error {
	if d == 0 {
		return invalid(field, "is missing")
	}
	if d < 0 || d > lastDate {
		return invalid(field, "%d days from 0001-01-01 is outside the years 1-9999", int64(d))
	}
	return nil
}

// Validate reports a *ValidationError for a zero From, Hours that are not
// positive or beyond MaxHours, a Price that is negative, has fractions of
// a cent or is a trillion or more, an OverageRate that is negative, has
// more than RateDigits decimals or is a trillion or more, or an invalid
// policy.
func (t Terms) Validate() error {
	if t.From.IsZero() {
		return invalid("From", "is missing")
	}
	if err := checkHours("Hours", t.Hours, true); err != nil {
		return err
	}
	if err := checkDecimal("Price", t.Price, AmountDigits); err != nil {
		return err
	}
	if err := checkDecimal("OverageRate", t.OverageRate, RateDigits); err != nil {
		return err
	}
	if err := t.Rollover.Validate(); err != nil {
		return err
	}
	if err := t.Overdraft.Validate(); err != nil {
		return err
	}
	return t.Correction.Validate()
}

// TermsFor returns the terms in force in period p: the last terms whose
// From is not after p. For a period before the first terms it returns the
// first terms, and for a contract without terms the zero Terms.
func (c Contract) TermsFor(p Period) Terms {
	if len(c.Terms) == 0 {
		return Terms{}
	}
	for i := len(c.Terms) - 1; i > 0; i-- {
		if !c.Terms[i].From.After(p) {
			return c.Terms[i]
		}
	}
	return c.Terms[0]
}

// FirstPeriod returns the period of Start.
func (c Contract) FirstPeriod() Period { return PeriodOf(c.Start) }

// LastPeriod returns the period of End, or the zero Period for an
// open-ended contract.
func (c Contract) LastPeriod() Period {
	if c.End == 0 {
		return Period{}
	}
	return PeriodOf(c.End)
}

// clone returns a copy that shares no slice with c.
func (c Contract) clone() Contract {
	c.Terms = slices.Clone(c.Terms)
	return c
}

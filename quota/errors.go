package quota

import (
	"errors"
	"fmt"
	"time"

	"github.com/deskcore/deskcore/validation"
)

// The sentinels below are matched with errors.Is. Errors that carry details
// (*ValidationError, *OverdraftError, *KeyConflictError) match one of them.
var (
	// ErrInvalid is matched by every *ValidationError: the input is not
	// acceptable and nothing was booked or changed. It is
	// validation.ErrInvalid, the same sentinel in every deskcore package.
	ErrInvalid = validation.ErrInvalid

	// ErrNotFound reports an unknown contract, or an unknown idempotency
	// key on a contract.
	ErrNotFound = errors.New("quota: not found")

	// ErrConflict reports a change that lost against another one: a
	// contract that already exists, a concurrent update an optimistic
	// store refused (Ledger retries those, see Config.Retries), or an
	// idempotency key reused with other content (*KeyConflictError).
	ErrConflict = errors.New("quota: conflict")

	// ErrDuplicateKey is what a Store returns from Update or Create when a
	// pending entry carries an idempotency key the contract has already
	// booked. It is part of the Store contract; Ledger turns it into a
	// replay of the original entry or a *KeyConflictError, so Ledger's
	// callers never see it.
	ErrDuplicateKey = errors.New("quota: idempotency key already booked")

	// ErrClosed reports a change to a contract whose final period is
	// closed (it ended), or to terms of a period already closed.
	ErrClosed = errors.New("quota: closed")

	// ErrNotOpen reports a date or period after the contract's open
	// period: the open period has to be closed first.
	ErrNotOpen = errors.New("quota: period not open yet")

	// ErrOutOfTerm reports a date before the contract's start or after its
	// end.
	ErrOutOfTerm = errors.New("quota: outside the contract's term")

	// ErrOverdraft is matched by every *OverdraftError.
	ErrOverdraft = errors.New("quota: overdraft not allowed")

	// ErrPeriodRunning: Close was asked for a period that has not ended
	// by Config.Today; closing it early would allot next month's hours
	// and settle a balance that can still change.
	ErrPeriodRunning = errors.New("quota: period has not ended yet")
)

// ValidationError lists what is wrong with an input: each Problem names
// a field path and a reason. It is validation.Error, the one shape of
// every deskcore package, so one errors.As target catches a validation
// error from any of them. It matches ErrInvalid with errors.Is. This
// package reports the first wrong field it finds, so it holds one Problem.
type ValidationError = validation.Error

// Problem is one wrong field of an input: validation.Problem.
type Problem = validation.Problem

func invalid(field, format string, args ...any) *ValidationError {
	return validation.New("quota", field, fmt.Sprintf(format, args...))
}

// OverdraftError refuses a consumption that would take the balance below
// what the contract's Overdraft policy allows. Nothing was booked. It
// matches ErrOverdraft with errors.Is.
type OverdraftError struct {
	Balance   time.Duration // the balance before the refused consumption
	Requested time.Duration // the hours the consumption asked for
	Limit     time.Duration // how far the balance may go below zero (0: not at all)
}

// Error implements the error interface.
func (e *OverdraftError) Error() string {
	return fmt.Sprintf("quota: overdraft: balance %s, requested %s, overdraft limit %s",
		FormatHours(e.Balance), FormatHours(e.Requested), FormatHours(e.Limit))
}

// Unwrap lets errors.Is(err, ErrOverdraft) succeed.
func (e *OverdraftError) Unwrap() error { return ErrOverdraft }

// KeyConflictError reports an idempotency key that was already booked
// with other content: the request is not a retry of the original, so
// nothing was booked. It carries both versions, so a host can show what
// differs. It matches ErrConflict with errors.Is.
type KeyConflictError struct {
	Key      string // the key of the request
	Existing Entry  // the entry booked under the key earlier
	// Requested is the refused request: a Consumption, a Reversal or an
	// Adjustment.
	Requested any
}

// Error implements the error interface.
func (e *KeyConflictError) Error() string {
	return fmt.Sprintf("quota: idempotency key %q was booked with other content (entry %d, %s %s)",
		e.Key, e.Existing.Seq, e.Existing.Kind, FormatHours(e.Existing.Hours))
}

// Unwrap lets errors.Is(err, ErrConflict) succeed.
func (e *KeyConflictError) Unwrap() error { return ErrConflict }

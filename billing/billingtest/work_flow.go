package billingtest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/internal/conformance"
)

// workBiller is a Biller on s, with customer C-1's contract stored
// through it: the Biller records work only of customers with one.
func workBiller(t testing.TB, s billing.WorkStore) *billing.Biller {
	t.Helper()
	b, err := billing.NewBiller(s, nil, billing.BillerConfig{})
	require.NoError(t, err)
	require.NoError(t, b.PutContract(ctx, workContract("C-1", nil)))
	return b
}

var workFlowTests = []workTest{
	{Name: "work_needs_a_valid_contract_first", Run: func(t *testing.T, s billing.WorkStore) {
		b, err := billing.NewBiller(s, nil, billing.BillerConfig{})
		require.NoError(t, err)
		// Work of a customer without a contract would never be billed,
		// and no run would say so: it is refused when recorded.
		_, err = b.Record(ctx, workEntry("E-1", "C-9", nil))
		require.ErrorIs(t, err, billing.ErrInvalid)
		// A contract without a report recipient used to fail only in the
		// run; the door refuses it, and an empty one.
		for _, c := range []billing.Contract{{}, workContract("C-9", func(c *billing.Contract) { c.ReportRecipient = "" })} {
			require.ErrorIs(t, b.PutContract(ctx, c), billing.ErrInvalid)
		}
		// The store itself refuses what the domain would: it could write
		// a contract it cannot read back.
		require.ErrorIs(t, s.PutContract(ctx, workContract("C-9", func(c *billing.Contract) { c.Rates[0].Hourly = decimal.New(1, -17000) })), billing.ErrInvalid)
		_, err = s.Contract(ctx, "C-9")
		require.ErrorIs(t, err, billing.ErrNotFound, "nothing was stored")
	}},
	{Name: "record_edit_release_lock", Run: func(t *testing.T, s billing.WorkStore) {
		b := workBiller(t, s)
		e := workEntry("E-1", "C-1", func(e *billing.WorkEntry) { e.State, e.ReportID, e.Version = billing.Invoiced, "SR/x", 7 })
		got, err := b.Record(ctx, e)
		require.NoError(t, err)
		if got.State != billing.Recorded || got.ReportID != "" || got.Version != 1 {
			t.Errorf("recorded as %s, report %q, version %d", got.State, got.ReportID, got.Version)
		}
		// A retry with the same content returns the stored entry and
		// stores nothing.
		again, err := b.Record(ctx, e)
		require.NoError(t, err, "recording the same entry again is a retry")
		workDiff(t, "retried", got, again)
		// The same ID with other content is a conflict carrying both.
		other := e
		other.Duration += workH
		_, err = b.Record(ctx, other)
		workIs(t, err, billing.ErrConflict)
		var rc *billing.RecordConflictError
		if !errors.As(err, &rc) || rc.ID != "E-1" || rc.Existing.Duration != got.Duration || rc.Requested.Duration != other.Duration {
			t.Fatalf("other content under a recorded ID: %v, want a *RecordConflictError with both versions", err)
		}
		// Non-billable work without a justification is refused.
		_, err = b.Record(ctx, workEntry("E-2", "C-1", func(e *billing.WorkEntry) { e.Billable = billing.BillableNo }))
		var ve *billing.ValidationError
		if !errors.As(err, &ve) || !ve.Has("Justification") {
			t.Fatalf("non-billable without justification: %v", err)
		}

		got, err = b.Edit(ctx, "E-1", func(e *billing.WorkEntry) error {
			e.Duration, e.Version, e.State = 2*workH, 99, billing.Invoiced
			return nil
		})
		require.NoError(t, err)
		if got.Duration != 2*workH || got.State != billing.Recorded || got.Version != 2 {
			t.Errorf("edited: %s, %s, version %d", got.Duration, got.State, got.Version)
		}
		_, err = b.Edit(ctx, "E-1", func(e *billing.WorkEntry) error { e.Duration = -1; return nil })
		if !errors.As(err, &ve) {
			t.Fatalf("invalid edit: %v", err)
		}

		got, err = b.Release(ctx, "E-1", "backoffice", workDay(2026, 3, 31))
		require.NoError(t, err)
		if got.State != billing.Released || got.ReleasedBy != "backoffice" || got.Version != 3 {
			t.Errorf("released: %+v", got)
		}
		stored := workGet[billing.WorkEntry](t)(s.Entry(ctx, "E-1"))
		workDiff(t, "stored", got, stored)

		// Locked: no edit, no second release.
		_, err = b.Edit(ctx, "E-1", func(e *billing.WorkEntry) error { e.Duration = workH; return nil })
		workIs(t, err, billing.ErrLocked)
		var se *billing.StateError
		if !errors.As(err, &se) || se.State != billing.Released {
			t.Errorf("edit of a released entry: %v", err)
		}
		_, err = b.Release(ctx, "E-1", "backoffice", workDay(2026, 3, 31))
		workIs(t, err, billing.ErrLocked)
		// The order reference is the one change a released entry takes.
		got, err = b.AttachOrder(ctx, "E-1", "PO-4711")
		require.NoError(t, err)
		if got.OrderRef != "PO-4711" || got.Version != 4 {
			t.Errorf("order attached: %q, version %d", got.OrderRef, got.Version)
		}
		_, err = b.Release(ctx, "E-404", "backoffice", workDay(2026, 3, 31))
		workIs(t, err, billing.ErrNotFound)
		_, err = b.Release(ctx, "E-1", "", 0)
		if !errors.As(err, &ve) || !ve.Has("By") || !ve.Has("On") {
			t.Errorf("release without who and when: %v", err)
		}
	}},
	{Name: "concurrent_releases", Run: func(t *testing.T, s billing.WorkStore) {
		b := workBiller(t, s)
		_, err := b.Record(ctx, workEntry("E-1", "C-1", nil))
		require.NoError(t, err)
		workOneWins(t, "release", 8, billing.ErrLocked, func(int) error {
			_, err := b.Release(ctx, "E-1", "backoffice", workDay(2026, 3, 31))
			return err
		})
		if e := workGet[billing.WorkEntry](t)(s.Entry(ctx, "E-1")); e.Version != 2 {
			t.Errorf("version %d: more than one release was stored", e.Version)
		}
	}},
	{Name: "reverse", Run: func(t *testing.T, s billing.WorkStore) {
		b := workBiller(t, s)
		_, err := b.Record(ctx, workEntry("E-1", "C-1", nil))
		require.NoError(t, err)
		rev := billing.WorkReversal{ID: "R-1", On: workDay(2026, 4, 2), Reason: "booked on the wrong customer", By: "backoffice"}
		_, err = b.Reverse(ctx, "E-1", rev)
		workIs(t, err, billing.ErrConflict) // recorded: edit it instead
		_, err = b.Release(ctx, "E-1", "backoffice", workDay(2026, 3, 31))
		require.NoError(t, err)

		workOneWins(t, "reversal", 4, billing.ErrConflict, func(i int) error {
			r := rev
			r.ID = fmt.Sprintf("R-%d", i+1)
			_, err := b.Reverse(ctx, "E-1", r)
			return err
		})
		var r billing.WorkEntry
		for _, e := range workCollect(t, s.Entries(ctx, "C-1", billing.Released, workDay(2026, 12, 31))) {
			if e.Reverses == "E-1" {
				r = e
			}
		}
		if r.State != billing.Released || r.ReleasedOn != rev.On || r.Duration != workH || r.Date != workDay(2026, 3, 2) || r.Description != "Reversal: booked on the wrong customer" {
			t.Errorf("reversal entry: %+v", r)
		}
		_, err = b.Reverse(ctx, r.ID, billing.WorkReversal{ID: "R-9", On: rev.On, Reason: "x", By: "y"})
		workIs(t, err, billing.ErrInvalid) // a reversal is not reversed
	}},
}

// workOneWins runs n concurrent attempts of one change and requires
// exactly one to succeed and the others to fail with an error matching
// lost.
func workOneWins(t *testing.T, what string, n int, lost error, attempt func(i int) error) {
	t.Helper()
	errs := make([]error, n)
	conformance.Race(n, func(i int) { errs[i] = attempt(i) })
	wins := 0
	for _, err := range errs {
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, lost):
			t.Errorf("%s: %v", what, err)
		}
	}
	if wins != 1 {
		t.Fatalf("%d of %d concurrent attempts of a %s won", wins, n, what)
	}
}

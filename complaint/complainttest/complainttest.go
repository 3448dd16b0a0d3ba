package complainttest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/internal/conformance"
)

// TestStore runs the conformance suite. newStore must return a new, empty
// store each time it is called; it may register cleanups on t. Subtests
// run one after another, each on its own store.
func TestStore(t *testing.T, newStore func(t *testing.T) complaint.Store) {
	t.Helper()
	conformance.Run(t, newStore,
		conformance.Group[complaint.Store]{Name: "store", Checks: storeTests},
	)
}

// storeTest is one check of the suite.
type storeTest = conformance.Check[complaint.Store]

// t0 is the suite's first receipt: a Monday morning, whole seconds, UTC.
var t0 = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)

// Staff who act in the suite.
var (
	desk     = complaint.Actor{ID: "anna", Team: "desk"}
	service  = complaint.Actor{ID: "bob", Team: "service"}
	reviewer = complaint.Actor{ID: "erik", Team: "quality"}
	manager  = complaint.Actor{ID: "gert", Team: "management"}
)

// policy is the 24-hour complaints procedure: clock time only, no calendar needed.
var policy = func() *complaint.Policy {
	p, err := complaint.NewPolicy(complaint.Preset24h(), nil)
	if err != nil {
		panic(err)
	}
	return p
}()

// newComplaint makes an unstored service complaint received at.
func newComplaint(t *testing.T, at time.Time) complaint.Complaint {
	t.Helper()
	c, err := policy.NewComplaint(complaint.Intake{
		Type:       complaint.TypeService,
		CustomerID: "K-1001",
		ReceivedAt: at,
		Details: complaint.Details{
			TicketNumber: "T-4711", Description: "The technician did not come.\nNobody called.",
			Files: []string{"mail-1.eml", "photo.jpg"},
		},
	})
	require.NoError(t, err)
	return c
}

// create stores a new complaint received at and returns it as stored.
func create(t *testing.T, s complaint.Store, at time.Time) complaint.Complaint {
	t.Helper()
	c, err := s.Create(context.Background(), newComplaint(t, at))
	require.NoError(t, err)
	return c
}

func get(t *testing.T, s complaint.Store, ref complaint.Reference) complaint.Complaint {
	t.Helper()
	c, err := s.Complaint(context.Background(), ref)
	require.NoError(t, err)
	return c
}

// update runs step in s.Update and requires success.
func update(t *testing.T, s complaint.Store, ref complaint.Reference, step func(*complaint.Complaint) error) complaint.Complaint {
	t.Helper()
	c, err := s.Update(context.Background(), ref, step)
	require.NoError(t, err)
	return c
}

// all reads every complaint f selects.
func all(t *testing.T, s complaint.Store, f complaint.Filter) []complaint.Complaint {
	t.Helper()
	var out []complaint.Complaint
	for c, err := range s.Complaints(context.Background(), f) {
		require.NoError(t, err)
		out = append(out, c)
	}
	return out
}

// cmpOpts compares instants by Equal (an adapter may return them in
// another zone) and treats nil and empty slices alike.
var cmpOpts = cmp.Options{cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }), cmpopts.EquateEmpty()}

func diff(t *testing.T, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got, cmpOpts); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}

// retry runs op until it does not fail with complaint.ErrConflict, up to
// 100 times, for adapters with optimistic versions that refuse a losing
// commit.
func retry(op func() error) error {
	var err error
	for range 100 {
		if err = op(); !errors.Is(err, complaint.ErrConflict) {
			return err
		}
	}
	return err
}

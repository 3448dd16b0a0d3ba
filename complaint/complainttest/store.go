package complainttest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/internal/conformance"
)

var storeTests = []storeTest{
	{Name: "create_then_read_back", Run: testCreate},
	{Name: "references_count_up_per_year", Run: testNumbering},
	{Name: "import_keeps_its_number_and_a_taken_one_conflicts", Run: testImport},
	{Name: "create_refuses_what_cannot_be_stored", Run: testCreateInvalid},
	{Name: "unknown_reference_is_not_found", Run: testNotFound},
	{Name: "update_stores_the_step_and_counts_versions", Run: testUpdate},
	{Name: "failed_function_leaves_nothing_behind", Run: testRollback},
	{Name: "refused_step_leaves_nothing_behind", Run: testRefusedStep},
	{Name: "changing_the_reference_is_invalid", Run: testChangeRef},
	{Name: "values_share_nothing_with_the_store", Run: testIsolation},
	{Name: "whole_lifecycle_round_trips", Run: testLifecycle},
	{Name: "complaints_filtered_in_order", Run: testComplaints},
	{Name: "complaints_stop_when_the_consumer_does", Run: testComplaintsBreak},
	{Name: "concurrent_creates_get_unique_references", Run: testConcurrentCreates},
	{Name: "concurrent_steps_lose_nothing", Run: testConcurrentSteps},
	{Name: "concurrent_transitions_one_wins", Run: testConcurrentTransitions},
	{Name: "cancelled_context_is_an_error", Run: testCancelled},
	{Name: "details_at_their_limits_round_trip_and_past_them_nothing_is_stored", Run: testLimits},
	{Name: "sent_reminders_round_trip_and_a_second_mark_stores_nothing", Run: testReminders},
}

func testCreate(t *testing.T, s complaint.Store) {
	c := newComplaint(t, t0)
	got, err := s.Create(context.Background(), c)
	require.NoError(t, err)
	require.Equal(t, 2026, got.Ref.Year)
	require.GreaterOrEqual(t, got.Ref.Seq, 1, "the store numbers it")
	require.Equal(t, int64(1), got.Version)
	want := c.Clone()
	want.Ref, want.Version = got.Ref, 1
	diff(t, "created", want, got)
	diff(t, "read back", want, get(t, s, got.Ref))
}

func testNumbering(t *testing.T, s complaint.Store) {
	var refs []complaint.Reference
	for i, at := range []time.Time{t0, t0.Add(time.Hour), t0.AddDate(1, 0, 0), t0.Add(2 * time.Hour), t0.AddDate(1, 0, 1)} {
		c := create(t, s, at)
		require.Equal(t, at.Year(), c.Ref.Year, "complaint %d", i)
		refs = append(refs, c.Ref)
	}
	require.Less(t, refs[0].Seq, refs[1].Seq, "2026 counts up")
	require.Less(t, refs[1].Seq, refs[3].Seq, "2026 counts up")
	require.Less(t, refs[2].Seq, refs[4].Seq, "2027 counts up on its own")
	require.Equal(t, len(refs), len(uniq(refs)))
}

func uniq(refs []complaint.Reference) []complaint.Reference {
	out := slices.Clone(refs)
	slices.SortFunc(out, complaint.Reference.Compare)
	return slices.Compact(out)
}

func testImport(t *testing.T, s complaint.Store) {
	ctx := context.Background()
	old := newComplaint(t, t0)
	old.Ref.Seq = 100
	got, err := s.Create(ctx, old)
	require.NoError(t, err)
	require.Equal(t, complaint.Reference{Year: 2026, Seq: 100}, got.Ref)

	next := create(t, s, t0.Add(time.Hour))
	require.Greater(t, next.Ref.Seq, 100, "numbers come after imported ones")

	dup := newComplaint(t, t0.Add(2*time.Hour))
	dup.Ref.Seq = 100
	dup.CustomerID = "K-other"
	_, err = s.Create(ctx, dup)
	require.ErrorIs(t, err, complaint.ErrConflict)
	require.Equal(t, "K-1001", get(t, s, old.Ref).CustomerID, "the first stays")
	require.Len(t, all(t, s, complaint.Filter{}), 2)
}

func testCreateInvalid(t *testing.T, s complaint.Store) {
	ctx := context.Background()
	for name, spoil := range map[string]func(*complaint.Complaint){
		"no_year":      func(c *complaint.Complaint) { c.Ref.Year = 0 },
		"year_10000":   func(c *complaint.Complaint) { c.Ref.Year = 10000 },
		"negative_seq": func(c *complaint.Complaint) { c.Ref.Seq = -1 },
		"no_history":   func(c *complaint.Complaint) { c.History = nil },
	} {
		c := newComplaint(t, t0)
		spoil(&c)
		_, err := s.Create(ctx, c)
		require.ErrorIs(t, err, complaint.ErrInvalid, name)
	}
	require.Empty(t, all(t, s, complaint.Filter{}), "nothing was stored")
}

func testNotFound(t *testing.T, s complaint.Store) {
	ctx := context.Background()
	c := create(t, s, t0)
	unknown := complaint.Reference{Year: c.Ref.Year, Seq: c.Ref.Seq + 1000}
	_, err := s.Complaint(ctx, unknown)
	require.ErrorIs(t, err, complaint.ErrNotFound)
	_, err = s.Complaint(ctx, complaint.Reference{Year: 2025, Seq: c.Ref.Seq})
	require.ErrorIs(t, err, complaint.ErrNotFound, "numbers are per year")
	called := false
	_, err = s.Update(ctx, unknown, func(*complaint.Complaint) error { called = true; return nil })
	require.ErrorIs(t, err, complaint.ErrNotFound)
	require.False(t, called, "fn does not run for an unknown reference")
}

func testUpdate(t *testing.T, s complaint.Store) {
	c := create(t, s, t0)
	var ack complaint.Acknowledgement
	got := update(t, s, c.Ref, func(c *complaint.Complaint) (err error) {
		require.Equal(t, int64(1), c.Version, "fn sees the stored version")
		ack, err = policy.Acknowledge(c, desk, t0.Add(time.Hour))
		return err
	})
	require.Equal(t, c.Ref, ack.Ref)
	require.Equal(t, int64(2), got.Version, "one more per update")
	require.Equal(t, complaint.StateAcknowledged, got.State)
	diff(t, "stored", got, get(t, s, c.Ref))

	got = update(t, s, c.Ref, func(c *complaint.Complaint) error {
		c.Version = 99 // the store's, whatever fn does
		return policy.StartInvestigation(c, service, t0.Add(2*time.Hour))
	})
	require.Equal(t, int64(3), got.Version)
	require.Equal(t, int64(3), get(t, s, c.Ref).Version)
}

var errBoom = errors.New("complainttest: the function failed")

func testRollback(t *testing.T, s complaint.Store) {
	c := create(t, s, t0)
	before := get(t, s, c.Ref)
	_, err := s.Update(context.Background(), c.Ref, func(c *complaint.Complaint) error {
		if _, err := policy.Acknowledge(c, desk, t0.Add(time.Hour)); err != nil {
			return err
		}
		c.Details.Files[0] = "overwritten.png"
		c.Details.Files = append(c.Details.Files, "sneaked-in.png")
		c.History[0].Text = "overwritten"
		c.CustomerID = "K-changed"
		return fmt.Errorf("after the step: %w", errBoom)
	})
	require.ErrorIs(t, err, errBoom, "fn's error comes back unchanged")
	diff(t, "after a failed function", before, get(t, s, c.Ref))
}

func testRefusedStep(t *testing.T, s complaint.Store) {
	c := create(t, s, t0)
	before := get(t, s, c.Ref)
	_, err := s.Update(context.Background(), c.Ref, func(c *complaint.Complaint) error {
		return policy.Resolve(c, service, t0.Add(time.Hour), complaint.Decision{Explanation: "too early"})
	})
	require.ErrorIs(t, err, complaint.ErrIllegalTransition)
	diff(t, "after a refused step", before, get(t, s, c.Ref))
}

func testChangeRef(t *testing.T, s complaint.Store) {
	c := create(t, s, t0)
	other := create(t, s, t0.Add(time.Hour))
	before := get(t, s, c.Ref)
	_, err := s.Update(context.Background(), c.Ref, func(x *complaint.Complaint) error {
		x.Ref = other.Ref
		return nil
	})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	diff(t, "after changing the reference", before, get(t, s, c.Ref))
	diff(t, "the other", other, get(t, s, other.Ref))
}

func testIsolation(t *testing.T, s complaint.Store) {
	ctx := context.Background()
	in := newComplaint(t, t0)
	c, err := s.Create(ctx, in)
	require.NoError(t, err)
	want := c.Clone()
	in.Details.Files[0] = "changed after Create"
	in.History[0].Kind = complaint.EventClosed
	c.Details.Files[0] = "changed in the returned value"
	c.History[0].Text = "changed in the returned value"
	diff(t, "after changing what went in and came out of Create", want, get(t, s, c.Ref))

	var kept *complaint.Complaint
	want = update(t, s, c.Ref, func(x *complaint.Complaint) error {
		kept = x
		_, err := policy.Acknowledge(x, desk, t0.Add(time.Hour))
		return errors.Join(err,
			policy.StartInvestigation(x, service, t0.Add(time.Hour)),
			policy.Reject(x, service, t0.Add(time.Hour), complaint.Decision{Explanation: "x", Actions: []string{"a"}}))
	})
	want = want.Clone()
	kept.Details.Files[1] = "changed through fn's pointer"
	kept.History[0].Text = "changed through fn's pointer"
	kept.History[3].Actions[0] = "changed through fn's pointer"
	diff(t, "after changing fn's value", want, get(t, s, c.Ref))

	got := get(t, s, c.Ref)
	got.Details.Files[0] = "changed in a read value"
	got.History[3].Actions[0] = "changed in a read value"
	diff(t, "after changing a read value", want, get(t, s, c.Ref))
	for listed := range s.Complaints(ctx, complaint.Filter{}) {
		listed.History[3].Actions[0] = "changed in a listed value"
	}
	diff(t, "after changing a listed value", want, get(t, s, c.Ref))
}

func testLifecycle(t *testing.T, s complaint.Store) {
	c := create(t, s, t0)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	local := c.Clone()
	steps := []func(*complaint.Complaint) error{
		func(c *complaint.Complaint) error { _, err := policy.Acknowledge(c, desk, at(1)); return err },
		func(c *complaint.Complaint) error { return policy.StartInvestigation(c, service, at(2)) },
		func(c *complaint.Complaint) error {
			return policy.RecordContact(c, service, at(3), complaint.PartyCustomer, "asked for the invoice")
		},
		func(c *complaint.Complaint) error {
			return policy.SendUpdate(c, service, at(50), "waiting for the supplier")
		},
		func(c *complaint.Complaint) error {
			return policy.Extend(c, service, at(60), "the supplier needs a week", at(24*40))
		},
		func(c *complaint.Complaint) error {
			return policy.Reject(c, service, at(100), complaint.Decision{Explanation: "Not covered.", Actions: []string{"Checked the contract", "Called the supplier"}})
		},
		func(c *complaint.Complaint) error { return policy.Escalate(c, at(101), "It is covered.") },
		func(c *complaint.Complaint) error { return policy.AssignReviewer(c, manager, at(102), reviewer) },
		func(c *complaint.Complaint) error {
			return policy.DecideFinal(c, reviewer, at(103), complaint.OutcomeResolved, complaint.Decision{Explanation: "It is covered."})
		},
		func(c *complaint.Complaint) error { return policy.RequestFeedback(c, desk, at(104)) },
		func(c *complaint.Complaint) error { return policy.Close(c, manager, at(105)) },
		func(c *complaint.Complaint) error {
			return policy.RecordFeedback(c, at(106), complaint.Feedback{Rating: 4, Comment: "in the end, fine"})
		},
	}
	for i, step := range steps {
		require.NoError(t, step(&local), "step %d locally", i)
		update(t, s, c.Ref, step)
	}
	got := get(t, s, c.Ref)
	local.Version = int64(1 + len(steps))
	diff(t, "stored after every step", local, got)
	want, err := policy.Timeline(local, at(200))
	require.NoError(t, err)
	stored, err := policy.Timeline(got, at(200))
	require.NoError(t, err)
	diff(t, "timeline of the stored complaint", want, stored)
}

func testComplaints(t *testing.T, s complaint.Store) {
	// Received out of order, two at the same instant.
	a := create(t, s, t0.Add(3*time.Hour))
	b := create(t, s, t0)
	c := create(t, s, t0.Add(time.Hour))
	d := create(t, s, t0.Add(time.Hour))
	e := create(t, s, t0.AddDate(0, 1, 0))
	c = update(t, s, c.Ref, func(x *complaint.Complaint) error {
		_, err := policy.Acknowledge(x, desk, t0.Add(2*time.Hour))
		return err
	})
	refs := func(cs []complaint.Complaint) []complaint.Reference {
		var out []complaint.Reference
		for _, c := range cs {
			out = append(out, c.Ref)
		}
		return out
	}
	// c and d were received at the same instant: by reference then.
	cd := []complaint.Reference{c.Ref, d.Ref}
	if c.Ref.Compare(d.Ref) > 0 {
		cd = []complaint.Reference{d.Ref, c.Ref}
	}
	tests := []struct {
		name string
		f    complaint.Filter
		want []complaint.Reference
	}{
		{"all", complaint.Filter{}, []complaint.Reference{b.Ref, cd[0], cd[1], a.Ref, e.Ref}},
		{"from_is_inclusive", complaint.Filter{ReceivedFrom: t0.Add(time.Hour)}, []complaint.Reference{cd[0], cd[1], a.Ref, e.Ref}},
		{"before_is_exclusive", complaint.Filter{ReceivedBefore: t0.Add(3 * time.Hour)}, []complaint.Reference{b.Ref, cd[0], cd[1]}},
		{"period", complaint.Filter{ReceivedFrom: t0.Add(time.Minute), ReceivedBefore: t0.AddDate(0, 1, 0)}, []complaint.Reference{cd[0], cd[1], a.Ref}},
		{"state", complaint.Filter{States: []complaint.State{complaint.StateAcknowledged}}, []complaint.Reference{c.Ref}},
		{"states", complaint.Filter{States: []complaint.State{complaint.StateAcknowledged, complaint.StateClosed}}, []complaint.Reference{c.Ref}},
		{"nothing", complaint.Filter{States: []complaint.State{complaint.StateClosed}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := all(t, s, tt.f)
			diff(t, "references", tt.want, refs(got))
			for _, c := range got {
				require.True(t, tt.f.Matches(c), "Filter.Matches agrees")
			}
		})
	}
	got := all(t, s, complaint.Filter{States: []complaint.State{complaint.StateAcknowledged}})
	diff(t, "a listed complaint is the stored one", c, got[0])
}

func testComplaintsBreak(t *testing.T, s complaint.Store) {
	for i := range 3 {
		create(t, s, t0.Add(time.Duration(i)*time.Hour))
	}
	n := 0
	for c, err := range s.Complaints(context.Background(), complaint.Filter{}) {
		require.NoError(t, err)
		n++
		// The loop body may call the store.
		update(t, s, c.Ref, func(x *complaint.Complaint) error {
			_, err := policy.Acknowledge(x, desk, t0.Add(5*time.Hour))
			return err
		})
		if n == 2 {
			break
		}
	}
	require.Equal(t, 2, n)
	require.Len(t, all(t, s, complaint.Filter{States: []complaint.State{complaint.StateAcknowledged}}), 2)
}

func testConcurrentCreates(t *testing.T, s complaint.Store) {
	const n = 40
	refs := make([]complaint.Reference, n)
	errs := make([]error, n)
	conformance.Race(n, func(i int) {
		c, err := s.Create(context.Background(), newComplaint(t, t0.Add(time.Duration(i)*time.Second)))
		refs[i], errs[i] = c.Ref, err
	})
	require.NoError(t, errors.Join(errs...))
	require.Len(t, uniq(refs), n, "every complaint has its own reference")
	require.Len(t, all(t, s, complaint.Filter{}), n)
}

func testConcurrentSteps(t *testing.T, s complaint.Store) {
	c := create(t, s, t0)
	c = update(t, s, c.Ref, func(x *complaint.Complaint) error {
		_, err := policy.Acknowledge(x, desk, t0.Add(time.Hour))
		return errors.Join(err, policy.StartInvestigation(x, service, t0.Add(time.Hour)))
	})
	const n = 20
	errs := make([]error, n)
	conformance.Race(n, func(i int) {
		errs[i] = retry(func() error {
			_, err := s.Update(context.Background(), c.Ref, func(x *complaint.Complaint) error {
				return policy.RecordContact(x, service, t0.Add(2*time.Hour), fmt.Sprintf("party-%02d", i), "asked")
			})
			return err
		})
	})
	require.NoError(t, errors.Join(errs...))
	got := get(t, s, c.Ref)
	require.Len(t, got.History, len(c.History)+n, "no contact is lost")
	require.Equal(t, c.Version+n, got.Version)
	var parties []string
	for _, e := range got.History[len(c.History):] {
		parties = append(parties, e.Party)
	}
	slices.Sort(parties)
	require.Len(t, slices.Compact(parties), n, "each contact once")
}

func testConcurrentTransitions(t *testing.T, s complaint.Store) {
	c := create(t, s, t0)
	const n = 10
	errs := make([]error, n)
	conformance.Race(n, func(i int) {
		_, errs[i] = s.Update(context.Background(), c.Ref, func(x *complaint.Complaint) error {
			_, err := policy.Acknowledge(x, complaint.Actor{ID: fmt.Sprintf("p%d", i), Team: "desk"}, t0.Add(time.Hour))
			return err
		})
	})
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case errors.Is(err, complaint.ErrIllegalTransition), errors.Is(err, complaint.ErrConflict):
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	require.Equal(t, 1, won, "exactly one acknowledgement wins")
	got := get(t, s, c.Ref)
	require.Len(t, got.History, 2)
	require.Equal(t, int64(2), got.Version)
}

func testCancelled(t *testing.T, s complaint.Store) {
	c := create(t, s, t0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Create(ctx, newComplaint(t, t0))
	require.ErrorIs(t, err, context.Canceled)
	_, err = s.Complaint(ctx, c.Ref)
	require.ErrorIs(t, err, context.Canceled)
	called := false
	_, err = s.Update(ctx, c.Ref, func(*complaint.Complaint) error { called = true; return nil })
	require.ErrorIs(t, err, context.Canceled)
	require.False(t, called)
	n := 0
	for got, err := range s.Complaints(ctx, complaint.Filter{}) {
		n++
		require.ErrorIs(t, err, context.Canceled)
		diff(t, "with the error", complaint.Complaint{}, got)
	}
	require.Equal(t, 1, n, "the error is yielded once")
	require.Len(t, all(t, s, complaint.Filter{}), 1, "nothing was created")
}

package tickettest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/ticket"
)

// TestStore runs the conformance suite. newStore must return a new, empty
// store each time it is called; it may register cleanups on t. Each check
// runs on its own store.
func TestStore(t *testing.T, newStore func(t *testing.T) ticket.Store) {
	t.Helper()
	conformance.Run(t, newStore,
		conformance.Group[ticket.Store]{Name: "store", Checks: storeTests},
		conformance.Group[ticket.Store]{Name: "outbox", Checks: outboxTests},
		conformance.Group[ticket.Store]{Name: "concurrency", Checks: concurrencyTests},
		conformance.Group[ticket.Store]{Name: "desk", Checks: deskTests},
	)
}

// storeTest is one check of the suite.
type storeTest = conformance.Check[ticket.Store]

// t0 is the suite's "now": a Monday morning, whole seconds, UTC.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

var (
	staff = ticket.Staff("svc-1")
	bg    = context.Background()
)

// cmpOpts compares instants by Equal, so an adapter may return them in
// another location, and treats nil and empty slices alike.
var cmpOpts = cmp.Options{cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }), cmpopts.EquateEmpty()}

func diff(t testing.TB, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got, cmpOpts); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}

// draft is a valid incident draft for customer c.
func draft(c string, edit ...func(*ticket.Draft)) ticket.Draft {
	d := ticket.Draft{
		CustomerID: c, ContactID: c + "-anna", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Priority: ticket.Normal, Subject: "Drucker druckt nicht", Received: t0,
		Participants: []string{"anna@" + c + ".example"},
	}
	for _, e := range edit {
		e(&d)
	}
	return d
}

// create stores a new ticket from d, without notifications.
func create(t testing.TB, s ticket.Store, d ticket.Draft) ticket.Ticket {
	t.Helper()
	tk, err := ticket.NewTicket(d, staff)
	require.NoError(t, err, "NewTicket")
	stored, err := s.Create(bg, tk, nil)
	require.NoError(t, err, "Create")
	return stored
}

// update runs fn on ticket n, retrying on ErrConflict as a host would with
// an optimistic store.
func update(s ticket.Store, n ticket.Number, fn func(*ticket.Ticket) ([]ticket.Notification, error)) (ticket.Ticket, error) {
	for {
		t, err := s.Update(bg, n, fn)
		if !errors.Is(err, ticket.ErrConflict) {
			return t, err
		}
		var dup *ticket.DuplicateError
		if errors.As(err, &dup) {
			return t, err
		}
	}
}

// change is an update function from a Ticket method, without
// notifications.
func change(fn func(t *ticket.Ticket) error) func(*ticket.Ticket) ([]ticket.Notification, error) {
	return func(t *ticket.Ticket) ([]ticket.Notification, error) { return nil, fn(t) }
}

// at returns t0 plus m minutes.
func at(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }

// all collects a sequence, failing on an error.
func all(t testing.TB, s ticket.Store, f ticket.Filter) []ticket.Ticket {
	t.Helper()
	var out []ticket.Ticket
	for tk, err := range s.Tickets(bg, f) {
		require.NoError(t, err, "Tickets")
		out = append(out, tk)
	}
	return out
}

func numbers(ts []ticket.Ticket) []ticket.Number {
	out := make([]ticket.Number, len(ts))
	for i, t := range ts {
		out[i] = t.Number
	}
	return out
}

func pending(t testing.TB, s ticket.Store) []ticket.Notification {
	t.Helper()
	out, err := s.Pending(bg, 0)
	require.NoError(t, err, "Pending")
	return out
}

// errBoom is the error of functions that fail on purpose.
var errBoom = errors.New("boom")

// stored returns ticket n as the store has it.
func stored(t testing.TB, s ticket.Store, n ticket.Number) ticket.Ticket {
	t.Helper()
	got, err := s.Ticket(bg, n)
	require.NoError(t, err, "Ticket %s", n)
	return got
}

// isStored checks that the store holds want under want.Number.
func isStored(t testing.TB, s ticket.Store, what string, want ticket.Ticket) {
	t.Helper()
	diff(t, what, want, stored(t, s, want.Number))
}

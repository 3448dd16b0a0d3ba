package tickettest

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/ticket"
)

// concurrencyTests race writers against each other; run them with -race.
var concurrencyTests = []storeTest{
	{Name: "concurrent_comments_are_all_kept", Run: testNoLostUpdate},
	{Name: "one_of_racing_status_changes_wins", Run: testOneWinner},
	{Name: "concurrent_creates_get_unique_numbers", Run: testUniqueNumbers},
	{Name: "concurrent_creates_with_one_key_store_one", Run: testKeyRace},
	{Name: "concurrent_notifications_are_neither_lost_nor_doubled", Run: testOutboxRace},
}

func testNoLostUpdate(t *testing.T, s ticket.Store) {
	tk := create(t, s, draft("c1"))
	const n = 40
	var mu sync.Mutex
	var errs []error
	conformance.Race(n, func(i int) {
		_, err := update(s, tk.Number, change(func(t *ticket.Ticket) error {
			return t.AddComment(ticket.Comment{At: at(1), By: staff, Body: fmt.Sprint("comment ", i)})
		}))
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	})
	for _, err := range errs {
		require.NoError(t, err)
	}
	got := stored(t, s, tk.Number)
	require.Len(t, got.Comments, n, "every comment is kept")
	require.Equal(t, int64(n+1), got.Version)
	var bodies []string
	for _, c := range got.Comments {
		bodies = append(bodies, c.Body)
	}
	slices.Sort(bodies)
	require.Len(t, slices.Compact(bodies), n, "no comment twice")
}

func testOneWinner(t *testing.T, s ticket.Store) {
	tk := create(t, s, draft("c1"))
	const n = 20
	var mu sync.Mutex
	won, refused := 0, 0
	conformance.Race(n, func(i int) {
		tech := fmt.Sprint("tech-", i)
		_, err := update(s, tk.Number, change(func(t *ticket.Ticket) error {
			if t.Status != ticket.New {
				return &ticket.TransitionError{From: t.Status, To: ticket.Assigned}
			}
			return t.Assign(tech, staff, at(1))
		}))
		mu.Lock()
		defer mu.Unlock()
		var te *ticket.TransitionError
		switch {
		case err == nil:
			won++
		case errors.As(err, &te):
			refused++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	})
	require.Equal(t, 1, won, "exactly one dispatcher assigns the new ticket")
	require.Equal(t, n-1, refused)
	got := stored(t, s, tk.Number)
	require.Equal(t, ticket.Assigned, got.Status)
	var assigned int
	for _, e := range got.Audit {
		if e.Action == ticket.ActionAssigned {
			assigned++
		}
	}
	require.Equal(t, 1, assigned, "the history holds one assignment")
}

func testUniqueNumbers(t *testing.T, s ticket.Store) {
	const n = 100
	nums := make([]ticket.Number, n)
	conformance.Race(n, func(i int) {
		tk, err := ticket.NewTicket(draft(fmt.Sprint("c", i%3)), staff)
		if err == nil {
			tk, err = s.Create(bg, tk, nil)
		}
		if err != nil {
			t.Errorf("Create: %v", err)
		}
		nums[i] = tk.Number
	})
	slices.Sort(nums)
	require.NotContains(t, nums, ticket.Number(0))
	require.Len(t, slices.Compact(slices.Clone(nums)), n, "every number once")
	diff(t, "Tickets yields every ticket in number order", nums, numbers(all(t, s, ticket.Filter{})))
}

func testKeyRace(t *testing.T, s ticket.Store) {
	const n = 20
	var mu sync.Mutex
	created, dups := 0, 0
	conformance.Race(n, func(i int) {
		tk, err := ticket.NewTicket(draft("c1", func(d *ticket.Draft) { d.IdempotencyKey = "mail:once@example" }), staff)
		if err == nil {
			_, err = s.Create(bg, tk, func(*ticket.Ticket) ([]ticket.Notification, error) {
				return []ticket.Notification{note(ticket.EventConfirmation, "anna@c1.example")}, nil
			})
		}
		mu.Lock()
		defer mu.Unlock()
		var dup *ticket.DuplicateError
		switch {
		case err == nil:
			created++
		case errors.As(err, &dup):
			dups++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	})
	require.Equal(t, 1, created)
	require.Equal(t, n-1, dups)
	require.Len(t, all(t, s, ticket.Filter{}), 1)
	require.Len(t, pending(t, s), 1, "only the winner's notification")
}

func testOutboxRace(t *testing.T, s ticket.Store) {
	a := create(t, s, draft("c1"))
	b := create(t, s, draft("c2"))
	const n = 30
	conformance.Race(n, func(i int) {
		target := a.Number
		if i%2 == 1 {
			target = b.Number
		}
		fail := i%3 == 0
		_, err := update(s, target, func(t *ticket.Ticket) ([]ticket.Notification, error) {
			out := []ticket.Notification{note(ticket.EventStatusChanged, fmt.Sprint("r", i, "@c1.example"))}
			if fail {
				return out, errBoom
			}
			return out, nil
		})
		if fail != errors.Is(err, errBoom) || !fail && err != nil {
			t.Errorf("update %d: %v", i, err)
		}
	})
	got := pending(t, s)
	var want, recipients []string
	for i := range n {
		if i%3 != 0 {
			want = append(want, fmt.Sprint("r", i, "@c1.example"))
		}
	}
	ids := map[uint64]bool{}
	for _, p := range got {
		recipients = append(recipients, p.Recipient)
		require.False(t, ids[p.ID], "ID %d twice", p.ID)
		ids[p.ID] = true
	}
	slices.Sort(want)
	slices.Sort(recipients)
	diff(t, "recipients of committed changes, once each", want, recipients)
	require.True(t, slices.IsSortedFunc(got, func(x, y ticket.Notification) int { return cmp.Compare(x.ID, y.ID) }), "Pending is in ID order")
}

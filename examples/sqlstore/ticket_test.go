package sqlstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
	"github.com/deskcore/deskcore/ticket/tickettest"
)

func TestTicketStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		tickettest.TestStore(t, func(t *testing.T) ticket.Store { return e.open(t).Tickets() })
	})
}

// A ticket's Update holds its row until it commits: a second Update of the
// ticket waits and then sees the first one's commit, with no retry. On
// PostgreSQL the lock is the row's, so an Update of another ticket goes on
// meanwhile; on SQLite the single writer serialises every write.
func TestTicketUpdateHoldsTheRow(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t).Tickets()
		var made [2]ticket.Ticket
		for i := range made {
			tk, err := ticket.NewTicket(ticket.Draft{CustomerID: "C", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
				Subject: "Drucker", Received: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}, ticket.Staff("svc-1"))
			require.NoError(t, err)
			made[i], err = s.Create(ctx, tk, nil)
			require.NoError(t, err)
		}
		subject := func(v string) func(*ticket.Ticket) ([]ticket.Notification, error) {
			return func(t *ticket.Ticket) ([]ticket.Notification, error) { t.Subject += v; return nil, nil }
		}

		inside, release := make(chan struct{}), make(chan struct{})
		// Released on failure too, so the open transaction ends before
		// the cleanup drops the database.
		releaseOnce := sync.OnceFunc(func() { close(release) })
		defer releaseOnce()
		calls := 0
		first := make(chan error, 1)
		go func() {
			_, err := s.Update(ctx, made[0].Number, func(t *ticket.Ticket) ([]ticket.Notification, error) {
				calls++
				close(inside)
				<-release
				return subject(" 1")(t)
			})
			first <- err
		}()
		<-inside

		var seen int64
		second := make(chan error, 1)
		go func() {
			_, err := s.Update(ctx, made[0].Number, func(t *ticket.Ticket) ([]ticket.Notification, error) {
				seen = t.Version
				return subject(" 2")(t)
			})
			second <- err
		}()
		other := make(chan error, 1)
		go func() { _, err := s.Update(ctx, made[1].Number, subject(" x")); other <- err }()

		if e.postgres {
			err, ok := done(other, 10*time.Second)
			require.True(t, ok, "an update of another ticket must not wait for the row lock of the first")
			require.NoError(t, err)
		}
		_, ok := done(second, 300*time.Millisecond)
		require.False(t, ok, "the second update of the ticket did not wait for the first")

		releaseOnce()
		require.NoError(t, <-first)
		require.NoError(t, <-second)
		require.Equal(t, 1, calls, "the first update ran once")
		require.Equal(t, int64(2), seen, "the second update saw the first one's commit")
		got, err := s.Ticket(ctx, made[0].Number)
		require.NoError(t, err)
		require.Equal(t, int64(3), got.Version)
		require.Equal(t, "Drucker 1 2", got.Subject)
		if !e.postgres {
			require.NoError(t, <-other)
		}
	})
}

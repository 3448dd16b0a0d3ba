package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// noDirectory knows no contacts and names no recipients.
type noDirectory struct{}

func (noDirectory) ContactByEmail(context.Context, string) (ticket.Contact, error) {
	return ticket.Contact{}, ticket.ErrNotFound
}

func (noDirectory) Recipients(context.Context, string) (ticket.Recipients, error) {
	return ticket.Recipients{}, nil
}

// BenchmarkServiceLevelWatch is one run of the SLA watch on a desk of
// 20,000 closed tickets and 200 unresolved ones, none of them due:
// watch reads the unresolved tickets through the status index and
// computes their clocks; read_all reads every ticket, as a watch without
// the status filter would.
func BenchmarkServiceLevelWatch(b *testing.B) {
	const closed, open = 20_000, 200
	now := time.Date(2026, 6, 8, 9, 0, 0, 0, time.UTC)
	policy, err := sla.NewPolicy(sla.PolicyConfig{Name: "normal", Targets: []sla.PolicyTarget{
		{Name: sla.FirstResponse, Target: sla.MustParseTarget("4h clock")},
		{Name: sla.Resolution, Target: sla.MustParseTarget("16h clock")},
	}}, sla.Calendars{})
	require.NoError(b, err)
	agreements := func(context.Context, string) (ticket.Agreements, error) {
		return ticket.Agreements{Default: sla.Agreement{Policies: map[string]*sla.Policy{"normal": policy}}}, nil
	}
	for _, e := range benchEngines(b) {
		b.Run(fmt.Sprintf("%s/closed=%d/unresolved=%d", e.name, closed, open), func(b *testing.B) {
			ctx := context.Background()
			db, err := e.open(ctx, e.fresh(b))
			require.NoError(b, err)
			b.Cleanup(func() { _ = db.Close() })
			store := db.Tickets()
			seedTickets(b, store, closed, open, now)
			desk, err := ticket.NewDesk(store, noDirectory{}, ticket.Config{})
			require.NoError(b, err)

			b.Run("watch", func(b *testing.B) {
				for range b.N {
					for _, err := range desk.WatchServiceLevels(ctx, agreements, now) {
						require.NoError(b, err)
					}
				}
			})
			b.Run("read_all", func(b *testing.B) {
				for range b.N {
					n := 0
					for _, err := range store.Tickets(ctx, ticket.Filter{}) {
						require.NoError(b, err)
						n++
					}
					require.Equal(b, closed+open, n)
				}
			})
		})
	}
}

// seedTickets stores closed tickets received a year before now and open
// ones received an hour before, with four goroutines, each ticket in its
// own transaction, in the order they interleave.
func seedTickets(b *testing.B, s ticket.Store, closed, open int, now time.Time) {
	ctx := context.Background()
	total := closed + open
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < total; i += 4 {
				received := now.Add(-time.Hour)
				if i%(total/open) != 0 {
					received = now.AddDate(-1, 0, 0)
				}
				t, err := ticket.NewTicket(ticket.Draft{CustomerID: fmt.Sprintf("C-%03d", i%100), Kind: ticket.Incident,
					Channel: ticket.ChannelPhone, Subject: "Drucker druckt nicht", Description: "Seit heute früh.",
					Received: received}, ticket.Staff("svc-1"))
				if err == nil && received.Before(now.Add(-time.Hour)) {
					t.Status, t.RespondedAt, t.ResolvedAt, t.ClosedAt = ticket.Closed, received, received, received
				}
				if err == nil {
					_, err = s.Create(ctx, t, nil)
				}
				if err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

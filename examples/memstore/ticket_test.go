package memstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/deskcore/deskcore/examples/memstore"
	"github.com/deskcore/deskcore/ticket"
	"github.com/deskcore/deskcore/ticket/tickettest"
)

func TestTicketStore(t *testing.T) {
	tickettest.TestStore(t, func(*testing.T) ticket.Store { return memstore.NewTicketStore() })
}

// ticketDirectory knows 1000 contacts, c0@customer0.example to
// c999@customer999.example, each of their own customer, who wants no
// notifications but the confirmation.
type ticketDirectory struct{}

func (ticketDirectory) ContactByEmail(_ context.Context, addr string) (ticket.Contact, error) {
	var n int
	if _, err := fmt.Sscanf(addr, "c%d@", &n); err != nil {
		return ticket.Contact{}, ticket.ErrNotFound
	}
	return ticket.Contact{ID: fmt.Sprint("c", n), CustomerID: fmt.Sprint("customer", n), Email: addr}, nil
}

func (ticketDirectory) Recipients(context.Context, string) (ticket.Recipients, error) {
	return ticket.Recipients{}, nil
}

// BenchmarkIntakeMail takes mail into a store that holds a million
// tickets already: new mails that open incidents (a confirmation each)
// and replies that thread into existing tickets by their Message-ID.
func BenchmarkIntakeMail(b *testing.B) {
	const n = 1_000_000
	s := memstore.NewTicketStore()
	desk, err := ticket.NewDesk(s, ticketDirectory{}, ticket.Config{Mail: ticket.MailConfig{Domain: "desk.example"}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := range n {
		c := i % 1000
		tk, err := ticket.NewTicket(ticket.Draft{CustomerID: fmt.Sprint("customer", c), ContactID: fmt.Sprint("c", c),
			Kind: ticket.Incident, Channel: ticket.ChannelEmail, Subject: "Drucker", Received: t0,
			Participants: []string{fmt.Sprintf("c%d@customer%d.example", c, c)}}, ticket.System("import"))
		if err != nil {
			b.Fatal(err)
		}
		tk.MessageIDs = []string{fmt.Sprintf("t%d.1@desk.example", i+1)}
		if _, err := s.Create(ctx, tk, nil); err != nil {
			b.Fatal(err)
		}
	}
	i := 0 // counts mails across runs of the sub-benchmarks, for unique Message-IDs
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			c := i % 1000
			out, err := desk.IntakeMail(ctx, ticket.Message{From: fmt.Sprintf("c%d@customer%d.example", c, c), Subject: "Server down",
				Body: "seit 8 Uhr", MessageID: fmt.Sprintf("<new%d@customer%d.example>", i, c), Received: t0.Add(time.Hour)})
			if err != nil || out.Action != ticket.MailCreated {
				b.Fatal(out.Action, out.Reason, err)
			}
			i++
		}
	})
	b.Run("reply", func(b *testing.B) {
		for b.Loop() {
			num := i%n + 1
			c := (num - 1) % 1000
			out, err := desk.IntakeMail(ctx, ticket.Message{From: fmt.Sprintf("c%d@customer%d.example", c, c), Subject: "AW: Drucker",
				Body: "immer noch", MessageID: fmt.Sprintf("<re%d@customer%d.example>", i, c),
				InReplyTo: fmt.Sprintf("<t%d.1@desk.example>", num), Received: t0.Add(time.Hour)})
			if err != nil || out.Action != ticket.MailThreaded {
				b.Fatal(out.Action, out.Reason, err)
			}
			i++
		}
	})
}

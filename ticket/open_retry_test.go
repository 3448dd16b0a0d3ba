package ticket_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/deskcore/deskcore/ticket"
)

func TestOpenRetryReturnsTheTicketAndOtherContentIsAConflict(t *testing.T) {
	ctx := context.Background()
	desk, err := ticket.NewDesk(&store{}, directory{}, ticket.Config{})
	if err != nil {
		t.Fatal(err)
	}
	call := ticket.Draft{
		CustomerID: "wdf", Kind: ticket.Incident, Channel: ticket.ChannelPhone, Subject: "Drucker",
		Received: time.Date(2026, 3, 2, 9, 5, 0, 0, time.UTC), IdempotencyKey: "call-1",
	}
	first, err := desk.Open(ctx, call, ticket.Staff("svc"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := desk.Open(ctx, call, ticket.Staff("other-staff"))
	if err != nil || again.Number != first.Number {
		t.Fatalf("retry: ticket %v, %v; want ticket %v", again.Number, err, first.Number)
	}
	for name, change := range map[string]func(*ticket.Draft){
		"subject":  func(d *ticket.Draft) { d.Subject = "Scanner" },
		"priority": func(d *ticket.Draft) { d.Priority = ticket.Critical },
		"received": func(d *ticket.Draft) { d.Received = d.Received.Add(time.Minute) },
		"customer": func(d *ticket.Draft) { d.CustomerID = "other" },
	} {
		t.Run("other_"+name+"_is_a_conflict", func(t *testing.T) {
			other := call
			change(&other)
			_, err := desk.Open(ctx, other, ticket.Staff("svc"))
			var dup *ticket.DuplicateError
			if !errors.As(err, &dup) || !errors.Is(err, ticket.ErrConflict) {
				t.Fatalf("error %v, want a *DuplicateError", err)
			}
			if dup.Existing.Number != first.Number || dup.Requested.Subject != other.Subject || dup.Requested.CustomerID != other.CustomerID {
				t.Errorf("the error carries ticket %v and draft %+v; want both versions", dup.Existing.Number, dup.Requested)
			}
		})
	}
}

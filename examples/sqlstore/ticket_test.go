package sqlstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/ticket"
	"github.com/deskcore/deskcore/ticket/tickettest"
)

func TestTicketStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		tickettest.TestStore(t, func(t *testing.T) ticket.Store { return e.open(t).Tickets() })
	})
}

package memstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/examples/memstore"
	"github.com/deskcore/deskcore/ticket"
	"github.com/deskcore/deskcore/ticket/tickettest"
)

func TestTicketStore(t *testing.T) {
	tickettest.TestStore(t, func(*testing.T) ticket.Store { return memstore.NewTicketStore() })
}

package sqlstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/ticket"
)

// FuzzStoresKeepWhatTheDomainAccepts sends fuzzed instants, dates and
// decimals through the domain into SQLite: a quota contract with a start
// day, a price and an overage rate, and a ticket received at an instant.
// Whatever the domain accepts, the store reads back as it was; whatever
// it refuses, the store never sees; and after every round every contract
// and every ticket stored so far can still be read. (A rate of 1e-17000 or
// a ticket received in the year 12026 used to be stored and leave the
// contract, or the listing, unreadable.)
func FuzzStoresKeepWhatTheDomainAccepts(f *testing.F) {
	f.Add(int64(739616), "950.00", "95.00", int64(1767258000), int64(0))
	f.Add(int64(739616), "950.00", "1e-17000", int64(317335000000), int64(0))
	f.Add(int64(3652059), "1e13", "0.00001", int64(-62135596801), int64(999999999))
	f.Add(int64(-1), "-1", "1e400", int64(253402300799), int64(1))
	ctx := context.Background()
	db, err := sqlstore.OpenSQLite(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	ledger, err := quota.NewLedger(db.Quota(), quota.Config{})
	if err != nil {
		f.Fatal(err)
	}
	tickets := db.Tickets()
	round := 0
	f.Fuzz(func(t *testing.T, startDay int64, price, rate string, unix, nanos int64) {
		round++
		dec := func(s string) decimal.Decimal {
			v, err := decimal.NewFromString(s)
			if err != nil {
				return decimal.Zero
			}
			return v
		}
		start := date.Date(startDay)
		c := quota.Contract{ID: fmt.Sprintf("K-%d", round), CustomerID: "C-1", Start: start, Terms: []quota.Terms{{
			From: quota.PeriodOf(start), Hours: 10 * time.Hour, Price: dec(price), OverageRate: dec(rate),
		}}}
		if _, err := ledger.Open(ctx, c); err == nil {
			got, err := ledger.Account(ctx, c.ID)
			if err != nil {
				t.Fatalf("contract %s accepted, not read back: %v", c.ID, err)
			}
			if got.Contract.Start != c.Start || !got.Contract.Terms[0].Price.Equal(c.Terms[0].Price) || !got.Contract.Terms[0].OverageRate.Equal(c.Terms[0].OverageRate) {
				t.Fatalf("stored %+v, read back %+v", c, got.Contract)
			}
		} else if _, err := ledger.Account(ctx, c.ID); err == nil {
			t.Fatalf("refused contract %s was stored", c.ID)
		}

		received := time.Unix(unix, nanos)
		tk, err := ticket.NewTicket(ticket.Draft{CustomerID: "C-1", Kind: ticket.Incident, Channel: ticket.ChannelPhone, Subject: "x", Received: received}, ticket.System("fuzz"))
		if err == nil {
			stored, err := tickets.Create(ctx, tk, nil)
			if err != nil {
				t.Fatalf("ticket received at %v accepted by the domain, refused by the store: %v", received, err)
			}
			back, err := tickets.Ticket(ctx, stored.Number)
			if err != nil || !back.Received.Equal(received) {
				t.Fatalf("ticket received at %v read back as %v (%v)", received, back.Received, err)
			}
		}

		for id, err := range db.Quota().Contracts(ctx) {
			if err != nil {
				t.Fatalf("listing contracts: %v", err)
			}
			if _, err := ledger.Account(ctx, id); err != nil {
				t.Fatalf("contract %s is no longer readable: %v", id, err)
			}
		}
		for _, err := range tickets.Tickets(ctx, ticket.Filter{}) {
			if err != nil {
				t.Fatalf("listing tickets: %v", err)
			}
		}
	})
}

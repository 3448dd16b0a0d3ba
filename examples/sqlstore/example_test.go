package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
)

// A host opens an embedded SQLite file and runs the quota ledger and the
// complaint procedure on it. What it stored is there when the file is
// opened again.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "deskcore-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "deskcore.db")

	db, err := sqlstore.OpenSQLite(ctx, file)
	if err != nil {
		fmt.Println(err)
		return
	}
	ledger, err := quota.NewLedger(db.Quota(), quota.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = ledger.Open(ctx, quota.Contract{
		ID: "K-1001", CustomerID: "C-17", Start: date.New(2026, time.January, 1),
		Terms: []quota.Terms{{
			From: quota.MustParsePeriod("2026-01"), Hours: 100 * time.Hour,
			Price: decimal.RequireFromString("8500.00"), OverageRate: decimal.RequireFromString("95.00"),
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, hours := range []time.Duration{40 * time.Hour, 30 * time.Hour} {
		c := quota.Consumption{Key: fmt.Sprint("work-", i), Date: date.New(2026, time.January, 12+i), Hours: hours, Ref: "T-4711"}
		if _, err := ledger.Consume(ctx, "K-1001", c); err != nil {
			fmt.Println(err)
			return
		}
	}
	res, err := ledger.Close(ctx, "K-1001", quota.MustParsePeriod("2026-01"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("January closed, carried:", quota.FormatHours(res.Closing))

	policy, _ := complaint.NewPolicy(complaint.Preset24h(), nil)
	c, err := policy.NewComplaint(complaint.Intake{
		Type: complaint.TypeService, CustomerID: "C-17", ReceivedAt: time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC),
		Details: complaint.Details{TicketNumber: "T-4711", Description: "The technician did not come."},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if c, err = db.Complaints().Create(ctx, c); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("complaint received:", c.Ref)
	if err := db.Close(); err != nil {
		fmt.Println(err)
		return
	}

	// Reopening applies no migration again and finds everything.
	db, err = sqlstore.OpenSQLite(ctx, file)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	ledger, err = quota.NewLedger(db.Quota(), quota.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := ledger.Statement(ctx, "K-1001", quota.MustParsePeriod("2026-01"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range st.Entries {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%d %s %-11s %6s %s", e.Seq, e.Date, e.Kind, quota.FormatHours(e.Hours), e.Ref)))
	}
	again, err := db.Complaints().Complaint(ctx, c.Ref)
	fmt.Println(again.Ref, again.State, err)
	// Output:
	// January closed, carried: 30h
	// complaint received: CMP-2026-00001
	// 1 2026-01-01 allotment     100h
	// 2 2026-01-12 consumption   -40h T-4711
	// 3 2026-01-13 consumption   -30h T-4711
	// CMP-2026-00001 received <nil>
}

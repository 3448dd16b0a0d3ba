package month_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/deskcore/deskcore/examples/quickstart/month"
	"github.com/deskcore/deskcore/examples/sqlstore"
)

// Play leaves the month's customer, with the portal logins onboarding gave
// its contacts, for a program to go on from.
func ExamplePlay() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "month-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	db, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "deskcore.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	world, err := month.Play(ctx, db, io.Discard)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(world.Customer.Name, world.Customer.Quota)
	for _, c := range world.Customer.Contacts {
		fmt.Println(c.ID, c.Level)
	}
	// Output:
	// Möbel Kruse GmbH K-2026-017
	// anna extended
	// tom report
}

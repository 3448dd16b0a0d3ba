package erp_test

import (
	"context"
	"fmt"
)

// A month-end: deskcore bills March, the ERP books each invoice draft
// under its own number and tells deskcore the number. Run again, deskcore
// finds everything billed and yields no drafts; CatchUp, which looks the
// run's drafts up in the store, finds both booked and books nothing.
func ExampleSync_BookRun() {
	ctx := context.Background()
	desk, err := newDesk(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer desk.journal.Close()

	sum, err := desk.sync.BookRun(ctx, march)
	fmt.Printf("first run:  booked %d, known %d, err %v\n", sum.Booked, sum.Known, err)
	sum, err = desk.sync.BookRun(ctx, march)
	fmt.Printf("second run: booked %d, known %d, err %v\n", sum.Booked, sum.Known, err)
	sum, err = desk.sync.CatchUp(ctx, march)
	fmt.Printf("catch-up:   booked %d, known %d, err %v\n", sum.Booked, sum.Known, err)

	bookings, err := desk.journal.Bookings(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range bookings {
		fmt.Printf("%s %d %s %9s %8s %9s  %s\n", b.DocumentNo, b.DebtorAccount, b.BookingDate, b.Net, b.VAT, b.Gross, b.Reference)
	}
	inv, _ := desk.store.Invoice(ctx, bookings[0].SourceID)
	fmt.Println("deskcore:", inv.ID, "is", inv.Number)
	// Output:
	// first run:  booked 2, known 0, err <nil>
	// second run: booked 0, known 0, err <nil>
	// catch-up:   booked 0, known 2, err <nil>
	// RE-2026-00001 10001 2026-04-01    237.50    45.13    282.63  Servicebericht SR/2026-03/C-1
	// RE-2026-00002 10002 2026-04-01   9500.00  1805.00  11305.00  Kontingent K-2 2026-03
	// deskcore: INV/2026-03/C-1 is RE-2026-00001
}

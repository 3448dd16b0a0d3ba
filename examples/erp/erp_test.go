package erp_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/examples/erp"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
)

func setUp(t *testing.T) (context.Context, *desk) {
	t.Helper()
	ctx := context.Background()
	dk, err := newDesk(ctx)
	require.NoError(t, err)
	t.Cleanup(func() { dk.journal.Close() })
	return ctx, dk
}

// drain runs the billing run without the ERP: deskcore stores the
// reports and drafts, and the process "dies" before booking them.
func drain(t *testing.T, ctx context.Context, dk *desk) {
	t.Helper()
	for _, err := range dk.biller.Run(ctx, march) {
		require.NoError(t, err)
	}
}

// The scenario's bookings, counted by hand:
//
// C-1, units of 15 minutes rounded up per entry, 95.00 an hour:
// W-1 1h30m = 6 units = 90 min; W-2 50m = 4 units (3 would be 45m) =
// 60 min. Net 150 min × 95.00 / 60 = 237.50. VAT 19 %: 45.125, half away
// from zero 45.13. Gross 237.50 + 45.13 = 282.63.
//
// C-2's 2h are booked on its quota, so its report has no charges and no
// invoice; the fee is 9500.00, VAT 19 % 1805.00, gross 11305.00.
func wantMarch(confirmed bool) []erp.Booking {
	return []erp.Booking{
		{DocumentNo: "RE-2026-00001", SourceID: "INV/2026-03/C-1", DebtorAccount: 10001, BookingDate: d(2026, 4, 1),
			Net: 23750, VAT: 4513, Gross: 28263, Reference: "Servicebericht SR/2026-03/C-1", Confirmed: confirmed},
		{DocumentNo: "RE-2026-00002", SourceID: "INV/K-2/2026-03/fee", DebtorAccount: 10002, BookingDate: d(2026, 4, 1),
			Net: 950000, VAT: 180500, Gross: 1130500, Reference: "Kontingent K-2 2026-03", Confirmed: confirmed},
	}
}

// summaryIs returns a check that a pass succeeded with the summary want:
// summaryIs(t, erp.Summary{Booked: 2})(dk.sync.CatchUp(ctx, march)).
func summaryIs(t *testing.T, want erp.Summary) func(erp.Summary, error) {
	return func(got erp.Summary, err error) {
		t.Helper()
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
}

func bookings(t *testing.T, ctx context.Context, dk *desk) []erp.Booking {
	t.Helper()
	got, err := dk.journal.Bookings(ctx)
	require.NoError(t, err)
	return got
}

// journalIs checks the journal's bookings against want.
func journalIs(t *testing.T, ctx context.Context, j *erp.Journal, want []erp.Booking) {
	t.Helper()
	got, err := j.Bookings(ctx)
	require.NoError(t, err)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("bookings mismatch (-want +got):\n%s", diff)
	}
}

func TestBookRunBooksExactAmountsOnce(t *testing.T) {
	ctx, dk := setUp(t)
	summaryIs(t, erp.Summary{Booked: 2})(dk.sync.BookRun(ctx, march))
	journalIs(t, ctx, dk.journal, wantMarch(true))

	// deskcore has the ERP's numbers, and C-1's work is invoiced.
	for _, b := range wantMarch(true) {
		inv, err := dk.store.Invoice(ctx, b.SourceID)
		require.NoError(t, err)
		require.Equal(t, b.DocumentNo, inv.Number, inv.ID)
	}
	w1, err := dk.store.Entry(ctx, "W-1")
	require.NoError(t, err)
	require.Equal(t, billing.Invoiced, w1.State)

	// Re-running books nothing and spends no number.
	summaryIs(t, erp.Summary{})(dk.sync.BookRun(ctx, march))
	summaryIs(t, erp.Summary{Known: 2})(dk.sync.CatchUp(ctx, march))
	journalIs(t, ctx, dk.journal, wantMarch(true))
}

// The same month-end with deskcore's stores on SQLite (examples/sqlstore)
// and the ERP's journal in a file of its own: the ERP code does not change.
func TestBookRunOnSQLStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "deskcore.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	dk, err := newDeskOn(ctx, db.Billing(), db.Quota(), filepath.Join(dir, "erp.db"))
	require.NoError(t, err)
	t.Cleanup(func() { dk.journal.Close() })

	summaryIs(t, erp.Summary{Booked: 2})(dk.sync.BookRun(ctx, march))
	summaryIs(t, erp.Summary{})(dk.sync.BookRun(ctx, march))
	summaryIs(t, erp.Summary{Known: 2})(dk.sync.CatchUp(ctx, march))
	journalIs(t, ctx, dk.journal, wantMarch(true))
	inv, err := dk.store.Invoice(ctx, "INV/2026-03/C-1")
	require.NoError(t, err)
	require.Equal(t, "RE-2026-00001", inv.Number)
}

// The process died after deskcore stored the drafts and before the ERP
// booked them: a re-run of the billing run yields nothing, CatchUp books
// them, once.
func TestCatchUpBooksDraftsStoredBeforeACrash(t *testing.T) {
	ctx, dk := setUp(t)
	drain(t, ctx, dk)

	// deskcore finds the run billed and yields no drafts.
	summaryIs(t, erp.Summary{})(dk.sync.BookRun(ctx, march))
	require.Empty(t, bookings(t, ctx, dk))

	summaryIs(t, erp.Summary{Booked: 2})(dk.sync.CatchUp(ctx, march))
	summaryIs(t, erp.Summary{Known: 2})(dk.sync.CatchUp(ctx, march))
	journalIs(t, ctx, dk.journal, wantMarch(true))
}

// Two ERP processes catching up at once book each draft once: the journal
// checks the source ID and takes the next number in one transaction.
func TestConcurrentCatchUpsBookEachDraftOnce(t *testing.T) {
	ctx, dk := setUp(t)
	drain(t, ctx, dk)
	const workers = 8
	sums := make([]erp.Summary, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() { sums[i], errs[i] = dk.sync.CatchUp(ctx, march) })
	}
	wg.Wait()
	var total erp.Summary
	for i := range workers {
		require.NoError(t, errs[i])
		total.Booked += sums[i].Booked
		total.Known += sums[i].Known
	}
	require.Equal(t, erp.Summary{Booked: 2, Known: 2*workers - 2}, total)
	journalIs(t, ctx, dk.journal, wantMarch(true))
}

// The process died between the ERP's booking and MarkInvoiced: Confirm
// tells deskcore the number, once.
func TestConfirmReportsANumberDeskcoreMissed(t *testing.T) {
	ctx, dk := setUp(t)
	drain(t, ctx, dk)
	inv, err := dk.store.Invoice(ctx, "INV/2026-03/C-1")
	require.NoError(t, err)
	b, err := erp.BookingOf(inv, 10001)
	require.NoError(t, err)
	b, booked, err := dk.journal.Book(ctx, b)
	require.NoError(t, err)
	require.True(t, booked)
	require.Equal(t, "RE-2026-00001", b.DocumentNo)

	n, err := dk.sync.Confirm(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	inv, err = dk.store.Invoice(ctx, "INV/2026-03/C-1")
	require.NoError(t, err)
	require.Equal(t, "RE-2026-00001", inv.Number)
	n, err = dk.sync.Confirm(ctx)
	require.NoError(t, err)
	require.Zero(t, n)

	// The fee is still to book; C-1's invoice is known.
	summaryIs(t, erp.Summary{Booked: 1, Known: 1})(dk.sync.CatchUp(ctx, march))
	journalIs(t, ctx, dk.journal, wantMarch(true))
}

// A customer the ERP has no debtor for is booked by nothing; once the
// debtor exists, CatchUp books it.
func TestUnknownDebtorBooksNothingUntilCaughtUp(t *testing.T) {
	ctx, dk := setUp(t)
	bare, err := erp.OpenJournal(ctx, ":memory:")
	require.NoError(t, err)
	defer bare.Close()
	s := erp.Sync{Journal: bare, Biller: dk.biller, Store: dk.store}

	sum, err := s.BookRun(ctx, march)
	require.ErrorIs(t, err, erp.ErrUnknownDebtor)
	require.Equal(t, erp.Summary{}, sum)
	got, err := bare.Bookings(ctx)
	require.NoError(t, err)
	require.Empty(t, got)

	require.NoError(t, bare.AddDebtor(ctx, "C-1", "", 10001, "Autohaus Beispiel GmbH"))
	require.NoError(t, bare.AddDebtor(ctx, "C-2", "", 10002, "Praxis Dr. Muster"))
	summaryIs(t, erp.Summary{Booked: 2})(s.CatchUp(ctx, march))
	journalIs(t, ctx, bare, wantMarch(true))
}

// The mapping on its own, one row per kind of draft and per refusal.
func TestBookingOf(t *testing.T) {
	march := quota.MustParsePeriod("2026-03")
	totals := func(net, vat, gross string) billing.DocumentTotals {
		return billing.DocumentTotals{Net: dec(net), VATTotal: dec(vat), Gross: dec(gross)}
	}
	tests := []struct {
		name    string
		inv     billing.InvoiceDraft
		want    erp.Booking
		wantErr bool
	}{
		{"service_invoice_shows_only_the_report_id",
			billing.InvoiceDraft{ID: "INV/2026-03/C-1/B-2", Kind: billing.InvoiceService, ReportID: "SR/2026-03/C-1/B-2",
				Issued: d(2026, 4, 1), Totals: totals("237.50", "45.13", "282.63")},
			erp.Booking{SourceID: "INV/2026-03/C-1/B-2", DebtorAccount: 7, BookingDate: d(2026, 4, 1),
				Net: 23750, VAT: 4513, Gross: 28263, Reference: "Servicebericht SR/2026-03/C-1/B-2"}, false},
		// A reversal's credit is booked negative.
		{"service_credit_is_negative",
			billing.InvoiceDraft{ID: "INV/2026-04/C-1", Kind: billing.InvoiceService, ReportID: "SR/2026-04/C-1",
				Issued: d(2026, 5, 1), Totals: totals("-95.00", "-18.05", "-113.05")},
			erp.Booking{SourceID: "INV/2026-04/C-1", DebtorAccount: 7, BookingDate: d(2026, 5, 1),
				Net: -9500, VAT: -1805, Gross: -11305, Reference: "Servicebericht SR/2026-04/C-1"}, false},
		{"quota_fee_names_contract_and_month",
			billing.InvoiceDraft{ID: "INV/K-2/2026-03/fee", Kind: billing.InvoiceQuotaFee, QuotaContractID: "K-2", Period: march,
				Issued: d(2026, 4, 1), Totals: totals("9500", "1805", "11305")},
			erp.Booking{SourceID: "INV/K-2/2026-03/fee", DebtorAccount: 7, BookingDate: d(2026, 4, 1),
				Net: 950000, VAT: 180500, Gross: 1130500, Reference: "Kontingent K-2 2026-03"}, false},
		// 12h30m over at 95.00: 1187.50; VAT 225.625 -> 225.63.
		{"quota_correction_names_contract_and_month",
			billing.InvoiceDraft{ID: "INV/K-2/2026-03/correction", Kind: billing.InvoiceQuotaCorrection, QuotaContractID: "K-2", Period: march,
				Issued: d(2026, 4, 1), Totals: totals("1187.50", "225.63", "1413.13")},
			erp.Booking{SourceID: "INV/K-2/2026-03/correction", DebtorAccount: 7, BookingDate: d(2026, 4, 1),
				Net: 118750, VAT: 22563, Gross: 141313, Reference: "Kontingent-Korrektur K-2 2026-03"}, false},
		{"fractions_of_a_cent_are_refused",
			billing.InvoiceDraft{ID: "X", Kind: billing.InvoiceService, Totals: totals("1.005", "0", "1.005")}, erp.Booking{}, true},
		{"totals_that_do_not_add_up_are_refused",
			billing.InvoiceDraft{ID: "X", Kind: billing.InvoiceService, Totals: totals("100.00", "19.00", "119.01")}, erp.Booking{}, true},
		{"unknown_kind_is_refused",
			billing.InvoiceDraft{ID: "X", Totals: totals("1", "0", "1")}, erp.Booking{}, true},
		{"missing_id_is_refused",
			billing.InvoiceDraft{Kind: billing.InvoiceService, Totals: totals("1", "0", "1")}, erp.Booking{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := erp.BookingOf(tt.inv, 7)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("BookingOf mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCentsString(t *testing.T) {
	for _, tt := range []struct {
		c    erp.Cents
		want string
	}{{0, "0.00"}, {5, "0.05"}, {-5, "-0.05"}, {123456, "1234.56"}, {-28263, "-282.63"}} {
		require.Equal(t, tt.want, tt.c.String(), "Cents(%d)", int64(tt.c))
	}
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/einvoice"
	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// The README's first command runs the month to the end on SQLite; the
// facts a reader would check are read back from the database and compared
// with values worked out by hand from the rules.
func TestQuickstartMonth(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out, options{Dir: dir, Out: filepath.Join(dir, "einvoices")}))

	db, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "deskcore.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)

	t.Run("june_invoices_are_written_as_XRechnung_CII_and_UBL", func(t *testing.T) {
		// The quota fee and the service invoice of the run, each in both
		// syntaxes, read back with the amounts of the drafts.
		require.Contains(t, out.String(), "E-invoices for June (XRechnung 3.0, CII and UBL)\nin "+filepath.Join(dir, "einvoices"))
		story, err := document.NewFormat(document.English, "EUR")
		require.NoError(t, err)
		for _, name := range []string{"INV_K-2026-017_2026-06_fee", "INV_2026-06_kruse"} {
			var gross []string
			var amount string
			for _, syntax := range []string{"cii", "ubl"} {
				f, err := os.Open(filepath.Join(dir, "einvoices", name+"-"+syntax+".xml"))
				require.NoError(t, err)
				inv, format, err := einvoice.Read(f)
				f.Close()
				require.NoError(t, err)
				require.Equal(t, einvoice.XRechnung, format.Profile)
				require.NoError(t, inv.Validate(einvoice.XRechnung))
				gross = append(gross, inv.Totals.Gross.StringFixed(2))
				amount = story.Money(inv.Totals.Gross)
			}
			require.Equal(t, gross[0], gross[1], "CII and UBL carry the same invoice")
			require.Contains(t, out.String(), "gross "+amount+"\n    "+name+"-cii.xml")
		}
	})

	t.Run("three_alerts_of_one_sensor_make_one_ticket", func(t *testing.T) {
		// Tickets: the mail (1), the alert (2), the backup check (3), two
		// taken on the phone (4, 5): five, one of them from monitoring,
		// counting three alerts.
		var all, alerts []ticket.Ticket
		for tk, err := range db.Tickets().Tickets(ctx, ticket.Filter{CustomerID: "kruse"}) {
			require.NoError(t, err)
			all = append(all, tk)
			if tk.Kind == ticket.MonitoringAlert {
				alerts = append(alerts, tk)
			}
		}
		require.Len(t, all, 5)
		require.Len(t, alerts, 1)
		require.Equal(t, 3, alerts[0].AlertCount)
	})

	t.Run("backup_check_due_on_fronleichnam_moves_to_friday", func(t *testing.T) {
		tk, err := db.Tickets().Ticket(ctx, 3)
		require.NoError(t, err)
		require.Equal(t, ticket.Maintenance, tk.Kind)
		require.Equal(t, "2026-06-05", tk.DueDate.String())
	})

	t.Run("incident_resolution_due_moves_by_the_pause", func(t *testing.T) {
		// Received Wed 3 June 16:30; 18 business hours on Mon-Fri
		// 09:00-18:00 skipping Fronleichnam: 1h30 on Wednesday, 9h on
		// Friday, 7h30 on Monday: Mon 8 June 16:30. Waiting on the
		// customer from Fri 15:00 to Mon 10:00 is 3h + 1h of business
		// time: Tue 9 June 11:30.
		require.Contains(t, out.String(), "received                   running Fri 05 Jun 11:30  running Mon 08 Jun 16:30")
		// First response within 4h: 1h30 Wednesday, 2h30 Friday: 11:30.
		require.Contains(t, out.String(), "resolved                   met     Fri 05 Jun 11:30  met     Tue 09 Jun 11:30")
	})

	t.Run("the_balance_of_15_june_moves_as_work_is_released", func(t *testing.T) {
		// 10h allotted. W-1 (8 June, 1h20m -> 1h30m) and W-3 (5 June,
		// 45m) are billable work done by the 15th: each release takes
		// its hours off the balance of the 15th, and off what is
		// pending. W-2 is free, W-4 not billable, W-5 done on the 17th.
		for _, line := range []string{
			"recorded, nothing released:                 balance 10h    pending 2h15m",
			"W-1 of 2026-06-08 released on 2026-06-09:   balance 8h30m  pending 45m",
			"W-2 of 2026-06-08 released on 2026-06-09:   balance 8h30m  pending 45m",
			"W-3 of 2026-06-05 released on 2026-06-06:   balance 7h45m  pending 0h",
			"W-5 of 2026-06-17 released on 2026-06-18:   balance 7h45m  pending 0h",
		} {
			require.Contains(t, out.String(), line)
		}
	})

	t.Run("quota_closes_june_with_5h30m_rolled_over", func(t *testing.T) {
		// Billable work in units of 15 minutes rounded up: 45m, 1h20m ->
		// 1h30m, 2h10m -> 2h15m: 4h30m of the 10h. The provider's fault
		// and the technician's non-billable rework cost nothing.
		st, err := ledger(t, db).Statement(ctx, "K-2026-017", quota.MustParsePeriod("2026-06"))
		require.NoError(t, err)
		require.True(t, st.Closed)
		require.Equal(t, time.Duration(0), st.Opening)
		require.Equal(t, -(4*time.Hour + 30*time.Minute), st.Consumed)
		require.Equal(t, 5*time.Hour+30*time.Minute, st.Closing)
		require.Equal(t, 5*time.Hour+30*time.Minute, st.RolledOver)
		july, err := ledger(t, db).Balance(ctx, "K-2026-017", date.New(2026, time.July, 1))
		require.NoError(t, err)
		require.Equal(t, 15*time.Hour+30*time.Minute, july)
		// The complaint's final decision credits W-1's 1h30m on 9 July.
		credited, err := ledger(t, db).Balance(ctx, "K-2026-017", date.New(2026, time.July, 9))
		require.NoError(t, err)
		require.Equal(t, 17*time.Hour, credited)
	})

	t.Run("invoice_drafts", func(t *testing.T) {
		// The fee: 950.00 + 19 % = 1130.50. Travel to Siegen, the only
		// charge the quota does not cover: 45.00 + 8.55 = 53.55.
		fee, err := db.Billing().Invoice(ctx, "INV/K-2026-017/2026-06/fee")
		require.NoError(t, err)
		requireAmount(t, "1130.50", fee.Totals.Gross)
		svc, err := db.Billing().Invoice(ctx, "INV/2026-06/kruse")
		require.NoError(t, err)
		requireAmount(t, "53.55", svc.Totals.Gross)
	})

	t.Run("dispute_holds_226.10_then_113.05", func(t *testing.T) {
		c, err := db.Dunning().Case(ctx, "RE-2026-00417") // the ERP's number of the fee invoice
		require.NoError(t, err)
		require.Len(t, c.Disputes, 1)
		x := c.Disputes[0]
		requireAmount(t, "226.10", x.Held)      // two hours: 190.00 + 19 %
		requireAmount(t, "113.05", x.Corrected) // one hour: 95.00 + 19 %
		requireAmount(t, "113.05", x.Released)
		require.Len(t, c.Notices, 3)
		// The 1. Mahnung during the dispute: 1130.50 - 226.10 + 5.00.
		requireAmount(t, "904.40", c.Notices[1].Dunned)
		requireAmount(t, "909.40", c.Notices[1].Total)
		// The 2. Mahnung after it: 1130.50 - 113.05 + 5.00 + 10.00.
		requireAmount(t, "113.05", c.Notices[2].Held)
		requireAmount(t, "1032.45", c.Notices[2].Total)
	})

	t.Run("complaint_deadlines_on_the_nw_calendar", func(t *testing.T) {
		// Received Tue 9 June: the 7th business day after it is Thu 18
		// June; acknowledged Thu 11 June, the 14th business day after is
		// Wed 1 July; the 30th after receipt is Tue 21 July; rejected Tue
		// 30 June, the escalation window of 20 business days ends Tue 28
		// July. Each at the close, 18:00.
		c, err := db.Complaints().Complaint(ctx, complaint.Reference{Year: 2026, Seq: 1})
		require.NoError(t, err)
		p, err := complaint.NewPolicy(complaint.PresetNL(), sla.Calendars{complaint.OfficeCalendar: nwHotline(t)})
		require.NoError(t, err)
		tl, err := p.Timeline(c, time.Date(2026, time.July, 31, 12, 0, 0, 0, berlin))
		require.NoError(t, err)
		at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 18, 0, 0, 0, berlin) }
		require.True(t, tl.Acknowledgement.Due.Equal(at(time.June, 18)), tl.Acknowledgement.Due)
		require.True(t, tl.Updates[0].Due.Equal(at(time.July, 1)), tl.Updates[0].Due)
		require.True(t, tl.Resolution.Due.Equal(at(time.July, 21)), tl.Resolution.Due)
		require.True(t, tl.Escalation.Due.Equal(at(time.July, 28)), tl.Escalation.Due)
		r, ok := c.Reviewer()
		require.True(t, ok)
		require.Equal(t, "wassmann", r.ID)
		require.Equal(t, complaint.OutcomeResolved, c.Outcome())
	})

	t.Run("firewall_warranty_expires_in_20_days", func(t *testing.T) {
		require.Contains(t, out.String(), "warranty ends 2026-07-20, in 20 days\n  30-day notice, for the customer")
	})

	t.Run("terminal_lines_fit_100_columns", func(t *testing.T) {
		for i, line := range strings.Split(out.String(), "\n") {
			require.LessOrEqual(t, utf8.RuneCountInString(line), 100, "line %d: %q", i+1, line)
		}
	})

	t.Run("every_amount_carries_its_currency", func(t *testing.T) {
		// An amount is digits with two decimals: 1,130.50 in the story,
		// 53,55 in the German report; a date (01.07.2026) is not one.
		dates := regexp.MustCompile(`\d\d\.\d\d\.\d{4}`)
		amount := regexp.MustCompile(`(€[\s\x{00a0}]?)?-?\d[\d.,]*[.,]\d\d([\s\x{00a0}]?€)?`)
		text := dates.ReplaceAllString(out.String(), "DATE")
		found := amount.FindAllString(text, -1)
		require.NotEmpty(t, found)
		for _, m := range found {
			require.Contains(t, m, "€", "an amount without currency: %q", m)
		}
	})
}

// With -out the month's documents are written for the customer: the
// service report as PDF and HTML, the quota statement, every dunning
// notice, the dispute's and the complaint's acknowledgement and the
// complaint's outcome, each a PDF.
func TestQuickstartWritesDocuments(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "june")
	var story bytes.Buffer
	require.NoError(t, run(context.Background(), &story, options{Dir: dir, Out: out}))
	for _, name := range []string{
		"SR-2026-06-kruse.pdf", "SR-2026-06-kruse.html", "QS-K-2026-017-2026-06.pdf",
		"CMP-2026-00001-acknowledgement.pdf", "CMP-2026-00001-outcome.pdf",
		"RE-2026-00417-1.pdf", "RE-2026-00417-2.pdf", "RE-2026-00417-3.pdf", "RE-2026-00417-D1-acknowledgement.pdf",
	} {
		b, err := os.ReadFile(filepath.Join(out, name))
		require.NoError(t, err)
		if strings.HasSuffix(name, ".pdf") {
			require.True(t, bytes.HasPrefix(b, []byte("%PDF-")), "%s is not a PDF", name)
		} else {
			require.Contains(t, string(b), `<html lang="de">`)
			require.Contains(t, string(b), "Leistungsübersicht")
		}
		require.Contains(t, story.String(), name)
	}
}

// requireAmount checks an amount of money against its text.
func requireAmount(t *testing.T, want string, got decimal.Decimal) {
	t.Helper()
	require.True(t, decimal.RequireFromString(want).Equal(got), "want %s, got %s", want, got)
}

// nwHotline is the provider's hotline calendar, built here as the test's own
// statement of it: Mon-Fri 09:00-18:00, Europe/Berlin, NW holidays.
func nwHotline(t *testing.T) *sla.Calendar {
	t.Helper()
	c, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-18:00"), Holidays: de.HolidaysNW})
	require.NoError(t, err)
	return c
}

// ledger is a quota ledger on db.
func ledger(t *testing.T, db *sqlstore.DB) *quota.Ledger {
	t.Helper()
	l, err := quota.NewLedger(db.Quota(), quota.Config{})
	require.NoError(t, err)
	return l
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// The example host file reads: its calendar closes on the NRW holidays
// and the company's closing days, its checklists are valid, and the
// ERP's export beside it is read line by line.
func TestExampleHostFileReads(t *testing.T) {
	h, err := readHost("testdata/host.json", "Europe/Berlin")
	require.NoError(t, err)
	for _, closed := range []date.Date{
		date.New(2026, time.June, 4),      // Corpus Christi, a holiday in NRW
		date.New(2026, time.December, 24), // a closing day of the company
	} {
		require.False(t, h.calendar.IsBusinessDay(closed), closed.String())
	}
	for c, err := range h.Checklists(context.Background()) {
		require.NoError(t, err)
		_, err = c.Plan(h.calendar, date.New(2026, time.January, 1), date.New(2026, time.December, 31))
		require.NoError(t, err, c.CustomerID)
	}
	var numbers []string
	for inv, err := range h.OpenInvoices(context.Background(), date.New(2026, time.December, 7)) {
		require.NoError(t, err)
		require.NoError(t, inv.Validate())
		numbers = append(numbers, inv.Number)
	}
	require.Equal(t, []string{"RE-2026-0042", "RE-2026-0057"}, numbers)
}

// A host file with a mistake is refused at start, naming the mistake.
func TestBadHostFileIsRefusedAtStart(t *testing.T) {
	for _, c := range []struct{ name, file, want string }{
		{"unknown region", `{"calendar":{"week":"Mon-Fri 09:00-17:00","holidays":["DE-XX"]}}`, `"DE-XX" is none of`},
		{"bad week", `{"calendar":{"week":"Mon-Fri 9-5"}}`, "calendar.week"},
		{"bad closing day", `{"calendar":{"week":"Mon-Fri 09:00-17:00","closed":["2026-02-30"]}}`, "calendar.closed"},
		{"customer twice", `{"calendar":{"week":"Mon-Fri 09:00-17:00"},"customers":[{"id":"C-1"},{"id":"C-1"}]}`, `"C-1" twice`},
		{"unknown field", `{"calendar":{"week":"Mon-Fri 09:00-17:00"},"customer":[]}`, "unknown field"},
		{"bad schedule", `{"calendar":{"week":"Mon-Fri 09:00-17:00"},"customers":[{"id":"C-1","checklist":[{"id":"b","title":"B","schedule":"every fortnight"}]}]}`, "schedule"},
		{"dunning without export", `{"calendar":{"week":"Mon-Fri 09:00-17:00"},"dunning":{"fallbackContact":"cs@desk.example","baseRates":[{"from":"2025-01-01","percent":"2.27"}]}}`, "openItems"},
		{"bad base rate", `{"calendar":{"week":"Mon-Fri 09:00-17:00"},"dunning":{"openItems":"x","fallbackContact":"cs@desk.example","baseRates":[{"from":"2025-01-01","percent":"two"}]}}`, "baseRates[0].percent"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "host.json")
			require.NoError(t, os.WriteFile(path, []byte(c.file), 0o600))
			var out bytes.Buffer
			err := run(context.Background(), []string{"-db", "sqlite:" + filepath.Join(t.TempDir(), "d.db"), "-host", path}, &out, time.Now)
			require.ErrorContains(t, err, c.want)
		})
	}
}

// With the host file the worker opens the maintenance the needs analyses
// call for around today and runs today's dunning over the ERP's export:
// on 7 December 2026 the invoice due on 20 November gets its payment
// reminder (due 7 days after the due date) and it is sent (logged); the
// one due on 27 November gets none yet, because a part payment booked
// on 30 November puts the reminder off for a week. An unanswered call
// and an unacknowledged complaint are reported to the service team and
// the complaints desk once each.
func TestWorkerWithHostFileSchedulesMaintenanceAndDunning(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, name := range []string{"host.json", "open-items.jsonl"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o600))
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	now := time.Date(2026, time.December, 7, 10, 0, 0, 0, berlin)
	path := filepath.Join(dir, "desk.db")
	db, err := sqlstore.OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer db.Close()

	h, err := readHost(filepath.Join(dir, "host.json"), "Europe/Berlin")
	require.NoError(t, err)

	// A call on Friday morning nobody has answered by Monday, and a
	// complaint two weeks old that nobody has acknowledged.
	desk, err := ticket.NewDesk(db.Tickets(), h, ticket.Config{Mail: ticket.MailConfig{Domain: "desk.example"}})
	require.NoError(t, err)
	call, err := desk.Open(ctx, ticket.Draft{CustomerID: "C-1001", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Priority: ticket.High, Subject: "Server startet nicht", Received: time.Date(2026, time.December, 4, 9, 0, 0, 0, berlin)}, ticket.Staff("anna"))
	require.NoError(t, err)
	in, err := h.complaints.NewComplaint(complaint.Intake{Type: complaint.TypeService, CustomerID: "C-1001", ReceivedAt: time.Date(2026, time.November, 23, 10, 0, 0, 0, berlin),
		Details: complaint.Details{TicketNumber: "4711", Description: "Rechnung doppelt gestellt", Name: "Eva Berg", Email: "eva@kunde-a.example"}})
	require.NoError(t, err)
	filed, err := db.Complaints().Create(ctx, in)
	require.NoError(t, err)

	// What the rules say is due at now, each to be told once.
	ag, err := h.Agreements(ctx, "C-1001")
	require.NoError(t, err)
	clocks, err := ag.Clocks(call, now)
	require.NoError(t, err)
	wantSLA := map[string]int{}
	for _, st := range []sla.Status{clocks.Response, clocks.Resolution} {
		switch {
		case st.Breached:
			wantSLA[ticket.EventSLABreach.Template()] += len(h.customers["C-1001"].ServiceLevels)
		case st.Warning:
			wantSLA[ticket.EventSLAWarning.Template()] += len(h.customers["C-1001"].ServiceLevels)
		}
	}
	require.NotEmpty(t, wantSLA, "the unanswered call is at least in warning")
	reminders, err := h.complaints.Reminders(filed, now)
	require.NoError(t, err)
	require.NotEmpty(t, reminders, "the unacknowledged complaint is overdue")

	sig, stop := context.WithCancel(ctx)
	var log syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(sig, []string{"-db", "sqlite:" + path, "-host", filepath.Join(dir, "host.json")}, &log, func() time.Time { return now })
	}()
	var want []string
	for c := range h.Checklists(ctx) {
		today := date.NewAt(now)
		plan, err := c.Plan(h.calendar, today.AddDate(0, 0, -7), today.AddDate(0, 0, 7))
		require.NoError(t, err)
		for _, o := range plan {
			want = append(want, o.Key)
		}
	}
	require.NotEmpty(t, want)
	slices.Sort(want)
	require.Eventually(t, func() bool {
		var got []string
		for tk, err := range db.Tickets().Tickets(ctx, ticket.Filter{}) {
			require.NoError(t, err)
			if tk.Kind == ticket.Maintenance {
				got = append(got, tk.IdempotencyKey)
			}
		}
		slices.Sort(got)
		return slices.Equal(want, got)
	}, 30*time.Second, 50*time.Millisecond, "the maintenance of the week before and after")
	require.Eventually(t, func() bool {
		c, err := db.Dunning().Case(ctx, "RE-2026-0042")
		return err == nil && len(c.Notices) == 1 && strings.Count(log.String(), "dunning notice") == 1
	}, 30*time.Second, 50*time.Millisecond, "%s", &log)
	_, err = db.Dunning().Case(ctx, "RE-2026-0057")
	require.ErrorIs(t, err, dunning.ErrNotFound, "the part payment of 30 November puts the reminder off for a week")
	require.Eventually(t, func() bool {
		for template, n := range wantSLA {
			if strings.Count(log.String(), "template="+template+" ") != n {
				return false
			}
		}
		for _, r := range reminders {
			if strings.Count(log.String(), "deadline="+r.Deadline.String()+" stage="+r.Stage.String()) != 1 {
				return false
			}
		}
		return true
	}, 30*time.Second, 50*time.Millisecond, "%s", &log)
	stop()
	require.NoError(t, <-done, log.String())
}

// syncBuffer is a log the worker's goroutines write while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

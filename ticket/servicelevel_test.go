package ticket_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// slaDirectory is who the watch tests' customers want told: "wdf" names
// its service team's mailbox and its account manager (once more in other
// letter case, and one entry that is no address); "sgn" names nobody.
type slaDirectory struct{ directory }

func (slaDirectory) Recipients(_ context.Context, customer string) (ticket.Recipients, error) {
	if customer == "wdf" {
		return ticket.Recipients{ServiceLevels: []string{"Service-Team <team@provider.example>", "am.wdf@provider.example", "TEAM@provider.example", "not an address"}}, nil
	}
	return ticket.Recipients{}, nil
}

// agreementsOf is the host's lookup of a customer's service levels:
// "wdf" and "sgn" have the agreements of the clock tests (on the office
// calendar, Mon-Fri 09:00-17:00 in Berlin with NRW's holidays, a normal
// ticket gets a first response within 4 business hours and is resolved
// within 16; monitoring alerts around the clock within 30 minutes and 4
// hours; warnings at the default 80 %: 3h12m of 4h, 12h48m of 16h), "none" has none (the zero
// Agreements), any other customer's lookup fails. calls counts the
// lookups per customer.
type agreementsOf struct {
	mu    sync.Mutex
	calls map[string]int
}

var errAgreementsDown = errors.New("contract database unreachable")

func (a *agreementsOf) lookup(_ context.Context, customer string) (ticket.Agreements, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.calls == nil {
		a.calls = map[string]int{}
	}
	a.calls[customer]++
	switch customer {
	case "wdf", "sgn":
		return agreements(), nil
	case "none":
		return ticket.Agreements{}, nil
	}
	return ticket.Agreements{}, errAgreementsDown
}

func newWatchDesk(t testing.TB) (*ticket.Desk, *store) {
	t.Helper()
	s := &store{}
	dk, err := ticket.NewDesk(s, slaDirectory{}, ticket.Config{Mail: ticket.MailConfig{Domain: "desk.example"}})
	require.NoError(t, err)
	return dk, s
}

// openNormal opens a normal incident of customer "wdf" received at
// received, assigns it then, and moves it through steps.
func openNormal(t testing.TB, dk *ticket.Desk, received time.Time, steps ...step) ticket.Number {
	t.Helper()
	return openWith(t, dk, ticket.Draft{CustomerID: "wdf", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Priority: ticket.Normal, Subject: "Server steht", Received: received}, steps...)
}

func openWith(t testing.TB, dk *ticket.Desk, dr ticket.Draft, steps ...step) ticket.Number {
	t.Helper()
	tk, err := dk.Open(bg, dr, staff)
	require.NoError(t, err)
	_, err = dk.Update(bg, tk.Number, func(tk *ticket.Ticket) error { return tk.Assign("tech-7", staff, dr.Received) })
	require.NoError(t, err)
	for _, s := range steps {
		_, err = dk.Update(bg, tk.Number, func(tk *ticket.Ticket) error { return tk.Transition(s.to, staff, s.at, "") })
		require.NoError(t, err)
	}
	return tk.Number
}

// watch runs the watch at now and returns the stages it recorded as
// "clock event reached <when>, due <when>", failing on any error.
func watch(t testing.TB, dk *ticket.Desk, a *agreementsOf, now time.Time) []string {
	t.Helper()
	alerts, errs := collect(dk.WatchServiceLevels(bg, a.lookup, now))
	require.Empty(t, errs)
	var out []string
	for _, al := range alerts {
		out = append(out, stage(al))
	}
	return out
}

func stage(a ticket.ServiceLevelAlert) string {
	return fmt.Sprintf("%s %s reached %s, due %s", a.Clock, a.Event, a.At.In(berlin).Format("Mon 15:04"), a.Due.In(berlin).Format("Mon 2 Jan 15:04 MST"))
}

func collect(seq iter.Seq2[ticket.ServiceLevelAlert, error]) ([]ticket.ServiceLevelAlert, []error) {
	var alerts []ticket.ServiceLevelAlert
	var errs []error
	for a, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		alerts = append(alerts, a)
	}
	return alerts, errs
}

// TestWatchServiceLevels runs the watch at the instants of each case and
// checks which stages each run records. Every instant is worked out by
// hand on the calendar.
func TestWatchServiceLevels(t *testing.T) {
	type run struct {
		now  time.Time
		want []string
	}
	for _, tc := range []struct {
		name string
		open func(t testing.TB, dk *ticket.Desk)
		runs []run
	}{
		{
			// Received Fri 5 June 16:00: one business hour on Friday, so
			// the response's 3h12m are used Mon 11:12 and its 4h Mon
			// 12:00 (1h + 3h); the resolution's 12h48m Tue 12:48 (1h + 8h
			// + 3h48m), its 16h Tue 16:00 (1h + 8h + 7h). Being at the
			// deadline is not yet a breach.
			"received_friday_16h_warns_monday_11_12",
			func(t testing.TB, dk *ticket.Desk) { openNormal(t, dk, ber(2026, 6, 5, 16, 0)) },
			[]run{
				{ber(2026, 6, 8, 11, 11), nil},
				{ber(2026, 6, 8, 11, 12), []string{"response sla-warning reached Mon 11:12, due Mon 8 Jun 12:00 CEST"}},
				{ber(2026, 6, 8, 12, 0), nil},
				{ber(2026, 6, 8, 12, 1), []string{"response sla-breach reached Mon 12:00, due Mon 8 Jun 12:00 CEST"}},
				{ber(2026, 6, 9, 12, 47), nil},
				{ber(2026, 6, 9, 12, 48), []string{"resolution sla-warning reached Tue 12:48, due Tue 9 Jun 16:00 CEST"}},
				{ber(2026, 6, 9, 16, 1), []string{"resolution sla-breach reached Tue 16:00, due Tue 9 Jun 16:00 CEST"}},
				{ber(2026, 6, 12, 9, 0), nil},
			},
		},
		{
			// Whit Monday, 25 May 2026, is a holiday in NRW: received Fri
			// 22 May 16:00, the response warns Tue 26 May 11:12.
			"holiday_moves_the_warning_to_the_next_business_day",
			func(t testing.TB, dk *ticket.Desk) { openNormal(t, dk, ber(2026, 5, 22, 16, 0)) },
			[]run{
				{ber(2026, 5, 25, 12, 0), nil},
				{ber(2026, 5, 26, 11, 12), []string{"response sla-warning reached Tue 11:12, due Tue 26 May 12:00 CEST"}},
			},
		},
		{
			// Responded Mon 09:30; waiting on the customer Mon 10:00 to
			// 14:00, four business hours that do not count: the
			// resolution warns Tue 16:48 instead of 12:48, and falls due
			// Wed 12:00 instead of Tue 16:00.
			"waiting_on_the_customer_moves_the_resolution_warning",
			func(t testing.TB, dk *ticket.Desk) {
				openNormal(t, dk, ber(2026, 6, 5, 16, 0), step{ber(2026, 6, 8, 9, 30), ticket.InProgress},
					step{ber(2026, 6, 8, 10, 0), ticket.WaitingOnCustomer}, step{ber(2026, 6, 8, 14, 0), ticket.InProgress})
			},
			[]run{
				{ber(2026, 6, 8, 14, 0), nil},
				{ber(2026, 6, 9, 12, 48), nil},
				{ber(2026, 6, 9, 16, 48), []string{"resolution sla-warning reached Tue 16:48, due Wed 10 Jun 12:00 CEST"}},
				{ber(2026, 6, 10, 12, 0), nil},
				{ber(2026, 6, 10, 12, 1), []string{"resolution sla-breach reached Wed 12:00, due Wed 10 Jun 12:00 CEST"}},
			},
		},
		{
			// Responded Mon 09:30, waiting on the customer since Mon
			// 15:00: 7h of 16h used (Fri 1h, Mon 6h), short of the 12h48m
			// warning share, and a paused clock uses no more however long
			// the customer takes.
			"paused_clock_does_not_warn_while_paused",
			func(t testing.TB, dk *ticket.Desk) {
				openNormal(t, dk, ber(2026, 6, 5, 16, 0), step{ber(2026, 6, 8, 9, 30), ticket.InProgress},
					step{ber(2026, 6, 8, 15, 0), ticket.WaitingOnCustomer})
			},
			[]run{{ber(2026, 6, 9, 13, 0), nil}, {ber(2026, 6, 12, 17, 0), nil}},
		},
		{
			// First seen Mon 13:30, after the response's 12:00 deadline: the
			// breach only, no late warning; and at Tue 13:00 the
			// resolution's warning.
			"breached_when_first_seen_gets_the_breach_only",
			func(t testing.TB, dk *ticket.Desk) { openNormal(t, dk, ber(2026, 6, 5, 16, 0)) },
			[]run{
				{ber(2026, 6, 8, 13, 30), []string{"response sla-breach reached Mon 12:00, due Mon 8 Jun 12:00 CEST"}},
				{ber(2026, 6, 8, 13, 35), nil},
				{ber(2026, 6, 9, 13, 0), []string{"resolution sla-warning reached Tue 12:48, due Tue 9 Jun 16:00 CEST"}},
			},
		},
		{
			// Both clocks' stages due at one run are recorded together.
			"both_clocks_in_one_run",
			func(t testing.TB, dk *ticket.Desk) { openNormal(t, dk, ber(2026, 6, 5, 16, 0)) },
			[]run{{ber(2026, 6, 9, 13, 0), []string{
				"response sla-breach reached Mon 12:00, due Mon 8 Jun 12:00 CEST", "resolution sla-warning reached Tue 12:48, due Tue 9 Jun 16:00 CEST"}}},
		},
		{
			// Responded in time Mon 10:00 and resolved Tue 10:00: met
			// clocks are not reported, and a resolved ticket is not read.
			"met_clocks_are_quiet",
			func(t testing.TB, dk *ticket.Desk) {
				openNormal(t, dk, ber(2026, 6, 5, 16, 0), step{ber(2026, 6, 8, 10, 0), ticket.InProgress},
					step{ber(2026, 6, 9, 10, 0), ticket.Resolved})
			},
			[]run{{ber(2026, 6, 15, 9, 0), nil}},
		},
		{
			// Clocks go forward on Sunday 29 March 2026 at 02:00. A
			// monitoring alert at 00:30 CET, responded 00:50, on the 24/7
			// calendar: 3h12m and 4h of real time later are 04:42 and
			// 05:30 CEST, not 03:42 and 04:30.
			"dst_night_counts_real_hours_around_the_clock",
			func(t testing.TB, dk *ticket.Desk) {
				openWith(t, dk, ticket.Draft{CustomerID: "wdf", Kind: ticket.MonitoringAlert, Channel: ticket.ChannelMonitoring,
					Priority: ticket.High, Subject: "disk C: 95 %", Received: ber(2026, 3, 29, 0, 30)},
					step{ber(2026, 3, 29, 0, 50), ticket.InProgress})
			},
			[]run{
				{ber(2026, 3, 29, 3, 42), nil},
				{ber(2026, 3, 29, 4, 41), nil},
				{ber(2026, 3, 29, 4, 42), []string{"resolution sla-warning reached Sun 04:42, due Sun 29 Mar 05:30 CEST"}},
				{ber(2026, 3, 29, 5, 31), []string{"resolution sla-breach reached Sun 05:30, due Sun 29 Mar 05:30 CEST"}},
			},
		},
		{
			// Received Fri 27 March 16:00 CET, the week the clocks go
			// forward: business hours are wall-clock hours, so the
			// warning is Mon 30 March 11:12, now CEST.
			"dst_weekend_keeps_office_hours",
			func(t testing.TB, dk *ticket.Desk) { openNormal(t, dk, ber(2026, 3, 27, 16, 0)) },
			[]run{
				{ber(2026, 3, 30, 11, 11), nil},
				{ber(2026, 3, 30, 11, 12), []string{"response sla-warning reached Mon 11:12, due Mon 30 Mar 12:00 CEST"}},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dk, _ := newWatchDesk(t)
			tc.open(t, dk)
			var a agreementsOf
			for _, r := range tc.runs {
				diff(t, "run at "+r.now.Format("Mon 2 Jan 15:04"), r.want, watch(t, dk, &a, r.now))
			}
		})
	}
}

// Each stage's notifications go to the customer's service-level
// recipients, once per address, with the clock and its deadline; the
// ticket records the stage and the Message-IDs; run again, nothing new.
func TestWatchServiceLevelsNotifiesOnce(t *testing.T) {
	dk, s := newWatchDesk(t)
	n := openNormal(t, dk, ber(2026, 6, 5, 16, 0))
	var a agreementsOf
	now := ber(2026, 6, 8, 11, 15)
	alerts, errs := collect(dk.WatchServiceLevels(bg, a.lookup, now))
	require.Empty(t, errs)
	due := ber(2026, 6, 8, 12, 0)
	diff(t, "alerts", []ticket.ServiceLevelAlert{{Ticket: n, Clock: ticket.ResponseClock, Event: ticket.EventSLAWarning, Due: due,
		At: ber(2026, 6, 8, 11, 12), Recipients: []string{"team@provider.example", "am.wdf@provider.example"}}}, alerts)

	tk, err := s.Ticket(bg, n)
	require.NoError(t, err)
	last := tk.Audit[len(tk.Audit)-1]
	diff(t, "audit", ticket.AuditEntry{At: ber(2026, 6, 8, 11, 12), By: ticket.System("sla-watch"), Action: ticket.ActionServiceLevel,
		From: "response", To: "sla-warning", Note: "2026-06-08T12:00:00+02:00"}, last)
	want := []ticket.Notification{
		{ID: 1, Event: ticket.EventSLAWarning, Ticket: n, CustomerID: "wdf", Recipient: "team@provider.example", Template: "ticket.sla-warning",
			MessageID: "t1.1@desk.example", To: ticket.Assigned, At: ber(2026, 6, 8, 11, 12), Clock: ticket.ResponseClock, Due: due},
		{ID: 2, Event: ticket.EventSLAWarning, Ticket: n, CustomerID: "wdf", Recipient: "am.wdf@provider.example", Template: "ticket.sla-warning",
			MessageID: "t1.2@desk.example", To: ticket.Assigned, At: ber(2026, 6, 8, 11, 12), Clock: ticket.ResponseClock, Due: due},
	}
	got, err := s.Pending(bg, 0)
	require.NoError(t, err)
	diff(t, "outbox", want, got)
	diff(t, "message IDs on the ticket", []string{"t1.1@desk.example", "t1.2@desk.example"}, tk.MessageIDs)

	require.Empty(t, watch(t, dk, &a, now), "the same instant again")
	require.Empty(t, watch(t, dk, &a, now.Add(5*time.Minute)), "five minutes later")
	got, err = s.Pending(bg, 0)
	require.NoError(t, err)
	require.Len(t, got, 2, "nothing told twice")
	after, err := s.Ticket(bg, n)
	require.NoError(t, err)
	require.Equal(t, tk.Version, after.Version, "a run with nothing due writes nothing")
}

// Watchers racing over the same tickets record each stage once and tell
// each recipient once: the stages are decided again on the stored ticket.
func TestWatchServiceLevelsRacingWatchersTellOnce(t *testing.T) {
	dk, s := newWatchDesk(t)
	for range 5 {
		openNormal(t, dk, ber(2026, 6, 5, 16, 0))
	}
	now := ber(2026, 6, 9, 13, 0) // response breached, resolution warning
	var a agreementsOf
	var wg sync.WaitGroup
	var mu sync.Mutex
	var total []string
	var failed []error
	for range 8 {
		wg.Go(func() {
			alerts, errs := collect(dk.WatchServiceLevels(bg, a.lookup, now))
			mu.Lock()
			defer mu.Unlock()
			failed = append(failed, errs...)
			for _, al := range alerts {
				total = append(total, al.Ticket.String()+" "+stage(al))
			}
		})
	}
	wg.Wait()
	require.Empty(t, failed)
	require.Len(t, total, 10, "two stages on each of five tickets, once: %v", total)
	pending, err := s.Pending(bg, 0)
	require.NoError(t, err)
	require.Len(t, pending, 20, "two recipients per stage")
}

// A customer whose directory names nobody gets no mail, but the stage is
// recorded all the same, so naming someone later does not bring stale
// warnings.
func TestWatchServiceLevelsZeroRecipientsNotifiesNobody(t *testing.T) {
	dk, s := newWatchDesk(t)
	n := openWith(t, dk, ticket.Draft{CustomerID: "sgn", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Priority: ticket.Normal, Subject: "Server steht", Received: ber(2026, 6, 5, 16, 0)})
	var a agreementsOf
	alerts, errs := collect(dk.WatchServiceLevels(bg, a.lookup, ber(2026, 6, 8, 11, 12)))
	require.Empty(t, errs)
	require.Len(t, alerts, 1)
	require.Empty(t, alerts[0].Recipients)
	require.Empty(t, sent(t, s))
	tk, err := s.Ticket(bg, n)
	require.NoError(t, err)
	require.Equal(t, ticket.ActionServiceLevel, tk.Audit[len(tk.Audit)-1].Action)
	require.Empty(t, watch(t, dk, &a, ber(2026, 6, 8, 11, 20)))
}

// One customer's agreements failing, or not covering a ticket's priority,
// is an error about each of its tickets, with the number; the other
// customers' tickets are watched all the same, and each customer's
// agreements are read once per run. A customer with the zero Agreements
// has no service levels.
func TestWatchServiceLevelsErrorsStayWithTheirTicket(t *testing.T) {
	dk, s := newWatchDesk(t)
	received := ber(2026, 6, 5, 16, 0)
	open := func(customer string, p ticket.Priority) ticket.Number {
		return openWith(t, dk, ticket.Draft{CustomerID: customer, Kind: ticket.Incident, Channel: ticket.ChannelPhone,
			Priority: p, Subject: "Server steht", Received: received})
	}
	broken1 := open("kruse", ticket.Normal)
	ok1 := open("wdf", ticket.Normal)
	broken2 := open("kruse", ticket.Normal)
	uncovered := open("wdf", ticket.Low)
	open("none", ticket.Normal)
	ok2 := open("sgn", ticket.Normal)

	var a agreementsOf
	alerts, errs := collect(dk.WatchServiceLevels(bg, a.lookup, ber(2026, 6, 8, 11, 12)))
	var told []ticket.Number
	for _, al := range alerts {
		told = append(told, al.Ticket)
	}
	diff(t, "tickets told", []ticket.Number{ok1, ok2}, told)
	var failed []ticket.Number
	for _, err := range errs {
		var se *ticket.ServiceLevelError
		require.ErrorAs(t, err, &se)
		failed = append(failed, se.Ticket)
		require.Contains(t, err.Error(), "ticket "+se.Ticket.String())
	}
	diff(t, "tickets failed", []ticket.Number{broken1, broken2, uncovered}, failed)
	require.ErrorIs(t, errs[0], errAgreementsDown)
	require.ErrorIs(t, errs[2], sla.ErrInvalid, "no policy for low")
	diff(t, "lookups", map[string]int{"kruse": 1, "wdf": 1, "none": 1, "sgn": 1}, a.calls)
	require.Len(t, sent(t, s), 2, "wdf's two recipients; sgn names nobody")
}

// filterSpy records the filters the desk reads tickets with.
type filterSpy struct {
	*store
	filters []ticket.Filter
}

func (f *filterSpy) Tickets(ctx context.Context, flt ticket.Filter) iter.Seq2[ticket.Ticket, error] {
	f.filters = append(f.filters, flt)
	return f.store.Tickets(ctx, flt)
}

// The watch reads only the unresolved tickets: a desk with a million
// closed ones does not read them every few minutes.
func TestWatchServiceLevelsReadsUnresolvedTicketsOnly(t *testing.T) {
	spy := &filterSpy{store: &store{}}
	dk, err := ticket.NewDesk(spy, slaDirectory{}, ticket.Config{})
	require.NoError(t, err)
	var a agreementsOf
	_, errs := collect(dk.WatchServiceLevels(bg, a.lookup, t0))
	require.Empty(t, errs)
	diff(t, "filters", []ticket.Filter{{Statuses: []ticket.Status{ticket.New, ticket.Assigned, ticket.InProgress,
		ticket.WaitingOnCustomer, ticket.Reopened}}}, spy.filters)
}

// Bad arguments end the watch with a *ValidationError before it reads
// anything; a ticket changed after the watch's instant is left to a later
// run.
func TestWatchServiceLevelsRefusals(t *testing.T) {
	dk, s := newWatchDesk(t)
	openNormal(t, dk, ber(2026, 6, 5, 16, 0), step{ber(2026, 6, 8, 12, 0), ticket.InProgress})
	var a agreementsOf
	_, errs := collect(dk.WatchServiceLevels(bg, nil, t0))
	require.Len(t, errs, 1)
	wantInvalid("agreements")(t, errs[0])
	_, errs = collect(dk.WatchServiceLevels(bg, a.lookup, time.Time{}))
	require.Len(t, errs, 1)
	wantInvalid("now")(t, errs[0])
	_, errs = collect((*ticket.Desk)(nil).WatchServiceLevels(bg, a.lookup, t0))
	require.Len(t, errs, 1)
	wantInvalid("Desk")(t, errs[0])

	require.Empty(t, watch(t, dk, &a, ber(2026, 6, 8, 11, 30)), "the ticket changed at 12:00, after the watch's instant")
	require.Empty(t, sent(t, s))

	ctx, cancel := context.WithCancel(bg)
	cancel()
	_, errs = collect(dk.WatchServiceLevels(ctx, a.lookup, ber(2026, 6, 9, 13, 0)))
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], context.Canceled)
}

// failingRecipients is a directory whose recipients cannot be read while
// down is set.
type failingRecipients struct {
	slaDirectory
	down *bool
}

var errDirectoryDown = errors.New("directory unreachable")

func (f failingRecipients) Recipients(ctx context.Context, customer string) (ticket.Recipients, error) {
	if *f.down {
		return ticket.Recipients{}, errDirectoryDown
	}
	return f.slaDirectory.Recipients(ctx, customer)
}

// When the customer's recipients cannot be read, the stage is not
// recorded and nothing goes to the outbox: the ticket is as it was, and
// the next run, with the directory back, tells everyone.
func TestWatchServiceLevelsDirectoryFailureChangesNothing(t *testing.T) {
	s := &store{}
	down := false
	dk, err := ticket.NewDesk(s, failingRecipients{down: &down}, ticket.Config{Mail: ticket.MailConfig{Domain: "desk.example"}})
	require.NoError(t, err)
	n := openNormal(t, dk, ber(2026, 6, 5, 16, 0))
	down = true
	before, err := s.Ticket(bg, n)
	require.NoError(t, err)
	var a agreementsOf
	now := ber(2026, 6, 8, 11, 15)
	_, errs := collect(dk.WatchServiceLevels(bg, a.lookup, now))
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], errDirectoryDown)
	after, err := s.Ticket(bg, n)
	require.NoError(t, err)
	diff(t, "ticket", before, after)
	require.Empty(t, sent(t, s))

	down = false
	diff(t, "next run", []string{"response sla-warning reached Mon 11:12, due Mon 8 Jun 12:00 CEST"}, watch(t, dk, &a, now.Add(5*time.Minute)))
	require.Equal(t, []string{"sla-warning team@provider.example", "sla-warning am.wdf@provider.example"}, sent(t, s))
}

// The stage is dated when the clock reached it, not when the watch saw
// it: a customer's reply received at 11:14, after the warning at 11:12
// and before the watch ran at 11:15, but threaded after it, still fits
// into the history.
func TestWatchServiceLevelsDatesTheStageWhenItWasReached(t *testing.T) {
	dk, s := newWatchDesk(t)
	n := openWith(t, dk, ticket.Draft{CustomerID: "wdf", ContactID: "ben", Kind: ticket.Incident, Channel: ticket.ChannelPortal,
		Subject: "Server steht", Received: ber(2026, 6, 5, 16, 0)})
	var a agreementsOf
	diff(t, "watch", []string{"response sla-warning reached Mon 11:12, due Mon 8 Jun 12:00 CEST"}, watch(t, dk, &a, ber(2026, 6, 8, 11, 15)))
	res, err := dk.Reply(bg, n, ben, ticket.Comment{At: ber(2026, 6, 8, 11, 14), Body: "Neustart hat nicht geholfen"})
	require.NoError(t, err)
	require.Equal(t, ticket.ReplyCommented, res.Effect)
	tk, err := s.Ticket(bg, n)
	require.NoError(t, err)
	var history []string
	for _, e := range tk.Audit {
		history = append(history, e.At.In(berlin).Format("Mon 15:04")+" "+e.Action.String())
	}
	diff(t, "history", []string{"Fri 16:00 created", "Fri 16:00 assigned", "Fri 16:00 status", "Mon 11:12 service-level", "Mon 11:14 commented"}, history)
}

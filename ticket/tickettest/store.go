package tickettest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

// storeTests check the Store contract, one call at a time.
var storeTests = []storeTest{
	{Name: "create_numbers_tickets_in_order_with_version_1", Run: testCreateNumbers},
	{Name: "every_field_round_trips", Run: testRoundTrip},
	{Name: "fields_at_their_limits_round_trip_and_past_them_are_refused", Run: testLimits},
	{Name: "unknown_number_and_keys_are_not_found", Run: testNotFound},
	{Name: "failing_create_stores_nothing", Run: testCreateRollback},
	{Name: "failing_update_stores_nothing", Run: testUpdateRollback},
	{Name: "update_commits_and_counts_the_version", Run: testUpdateVersion},
	{Name: "update_may_not_change_the_number", Run: testUpdateNumber},
	{Name: "idempotency_key_is_unique", Run: testIdempotencyKey},
	{Name: "alert_key_is_unique_among_tickets_not_closed", Run: testAlertKey},
	{Name: "returned_tickets_are_copies", Run: testIsolation},
	{Name: "tickets_filter_and_order", Run: testFilter},
	{Name: "tickets_filter_by_status", Run: testFilterStatus},
	{Name: "tickets_stop_when_the_caller_stops", Run: testFilterBreak},
	{Name: "cancelled_context_is_an_error", Run: testCancelled},
}

func testCreateNumbers(t *testing.T, s ticket.Store) {
	a := create(t, s, draft("c1"))
	b := create(t, s, draft("c2"))
	require.NotZero(t, a.Number)
	require.Greater(t, b.Number, a.Number, "a later Create draws a higher number")
	require.Equal(t, int64(1), a.Version)
	require.Equal(t, int64(1), b.Version)
}

func testRoundTrip(t *testing.T, s ticket.Store) {
	d := draft("c1", func(d *ticket.Draft) {
		d.Description = "Seit heute früh.\nFehler 0x80070005"
		d.Attachments = []ticket.Attachment{{Name: "fehler.png", Ref: "blob/1", ContentType: "image/png", Size: 2048}}
		d.IdempotencyKey = "mail:abc@example"
		d.AlertKey = `"c1"/"srv"/"disk"`
		d.DueDate = date.New(2026, 3, 9)
		d.LinkedTo = 7
	})
	tk, err := ticket.NewTicket(d, staff)
	require.NoError(t, err)
	require.NoError(t, tk.Assign("tech-7", staff, at(5)))
	require.NoError(t, tk.Transition(ticket.InProgress, staff, at(10), "am Gerät"))
	require.NoError(t, tk.Escalate("Geschäftsführer betroffen", staff, at(11)))
	require.NoError(t, tk.AddComment(ticket.Comment{At: at(12), By: staff, Body: "Treiber neu", Public: true,
		Channel: ticket.ChannelPhone, Attachments: []ticket.Attachment{{Name: "log.txt", Ref: "blob/2"}}, MessageID: "m1@example"}))
	require.NoError(t, tk.AddParticipant("chef@c1.example", staff, at(13)))
	tk.MessageIDs = []string{"t1.1@desk.example"}
	tk.AlertCount, tk.LastAlertAt = 3, at(14)

	created, err := s.Create(bg, tk, nil)
	require.NoError(t, err)
	want := tk.Clone()
	want.Number, want.Version = created.Number, 1
	diff(t, "Create's result", want, created)
	isStored(t, s, "Ticket after Create", want)
	byKey, err := s.ByIdempotencyKey(bg, d.IdempotencyKey)
	require.NoError(t, err)
	diff(t, "ByIdempotencyKey", want, byKey)
	byAlert, err := s.OpenByAlertKey(bg, d.AlertKey)
	require.NoError(t, err)
	diff(t, "OpenByAlertKey", want, byAlert)
}

func testNotFound(t *testing.T, s ticket.Store) {
	create(t, s, draft("c1", func(d *ticket.Draft) { d.IdempotencyKey, d.AlertKey = "k", "a" }))
	_, err := s.Ticket(bg, 999999)
	require.ErrorIs(t, err, ticket.ErrNotFound, "Ticket")
	_, err = s.Update(bg, 999999, change(func(*ticket.Ticket) error { return nil }))
	require.ErrorIs(t, err, ticket.ErrNotFound, "Update")
	_, err = s.ByIdempotencyKey(bg, "other")
	require.ErrorIs(t, err, ticket.ErrNotFound, "ByIdempotencyKey")
	_, err = s.ByIdempotencyKey(bg, "")
	require.ErrorIs(t, err, ticket.ErrNotFound, "ByIdempotencyKey of the empty key")
	_, err = s.OpenByAlertKey(bg, "other")
	require.ErrorIs(t, err, ticket.ErrNotFound, "OpenByAlertKey")
	require.ErrorIs(t, s.MarkDelivered(bg, 999999), ticket.ErrNotFound, "MarkDelivered")
}

func testCreateRollback(t *testing.T, s ticket.Store) {
	tk, err := ticket.NewTicket(draft("c1", func(d *ticket.Draft) { d.IdempotencyKey, d.AlertKey = "k", "a" }), staff)
	require.NoError(t, err)
	_, err = s.Create(bg, tk, func(t *ticket.Ticket) ([]ticket.Notification, error) {
		t.Subject = "changed"
		return []ticket.Notification{{Event: ticket.EventCreated, Recipient: "x@c1.example"}}, errBoom
	})
	require.ErrorIs(t, err, errBoom, "Create returns fn's error")
	require.Empty(t, all(t, s, ticket.Filter{}), "no ticket stored")
	require.Empty(t, pending(t, s), "no notification stored")
	_, err = s.ByIdempotencyKey(bg, "k")
	require.ErrorIs(t, err, ticket.ErrNotFound, "the key is free")
	_, err = s.OpenByAlertKey(bg, "a")
	require.ErrorIs(t, err, ticket.ErrNotFound, "the alert key is free")
	create(t, s, draft("c1", func(d *ticket.Draft) { d.IdempotencyKey, d.AlertKey = "k", "a" }))
}

func testUpdateRollback(t *testing.T, s ticket.Store) {
	tk := create(t, s, draft("c1", func(d *ticket.Draft) { d.IdempotencyKey, d.AlertKey = "k", "a" }))
	_, err := s.Update(bg, tk.Number, func(t *ticket.Ticket) ([]ticket.Notification, error) {
		if err := t.Transition(ticket.Resolved, staff, at(1), ""); err != nil {
			return nil, err
		}
		t.IdempotencyKey, t.AlertKey = "k2", "a2"
		t.Comments = append(t.Comments, ticket.Comment{Body: "lost"})
		return []ticket.Notification{{Event: ticket.EventStatusChanged, Recipient: "x@c1.example"}}, errBoom
	})
	require.ErrorIs(t, err, errBoom, "Update returns fn's error")
	isStored(t, s, "ticket after a failed update", tk)
	require.Empty(t, pending(t, s), "no notification stored")
	_, err = s.ByIdempotencyKey(bg, "k2")
	require.ErrorIs(t, err, ticket.ErrNotFound, "the new key was not indexed")
	_, err = s.ByIdempotencyKey(bg, "k")
	require.NoError(t, err, "the old key still finds the ticket")
}

func testUpdateVersion(t *testing.T, s ticket.Store) {
	tk := create(t, s, draft("c1"))
	got, err := s.Update(bg, tk.Number, change(func(t *ticket.Ticket) error {
		return t.Assign("tech-7", staff, at(1))
	}))
	require.NoError(t, err)
	require.Equal(t, int64(2), got.Version)
	require.Equal(t, ticket.Assigned, got.Status)
	isStored(t, s, "stored after Update", got)
	got, err = s.Update(bg, tk.Number, change(func(t *ticket.Ticket) error {
		t.Version = 99 // ignored or refused, never stored
		return nil
	}))
	if err == nil {
		require.Equal(t, int64(3), got.Version, "the store's version counts, not fn's")
	}
	again := stored(t, s, tk.Number)
	require.NotEqual(t, int64(99), again.Version)
}

func testUpdateNumber(t *testing.T, s ticket.Store) {
	a := create(t, s, draft("c1"))
	b := create(t, s, draft("c1"))
	_, err := s.Update(bg, a.Number, change(func(t *ticket.Ticket) error {
		t.Number = b.Number
		t.Subject = "hijack"
		return nil
	}))
	require.Error(t, err, "changing the number is refused")
	isStored(t, s, "ticket a", a)
	isStored(t, s, "ticket b", b)
}

func testIdempotencyKey(t *testing.T, s ticket.Store) {
	a := create(t, s, draft("c1", func(d *ticket.Draft) { d.IdempotencyKey = "receipt:1" }))
	tk, err := ticket.NewTicket(draft("c2", func(d *ticket.Draft) { d.IdempotencyKey = "receipt:1" }), staff)
	require.NoError(t, err)
	_, err = s.Create(bg, tk, nil)
	var dup *ticket.DuplicateError
	require.ErrorAs(t, err, &dup)
	require.ErrorIs(t, err, ticket.ErrConflict)
	diff(t, "duplicate", &ticket.DuplicateError{Field: "IdempotencyKey", Key: "receipt:1"}, dup)
	require.Len(t, all(t, s, ticket.Filter{}), 1, "the duplicate was not stored")

	// Closing does not free an idempotency key.
	_, err = s.Update(bg, a.Number, change(func(t *ticket.Ticket) error {
		return firstErr(t.Transition(ticket.Resolved, staff, at(1), ""), t.Transition(ticket.Closed, staff, at(2), ""))
	}))
	require.NoError(t, err)
	_, err = s.Create(bg, tk, nil)
	require.ErrorAs(t, err, &dup)

	// An update may not take another ticket's key either.
	b := create(t, s, draft("c2"))
	_, err = s.Update(bg, b.Number, change(func(t *ticket.Ticket) error {
		t.IdempotencyKey = "receipt:1"
		return nil
	}))
	require.ErrorAs(t, err, &dup)
	isStored(t, s, "ticket b after the refused update", b)
}

func firstErr(errs ...error) error { return errors.Join(errs...) }

func testAlertKey(t *testing.T, s ticket.Store) {
	const key = `"c1"/"srv-dc01/disk-c"/"disk-full"`
	withKey := func(d *ticket.Draft) {
		d.AlertKey = key
		d.Kind = ticket.MonitoringAlert
		d.Channel = ticket.ChannelMonitoring
	}
	a := create(t, s, draft("c1", withKey))
	tk, err := ticket.NewTicket(draft("c1", withKey), staff)
	require.NoError(t, err)
	_, err = s.Create(bg, tk, nil)
	var dup *ticket.DuplicateError
	require.ErrorAs(t, err, &dup, "a second open ticket with the key")
	require.Equal(t, "AlertKey", dup.Field)

	// Resolved is not closed: the key stays held.
	_, err = s.Update(bg, a.Number, change(func(t *ticket.Ticket) error { return t.Transition(ticket.Resolved, staff, at(1), "") }))
	require.NoError(t, err)
	_, err = s.Create(bg, tk, nil)
	require.ErrorAs(t, err, &dup, "the resolved ticket still holds the key")
	open, err := s.OpenByAlertKey(bg, key)
	require.NoError(t, err)
	require.Equal(t, a.Number, open.Number)

	// Closing frees it.
	_, err = s.Update(bg, a.Number, change(func(t *ticket.Ticket) error { return t.Transition(ticket.Closed, staff, at(2), "") }))
	require.NoError(t, err)
	_, err = s.OpenByAlertKey(bg, key)
	require.ErrorIs(t, err, ticket.ErrNotFound, "no open ticket holds the key")
	b, err := s.Create(bg, tk, nil)
	require.NoError(t, err, "a new ticket may take the key")
	open, err = s.OpenByAlertKey(bg, key)
	require.NoError(t, err)
	require.Equal(t, b.Number, open.Number)

	// Reopening the closed one would make two open tickets with the key.
	before := stored(t, s, a.Number)
	_, err = s.Update(bg, a.Number, change(func(t *ticket.Ticket) error { return t.Transition(ticket.Reopened, staff, at(3), "") }))
	require.ErrorAs(t, err, &dup, "reopen while another ticket holds the key")
	require.ErrorIs(t, err, ticket.ErrConflict)
	isStored(t, s, "the closed ticket after the refused reopen", before)
}

func testIsolation(t *testing.T, s ticket.Store) {
	tk, err := ticket.NewTicket(draft("c1", func(d *ticket.Draft) {
		d.Attachments = []ticket.Attachment{{Name: "a.png", Ref: "r"}}
	}), staff)
	require.NoError(t, err)
	created, err := s.Create(bg, tk, nil)
	require.NoError(t, err)
	want := created.Clone()
	tk.Participants[0] = "changed@x.example" // the caller's value after Create
	created.Participants[0] = "changed@x.example"
	created.Audit[0].Note = "changed"
	created.Attachments[0].Name = "changed"
	isStored(t, s, "after changing Create's input and result", want)
	got := stored(t, s, want.Number)
	got.Participants[0] = "changed@x.example"
	got.Audit[0].Note = "changed"
	isStored(t, s, "after changing Ticket's result", want)

	var kept *ticket.Ticket
	updated, err := s.Update(bg, want.Number, change(func(t *ticket.Ticket) error {
		kept = t
		return t.AddComment(ticket.Comment{At: at(1), By: staff, Body: "note"})
	}))
	require.NoError(t, err)
	kept.Comments[0].Body = "changed after commit"
	kept.Subject = "changed after commit"
	updated.Comments[0].Body = "changed result"
	got = stored(t, s, want.Number)
	require.Equal(t, "note", got.Comments[0].Body, "fn's pointer and Update's result are not the stored ticket")
	require.Equal(t, want.Subject, got.Subject)
}

func testFilter(t *testing.T, s ticket.Store) {
	var made []ticket.Ticket
	for i, c := range []string{"c1", "c2", "c1", "c1", "c2"} {
		made = append(made, create(t, s, draft(c, func(d *ticket.Draft) { d.Received = t0.AddDate(0, 0, i) })))
	}
	for _, tc := range []struct {
		name string
		f    ticket.Filter
		want []int
	}{
		{"all", ticket.Filter{}, []int{0, 1, 2, 3, 4}},
		{"customer", ticket.Filter{CustomerID: "c1"}, []int{0, 2, 3}},
		{"from_inclusive", ticket.Filter{From: t0.AddDate(0, 0, 2)}, []int{2, 3, 4}},
		{"to_exclusive", ticket.Filter{To: t0.AddDate(0, 0, 2)}, []int{0, 1}},
		{"customer_and_period", ticket.Filter{CustomerID: "c2", From: t0.AddDate(0, 0, 1), To: t0.AddDate(0, 0, 4)}, []int{1}},
		{"unknown_customer", ticket.Filter{CustomerID: "c9"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []ticket.Number
			for _, i := range tc.want {
				want = append(want, made[i].Number)
			}
			diff(t, "numbers", want, numbers(all(t, s, tc.f)))
		})
	}
}

// testFilterStatus: the watcher of service levels reads the unresolved
// tickets only; a status that is not valid selects nothing.
func testFilterStatus(t *testing.T, s ticket.Store) {
	var made []ticket.Ticket
	for i, c := range []string{"c1", "c2", "c1", "c1", "c2"} {
		made = append(made, create(t, s, draft(c)))
		var steps []ticket.Status
		switch i {
		case 1:
			steps = []ticket.Status{ticket.InProgress}
		case 2:
			steps = []ticket.Status{ticket.InProgress, ticket.Resolved}
		case 3:
			steps = []ticket.Status{ticket.InProgress, ticket.Resolved, ticket.Closed}
		case 4:
			steps = []ticket.Status{ticket.WaitingOnCustomer}
		}
		if len(steps) == 0 {
			continue
		}
		_, err := update(s, made[i].Number, change(func(tk *ticket.Ticket) error {
			err := tk.Assign("tech-7", staff, at(1))
			for j, st := range steps {
				err = errors.Join(err, tk.Transition(st, staff, at(2+j), ""))
			}
			return err
		}))
		require.NoError(t, err)
	}
	for _, tc := range []struct {
		name string
		f    ticket.Filter
		want []int
	}{
		{"unresolved", ticket.Filter{Statuses: ticket.Unresolved()}, []int{0, 1, 4}},
		{"resolved_or_closed", ticket.Filter{Statuses: []ticket.Status{ticket.Resolved, ticket.Closed}}, []int{2, 3}},
		{"one_status", ticket.Filter{Statuses: []ticket.Status{ticket.WaitingOnCustomer}}, []int{4}},
		{"customer_and_status", ticket.Filter{CustomerID: "c1", Statuses: ticket.Unresolved()}, []int{0}},
		{"named_twice", ticket.Filter{Statuses: []ticket.Status{ticket.New, ticket.New}}, []int{0}},
		{"invalid_status_selects_nothing", ticket.Filter{Statuses: []ticket.Status{99}}, nil},
		{"invalid_beside_valid", ticket.Filter{Statuses: []ticket.Status{99, ticket.Closed}}, []int{3}},
		{"empty_selects_all", ticket.Filter{Statuses: []ticket.Status{}}, []int{0, 1, 2, 3, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []ticket.Number
			for _, i := range tc.want {
				want = append(want, made[i].Number)
			}
			diff(t, "numbers", want, numbers(all(t, s, tc.f)))
		})
	}
}

func testFilterBreak(t *testing.T, s ticket.Store) {
	for range 600 {
		create(t, s, draft("c1"))
	}
	n := 0
	for _, err := range s.Tickets(bg, ticket.Filter{}) {
		require.NoError(t, err)
		if n++; n == 300 {
			break
		}
	}
	require.Equal(t, 300, n)
	require.Len(t, all(t, s, ticket.Filter{}), 600, "a second iteration reads the store anew")
}

func testCancelled(t *testing.T, s ticket.Store) {
	tk := create(t, s, draft("c1"))
	ctx, cancel := context.WithCancel(bg)
	cancel()
	nt, err := ticket.NewTicket(draft("c1"), staff)
	require.NoError(t, err)
	_, err = s.Create(ctx, nt, nil)
	require.ErrorIs(t, err, context.Canceled, "Create")
	_, err = s.Ticket(ctx, tk.Number)
	require.ErrorIs(t, err, context.Canceled, "Ticket")
	_, err = s.Update(ctx, tk.Number, change(func(t *ticket.Ticket) error { t.Subject = "x"; return nil }))
	require.ErrorIs(t, err, context.Canceled, "Update")
	_, err = s.ByIdempotencyKey(ctx, "k")
	require.ErrorIs(t, err, context.Canceled, "ByIdempotencyKey")
	_, err = s.OpenByAlertKey(ctx, "k")
	require.ErrorIs(t, err, context.Canceled, "OpenByAlertKey")
	_, err = s.Pending(ctx, 0)
	require.ErrorIs(t, err, context.Canceled, "Pending")
	require.ErrorIs(t, s.MarkDelivered(ctx), context.Canceled, "MarkDelivered")
	for _, err := range s.Tickets(ctx, ticket.Filter{}) {
		require.ErrorIs(t, err, context.Canceled, "Tickets")
	}
	isStored(t, s, "ticket after cancelled calls", tk)
	require.Len(t, all(t, s, ticket.Filter{}), 1)
}

// testLimits stores tickets with every text at its documented limit
// (IDs of 128 bytes of multi-byte UTF-8, a subject of 1,024 bytes, a
// description of 1 MiB, keys and attachment names of 1,024 bytes) received
// at the first and the last microsecond of the years 1-9999 UTC: each
// reads back as stored. One step past a limit is refused with ErrInvalid
// before any store is asked, and every ticket stays readable.
func testLimits(t *testing.T, s ticket.Store) {
	line := strings.Repeat("ä", 512) // 1,024 bytes
	atLimit := func(received time.Time, key string) ticket.Draft {
		return draft(strings.Repeat("ö", 64), func(d *ticket.Draft) {
			d.ContactID = strings.Repeat("ü", 64)
			d.Subject = line
			d.Description = strings.Repeat("Fehler 0x80070005\n", (1<<20)/18)
			d.Attachments = []ticket.Attachment{{Name: line, Ref: strings.Repeat("r", 1024), ContentType: line, SentName: line, Size: 1 << 40}}
			d.IdempotencyKey = key + strings.Repeat("k", 1024-len(key))
			d.Received = received
		})
	}
	first := time.Date(1, time.January, 1, 0, 0, 0, 1000, time.UTC)
	last := time.Date(9999, time.December, 31, 23, 59, 59, 999999000, time.UTC)
	for i, received := range []time.Time{first, last} {
		tk, err := ticket.NewTicket(atLimit(received, fmt.Sprint(i)), staff)
		require.NoError(t, err)
		created, err := s.Create(bg, tk, nil)
		require.NoError(t, err)
		want := tk.Clone()
		want.Number, want.Version = created.Number, 1
		isStored(t, s, "ticket at the limits", want)
	}
	for name, edit := range map[string]func(*ticket.Draft){
		"received_in_10000":   func(d *ticket.Draft) { d.Received = last.Add(time.Microsecond) },
		"received_in_year_0":  func(d *ticket.Draft) { d.Received = first.Add(-2 * time.Microsecond) },
		"subject_of_1025":     func(d *ticket.Draft) { d.Subject += "x" },
		"key_of_1025":         func(d *ticket.Draft) { d.IdempotencyKey += "x" },
		"description_of_1MiB": func(d *ticket.Draft) { d.Description = strings.Repeat("x", 1<<20+1) },
	} {
		d := atLimit(last, "past")
		edit(&d)
		_, err := ticket.NewTicket(d, staff)
		require.ErrorIs(t, err, ticket.ErrInvalid, name)
	}
	n := 0
	for _, err := range s.Tickets(bg, ticket.Filter{}) {
		require.NoError(t, err)
		n++
	}
	require.Equal(t, 2, n, "both tickets stay readable")
}

package ticket_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

// t0 is the tests' "now": Monday 2 March 2026, 09:00 in Berlin.
var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, berlin)

// at returns t0 plus a duration, for dense tables: at(90*time.Minute).
func at(d time.Duration) time.Time { return t0.Add(d) }

// ber writes an instant as the wall clock in Berlin reads it.
func ber(y int, mon time.Month, dd, hh, mm int) time.Time {
	return time.Date(y, mon, dd, hh, mm, 0, 0, berlin)
}

func d(y int, mon time.Month, dd int) date.Date { return date.New(y, mon, dd) }

const (
	h   = time.Hour
	m   = time.Minute
	day = 24 * time.Hour
)

var (
	bg    = context.Background()
	staff = ticket.Staff("svc-sabrina")
	tech  = ticket.Staff("tech-7")
)

// Contacts of the tests' directory. Customer "wdf" (a Warendorf firm) has
// anna (report level) and ben (extended); customer "sgn" has carl.
var (
	anna = ticket.Contact{ID: "anna", CustomerID: "wdf", Email: "anna@wdf.example", Level: ticket.LevelReport}
	ben  = ticket.Contact{ID: "ben", CustomerID: "wdf", Email: "ben@wdf.example", Level: ticket.LevelExtended}
	carl = ticket.Contact{ID: "carl", CustomerID: "sgn", Email: "carl@sgn.example", Level: ticket.LevelReport}
)

var cmpOpts = cmp.Options{cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }), cmpopts.EquateEmpty()}

func diff(t testing.TB, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got, cmpOpts); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}

// incident is a new incident by anna, received at t0, not yet stored.
func incident(t testing.TB, edit ...func(*ticket.Draft)) ticket.Ticket {
	t.Helper()
	dr := ticket.Draft{
		CustomerID: "wdf", ContactID: "anna", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Subject: "Drucker druckt nicht", Received: t0, Participants: []string{"anna@wdf.example"},
	}
	for _, e := range edit {
		e(&dr)
	}
	tk, err := ticket.NewTicket(dr, staff)
	require.NoError(t, err)
	tk.Number = 4711
	return tk
}

// directory is the tests' ticket.Directory: the contacts above, and the
// onboarding answers: chef@wdf gets new-ticket mail, anna and chef status
// mail; sgn wants no mail.
type directory struct{ fail error }

func (dir directory) ContactByEmail(_ context.Context, addr string) (ticket.Contact, error) {
	if dir.fail != nil {
		return ticket.Contact{}, dir.fail
	}
	for _, c := range []ticket.Contact{anna, ben, carl} {
		if c.Email == addr {
			return c, nil
		}
	}
	return ticket.Contact{}, fmt.Errorf("no contact %s: %w", addr, ticket.ErrNotFound)
}

func (dir directory) Recipients(_ context.Context, customer string) (ticket.Recipients, error) {
	if customer == "wdf" {
		return ticket.Recipients{NewTickets: []string{"chef@wdf.example"}, StatusChanges: []string{"anna@wdf.example", "chef@wdf.example"}}, nil
	}
	return ticket.Recipients{}, nil
}

// store is a minimal ticket.Store for the package's own tests: one lock,
// linear scans. examples/memstore has the real in-memory store, held to
// the contract by tickettest; the package's tests may not import it.
type store struct {
	mu      sync.Mutex
	tickets []ticket.Ticket // Number i+1 at index i
	outbox  []ticket.Notification
	done    map[uint64]bool
}

var _ ticket.Store = (*store)(nil)

func (s *store) Create(_ context.Context, t ticket.Ticket, fn func(*ticket.Ticket) ([]ticket.Notification, error)) (ticket.Ticket, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t = t.Clone()
	t.Number, t.Version = ticket.Number(len(s.tickets)+1), 1
	return s.write(t, fn, -1)
}

func (s *store) Update(_ context.Context, n ticket.Number, fn func(*ticket.Ticket) ([]ticket.Notification, error)) (ticket.Ticket, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := int(n) - 1
	if i < 0 || i >= len(s.tickets) {
		return ticket.Ticket{}, ticket.ErrNotFound
	}
	t := s.tickets[i].Clone()
	t.Version++
	return s.write(t, fn, i)
}

// write runs fn on t, checks the unique keys against every ticket but
// index self, and stores; the caller holds the lock.
func (s *store) write(t ticket.Ticket, fn func(*ticket.Ticket) ([]ticket.Notification, error), self int) (ticket.Ticket, error) {
	var out []ticket.Notification
	if fn != nil {
		var err error
		if out, err = fn(&t); err != nil {
			return ticket.Ticket{}, err
		}
	}
	for i, o := range s.tickets {
		switch {
		case i == self:
		case t.IdempotencyKey != "" && o.IdempotencyKey == t.IdempotencyKey:
			return ticket.Ticket{}, &ticket.DuplicateError{Field: "IdempotencyKey", Key: t.IdempotencyKey}
		case t.AlertKey != "" && o.AlertKey == t.AlertKey && o.Status != ticket.Closed && t.Status != ticket.Closed:
			return ticket.Ticket{}, &ticket.DuplicateError{Field: "AlertKey", Key: t.AlertKey}
		}
	}
	if self < 0 {
		s.tickets = append(s.tickets, t.Clone())
	} else {
		s.tickets[self] = t.Clone()
	}
	for _, n := range out {
		n.ID, n.Ticket = uint64(len(s.outbox)+1), t.Number
		s.outbox = append(s.outbox, n)
	}
	return t, nil
}

func (s *store) Ticket(_ context.Context, n ticket.Number) (ticket.Ticket, error) {
	return s.find(func(t *ticket.Ticket) bool { return t.Number == n })
}

func (s *store) ByIdempotencyKey(_ context.Context, key string) (ticket.Ticket, error) {
	return s.find(func(t *ticket.Ticket) bool { return key != "" && t.IdempotencyKey == key })
}

func (s *store) OpenByAlertKey(_ context.Context, key string) (ticket.Ticket, error) {
	return s.find(func(t *ticket.Ticket) bool { return key != "" && t.AlertKey == key && t.Status != ticket.Closed })
}

func (s *store) find(match func(*ticket.Ticket) bool) (ticket.Ticket, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.tickets {
		if match(&s.tickets[i]) {
			return s.tickets[i].Clone(), nil
		}
	}
	return ticket.Ticket{}, ticket.ErrNotFound
}

func (s *store) Tickets(_ context.Context, f ticket.Filter) iter.Seq2[ticket.Ticket, error] {
	return func(yield func(ticket.Ticket, error) bool) {
		s.mu.Lock()
		var ts []ticket.Ticket
		for i := range s.tickets {
			if f.Match(&s.tickets[i]) {
				ts = append(ts, s.tickets[i].Clone())
			}
		}
		s.mu.Unlock()
		for _, t := range ts {
			if !yield(t, nil) {
				return
			}
		}
	}
}

func (s *store) Pending(context.Context, int) ([]ticket.Notification, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ticket.Notification
	for _, n := range s.outbox {
		if !s.done[n.ID] {
			out = append(out, n)
		}
	}
	return out, nil
}

func (s *store) MarkDelivered(_ context.Context, ids ...uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done == nil {
		s.done = map[uint64]bool{}
	}
	for _, id := range ids {
		if id == 0 || id > uint64(len(s.outbox)) {
			return ticket.ErrNotFound
		}
	}
	for _, id := range ids {
		s.done[id] = true
	}
	return nil
}

// newDesk returns a desk on an empty store with the tests' directory.
func newDesk(t testing.TB, cfg ticket.Config) (*ticket.Desk, *store) {
	t.Helper()
	s := &store{}
	if cfg.Mail.Domain == "" {
		cfg.Mail.Domain = "desk.example"
	}
	dk, err := ticket.NewDesk(s, directory{}, cfg)
	require.NoError(t, err)
	return dk, s
}

// sent lists the pending notifications as "event recipient".
func sent(t testing.TB, s *store) []string {
	t.Helper()
	p, err := s.Pending(bg, 0)
	require.NoError(t, err)
	var out []string
	for _, n := range p {
		out = append(out, n.Event.String()+" "+n.Recipient)
	}
	return out
}

// asTransition returns err as a *TransitionError, or nil.
func asTransition(err error) *ticket.TransitionError {
	var te *ticket.TransitionError
	if errors.As(err, &te) {
		return te
	}
	return nil
}

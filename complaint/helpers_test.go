package complaint_test

import (
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
)

var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return loc
}()

// ams writes an instant as the wall clock reads it in Amsterdam.
func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, amsterdam)
}

// office is the Dutch complaints procedure's calendar, compiled once for all tests.
var office = sync.OnceValue(func() *sla.Calendar {
	c, err := complaint.NLOffice()
	if err != nil {
		panic(err)
	}
	return c
})

func calendars() sla.Calendars { return sla.Calendars{complaint.OfficeCalendar: office()} }

// policy compiles cfg on the office calendar.
func policy(t testing.TB, cfg complaint.PolicyConfig) *complaint.Policy {
	t.Helper()
	p, err := complaint.NewPolicy(cfg, calendars())
	require.NoError(t, err)
	return p
}

func nlPolicy(t testing.TB) *complaint.Policy  { return policy(t, complaint.PresetNL()) }
func h24Policy(t testing.TB) *complaint.Policy { return policy(t, complaint.Preset24h()) }

// Staff: people in teams. The first investigation is done by desk and
// service people; quality is a team that never touches it.
var (
	anna  = complaint.Actor{ID: "anna", Team: "desk"}
	bob   = complaint.Actor{ID: "bob", Team: "service"}
	carl  = complaint.Actor{ID: "carl", Team: "service"}
	dave  = complaint.Actor{ID: "dave", Team: "desk"}
	erik  = complaint.Actor{ID: "erik", Team: "quality"}
	fiona = complaint.Actor{ID: "fiona", Team: "quality"}
	gert  = complaint.Actor{ID: "gert", Team: "management"}
)

// serviceIntake is a complete service complaint received at at.
func serviceIntake(at time.Time) complaint.Intake {
	return complaint.Intake{
		Type:       complaint.TypeService,
		CustomerID: "K-1001",
		ReceivedAt: at,
		Details: complaint.Details{
			TicketNumber: "T-4711",
			SerialNumber: "SN-88",
			Description:  "The technician did not come on the agreed day.",
		},
	}
}

// received returns a stored-looking service complaint received at at:
// valid, with a reference.
func received(t testing.TB, p *complaint.Policy, at time.Time) complaint.Complaint {
	t.Helper()
	c, err := p.NewComplaint(serviceIntake(at))
	require.NoError(t, err)
	c.Ref.Seq = 1
	c.Version = 1
	return c
}

// do takes steps on c in order, requiring each to succeed.
func do(t testing.TB, c *complaint.Complaint, steps ...func(*complaint.Complaint) error) {
	t.Helper()
	for i, s := range steps {
		require.NoError(t, s(c), "step %d", i)
	}
}

// Steps as values, for do.
func ack(p *complaint.Policy, by complaint.Actor, at time.Time) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error { _, err := p.Acknowledge(c, by, at); return err }
}

func investigate(p *complaint.Policy, by complaint.Actor, at time.Time) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error { return p.StartInvestigation(c, by, at) }
}

func contact(p *complaint.Policy, by complaint.Actor, at time.Time, party string) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error { return p.RecordContact(c, by, at, party, "asked for details") }
}

func update(p *complaint.Policy, by complaint.Actor, at time.Time) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error { return p.SendUpdate(c, by, at, "still investigating") }
}

func extend(p *complaint.Policy, by complaint.Actor, at, due time.Time) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error {
		return p.Extend(c, by, at, "waiting for the supplier's analysis", due)
	}
}

var decision = complaint.Decision{Explanation: "The visit was rescheduled without notice.", Actions: []string{"Credited the call-out fee"}}

func resolve(p *complaint.Policy, by complaint.Actor, at time.Time) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error { return p.Resolve(c, by, at, decision) }
}

func reject(p *complaint.Policy, by complaint.Actor, at time.Time) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error { return p.Reject(c, by, at, decision) }
}

func escalate(p *complaint.Policy, at time.Time) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error { return p.Escalate(c, at, "I still have no working inverter.") }
}

func assign(p *complaint.Policy, by complaint.Actor, at time.Time, reviewer complaint.Actor) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error { return p.AssignReviewer(c, by, at, reviewer) }
}

func decide(p *complaint.Policy, by complaint.Actor, at time.Time) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error {
		return p.DecideFinal(c, by, at, complaint.OutcomeResolved, complaint.Decision{Explanation: "On review we replace the inverter."})
	}
}

func closeIt(p *complaint.Policy, by complaint.Actor, at time.Time) func(*complaint.Complaint) error {
	return func(c *complaint.Complaint) error { return p.Close(c, by, at) }
}

// diff fails the test with a cmp.Diff of want and got.
func diff(t testing.TB, what string, want, got any, opts ...cmp.Option) {
	t.Helper()
	if d := cmp.Diff(want, got, opts...); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}

// timeline requires the policy's timeline of c at now.
func timeline(t testing.TB, p *complaint.Policy, c complaint.Complaint, now time.Time) complaint.Timeline {
	t.Helper()
	tl, err := p.Timeline(c, now)
	require.NoError(t, err)
	return tl
}

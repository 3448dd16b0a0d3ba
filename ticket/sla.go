package ticket

import (
	"time"

	"github.com/deskcore/deskcore/sla"
)

// Agreements are one customer's service levels for tickets: the
// response and resolution times per priority of the cooperation
// agreement, and for kinds with other hours their own agreement, such as
// 24/7 monitoring on an sla.AlwaysOpen calendar. The zero Agreements has
// no policies, so every ticket's clocks fail to resolve.
type Agreements struct {
	// Default applies to every kind without its own agreement.
	Default sla.Agreement
	// ByKind overrides Default per kind, e.g. MonitoringAlert on a 24/7
	// agreement.
	ByKind map[Kind]sla.Agreement
	// Priorities names each priority in the agreements' own terms ("P1",
	// "hoch"). A priority not in it is looked up by Priority.String.
	Priorities map[Priority]string
	// ResponseTarget and ResolutionTarget name the policy targets the
	// ticket's response and resolution clocks feed; "" means
	// sla.FirstResponse and sla.Resolution. A policy may lack either; its
	// other targets stay pending.
	ResponseTarget, ResolutionTarget string
}

// Clocks are a ticket's SLA clocks at an instant.
type Clocks struct {
	Policy string // the policy's name, e.g. "P1"

	// Response runs from receipt to the provider's first response
	// (RespondedAt). HasResponse is false when the policy has no response
	// target; Response is then the zero Status.
	Response    sla.Status
	HasResponse bool // whether the policy has a response target

	// Resolution runs from receipt to resolution. It pauses while the
	// ticket waits on the customer and while it is resolved; a
	// reopen resumes it, and it is met by the last resolution. HasResolution
	// is false when the policy has no resolution target.
	Resolution    sla.Status
	HasResolution bool // whether the policy has a resolution target
}

// Clocks computes t's response and resolution clocks at now with sla
// clocks, under the policy the agreement for t's kind sets for t's
// current priority. It is a pure function of its arguments.
//
// It returns a *sla.ValidationError (matching sla.ErrInvalid) when the
// agreement has no policy for the priority, a *ValidationError when the
// response or resolution target is chained to another (After), because a
// ticket's clocks start at receipt, and a *sla.HistoryError when the
// ticket's history cannot be read as a clock history (for example an
// instant outside the calendar's years).
func (a Agreements) Clocks(t Ticket, now time.Time) (Clocks, error) {
	var b clockBuilder
	return b.clocks(&a, &t, now)
}

// clockBuilder computes clocks for many tickets under one Agreements,
// reusing its buffers and remembering each kind and priority's policy, as
// statistics do over a million tickets. It is not safe for concurrent use.
type clockBuilder struct {
	hist        map[string][]sla.Event
	resp, resol []sla.Event
	sts         []sla.Status
	targets     map[*sla.Policy]policyTargets
	policies    map[[2]uint8]policyLookup // by kind and priority
}

// policyLookup is the answer of Agreements.policy.
type policyLookup struct {
	p   *sla.Policy
	err error
}

// policyTargets is what a policy offers a ticket, looked up once per
// policy.
type policyTargets struct {
	resp, resol bool
	err         error
}

func (a *Agreements) policy(t *Ticket) (*sla.Policy, error) {
	ag, ok := a.ByKind[t.Kind]
	if !ok {
		ag = a.Default
	}
	key, ok := a.Priorities[t.Priority]
	if !ok {
		key = t.Priority.String()
	}
	return ag.Policy(key)
}

func (a *Agreements) targetNames() (resp, resol string) {
	resp, resol = a.ResponseTarget, a.ResolutionTarget
	if resp == "" {
		resp = sla.FirstResponse
	}
	if resol == "" {
		resol = sla.Resolution
	}
	return resp, resol
}

func (b *clockBuilder) clocks(a *Agreements, t *Ticket, now time.Time) (Clocks, error) {
	key := [2]uint8{uint8(t.Kind), uint8(t.Priority)}
	found, ok := b.policies[key]
	if !ok {
		found.p, found.err = a.policy(t)
		if b.policies == nil {
			b.policies = map[[2]uint8]policyLookup{}
		}
		b.policies[key] = found
	}
	p, err := found.p, found.err
	if err != nil {
		return Clocks{}, err
	}
	respName, resolName := a.targetNames()
	pt, ok := b.targets[p]
	if !ok {
		pt = lookupTargets(p, respName, resolName)
		if b.targets == nil {
			b.targets = map[*sla.Policy]policyTargets{}
		}
		b.targets[p] = pt
	}
	if pt.err != nil {
		return Clocks{}, pt.err
	}
	if b.hist == nil {
		b.hist = map[string][]sla.Event{}
	}
	clear(b.hist)
	if pt.resp {
		b.resp = responseHistory(b.resp[:0], t)
		b.hist[respName] = b.resp
	}
	if pt.resol {
		b.resol = resolutionHistory(b.resol[:0], t)
		b.hist[resolName] = b.resol
	}
	sts, err := p.AppendStatus(b.sts[:0], b.hist, now)
	if err != nil {
		return Clocks{}, err
	}
	b.sts = sts
	c := Clocks{Policy: p.Name(), HasResponse: pt.resp, HasResolution: pt.resol}
	for _, st := range sts {
		switch st.Name {
		case respName:
			c.Response = st
		case resolName:
			c.Resolution = st
		}
	}
	return c, nil
}

func lookupTargets(p *sla.Policy, respName, resolName string) policyTargets {
	var pt policyTargets
	for _, target := range p.Targets() {
		if target.Name != respName && target.Name != resolName {
			continue
		}
		if target.After != "" {
			pt.err = invalid("Agreements", "target %q of policy %q follows %q, but a ticket's clocks start at receipt", target.Name, p.Name(), target.After)
			return pt
		}
		if target.Name == respName {
			pt.resp = true
		} else {
			pt.resol = true
		}
	}
	return pt
}

// responseHistory is the response clock's history: started at receipt,
// met at the first response.
func responseHistory(h []sla.Event, t *Ticket) []sla.Event {
	h = append(h, sla.Event{Kind: sla.Start, At: t.Received})
	if !t.RespondedAt.IsZero() {
		h = append(h, sla.Event{Kind: sla.Meet, At: t.RespondedAt})
	}
	return h
}

// resolutionHistory is the resolution clock's history, read from the
// status changes in the audit: it pauses while waiting on the customer
// and while resolved, resumes when work goes on, and is met by the last
// resolution of a ticket that is resolved or closed now.
func resolutionHistory(h []sla.Event, t *Ticket) []sla.Event {
	h = append(h, sla.Event{Kind: sla.Start, At: t.Received})
	final := -1
	if t.Status == Resolved || t.Status == Closed {
		for i := len(t.Audit) - 1; i >= 0; i-- {
			if e := &t.Audit[i]; e.Action == ActionStatus && e.To == Resolved.String() {
				final = i
				break
			}
		}
	}
	paused := false
	for i := range t.Audit {
		e := &t.Audit[i]
		if e.Action != ActionStatus {
			continue
		}
		switch {
		case i == final:
			return append(h, sla.Event{Kind: sla.Meet, At: e.At})
		case e.To == WaitingOnCustomer.String() || e.To == Resolved.String():
			if !paused {
				h = append(h, sla.Event{Kind: sla.Pause, At: e.At, Reason: e.To})
				paused = true
			}
		case e.To == Closed.String():
			// Only after the final resolution, which ended the history.
		default:
			if paused {
				h = append(h, sla.Event{Kind: sla.Resume, At: e.At})
				paused = false
			}
		}
	}
	return h
}

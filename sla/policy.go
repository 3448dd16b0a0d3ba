package sla

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Calendars resolves the calendar names that policies refer to ("hotline",
// "24/7") to compiled calendars. A host builds it once at start-up, so
// that its stored policies name calendars rather than embed them. The zero
// (nil) Calendars knows no names.
type Calendars map[string]*Calendar

// Lookup returns the calendar called name. It returns an
// *UnknownCalendarError (matching ErrInvalid) when there is none or it is
// nil.
func (cs Calendars) Lookup(name string) (*Calendar, error) {
	if c := cs[name]; c != nil {
		return c, nil
	}
	return nil, &UnknownCalendarError{Name: name}
}

// PolicyTarget is one named target of a policy: which target, on which
// calendar, and whether it starts when another target is met.
type PolicyTarget struct {
	// Name is unique in the policy: Acknowledgement, Update, Resolution,
	// or the host's own.
	Name   string
	Target Target

	// Calendar names the calendar in the policy's Calendars. Required for
	// BusinessTime and BusinessDays targets; optional for ClockTime ones,
	// where it only sets the zone of results.
	Calendar string

	// After names the target whose Meet starts this one's clock: the
	// Dutch complaints procedure's update is due 14 business days after the acknowledgement, not
	// after receipt. "" means the target starts with its own Start event.
	After string
}

// PolicyConfig specifies a policy. Its zero value is invalid: a policy
// needs at least one target.
type PolicyConfig struct {
	Name    string // for the host and for messages, e.g. "P1" or "complaints"
	Targets []PolicyTarget

	// WarnPercent is the share of each target's budget, in percent, at
	// which Deadline.Warning turns on. 0 means 80; at most 100.
	WarnPercent int
}

// Policy is a compiled set of targets that apply together to one ticket or
// complaint: the Dutch complaints procedure's acknowledgement within 7 business days, update 14
// business days after it, resolution within 30 business days of receipt.
// Build it with NewPolicy. A Policy is immutable and safe for concurrent
// use.
type Policy struct {
	name    string
	targets []policyTarget
	order   []int // every target after the one it follows
}

type policyTarget struct {
	PolicyTarget
	clock Clock
	after int // index of the target it follows, -1 if none
}

// NewPolicy validates cfg, resolves its calendar names in calendars and
// orders its chained targets. It returns an *UnknownCalendarError for a
// calendar name calendars does not hold, and a *ValidationError (matching
// ErrInvalid, as does the other) for no targets, an empty or duplicate
// name, an invalid target, a business target without a calendar, an After
// naming no target of the policy, targets that follow each other in a
// cycle, or WarnPercent outside 0..100.
func NewPolicy(cfg PolicyConfig, calendars Calendars) (*Policy, error) {
	if err := checkName("Name", cfg.Name); err != nil {
		return nil, err
	}
	if len(cfg.Targets) == 0 {
		return nil, invalid("Targets", "policy %q has no targets", cfg.Name)
	}
	if cfg.WarnPercent < 0 || cfg.WarnPercent > 100 {
		return nil, invalid("WarnPercent", "%d is not 0 (meaning %d) to 100", cfg.WarnPercent, defaultWarnPercent)
	}
	p := &Policy{name: cfg.Name, targets: make([]policyTarget, len(cfg.Targets))}
	index := make(map[string]int, len(cfg.Targets))
	for i, pt := range cfg.Targets {
		field := fmt.Sprintf("Targets[%d]", i)
		if strings.TrimSpace(pt.Name) == "" {
			return nil, invalid(field+".Name", "is empty")
		}
		for _, name := range [...][2]string{{"Name", pt.Name}, {"After", pt.After}, {"Calendar", pt.Calendar}} {
			if err := checkName(field+"."+name[0], name[1]); err != nil {
				return nil, err
			}
		}
		if j, dup := index[pt.Name]; dup {
			return nil, invalid(field+".Name", "%q is also the name of Targets[%d]", pt.Name, j)
		}
		index[pt.Name] = i
		if err := pt.Target.validate(field + ".Target"); err != nil {
			return nil, err
		}
		c := Clock{Target: pt.Target, WarnPercent: cfg.WarnPercent}
		switch {
		case pt.Calendar != "":
			cal, err := calendars.Lookup(pt.Calendar)
			if err != nil {
				return nil, &UnknownCalendarError{Name: pt.Calendar, Target: pt.Name}
			}
			c.Calendar = cal
		case pt.Target.Kind != ClockTime:
			return nil, invalid(field+".Calendar", "a %s target needs a calendar", pt.Target.Kind)
		}
		p.targets[i] = policyTarget{PolicyTarget: pt, clock: c, after: -1}
	}
	for i := range p.targets {
		after := p.targets[i].After
		if after == "" {
			continue
		}
		j, ok := index[after]
		if !ok {
			return nil, invalid(fmt.Sprintf("Targets[%d].After", i), "%q is not a target of policy %q", after, cfg.Name)
		}
		p.targets[i].after = j
	}
	depth := make([]int, len(p.targets))
	for i := range p.targets {
		// Each target follows at most one other, so following the chain
		// for more steps than there are targets means going round a cycle,
		// and j is then on it (i may only lead into it).
		for j := p.targets[i].after; j >= 0; j = p.targets[j].after {
			if depth[i]++; depth[i] > len(p.targets) {
				return nil, p.cycleError(j)
			}
		}
	}
	p.order = make([]int, len(p.targets))
	for i := range p.order {
		p.order[i] = i
	}
	slices.SortStableFunc(p.order, func(a, b int) int { return depth[a] - depth[b] })
	return p, nil
}

// cycleError names the first target, in the host's order, of the cycle
// through j, so that the error does not depend on where the search began.
func (p *Policy) cycleError(j int) error {
	first := j
	for k := p.targets[j].after; k != j; k = p.targets[k].after {
		first = min(first, k)
	}
	return invalid(fmt.Sprintf("Targets[%d].After", first), "%q follows itself through a cycle of After", p.targets[first].Name)
}

// Name returns the policy's name; "" for a nil policy.
func (p *Policy) Name() string {
	if p == nil {
		return ""
	}
	return p.name
}

// Targets returns the policy's targets, in the order they were given;
// none for a nil policy.
func (p *Policy) Targets() []PolicyTarget {
	if p == nil {
		return nil
	}
	out := make([]PolicyTarget, len(p.targets))
	for i, t := range p.targets {
		out[i] = t.PolicyTarget
	}
	return out
}

// Status computes every target's clock at now, in the order of Targets,
// from the histories of the targets, keyed by target name. A target
// without a history is Pending. A chained target's clock starts when the
// target it follows is met, so its history holds no Start event and none
// of its events may come before that; while that target is not met (or
// was stopped) it stays Pending, and its history must be empty.
//
// It returns a *ValidationError (matching ErrInvalid) for a nil policy or
// a history under a name the policy does not have, and the errors of Clock.Status, with
// HistoryError.Target naming the target.
func (p *Policy) Status(histories map[string][]Event, now time.Time) ([]Status, error) {
	out, err := p.AppendStatus(nil, histories, now)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AppendStatus is Status appending to dst, for callers that evaluate
// many policies in a loop (statistics over a million tickets) and reuse
// one buffer: with room in dst it does not allocate. On an error it
// returns dst unchanged.
func (p *Policy) AppendStatus(dst []Status, histories map[string][]Event, now time.Time) ([]Status, error) {
	if p == nil {
		return dst, invalid("Policy", "is nil")
	}
	known := 0
	for _, t := range p.targets {
		if _, ok := histories[t.Name]; ok {
			known++
		}
	}
	if known < len(histories) {
		return dst, p.unknownHistory(histories)
	}
	base := len(dst)
	dst = slices.Grow(dst, len(p.targets))[:base+len(p.targets)]
	out := dst[base:]
	clear(out)
	var buf [8]time.Time
	met := buf[:0]
	if len(p.targets) > len(buf) {
		met = make([]time.Time, 0, len(p.targets))
	}
	met = met[:len(p.targets)]
	for _, i := range p.order {
		t := &p.targets[i]
		history := histories[t.Name]
		ch := chain{name: t.Name}
		if t.after >= 0 {
			ch.after, ch.start = t.After, met[t.after]
			if ch.start.IsZero() {
				if len(history) > 0 {
					return dst[:base], &HistoryError{Target: t.Name, Index: 0, Err: ErrInvalid,
						Reason: fmt.Sprintf("%q is never met, so this target never starts", t.After)}
				}
				out[i] = Status{Name: t.Name}
				continue
			}
		}
		st, m, err := t.clock.evaluate(ch, history, now)
		if err != nil {
			return dst[:base], err
		}
		out[i], met[i] = st, m
	}
	return dst, nil
}

// unknownHistory names the first, in sorted order, of the history keys
// that are not targets, so that the error does not depend on map order.
func (p *Policy) unknownHistory(histories map[string][]Event) error {
	var unknown []string
	for name := range histories {
		if !slices.ContainsFunc(p.targets, func(t policyTarget) bool { return t.Name == name }) {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	return invalid(fmt.Sprintf("histories[%q]", unknown[0]), "policy %q has no target of that name", p.name)
}

// Agreement holds the policies of one agreement by priority: the response
// times per priority of the cooperation agreement, or a complaints
// procedure with a single policy. The zero Agreement has no policies.
type Agreement struct {
	Name     string
	Policies map[string]*Policy // by priority, in the host's own terms ("P1", "hoch")
}

// Policy returns the policy for priority. It returns a *ValidationError
// (matching ErrInvalid) when the agreement has none for it.
func (a Agreement) Policy(priority string) (*Policy, error) {
	if p := a.Policies[priority]; p != nil {
		return p, nil
	}
	return nil, invalid("priority", "agreement %q has no policy for priority %q", a.Name, priority)
}

package complaint

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/rickar/cal/v2/nl"

	"github.com/deskcore/deskcore/sla"
)

// PolicyConfig specifies a complaints procedure: its deadlines, the
// calendar they are counted on, how long the customer may escalate, and
// which details each type of complaint must carry. The zero value of every
// field but Calendar means the Dutch complaints procedure; PresetNL and Preset24h
// reproduce the Dutch and the 24-hour procedure.
//
// A host may store a PolicyConfig as it stands: it names its calendar
// rather than embeds it, as sla.PolicyTarget does.
type PolicyConfig struct {
	// Name is for the host and for messages, e.g. "klachten".
	Name string

	// Calendar names the business calendar in the Calendars given to
	// NewPolicy. Required when any target is in business time or business
	// days; with clock-time targets only, it sets the zone that deadlines
	// are shown in (and the year of the reference), and "" means the zone
	// of the receipt.
	Calendar string

	// Acknowledgement is due this long after receipt. Zero means
	// "7 business days"; the 24-hour complaints procedure is "24h clock".
	Acknowledgement sla.Target

	// Update is the progress update: due this long after the
	// acknowledgement, and again this long after each update, until the
	// complaint is decided. Zero means "14 business days".
	Update sla.Target

	// Resolution is the decision, due this long after receipt; Extend
	// moves it. Zero means "30 business days".
	Resolution sla.Target

	// EscalationWindow is how long after the decision the customer may
	// escalate (the 24-hour complaints procedure: "within a reasonable time"; the Dutch complaints procedure names
	// none). Zero means "20 business days", about four weeks.
	EscalationWindow sla.Target

	// Required lists the details each type must carry. A type missing
	// from the map takes DefaultRequired's list; an empty list requires
	// nothing.
	Required map[Type][]Field

	// WarnPercent is the share of each deadline's budget, in percent, at
	// which its sla.Deadline.Warning turns on. 0 means 80; at most 100.
	WarnPercent int

	// ReminderLead is how long before a deadline its due-soon reminder
	// begins (Policy.Reminders), for every deadline. Zero means one
	// business day on the calendar for a deadline in business time or
	// days, and a sixth of a deadline in clock time, at most a day: 4
	// hours before a 24-hour acknowledgement; Config reports it as zero
	// then. A lead in business time or days needs Calendar; in business
	// days it is at least 1.
	ReminderLead sla.Target

	// Independence is who may review an escalation: the zero value,
	// IndependentPerson, admits anyone who took no part in the first
	// investigation ("another team or another person"); IndependentTeam
	// asks for a team that took no part.
	Independence Independence
}

// The defaults of PolicyConfig: the Dutch complaints procedure's business days, and four weeks to
// escalate.
var (
	defaultAcknowledgement  = sla.Target{Kind: sla.BusinessDays, Days: 7}
	defaultUpdate           = sla.Target{Kind: sla.BusinessDays, Days: 14}
	defaultResolution       = sla.Target{Kind: sla.BusinessDays, Days: 30}
	defaultEscalationWindow = sla.Target{Kind: sla.BusinessDays, Days: 20}
)

// DefaultRequired returns the details each type must carry unless a policy
// says otherwise, as the two procedures ask for them: a service complaint its ticket
// number and description, a product complaint the product model and
// description (the Dutch complaints procedure; serial numbers only "if available", ideas
// optional), a general complaint the complainant's name and e-mail address,
// the description and when it happened (the 24-hour complaints procedure; files optional). The map
// is new on each call.
func DefaultRequired() map[Type][]Field {
	return map[Type][]Field{
		TypeService: {FieldTicketNumber, FieldDescription},
		TypeProduct: {FieldProductModel, FieldDescription},
		TypeGeneral: {FieldName, FieldEmail, FieldDescription, FieldOccurredAt},
	}
}

// OfficeCalendar is the calendar name the presets count business days on.
const OfficeCalendar = "office"

// PresetNL returns the Dutch complaints procedure, the Dutch complaints policy:
// acknowledgement within 7 business days of receipt, a progress update
// within 14 business days of the acknowledgement (and, as a policy of this
// library, every 14 business days after the last update while the
// investigation runs), resolution within 30 business days of receipt, and
// 20 business days after the decision to escalate; all counted on
// OfficeCalendar, the procedures' required details.
//
// The preset names its calendar rather than building it, so that a host
// compiles a calendar once, shares it between policies and adds its own
// closing days; NLOffice builds the one the Dutch procedure implies.
func PresetNL() PolicyConfig {
	return PolicyConfig{
		Name:             "NL 7/14/30 business days",
		Calendar:         OfficeCalendar,
		Acknowledgement:  defaultAcknowledgement,
		Update:           defaultUpdate,
		Resolution:       defaultResolution,
		EscalationWindow: defaultEscalationWindow,
	}
}

// Preset24h returns the 24-hour complaints procedure: acknowledgement within 24 clock
// hours, weekends and nights included, with the reference number and an
// initial timeline. The procedure leaves the rest to "a reasonable time", so
// the preset keeps the customer informed every 7 days, aims to resolve
// within 30 days and gives 30 days to escalate, all in clock time; it
// needs no calendar. Set Calendar to show deadlines in an office's zone.
func Preset24h() PolicyConfig {
	return PolicyConfig{
		Name:             "24h acknowledgement",
		Acknowledgement:  sla.Target{Kind: sla.ClockTime, Duration: 24 * time.Hour},
		Update:           sla.Target{Kind: sla.ClockTime, Duration: 7 * 24 * time.Hour},
		Resolution:       sla.Target{Kind: sla.ClockTime, Duration: 30 * 24 * time.Hour},
		EscalationWindow: sla.Target{Kind: sla.ClockTime, Duration: 30 * 24 * time.Hour},
	}
}

// NLOffice builds the business calendar of the Dutch complaints procedure: Monday to Friday
// 09:00-17:00 in Europe/Amsterdam, closed on the Dutch public holidays of
// github.com/rickar/cal/v2/nl (nl.Holidays: Nieuwjaarsdag, Goede Vrijdag,
// Tweede Paasdag, Koningsdag, Bevrijdingsdag, Hemelvaartsdag, Tweede
// Pinksterdag, Eerste and Tweede Kerstdag), for the years 2000 to 2100.
// It returns sla.NewCalendar's error, which only a system without the
// Europe/Amsterdam zone data causes.
func NLOffice() (*sla.Calendar, error) {
	return sla.NewCalendar(sla.Config{
		Zone:     "Europe/Amsterdam",
		Week:     sla.MonFri(sla.Interval{Start: 9 * time.Hour, End: 17 * time.Hour}),
		Holidays: nl.Holidays,
	})
}

// Policy is a compiled complaints procedure: the steps of a complaint are
// its methods, because the deadlines, the escalation window and the
// required details are policy. Build it with NewPolicy. A Policy is
// immutable and safe for concurrent use.
type Policy struct {
	cfg      PolicyConfig // defaults filled in, Required complete
	deadline *sla.Policy  // acknowledgement, update (after it), resolution, escalation
	update   sla.Clock    // the second and later update cycles
	calendar *sla.Calendar
	required map[Type][]Field
}

// escalationTarget is the sla target that measures the escalation window.
const escalationTarget = "escalation"

// NewPolicy validates cfg, fills in its defaults and resolves its calendar
// in calendars. It returns a *ValidationError (matching ErrInvalid) that
// lists every problem: an unknown calendar, a business target without a
// calendar, an invalid target, a Required map with an unknown type or
// field or a field twice, WarnPercent outside 0..100, an Independence
// that is neither person nor team, an invalid ReminderLead (or one in
// business time without a calendar).
func NewPolicy(cfg PolicyConfig, calendars sla.Calendars) (*Policy, error) {
	var ps problems
	cfg.Acknowledgement = orDefault(cfg.Acknowledgement, defaultAcknowledgement)
	cfg.Update = orDefault(cfg.Update, defaultUpdate)
	cfg.Resolution = orDefault(cfg.Resolution, defaultResolution)
	cfg.EscalationWindow = orDefault(cfg.EscalationWindow, defaultEscalationWindow)
	if cfg.WarnPercent < 0 || cfg.WarnPercent > 100 {
		ps.add("WarnPercent", "%d is not 0 (meaning 80) to 100", cfg.WarnPercent)
	}
	if !independenceText.Valid(cfg.Independence) {
		ps.add("Independence", "%v is not person or team", cfg.Independence)
	}

	var cal *sla.Calendar
	if cfg.Calendar != "" {
		var err error
		if cal, err = calendars.Lookup(cfg.Calendar); err != nil {
			ps.add("Calendar", "%q is not among the calendars given", cfg.Calendar)
		}
	}
	targets := []sla.PolicyTarget{
		{Name: sla.Acknowledgement, Target: cfg.Acknowledgement},
		{Name: sla.Update, Target: cfg.Update, After: sla.Acknowledgement},
		{Name: sla.Resolution, Target: cfg.Resolution},
		{Name: escalationTarget, Target: cfg.EscalationWindow},
	}
	fieldOf := map[string]string{
		sla.Acknowledgement: "Acknowledgement", sla.Update: "Update",
		sla.Resolution: "Resolution", escalationTarget: "EscalationWindow",
	}
	for i, t := range targets {
		// Each target on its own, so that every bad target is reported.
		var ve *sla.ValidationError
		if errors.As(t.Target.Validate(), &ve) {
			for _, p := range ve.Problems {
				ps.add(fieldOf[t.Name], "%s", p.Reason)
			}
		}
		if t.Target.Kind != sla.ClockTime && cfg.Calendar == "" {
			ps.add("Calendar", "is required: %s is %q", fieldOf[t.Name], t.Target)
		}
		if cfg.Calendar != "" {
			targets[i].Calendar = cfg.Calendar
		}
	}
	if lead := cfg.ReminderLead; !lead.IsZero() {
		var ve *sla.ValidationError
		if errors.As(lead.Validate(), &ve) {
			for _, p := range ve.Problems {
				ps.add("ReminderLead", "%s", p.Reason)
			}
		}
		if lead.Kind == sla.BusinessDays && lead.Days < 1 {
			ps.add("ReminderLead", "%q is less than one business day", lead)
		}
		if lead.Kind != sla.ClockTime && cfg.Calendar == "" {
			ps.add("Calendar", "is required: ReminderLead is %q", lead)
		}
	}
	required := checkRequired(&ps, cfg.Required)
	if err := ps.err(); err != nil {
		return nil, err
	}
	deadline, err := sla.NewPolicy(sla.PolicyConfig{Name: cfg.Name, Targets: targets, WarnPercent: cfg.WarnPercent}, calendars)
	if err != nil {
		// Not reached: every target was checked above.
		ps.add("PolicyConfig", "%v", err)
		return nil, ps.err()
	}
	cfg.Required = required
	return &Policy{
		cfg:      cfg,
		deadline: deadline,
		update:   sla.Clock{Target: cfg.Update, Calendar: cal, WarnPercent: cfg.WarnPercent},
		calendar: cal,
		required: required,
	}, nil
}

func orDefault(t, def sla.Target) sla.Target {
	if t.IsZero() {
		return def
	}
	return t
}

// checkRequired returns the required details per type, the defaults
// completed by the host's lists, reporting unknown types and fields.
func checkRequired(ps *problems, in map[Type][]Field) map[Type][]Field {
	out := DefaultRequired()
	for _, t := range slices.Sorted(maps.Keys(in)) {
		field := fmt.Sprintf("Required[%v]", t)
		if !t.valid() {
			ps.add(field, "%v is not a complaint type", t)
			continue
		}
		for i, f := range in[t] {
			switch {
			case !slices.Contains(fields, f):
				ps.add(fmt.Sprintf("%s[%d]", field, i), "%q is not a detail of a complaint", f)
			case slices.Contains(in[t][:i], f):
				ps.add(fmt.Sprintf("%s[%d]", field, i), "%q is listed twice", f)
			}
		}
		out[t] = slices.Clone(in[t])
	}
	return out
}

// made refuses a Policy that NewPolicy did not make (a nil pointer or a
// zero Policy), so its methods return an error instead of panicking.
func (p *Policy) made() error {
	if p == nil || p.deadline == nil {
		var ps problems
		ps.add("Policy", "is nil or was not made by NewPolicy")
		return ps.err()
	}
	return nil
}

// Name returns the policy's name; "" for a nil policy.
func (p *Policy) Name() string {
	if p == nil {
		return ""
	}
	return p.cfg.Name
}

// Config returns the policy's configuration with its defaults filled in
// and Required complete for every type. The map and slices are copies.
// A nil policy has the zero PolicyConfig.
func (p *Policy) Config() PolicyConfig {
	if p == nil {
		return PolicyConfig{}
	}
	cfg := p.cfg
	cfg.Required = make(map[Type][]Field, len(p.required))
	for t, fs := range p.required {
		cfg.Required[t] = slices.Clone(fs)
	}
	return cfg
}

// Required returns the details a complaint of type t must carry, a copy;
// none for a nil policy.
func (p *Policy) Required(t Type) []Field {
	if p == nil {
		return nil
	}
	return slices.Clone(p.required[t])
}

// location is the zone deadlines and references are given in: the
// calendar's, or without one the zone of t.
func (p *Policy) location(t time.Time) *time.Location {
	if p.calendar != nil {
		return p.calendar.Location()
	}
	return t.Location()
}

// checkInstant reports a zero instant as missing, and one the policy
// cannot count from: outside its calendar's years, or beyond a reference's
// four-digit year.
func (p *Policy) checkInstant(ps *problems, field string, t time.Time) {
	switch y := t.In(p.location(t)).Year(); {
	case t.IsZero():
		ps.missing(field)
	case p.calendar != nil && !p.calendar.Covers(t):
		first, last := p.calendar.Years()
		ps.add(field, "%s is outside the calendar's years %d-%d", t.Format(time.RFC3339), first, last)
	case y < 1 || y > 9999:
		ps.add(field, "%s is outside the years 1-9999", t.Format(time.RFC3339))
	}
}

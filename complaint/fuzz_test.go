package complaint_test

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
)

// problemField matches every field a *ValidationError from NewComplaint
// may name.
var problemField = regexp.MustCompile(`^(Type|CustomerID|ReceivedAt|TicketNumber|ProductModel|SerialNumber|Description|ResolutionIdea|Name|Email|OccurredAt|Files|Files\[\d+\])$`)

// FuzzIntake feeds NewComplaint arbitrary details. It must never panic;
// it either accepts the intake, with every required detail present, or
// returns one *ValidationError naming known fields, and the same input
// always gets the same answer.
func FuzzIntake(f *testing.F) {
	f.Add(uint8(1), "K-1", "T-4711", "", "SN-1", "late", "", "", "", "", int64(3600), int64(1777046400))
	f.Add(uint8(2), "", "", "SolarMax 5000", "", "no output\n", "replace it", "", "", "", int64(0), int64(1777046400))
	f.Add(uint8(3), "", "", "", "", "charged twice", "", "Jan de Vries", "jan@example.nl", "invoice.pdf", int64(86400), int64(1777046400))
	f.Add(uint8(3), " ", "\x00", "\xff", " SN", " \t", "x\x07", "Jan\n", "Jan <jan@example.nl>", "", int64(-60), int64(0))
	f.Add(uint8(9), "", "", "", "", "", "", "", "a@b@c", " file", int64(1), int64(-62135596800))
	p := nlPolicy(f)
	p24 := h24Policy(f)
	f.Fuzz(func(t *testing.T, typ uint8, customer, ticket, model, serial, desc, idea, name, email, file string, before, unix int64) {
		in := complaint.Intake{
			Type:       complaint.Type(typ),
			CustomerID: customer,
			ReceivedAt: time.Unix(unix, 0).In(amsterdam),
			Details: complaint.Details{
				TicketNumber: ticket, ProductModel: model, SerialNumber: serial, Description: desc,
				ResolutionIdea: idea, Name: name, Email: email,
			},
		}
		if unix == 0 {
			in.ReceivedAt = time.Time{}
		}
		if before != 0 {
			in.Details.OccurredAt = in.ReceivedAt.Add(-time.Duration(before) * time.Second)
		}
		if file != "" {
			in.Details.Files = []string{file, strings.ToUpper(file)}
		}
		for _, p := range []*complaint.Policy{p, p24} {
			c, err := p.NewComplaint(in)
			again, err2 := p.NewComplaint(in)
			if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
				t.Fatalf("not deterministic: %v, then %v", err, err2)
			}
			if err != nil {
				var ve *complaint.ValidationError
				if !errors.As(err, &ve) || !errors.Is(err, complaint.ErrInvalid) || len(ve.Problems) == 0 {
					t.Fatalf("not a *ValidationError with problems: %#v", err)
				}
				for _, pr := range ve.Problems {
					if !problemField.MatchString(pr.Field) || pr.Reason == "" {
						t.Fatalf("unexpected problem %+v", pr)
					}
				}
				if c.Type != 0 || c.History != nil {
					t.Fatalf("a complaint with an error: %+v", c)
				}
				continue
			}
			diff(t, "the same intake twice", c, again)
			if c.State != complaint.StateReceived || len(c.History) != 1 || !c.History[0].At.Equal(in.ReceivedAt) {
				t.Fatalf("not received: %+v", c)
			}
			given := map[complaint.Field]bool{
				complaint.FieldTicketNumber: ticket != "", complaint.FieldProductModel: strings.TrimSpace(model) != "",
				complaint.FieldSerialNumber: serial != "", complaint.FieldDescription: strings.TrimSpace(desc) != "",
				complaint.FieldResolutionIdea: strings.TrimSpace(idea) != "", complaint.FieldName: strings.TrimSpace(name) != "",
				complaint.FieldEmail: email != "", complaint.FieldOccurredAt: before != 0, complaint.FieldFiles: file != "",
			}
			for _, f := range p.Required(c.Type) {
				if !given[f] {
					t.Fatalf("accepted without the required %s", f)
				}
			}
			if email != "" && (strings.ContainsAny(email, "<> ") || !strings.Contains(email, "@")) {
				t.Fatalf("accepted the e-mail address %q", email)
			}
			if !slices.Equal(c.Details.Files, in.Details.Files) {
				t.Fatalf("files %q, want %q", c.Details.Files, in.Details.Files)
			}
		}
	})
}

// FuzzParseReference: what parses prints in the canonical form, which
// parses back to the same reference.
func FuzzParseReference(f *testing.F) {
	for _, s := range []string{"CMP-2026-00042", "cmp-1-1", "CMP-9999-2147483647", "CMP-2026-2147483648", "CMP--1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := complaint.ParseReference(s)
		if err != nil {
			if !errors.Is(err, complaint.ErrInvalid) || !r.IsZero() {
				t.Fatalf("%q: %v, %v", s, r, err)
			}
			return
		}
		back, err := complaint.ParseReference(r.String())
		if err != nil || back != r || !strings.HasPrefix(r.String(), "CMP-") {
			t.Fatalf("%q parsed as %v, printed %q, back %v, %v", s, r, r.String(), back, err)
		}
	})
}

// FuzzSteps takes arbitrary sequences of steps, by arbitrary staff at
// arbitrary times, on both presets. Whatever happens: nothing panics; a
// refused step is one of the package's errors and leaves the complaint as
// it was; a taken step appends exactly itself and was allowed in the state
// before; the timeline can always be computed; an assigned reviewer is
// always independent.
func FuzzSteps(f *testing.F) {
	f.Add(false, []byte{0, 0, 1, 1, 5, 60, 9, 3, 10, 8, 11, 3})
	f.Add(true, []byte{0, 10, 1, 1, 2, 2, 3, 1, 4, 200, 5, 255, 6, 1, 7, 9, 8, 13, 10, 14, 11, 1, 12, 3})
	f.Add(false, []byte{0, 255, 0, 0, 12, 1, 13, 1})
	nl, h24 := nlPolicy(f), h24Policy(f)
	staff := []complaint.Actor{anna, bob, carl, erik, {}, {ID: "erik", Team: "desk"}}
	sentinels := []error{complaint.ErrInvalid, complaint.ErrIllegalTransition, complaint.ErrNotIndependent,
		complaint.ErrWindowClosed, complaint.ErrNotReviewer}
	f.Fuzz(func(t *testing.T, clockPolicy bool, script []byte) {
		p := nl
		if clockPolicy {
			p = h24
		}
		c := received(t, p, fxReceived)
		now := fxReceived
		for i := 0; i+1 < len(script); i += 2 {
			kind := complaint.EventAcknowledged + complaint.EventKind(script[i]%13)
			arg := int(script[i+1])
			by := staff[arg%len(staff)]
			if arg == 255 {
				now = now.Add(-time.Hour) // before the last step
			} else {
				now = now.Add(time.Duration(arg/len(staff)) * 3 * time.Hour)
			}
			before := c.Clone()
			err := stepOf(p, &c, kind, by, now)
			if err != nil {
				if !slices.ContainsFunc(sentinels, func(s error) bool { return errors.Is(err, s) }) {
					t.Fatalf("step %d (%v): an error of no sentinel: %v", i/2, kind, err)
				}
				diff(t, "complaint after a refused step", before, c)
				continue
			}
			if !before.State.Allowed(kind) || len(c.History) != len(before.History)+1 || c.History[len(c.History)-1].Kind != kind {
				t.Fatalf("step %d: %v from %v gave history %v", i/2, kind, before.State, c.History)
			}
			tl, err := p.Timeline(c, now)
			if err != nil {
				t.Fatalf("step %d: timeline: %v", i/2, err)
			}
			remind(t, p, &c, now, tl)
			if _, err := c.OutcomeReport(); (err == nil) == c.State.Open() {
				t.Fatalf("step %d: report in state %v: %v", i/2, c.State, err)
			}
			if r, ok := c.Reviewer(); ok && c.CheckReviewer(r, p.Config().Independence) != nil {
				t.Fatalf("step %d: reviewer %v is not independent", i/2, r)
			}
		}
		if _, err := p.Stats(slices.Values([]complaint.Complaint{c}), fxReceived, fxReceived.Add(time.Hour), now); err != nil {
			t.Fatalf("stats: %v", err)
		}
	})
}

// remind marks every reminder c is due at now, and requires that it is
// due no more, and that marking changed nothing of the timeline tl.
func remind(t *testing.T, p *complaint.Policy, c *complaint.Complaint, now time.Time, tl complaint.Timeline) {
	t.Helper()
	rs, err := p.Reminders(*c, now)
	if err != nil {
		if !errors.Is(err, complaint.ErrInvalid) && !errors.Is(err, sla.ErrOutOfRange) {
			t.Fatalf("reminders: an error of no sentinel: %v", err)
		}
		return
	}
	for _, r := range rs {
		if err := p.MarkReminded(c, r, now); err != nil {
			t.Fatalf("reminder %s due at %v cannot be marked: %v", r.Key(), now, err)
		}
	}
	if again, err := p.Reminders(*c, now); err != nil || len(again) > 0 {
		t.Fatalf("reminders due after marking: %v, %v", again, err)
	}
	after, err := p.Timeline(*c, now)
	if err != nil {
		t.Fatalf("timeline after reminders: %v", err)
	}
	diff(t, "timeline after reminders", tl, after)
}

// stepOf takes the step kind on c by by at at, with fixed valid texts.
func stepOf(p *complaint.Policy, c *complaint.Complaint, kind complaint.EventKind, by complaint.Actor, at time.Time) error {
	switch kind {
	case complaint.EventAcknowledged:
		_, err := p.Acknowledge(c, by, at)
		return err
	case complaint.EventInvestigationStarted:
		return p.StartInvestigation(c, by, at)
	case complaint.EventContacted:
		return p.RecordContact(c, by, at, complaint.PartyCustomer, "asked")
	case complaint.EventUpdated:
		return p.SendUpdate(c, by, at, "progress")
	case complaint.EventExtended:
		return p.Extend(c, by, at, "more time", at.AddDate(0, 2, 0))
	case complaint.EventResolved:
		return p.Resolve(c, by, at, decision)
	case complaint.EventRejected:
		return p.Reject(c, by, at, decision)
	case complaint.EventEscalated:
		return p.Escalate(c, at, "not satisfied")
	case complaint.EventReviewerAssigned:
		return p.AssignReviewer(c, gert, at, by)
	case complaint.EventDecided:
		return p.DecideFinal(c, by, at, complaint.OutcomeResolved, decision)
	case complaint.EventClosed:
		return p.Close(c, by, at)
	case complaint.EventFeedbackRequested:
		return p.RequestFeedback(c, by, at)
	default:
		return p.RecordFeedback(c, at, complaint.Feedback{Rating: 3})
	}
}

// FuzzDeadlines: any receipt instant gives deadlines in order or a typed
// error, never a panic; the independence rule's text reads back.
func FuzzDeadlines(f *testing.F) {
	f.Add(int64(1777046400), int64(0), "person")
	f.Add(int64(-62135596800), int64(999999999), "TEAM")
	f.Add(int64(4102444800), int64(1), "other")
	nl, h24 := nlPolicy(f), h24Policy(f)
	f.Fuzz(func(t *testing.T, unix, nanos int64, rule string) {
		at := time.Unix(unix, nanos).In(amsterdam)
		for _, p := range []*complaint.Policy{nl, h24} {
			d, err := p.Deadlines(at)
			if err != nil {
				if !errors.Is(err, complaint.ErrInvalid) && !errors.Is(err, sla.ErrOutOfRange) {
					t.Fatalf("Deadlines(%v): an error of no sentinel: %v", at, err)
				}
				continue
			}
			if d.Acknowledgement.Before(at) || d.Update.Latest.Before(d.Acknowledgement) || d.Resolution.Before(at) {
				t.Fatalf("Deadlines(%v) out of order: %+v", at, d)
			}
			due, err := p.UpdateDue(d.Acknowledgement)
			if err == nil && !due.Equal(d.Update.Latest) {
				t.Fatalf("UpdateDue(%v) = %v, Deadlines say %v", d.Acknowledgement, due, d.Update.Latest)
			}
		}
		r, err := complaint.ParseIndependence(rule)
		if err != nil {
			if !errors.Is(err, complaint.ErrInvalid) {
				t.Fatalf("ParseIndependence(%q): %v", rule, err)
			}
			return
		}
		if back, err := complaint.ParseIndependence(r.String()); err != nil || back != r {
			t.Fatalf("ParseIndependence(%q) = %v, reads back as %v, %v", rule, r, back, err)
		}
	})
}

// FuzzMarkReminded offers MarkReminded any reminder at any instant, and
// reads reminders from any JSON text. It must never panic: a mark is
// either refused with ErrInvalid or ErrNotDue, leaving the complaint as
// it was, or records exactly the reminder, which is then due no more; a
// reminder read from JSON writes back to what it read.
func FuzzMarkReminded(f *testing.F) {
	f.Add(false, uint8(1), uint8(1), int64(0), int64(3600), `{"ref":"CMP-2026-00001","deadline":"update","stage":"overdue"}`)
	f.Add(true, uint8(3), uint8(2), int64(-86400), int64(86400*40), `{"deadline":"later"}`)
	f.Add(false, uint8(0), uint8(9), int64(1<<40), int64(-1), `[]`)
	f.Add(false, uint8(1), uint8(1), int64(0), int64(977400000), `{}`)  // due soon on the day before, Friday 15 May 16:00
	f.Add(false, uint8(1), uint8(2), int64(0), int64(1063800000), `{}`) // overdue on Saturday 16 May
	nl, h24 := nlPolicy(f), h24Policy(f)
	f.Fuzz(func(t *testing.T, clockPolicy bool, deadline, stage uint8, dueOffset, atOffset int64, text string) {
		p := nl
		if clockPolicy {
			p = h24
		}
		c := received(t, p, fxReceived)
		d, err := p.Deadlines(fxReceived)
		if err != nil {
			t.Fatal(err)
		}
		r := complaint.Reminder{Ref: c.Ref, Deadline: complaint.DeadlineKind(deadline % 5), Stage: complaint.ReminderStage(stage % 4),
			Due: d.Acknowledgement.Add(time.Duration(dueOffset%(1<<50)) * time.Second / 1000)}
		at := fxReceived.Add(time.Duration(atOffset%(1<<50)) * time.Second / 1000)
		before := c.Clone()
		if err := p.MarkReminded(&c, r, at); err != nil {
			if !errors.Is(err, complaint.ErrInvalid) && !errors.Is(err, complaint.ErrNotDue) {
				t.Fatalf("MarkReminded: an error of no sentinel: %v", err)
			}
			diff(t, "complaint after a refused mark", before, c)
		} else {
			if len(c.Reminded) != 1 || c.Reminded[0].Deadline != r.Deadline || !c.Reminded[0].Due.Equal(r.Due) {
				t.Fatalf("marked %v, recorded %v", r, c.Reminded)
			}
			rs, err := p.Reminders(c, at)
			if err == nil && slices.ContainsFunc(rs, func(x complaint.Reminder) bool { return x.Key() == r.Key() }) {
				t.Fatalf("marked %s is due again", r.Key())
			}
		}

		var read complaint.Reminder
		if err := read.UnmarshalJSON([]byte(text)); err != nil {
			if !errors.Is(err, complaint.ErrInvalid) {
				t.Fatalf("reading %q: an error of no sentinel: %v", text, err)
			}
			return
		}
		b, err := read.MarshalJSON()
		if err != nil {
			return // an invalid value read from a valid form, such as a reference past its limits
		}
		var again complaint.Reminder
		if err := again.UnmarshalJSON(b); err != nil {
			t.Fatalf("%s does not read back: %v", b, err)
		}
		diff(t, "read back", read, again, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }))
	})
}

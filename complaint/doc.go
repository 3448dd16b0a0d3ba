// Package complaint models customer complaints: their intake, the
// deadlines owed to the customer, the investigation, the decision, and an
// escalation reviewed by someone who was not involved.
//
// A host makes a Policy from its procedure and calendars, checks each
// complaint as it arrives, stores it and records each step:
//
//	office, err := complaint.NLOffice() // Dutch working days and holidays
//	p, err := complaint.NewPolicy(complaint.PresetNL(), sla.Calendars{complaint.OfficeCalendar: office})
//	c, err := p.NewComplaint(complaint.Intake{
//		Type: complaint.TypeService, ReceivedAt: received,
//		Details: complaint.Details{TicketNumber: "4711", Description: "..."},
//	})
//	c, err = store.Create(ctx, c) // assigns the reference
//	c, err = store.Update(ctx, c.Ref, func(c *complaint.Complaint) error {
//		ack, err := p.Acknowledge(c, complaint.Actor{ID: "eva", Team: "service"}, now)
//		// ack.Ref, ack.UpdateDue and ack.ResolutionDue go to the customer
//		return err
//	})
//
// A *ValidationError from NewComplaint names every missing detail at
// once, so the host can ask the complainant for all of it in one reply.
//
// # Intake
//
// A complaint is a service complaint (about a ticket), a product complaint
// (about a device) or a general one. Which details each
// type must carry is policy, with the two procedures' lists as defaults
// (DefaultRequired); Policy.NewComplaint checks an Intake and reports every
// missing or malformed detail at once in one *ValidationError, so that the
// host can ask the complainant for everything in one reply. Store.Create
// then gives the complaint its human-readable reference number,
// CMP-2026-00042: the year of receipt and a number the store counts up.
//
// # Deadlines
//
// A Policy holds the procedure's deadlines as sla targets on a business
// calendar. The Dutch complaints procedure (PresetNL) acknowledges within 7 business days of
// receipt, updates the customer within 14 business days of the
// acknowledgement and resolves within 30 business days of receipt, on the
// Dutch calendar (NLOffice). The 24-hour complaints procedure (Preset24h) acknowledges within 24
// clock hours, weekends included, with the reference number and an initial
// timeline. "Within N business days" follows the sla package's rule: due
// at the close of the N-th business day after the day of receipt, where
// receipt outside opening hours counts as receipt at the next opening.
// Progress updates recur: while the complaint is open, the next update is
// due N business days after the last one. When the resolution deadline
// will be missed, Extend moves it with an explanation for the customer; the
// original deadline and every extension stay on record, and Timeline
// reports the decision against both. Timeline is a pure function of the
// history and an instant, built on sla.Policy and sla.Clock: no clock is
// read inside the package.
//
// Policy.Deadlines computes the deadlines from the receipt alone, before
// the complaint is stored or numbered. The first update counts from the
// acknowledgement, so until then it is conditional: "14 business days
// after the acknowledgement, at the latest" the instant an
// acknowledgement on time gives (UpdateDeadline). Acknowledging exactly
// at the due instant is on time, and because an instant at a close
// counts in the day that closes, it gives the same update deadline as
// acknowledging a minute earlier; only a late acknowledgement moves the
// update later.
//
// # Reminders
//
// Nothing in the package runs on its own; a host's schedule (a job every
// quarter hour, say) asks Policy.Reminders which reminders each open
// complaint is due at an instant and sends them to the member of staff
// who is to act (Complaint.Handler: who investigates, else who
// acknowledged; for the acknowledgement, the host's complaints desk).
// Every deadline still open has two: due soon, from the policy's
// ReminderLead before it (by default one business day on the calendar,
// so a deadline at Friday's close is due soon from Thursday's, or from
// Wednesday's when Thursday is a holiday; a sixth of a clock-time
// deadline, 4 hours before a 24-hour acknowledgement), and overdue once
// it has passed. Open are the acknowledgement until it is acknowledged,
// the running update cycle's update until the decision, and the
// resolution in force, after an extension the extended one, until the
// decision. A Reminder names the complaint by its reference only.
//
// A reminder is sent once per complaint, deadline, stage and due instant
// (Reminder.Key): after sending, the host records it with
// Policy.MarkReminded inside Store.Update, and Reminders does not return
// it again. MarkReminded refuses, with ErrNotDue, a reminder the
// complaint has moved past meanwhile. Sent reminders are kept in
// Complaint.Reminded, beside the history rather than in it: the state,
// Timeline, Stats and OutcomeReport are those of the complaint never
// reminded.
//
// # Lifecycle
//
// Every step is a method of the Policy on a *Complaint that appends one
// Event to its History and may change its State: received, acknowledged,
// investigating (with contacts to the customer or third parties recorded),
// resolved or rejected with a written explanation, escalated, decided by
// the reviewer, closed. A step the state does not allow is a
// *TransitionError; bad input is a *ValidationError; either way the
// complaint is unchanged. A dissatisfied customer may escalate within the
// policy's window after the decision (else *WindowClosedError), and the
// reviewer must be someone who took no part in the first investigation,
// as the history records it, or under PolicyConfig.Independence's
// IndependentTeam someone of a team that took no part (else
// *NotIndependentError).
// After the decision, OutcomeReport gives the customer the outcome and the
// actions taken, and the customer may be asked for feedback.
//
// # Storage
//
// A host persists complaints through the Store interface and takes steps
// inside Store.Update, so that the rules are checked against the state
// committed in the same transaction:
//
//	_, err := store.Update(ctx, ref, func(c *complaint.Complaint) error {
//		return policy.SendUpdate(c, by, now, "Supplier is analysing the inverter")
//	})
//
// complainttest.TestStore holds every adapter to the same behaviour. Stats
// summarises a period from any sequence of complaints: counts by type and
// outcome, the share of deadlines met, the escalation rate.
//
// # JSON
//
// Complaint, Event, Details, Intake, Timeline, OutcomeReport, Stats,
// Reminder and SentReminder have
// a JSON form for a host's API and its documents: lowerCamel names, fields
// with their zero value left out, the reference as "CMP-2026-00001",
// enumerations as their text, instants in RFC 3339 with their offset.
// Reading refuses unknown names, instants without an offset and unknown
// enumeration texts with a *ValidationError naming the field's path.
package complaint

// Package ticket is the service desk's ticket system: the "Servicemodul"
// every department of the provider works in. Reports come in by e-mail,
// portal, hotline, monitoring, the maintenance schedule and goods
// receipts; the service team dispatches
// them to technicians; customers follow them and answer by mail or in the
// portal; the SLA clocks of the customer's agreement run on them.
//
// A host makes one Desk on its Store and customer Directory and hands it
// what arrives:
//
//	desk, err := ticket.NewDesk(store, directory, ticket.Config{
//		Mail: ticket.MailConfig{Domain: "support.example"},
//	})
//	if err != nil {
//		return err
//	}
//	out, err := desk.IntakeMail(ctx, msg)                // the support mailbox
//	t, err := desk.Open(ctx, call, ticket.Staff("lena")) // a call to the hotline
//	t, err = desk.Update(ctx, t.Number, func(t *ticket.Ticket) error {
//		return t.Assign("tech-jan", ticket.Staff("lena"), now)
//	})
//	for alert, err := range desk.WatchServiceLevels(ctx, agreementsOf, now) { ... } // every few minutes
//	todo, err := desk.Pending(ctx, 100) // notifications for the host to send
//
// examples/memstore has the in-memory Store the package's examples run on.
//
// # Tickets and their lifecycle
//
// A Ticket has a Kind (incident, service request, maintenance,
// pick-and-pack, monitoring alert), the Channel it came by, a Priority and
// a Status. Its Number is human-readable and unique per provider, drawn
// from the store's sequence; Received is when the report reached the
// desk. Customers, contacts and technicians are the host's, referred to
// by opaque string IDs.
//
// The Status follows an explicit transition table (CanTransition): new,
// assigned (dispatched), in progress, waiting on customer, resolved,
// closed, reopened. Ticket's methods (Transition, Assign, Escalate,
// SetPriority, AddComment, AddParticipant, Reply) check the table and its
// conditions (a technician must be assigned to work; contacts do not
// manage tickets), append who changed what, when, from what to what to
// the Audit history, and on any error leave the ticket unchanged. A
// customer's reply reopens a resolved ticket, resumes one waiting on the
// customer, and for a ticket closed longer than the reopen window (14 days
// unless configured) opens a new ticket linked to it.
//
// # Intake
//
// Desk is the service that takes reports in and writes them through the
// Store. Desk.IntakeMail processes one mail as the host parsed it: mail
// is open around the clock, but only incidents are processed (the service agreement:
// "ausschließlich Störungen"); other new mail is rejected with a reason
// rather than turned into work. A new incident's confirmation, with its
// number and received time, goes to the outbox. Replies thread by the
// Message-IDs the desk itself minted for its mails (t4711.3@domain, valid
// only if the ticket records having sent it) and by the subject tag
// "[Ticket#4711]", and are accepted only from a participant of the ticket
// or a contact of its customer: a stranger, a contact of another
// customer, a forged Message-ID or conflicting references are rejected
// with a typed RejectReason and never threaded. Out-of-office replies and
// mail from the desk's own addresses are rejected too, so that the desk
// never answers itself.
//
// Desk.Alert turns monitoring alerts, qualified by a MonitorPolicy or a
// person of the monitoring team, into one ticket per sensor and problem
// (the AlertKey is unique among tickets not closed): repeats count on the
// open ticket, a recovery resolves it while nobody works on it.
// Desk.ScheduleMaintenance turns a needs analysis (Checklist, the
// "Bedarfsanalyse") into maintenance tickets on Schedules such as "every
// month on the 1st friday", moved off weekends and holidays on an
// sla.Calendar, idempotent per item and due day. Desk.ReceiveGoods opens a
// pick-and-pack ticket per goods receipt. Desk.Report opens tickets that
// contacts report in the portal, and Desk.Open those staff record.
//
// # Service levels, notifications, access
//
// Agreements.Clocks computes a ticket's response and resolution clocks
// with sla clocks from its history: the policy comes from the customer's
// agreement by priority (and per kind, so that 24/7 monitoring runs on an
// sla.AlwaysOpen calendar); waiting on the customer and time spent
// resolved do not count.
//
// Desk.WatchServiceLevels, run every few minutes by the host's scheduler
// with the instant it runs for, reads the unresolved tickets
// (Filter.Statuses with Unresolved), computes their clocks, and tells the
// customer's Recipients.ServiceLevels (the service team's mailbox, the
// account manager) when a clock reaches its warning share
// (EventSLAWarning) and when it misses its deadline (EventSLABreach),
// with the clock and its deadline on the Notification. Each stage is
// recorded in the ticket's audit history (ActionServiceLevel) in the
// same transaction as its notifications, so each is told once, also when
// watchers race; a clock first seen breached gets no late warning.
//
// Every change through the Desk yields the notifications a customer asked
// for in onboarding (who is told about new tickets, who about status
// changes): recipient, event, ticket, template key and Message-ID. The
// library decides who and what; the host renders and sends. They are
// written to the store's outbox in the same transaction as the change, so
// none is lost between the commit and the send; the host sends what
// Desk.Pending returns and calls Desk.MarkDelivered.
//
// Portal access levels per contact: LevelReport reports incidents
// and follows its own tickets; LevelExtended also sees statistics,
// contract status, service reports and the customer's whole history, and
// may ask for access to stored credentials, which the asset package
// grants only on an approved request. AccessPolicy.Authorize and
// AuthorizeTicket are the checks the host calls; a refusal is an
// *AccessDeniedError.
//
// ComputeStats computes a customer's statistics for a period in one pass
// over a stream of tickets (Store.Tickets): counts by kind, channel,
// status, priority and month, and response and resolution in business
// time against the targets, with breach rates.
//
// # JSON
//
// Ticket, Draft, Comment, Attachment, AuditEntry, Actor, Contact,
// Notification, Stats, Alert, Checklist, ChecklistItem, GoodsReceipt,
// ReceiptLine and Occurrence have a JSON form for a host's API and for the
// documents a store keeps, and so have the values a host passes to the
// desk or gets back from it: Recipients, Filter, Qualification, Message,
// AlertOutcome, ReplyResult and MaintenanceRun. The form: lowerCamel names
// ("customerId", "respondedAt"), fields with their zero value left out,
// enumerations as their text, instants in RFC 3339 with their offset,
// dates "YYYY-MM-DD", durations as hours ("2h10m"). Reading refuses
// unknown names (in any letter case), days that do not exist, instants
// without an offset and unknown enumeration texts with a *ValidationError
// naming the path ("comments[1].at"). StatsQuery and MonitorPolicy have
// none: a query's Agreements are compiled policies and its Location a
// zone, and a policy's Qualify is a function; a host stores what they
// are made from.
//
// # Storage
//
// Store is the persistence a host implements; every mutation that checks
// a rule runs as a closure inside the store's transaction, and
// ticket/tickettest.TestStore is the conformance suite any adapter must
// pass (concurrency, unique numbers and keys, outbox atomicity, rollback).
// examples/memstore.TicketStore is the in-memory one.
//
// # Performance
//
// ComputeStats runs in constant memory over any number of tickets;
// figures and how they were measured are in BENCHMARKS.md at the
// repository's root.
package ticket

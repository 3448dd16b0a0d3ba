package document

import (
	"fmt"
	"io"
	"strconv"

	"github.com/deskcore/deskcore/complaint"
)

// ComplaintAcknowledgement is the view model of a complaint's
// acknowledgement: the reference number to quote and the dated timeline
// of acknowledgement, first progress update and decision.
type ComplaintAcknowledgement struct {
	Lang       string
	Letterhead Letterhead
	Address    []string
	Title      string // "Eingangsbestätigung Ihrer Beschwerde"
	Reference  string // "CMP-2026-00001"
	Kind       string // "Servicebeschwerde"
	Subject    string // the ticket, product or what it is about; may be empty
	Received   string // "09.06.2026, 10:00 Uhr"
	Issued     string // when it was acknowledged
	Salutation string // "Guten Tag Anna Kruse,"
	Intro      string // the reference number and what to do with it
	Timeline   []TimelineStep
	Closing    string // what happens when a date cannot be kept
	Contact    string // who acknowledged it, by name
}

// TimelineStep is a dated step of a complaint's timeline.
type TimelineStep struct {
	Step string // "Zwischenbericht"
	Due  string // "spätestens 01.07.2026, 18:00 Uhr"
}

// NewComplaintAcknowledgement makes the acknowledgement the customer
// receives, from the complaint and what complaint.Policy.Acknowledge
// returned. The staff member who acknowledged it is named from the
// directory (by is their ID).
//
// It returns a *ValidationError for an acknowledgement without a
// reference, or options whose language or currency the package does not
// know.
func NewComplaintAcknowledgement(c complaint.Complaint, a complaint.Acknowledgement, by string, o Options) (ComplaintAcknowledgement, error) {
	if a.Ref.IsZero() {
		return ComplaintAcknowledgement{}, invalid("Acknowledgement.Ref", "is missing")
	}
	f, err := o.format()
	if err != nil {
		return ComplaintAcknowledgement{}, err
	}
	l := &allLabels[f.lang]
	n := names{o.Names}
	v := ComplaintAcknowledgement{
		Lang: f.lang.String(), Letterhead: o.Provider.letterhead(), Title: l.AckTitle, Reference: a.Ref.String(),
		Kind: complaintKind(c.Type, l), Subject: subject(c.Details), Received: f.Time(a.ReceivedAt),
		Issued: f.Time(a.AcknowledgedAt), Salutation: salutation(c.Details.Name, l),
		Intro: fmt.Sprintf(l.AckIntro, a.Ref.String()), Closing: l.AckClosing, Contact: n.person(by),
	}
	v.Address = complainant(c, n, o.Recipient, l)
	v.Timeline = []TimelineStep{
		{Step: l.StepAck, Due: f.Time(a.AcknowledgedAt)},
		{Step: l.StepUpdate, Due: l.Due + " " + f.Time(a.UpdateDue)},
		{Step: l.StepResolution, Due: l.Due + " " + f.Time(a.ResolutionDue)},
	}
	return v, nil
}

// complainant is the address block: the customer's name from the
// directory, else the complainant's own.
func complainant(c complaint.Complaint, n names, r Recipient, l *labels) []string {
	name := c.Details.Name
	if c.CustomerID != "" {
		name = n.customer(c.CustomerID)
		if r.Attention == "" && c.Details.Name != "" {
			r.Attention = c.Details.Name
		}
	}
	if name == "" {
		name = c.Details.Email
	}
	return address(name, r, l)
}

func complaintKind(t complaint.Type, l *labels) string {
	if int(t) < len(l.ComplaintTypes) && t > 0 {
		return l.ComplaintTypes[t]
	}
	return l.ComplaintTypes[3]
}

// subject names what the complaint is about: the ticket, or the product
// with its serial number.
func subject(d complaint.Details) string {
	switch {
	case d.TicketNumber != "":
		return "Ticket " + d.TicketNumber
	case d.ProductModel != "" && d.SerialNumber != "":
		return d.ProductModel + ", " + d.SerialNumber
	}
	return d.ProductModel
}

func salutation(name string, l *labels) string {
	if name == "" {
		return l.SalutationNone
	}
	return fmt.Sprintf(l.Salutation, name)
}

// Page lays the acknowledgement out as a letter.
func (a ComplaintAcknowledgement) Page() Page {
	l := labelsOf(a.Lang)
	p := Page{
		Lang: a.Lang, Letterhead: a.Letterhead, Address: a.Address, Title: a.Title,
		Fields: []Field{{l.YourReference, a.Reference}, {l.Received, a.Received}, {l.Issued, a.Issued}},
		Intro:  []string{a.Salutation, a.Intro},
		PageOf: l.Page + " %d " + l.Of + " %d",
	}
	if a.Subject != "" {
		p.Fields = append(p.Fields[:1], append([]Field{{a.Kind, a.Subject}}, p.Fields[1:]...)...)
	}
	s := Section{Heading: l.AckTimeline, Table: Table{Columns: []Column{{Label: l.Step, Wrap: true}, {Label: l.Date, Right: true}}}}
	for _, t := range a.Timeline {
		s.Table.Rows = append(s.Table.Rows, Row{Cells: []string{t.Step, t.Due}})
	}
	s.Text = nil
	p.Sections = []Section{s}
	p.Closing = []string{a.Closing, l.Regards, a.Contact}
	return p
}

// WriteText writes the acknowledgement as plain text within 80 columns.
func (a ComplaintAcknowledgement) WriteText(w io.Writer) error { return WriteText(w, a.Page()) }

// WriteHTML writes the acknowledgement as an HTML page for print on A4.
func (a ComplaintAcknowledgement) WriteHTML(w io.Writer) error { return WriteHTML(w, a.Page()) }

// ComplaintOutcome is the view model of the report on a complaint's
// outcome: the outcome in a sentence, each decision with its
// explanation and the actions taken, and how the complaint was handled.
type ComplaintOutcome struct {
	Lang       string
	Letterhead Letterhead
	Address    []string
	Title      string // "Ergebnis Ihrer Beschwerde"
	Reference  string
	Kind       string
	Received   string
	Salutation string
	Outcome    string // "Ihrer Beschwerde wurde abgeholfen."
	Rulings    []OutcomeRuling
	Handling   []Field // enquiries, progress updates, extensions, with their counts
	Review     string  // that a review took place, or how to ask for one
	Closing    string
}

// OutcomeRuling is one decision: the first, and the reviewer's after an
// escalation.
type OutcomeRuling struct {
	Heading     string   // "Erste Entscheidung"
	Decided     string   // "30.06.2026, 15:00 Uhr, von Jonas Brüggemann"
	Outcome     string   // "Ergebnis: Die Beschwerde wurde abgelehnt."
	Explanation string   // as the decider wrote it
	Actions     []string // as the decider wrote them
}

// NewComplaintOutcome makes the outcome report the customer receives
// from complaint.Complaint.OutcomeReport's value. The complaint gives
// the complainant's name and address.
//
// It returns a *ValidationError for a report without a reference or a
// decision, or options whose language or currency the package does not
// know.
func NewComplaintOutcome(c complaint.Complaint, r complaint.OutcomeReport, o Options) (ComplaintOutcome, error) {
	switch {
	case r.Ref.IsZero():
		return ComplaintOutcome{}, invalid("OutcomeReport.Ref", "is missing")
	case len(r.Rulings) == 0:
		return ComplaintOutcome{}, invalid("OutcomeReport.Rulings", "no decision to report")
	}
	f, err := o.format()
	if err != nil {
		return ComplaintOutcome{}, err
	}
	l := &allLabels[f.lang]
	n := names{o.Names}
	v := ComplaintOutcome{
		Lang: f.lang.String(), Letterhead: o.Provider.letterhead(), Title: l.OutcomeTitle, Reference: r.Ref.String(),
		Kind: complaintKind(r.Type, l), Received: f.Time(r.ReceivedAt), Salutation: salutation(c.Details.Name, l),
		Outcome: outcomeText(r.Outcome, l), Closing: l.OutcomeClosing,
	}
	v.Address = complainant(c, n, o.Recipient, l)
	for i, ru := range r.Rulings {
		heading := l.FirstDecision
		if i > 0 {
			heading = l.FinalDecision
		}
		v.Rulings = append(v.Rulings, OutcomeRuling{
			Heading: heading, Decided: f.Time(ru.At) + ", " + l.DecidedBy + " " + n.person(ru.By.ID),
			Outcome: l.OutcomeShort[min(int(ru.Outcome), 3)], Explanation: ru.Explanation, Actions: ru.Actions,
		})
	}
	v.Handling = []Field{{l.Contacts, strconv.Itoa(r.Contacts)}, {l.Updates, strconv.Itoa(r.Updates)}, {l.Extensions, strconv.Itoa(r.Extensions)}}
	v.Review = l.NotEscalated
	if r.Escalated {
		v.Review = l.Escalated
	}
	return v, nil
}

func outcomeText(o complaint.Outcome, l *labels) string {
	if int(o) < len(l.Outcomes) && o > 0 {
		return l.Outcomes[o]
	}
	return l.Outcomes[3]
}

// Page lays the outcome report out as a letter.
func (c ComplaintOutcome) Page() Page {
	l := labelsOf(c.Lang)
	p := Page{
		Lang: c.Lang, Letterhead: c.Letterhead, Address: c.Address, Title: c.Title,
		Fields: []Field{{l.YourReference, c.Reference}, {l.Received, c.Received}},
		Intro:  []string{c.Salutation, c.Outcome},
		PageOf: l.Page + " %d " + l.Of + " %d",
	}
	for _, r := range c.Rulings {
		s := Section{Heading: r.Heading + ": " + r.Decided, Text: []string{r.Outcome, r.Explanation}}
		if len(r.Actions) > 0 {
			s.Table.Columns = []Column{{Label: l.Actions, Wrap: true}}
			for _, a := range r.Actions {
				s.Table.Rows = append(s.Table.Rows, Row{Cells: []string{a}})
			}
		}
		p.Sections = append(p.Sections, s)
	}
	h := Section{Heading: l.Investigation}
	for _, f := range c.Handling {
		h.Totals = append(h.Totals, Total{Label: f.Label, Value: f.Value})
	}
	h.Text = []string{c.Review}
	p.Sections = append(p.Sections, h)
	p.Closing = []string{c.Closing, l.Regards, c.Letterhead.Name}
	return p
}

// WriteText writes the outcome report as plain text within 80 columns.
func (c ComplaintOutcome) WriteText(w io.Writer) error { return WriteText(w, c.Page()) }

// WriteHTML writes the outcome report as an HTML page for print on A4.
func (c ComplaintOutcome) WriteHTML(w io.Writer) error { return WriteHTML(w, c.Page()) }

// labelsOf returns the labels of a language tag a view model carries.
func labelsOf(tag string) *labels {
	for i, t := range languageTags {
		if t.String() == tag {
			return &allLabels[i]
		}
	}
	return &allLabels[German]
}

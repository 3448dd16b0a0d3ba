package document

import (
	"fmt"
	"io"
	"strconv"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/billing/dunning"
)

// DunningNotice is the view model of a payment reminder or dunning
// notice (Zahlungserinnerung, Mahnung): the open items with each
// payment, each dispute and its state on the notice's day, the fees, the
// default interest with the rate and days it was computed on, the amount
// to pay and by when, and whom to ask.
type DunningNotice struct {
	Lang       string
	Letterhead Letterhead
	Address    []string
	Title      string // "Zahlungserinnerung", "2. Mahnung"
	Reference  string // the notice's reference: "RE-2026-00417/2"
	Invoice    string // the invoice number
	Issued     string // the notice's date
	Intro      string // which invoice is open since when
	Items      []Total
	Total      string // the amount to pay
	Deadline   string // by when
	Request    string // "Bitte überweisen Sie 909,40 € bis zum 15.08.2026."
	// Held says what is not demanded while disputes are checked; empty
	// when nothing is held.
	Held    string
	Contact string // whom to ask, and when
}

// NewDunningNotice makes the notice the customer receives from the
// dunning case and one of its notices. interest is the policy's interest
// (dunning.Policy.Interest), from which the statement names the base
// rate and the margin; the zero Interest names only the rate.
//
// It returns a *ValidationError for a notice that is not the case's, or
// options whose language or currency the package does not know.
func NewDunningNotice(c dunning.Case, n dunning.Notice, interest dunning.Interest, o Options) (DunningNotice, error) {
	if n.No < 1 || n.No > len(c.Notices) || n.Invoice != c.Invoice.Number {
		return DunningNotice{}, invalid("Notice", "is not a notice of the case's invoice")
	}
	f, err := o.format()
	if err != nil {
		return DunningNotice{}, err
	}
	l := &allLabels[f.lang]
	nm := names{o.Names}
	inv := c.Invoice
	v := DunningNotice{
		Lang: f.lang.String(), Letterhead: o.Provider.letterhead(), Title: dunningTitle(n.Level, l),
		Reference: n.ID(), Invoice: inv.Number, Issued: f.Date(n.Date),
		Total: f.Money(n.Total), Deadline: f.Date(n.Deadline),
	}
	v.Address = address(nm.customer(inv.CustomerID), o.Recipient, l)
	v.Intro = fmt.Sprintf(l.DunIntro, inv.Number, f.Money(inv.Amount), f.Date(inv.Due))
	v.Request = fmt.Sprintf(l.DunRequest, v.Total, v.Deadline)

	v.Items = append(v.Items, Total{Label: fmt.Sprintf(l.DunInvoice, inv.Number), Value: f.Money(inv.Amount)})
	for _, p := range inv.Payments {
		if p.Date > n.Date {
			continue
		}
		label := l.DunPayment
		if p.Credit {
			label = l.DunCredit
		}
		v.Items = append(v.Items, Total{Label: fmt.Sprintf(label, f.Date(p.Date)), Value: f.Money(p.Amount.Neg())})
	}
	for _, x := range c.Disputes {
		if x.ReceivedOn > n.Date {
			continue
		}
		v.Items = append(v.Items, Total{Label: disputeItem(x, n.Date, f, l), Value: heldValue(x, n.Date, f)})
	}
	if n.Held.IsPositive() {
		// Held by a dispute still being checked, or withheld after a
		// decision corrected it (the credit note is to follow).
		open := false
		for _, x := range c.Disputes {
			open = open || (x.ReceivedOn <= n.Date && (x.DecidedOn == 0 || x.DecidedOn > n.Date))
		}
		v.Held = fmt.Sprintf(l.DunWithheld, f.Money(n.Held))
		if open {
			v.Held = fmt.Sprintf(l.DunHeld, f.Money(n.Held))
		}
	}
	v.Items = append(v.Items, Total{Label: l.DunDunned, Value: f.Money(n.Dunned)})
	if !n.FeesDue.IsZero() {
		v.Items = append(v.Items, Total{Label: l.DunFees, Value: f.Money(n.FeesDue)})
	}
	for _, s := range n.InterestSpans {
		v.Items = append(v.Items, Total{Label: interestLine(s, inv.CustomerType, interest, f, l), Value: f.Money(s.Amount())})
	}
	if len(n.InterestSpans) > 1 || (len(n.InterestSpans) == 0 && !n.Interest.IsZero()) {
		v.Items = append(v.Items, Total{Label: l.DunInterest, Value: f.Money(n.Interest)})
	}
	v.Items = append(v.Items, Total{Label: l.DunTotal, Value: v.Total, Strong: true})
	if inv.AccountManager != "" {
		v.Contact = fmt.Sprintf(l.DunContact, nm.person(inv.AccountManager))
		if o.Provider.Hours != "" {
			v.Contact += " (" + o.Provider.Hours + ")"
		}
		v.Contact += "."
	}
	return v, nil
}

func dunningTitle(level int, l *labels) string {
	if level <= 1 {
		return l.DunReminder
	}
	return fmt.Sprintf(l.DunLevel, level-1)
}

// disputeItem says what a dispute holds and how it stood on day on.
func disputeItem(x dunning.Dispute, on date.Date, f *Format, l *labels) string {
	state := l.DisputeOpen
	if x.DecidedOn != 0 && x.DecidedOn <= on {
		switch x.State {
		case dunning.DisputeUpheld:
			state = fmt.Sprintf(l.DisputeUpheld, f.Money(x.Corrected))
		case dunning.DisputePartlyUpheld:
			state = fmt.Sprintf(l.DisputePartly, f.Money(x.Corrected), f.Money(x.Released))
		case dunning.DisputeRejected:
			state = l.DisputeRejected
		case dunning.DisputeWithdrawn:
			state = l.DisputeWithdrawn
		}
	}
	return fmt.Sprintf(l.DisputeItem, x.Ref(), f.Date(x.ReceivedOn), state)
}

// heldValue is what a dispute keeps out of the demand on day on: all it
// holds while open, what was corrected once decided.
func heldValue(x dunning.Dispute, on date.Date, f *Format) string {
	if x.DecidedOn != 0 && x.DecidedOn <= on {
		if x.Corrected.IsZero() {
			return ""
		}
		return f.Money(x.Corrected.Neg())
	}
	return f.Money(x.Held.Neg())
}

// interestLine states one span of default interest: the days, the
// amount, the annual rate and, where the policy gives it, the base rate
// and margin it is made of.
func interestLine(s dunning.InterestSpan, t dunning.CustomerType, in dunning.Interest, f *Format, l *labels) string {
	rate := f.Percent(s.Percent)
	if !in.IsZero() {
		if base, err := in.Rate(t, s.From); err == nil {
			margin := in.BusinessMargin
			if t == dunning.ConsumerCustomer {
				margin = in.ConsumerMargin
			}
			base = base.Sub(margin)
			rate = fmt.Sprintf(l.DunRate, f.Percent(s.Percent), f.Percent(base), f.Number(margin))
		}
	}
	return fmt.Sprintf(l.DunSpan, f.Date(s.From), f.Date(s.To-1), strconv.Itoa(s.Days()), f.Money(s.Base), rate)
}

// Page lays the notice out as a letter with the open items as a list of
// amounts.
func (d DunningNotice) Page() Page {
	l := labelsOf(d.Lang)
	p := Page{
		Lang: d.Lang, Letterhead: d.Letterhead, Address: d.Address, Title: d.Title,
		Fields: []Field{{l.DunInvoiceNo, d.Invoice}, {l.ReportNo, d.Reference}, {l.Issued, d.Issued}},
		Intro:  []string{l.SalutationNone, d.Intro},
		PageOf: l.Page + " %d " + l.Of + " %d",
	}
	s := Section{Heading: l.DunItems, Table: Table{Columns: []Column{{Label: l.Description, Wrap: true}, {Label: l.Amount, Right: true}}}}
	for _, it := range d.Items {
		s.Table.Rows = append(s.Table.Rows, Row{Cells: []string{it.Label, it.Value}, Strong: it.Strong})
	}
	p.Sections = []Section{s}
	p.Closing = []string{d.Request}
	if d.Held != "" {
		p.Closing = append(p.Closing, d.Held)
	}
	if d.Contact != "" {
		p.Closing = append(p.Closing, d.Contact)
	}
	p.Closing = append(p.Closing, l.Regards, d.Letterhead.Name)
	return p
}

// WriteText writes the notice as plain text within 80 columns.
func (d DunningNotice) WriteText(w io.Writer) error { return WriteText(w, d.Page()) }

// WriteHTML writes the notice as an HTML page for print on A4.
func (d DunningNotice) WriteHTML(w io.Writer) error { return WriteHTML(w, d.Page()) }

// DisputeAcknowledgement is the view model of the acknowledgement of a
// customer's dispute of an invoice or notice: what was received, what is
// held from dunning meanwhile, the copies still missing, when the answer
// comes and from whom.
type DisputeAcknowledgement struct {
	Lang       string
	Letterhead Letterhead
	Address    []string
	Title      string
	Reference  string // the dispute's reference: "RE-2026-00417/D1"
	Invoice    string
	Received   string
	Issued     string  // when it was acknowledged
	Intro      string  // what was received and what is held
	Items      []Total // the disputed lines, or the whole amount
	Quote      string  // the customer's description, as written
	Missing    string  // the copies still to send; empty if none
	Answer     string  // by when the answer comes, after checking against offer and order
	Contact    string  // who checks it
}

// NewDisputeAcknowledgement makes the acknowledgement of dispute x of a
// dunning case.
//
// It returns a *ValidationError for a dispute that is not the case's, or
// options whose language or currency the package does not know.
func NewDisputeAcknowledgement(c dunning.Case, x dunning.Dispute, o Options) (DisputeAcknowledgement, error) {
	if x.No < 1 || x.No > len(c.Disputes) || x.Invoice != c.Invoice.Number {
		return DisputeAcknowledgement{}, invalid("Dispute", "is not a dispute of the case's invoice")
	}
	f, err := o.format()
	if err != nil {
		return DisputeAcknowledgement{}, err
	}
	l := &allLabels[f.lang]
	nm := names{o.Names}
	v := DisputeAcknowledgement{
		Lang: f.lang.String(), Letterhead: o.Provider.letterhead(), Title: l.DisAckTitle, Reference: x.Ref(),
		Invoice: x.Invoice, Received: f.Time(x.ReceivedAt), Issued: f.Time(x.AcknowledgedAt),
		Intro: fmt.Sprintf(l.DisAckIntro, x.Invoice, f.Money(x.Held)), Quote: x.Description,
		Answer: fmt.Sprintf(l.DisAckAnswer, f.Time(x.RespondBy)),
	}
	v.Address = address(nm.customer(c.Invoice.CustomerID), o.Recipient, l)
	switch {
	case len(x.Lines) > 0:
		for _, ln := range x.Lines {
			label := fmt.Sprintf(l.DisLine, ln.Line)
			if ln.Reason != "" {
				label += ": " + ln.Reason
			}
			v.Items = append(v.Items, Total{Label: label, Value: f.Money(ln.Amount)})
		}
	case x.All:
		v.Items = append(v.Items, Total{Label: l.DisAll, Value: f.Money(x.Disputed)})
	default:
		v.Items = append(v.Items, Total{Label: l.DisAmount, Value: f.Money(x.Disputed)})
	}
	v.Items = append(v.Items, Total{Label: l.DisHeld, Value: f.Money(x.Held), Strong: true})
	if len(x.Missing) > 0 {
		var kinds []string
		for _, k := range x.Missing {
			if int(k) < len(l.Attachments) && k > 0 {
				kinds = append(kinds, l.Attachments[k])
			}
		}
		v.Missing = fmt.Sprintf(l.DisMissing, joinNonEmpty(", ", kinds...))
	}
	if x.AssignedTo != "" {
		v.Contact = fmt.Sprintf(l.DunContact, nm.person(x.AssignedTo))
		if o.Provider.Hours != "" {
			v.Contact += " (" + o.Provider.Hours + ")"
		}
		v.Contact += "."
	}
	return v, nil
}

// Page lays the acknowledgement out as a letter.
func (d DisputeAcknowledgement) Page() Page {
	l := labelsOf(d.Lang)
	p := Page{
		Lang: d.Lang, Letterhead: d.Letterhead, Address: d.Address, Title: d.Title,
		Fields: []Field{{l.YourReference, d.Reference}, {l.DunInvoiceNo, d.Invoice}, {l.Received, d.Received}, {l.Issued, d.Issued}},
		Intro:  []string{l.SalutationNone, d.Intro},
		PageOf: l.Page + " %d " + l.Of + " %d",
	}
	s := Section{Heading: l.DisItems, Table: Table{Columns: []Column{{Label: l.Description, Wrap: true}, {Label: l.Amount, Right: true}}}}
	for _, it := range d.Items {
		s.Table.Rows = append(s.Table.Rows, Row{Cells: []string{it.Label, it.Value}, Strong: it.Strong})
	}
	if d.Quote != "" {
		s.Notes = []string{l.DisQuote + " " + l.QuoteOpen + d.Quote + l.QuoteClose}
	}
	p.Sections = []Section{s}
	for _, t := range []string{d.Missing, d.Answer, d.Contact} {
		if t != "" {
			p.Closing = append(p.Closing, t)
		}
	}
	p.Closing = append(p.Closing, l.Regards, d.Letterhead.Name)
	return p
}

// WriteText writes the acknowledgement as plain text within 80 columns.
func (d DisputeAcknowledgement) WriteText(w io.Writer) error { return WriteText(w, d.Page()) }

// WriteHTML writes the acknowledgement as an HTML page for print on A4.
func (d DisputeAcknowledgement) WriteHTML(w io.Writer) error { return WriteHTML(w, d.Page()) }

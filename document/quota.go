package document

import (
	"fmt"
	"io"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/quota"
)

// QuotaStatement is the view model of a quota statement
// (Kontingentauszug): the opening balance, every movement of the period
// with the running balance, the closing balance and what rolls over,
// and the day-current balance when one is given.
type QuotaStatement struct {
	Lang       string
	Letterhead Letterhead
	Address    []string
	Title      string // "Kontingentauszug"
	Contract   string // the quota contract's ID
	Customer   string // the customer's name
	Period     string // "Juni 2026"
	Status     string // "abgeschlossen" or "vorläufig, Monat nicht abgeschlossen"
	// Terms are the contract's terms in a sentence: "10:00 Std. im Monat
	// für 950,00 €; nicht genutzte Stunden werden übertragen".
	Terms  string
	Rows   []QuotaRow // opening, every movement, closing
	Totals []Total    // allotted, consumed, ..., what rolls over
	// Today is the day-current balance: "Saldo am 07.07.2026: 5:30 Std.";
	// empty when none was given.
	Today string

	labels *labels
}

// QuotaRow is a line of the statement.
type QuotaRow struct {
	Date      string // the value date
	Movement  string // "Verbrauch", "Anfangssaldo"
	Reference string // the ticket or the reason
	Hours     string // the signed change: "−1:30 Std."
	Balance   string // the balance after the movement
	Strong    bool   // opening and closing balance
}

// QuotaDay is the day-current balance of a quota contract: the balance
// on a day, as quota.Ledger.Balance returns it. The zero QuotaDay is
// none.
type QuotaDay struct {
	On      date.Date
	Balance time.Duration
}

// NewQuotaStatement makes the view model of a quota statement in the
// recipient's language. terms are the contract's terms for the period
// (quota.Contract.TermsFor), which the statement explains; today is the
// day-current balance to show, or zero.
//
// It returns a *ValidationError for a statement without a contract or
// period, or options whose language or currency the package does not
// know.
func NewQuotaStatement(s quota.Statement, terms quota.Terms, today QuotaDay, o Options) (QuotaStatement, error) {
	switch {
	case s.ContractID == "":
		return QuotaStatement{}, invalid("Statement.ContractID", "is missing")
	case s.Period.IsZero():
		return QuotaStatement{}, invalid("Statement.Period", "is missing")
	}
	f, err := o.format()
	if err != nil {
		return QuotaStatement{}, err
	}
	l := &allLabels[f.lang]
	n := names{o.Names}
	v := QuotaStatement{
		Lang: f.lang.String(), Letterhead: o.Provider.letterhead(), Title: l.QuotaTitle, Contract: s.ContractID,
		Customer: n.customer(o.Recipient.CustomerID), Period: f.Month(s.Period.Year(), s.Period.Month()),
		Status: l.Provisional, labels: l,
	}
	if s.Closed {
		v.Status = l.Closed
	}
	v.Address = address(v.Customer, o.Recipient, l)
	v.Terms = quotaTerms(terms, f, l)

	balance := s.Opening
	v.Rows = append(v.Rows, QuotaRow{Date: f.Date(s.Period.First()), Movement: l.Opening, Balance: f.Hours(balance), Strong: true})
	// Day by day, so each row's balance is the balance on its date.
	for _, e := range s.ByDate() {
		balance += e.Hours
		row := QuotaRow{Date: f.Date(e.Date), Hours: f.SignedHours(e.Hours), Balance: f.Hours(balance)}
		if int(e.Kind) < len(l.Kinds) {
			row.Movement = l.Kinds[e.Kind]
		}
		switch e.Kind {
		case quota.KindAllotment:
			row.Reference = f.Month(e.Period.Year(), e.Period.Month())
			if !e.Amount.IsZero() {
				row.Reference += ", " + f.Money(e.Amount)
			}
		case quota.KindConsumption:
			row.Reference = e.Ref
		case quota.KindCorrection:
			row.Reference = f.Money(e.Amount)
		case quota.KindReversal, quota.KindAdjustment:
			row.Reference = joinNonEmpty(" – ", e.Reason, n.person(e.By))
		}
		if e.Late() {
			row.Reference = joinNonEmpty(", ", row.Reference, fmt.Sprintf(l.Late, f.Date(e.WorkDate)))
		}
		v.Rows = append(v.Rows, row)
	}
	v.Rows = append(v.Rows, QuotaRow{Date: f.Date(s.Period.Last()), Movement: l.Closing, Balance: f.Hours(s.Closing), Strong: true})

	add := func(label string, d time.Duration, always bool) {
		if d != 0 || always {
			v.Totals = append(v.Totals, Total{Label: label, Value: f.SignedHours(d)})
		}
	}
	add(l.Allotted, s.Allotted, true)
	add(l.Consumed, s.Consumed+s.Reversed, true)
	add(l.Kinds[quota.KindAdjustment], s.Adjusted, false)
	add(l.Kinds[quota.KindExpiry], s.Expired, false)
	add(l.Kinds[quota.KindCorrection], s.Corrected, false)
	v.Totals = append(v.Totals, Total{Label: l.Closing, Value: f.Hours(s.Closing), Strong: true})
	if s.Closed {
		next := s.Period.Next()
		v.Totals = append(v.Totals, Total{Label: fmt.Sprintf(l.RolledOver, f.Month(next.Year(), next.Month())), Value: f.Hours(s.RolledOver)})
	}
	if s.Charged.IsPositive() {
		v.Totals = append(v.Totals, Total{Label: l.Charged, Value: f.Money(s.Charged)})
	}
	if today.On != 0 {
		v.Today = fmt.Sprintf(l.AsOf, f.Date(today.On)) + ": " + f.Hours(today.Balance)
	}
	return v, nil
}

// quotaTerms says the contract's terms in a sentence.
func quotaTerms(t quota.Terms, f *Format, l *labels) string {
	if t.Hours == 0 && t.Price.IsZero() {
		return ""
	}
	s := fmt.Sprintf(l.TermsText, f.Hours(t.Hours), f.Money(t.Price))
	switch r := t.Rollover; {
	case r.Expiring:
		s += "; " + fmt.Sprintf(l.RolloverExpiring, r.Keep)
	case r.Capped && r.Cap == 0:
		s += "; " + l.RolloverNone
	case r.Capped:
		s += "; " + fmt.Sprintf(l.RolloverCapped, f.Hours(r.Cap))
	default:
		s += "; " + l.RolloverFull
	}
	switch o := t.Overdraft; {
	case o.Unlimited:
		s += "; " + l.OverdraftUnlimited
	case o.Limit > 0:
		s += "; " + fmt.Sprintf(l.OverdraftLimit, f.Hours(o.Limit))
	}
	return s + "."
}

// Page lays the statement out: the fields, the terms, the table of
// movements, the totals and the day-current balance.
func (q QuotaStatement) Page() Page {
	l := q.labels
	if l == nil {
		l = &allLabels[German]
	}
	p := Page{
		Lang: q.Lang, Letterhead: q.Letterhead, Address: q.Address, Title: q.Title,
		Fields: []Field{{l.Contract, q.Contract}, {l.Customer, q.Customer}, {l.Period, q.Period}, {l.Status, q.Status}},
		PageOf: l.Page + " %d " + l.Of + " %d",
	}
	s := Section{Table: Table{Columns: []Column{{Label: l.Date}, {Label: l.Movement}, {Label: l.Reference, Wrap: true},
		{Label: l.Hours, Right: true}, {Label: l.Balance, Right: true}}}, Totals: q.Totals}
	if q.Terms != "" {
		s.Text = []string{l.Terms + ": " + q.Terms}
	}
	for _, r := range q.Rows {
		s.Table.Rows = append(s.Table.Rows, Row{Cells: []string{r.Date, r.Movement, r.Reference, r.Hours, r.Balance}, Strong: r.Strong})
	}
	p.Sections = append(p.Sections, s)
	if q.Today != "" {
		p.Closing = append(p.Closing, q.Today)
	}
	return p
}

// WriteText writes the statement as plain text within 80 columns.
func (q QuotaStatement) WriteText(w io.Writer) error { return WriteText(w, q.Page()) }

// WriteHTML writes the statement as an HTML page for print on A4.
func (q QuotaStatement) WriteHTML(w io.Writer) error { return WriteHTML(w, q.Page()) }

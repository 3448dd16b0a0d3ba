package main

import (
	"net/http"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/ticket"
)

// contractView is the contract status: the quota's balance today and the
// movements of one period. Hours are in the form quota.FormatHours writes
// ("7h30m", "-45m"), money a decimal string with its currency.
type contractView struct {
	CustomerID    string          `json:"customerId"`
	Type          string          `json:"type"`
	QuotaContract string          `json:"quotaContract,omitempty"`
	Today         date.Date       `json:"today"`
	Balance       string          `json:"balance,omitempty"`
	Pending       string          `json:"pending,omitempty"`
	PendingCount  int             `json:"pendingEntries,omitempty"`
	Watch         string          `json:"watch,omitempty"`
	HoursPerMonth string          `json:"hoursPerMonth,omitempty"`
	Price         *moneyView      `json:"price,omitempty"`
	Period        string          `json:"period,omitempty"`
	Periods       []string        `json:"periods,omitempty"`
	Closed        bool            `json:"closed"`
	Opening       string          `json:"opening,omitempty"`
	Closing       string          `json:"closing,omitempty"`
	Movements     []movementView  `json:"movements"`
	Released      []releasedEntry `json:"released"`
}

// movementView is one ledger entry with the balance after it.
type movementView struct {
	Date    date.Date `json:"date"`
	Kind    string    `json:"kind"`
	Hours   string    `json:"hours"`
	Balance string    `json:"balance"`
	Ref     string    `json:"ref,omitempty"`
	Reason  string    `json:"reason,omitempty"`
}

// releasedEntry is work the back office released that the month-end run
// has not billed yet.
type releasedEntry struct {
	ID          string    `json:"id"`
	Date        date.Date `json:"date"`
	Ticket      string    `json:"ticket"`
	Worked      string    `json:"worked"`
	Description string    `json:"description"`
}

// moneyView is an amount: a decimal string and an ISO 4217 currency.
type moneyView struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

func (s *Server) contractData(r *http.Request, u User) (contractView, error) {
	ctx := r.Context()
	customer, err := s.customerOf(r, u)
	if err != nil {
		return contractView{}, err
	}
	if err := s.allow(u, ticket.ViewContract, customer); err != nil {
		return contractView{}, err
	}
	today := dateOf(s.today())
	v := contractView{CustomerID: customer, Today: today, Movements: []movementView{}, Released: []releasedEntry{}}
	bc, err := s.work.Contract(ctx, customer)
	if err != nil {
		return contractView{}, err
	}
	v.Type = bc.Type.String()
	for e, err := range s.work.Entries(ctx, customer, billing.Released, today) {
		if err != nil {
			return contractView{}, err
		}
		v.Released = append(v.Released, releasedEntry{ID: e.ID, Date: e.Date, Ticket: e.TicketID,
			Worked: quota.FormatHours(e.Worked()), Description: e.Description})
	}
	if bc.QuotaContractID == "" {
		return v, nil
	}
	v.QuotaContract = bc.QuotaContractID
	acc, err := s.ledger.Account(ctx, bc.QuotaContractID)
	if err != nil {
		return contractView{}, err
	}
	// The balance as the billing side sees it today: released work is on
	// the ledger at once, recorded work waits beside it as pending.
	status, err := s.biller.QuotaStatus(ctx, customer, today)
	if err != nil {
		return contractView{}, err
	}
	v.Balance, v.Watch = quota.FormatHours(status.Balance), status.Watch.Flag.String()
	if status.Pending != 0 {
		v.Pending, v.PendingCount = quota.FormatHours(status.Pending), status.PendingEntries
	}
	if terms := acc.Contract.Terms; len(terms) > 0 {
		last := terms[len(terms)-1]
		v.HoursPerMonth = quota.FormatHours(last.Hours)
		v.Price = &moneyView{Amount: last.Price.StringFixed(2), Currency: "EUR"}
	}
	first := quota.PeriodOf(acc.Contract.Start)
	for p := first; !p.After(acc.Open); p = p.Next() {
		v.Periods = append(v.Periods, p.String())
	}
	period := acc.Open
	if q := r.URL.Query().Get("period"); q != "" {
		p, err := quota.ParsePeriod(q)
		if err != nil || p.Before(first) || p.After(acc.Open) {
			return contractView{}, &badRequest{msg: "There is no statement for that month."}
		}
		period = p
	}
	st, err := s.ledger.Statement(ctx, bc.QuotaContractID, period)
	if err != nil {
		return contractView{}, err
	}
	v.Period, v.Closed = st.Period.String(), st.Closed
	v.Opening, v.Closing = quota.FormatHours(st.Opening), quota.FormatHours(st.Closing)
	running := st.Opening
	for _, e := range st.ByDate() { // day by day: each balance is the day's
		running += e.Hours
		v.Movements = append(v.Movements, movementView{Date: e.Date, Kind: e.Kind.String(), Hours: signed(e.Hours),
			Balance: quota.FormatHours(running), Ref: e.Ref, Reason: e.Reason})
	}
	return v, nil
}

// signed formats hours with their sign: +10h, -1h30m.
func signed(d time.Duration) string {
	if d < 0 {
		return "-" + quota.FormatHours(-d)
	}
	return "+" + quota.FormatHours(d)
}

// dateOf is the calendar day of t in t's zone.
func dateOf(t time.Time) date.Date { return date.New(t.Year(), t.Month(), t.Day()) }

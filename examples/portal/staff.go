package main

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// staffPage is the staff view: credential requests waiting for a decision
// and recorded work waiting for the back office's release.
type staffPage struct {
	Requests  []requestView     `json:"requests"`
	Work      []workView        `json:"work"`
	Customers map[string]string `json:"customers"`
	Durations []int             `json:"-"`
	// Held names an entry just released whose hours the quota did not
	// take: it is released all the same, and the month-end run books or
	// holds it.
	Held *heldView `json:"held,omitempty"`
	// Incomplete says that credentials or requests the vault could not
	// read are left out (see Server.skipUnreadable).
	Incomplete bool `json:"incomplete,omitempty"`
}

// heldView is released work whose hours are not on the quota balance.
type heldView struct {
	ID        string `json:"id"`
	Overdraft bool   `json:"overdraft"` // the quota refused them; else it could not be reached
}

// workView is a recorded work entry.
type workView struct {
	ID          string    `json:"id"`
	Customer    string    `json:"customer"`
	Ticket      string    `json:"ticket"`
	Technician  string    `json:"technician"`
	Date        date.Date `json:"date"`
	Worked      string    `json:"worked"`
	Description string    `json:"description"`
}

// approvalHours are the lengths of an approval staff can choose; the
// vault caps them at its MaxApproval (24 hours).
var approvalHours = []int{1, 4, 8, 24}

func (s *Server) staffData(r *http.Request, u User) (staffPage, error) {
	ctx := r.Context()
	if !u.Staff {
		return staffPage{}, errForbidden
	}
	customers, err := s.users.Customers(ctx)
	if err != nil {
		return staffPage{}, err
	}
	ids := make([]string, 0, len(customers))
	for id := range customers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	p := staffPage{Requests: []requestView{}, Work: []workView{}, Customers: customers, Durations: approvalHours}
	if id := r.URL.Query().Get("held"); id != "" {
		// Only an entry that is released indeed: the link is not proof.
		if e, err := s.work.Entry(ctx, id); err == nil && e.State == billing.Released {
			p.Held = &heldView{ID: e.ID, Overdraft: r.URL.Query().Get("why") == "overdraft"}
		}
	}
	far := date.New(9999, time.December, 31)
	for _, id := range ids {
		for c, err := range s.vault.Credentials(ctx, id) {
			if s.skipUnreadable(err, &p.Incomplete) {
				continue
			}
			if err != nil {
				return staffPage{}, err
			}
			for q, err := range s.vault.Requests(ctx, c.ID) {
				if s.skipUnreadable(err, &p.Incomplete) {
					continue
				}
				if err != nil {
					return staffPage{}, err
				}
				if q.Status == asset.RequestPending {
					p.Requests = append(p.Requests, viewRequest(q))
				}
			}
		}
		for e, err := range s.work.Entries(ctx, id, billing.Recorded, far) {
			if err != nil {
				return staffPage{}, err
			}
			p.Work = append(p.Work, workView{ID: e.ID, Customer: e.CustomerID, Ticket: e.TicketID, Technician: e.Technician,
				Date: e.Date, Worked: quota.FormatHours(e.Worked()), Description: e.Description})
		}
	}
	return p, nil
}

// staffDecide approves a request for the hours chosen, or rejects it. The
// vault checks that the staff member holds a grant for the credential.
func (s *Server) staffDecide(w http.ResponseWriter, r *http.Request, u User) error {
	if !u.Staff {
		return errForbidden
	}
	why, err := reason(r)
	if err != nil {
		return err
	}
	a := asset.Audit{Actor: actor(u), At: s.now(), Reason: why}
	id := r.PathValue("id")
	switch r.PostFormValue("decision") {
	case "approve":
		h, err := strconv.Atoi(r.PostFormValue("hours"))
		if err != nil || !slices.Contains(approvalHours, h) {
			return &badRequest{msg: "Please choose how long the approval lasts."}
		}
		_, err = s.vault.Approve(r.Context(), a, id, a.At.Add(time.Duration(h)*time.Hour))
		if err != nil {
			return err
		}
	case "reject":
		if _, err := s.vault.Reject(r.Context(), a, id); err != nil {
			return err
		}
	default:
		return &badRequest{msg: "Please approve or reject."}
	}
	http.Redirect(w, r, "/staff", http.StatusSeeOther)
	return nil
}

// staffRelease releases a recorded work entry for billing (the back
// office's release) today. A *billing.QuotaPostingError means the entry
// is released but its hours are not on the quota balance (the quota
// refused them, or could not be reached): the page says so instead of
// failing.
func (s *Server) staffRelease(w http.ResponseWriter, r *http.Request, u User) error {
	if !u.Staff {
		return errForbidden
	}
	e, err := s.biller.Release(r.Context(), r.PathValue("id"), u.ID, dateOf(s.today()))
	var held *billing.QuotaPostingError
	switch {
	case errors.As(err, &held):
		why := "ledger"
		if errors.Is(err, quota.ErrOverdraft) {
			why = "overdraft"
		}
		http.Redirect(w, r, "/staff?"+url.Values{"held": {e.ID}, "why": {why}}.Encode(), http.StatusSeeOther)
		return nil
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/staff", http.StatusSeeOther)
	return nil
}

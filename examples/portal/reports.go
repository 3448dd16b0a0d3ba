package main

import (
	"net/http"
	"net/url"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/document/pdf"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/ticket"
)

// reportView is a service report in the history: its ID, period, totals
// and where to download it.
type reportView struct {
	ID         string    `json:"id"`
	Period     string    `json:"period"`
	Issued     date.Date `json:"issued"`
	Branch     string    `json:"branch,omitempty"`
	Entries    int       `json:"entries"`
	QuotaHours string    `json:"quotaHours,omitempty"`
	Net        moneyView `json:"net"`
	Gross      moneyView `json:"gross"`
	HTML       string    `json:"html"`
}

func (s *Server) reportsData(r *http.Request, u User) ([]reportView, error) {
	customer, err := s.customerOf(r, u)
	if err != nil {
		return nil, err
	}
	if err := s.allow(u, ticket.ViewServiceReports, customer); err != nil {
		return nil, err
	}
	out := []reportView{}
	for rp, err := range s.work.Reports(r.Context(), customer) {
		if err != nil {
			return nil, err
		}
		v := reportView{ID: rp.ID, Period: rp.Period.String(), Issued: rp.Issued, Branch: rp.BranchID,
			Entries: len(rp.Entries), Net: eur(rp.Totals.Net.StringFixed(2)), Gross: eur(rp.Totals.Gross.StringFixed(2)),
			HTML: "/reports/" + url.PathEscape(rp.ID) + "/html"}
		if rp.ContractType == billing.ContractQuota {
			v.QuotaHours = quota.FormatHours(rp.QuotaHours)
		}
		out = append(out, v)
	}
	return out, nil
}

func eur(amount string) moneyView { return moneyView{Amount: amount, Currency: "EUR"} }

// reportDownload serves one report as package document renders it (HTML
// or PDF, in German, with the customer's name from the directory), after
// checking that it is the user's customer's and that their level may see
// service reports.
func (s *Server) reportDownload(w http.ResponseWriter, r *http.Request, u User) error {
	rp, err := s.work.Report(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := s.allow(u, ticket.ViewServiceReports, rp.CustomerID); err != nil {
		return err
	}
	format := r.PathValue("format")
	if format != "html" && format != "pdf" {
		return errNotFound
	}
	contract, err := s.work.Contract(r.Context(), rp.CustomerID)
	if err != nil {
		return err
	}
	names, err := s.users.Customers(r.Context())
	if err != nil {
		return err
	}
	v, err := document.NewServiceReport(rp, contract.Units, document.Options{
		Provider:  document.Provider{Name: "Mein Systemhaus GmbH"},
		Recipient: document.Recipient{CustomerID: rp.CustomerID, Language: document.German},
		Names:     document.Names{Customers: names},
	})
	if err != nil {
		return err
	}
	if format == "pdf" {
		w.Header().Set("Content-Type", "application/pdf")
		return pdf.Write(w, v.Page())
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return v.WriteHTML(w)
}

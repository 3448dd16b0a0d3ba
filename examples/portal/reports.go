package main

import (
	"bytes"
	"mime"
	"net/http"
	"net/url"
	"strings"

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
	PDF        string    `json:"pdf"`
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
			HTML: "/reports/" + url.PathEscape(rp.ID) + "/html", PDF: "/reports/" + url.PathEscape(rp.ID) + "/pdf"}
		if rp.ContractType == billing.ContractQuota {
			v.QuotaHours = quota.FormatHours(rp.QuotaHours)
		}
		out = append(out, v)
	}
	return out, nil
}

func eur(amount string) moneyView { return moneyView{Amount: amount, Currency: "EUR"} }

// reportDownload serves one report as the document package renders it,
// HTML to read or PDF to keep, in the customer's language, after checking
// that it is the user's customer's and that their level may see service
// reports.
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
	v, err := document.NewServiceReport(rp, contract.Units, document.Options{Provider: s.provider,
		Recipient: document.Recipient{CustomerID: rp.CustomerID, Attention: rp.Recipient},
		Names:     s.names, Zone: s.loc})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if format == "pdf" {
		if err := pdf.Write(&buf, v.Page()); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
			map[string]string{"filename": strings.ReplaceAll(rp.ID, "/", "-") + ".pdf"}))
	} else {
		if err := v.WriteHTML(&buf); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// The printed page carries its own style: allow inline style on
		// this answer only, and still no script.
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'")
	}
	_, err = buf.WriteTo(w)
	return err
}

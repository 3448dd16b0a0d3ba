package main

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/ticket"
)

// statsView is a customer's service statistics: counts by kind, status
// and month, and response and resolution against the agreement's targets
// (business time, the hours form of quota.FormatHours).
type statsView struct {
	CustomerID string       `json:"customerId"`
	Total      int          `json:"total"`
	ByKind     []countView  `json:"byKind"`
	ByStatus   []countView  `json:"byStatus"`
	ByMonth    []countView  `json:"byMonth"`
	Response   targetView   `json:"response"`
	Resolution targetView   `json:"resolution"`
	Unmeasured int          `json:"unmeasured"`
	Chart      []chartGroup `json:"-"`
}

// countView is a count with its label.
type countView struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// targetView is how one target went.
type targetView struct {
	MetOnTime  int     `json:"metOnTime"`
	MetLate    int     `json:"metLate"`
	Running    int     `json:"running"`
	Overdue    int     `json:"overdue"`
	Mean       string  `json:"mean"`
	Max        string  `json:"max"`
	BreachRate float64 `json:"breachRate"`
}

// chartGroup is one bar chart of the inline SVG: bars with their geometry
// worked out here, so that the template only places them.
type chartGroup struct {
	Title  string
	Height int
	Bars   []chartBar
}

// chartBar is one bar: its label, value, width in pixels and row.
type chartBar struct {
	Label string
	Value int
	Width int
	Y     int
	Tone  string // "ok", "late", "open" or "" for plain counts
}

func (s *Server) statsData(r *http.Request, u User) (statsView, error) {
	customer, err := s.customerOf(r, u)
	if err != nil {
		return statsView{}, err
	}
	if err := s.allow(u, ticket.ViewStatistics, customer); err != nil {
		return statsView{}, err
	}
	st, err := s.desk.Stats(r.Context(), ticket.StatsQuery{CustomerID: customer, Agreements: s.agreements, Location: s.loc}, s.now())
	if err != nil {
		return statsView{}, err
	}
	v := statsView{CustomerID: customer, Total: st.Total, Unmeasured: st.Unmeasured,
		Response: viewTarget(st.Response), Resolution: viewTarget(st.Resolution)}
	v.ByKind = counts(st.ByKind)
	v.ByStatus = counts(st.ByStatus)
	v.ByMonth = counts(st.ByMonth)
	slices.SortFunc(v.ByMonth, func(a, b countView) int { return compareStrings(a.Label, b.Label) })
	v.Chart = []chartGroup{
		bars("Tickets by month", v.ByMonth, ""),
		bars("Tickets by kind", v.ByKind, ""),
		bars("First response", targetBars(st.Response), "target"),
		bars("Resolution", targetBars(st.Resolution), "target"),
	}
	return v, nil
}

func viewTarget(t ticket.TargetStats) targetView {
	return targetView{MetOnTime: t.MetOnTime, MetLate: t.MetLate, Running: t.Running, Overdue: t.Overdue,
		Mean: quota.FormatHours(t.Mean), Max: quota.FormatHours(t.Max), BreachRate: t.BreachRate}
}

// counts turns a map of counts into labelled counts, largest first, then
// by label.
func counts[K comparable](m map[K]int) []countView {
	out := []countView{}
	for k, n := range m {
		out = append(out, countView{Label: label(k), Count: n})
	}
	slices.SortFunc(out, func(a, b countView) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return compareStrings(a.Label, b.Label)
	})
	return out
}

// label is a map key's text: its String form, or the string itself.
func label(k any) string {
	if s, ok := k.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprint(k)
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func targetBars(t ticket.TargetStats) []countView {
	return []countView{{"met on time", t.MetOnTime}, {"met late", t.MetLate}, {"running", t.Running}, {"overdue", t.Overdue}}
}

// bars lays out a horizontal bar chart: 22 pixels a row, the longest bar
// 260 pixels.
func bars(title string, cs []countView, tones string) chartGroup {
	g := chartGroup{Title: title, Height: 22*len(cs) + 4}
	most := 1
	for _, c := range cs {
		most = max(most, c.Count)
	}
	for i, c := range cs {
		b := chartBar{Label: c.Label, Value: c.Count, Width: 260 * c.Count / most, Y: 22 * i}
		if tones == "target" {
			b.Tone = map[string]string{"met on time": "ok", "met late": "late", "overdue": "late", "running": "open"}[c.Label]
		}
		g.Bars = append(g.Bars, b)
	}
	return g
}

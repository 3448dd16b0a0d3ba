package ticket_test

import (
	"testing"
	"time"

	"github.com/deskcore/deskcore/ticket"
)

// statsPopulation is n tickets of customer wdf received in March 2026,
// each a copy of one of 1000 distinct histories (kinds, channels,
// priorities, waits, resolutions, reopenings at different times), so that
// a million tickets fit in some 450 MB: copies share their slices, which
// statistics only read.
func statsPopulation(b *testing.B, n int) []ticket.Ticket {
	b.Helper()
	kinds := []ticket.Kind{ticket.Incident, ticket.Incident, ticket.ServiceRequest, ticket.MonitoringAlert, ticket.Maintenance}
	channels := []ticket.Channel{ticket.ChannelEmail, ticket.ChannelPortal, ticket.ChannelPhone}
	prios := []ticket.Priority{ticket.Normal, ticket.Normal, ticket.Critical, ticket.High, ticket.Low}
	templates := make([]ticket.Ticket, 1000)
	for i := range templates {
		recv := ber(2026, 3, 2+i%26, 8+i%10, (i*7)%60)
		k := kinds[i%len(kinds)]
		c := channels[i%len(channels)]
		if k == ticket.MonitoringAlert {
			c = ticket.ChannelMonitoring
		}
		tk, err := ticket.NewTicket(ticket.Draft{CustomerID: "wdf", ContactID: "anna", Kind: k, Channel: c,
			Priority: prios[i%len(prios)], Subject: "x", Received: recv}, staff)
		if err != nil {
			b.Fatal(err)
		}
		step := func(d time.Duration) time.Time { recv = recv.Add(d); return recv }
		must := func(err error) {
			if err != nil {
				b.Fatal(err)
			}
		}
		if i%10 != 0 { // a tenth stay new
			must(tk.Assign("tech-7", staff, step(10*time.Minute)))
			must(tk.Transition(ticket.InProgress, tech, step(time.Duration(i%5)*time.Hour), ""))
		}
		if i%3 == 0 && i%10 != 0 {
			must(tk.Transition(ticket.WaitingOnCustomer, tech, step(2*time.Hour), ""))
			must(tk.Transition(ticket.InProgress, tech, step(20*time.Hour), ""))
		}
		if i%4 != 0 && i%10 != 0 {
			must(tk.Transition(ticket.Resolved, tech, step(time.Duration(1+i%30)*time.Hour), ""))
			if i%7 == 0 {
				must(tk.Transition(ticket.Reopened, staff, step(24*time.Hour), ""))
				must(tk.Transition(ticket.Resolved, tech, step(3*time.Hour), ""))
			}
			if i%2 == 0 {
				must(tk.Transition(ticket.Closed, staff, step(48*time.Hour), ""))
			}
		}
		templates[i] = tk
	}
	out := make([]ticket.Ticket, n)
	for i := range out {
		out[i] = templates[i%len(templates)]
		out[i].Number = ticket.Number(i + 1)
	}
	return out
}

// BenchmarkStats computes one customer's month over a million tickets in
// memory: counts and both SLA clocks of every ticket.
func BenchmarkStats(b *testing.B) {
	const n = 1_000_000
	tickets := statsPopulation(b, n)
	q := ticket.StatsQuery{CustomerID: "wdf", From: ber(2026, 3, 1, 0, 0), To: ber(2026, 4, 1, 0, 0), Agreements: agreements(), Location: berlin}
	now := ber(2026, 4, 15, 12, 0)
	var s ticket.Stats
	b.ResetTimer()
	for b.Loop() {
		var err error
		if s, err = ticket.ComputeStats(seq2(tickets), q, now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/ticket")
	if s.Total != n || s.Unmeasured != n/5 {
		b.Fatalf("total %d, unmeasured %d", s.Total, s.Unmeasured)
	}
}

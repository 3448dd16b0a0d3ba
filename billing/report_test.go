package billing_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

func TestReportHTML(t *testing.T) {
	es := []billing.WorkEntry{
		work("E-1", func(e *billing.WorkEntry) { e.Description = `<script>alert("x")</script> & co` }),
		work("E-2", func(e *billing.WorkEntry) {
			e.TicketID, e.Billable, e.Justification = "T-2", billing.BillableNo, "our fault <b>really</b>"
		}),
		work("E-3", func(e *billing.WorkEntry) { e.TicketID, e.Duration = "T-3", 5*h }),
	}
	dr, err := billing.BillerConfig{}.DraftReports(contract(nil), march, es, nil)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, dr.Reports[0].WriteHTML(&buf))
	page := buf.String()
	for _, want := range []string{
		"<h1>Service report SR/2026-03/C-1</h1>",
		"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co",
		"our fault &lt;b&gt;really&lt;/b&gt;",
		"<h2>Held back: the customer's order is needed first</h2>",
		"ticket T-3 has 5h of billable work",
		// 1h = 60 min at 95.00 per 60 = 95.00, VAT 18.05, total 113.05.
		"<td>60 MIN</td><td>95.00 / 60</td><td>95.00</td><td>19%</td>",
		"Net total 95.00<br>\nVAT 19% on 95.00: 18.05<br>\nTotal 113.05</p>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, "<b>") {
		t.Error("unescaped text on the page")
	}

	// A quota customer's report says what it booked on the quota.
	c := contract(func(c *billing.Contract) { c.Type, c.QuotaContractID = billing.ContractQuota, "K-1" })
	dr, err = billing.BillerConfig{}.DraftReports(c, march, es[:1], nil)
	require.NoError(t, err)
	buf.Reset()
	require.NoError(t, dr.Reports[0].WriteText(&buf))
	for _, want := range []string{"4 AE, quota 1h", "Booked on quota K-1: 1h"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the text lacks %q:\n%s", want, buf.String())
		}
	}
	if strings.Contains(buf.String(), "Charges") {
		t.Errorf("a quota customer's work is charged:\n%s", buf.String())
	}
}

// A quota customer's ticket-day rounded as one: 3 × 10m is 30m, two
// units of 15m, booked 15m, 15m and 0 on the quota.
func TestDraftQuotaTicketDay(t *testing.T) {
	c := contract(func(c *billing.Contract) {
		c.Type, c.QuotaContractID, c.Units = billing.ContractQuota, "K-1", billing.UnitPolicy{Per: billing.PerTicketDay}
	})
	es := []billing.WorkEntry{
		work("E-1", func(e *billing.WorkEntry) { e.Duration = 10 * m }),
		work("E-2", func(e *billing.WorkEntry) { e.Duration = 10 * m }),
		work("E-3", func(e *billing.WorkEntry) { e.Duration = 10 * m }),
	}
	dr, err := billing.BillerConfig{}.DraftReports(c, march, es, nil)
	require.NoError(t, err)
	var got []string
	for _, e := range dr.Reports[0].Entries {
		got = append(got, e.Entry.ID+" "+e.QuotaHours.String())
	}
	diff(t, "quota hours", []string{"E-1 15m0s", "E-2 15m0s", "E-3 0s"}, got)
	diff(t, "report total", 30*m, dr.Reports[0].QuotaHours)
}

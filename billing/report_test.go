package billing_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

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

package dunning_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
)

// The German policy is complete as its constructor returns it: disputes
// of a customer without an account manager on record go to the fallback
// contact it was given (cs@ampere.cloud, the address a customer writes
// to when the Customer Success Manager's details are not at hand), on
// the support hours Mon-Fri 09:00-17:00; without one it does not
// validate.
func TestGermanPolicyIsCompleteFromItsConstructor(t *testing.T) {
	tests := []struct {
		name     string
		fallback string
		valid    bool
	}{
		{"with_the_customer_success_address", "cs@ampere.cloud", true},
		{"without_a_fallback_contact", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dunning.GermanPolicy(dunSupport(), dunRates, tt.fallback)
			err := p.Validate()
			if !tt.valid {
				var verr *dunning.ValidationError
				require.True(t, errorsAs(err, &verr) && verr.Has("Dispute.FallbackContact"), "%v", err)
				return
			}
			require.NoError(t, err)
			inv := dunInvoice()
			inv.AccountManager = ""
			c := dunCase(t, inv)
			dunRun(t, c, p, dday(2025, 6, 6), dunning.Issued) // the reminder, 7 days after 30 May
			x, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 10, 10, 0)))
			require.NoError(t, err)
			require.Equal(t, tt.fallback, x.AssignedTo)
			require.True(t, x.Fallback)
			// Acknowledge within 1 business day: by Wednesday 11 June
			// at the 17:00 close.
			require.True(t, x.AcknowledgeBy.Equal(dber(2025, 6, 11, 17, 0)), "acknowledge by %v", x.AcknowledgeBy)
		})
	}
}

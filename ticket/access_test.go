package ticket_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

var allPermissions = []ticket.Permission{
	ticket.ReportIncident, ticket.RequestService, ticket.ViewTicket, ticket.CommentTicket, ticket.ViewStatistics,
	ticket.ViewContract, ticket.ViewServiceReports, ticket.RequestCredentials, ticket.ManageTickets,
}

// TestAuthorize: what each level may do, under the default policy
// and under policies that lower the level for service and credential
// requests. The expected sets are the service agreement's: "nur Störungsmeldungen"
// for the basic login; statistics, contract status and service reports
// for the extended one; credentials only on request; managing tickets
// never.
func TestAuthorize(t *testing.T) {
	set := func(ps ...ticket.Permission) map[ticket.Permission]bool {
		m := map[ticket.Permission]bool{}
		for _, p := range ps {
			m[p] = true
		}
		return m
	}
	report := []ticket.Permission{ticket.ReportIncident, ticket.ViewTicket, ticket.CommentTicket}
	extended := append(report[:len(report):len(report)], ticket.RequestService, ticket.ViewStatistics, ticket.ViewContract,
		ticket.ViewServiceReports, ticket.RequestCredentials)
	for _, tc := range []struct {
		name   string
		policy ticket.AccessPolicy
		level  ticket.Level
		want   map[ticket.Permission]bool
	}{
		{"default_none", ticket.AccessPolicy{}, ticket.LevelNone, set()},
		{"default_report", ticket.AccessPolicy{}, ticket.LevelReport, set(report...)},
		{"default_extended", ticket.AccessPolicy{}, ticket.LevelExtended, set(extended...)},
		{"service_requests_at_report", ticket.AccessPolicy{ServiceRequests: ticket.LevelReport}, ticket.LevelReport,
			set(append(report[:len(report):len(report)], ticket.RequestService)...)},
		{"credential_requests_at_report", ticket.AccessPolicy{CredentialRequests: ticket.LevelReport}, ticket.LevelReport,
			set(append(report[:len(report):len(report)], ticket.RequestCredentials)...)},
		{"lowered_policy_none_still_nothing", ticket.AccessPolicy{ServiceRequests: ticket.LevelReport, CredentialRequests: ticket.LevelReport}, ticket.LevelNone, set()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ticket.Contact{ID: "x", CustomerID: "wdf", Level: tc.level}
			got := map[ticket.Permission]bool{}
			for _, p := range allPermissions {
				err := tc.policy.Authorize(c, p, "wdf")
				if err == nil {
					got[p] = true
					continue
				}
				wantDenied(p)(t, err)
			}
			diff(t, "granted", tc.want, got)
		})
	}
	t.Run("other_customer", func(t *testing.T) {
		wantDenied(ticket.ViewStatistics)(t, ticket.AccessPolicy{}.Authorize(ben, ticket.ViewStatistics, "sgn"))
	})
	t.Run("invalid_permission", func(t *testing.T) {
		wantDenied(ticket.Permission(0))(t, ticket.AccessPolicy{}.Authorize(ben, 0, "wdf"))
	})
	t.Run("contact_without_id", func(t *testing.T) {
		wantInvalid("Contact.ID")(t, ticket.AccessPolicy{}.Authorize(ticket.Contact{CustomerID: "wdf", Level: ticket.LevelExtended}, ticket.ViewTicket, "wdf"))
	})
}

// TestAuthorizeTicket: the report level sees its own tickets (reported or
// taking part by mail), the extended level all of its customer's.
func TestAuthorizeTicket(t *testing.T) {
	annas := incident(t)
	colleagues := incident(t, func(dr *ticket.Draft) {
		dr.ContactID = "ben"
		dr.Participants = []string{"ben@wdf.example", "anna@wdf.example"}
	})
	bens := incident(t, func(dr *ticket.Draft) { dr.ContactID = "ben"; dr.Participants = nil })
	sgns := incident(t, func(dr *ticket.Draft) { dr.CustomerID = "sgn"; dr.ContactID = "carl"; dr.Participants = nil })
	for _, tc := range []struct {
		name    string
		c       ticket.Contact
		tk      ticket.Ticket
		allowed bool
	}{
		{"report_level_own_ticket", anna, annas, true},
		{"report_level_participant", anna, colleagues, true},
		{"report_level_colleagues_ticket", anna, bens, false},
		{"extended_level_colleagues_ticket", ben, annas, true},
		{"report_level_other_customer", carl, annas, false},
		{"extended_level_other_customer", ben, sgns, false},
	} {
		for _, p := range []ticket.Permission{ticket.ViewTicket, ticket.CommentTicket} {
			t.Run(tc.name+"_"+p.String(), func(t *testing.T) {
				err := ticket.AccessPolicy{}.AuthorizeTicket(tc.c, p, tc.tk)
				if tc.allowed {
					require.NoError(t, err)
				} else {
					wantDenied(p)(t, err)
				}
			})
		}
	}
}

func TestLevelText(t *testing.T) {
	for _, l := range []ticket.Level{ticket.LevelNone, ticket.LevelReport, ticket.LevelExtended} {
		b, err := l.MarshalText()
		require.NoError(t, err)
		var back ticket.Level
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, l, back)
	}
	require.Equal(t, "Level(7)", ticket.Level(7).String())
	_, err := ticket.Level(7).MarshalText()
	require.ErrorIs(t, err, ticket.ErrInvalid)
}

package main

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// An access request stored by hand with an instant the library cannot
// read does not blank the credential pages: the staff queue and the
// contact's page show the other requests and say that something is left
// out, and the server log names the row but not its reason.
func TestCredentialPagesLeaveOutAnUnreadableRequestAndSayTheyAreIncomplete(t *testing.T) {
	a := newTestApp(t)
	anna, sabrina := a.login(t, "anna"), a.login(t, "sabrina")
	code, _ := anna.postForm("/credentials/C-fw-wdf/requests", url.Values{"reason": {"VPN einrichten"}}, "")
	require.Equal(t, http.StatusSeeOther, code)
	var staff staffPage
	require.Equal(t, http.StatusOK, sabrina.getJSON("/api/staff", &staff))
	require.False(t, staff.Incomplete, "nothing is left out yet")

	raw, err := sql.Open("sqlite", filepath.Join(a.dir, "deskcore.db"))
	require.NoError(t, err)
	defer raw.Close()
	const badReason = "Kennwort liegt im Ticket"
	_, err = raw.ExecContext(context.Background(), `INSERT INTO access_requests
		(id, credential_id, customer_id, contact_id, reason, requested_at, status, decided_by, decided_at, decision_reason, expires)
		VALUES ('R-bad', 'C-fw-wdf', 'kruse', 'anna', '`+badReason+`', '10000-01-01T00:00:00Z', 'pending', '', NULL, '', NULL)`)
	require.NoError(t, err)

	staff = staffPage{}
	require.Equal(t, http.StatusOK, sabrina.getJSON("/api/staff", &staff))
	require.True(t, staff.Incomplete)
	require.Len(t, staff.Requests, 1, "anna's readable request is still in the queue")
	require.Equal(t, "VPN einrichten", staff.Requests[0].Reason)

	var creds credentialsPage
	require.Equal(t, http.StatusOK, anna.getJSON("/api/credentials", &creds))
	require.True(t, creds.Incomplete)
	var access []string
	for _, c := range creds.Credentials {
		access = append(access, c.ID+" "+c.Access)
	}
	require.Contains(t, access, "C-fw-wdf pending", "anna's own request still shows")
	code, body := anna.get("/credentials")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, "could not be read and are left out")
	require.NotContains(t, body, "R-bad", "a contact is not told which row")

	require.Contains(t, a.log.String(), "R-bad", "the log names the row for an administrator")
	require.NotContains(t, a.log.String(), badReason)
}

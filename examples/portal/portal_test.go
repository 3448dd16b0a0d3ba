package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// testApp is a seeded portal behind an httptest server, with its log.
type testApp struct {
	*app
	url string
	log *syncBuffer
}

// syncBuffer is a log buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newTestApp seeds a fresh portal on SQLite.
func newTestApp(t testing.TB) *testApp {
	t.Helper()
	var logs syncBuffer
	a, err := newApp(context.Background(), "", io.Discard, slog.New(slog.NewTextHandler(&logs, nil)))
	require.NoError(t, err)
	srv := httptest.NewServer(a.server)
	t.Cleanup(func() { srv.Close(); a.close() })
	return &testApp{app: a, url: srv.URL, log: &logs}
}

// client is a browser stand-in: a cookie jar and the session's CSRF token.
type client struct {
	t    testing.TB
	base string
	http *http.Client
	csrf string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// anonymous is a client without a session.
func (a *testApp) anonymous(t testing.TB) *client {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &client{t: t, base: a.url, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// login logs user in with the demo password and keeps the session's token.
func (a *testApp) login(t testing.TB, user string) *client {
	t.Helper()
	c := a.anonymous(t)
	code, _ := c.postForm("/login", url.Values{"login": {user}, "password": {demoPassword}}, c.loginToken())
	require.Equal(t, http.StatusSeeOther, code, "login %s", user)
	_, body := c.get("/tickets")
	m := csrfField.FindStringSubmatch(body)
	require.NotNil(t, m, "no CSRF token on the tickets page")
	c.csrf = m[1]
	return c
}

// loginToken fetches the login form and returns its token.
func (c *client) loginToken() string {
	_, body := c.get("/login")
	m := csrfField.FindStringSubmatch(body)
	require.NotNil(c.t, m)
	return m[1]
}

func (c *client) get(path string) (int, string) {
	c.t.Helper()
	res, err := c.http.Get(c.base + path)
	require.NoError(c.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	return res.StatusCode, string(b)
}

// postForm posts form with the token (the session's when token is "").
func (c *client) postForm(path string, form url.Values, token string) (int, string) {
	c.t.Helper()
	if token == "" {
		token = c.csrf
	}
	if token != "-" {
		form.Set("csrf", token)
	}
	res, err := c.http.PostForm(c.base+path, form)
	require.NoError(c.t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if loc := res.Header.Get("Location"); loc != "" {
		return res.StatusCode, loc
	}
	return res.StatusCode, string(b)
}

// postFile posts a multipart form with one file.
func (c *client) postFile(path string, fields map[string]string, name string, data []byte) (int, string) {
	c.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	require.NoError(c.t, w.WriteField("csrf", c.csrf))
	for k, v := range fields {
		require.NoError(c.t, w.WriteField(k, v))
	}
	if data != nil {
		f, err := w.CreateFormFile("file", name)
		require.NoError(c.t, err)
		_, _ = f.Write(data)
	}
	require.NoError(c.t, w.Close())
	res, err := c.http.Post(c.base+path, w.FormDataContentType(), &body)
	require.NoError(c.t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if loc := res.Header.Get("Location"); loc != "" {
		return res.StatusCode, loc
	}
	return res.StatusCode, string(b)
}

// getJSON reads an API answer into v and returns the status.
func (c *client) getJSON(path string, v any) int {
	c.t.Helper()
	code, body := c.get(path)
	if code == http.StatusOK {
		require.NoError(c.t, json.Unmarshal([]byte(body), v), body)
	}
	return code
}

// screenshot is a small PNG, as a browser would upload.
func screenshot(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		img.Set(x, 10, color.RGBA{200, 0, 0, 255})
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

// juneReport is the ID of Möbel Kruse's June service report.
var juneReport = billing.ReportID("2026-06", "kruse", "")

// The access rules, page by page and call by call: who gets in (200) and
// who gets the one refusal (403). Ticket 1 is Anna's mailed incident,
// ticket 4 the printer Tom reported, ticket 6 Lars's at the other
// customer; 999 does not exist, which a contact cannot tell from a ticket
// of someone else's.
func TestAccessByLevelAndCustomer(t *testing.T) {
	a := newTestApp(t)
	report := "/reports/" + url.PathEscape(juneReport) + "/pdf"
	routes := []string{"/tickets", "/tickets/1", "/tickets/4", "/tickets/6", "/tickets/999", "/contract", "/statistics",
		"/reports", report, "/assets", "/credentials", "/staff",
		"/api/tickets", "/api/tickets/1", "/api/tickets/4", "/api/tickets/6", "/api/contract", "/api/statistics",
		"/api/reports", "/api/assets", "/api/credentials"}
	ok, no, missing := http.StatusOK, http.StatusForbidden, http.StatusNotFound
	want := map[string][]int{
		//          tickets 1   4   6   999      contract stats reports report assets creds staff | api: tickets 1  4   6   contract stats reports assets creds
		"anna":    {ok, ok, ok, no, no, ok, ok, ok, ok, ok, ok, no, ok, ok, ok, no, ok, ok, ok, ok, ok},
		"tom":     {ok, no, ok, no, no, no, no, no, no, no, no, no, ok, no, ok, no, no, no, no, no, no},
		"lars":    {ok, no, no, ok, no, ok, ok, ok, no, ok, ok, no, ok, no, no, ok, ok, ok, ok, ok, ok},
		"sabrina": {ok, ok, ok, ok, missing, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok},
	}
	// What each may not see: the other customer's and, for Tom, his
	// colleague's ticket and the contract.
	kruse := []string{"Warenwirtschaft", "Etikettendrucker", "Möbel Kruse", "K-2026-017", "950.00", "LANCOM"}
	leaks := map[string][]string{
		"anna": {"Werkstatt", "Autohaus", "Sophos"},
		"tom":  {"Warenwirtschaft", "K-2026-017", "950.00", "LANCOM", "Backup"},
		"lars": kruse,
	}
	for user, codes := range want {
		c := a.login(t, user)
		var refusal string
		for i, path := range routes {
			t.Run(user+path, func(t *testing.T) {
				c.t = t
				code, body := c.get(path)
				require.Equal(t, codes[i], code, "%s %s", user, path)
				if code != http.StatusForbidden {
					return
				}
				// One refusal for every cause, page or JSON: nothing
				// of what was refused, not even whether it exists.
				for _, leak := range leaks[user] {
					require.NotContains(t, body, leak)
				}
				if strings.HasPrefix(path, "/api/") {
					require.JSONEq(t, `{"error":"You have no access to this."}`, body)
					return
				}
				// The page's content; the navigation marks the section.
				main := body[strings.Index(body, "<main>"):]
				if refusal == "" {
					refusal = main
				}
				require.Equal(t, refusal, main)
			})
		}
	}
}

// Without a session every page sends the browser to the login form and
// every API call answers 401; a cookie whose signature does not match is
// no session.
func TestSessionRequired(t *testing.T) {
	a := newTestApp(t)
	c := a.anonymous(t)
	code, _ := c.get("/contract")
	require.Equal(t, http.StatusSeeOther, code)
	code, body := c.get("/api/contract")
	require.Equal(t, http.StatusUnauthorized, code)
	require.NotContains(t, body, "kruse")

	anna := a.login(t, "anna")
	u, _ := url.Parse(a.url)
	var cookie *http.Cookie
	for _, k := range anna.http.Jar.Cookies(u) {
		if k.Name == sessionCookie {
			cookie = k
		}
	}
	require.NotNil(t, cookie)
	// The same payload claiming to be the staff member, with Anna's MAC.
	payload, mac, _ := strings.Cut(cookie.Value, ".")
	forged := strings.Replace(payload, "YW5uYQ", "c2FicmluYQ", 1) + "." + mac
	jar, _ := cookiejar.New(nil)
	jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: forged}})
	c.http.Jar = jar
	code, _ = c.get("/staff")
	require.Equal(t, http.StatusSeeOther, code)
}

// The session cookie is HttpOnly and SameSite strict; a wrong password
// and an unknown login get the same answer.
func TestLoginCookieAndMessages(t *testing.T) {
	a := newTestApp(t)
	c := a.anonymous(t)
	code, wrongPassword := c.postForm("/login", url.Values{"login": {"anna"}, "password": {"nope"}}, c.loginToken())
	require.Equal(t, http.StatusUnauthorized, code)
	code, unknown := c.postForm("/login", url.Values{"login": {"nobody"}, "password": {"nope"}}, c.loginToken())
	require.Equal(t, http.StatusUnauthorized, code)
	require.Equal(t, grep(wrongPassword, "alert"), grep(unknown, "alert"))

	// A login form posted from elsewhere has no token.
	code, _ = c.postForm("/login", url.Values{"login": {"anna"}, "password": {demoPassword}}, "-")
	require.Equal(t, http.StatusForbidden, code)

	form := url.Values{"login": {"anna"}, "password": {demoPassword}, "csrf": {c.loginToken()}}
	res, err := c.http.PostForm(a.url+"/login", form)
	require.NoError(t, err)
	res.Body.Close()
	var session *http.Cookie
	for _, k := range res.Cookies() {
		if k.Name == sessionCookie {
			session = k
		}
	}
	require.NotNil(t, session)
	require.True(t, session.HttpOnly)
	require.Equal(t, http.SameSiteStrictMode, session.SameSite)
	require.NotContains(t, session.Value, demoPassword)
}

// grep returns the lines of s that contain word.
func grep(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// A form without the session's token changes nothing.
func TestCSRFTokenRequired(t *testing.T) {
	a := newTestApp(t)
	sabrina := a.login(t, "sabrina")
	code, _ := sabrina.postForm("/staff/work/W-6/release", url.Values{}, "-")
	require.Equal(t, http.StatusForbidden, code)
	code, _ = sabrina.postForm("/staff/work/W-6/release", url.Values{}, strings.Repeat("0", 32))
	require.Equal(t, http.StatusForbidden, code)
	e, err := a.server.work.Entry(context.Background(), "W-6")
	require.NoError(t, err)
	require.Equal(t, billing.Recorded, e.State)
}

// Tom reports an incident with a screenshot: the ticket is his, the
// screenshot downloads as he sent it, and nobody of another customer can
// fetch it, by the ticket's address or by the reference alone.
func TestNewIncidentWithScreenshot(t *testing.T) {
	a := newTestApp(t)
	tom := a.login(t, "tom")
	png := screenshot(t)
	code, loc := tom.postFile("/tickets", map[string]string{"subject": "Kasse Siegen startet nicht", "description": "Fehler 0x80"}, "fehler.png", png)
	require.Equal(t, http.StatusSeeOther, code)
	require.Regexp(t, `^/tickets/\d+$`, loc)

	var tk ticketView
	require.Equal(t, http.StatusOK, tom.getJSON("/api"+loc, &tk))
	require.Equal(t, "incident", tk.Kind)
	require.Equal(t, "portal", tk.Channel)
	require.Equal(t, "tom", tk.ReportedBy)
	require.Len(t, tk.Attachments, 1)
	require.Equal(t, "image/png", tk.Attachments[0].ContentType)
	require.EqualValues(t, len(png), tk.Attachments[0].Size)

	code, body := tom.get(tk.Attachments[0].URL)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, string(png), body)

	lars := a.login(t, "lars")
	code, _ = lars.get(tk.Attachments[0].URL)
	require.Equal(t, http.StatusForbidden, code)
	// The reference on a ticket Lars may see opens nothing either.
	ref := tk.Attachments[0].URL[strings.LastIndex(tk.Attachments[0].URL, "/")+1:]
	code, _ = lars.get("/tickets/6/files/" + ref)
	require.Equal(t, http.StatusForbidden, code)

	// Anna sees all of her customer's tickets, and comments with a file.
	anna := a.login(t, "anna")
	code, _ = anna.postFile(loc+"/comments", map[string]string{"body": "Betrifft auch Rheda"}, "notiz.txt", []byte("Kasse 2 ebenso\n"))
	require.Equal(t, http.StatusSeeOther, code)
	require.Equal(t, http.StatusOK, tom.getJSON("/api"+loc, &tk))
	require.Len(t, tk.Comments, 1)
	require.Equal(t, "anna", tk.Comments[0].By)
	require.Equal(t, "text/plain; charset=utf-8", tk.Comments[0].Attachments[0].ContentType)
}

// Uploads are limited by type (sniffed from the bytes, not the name) and
// by size; a refused upload opens no ticket.
func TestUploadLimits(t *testing.T) {
	a := newTestApp(t)
	tom := a.login(t, "tom")
	var before []ticketView
	require.Equal(t, http.StatusOK, tom.getJSON("/api/tickets", &before))
	cases := []struct {
		name string
		file string
		data []byte
		code int
	}{
		{"html_named_png_is_refused", "x.png", []byte("<html><script>alert(1)</script></html>"), http.StatusBadRequest},
		{"executable_is_refused", "setup.exe", append([]byte("MZ\x90\x00\x03"), make([]byte, 64)...), http.StatusBadRequest},
		{"over_4_MiB_is_refused", "big.txt", bytes.Repeat([]byte("a"), maxUpload+1), http.StatusRequestEntityTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tom.t = t
			code, _ := tom.postFile("/tickets", map[string]string{"subject": "Test"}, tc.file, tc.data)
			require.Equal(t, tc.code, code)
		})
	}
	tom.t = t
	var after []ticketView
	require.Equal(t, http.StatusOK, tom.getJSON("/api/tickets", &after))
	require.Equal(t, len(before), len(after))
}

// A contact asks to see a credential, staff approve it for an hour, the
// contact reveals it; every step is in the access log the contact sees,
// and the password appears in no log line and no URL.
func TestCredentialRequestApproveReveal(t *testing.T) {
	a := newTestApp(t)
	anna, sabrina, tom, lars := a.login(t, "anna"), a.login(t, "sabrina"), a.login(t, "tom"), a.login(t, "lars")
	const secret = "Lancom-Wdf-2026!"

	code, _ := lars.postForm("/credentials/C-fw-wdf/requests", url.Values{"reason": {"neugierig"}}, "")
	require.Equal(t, http.StatusForbidden, code, "another customer's credential")
	code, _ = tom.postForm("/credentials/C-fw-wdf/requests", url.Values{"reason": {"Port freigeben"}}, "")
	require.Equal(t, http.StatusForbidden, code, "level report may not ask")
	code, _ = anna.postForm("/credentials/C-fw-wdf/reveal", url.Values{"reason": {"VPN einrichten"}}, "")
	require.Equal(t, http.StatusForbidden, code, "no approved request yet")

	code, _ = anna.postForm("/credentials/C-fw-wdf/requests", url.Values{"reason": {"VPN einrichten"}}, "")
	require.Equal(t, http.StatusSeeOther, code)
	var page staffPage
	require.Equal(t, http.StatusOK, sabrina.getJSON("/api/staff", &page))
	require.Len(t, page.Requests, 1)
	req := page.Requests[0]
	require.Equal(t, "anna", req.Contact)
	require.Equal(t, "pending", req.Status)

	code, _ = anna.postForm("/staff/requests/"+req.ID, url.Values{"decision": {"approve"}, "hours": {"1"}, "reason": {"ok"}}, "")
	require.Equal(t, http.StatusForbidden, code, "a contact approving")
	code, _ = sabrina.postForm("/staff/requests/"+req.ID, url.Values{"decision": {"approve"}, "hours": {"1"}, "reason": {"Kunde richtet VPN ein"}}, "")
	require.Equal(t, http.StatusSeeOther, code)

	var creds credentialsPage
	require.Equal(t, http.StatusOK, anna.getJSON("/api/credentials", &creds))
	for _, c := range creds.Credentials {
		if c.ID == "C-fw-wdf" {
			require.Equal(t, "approved", c.Access)
			require.WithinDuration(t, c.Requests[0].DecidedAt.Add(time.Hour), c.Requests[0].Expires, 0)
		}
	}
	code, body := anna.postForm("/credentials/C-fw-wdf/reveal", url.Values{"reason": {"VPN einrichten"}}, "")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, secret)
	code, _ = anna.postForm("/credentials/C-datev/reveal", url.Values{"reason": {"Belege"}}, "")
	require.Equal(t, http.StatusForbidden, code, "the approval is for one credential")

	require.Equal(t, http.StatusOK, anna.getJSON("/api/credentials", &creds))
	var actions []string
	for _, e := range creds.Log {
		if e.Actor == "anna" || e.Actor == "sabrina" {
			actions = append(actions, e.Actor+" "+e.Action+" "+e.Credential+map[bool]string{true: " refused", false: ""}[e.Denied])
		}
	}
	// Newest first.
	require.Equal(t, []string{
		"anna reveal C-datev refused", "anna reveal C-fw-wdf", "sabrina approve C-fw-wdf",
		"anna request C-fw-wdf", "anna reveal C-fw-wdf refused"}, actions)
	require.NotContains(t, a.log.String(), secret)
	require.NotContains(t, a.log.String(), "VPN einrichten")
}

// Releasing a work entry in the staff view moves it onto the customer's
// contract page, and only staff may release.
func TestReleaseWork(t *testing.T) {
	a := newTestApp(t)
	anna, sabrina := a.login(t, "anna"), a.login(t, "sabrina")
	code, _ := anna.postForm("/staff/work/W-6/release", url.Values{}, "")
	require.Equal(t, http.StatusForbidden, code)

	var before contractView
	require.Equal(t, http.StatusOK, anna.getJSON("/api/contract", &before))
	for _, e := range before.Released {
		require.NotEqual(t, "W-6", e.ID)
	}
	code, _ = sabrina.postForm("/staff/work/W-6/release", url.Values{}, "")
	require.Equal(t, http.StatusSeeOther, code)
	var after contractView
	require.Equal(t, http.StatusOK, anna.getJSON("/api/contract", &after))
	require.Len(t, after.Released, len(before.Released)+1)
	require.Equal(t, "W-6", after.Released[len(after.Released)-1].ID)
	require.Equal(t, "45m", after.Released[len(after.Released)-1].Worked)
	// Released work is on the ledger at once: 45 minutes of
	// administration, three units of 15 minutes, off today's balance;
	// it is no longer pending.
	require.Equal(t, "45m", before.Pending)
	require.Equal(t, hoursOf(t, before.Balance)-45*time.Minute, hoursOf(t, after.Balance))
	require.Empty(t, after.Pending)

	code, _ = sabrina.postForm("/staff/work/W-6/release", url.Values{}, "")
	require.Equal(t, http.StatusConflict, code, "released twice")
}

// Work the quota refuses (no hours left, no overdraft agreement) is
// released all the same: the staff page says so, with the reason, instead
// of an error page, and the entry leaves the list of work to release.
func TestReleaseHeldForOverdraft(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	today := dateOf(a.server.today())
	// Autohaus Hansen gets a quota of 1h a month without overdraft.
	_, err := a.server.ledger.Open(ctx, quota.Contract{ID: "K-hansen", CustomerID: "hansen", Start: today,
		Terms: []quota.Terms{{From: quota.PeriodOf(today), Hours: time.Hour, Price: decimal.RequireFromString("95.00"), OverageRate: decimal.RequireFromString("95.00")}}})
	require.NoError(t, err)
	c, err := a.server.work.Contract(ctx, "hansen")
	require.NoError(t, err)
	c.Type, c.QuotaContractID = billing.ContractQuota, "K-hansen"
	require.NoError(t, a.server.biller.PutContract(ctx, c))
	for id, worked := range map[string]time.Duration{"W-fits": time.Hour, "W-over": 30 * time.Minute} {
		_, err = a.server.biller.Record(ctx, billing.WorkEntry{ID: id, CustomerID: "hansen", TicketID: "T-" + id, Technician: "max",
			Date: today, Duration: worked, Activity: billing.ActivityAdministration, Description: "Firewall-Regeln gepflegt"})
		require.NoError(t, err)
	}
	sabrina := a.login(t, "sabrina")
	for _, tt := range []struct {
		entry, redirect, says string
	}{
		{"W-fits", "/staff", ""},
		{"W-over", "/staff?held=W-over&why=overdraft", "Entry W-over is released. Its hours are not on the quota balance: the quota has no hours left"},
	} {
		code, loc := sabrina.postForm("/staff/work/"+tt.entry+"/release", url.Values{}, "")
		require.Equal(t, http.StatusSeeOther, code, tt.entry)
		require.Equal(t, tt.redirect, loc, tt.entry)
		e, err := a.server.work.Entry(ctx, tt.entry)
		require.NoError(t, err)
		require.Equal(t, billing.Released, e.State, tt.entry)
		code, body := sabrina.get(loc)
		require.Equal(t, http.StatusOK, code)
		if tt.says != "" {
			require.Contains(t, body, tt.says)
		}
		require.NotContains(t, body, "<td>"+tt.entry+"</td>", "still listed to release")
	}
	bal, err := a.server.ledger.Balance(ctx, "K-hansen", today)
	require.NoError(t, err)
	require.Equal(t, time.Duration(0), bal, "the hour that fitted is booked, the half hour beyond is not")
	// A link naming an entry that is not released shows no notice.
	_, body := sabrina.get("/staff?held=W-6&why=overdraft")
	require.NotContains(t, body, "is released")
}

// hoursOf reads hours as the API writes them.
func hoursOf(t testing.TB, s string) time.Duration {
	d, err := time.ParseDuration(s)
	require.NoError(t, err, s)
	return d
}

// The contract page's balance is the ledger's today: June's 10h less 4h30m
// of billable work, July's 10h, and the 1h30m credited in July after the
// complaint: 17h; June's statement lists its movements.
func TestContractBalanceAndStatement(t *testing.T) {
	a := newTestApp(t)
	anna := a.login(t, "anna")
	var v contractView
	require.Equal(t, http.StatusOK, anna.getJSON("/api/contract", &v))
	june := 10*time.Hour - (4*time.Hour + 30*time.Minute)
	require.Equal(t, quota.FormatHours(june+10*time.Hour+90*time.Minute), v.Balance)
	require.Equal(t, "10h", v.HoursPerMonth)
	require.Equal(t, moneyView{Amount: "950.00", Currency: "EUR"}, *v.Price)

	require.Equal(t, http.StatusOK, anna.getJSON("/api/contract?period=2026-06", &v))
	require.True(t, v.Closed)
	require.Equal(t, quota.FormatHours(june), v.Closing)
	require.Equal(t, "allotment", v.Movements[0].Kind)
	require.Equal(t, "+10h", v.Movements[0].Hours)

	code, _ := anna.get("/contract?period=2019-01")
	require.Equal(t, http.StatusBadRequest, code)
}

// The statistics count the customer's tickets by kind and measure the
// incident's response against its 4-hour target.
func TestStatistics(t *testing.T) {
	a := newTestApp(t)
	anna := a.login(t, "anna")
	var v statsView
	require.Equal(t, http.StatusOK, anna.getJSON("/api/statistics", &v))
	require.Equal(t, 5, v.Total)
	byKind := map[string]int{}
	for _, c := range v.ByKind {
		byKind[c.Label] = c.Count
	}
	require.Equal(t, map[string]int{"incident": 2, "service-request": 1, "monitoring-alert": 1, "maintenance": 1}, byKind)
	require.Equal(t, []countView{{"2026-06", 5}}, v.ByMonth)
	code, page := anna.get("/statistics")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, page, "<svg")
}

// The report history lists June's report with its money as decimal
// strings, and the download is package document's rendering: HTML in
// German with the customer's name, and the same as PDF.
func TestServiceReports(t *testing.T) {
	a := newTestApp(t)
	anna := a.login(t, "anna")
	var v []reportView
	require.Equal(t, http.StatusOK, anna.getJSON("/api/reports", &v))
	require.Len(t, v, 1)
	require.Equal(t, juneReport, v[0].ID)
	require.Equal(t, moneyView{Amount: "53.55", Currency: "EUR"}, v[0].Gross)
	code, body := anna.get(v[0].HTML)
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, `<html lang="de">`)
	require.Contains(t, body, "<h1>Leistungsübersicht</h1>")
	require.Contains(t, body, "<td>"+juneReport+"</td>")
	require.Contains(t, body, "Möbel Kruse GmbH")
	require.Contains(t, body, "53,55\u00a0€")
	code, body = anna.get(strings.TrimSuffix(v[0].HTML, "/html") + "/pdf")
	require.Equal(t, http.StatusOK, code)
	require.True(t, strings.HasPrefix(body, "%PDF-"), "not a PDF: %.20q", body)
}

// Assets show warranty and licence ends with the days left on the day the
// page is shown.
func TestAssets(t *testing.T) {
	a := newTestApp(t)
	anna := a.login(t, "anna")
	var v []assetView
	require.Equal(t, http.StatusOK, anna.getJSON("/api/assets", &v))
	byID := map[string]assetView{}
	for _, x := range v {
		byID[x.ID] = x
	}
	require.Len(t, byID, 3)
	fw := byID["fw-wdf"]
	require.Equal(t, "2026-07-20", fw.WarrantyEnd.String())
	today := dateOf(a.server.today())
	require.Equal(t, int(*fw.WarrantyEnd-today), *fw.WarrantyDaysLeft)
	require.Equal(t, "2027-01-31", byID["m365"].LicenceExpires.String())
}

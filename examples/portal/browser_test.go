package main

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdbrowser "github.com/chromedp/cdproto/browser"
	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// chromiumPath finds a Chromium or Chrome: $DESKCORE_CHROMIUM, or the
// first of Debian's chromium and its usual other names on the PATH.
func chromiumPath() string {
	if p := os.Getenv("DESKCORE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a headless Chromium for one test, with the directory its
// screenshots go to.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string
}

// newBrowser starts Chromium, or skips the test when there is none. As
// root (CI runs as root) Chromium needs --no-sandbox.
func newBrowser(t *testing.T, base string) *browser {
	path := chromiumPath()
	if path == "" {
		t.Skip("no Chromium found: install Debian's chromium (apt-get install chromium) or set DESKCORE_CHROMIUM to run the browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.DisableGPU,
		chromedp.WindowSize(1200, 860))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx), "starting %s", path)

	shots := os.Getenv("DESKCORE_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(os.TempDir(), "deskcore-portal-screenshots")
	}
	require.NoError(t, os.MkdirAll(shots, 0o755))
	t.Logf("screenshots in %s", shots)
	return &browser{t: t, ctx: ctx, base: base, shots: shots}
}

// tab is one user's window: a browser context of its own, so that every
// user has their own cookies.
type tab struct {
	b   *browser
	ctx context.Context
}

// as opens a tab and logs user in through the form.
func (b *browser) as(user string) *tab {
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	// The first action makes the tab, which lives as long as the context
	// of that call: so no timeout on it.
	require.NoError(b.t, chromedp.Do(ctx))
	tb := &tab{b: b, ctx: ctx}
	tb.open("/login")
	tb.do(chromedp.SendKeys(`input[name=login]`, user), chromedp.SendKeys(`input[name=password]`, demoPassword))
	tb.submit(`form button`)
	require.Contains(b.t, tb.text("header .who"), "Log out", "%s is logged in", user)
	return tb
}

func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	require.NoError(tb.b.t, chromedp.Do(ctx, steps...))
}

// open loads a page of the portal.
func (tb *tab) open(path string) { tb.b.t.Helper(); tb.do(chromedp.Navigate(tb.b.base + path)) }

// submit clicks a form's button and waits for the next page.
func (tb *tab) submit(sel string) {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(cdpage.LoadEventFired, nil, chromedp.Click(sel)))
	require.NoError(tb.b.t, err)
}

// text is the visible text of the first element sel matches.
func (tb *tab) text(sel string) string {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	require.NoError(tb.b.t, err)
	return s
}

// location is the page's path and query.
func (tb *tab) location() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(tb.b.t, err)
	u, err := url.Parse(loc)
	require.NoError(tb.b.t, err)
	return u.RequestURI()
}

// downloadPDF clicks the link sel and waits for the browser to save the
// PDF it leads to, in a directory of the test's.
func (tb *tab) downloadPDF(sel string) {
	tb.b.t.Helper()
	dir := tb.b.t.TempDir()
	_, err := chromedp.CallBrowser(tb.ctx, cdbrowser.SetDownloadBehavior, cdbrowser.SetDownloadBehaviorParams{
		Behavior: cdbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		BrowserContextID: chromedp.FromContext(tb.ctx).BrowserContextID})
	require.NoError(tb.b.t, err)
	tb.do(chromedp.Click(sel))
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		if len(files) == 1 {
			data, err := os.ReadFile(files[0])
			require.NoError(tb.b.t, err)
			if len(data) > 5 {
				require.Equal(tb.b.t, "%PDF-", string(data[:5]))
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.b.t.Fatalf("no PDF downloaded from %s", sel)
}

// shot writes a screenshot of the whole page as name.png.
func (tb *tab) shot(name string) {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(tb.b.t, err)
	require.NoError(tb.b.t, os.WriteFile(filepath.Join(tb.b.shots, name+".png"), png, 0o644))
}

// One pass through the portal in a real browser, as each demo level: Tom
// reports an incident with a screenshot, Anna sees the contract, the
// statistics and the service report and asks for a credential, Sabrina
// approves it and releases work, Anna sees the released work and reveals
// the credential, and the access log shows it; Lars, of another customer,
// reaches none of it by URL.
func TestBrowser(t *testing.T) {
	a := newTestApp(t)
	b := newBrowser(t, a.url)

	// Tom, level report: an incident with a screenshot.
	tom := b.as("tom")
	tom.shot("01-tickets-tom")
	tom.open("/tickets/new")
	file := filepath.Join(t.TempDir(), "fehler.png")
	require.NoError(t, os.WriteFile(file, screenshot(t), 0o600))
	tom.do(chromedp.SendKeys(`input[name=subject]`, "Kassendrucker Siegen druckt nicht"),
		chromedp.SendKeys(`textarea[name=description]`, "Seit dem Update bleibt der Bon leer."),
		chromedp.SetUploadFiles(`input[name=file]`, []string{file}))
	tom.shot("02-new-incident")
	tom.submit(`main form button`)
	incident := tom.location()
	require.Regexp(t, `^/tickets/\d+$`, incident)
	require.Contains(t, tom.text("main .files"), "fehler.png")
	tom.shot("03-ticket-with-screenshot")
	tom.open("/contract")
	require.Contains(t, tom.text("main"), "You have no access to this.")

	// Anna, level extended.
	anna := b.as("anna")
	anna.open(incident)
	require.Contains(t, anna.text("main h2"), "Kassendrucker Siegen")
	anna.open("/contract")
	require.NotContains(t, anna.text("main"), "Dienst-Neustart", "July's work is not released yet")
	balanceBefore := anna.text(".tile strong")
	anna.shot("04-contract")
	anna.open("/statistics")
	anna.shot("05-statistics")
	anna.open("/reports")
	anna.shot("06-reports")
	anna.downloadPDF(`main table a.pdf`)
	anna.submit(`main table a[href$="/html"]`)
	require.Contains(t, anna.text("h1"), "Leistungsübersicht")
	require.Contains(t, anna.text("table.fields"), "SR/2026-06/kruse")
	anna.shot("06b-report-html")
	anna.open("/assets")
	anna.shot("07-assets")
	anna.open("/credentials")
	anna.do(chromedp.SendKeys(`form[action="/credentials/C-fw-wdf/requests"] input[name=reason]`, "VPN für Homeoffice einrichten"))
	anna.submit(`form[action="/credentials/C-fw-wdf/requests"] button`)
	require.Contains(t, anna.text("#cred-C-fw-wdf"), "pending")

	// Sabrina, staff: approve for four hours, release July's work.
	sabrina := b.as("sabrina")
	sabrina.open("/staff")
	sabrina.shot("08-staff")
	require.Contains(t, sabrina.text("main table"), "anna")
	sabrina.do(chromedp.SetValue(`main table select[name=hours]`, "4"))
	sabrina.submit(`main table button[value=approve]`)
	require.Contains(t, sabrina.text("main table"), "No request waits")
	sabrina.submit(`form[action="/staff/work/W-6/release"] button`)
	require.Contains(t, sabrina.text("main"), "All recorded work is released")

	// Anna again: the released work, and the password.
	anna.open("/contract")
	require.Contains(t, anna.text("main"), "Dienst-Neustart")
	// The 45 minutes released are off the balance at once.
	before, err := time.ParseDuration(balanceBefore)
	require.NoError(t, err)
	require.Equal(t, quota.FormatHours(before-45*time.Minute), anna.text(".tile strong"))
	anna.shot("04b-contract-after-release")
	anna.open("/credentials")
	require.Contains(t, anna.text("#cred-C-fw-wdf"), "approved")
	anna.do(chromedp.SendKeys(`form[action="/credentials/C-fw-wdf/reveal"] input[name=reason]`, "VPN einrichten"))
	anna.submit(`form[action="/credentials/C-fw-wdf/reveal"] button`)
	require.Contains(t, anna.text("code.secret"), "Lancom-Wdf-2026!")
	require.Equal(t, "/credentials/C-fw-wdf/reveal", anna.location(), "the password is the answer to a POST, in no URL")
	anna.shot("09-reveal")
	anna.open("/credentials")
	log := anna.text("main table")
	require.Contains(t, log, "reveal")
	require.Contains(t, log, "approve")
	anna.shot("10-credentials-log")

	// Lars, another customer's contact, tries Möbel Kruse's addresses.
	lars := b.as("lars")
	lars.shot("11-tickets-other-customer")
	for _, path := range []string{incident, "/tickets/1", "/reports/" + url.PathEscape(juneReport) + "/html",
		"/api/tickets/1", "/contract?customer=kruse"} {
		lars.open(path)
		body := lars.text("body")
		require.NotContains(t, body, "Kruse", path)
		require.NotContains(t, body, "Warenwirtschaft", path)
	}
	lars.open("/tickets/1")
	require.Contains(t, lars.text("main"), "You have no access to this.")
	require.False(t, strings.Contains(lars.text("main"), "Kassendrucker"))
}

package main

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/deskcore/deskcore/ticket"
)

// pageData is what every page template gets: the user, the session's CSRF
// token for its forms, the navigation the user's level allows, and the
// page's own data.
type pageData struct {
	User  User
	CSRF  string
	Nav   []navItem
	Title string
	Page  any
}

// navItem is one link of the navigation.
type navItem struct {
	Href, Label string
	Current     bool
}

// titles are the pages' headings.
var titles = map[string]string{
	"tickets": "Tickets", "ticket": "Ticket", "newticket": "Report an incident", "contract": "Contract status",
	"statistics": "Statistics", "reports": "Service reports", "assets": "Assets",
	"credentials": "Credentials", "reveal": "Credential", "staff": "Staff: approvals and release",
	"error": "Sorry", "login": "Log in",
}

// parsePages parses each page with the layout. Instants show in loc, the
// provider's zone: a store hands them back in UTC.
func parsePages(loc *time.Location) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"stamp": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format("02 Jan 2006 15:04")
		},
		"pathEscape": url.PathEscape,
		"kb":         func(n int64) string { return fmt.Sprintf("%.0f KB", float64(n)/1024+0.5) },
		"add":        func(a, b int) int { return a + b },
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, err
		}
		pages[name] = t
	}
	return pages, nil
}

// render writes page name for u. It renders into a buffer first, so that
// a template error becomes a 500 and not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, u User, name string, page any) error {
	csrf, _ := r.Context().Value(csrfKey{}).(string)
	d := pageData{User: u, CSRF: csrf, Nav: s.nav(r, u), Title: titles[name], Page: page}
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout.html", d); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err := buf.WriteTo(w)
	return err
}

// nav is the navigation u's level allows: a link appears only where the
// page would let u in.
func (s *Server) nav(r *http.Request, u User) []navItem {
	if u.ID == "" {
		return nil
	}
	items := []struct {
		href, label string
		perm        ticket.Permission
	}{
		{"/tickets", "Tickets", ticket.ViewTicket},
		{"/contract", "Contract", ticket.ViewContract},
		{"/statistics", "Statistics", ticket.ViewStatistics},
		{"/reports", "Service reports", ticket.ViewServiceReports},
		{"/assets", "Assets", ticket.ViewContract},
		{"/credentials", "Credentials", ticket.RequestCredentials},
	}
	var out []navItem
	for _, it := range items {
		if u.Staff || s.allow(u, it.perm, u.Contact.CustomerID) == nil {
			out = append(out, navItem{Href: it.href, Label: it.label, Current: strings.HasPrefix(r.URL.Path, it.href)})
		}
	}
	if u.Staff {
		out = append(out, navItem{Href: "/staff", Label: "Approvals", Current: r.URL.Path == "/staff"})
	}
	return out
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	if _, err := s.sessionOf(r); err != nil {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/tickets", http.StatusSeeOther)
}

func (s *Server) style(w http.ResponseWriter, _ *http.Request) {
	css, _ := templateFS.ReadFile("templates/style.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=300")
	_, _ = w.Write(css)
}

// loginForm shows the login form with a fresh token in a cookie and a
// hidden field: a form posted from another site carries neither.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.showLogin(w, r, http.StatusOK, "")
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, code int, msg string) {
	token := randomToken(16)
	http.SetCookie(w, s.cookie(loginCookie, token, s.now().Add(time.Hour)))
	var buf bytes.Buffer
	err := s.pages["login"].ExecuteTemplate(&buf, "layout.html", pageData{CSRF: token, Title: titles["login"], Page: msg})
	if err != nil {
		s.log.Error("login page", "err", err)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = buf.WriteTo(w)
}

// login checks the form's token and the credentials with the Directory
// and starts a session. A wrong login or password gets one message.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	c, err := r.Cookie(loginCookie)
	if err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		s.showLogin(w, r, http.StatusForbidden, "The form had expired. Please log in again.")
		return
	}
	u, err := s.users.Authenticate(r.Context(), r.PostFormValue("login"), r.PostFormValue("password"))
	if err != nil {
		s.showLogin(w, r, http.StatusUnauthorized, "Unknown login or wrong password.")
		return
	}
	http.SetCookie(w, s.cookie(loginCookie, "", time.Time{}))
	s.StartSession(w, u.ID)
	if info, ok := r.Context().Value(logKey{}).(*logInfo); ok {
		info.user = u.ID
	}
	http.Redirect(w, r, "/tickets", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, _ User) error {
	http.SetCookie(w, s.cookie(sessionCookie, "", time.Time{}))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// meView is who the API's caller is and what they may see.
type meView struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Staff    bool     `json:"staff"`
	Customer string   `json:"customer,omitempty"`
	Level    string   `json:"level,omitempty"`
	Pages    []string `json:"pages"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request, u User) error {
	v := meView{ID: u.ID, Name: u.Name, Staff: u.Staff, Pages: []string{}}
	if !u.Staff {
		v.Customer, v.Level = u.Contact.CustomerID, u.Contact.Level.String()
	}
	for _, n := range s.nav(r, u) {
		v.Pages = append(v.Pages, n.Href)
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

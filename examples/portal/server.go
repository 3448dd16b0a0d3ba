package main

import (
	"cmp"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

//go:embed templates/*.html templates/style.css
var templateFS embed.FS

// Config is what a Server is built from.
type Config struct {
	DB         *sqlstore.DB
	Users      Directory          // the host's users; newDemoDirectory for the demo
	Desk       ticket.Directory   // contacts by e-mail and who is told, for the ticket desk
	Agreements ticket.Agreements  // response and resolution targets, for the statistics
	Calendar   *sla.Calendar      // the provider's calendar: its zone is the portal's
	Sealer     asset.Sealer       // opens stored credentials
	Files      *Files             // where uploads are kept
	SessionKey []byte             // at least 32 random bytes; signs the session cookie
	Secure     bool               // cookies only over HTTPS (set it behind TLS)
	Provider   document.Provider  // the letterhead of service reports
	Names      document.Directory // names for IDs on documents; nil shows IDs
	Now        func() time.Time   // the clock; nil means time.Now
	Log        *slog.Logger       // request log without secrets; nil discards
}

// Server is the customer portal: pages and a JSON API over the library's
// services, with every access checked on the server.
type Server struct {
	users      Directory
	desk       *ticket.Desk
	tickets    *sqlstore.TicketStore
	ledger     *quota.Ledger
	biller     *billing.Biller
	work       *sqlstore.BillingStore
	inventory  *asset.Inventory
	vault      *asset.Vault
	access     ticket.AccessPolicy
	agreements ticket.Agreements
	loc        *time.Location
	provider   document.Provider
	names      document.Directory
	files      *Files
	key        []byte
	secure     bool
	now        func() time.Time
	log        *slog.Logger
	pages      map[string]*template.Template
	mux        *http.ServeMux
}

// NewServer builds the portal's handler from cfg.
func NewServer(cfg Config) (*Server, error) {
	if len(cfg.SessionKey) < 32 {
		return nil, errors.New("portal: the session key needs at least 32 bytes")
	}
	if cfg.DB == nil || cfg.Users == nil || cfg.Desk == nil || cfg.Calendar == nil || cfg.Sealer == nil || cfg.Files == nil {
		return nil, errors.New("portal: DB, Users, Desk, Calendar, Sealer and Files are required")
	}
	s := &Server{users: cfg.Users, tickets: cfg.DB.Tickets(), work: cfg.DB.Billing(),
		agreements: cfg.Agreements, provider: cfg.Provider, names: cfg.Names,
		loc: cfg.Calendar.Location(), files: cfg.Files, key: cfg.SessionKey, secure: cfg.Secure,
		now: cfg.Now, log: cfg.Log}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	var err error
	if s.ledger, err = quota.NewLedger(cfg.DB.Quota(), quota.Config{}); err != nil {
		return nil, err
	}
	if s.desk, err = ticket.NewDesk(cfg.DB.Tickets(), cfg.Desk, ticket.Config{}); err != nil {
		return nil, err
	}
	if s.biller, err = billing.NewBiller(cfg.DB.Billing(), cfg.DB.Quota(), billing.BillerConfig{}); err != nil {
		return nil, err
	}
	if s.inventory, err = asset.NewInventory(cfg.DB.Assets(), asset.InventoryConfig{}); err != nil {
		return nil, err
	}
	if s.vault, err = asset.NewVault(cfg.DB.Assets(), cfg.Sealer, asset.VaultConfig{}); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(s.loc); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// routes registers every page, download and API call. Each handler that
// shows data is wrapped in s.auth, which finds the session's user, and
// checks access itself before reading anything.
func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("GET /style.css", s.style)
	m.HandleFunc("GET /login", s.loginForm)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("POST /logout", s.auth(s.logout))

	m.HandleFunc("GET /tickets", s.auth(s.ticketList))
	m.HandleFunc("GET /tickets/new", s.auth(s.ticketForm))
	m.HandleFunc("POST /tickets", s.auth(s.ticketCreate))
	m.HandleFunc("GET /tickets/{n}", s.auth(s.ticketDetail))
	m.HandleFunc("POST /tickets/{n}/comments", s.auth(s.ticketComment))
	m.HandleFunc("GET /tickets/{n}/files/{ref}", s.auth(s.ticketFile))
	m.HandleFunc("GET /contract", s.auth(page(s, "contract", s.contractData)))
	m.HandleFunc("GET /statistics", s.auth(page(s, "statistics", s.statsData)))
	m.HandleFunc("GET /reports", s.auth(page(s, "reports", s.reportsData)))
	m.HandleFunc("GET /reports/{id}/{format}", s.auth(s.reportDownload))
	m.HandleFunc("GET /assets", s.auth(page(s, "assets", s.assetsData)))
	m.HandleFunc("GET /credentials", s.auth(page(s, "credentials", s.credentialsData)))
	m.HandleFunc("POST /credentials/{id}/requests", s.auth(s.credentialRequest))
	m.HandleFunc("POST /credentials/{id}/reveal", s.auth(s.credentialReveal))
	m.HandleFunc("GET /staff", s.auth(page(s, "staff", s.staffData)))
	m.HandleFunc("POST /staff/requests/{id}", s.auth(s.staffDecide))
	m.HandleFunc("POST /staff/work/{id}/release", s.auth(s.staffRelease))

	m.HandleFunc("GET /api/me", s.auth(s.apiMe))
	m.HandleFunc("GET /api/tickets", s.auth(api(s.ticketsData)))
	m.HandleFunc("GET /api/tickets/{n}", s.auth(s.apiTicket))
	m.HandleFunc("GET /api/contract", s.auth(api(s.contractData)))
	m.HandleFunc("GET /api/statistics", s.auth(api(s.statsData)))
	m.HandleFunc("GET /api/reports", s.auth(api(s.reportsData)))
	m.HandleFunc("GET /api/assets", s.auth(api(s.assetsData)))
	m.HandleFunc("GET /api/credentials", s.auth(api(s.credentialsData)))
	m.HandleFunc("GET /api/staff", s.auth(api(s.staffData)))
	s.mux = m
}

// ServeHTTP implements http.Handler: security headers, then the route,
// then one log line (method, path pattern, status, user; never a query,
// a form or a cookie).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store")
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	ctx := context.WithValue(r.Context(), logKey{}, &logInfo{})
	s.mux.ServeHTTP(rec, r.WithContext(ctx))
	info := ctx.Value(logKey{}).(*logInfo)
	_, pattern := s.mux.Handler(r)
	s.log.Info("request", "method", r.Method, "route", pattern, "status", rec.status, "user", info.user)
}

type logKey struct{}

// logInfo is what a handler adds to the request's log line.
type logInfo struct{ user string }

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// handler is a page or API call for a logged-in user.
type handler func(w http.ResponseWriter, r *http.Request, u User) error

// loader reads what a page shows, after checking that u may see it.
type loader[V any] func(r *http.Request, u User) (V, error)

// page shows what load reads with template name.
func page[V any](s *Server, name string, load loader[V]) handler {
	return func(w http.ResponseWriter, r *http.Request, u User) error {
		v, err := load(r, u)
		if err != nil {
			return err
		}
		return s.render(w, r, u, name, v)
	}
}

// api answers what load reads as JSON: the page's data in the designed
// JSON form.
func api[V any](load loader[V]) handler {
	return func(w http.ResponseWriter, r *http.Request, u User) error {
		v, err := load(r, u)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, v)
		return nil
	}
}

// auth finds the session's user and runs h; without a valid session a
// page redirects to the login form and an API call answers 401. On a POST
// it checks the form's CSRF token against the session's first. An error
// from h becomes the page or JSON error of its kind.
func (s *Server) auth(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		api := isAPI(r)
		ss, err := s.sessionOf(r)
		var u User
		if err == nil {
			u, err = s.users.User(r.Context(), ss.UserID)
		}
		if err != nil {
			if api {
				writeJSON(w, http.StatusUnauthorized, apiError{Error: "log in first"})
				return
			}
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		if info, ok := r.Context().Value(logKey{}).(*logInfo); ok {
			info.user = u.ID
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxUpload+64<<10)
			if !sameToken(r.PostFormValue("csrf"), ss.CSRF) {
				s.fail(w, r, u, errForbidden)
				return
			}
		}
		r = r.WithContext(context.WithValue(r.Context(), csrfKey{}, ss.CSRF))
		if err := h(w, r, u); err != nil {
			s.fail(w, r, u, err)
		}
	}
}

type csrfKey struct{}

// errForbidden and errNotFound are the portal's own refusals.
var (
	errForbidden = errors.New("forbidden")
	errNotFound  = errors.New("not found")
)

// badRequest is input the portal refuses, with a message for the user
// about their own input and the status (400 when zero).
type badRequest struct {
	msg  string
	code int
}

func (e *badRequest) Error() string { return e.msg }

// fail answers err. Every refusal looks the same, whatever was refused and
// why: 403 with a fixed text, so that a page, a JSON answer or an error
// tells another customer's contact nothing, not even whether a ticket or
// report exists (for contacts a missing one is a 403 too). Input errors
// name the field; anything else is a 500 with a fixed text, and only the
// log has the error.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, u User, err error) {
	code, msg := http.StatusInternalServerError, "Something went wrong on our side."
	var br *badRequest
	var tve *ticket.ValidationError
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, errForbidden), errors.Is(err, ticket.ErrAccessDenied), errors.Is(err, asset.ErrAccessDenied):
		code, msg = http.StatusForbidden, "You have no access to this."
	case errors.Is(err, errNotFound), errors.Is(err, ticket.ErrNotFound), errors.Is(err, asset.ErrNotFound),
		errors.Is(err, billing.ErrNotFound), errors.Is(err, quota.ErrNotFound):
		code, msg = http.StatusNotFound, "Not found."
		if !u.Staff {
			code, msg = http.StatusForbidden, "You have no access to this."
		}
	case errors.Is(err, billing.ErrLocked), errors.Is(err, billing.ErrConflict), errors.Is(err, asset.ErrConflict),
		errors.Is(err, ticket.ErrConflict), errors.Is(err, ticket.ErrIllegalTransition):
		code, msg = http.StatusConflict, "This was changed in the meantime; please reload the page."
	case errors.As(err, &mbe):
		code, msg = http.StatusRequestEntityTooLarge, fmt.Sprintf("The upload is larger than %d MiB.", maxUpload>>20)
	case errors.As(err, &br):
		code, msg = cmp.Or(br.code, http.StatusBadRequest), br.msg
	case errors.As(err, &tve):
		code, msg = http.StatusBadRequest, "Please check the form: "+tve.Error()
	default:
		s.log.Error("request failed", "route", r.Pattern, "user", u.ID, "err", err)
	}
	if isAPI(r) {
		writeJSON(w, code, apiError{Error: msg})
		return
	}
	w.WriteHeader(code)
	s.render(w, r, u, "error", struct {
		Code    int
		Message string
	}{code, msg})
}

// isAPI reports whether r is a JSON API call.
func isAPI(r *http.Request) bool { return len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/" }

// writeJSON writes v as the JSON answer with status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// apiError is the JSON form of every error.
type apiError struct {
	Error string `json:"error"`
}

// today is the portal's calendar day in the provider's zone.
func (s *Server) today() time.Time { return s.now().In(s.loc) }

package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/examples/aesgcm"
	"github.com/deskcore/deskcore/examples/sqlstore"
)

func main() {
	var opts options
	flag.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "`host:port` to listen on")
	flag.StringVar(&opts.DSN, "dsn", "", "PostgreSQL `URL` of an empty database to run on instead of a temporary SQLite file")
	flag.BoolVar(&opts.Story, "story", false, "print the quickstart's month while seeding")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, opts); err != nil {
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	Addr  string
	DSN   string
	Story bool
}

// app is a seeded portal: its server and what to close when done.
type app struct {
	server *Server
	demo   *demo
	dir    string // the temporary directory with the SQLite file and the uploads
	close  func()
}

// newApp opens the database (an SQLite file in a new temporary directory,
// or PostgreSQL at dsn), seeds the demo and builds the server with fresh
// random keys for the session cookie and the credential sealing. A host
// keeps its keys in its secret store instead.
func newApp(ctx context.Context, dsn string, story io.Writer, log *slog.Logger) (*app, error) {
	dir, err := os.MkdirTemp("", "deskcore-portal-")
	if err != nil {
		return nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	var db *sqlstore.DB
	if dsn != "" {
		db, err = sqlstore.OpenPostgres(ctx, dsn)
	} else {
		db, err = sqlstore.OpenSQLite(ctx, filepath.Join(dir, "deskcore.db"))
	}
	if err != nil {
		cleanup()
		return nil, err
	}
	closeAll := func() { db.Close(); cleanup() }
	keys := make([]byte, 64)
	if _, err := rand.Read(keys); err != nil {
		closeAll()
		return nil, err
	}
	sealer, err := aesgcm.New(aesgcm.Config{Current: aesgcm.Key{ID: "portal-1", Bytes: keys[32:]}})
	if err != nil {
		closeAll()
		return nil, err
	}
	vault, err := asset.NewVault(db.Assets(), sealer, asset.VaultConfig{})
	if err != nil {
		closeAll()
		return nil, err
	}
	d, err := seedDemo(ctx, db, vault, story)
	if err != nil {
		closeAll()
		return nil, fmt.Errorf("seeding the demo: %w", err)
	}
	files, err := NewFiles(filepath.Join(dir, "files"))
	if err != nil {
		closeAll()
		return nil, err
	}
	s, err := NewServer(Config{DB: db, Users: d.users, Desk: d.users, Agreements: d.world.Agreements,
		Calendar: d.world.Hotline, Sealer: sealer, Files: files, SessionKey: keys[:32], Log: log,
		Provider: demoProvider, Names: document.Names{Customers: d.users.customers,
			Branches: d.world.Customer.Branches, People: map[string]string{"max": "Max Weber", "eva": "Eva Schulte"}}})
	if err != nil {
		closeAll()
		return nil, err
	}
	return &app{server: s, demo: d, dir: dir, close: closeAll}, nil
}

// demoProvider is the letterhead of the demo's service reports.
var demoProvider = document.Provider{Name: "Mein Systemhaus GmbH", Address: []string{"Am Hotline-Weg 1", "48231 Warendorf"},
	Phone: "02581 0700", Email: "kundensupport@meinsystemhaus.example", Register: "Amtsgericht Münster HRB 0000",
	VATID: "DE000000000"}

// run seeds the portal, prints where it listens and the demo logins, and
// serves until ctx ends.
func run(ctx context.Context, out io.Writer, opts options) error {
	story := io.Discard
	if opts.Story {
		story = out
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	a, err := newApp(ctx, opts.DSN, story, log)
	if err != nil {
		return err
	}
	defer a.close()
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "deskcore portal on http://%s/\n\n", ln.Addr())
	fmt.Fprintf(out, "Demo logins, each with the password %q:\n", demoPassword)
	for _, u := range a.demo.users.users {
		what := "staff: approves credential requests, releases work"
		if !u.Staff {
			what = fmt.Sprintf("%s, level %s", u.CustomerName, u.Contact.Level)
		}
		fmt.Fprintf(out, "  %-8s %s\n", u.ID, what)
	}
	srv := &http.Server{Handler: a.server, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

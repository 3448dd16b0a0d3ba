package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
)

// contracts is how many contracts the tests close: enough for several
// batches and a kill midway, few enough for CI.
const contracts = 200

var march = quota.MustParsePeriod("2026-03")

// database is one fresh database for a test: its flag for the command,
// the DSN or path, and how to open it.
type database struct {
	flag, arg string
	open      func(context.Context) (*sqlstore.DB, error)
	raw       func() (*sql.DB, error)
}

func (d database) args(more ...string) []string { return append([]string{d.flag, d.arg}, more...) }

func sqliteDB(t testing.TB) database {
	path := filepath.Join(t.TempDir(), "desk.db")
	return database{
		flag: "-db", arg: "sqlite:" + path,
		open: func(ctx context.Context) (*sqlstore.DB, error) { return sqlstore.OpenSQLite(ctx, path) },
		raw:  func() (*sql.DB, error) { return sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)") },
	}
}

var schemaSeq int

// postgresDB returns a database in a schema of its own on
// DESKCORE_POSTGRES_DSN, dropped after the test, or skips the test.
func postgresDB(t testing.TB) database {
	base := os.Getenv("DESKCORE_POSTGRES_DSN")
	if base == "" {
		t.Skip("DESKCORE_POSTGRES_DSN is not set")
	}
	admin, err := sql.Open("pgx", base)
	require.NoError(t, err)
	schemaSeq++
	schema := fmt.Sprintf("billingjob_%d_%d", os.Getpid(), schemaSeq)
	_, err = admin.Exec("CREATE SCHEMA " + schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		_ = admin.Close()
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	dsn := base + sep + "search_path=" + schema
	return database{
		flag: "-dsn", arg: dsn,
		open: func(ctx context.Context) (*sqlstore.DB, error) { return sqlstore.OpenPostgres(ctx, dsn) },
		raw:  func() (*sql.DB, error) { return sql.Open("pgx", dsn) },
	}
}

func seedDB(t testing.TB, d database, n int) {
	ctx := context.Background()
	db, err := d.open(ctx)
	require.NoError(t, err)
	defer db.Close()
	ledger, err := quota.NewLedger(db.Quota(), quota.Config{})
	require.NoError(t, err)
	require.NoError(t, seed(ctx, ledger, march, n, 4))
}

// start starts the command bin with args, its output going to a file,
// not a buffer, since the test reads it while the job writes; output
// reads what it wrote so far.
func start(t *testing.T, bin string, args []string) (cmd *exec.Cmd, output func() string) {
	out, err := os.CreateTemp(t.TempDir(), "out")
	require.NoError(t, err)
	t.Cleanup(func() { _ = out.Close() })
	cmd = exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	return cmd, func() string { b, _ := os.ReadFile(out.Name()); return string(b) }
}

// closedCount is how many contracts have March closed, read in SQL
// while a job runs.
func closedCount(t testing.TB, raw *sql.DB) int {
	var n int
	require.NoError(t, raw.QueryRow("SELECT count(*) FROM quota_accounts WHERE open_period = '2026-04'").Scan(&n))
	return n
}

var summary = regexp.MustCompile(`2026-03: closed (\d+), already closed (\d+), out of term (\d+), failed (\d+)`)

// counts reads the summary line of the command's output.
func counts(t testing.TB, out string) tally {
	m := summary.FindStringSubmatch(out)
	require.NotNil(t, m, "no summary in output:\n%s", out)
	n := func(s string) int { i, _ := strconv.Atoi(s); return i }
	return tally{Closed: n(m[1]), AlreadyClosed: n(m[2]), OutOfTerm: n(m[3]), Failed: n(m[4])}
}

// checkClosedOnce asserts that every contract's March was closed exactly
// once: April open, one April allotment, a correction only for the
// overbooked third and none twice, no expiry (full rollover), the ledger
// summing to the account's balance, and the balance the demo data's usage
// leads to.
func checkClosedOnce(t *testing.T, d database, n int) {
	t.Helper()
	ctx := context.Background()
	db, err := d.open(ctx)
	require.NoError(t, err)
	defer db.Close()
	s := db.Quota()
	for i := 1; i <= n; i++ {
		id := contractID(i)
		a, err := s.Account(ctx, id)
		require.NoError(t, err, id)
		require.Equal(t, march.Next(), a.Open, "%s: open period", id)
		kinds := map[quota.Kind]int{}
		for e, err := range s.Entries(ctx, id, march, march.Next()) {
			require.NoError(t, err)
			kinds[e.Kind]++
		}
		wantCorrections := 0
		if i%3 == 2 {
			wantCorrections = 1
		}
		want := map[quota.Kind]int{quota.KindAllotment: 2, quota.KindConsumption: 3, quota.KindCorrection: wantCorrections}
		if wantCorrections == 0 {
			delete(want, quota.KindCorrection)
		}
		require.Equal(t, want, kinds, "%s: entries by kind", id)
		ledger, err := s.Balance(ctx, id, march.Next().Last())
		require.NoError(t, err)
		require.Equal(t, a.Balance(), ledger, "%s: ledger sum and account balance", id)
		wantBalance := 10 * time.Hour
		if i%3 == 0 {
			wantBalance = 16 * time.Hour
		}
		require.Equal(t, wantBalance, ledger, "%s: April balance", id)
	}
}

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// build compiles the command once for the tests that kill it.
func build(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "billingjob-test")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "billingjob")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return binary
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binary != "" {
		_ = os.RemoveAll(filepath.Dir(binary))
	}
	os.Exit(code)
}

// A job killed with SIGKILL midway leaves some contracts closed; the rerun
// closes the rest, reports the others as already closed and books nothing
// twice.
func TestKillAndRerun(t *testing.T) {
	for name, db := range map[string]func(testing.TB) database{"sqlite": sqliteDB, "postgres": postgresDB} {
		t.Run(name, func(t *testing.T) {
			d := db(t)
			bin := build(t)
			seedDB(t, d, contracts)
			raw, err := d.raw()
			require.NoError(t, err)
			defer raw.Close()

			cmd, output := start(t, bin, d.args("-period", "2026-03", "-pace", "10ms", "-batch", "10"))
			deadline := time.Now().Add(30 * time.Second)
			for closedCount(t, raw) < contracts/5 {
				require.True(t, time.Now().Before(deadline), "the job closed too little in 30s:\n%s", output())
				time.Sleep(5 * time.Millisecond)
			}
			require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
			err = cmd.Wait()
			require.Error(t, err, "the job ended before the kill:\n%s", output())
			atKill := closedCount(t, raw)
			require.Less(t, atKill, contracts, "the job finished before the kill")

			// The rerun takes the killed process's running job for
			// stuck after -rescue and works it again.
			rerun := exec.Command(bin, d.args("-period", "2026-03", "-rescue", "2s")...)
			got, err := rerun.CombinedOutput()
			require.NoError(t, err, "%s", got)
			c := counts(t, string(got))
			require.Zero(t, c.Failed)
			// Closed on the rerun: exactly those open at the kill. A
			// slice closed just before the kill, whose job River had
			// not marked completed, is worked again and reports already
			// closed.
			require.Equal(t, contracts-atKill, c.Closed, "%s", got)
			checkClosedOnce(t, d, contracts)
		})
	}
}

// Three job processes share the month on one PostgreSQL; one is killed
// with SIGKILL midway. The other two finish the month: every contract is
// closed, none twice, and the killed process's running job is taken for
// stuck and worked again by a survivor.
func TestKillOneOfThreeWorkersPostgres(t *testing.T) {
	d := postgresDB(t)
	bin := build(t)
	seedDB(t, d, contracts)
	raw, err := d.raw()
	require.NoError(t, err)
	defer raw.Close()

	type proc struct {
		cmd    *exec.Cmd
		output func() string
	}
	var procs []proc
	for range 3 {
		cmd, output := start(t, bin, d.args("-period", "2026-03", "-pace", "10ms", "-batch", "10", "-rescue", "3s"))
		procs = append(procs, proc{cmd, output})
	}
	output := func(p proc) string { return p.output() }
	deadline := time.Now().Add(60 * time.Second)
	for closedCount(t, raw) < contracts/5 {
		require.True(t, time.Now().Before(deadline), "the jobs closed too little in 60s:\n%s", output(procs[0]))
		time.Sleep(5 * time.Millisecond)
	}
	require.NoError(t, procs[0].cmd.Process.Signal(syscall.SIGKILL))
	require.Error(t, procs[0].cmd.Wait(), "the killed job ended before the kill:\n%s", output(procs[0]))
	require.Less(t, closedCount(t, raw), contracts, "the month was over before the kill")

	var survivors tally
	for _, p := range procs[1:] {
		require.NoError(t, p.cmd.Wait(), "%s", output(p))
		c := counts(t, output(p))
		require.Zero(t, c.Failed, "%s", output(p))
		survivors.Closed += c.Closed
	}
	require.Equal(t, contracts, closedCount(t, raw), "nothing lost")
	require.Positive(t, survivors.Closed)
	checkClosedOnce(t, d, contracts)
}

// Two job processes working four jobs each split the contracts: every
// contract is closed once, by one process, and none is reported already
// closed (which would mean a second worker got to it).
func TestParallelWorkersPostgres(t *testing.T) {
	d := postgresDB(t)
	seedDB(t, d, contracts)
	ctx := context.Background()
	var (
		wg   sync.WaitGroup
		outs [2]bytes.Buffer
		errs [2]error
	)
	for p := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[p] = run(ctx, d.args("-period", "2026-03", "-workers", "4", "-batch", "5"), &outs[p], &outs[p])
		}()
	}
	wg.Wait()
	var sum tally
	for p := range 2 {
		require.NoError(t, errs[p], outs[p].String())
		c := counts(t, outs[p].String())
		sum.Closed += c.Closed
		sum.AlreadyClosed += c.AlreadyClosed
		require.Zero(t, c.Failed)
	}
	require.Equal(t, contracts, sum.Closed, "closed across both processes\n%s\n%s", outs[0].String(), outs[1].String())
	require.Zero(t, sum.AlreadyClosed, "a contract reported already closed was worked by two workers")

	raw, err := d.raw()
	require.NoError(t, err)
	defer raw.Close()
	var slices, clients int
	require.NoError(t, raw.QueryRow(`SELECT count(*), count(DISTINCT attempted_by[array_length(attempted_by, 1)])
		FROM river_job WHERE kind = 'quota_close_slice' AND state = 'completed'`).Scan(&slices, &clients))
	require.Equal(t, contracts/5, slices)
	require.Greater(t, clients, 1, "the work was not split between the processes")
	checkClosedOnce(t, d, contracts)
}

// On anything but a terminal the progress is plain lines, one per tenth,
// and the summary; no carriage returns.
func TestProgressPlainLines(t *testing.T) {
	d := sqliteDB(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), d.args("-period", "2026-03", "-seed", "50"), &out, &out))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.NotContains(t, out.String(), "\r")
	require.Len(t, lines, 1+1+10+1, out.String()) // seeded, contracts, ten steps, summary
	require.Contains(t, lines[len(lines)-2], "50/50  closed 50")
	checkClosedOnce(t, d, 50)
}

// On a terminal the bar is redrawn in place.
func TestProgressBar(t *testing.T) {
	var out bytes.Buffer
	p := &progress{w: &out, terminal: true, now: time.Now}
	p.start(4, tally{})
	for i := 1; i <= 4; i++ {
		p.update(tally{Closed: i})
	}
	p.finish()
	require.True(t, strings.HasPrefix(out.String(), "\r[......"), out.String())
	require.Contains(t, out.String(), "\r[##############################] 4/4  closed 4")
	require.True(t, strings.HasSuffix(out.String(), "\n"))
}

package assettest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/internal/conformance"
)

// TestVaultStore checks an asset.VaultStore: transactions that commit or
// leave nothing, secret versions and the access log that cannot be edited,
// concurrent writers (group "store"), and asset.Vault running on it:
// access rules, logged refusals, rotation, and no plaintext in what is
// stored or returned (group "vault"). A check gets a function that makes
// new stores: most make one, the access tables one per row.
func TestVaultStore(t *testing.T, newStore func(t *testing.T) asset.VaultStore) {
	t.Helper()
	stores := func(t *testing.T) func() asset.VaultStore {
		return func() asset.VaultStore { return newStore(t) }
	}
	conformance.Run(t, stores,
		conformance.Group[func() asset.VaultStore]{Name: "store", Checks: vaultStoreChecks},
		conformance.Group[func() asset.VaultStore]{Name: "vault", Checks: vaultChecks},
	)
}

type vaultCheck = conformance.Check[func() asset.VaultStore]

// one runs a check on one new store.
func one(f func(*testing.T, asset.VaultStore)) func(*testing.T, func() asset.VaultStore) {
	return func(t *testing.T, newStore func() asset.VaultStore) { f(t, newStore()) }
}

var vaultStoreChecks = []vaultCheck{
	{Name: "transaction_commits_and_sees_its_own_writes", Run: one(vsCommit)},
	{Name: "failing_transaction_leaves_nothing", Run: one(vsRollback)},
	{Name: "secret_version_is_written_once", Run: one(vsSecretOnce)},
	{Name: "sealed_bytes_round_trip_and_are_copies", Run: one(vsSealedBytes)},
	{Name: "log_seq_is_assigned_by_the_store_and_entries_never_change", Run: one(vsLogAppendOnly)},
	{Name: "log_filter", Run: one(vsLogFilter)},
	{Name: "grants_and_requests_list_in_id_order", Run: one(vsLists)},
	{Name: "cancelled_context_writes_nothing", Run: one(vsCancelled)},
	{Name: "concurrent_creates_of_one_id_have_one_winner", Run: one(vsConcurrentCreate)},
	{Name: "concurrent_version_bumps_lose_nothing", Run: one(vsConcurrentVersions)},
	{Name: "log_reads_while_writers_append", Run: one(vsLogConcurrent)},
}

var vaultChecks = []vaultCheck{
	{Name: "stores_only_sealed_secrets", Run: one(vaultSealed)},
	{Name: "refuses_and_logs_every_denied_path", Run: vaultDenied},
	{Name: "allows_and_logs_every_granted_path", Run: vaultAllowed},
	{Name: "rotation_keeps_old_versions_sealed_and_revealable", Run: one(vaultRotation)},
	{Name: "concurrent_rotations_and_approvals", Run: one(vaultConcurrent)},
	{Name: "ciphertext_moved_to_another_credential_or_version_does_not_open", Run: one(vaultMoved)},
	{Name: "outputs_never_contain_a_secret", Run: one(vaultNoLeak)},
	{Name: "probes_with_ids_no_store_can_hold_are_refused_alike_and_logged", Run: one(vaultUnstorableProbes)},
}

func cred(id, customer string, version int) asset.Credential {
	return asset.Credential{
		ID: id, CustomerID: customer, AssetID: "fw-1", Name: "Firewall admin", Username: "root",
		URL: "https://192.168.1.1:8443", Notes: "Zugang nur aus dem Admin-VLAN.\nSiehe Ticket 4711.",
		Expires: d(2026, 12, 31), Version: version,
		CreatedAt: t0, CreatedBy: "tech-meier", UpdatedAt: t0, UpdatedBy: "tech-meier",
	}
}

func sealedSecret(id string, v int, data ...byte) asset.SealedSecret {
	return asset.SealedSecret{CredentialID: id, Version: v, Sealed: asset.Sealed{KeyID: "k1", Data: data}, CreatedAt: t0, CreatedBy: "tech-meier"}
}

func transact(t testing.TB, s asset.VaultStore, fn func(ctx context.Context, tx asset.VaultTx) error) error {
	t.Helper()
	ctx := context.Background()
	return s.Transact(ctx, func(tx asset.VaultTx) error { return fn(ctx, tx) })
}

// snapshot is everything a VaultStore shows for credential id and
// customer c1, read in one transaction.
type snapshot struct {
	Cred     asset.Credential
	CredErr  bool
	Secrets  []asset.SealedSecret
	Grants   []asset.Grant
	Requests []asset.AccessRequest
	Log      []asset.LogEntry
}

func snap(t testing.TB, s asset.VaultStore, id string) snapshot {
	t.Helper()
	var sn snapshot
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) (err error) {
		var cerr error
		sn.Cred, cerr = tx.Credential(ctx, id)
		sn.CredErr = cerr != nil
		if sn.Secrets, err = tx.Secrets(ctx, id); err != nil {
			return err
		}
		if sn.Grants, err = tx.Grants(ctx, "c1"); err != nil {
			return err
		}
		sn.Requests, err = tx.Requests(ctx, id)
		return err
	}))
	sn.Log = collect(t, s.Log(context.Background(), asset.LogFilter{}))
	return sn
}

func vsCommit(t *testing.T, s asset.VaultStore) {
	ctx := context.Background()
	c := cred("fw", "c1", 1)
	sec := sealedSecret("fw", 1, 1, 2, 3)
	g := asset.Grant{ID: "g1", CustomerID: "c1", Role: "technician", GrantedBy: "admin", GrantedAt: t0, Expires: t0.Add(time.Hour)}
	r := asset.AccessRequest{ID: "r1", CredentialID: "fw", CustomerID: "c1", ContactID: "kd-huber", Reason: "Umzug", RequestedAt: t0, Status: asset.RequestPending}
	e := asset.LogEntry{At: t0, ActorID: "tech-meier", ActorKind: asset.ActorStaff, Action: asset.ActionCreate, CustomerID: "c1", CredentialID: "fw", Version: 1, Reason: "Ticket 4711"}
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
		require.NoError(t, tx.PutCredential(ctx, c))
		require.NoError(t, tx.AddSecret(ctx, sec))
		require.NoError(t, tx.PutGrant(ctx, g))
		require.NoError(t, tx.PutRequest(ctx, r))
		seq, err := tx.AppendLog(ctx, e)
		require.NoError(t, err)
		if seq != 1 {
			t.Errorf("first Seq %d, want 1", seq)
		}
		diff(t, "credential read in its transaction", c, mustGet[asset.Credential](t)(tx.Credential(ctx, "fw")))
		diff(t, "secret read in its transaction", sec, mustGet[asset.SealedSecret](t)(tx.Secret(ctx, "fw", 1)))
		diff(t, "grant read in its transaction", g, mustGet[asset.Grant](t)(tx.Grant(ctx, "g1")))
		diff(t, "request read in its transaction", r, mustGet[asset.AccessRequest](t)(tx.Request(ctx, "r1")))
		return nil
	}))
	e.Seq = 1
	diff(t, "after commit", snapshot{Cred: c, Secrets: []asset.SealedSecret{sec}, Grants: []asset.Grant{g}, Requests: []asset.AccessRequest{r}, Log: []asset.LogEntry{e}}, snap(t, s, "fw"))
	diff(t, "Credential outside a transaction", c, mustGet[asset.Credential](t)(s.Credential(ctx, "fw")))
	diff(t, "Credentials of c1", []asset.Credential{c}, collect(t, s.Credentials(ctx, "c1")))
	if got := collect(t, s.Credentials(ctx, "c2")); len(got) != 0 {
		t.Errorf("Credentials of c2: %v", got)
	}
	c.Notes = "replaced"
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error { return tx.PutCredential(ctx, c) }))
	diff(t, "replaced credential", c, mustGet[asset.Credential](t)(s.Credential(ctx, "fw")))

	for _, err := range []error{
		transact(t, s, func(ctx context.Context, tx asset.VaultTx) error { _, err := tx.Credential(ctx, "x"); return err }),
		transact(t, s, func(ctx context.Context, tx asset.VaultTx) error { _, err := tx.Secret(ctx, "fw", 2); return err }),
		transact(t, s, func(ctx context.Context, tx asset.VaultTx) error { _, err := tx.Grant(ctx, "x"); return err }),
		transact(t, s, func(ctx context.Context, tx asset.VaultTx) error { _, err := tx.Request(ctx, "x"); return err }),
	} {
		wantErr(t, "missing record", err, asset.ErrNotFound)
	}
	_, err := s.Credential(ctx, "x")
	wantErr(t, "Credential(x)", err, asset.ErrNotFound)
}

func vsRollback(t *testing.T, s asset.VaultStore) {
	before := snap(t, s, "fw")
	err := transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
		require.NoError(t, tx.PutCredential(ctx, cred("fw", "c1", 1)))
		require.NoError(t, tx.AddSecret(ctx, sealedSecret("fw", 1, 9)))
		require.NoError(t, tx.PutGrant(ctx, asset.Grant{ID: "g1", CustomerID: "c1", Role: "technician", GrantedAt: t0}))
		require.NoError(t, tx.PutRequest(ctx, asset.AccessRequest{ID: "r1", CredentialID: "fw", CustomerID: "c1", Status: asset.RequestPending}))
		_, err := tx.AppendLog(ctx, asset.LogEntry{At: t0, ActorID: "x", Action: asset.ActionCreate})
		require.NoError(t, err)
		return errBoom
	})
	wantErr(t, "Transact", err, errBoom)
	diff(t, "store after a failed transaction", before, snap(t, s, "fw"))
	// A rolled-back entry is never readable; whether the next one reuses
	// its Seq is the adapter's business.
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
		_, err := tx.AppendLog(ctx, asset.LogEntry{At: t0, ActorID: "y", Action: asset.ActionReveal})
		return err
	}))
	log := collect(t, s.Log(context.Background(), asset.LogFilter{}))
	if len(log) != 1 || log[0].ActorID != "y" {
		t.Errorf("log after rollback and one commit: %+v", log)
	}
}

func vsSecretOnce(t *testing.T, s asset.VaultStore) {
	first := sealedSecret("fw", 1, 1, 1, 1)
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error { return tx.AddSecret(ctx, first) }))
	err := transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
		err := tx.AddSecret(ctx, sealedSecret("fw", 1, 2, 2, 2))
		wantErr(t, "AddSecret over an existing version", err, asset.ErrConflict)
		return err
	})
	wantErr(t, "Transact", err, asset.ErrConflict)
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
		err := tx.AddSecret(ctx, sealedSecret("fw", 2, 3))
		require.NoError(t, err)
		if err := tx.AddSecret(ctx, sealedSecret("fw", 2, 4)); !errors.Is(err, asset.ErrConflict) {
			t.Errorf("AddSecret over a version added in the same transaction: %v", err)
		}
		return nil
	}))
	diff(t, "versions", []asset.SealedSecret{first, sealedSecret("fw", 2, 3)}, snap(t, s, "fw").Secrets)
}

func vsSealedBytes(t *testing.T, s asset.VaultStore) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	in := sealedSecret("fw", 1, all...)
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error { return tx.AddSecret(ctx, in) }))
	in.Sealed.Data[0] = 0xff // the caller's slice is not the stored one
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
		got := mustGet[asset.SealedSecret](t)(tx.Secret(ctx, "fw", 1))
		got.Sealed.Data[1] = 0xff
		list := mustGet[[]asset.SealedSecret](t)(tx.Secrets(ctx, "fw"))
		list[0].Sealed.Data[2] = 0xff
		return nil
	}))
	got := snap(t, s, "fw").Secrets
	if len(got) != 1 || !slices.Equal(got[0].Sealed.Data, func() []byte { c := slices.Clone(all); c[0] = 0; return c }()) {
		t.Errorf("stored sealed data changed or lost bytes: %v", got)
	}
}

func vsLogAppendOnly(t *testing.T, s asset.VaultStore) {
	ctx := context.Background()
	appendOne := func(actor string, seq int64) {
		require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
			_, err := tx.AppendLog(ctx, asset.LogEntry{Seq: seq, At: t0, ActorID: actor, Action: asset.ActionReveal, CredentialID: "fw", Reason: "r"})
			return err
		}))
	}
	appendOne("a", 0)
	appendOne("b", 0)
	before := collect(t, s.Log(ctx, asset.LogFilter{}))
	// An entry that names an existing Seq is appended, not written over it.
	appendOne("c", 1)
	appendOne("d", 99)
	after := collect(t, s.Log(ctx, asset.LogFilter{}))
	if len(after) != 4 {
		t.Fatalf("log has %d entries, want 4: %+v", len(after), after)
	}
	diff(t, "earlier entries after later appends", before, after[:2])
	for i := 1; i < len(after); i++ {
		if after[i].Seq <= after[i-1].Seq {
			t.Errorf("Seq not increasing: %d then %d", after[i-1].Seq, after[i].Seq)
		}
	}
	if after[2].ActorID != "c" || after[2].Seq == 1 || after[3].ActorID != "d" {
		t.Errorf("entries appended with a chosen Seq: %+v", after[2:])
	}
	after[0].ActorID = "edited by a reader"
	diff(t, "log after a reader changed its copy", before, collect(t, s.Log(ctx, asset.LogFilter{}))[:2])
}

func vsLogFilter(t *testing.T, s asset.VaultStore) {
	ctx := context.Background()
	entries := []asset.LogEntry{
		{ActorID: "u1", CustomerID: "c1", CredentialID: "fw"},
		{ActorID: "u2", CustomerID: "c1", CredentialID: "nas"},
		{ActorID: "u1", CustomerID: "c2", CredentialID: "mail"},
		{ActorID: "u2", CustomerID: "c1", CredentialID: "fw"},
	}
	for _, e := range entries {
		e.At, e.Action = t0, asset.ActionReveal
		require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error { _, err := tx.AppendLog(ctx, e); return err }))
	}
	all := collect(t, s.Log(ctx, asset.LogFilter{}))
	for _, tc := range []struct {
		name string
		f    asset.LogFilter
		want []int // indexes into entries
	}{
		{"all", asset.LogFilter{}, []int{0, 1, 2, 3}},
		{"customer", asset.LogFilter{CustomerID: "c1"}, []int{0, 1, 3}},
		{"credential", asset.LogFilter{CredentialID: "fw"}, []int{0, 3}},
		{"actor", asset.LogFilter{ActorID: "u1"}, []int{0, 2}},
		{"after_cursor", asset.LogFilter{AfterSeq: all[1].Seq}, []int{2, 3}},
		{"actor_and_credential", asset.LogFilter{ActorID: "u2", CredentialID: "fw"}, []int{3}},
	} {
		var want []asset.LogEntry
		for _, i := range tc.want {
			want = append(want, all[i])
		}
		diff(t, tc.name, want, collect(t, s.Log(ctx, tc.f)))
	}
}

func vsLists(t *testing.T, s asset.VaultStore) {
	g := func(id, cust string) asset.Grant {
		return asset.Grant{ID: id, CustomerID: cust, Role: "technician", GrantedBy: "admin", GrantedAt: t0}
	}
	r := func(id, credID string) asset.AccessRequest {
		return asset.AccessRequest{ID: id, CredentialID: credID, CustomerID: "c1", ContactID: "kd", RequestedAt: t0, Status: asset.RequestPending}
	}
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
		for _, x := range []asset.Grant{g("g3", "c1"), g("g1", "c1"), g("g2", "c2")} {
			require.NoError(t, tx.PutGrant(ctx, x))
		}
		for _, x := range []asset.AccessRequest{r("r2", "fw"), r("r1", "fw"), r("r3", "nas")} {
			require.NoError(t, tx.PutRequest(ctx, x))
		}
		return nil
	}))
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
		require.NoError(t, tx.PutGrant(ctx, g("g0", "c1")))
		revoked := g("g3", "c1")
		revoked.RevokedAt, revoked.RevokedBy = t0.Add(time.Hour), "admin"
		require.NoError(t, tx.PutGrant(ctx, revoked))
		require.NoError(t, tx.PutRequest(ctx, r("r0", "fw")))
		diff(t, "grants of c1 with staged ones", []asset.Grant{g("g0", "c1"), g("g1", "c1"), revoked},
			mustGet[[]asset.Grant](t)(tx.Grants(ctx, "c1")))
		diff(t, "requests for fw with a staged one", []asset.AccessRequest{r("r0", "fw"), r("r1", "fw"), r("r2", "fw")},
			mustGet[[]asset.AccessRequest](t)(tx.Requests(ctx, "fw")))
		return nil
	}))
	// The listings outside a transaction see what the two committed.
	ctx := context.Background()
	revoked := g("g3", "c1")
	revoked.RevokedAt, revoked.RevokedBy = t0.Add(time.Hour), "admin"
	diff(t, "the store's listing of c1's grants", []asset.Grant{g("g0", "c1"), g("g1", "c1"), revoked}, collect(t, s.Grants(ctx, "c1")))
	diff(t, "the store's listing of c2's grants", []asset.Grant{g("g2", "c2")}, collect(t, s.Grants(ctx, "c2")))
	diff(t, "the store's listing of requests for fw", []asset.AccessRequest{r("r0", "fw"), r("r1", "fw"), r("r2", "fw")}, collect(t, s.Requests(ctx, "fw")))
	diff(t, "the store's listing of requests for an unknown credential", []asset.AccessRequest(nil), collect(t, s.Requests(ctx, "none")))
}

func vsCancelled(t *testing.T, s asset.VaultStore) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := s.Transact(ctx, func(tx asset.VaultTx) error {
		_ = tx.PutCredential(ctx, cred("fw", "c1", 1))
		_, _ = tx.AppendLog(ctx, asset.LogEntry{At: t0, ActorID: "x", Action: asset.ActionCreate})
		return nil
	})
	wantErr(t, "Transact with a cancelled context", err, context.Canceled)
	diff(t, "store after a cancelled transaction", snapshot{CredErr: true}, snap(t, s, "fw"))
	for _, err := range s.Log(ctx, asset.LogFilter{}) {
		wantErr(t, "Log", err, context.Canceled)
	}
}

// race runs n copies of fn at once and returns their errors.
func race(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	conformance.Race(n, func(i int) { errs[i] = fn(i) })
	return errs
}

// wins counts nil errors and fails the test on errors other than
// ErrConflict.
func wins(t testing.TB, what string, errs []error) int {
	t.Helper()
	n := 0
	for _, err := range errs {
		switch {
		case err == nil:
			n++
		case !errors.Is(err, asset.ErrConflict):
			t.Errorf("%s: %v, want nil or ErrConflict", what, err)
		}
	}
	return n
}

func vsConcurrentCreate(t *testing.T, s asset.VaultStore) {
	errs := race(8, func(i int) error {
		return transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
			if _, err := tx.Credential(ctx, "fw"); !errors.Is(err, asset.ErrNotFound) {
				return asset.ErrConflict
			}
			c := cred("fw", "c1", 1)
			c.CreatedBy = string(rune('a' + i))
			return tx.PutCredential(ctx, c)
		})
	})
	if n := wins(t, "concurrent create", errs); n != 1 {
		t.Errorf("%d concurrent creates of one ID succeeded, want 1", n)
	}
}

func vsConcurrentVersions(t *testing.T, s asset.VaultStore) {
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
		require.NoError(t, tx.PutCredential(ctx, cred("fw", "c1", 1)))
		return tx.AddSecret(ctx, sealedSecret("fw", 1, 1))
	}))
	errs := race(12, func(i int) error {
		return transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
			c, err := tx.Credential(ctx, "fw")
			if err != nil {
				return err
			}
			c.Version++
			if err := tx.AddSecret(ctx, sealedSecret("fw", c.Version, byte(i))); err != nil {
				return err
			}
			if _, err := tx.AppendLog(ctx, asset.LogEntry{At: t0, ActorID: "x", Action: asset.ActionRotate, CredentialID: "fw", Version: c.Version}); err != nil {
				return err
			}
			return tx.PutCredential(ctx, c)
		})
	})
	n := wins(t, "concurrent version bump", errs)
	sn := snap(t, s, "fw")
	if sn.Cred.Version != 1+n || len(sn.Secrets) != 1+n || len(sn.Log) != n {
		t.Errorf("after %d successful bumps: version %d, %d secrets, %d log entries", n, sn.Cred.Version, len(sn.Secrets), len(sn.Log))
	}
	for i, sec := range sn.Secrets {
		if sec.Version != i+1 {
			t.Errorf("secret %d has version %d", i, sec.Version)
		}
	}
}

func vsLogConcurrent(t *testing.T, s asset.VaultStore) {
	const writers = 6
	errs := race(writers*2, func(i int) error {
		if i%2 == 0 {
			return transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
				_, err := tx.AppendLog(ctx, asset.LogEntry{At: t0, ActorID: "w", Action: asset.ActionReveal})
				return err
			})
		}
		for _, err := range s.Log(context.Background(), asset.LogFilter{}) {
			if err != nil {
				return err
			}
		}
		return nil
	})
	appended := 0
	for i, err := range errs {
		if i%2 == 0 && err == nil {
			appended++
		}
	}
	wins(t, "append or read", errs)
	log := collect(t, s.Log(context.Background(), asset.LogFilter{}))
	seen := map[int64]bool{}
	for _, e := range log {
		if seen[e.Seq] {
			t.Errorf("Seq %d twice", e.Seq)
		}
		seen[e.Seq] = true
	}
	if len(log) != appended {
		t.Errorf("%d entries from %d successful appends", len(log), appended)
	}
}

// vaultUnstorableProbes reveals credential IDs that no column can hold (a
// NUL byte, invalid UTF-8): every store answers as for any unknown ID, an
// *AccessDeniedError matching ErrNotFound, and logs each probe; a store
// that failed the log's write on such an ID used to leave the probes
// unrecorded, and return its driver's error.
func vaultUnstorableProbes(t *testing.T, s asset.VaultStore) {
	w := newWorld(t, s)
	probes := []string{"fw\x00", "\xff\xfe", "fw\x00" + strings.Repeat("x", 300)}
	for i, id := range probes {
		_, err := w.reveal(at(tech, 10+i, "Ticket 7"), id)
		var denied *asset.AccessDeniedError
		require.ErrorAs(t, err, &denied, "probe %q", id)
		require.Equal(t, asset.CauseUnknownCredential, denied.Cause)
		require.ErrorIs(t, err, asset.ErrNotFound)
	}
	var logged []asset.LogEntry
	for e, err := range w.v.Log(w.ctx, asset.LogFilter{ActorID: tech.ID}) {
		require.NoError(t, err)
		if e.Cause == asset.CauseUnknownCredential {
			logged = append(logged, e)
		}
	}
	require.Len(t, logged, len(probes), "every refused probe is in the log")
	for _, e := range logged {
		require.True(t, utf8.ValidString(e.CredentialID) && !strings.ContainsRune(e.CredentialID, 0), "logged as %q", e.CredentialID)
	}
}

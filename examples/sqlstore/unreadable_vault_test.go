package sqlstore_test

import (
	"context"
	"errors"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/examples/aesgcm"
	"github.com/deskcore/deskcore/examples/sqlstore"
)

// unreadableVault is a vault on engine e with readable credentials fw and
// nas, grants g1 and g3 and requests r1 and r3 (approved) for fw, all of
// customer c1, and, written by hand between them, a credential mail, a
// grant g2 (tech-x's only one) and a request r2 whose instants the
// library cannot read. The bad rows' notes and reason and the bad instant
// must appear in no error.
type unreadableVault struct {
	ctx       context.Context
	v         *asset.Vault
	at        time.Time
	badValue  string // the unreadable instant as stored
	badReason string // the unreadable credential's notes and request's reason
}

func newUnreadableVault(t *testing.T, e engine) unreadableVault {
	t.Helper()
	ctx := context.Background()
	where := e.fresh(t)
	sealer, err := aesgcm.New(aesgcm.Config{Current: aesgcm.Key{ID: "k1", Bytes: []byte(strings.Repeat("k", 32))}})
	require.NoError(t, err)
	v, err := asset.NewVault(e.reopen(t, where).Assets(), sealer, asset.VaultConfig{})
	require.NoError(t, err)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	staff := func(id, role string) asset.Audit {
		return asset.Audit{Actor: asset.Actor{ID: id, Kind: asset.ActorStaff, Roles: []string{role}}, At: at, Reason: "Einrichtung"}
	}
	contact := asset.Audit{Actor: asset.Actor{ID: "kd", Kind: asset.ActorContact, CustomerID: "c1"}, At: at, Reason: "Router-Tausch"}
	for _, g := range []asset.Grant{
		{ID: "g1", CustomerID: "c1", Role: "technician"},
		{ID: "g3", CustomerID: "c1", ActorID: "tech-b"},
		{ID: "g4", CustomerID: "c2", Role: "technician"},
	} {
		_, err := v.Grant(ctx, staff("admin", "credential-admin"), g)
		require.NoError(t, err)
	}
	for _, id := range []string{"fw", "nas"} {
		secret, err := asset.NewSecret(id + "!secret-2026")
		require.NoError(t, err)
		_, err = v.Create(ctx, staff("tech", "technician"), asset.Credential{ID: id, CustomerID: "c1", Name: id}, secret)
		require.NoError(t, err)
	}
	for _, id := range []string{"r1", "r3"} {
		_, err := v.RequestAccess(ctx, contact, id, "fw")
		require.NoError(t, err)
	}
	_, err = v.Approve(ctx, staff("tech", "technician"), "r3", at.Add(2*time.Hour))
	require.NoError(t, err)

	// SQLite keeps instants as text and the library refuses the year
	// 10000; PostgreSQL accepts that year, so its bad instant is
	// 'infinity', which no time.Time holds.
	u := unreadableVault{ctx: ctx, v: v, at: at, badValue: "10000-01-01T00:00:00Z", badReason: "Kennwort steht in Ticket 4711"}
	if e.postgres {
		u.badValue = "infinity"
	}
	raw := e.raw(t, where)
	_, err = raw.ExecContext(ctx, `INSERT INTO grants
		(id, customer_id, credential_id, role, actor_id, expires, granted_by, granted_at, revoked_by, revoked_at)
		VALUES ('g2', 'c1', '', '', 'tech-x', NULL, 'admin', '`+u.badValue+`', '', NULL)`)
	require.NoError(t, err)
	_, err = raw.ExecContext(ctx, `INSERT INTO credentials
		(id, customer_id, asset_id, name, username, url, notes, expires, version, created_at, created_by, updated_at, updated_by)
		VALUES ('mail', 'c1', '', 'Mail', 'root', '', '`+u.badReason+`', NULL, 1, '`+u.badValue+`', 'tech-x', NULL, 'tech-x')`)
	require.NoError(t, err)
	_, err = raw.ExecContext(ctx, `INSERT INTO access_requests
		(id, credential_id, customer_id, contact_id, reason, requested_at, status, decided_by, decided_at, decision_reason, expires)
		VALUES ('r2', 'fw', 'c1', 'kd', '`+u.badReason+`', '`+u.badValue+`', 'pending', '', NULL, '', NULL)`)
	require.NoError(t, err)
	return u
}

// requireUnreadable checks that err is the *UnreadableRowError of the row
// key of table, naming the column, and that its text holds none of the
// row's content.
func (u unreadableVault) requireUnreadable(t *testing.T, err error, table, key, column string) {
	t.Helper()
	var bad *sqlstore.UnreadableRowError
	require.True(t, errors.As(err, &bad), "%v is an *UnreadableRowError", err)
	require.ErrorIs(t, err, asset.ErrUnreadableRow)
	require.Equal(t, sqlstore.UnreadableRowError{Table: table, Key: key, Column: column}, *bad)
	for _, content := range []string{u.badValue, u.badReason, "tech-x", "kd"} {
		require.NotContains(t, err.Error(), content, "the error shows the row's content")
	}
}

// ids runs through a listing and returns the IDs of the values and the
// errors it yielded, in order.
func ids[T any](seq iter.Seq2[T, error], id func(T) string) (out []string, errs []error) {
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, id(v))
	}
	return out, errs
}

// A listing a screen shows goes on around a stored row the library
// cannot read: the bad row comes in its place as an error naming only its
// table, key and column (not a credential's notes, a request's reason or
// its contact), and the readable rows, of that customer only, follow.
func TestListingsReportAnUnreadableRowAloneAndListTheOthers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		u := newUnreadableVault(t, e)
		credIDs, credErrs := ids(u.v.Credentials(u.ctx, "c1"), func(c asset.Credential) string { return c.ID })
		grantIDs, grantErrs := ids(u.v.Grants(u.ctx, "c1"), func(g asset.Grant) string { return g.ID })
		reqIDs, reqErrs := ids(u.v.Requests(u.ctx, "fw"), func(r asset.AccessRequest) string { return r.ID })
		for _, tc := range []struct {
			name, table, key, column string
			want, got                []string
			errs                     []error
		}{
			{"credentials_of_c1", "credentials", "mail", "created_at", []string{"fw", "nas"}, credIDs, credErrs},
			{"grants_of_c1_and_none_of_c2", "grants", "g2", "granted_at", []string{"g1", "g3"}, grantIDs, grantErrs},
			{"requests_for_fw", "access_requests", "r2", "requested_at", []string{"r1", "r3"}, reqIDs, reqErrs},
		} {
			t.Run(tc.name, func(t *testing.T) {
				require.Equal(t, tc.want, tc.got, "the readable rows")
				require.Len(t, tc.errs, 1)
				u.requireUnreadable(t, tc.errs[0], tc.table, tc.key, tc.column)
			})
		}
	})
}

// Access decisions do not skip a row they cannot read: a grant that
// cannot be read grants nothing, and while it is stored, reveals for its
// customer fail with its error rather than decide on part of the grants.
// Likewise a request that cannot be read: it cannot be approved, and
// contacts' reveals of its credential fail with its error.
func TestAccessDecisionsFailClosedOnAnUnreadableGrantOrRequest(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		u := newUnreadableVault(t, e)
		for _, who := range []asset.Actor{
			{ID: "tech-x", Kind: asset.ActorStaff},                              // only the unreadable grant names them
			{ID: "tech", Kind: asset.ActorStaff, Roles: []string{"technician"}}, // a readable grant names their role
		} {
			secret, err := u.v.Reveal(u.ctx, asset.Audit{Actor: who, At: u.at.Add(time.Hour), Reason: "Ticket 4711"}, "fw")
			require.True(t, secret.IsZero(), "%s got the secret", who.ID)
			u.requireUnreadable(t, err, "grants", "g2", "granted_at")
		}
		// kd's request r3 is approved until two hours after the start,
		// but an unreadable request for the same credential stops the
		// decision.
		kd := asset.Audit{Actor: asset.Actor{ID: "kd", Kind: asset.ActorContact, CustomerID: "c1"}, At: u.at.Add(time.Hour), Reason: "Router-Tausch"}
		secret, err := u.v.Reveal(u.ctx, kd, "fw")
		require.True(t, secret.IsZero(), "the contact got the secret")
		u.requireUnreadable(t, err, "access_requests", "r2", "requested_at")
		_, err = u.v.Approve(u.ctx, asset.Audit{Actor: asset.Actor{ID: "tech", Kind: asset.ActorStaff, Roles: []string{"technician"}},
			At: u.at.Add(time.Hour), Reason: "freigegeben"}, "r2", u.at.Add(2*time.Hour))
		u.requireUnreadable(t, err, "access_requests", "r2", "requested_at")
	})
}

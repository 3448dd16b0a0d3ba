package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
)

// lastBeforeJSONForm is the last migration of the schema that stored the
// quota's terms and lots in encoding/json's default form.
const lastBeforeJSONForm = "0006_billing"

// legacyAccounts are accounts as the previous version wrote them: Go field
// names, hours in nanoseconds, shopspring's decimal text.
var legacyAccounts = `INSERT INTO quota_accounts (contract_id, customer_id, start_date, end_date, terms, open_period, lots, debt_ns, seq, last_date, version) VALUES
('K-2026-017', 'kruse', '2026-06-01', NULL,
 '[{"From":"2026-06","Hours":36000000000000,"Price":"950","OverageRate":"95","Rollover":"full","Overdraft":"unlimited","Correction":"settle"}]',
 '2026-07', '[{"Expires":"","Hours":19800000000000}]', 0, 4, '2026-06-30', 5),
('K-2026-018', 'hansen', '2026-01-01', '2026-12-31',
 '[{"From":"2026-01","Hours":180000000000000,"Price":"1500.5","OverageRate":"0","Rollover":"cap=120h keep=2","Overdraft":"limit=10h","Correction":"carry=5h"},{"From":"2026-07","Hours":144000000000000,"Price":"1200","OverageRate":"90","Rollover":"full","Overdraft":"none","Correction":"settle"}]',
 '2026-03', '[{"Expires":"2026-03","Hours":7200000000000},{"Expires":"2026-04","Hours":5400000000000}]', 0, 6, '2026-03-01', 7)`

// legacyDatabase makes a database as the previous version left it, with
// legacyAccounts and then change (if not empty) applied, and returns where
// it is.
func legacyDatabase(t *testing.T, e engine, change string) string {
	ctx := context.Background()
	where := e.fresh(t)
	old, err := sqlstore.OpenAtMigration(ctx, e.postgres, where, lastBeforeJSONForm)
	require.NoError(t, err)
	for _, stmt := range []string{legacyAccounts, change} {
		if stmt != "" {
			_, err = e.raw(t, where).ExecContext(ctx, stmt)
			require.NoError(t, err)
		}
	}
	require.NoError(t, old.Close())
	return where
}

// A database made by the previous version, with its terms and lots in the
// old form, opens with them rewritten into the quota package's JSON form:
// the accounts read back as they were, the documents now hold "10h" where
// they held nanoseconds, and reopening rewrites nothing again.
func TestMigrationRewritesQuotaDocuments(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := legacyDatabase(t, e, "")
		db := e.reopen(t, where)
		h, eur := time.Hour, decimal.RequireFromString
		want := map[string]quota.Account{
			"K-2026-017": {Contract: quota.Contract{ID: "K-2026-017", CustomerID: "kruse", Start: date.New(2026, time.June, 1),
				Terms: []quota.Terms{{From: quota.MustParsePeriod("2026-06"), Hours: 10 * h, Price: eur("950"), OverageRate: eur("95"),
					Overdraft: quota.UnlimitedOverdraft()}}},
				Open: quota.MustParsePeriod("2026-07"), Lots: []quota.Lot{{Hours: 5*h + 30*time.Minute}}, Seq: 4,
				LastDate: date.New(2026, time.June, 30), Version: 5},
			"K-2026-018": {Contract: quota.Contract{ID: "K-2026-018", CustomerID: "hansen", Start: date.New(2026, time.January, 1),
				End: date.New(2026, time.December, 31),
				Terms: []quota.Terms{
					{From: quota.MustParsePeriod("2026-01"), Hours: 50 * h, Price: eur("1500.50"),
						Rollover:  quota.Rollover{Capped: true, Cap: 120 * h, Expiring: true, Keep: 2},
						Overdraft: quota.OverdraftUpTo(10 * h), Correction: quota.CarryCorrection(5 * h)},
					{From: quota.MustParsePeriod("2026-07"), Hours: 40 * h, Price: eur("1200"), OverageRate: eur("90")},
				}},
				Open: quota.MustParsePeriod("2026-03"), Lots: []quota.Lot{{Expires: quota.MustParsePeriod("2026-03"), Hours: 2 * h},
					{Expires: quota.MustParsePeriod("2026-04"), Hours: 90 * time.Minute}}, Seq: 6,
				LastDate: date.New(2026, time.March, 1), Version: 7},
		}
		decimals := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
		for id, w := range want {
			got, err := db.Quota().Account(ctx, id)
			require.NoError(t, err)
			if diff := cmp.Diff(w, got, decimals); diff != "" {
				t.Errorf("%s (-want +got):\n%s", id, diff)
			}
		}
		var terms, lots string
		require.NoError(t, e.raw(t, where).QueryRowContext(ctx,
			"SELECT terms, lots FROM quota_accounts WHERE contract_id = 'K-2026-017'").Scan(&terms, &lots))
		require.JSONEq(t, `[{"from":"2026-06","hours":"10h","price":"950.00","overageRate":"95.00","rollover":"full","overdraft":"unlimited","correction":"settle"}]`, terms)
		require.JSONEq(t, `[{"hours":"5h30m"}]`, lots)

		// The store goes on from there.
		require.NoError(t, db.Quota().Update(ctx, "K-2026-017", func(a *quota.Account) error {
			_, err := a.Adjust(quota.Adjustment{Key: "adj-1", Hours: time.Hour, Date: date.New(2026, time.July, 2), Reason: "goodwill", By: "am"})
			return err
		}))
		require.NoError(t, db.Close())
		again := e.reopen(t, where)
		a, err := again.Quota().Account(ctx, "K-2026-017")
		require.NoError(t, err)
		require.Equal(t, []quota.Lot{{Hours: 6*h + 30*time.Minute}}, a.Lots)
	})
}

// A document in neither form stops the migration, which then changes
// nothing: the database stays at the previous version with its documents
// as they were, and opening it reports the contract.
func TestMigrationRefusesUnreadableDocuments(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := legacyDatabase(t, e, `UPDATE quota_accounts SET terms = '[{"Form":"2026-06","Hours":1}]' WHERE contract_id = 'K-2026-018'`)
		raw := e.raw(t, where)
		_, err := sqlstore.OpenAtMigration(ctx, e.postgres, where, "")
		require.ErrorContains(t, err, "K-2026-018")
		var n int
		require.NoError(t, raw.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version > '"+lastBeforeJSONForm+"'").Scan(&n))
		require.Zero(t, n)
		var terms string
		require.NoError(t, raw.QueryRowContext(ctx, "SELECT terms FROM quota_accounts WHERE contract_id = 'K-2026-017'").Scan(&terms))
		require.Contains(t, terms, "36000000000000")
	})
}

package sqlstore_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/internal/jsonform"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
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

// A ticket whose attachments, comments and audit history the previous
// version stored in encoding/json's default form reads back the same after
// the migration, which rewrites them into the ticket package's JSON form;
// a comment stored without a channel keeps having none.
func TestMigrationRewritesTicketDocuments(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.fresh(t)
		old, err := sqlstore.OpenAtMigration(ctx, e.postgres, where, "0007_quota_json_form")
		require.NoError(t, err)
		berlin, err := time.LoadLocation("Europe/Berlin")
		require.NoError(t, err)
		received := time.Date(2026, time.June, 3, 16, 30, 0, 0, berlin)
		tk, err := ticket.NewTicket(ticket.Draft{CustomerID: "kruse", ContactID: "anna", Kind: ticket.Incident,
			Channel: ticket.ChannelEmail, Subject: "Warenwirtschaft", Received: received}, ticket.System("mail-intake"))
		require.NoError(t, err)
		created, err := old.Tickets().Create(ctx, tk, nil)
		require.NoError(t, err)
		_, err = e.raw(t, where).ExecContext(ctx, `UPDATE tickets SET
			attachments = '[{"Name":"fehler.png","Ref":"a1b2","ContentType":"image/png","Size":2048}]',
			comments = '[{"At":"2026-06-05T10:00:00+02:00","By":{"Kind":"staff","ID":"max","Address":""},"Body":"Screenshot?","Public":true,"Attachments":null,"MessageID":"","Channel":"portal"},{"At":"2026-06-05T11:00:00Z","By":{"Kind":"contact","ID":"anna","Address":"anna.kruse@kruse.example"},"Body":"anbei","Public":true,"Attachments":[{"Name":"x.png","Ref":"r2","ContentType":"","Size":0}],"MessageID":"m1@kruse.example"}]',
			audit = '[{"At":"2026-06-03T16:30:00+02:00","By":{"Kind":"system","ID":"mail-intake","Address":""},"Action":"created","From":"","To":"new","Note":""}]'
			WHERE number = 1`)
		require.NoError(t, err)
		require.NoError(t, old.Close())

		db := e.reopen(t, where)
		got, err := db.Tickets().Ticket(ctx, created.Number)
		require.NoError(t, err)
		require.Equal(t, []ticket.Attachment{{Name: "fehler.png", Ref: "a1b2", ContentType: "image/png", Size: 2048}}, got.Attachments)
		want := []ticket.Comment{
			{At: time.Date(2026, time.June, 5, 10, 0, 0, 0, berlin), By: ticket.Staff("max"), Body: "Screenshot?", Public: true, Channel: ticket.ChannelPortal},
			{At: time.Date(2026, time.June, 5, 11, 0, 0, 0, time.UTC), By: ticket.Actor{Kind: ticket.ActorContact, ID: "anna", Address: "anna.kruse@kruse.example"},
				Body: "anbei", Public: true, Attachments: []ticket.Attachment{{Name: "x.png", Ref: "r2"}}, MessageID: "m1@kruse.example"},
		}
		instants := cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
		if diff := cmp.Diff(want, got.Comments, instants); diff != "" {
			t.Errorf("comments (-want +got):\n%s", diff)
		}
		require.Len(t, got.Audit, 1)
		require.Equal(t, ticket.ActionCreated, got.Audit[0].Action)
		require.Equal(t, "new", got.Audit[0].To)

		var comments string
		require.NoError(t, e.raw(t, where).QueryRowContext(ctx, "SELECT comments FROM tickets WHERE number = 1").Scan(&comments))
		require.Contains(t, comments, `"by":`)
		require.NotContains(t, comments, `"At"`)
	})
}

// Plain copies of billing's values encode as the previous version stored
// them: encoding/json's default form, Go names and nanoseconds.
type (
	legacyWorkEntry billing.WorkEntry
	legacyContract  billing.Contract
)

// Work entries and contracts the previous version stored in encoding/json's
// default form read back the same after the migration, which rewrites
// them into the billing package's JSON form.
func TestMigrationRewritesBillingDocuments(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.fresh(t)
		old, err := sqlstore.OpenAtMigration(ctx, e.postgres, where, "0008_ticket_json_form")
		require.NoError(t, err)
		eur := decimal.RequireFromString
		c := billing.Contract{CustomerID: "kruse", ReportRecipient: "buchhaltung@kruse.example",
			Rates:  billing.RateCard{{From: date.New(2026, time.January, 1), Hourly: eur("95.00"), VATRate: eur("19")}},
			Policy: billing.BillabilityPolicy{Default: billing.ChargeFree, DefaultReason: "covered by the maintenance contract"}}
		// The previous version wrote a zero unit policy as its text, which
		// reads back as the defaults spelt out; start from those.
		units, err := billing.ParseUnitPolicy(billing.UnitPolicy{}.String())
		require.NoError(t, err)
		c.Units = units
		require.NoError(t, old.Billing().PutContract(ctx, c))
		w := billing.WorkEntry{ID: "W-1", CustomerID: "kruse", TicketID: "T-1", Technician: "max",
			Date: date.New(2026, time.June, 8), Duration: 80 * time.Minute, Activity: billing.ActivitySupport,
			Fault: billing.FaultCustomer, Description: "Lizenzdienst neu registriert", State: billing.Recorded}
		require.NoError(t, old.Billing().AddEntry(ctx, w))
		stored, err := old.Billing().Entry(ctx, "W-1")
		require.NoError(t, err)
		raw := e.raw(t, where)
		for _, x := range []struct {
			table, key, id string
			doc            any
		}{{"work_contracts", "customer_id", "kruse", legacyContract(c)}, {"work_entries", "id", "W-1", legacyWorkEntry(stored)}} {
			b, err := json.Marshal(x.doc)
			require.NoError(t, err)
			require.NotContains(t, string(b), `"customerId"`, "the old form")
			_, err = raw.ExecContext(ctx, "UPDATE "+x.table+" SET doc = '"+string(b)+"' WHERE "+x.key+" = '"+x.id+"'")
			require.NoError(t, err)
		}
		require.NoError(t, old.Close())

		db := e.reopen(t, where)
		decimals := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
		gotC, err := db.Billing().Contract(ctx, "kruse")
		require.NoError(t, err)
		if diff := cmp.Diff(c, gotC, decimals); diff != "" {
			t.Errorf("contract (-want +got):\n%s", diff)
		}
		gotW, err := db.Billing().Entry(ctx, "W-1")
		require.NoError(t, err)
		if diff := cmp.Diff(stored, gotW, decimals); diff != "" {
			t.Errorf("entry (-want +got):\n%s", diff)
		}
		var doc string
		require.NoError(t, raw.QueryRowContext(ctx, "SELECT doc FROM work_entries WHERE id = 'W-1'").Scan(&doc))
		var fields map[string]any
		require.NoError(t, json.Unmarshal([]byte(doc), &fields))
		require.Equal(t, "1h20m", fields["duration"])
	})
}

// legacyAsset encodes as the previous version stored an asset as received.
type legacyAsset asset.Asset

// An asset as received on a goods receipt, stored by the previous version
// in encoding/json's default form, reads back the same after the
// migration rewrites it into the asset package's JSON form.
func TestMigrationRewritesAssetDocuments(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.fresh(t)
		old, err := sqlstore.OpenAtMigration(ctx, e.postgres, where, "0009_billing_json_form")
		require.NoError(t, err)
		fw := asset.Asset{ID: "fw-wdf", CustomerID: "kruse", Kind: asset.KindHardware, Name: "Firewall Warendorf",
			Model: "LANCOM 1900EF", Purchased: date.New(2026, time.June, 2), Warranty: asset.Warranty{End: date.New(2029, time.June, 1)},
			Ownership: asset.OwnedByCustomer, Status: asset.StatusReceived}
		inv, err := asset.NewInventory(old.Assets(), asset.InventoryConfig{})
		require.NoError(t, err)
		_, err = inv.Receive(ctx, asset.Receipt{ID: "WE-1", CustomerID: "kruse", Supplier: "Bechtle", ReceivedAt: time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC),
			ReceivedBy: "lager", Lines: []asset.ReceiptLine{{Description: "LANCOM 1900EF", Quantity: 1}}, Assets: []asset.Asset{fw}})
		require.NoError(t, err)
		stored, err := inv.Receipt(ctx, "WE-1")
		require.NoError(t, err)
		b, err := json.Marshal(legacyAsset(stored.Assets[0]))
		require.NoError(t, err)
		_, err = e.raw(t, where).ExecContext(ctx, "UPDATE receipt_assets SET received = '"+string(b)+"' WHERE receipt_id = 'WE-1'")
		require.NoError(t, err)
		require.NoError(t, old.Close())

		db := e.reopen(t, where)
		inv, err = asset.NewInventory(db.Assets(), asset.InventoryConfig{})
		require.NoError(t, err)
		got, err := inv.Receipt(ctx, "WE-1")
		require.NoError(t, err)
		require.Equal(t, stored.Assets, got.Assets)
		var doc string
		require.NoError(t, e.raw(t, where).QueryRowContext(ctx, "SELECT received FROM receipt_assets WHERE receipt_id = 'WE-1'").Scan(&doc))
		var fields map[string]any
		require.NoError(t, json.Unmarshal([]byte(doc), &fields))
		require.Equal(t, "kruse", fields["customerId"])
	})
}

// A dunning case with its reminder, stored by the previous version in
// encoding/json's default form, reads back the same after the migration
// rewrites it into the dunning package's JSON form.
func TestMigrationRewritesDunningDocuments(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.fresh(t)
		old, err := sqlstore.OpenAtMigration(ctx, e.postgres, where, "0010_asset_json_form")
		require.NoError(t, err)
		c, err := dunning.NewCase(dunning.OpenInvoice{Number: "RE-2026-00417", CustomerID: "kruse",
			CustomerType: dunning.BusinessCustomer, AccountManager: "am-jonas", Due: date.New(2026, time.July, 15),
			Amount: decimal.RequireFromString("1130.50")})
		require.NoError(t, err)
		office, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00")})
		require.NoError(t, err)
		p := dunning.Policy{Levels: []dunning.Level{{Name: "Zahlungserinnerung", Days: 7}}, PaymentDays: 10, Calendar: office,
			Dispute: dunning.DisputePolicy{FallbackContact: "service@meinsystemhaus.example"}}
		_, err = c.Run(p, date.New(2026, time.July, 22))
		require.NoError(t, err)
		require.NoError(t, old.Dunning().CreateCase(ctx, c))
		stored, err := old.Dunning().Case(ctx, "RE-2026-00417")
		require.NoError(t, err)
		b, err := jsonform.MarshalLegacy(stored)
		require.NoError(t, err)
		_, err = e.raw(t, where).ExecContext(ctx, "UPDATE dunning_cases SET doc = '"+string(b)+"' WHERE invoice = 'RE-2026-00417'")
		require.NoError(t, err)
		require.NoError(t, old.Close())

		db := e.reopen(t, where)
		got, err := db.Dunning().Case(ctx, "RE-2026-00417")
		require.NoError(t, err)
		decimals := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
		instants := cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
		if diff := cmp.Diff(stored, got, decimals, instants, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		var doc string
		require.NoError(t, e.raw(t, where).QueryRowContext(ctx, "SELECT doc FROM dunning_cases WHERE invoice = 'RE-2026-00417'").Scan(&doc))
		var fields map[string]any
		require.NoError(t, json.Unmarshal([]byte(doc), &fields))
		require.Contains(t, fields, "invoice")
		require.NotContains(t, fields, "Invoice")
	})
}

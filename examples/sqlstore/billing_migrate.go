package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/internal/jsonform"
)

// rewriteDocs rewrites the JSON documents in column doc of table, keyed by
// the text column key, from encoding/json's default form into their type's
// JSON form: each is read with jsonform.UnmarshalLegacy into a new value
// from fresh and written back with json.Marshal. A document that does not
// read stops the migration, which then changes nothing.
func rewriteDocs(ctx context.Context, q querier, table, key string, fresh func() any) error {
	after := ""
	for {
		type row struct{ key, doc string }
		var rows []row
		rs, err := q.query(ctx, `SELECT `+key+`, doc FROM `+table+` WHERE `+key+` > ? ORDER BY `+key+` LIMIT ?`, after, rewriteBatch)
		if err != nil {
			return err
		}
		if err := scanAll(rs, func(r *sql.Rows) error {
			var x row
			err := r.Scan(&x.key, &x.doc)
			rows = append(rows, x)
			return err
		}); err != nil {
			return err
		}
		for _, x := range rows {
			v := fresh()
			if err := jsonform.UnmarshalLegacy([]byte(x.doc), v); err != nil {
				return fmt.Errorf("%s %q: %w", table, x.key, err)
			}
			doc, err := jsonArg(v)
			if err != nil {
				return fmt.Errorf("%s %q: %w", table, x.key, err)
			}
			if _, err := q.exec(ctx, `UPDATE `+table+` SET doc = ? WHERE `+key+` = ?`, doc, x.key); err != nil {
				return err
			}
		}
		if len(rows) < rewriteBatch {
			return nil
		}
		after = rows[len(rows)-1].key
	}
}

// rewriteBillingDocuments rewrites the documents of billing's contracts,
// work entries, usage records, service reports and invoice drafts into the
// billing package's JSON form ("duration":"1h20m" where the old form had
// nanoseconds, lowerCamel names).
func rewriteBillingDocuments(ctx context.Context, _ *DB, q querier) error {
	for _, t := range []struct {
		table, key string
		fresh      func() any
	}{
		{"work_contracts", "customer_id", func() any { return new(billing.Contract) }},
		{"work_entries", "id", func() any { return new(billing.WorkEntry) }},
		{"work_usage", "id", func() any { return new(billing.Usage) }},
		{"work_reports", "id", func() any { return new(billing.ServiceReport) }},
		{"work_invoices", "id", func() any { return new(billing.InvoiceDraft) }},
	} {
		if err := rewriteDocs(ctx, q, t.table, t.key, t.fresh); err != nil {
			return err
		}
	}
	return nil
}

// rewriteDunningDocuments rewrites every dunning case into the dunning
// package's JSON form (lowerCamel names, money as decimal strings).
func rewriteDunningDocuments(ctx context.Context, _ *DB, q querier) error {
	return rewriteDocs(ctx, q, "dunning_cases", "invoice", func() any { return new(dunning.Case) })
}

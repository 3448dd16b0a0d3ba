package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/quota"
)

// legacyTerms and legacyLot are the form encoding/json gave quota.Terms
// and quota.Lot before they had a JSON form of their own: Go field names,
// hours in nanoseconds, money as a decimal string as shopspring wrote it
// ({"From":"2026-06","Hours":36000000000000,"Price":"950",...}).
type legacyTerms struct {
	From        quota.Period
	Hours       time.Duration
	Price       decimal.Decimal
	OverageRate decimal.Decimal
	Rollover    quota.Rollover
	Overdraft   quota.Overdraft
	Correction  quota.Correction
}

type legacyLot struct {
	Expires quota.Period
	Hours   time.Duration
}

// rewriteBatch is how many accounts the rewrite reads at a time.
const rewriteBatch = 500

// rewriteQuotaDocuments rewrites every account's terms and lots from the
// legacy form into the quota package's JSON form ({"from":"2026-06",
// "hours":"10h","price":"950.00",...}). A document that does not read as
// the legacy form stops the migration, which then changes nothing.
func rewriteQuotaDocuments(ctx context.Context, db *DB, q querier) error {
	after := ""
	for {
		type doc struct{ id, terms, lots string }
		var docs []doc
		rows, err := q.query(ctx, `SELECT contract_id, terms, lots FROM quota_accounts WHERE contract_id > ? ORDER BY contract_id LIMIT ?`,
			after, rewriteBatch)
		if err != nil {
			return err
		}
		if err := scanAll(rows, func(r *sql.Rows) error {
			var d doc
			err := r.Scan(&d.id, &d.terms, &d.lots)
			docs = append(docs, d)
			return err
		}); err != nil {
			return err
		}
		for _, d := range docs {
			var oldTerms []legacyTerms
			var oldLots []legacyLot
			if err := decodeLegacy(d.terms, &oldTerms); err != nil {
				return fmt.Errorf("contract %q: terms: %w", d.id, err)
			}
			if err := decodeLegacy(d.lots, &oldLots); err != nil {
				return fmt.Errorf("contract %q: lots: %w", d.id, err)
			}
			terms := make([]quota.Terms, len(oldTerms))
			for i, t := range oldTerms {
				terms[i] = quota.Terms(t)
			}
			lots := make([]quota.Lot, len(oldLots))
			for i, l := range oldLots {
				lots[i] = quota.Lot(l)
			}
			newTerms, err := jsonArg(terms)
			if err != nil {
				return fmt.Errorf("contract %q: %w", d.id, err)
			}
			newLots, err := jsonArg(lots)
			if err != nil {
				return fmt.Errorf("contract %q: %w", d.id, err)
			}
			if _, err := q.exec(ctx, `UPDATE quota_accounts SET terms = ?, lots = ? WHERE contract_id = ?`,
				newTerms, newLots, d.id); err != nil {
				return err
			}
		}
		if len(docs) < rewriteBatch {
			return nil
		}
		after = docs[len(docs)-1].id
	}
}

// decodeLegacy reads a legacy document strictly: a name the legacy form
// did not have means the document is not in it.
func decodeLegacy(doc string, v any) error {
	dec := json.NewDecoder(bytes.NewReader([]byte(doc)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

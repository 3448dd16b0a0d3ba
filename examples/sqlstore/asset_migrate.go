package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/internal/jsonform"
)

// rewriteAssetDocuments rewrites the assets as received that
// receipt_assets keeps from encoding/json's default form into the asset
// package's JSON form ("customerId", "warranty":{"end":"2026-07-20"}). A
// document that does not read stops the migration, which then changes
// nothing.
func rewriteAssetDocuments(ctx context.Context, _ *DB, q querier) error {
	afterID, afterPos := "", -1
	for {
		type row struct {
			id       string
			pos      int
			received string
		}
		var rows []row
		rs, err := q.query(ctx, `SELECT receipt_id, pos, received FROM receipt_assets
			WHERE receipt_id > ? OR (receipt_id = ? AND pos > ?) ORDER BY receipt_id, pos LIMIT ?`,
			afterID, afterID, afterPos, rewriteBatch)
		if err != nil {
			return err
		}
		if err := scanAll(rs, func(r *sql.Rows) error {
			var x row
			err := r.Scan(&x.id, &x.pos, &x.received)
			rows = append(rows, x)
			return err
		}); err != nil {
			return err
		}
		for _, x := range rows {
			var a asset.Asset
			if err := jsonform.UnmarshalLegacy([]byte(x.received), &a); err != nil {
				return fmt.Errorf("receipt %q position %d: %w", x.id, x.pos, err)
			}
			doc, err := jsonArg(a)
			if err != nil {
				return fmt.Errorf("receipt %q position %d: %w", x.id, x.pos, err)
			}
			if _, err := q.exec(ctx, `UPDATE receipt_assets SET received = ? WHERE receipt_id = ? AND pos = ?`, doc, x.id, x.pos); err != nil {
				return err
			}
		}
		if len(rows) < rewriteBatch {
			return nil
		}
		afterID, afterPos = rows[len(rows)-1].id, rows[len(rows)-1].pos
	}
}

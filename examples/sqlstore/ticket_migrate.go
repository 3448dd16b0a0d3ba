package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/deskcore/deskcore/internal/jsonform"
	"github.com/deskcore/deskcore/ticket"
)

// rewriteTicketDocuments rewrites every ticket's attachments, comments and
// audit history from encoding/json's default form (Go field names: {"At":
// "...","By":{"Kind":"staff","ID":"max","Address":""},"Body":...}) into
// the ticket package's JSON form ({"at":"...","by":{"kind":"staff","id":
// "max"},"body":...}). A document that does not read as the old form stops
// the migration, which then changes nothing.
func rewriteTicketDocuments(ctx context.Context, _ *DB, q querier) error {
	var after int64
	for {
		type doc struct {
			number                     int64
			attachments, comments, log string
		}
		var docs []doc
		rows, err := q.query(ctx, `SELECT number, attachments, comments, audit FROM tickets WHERE number > ? ORDER BY number LIMIT ?`,
			after, rewriteBatch)
		if err != nil {
			return err
		}
		if err := scanAll(rows, func(r *sql.Rows) error {
			var d doc
			err := r.Scan(&d.number, &d.attachments, &d.comments, &d.log)
			docs = append(docs, d)
			return err
		}); err != nil {
			return err
		}
		for _, d := range docs {
			var attachments []ticket.Attachment
			var comments []ticket.Comment
			var audit []ticket.AuditEntry
			args := make([]any, 0, 4)
			for _, c := range []struct {
				name string
				old  string
				into any
			}{{"attachments", d.attachments, &attachments}, {"comments", d.comments, &comments}, {"audit", d.log, &audit}} {
				if err := jsonform.UnmarshalLegacy([]byte(c.old), c.into); err != nil {
					return fmt.Errorf("ticket %d: %s: %w", d.number, c.name, err)
				}
			}
			for _, v := range []any{nonNil(attachments), nonNil(comments), nonNil(audit)} {
				text, err := jsonArg(v)
				if err != nil {
					return fmt.Errorf("ticket %d: %w", d.number, err)
				}
				args = append(args, text)
			}
			if _, err := q.exec(ctx, `UPDATE tickets SET attachments = ?, comments = ?, audit = ? WHERE number = ?`,
				append(args, d.number)...); err != nil {
				return err
			}
		}
		if len(docs) < rewriteBatch {
			return nil
		}
		after = docs[len(docs)-1].number
	}
}

package sqlstore

import "context"

// OpenAtMigration opens a database with its schema brought up to
// migration last only, as an earlier version of the package left it.
func OpenAtMigration(ctx context.Context, postgres bool, where, last string) (*DB, error) {
	if postgres {
		return openPostgres(ctx, where, last)
	}
	return openSQLite(ctx, where, last)
}

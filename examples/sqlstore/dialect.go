package sqlstore

import (
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is what differs between the engines. The statements are written
// once, with ? placeholders and the upsert syntax both engines share
// (INSERT ... ON CONFLICT ... DO UPDATE/DO NOTHING, RETURNING); the
// dialect rewrites the placeholders, converts instants and classifies the
// driver's errors. A row lock (FOR UPDATE, PostgreSQL only) is written
// beside the SELECT it belongs to.
type dialect struct {
	name string
	// dollar numbers placeholders $1, $2, ... (PostgreSQL) instead of ?.
	dollar bool
	// vaultTx and readTx are the options of a vault transaction, which
	// must behave as if run alone, and of a consistent read. A write
	// transaction takes the engine's defaults (see DB.beginWrite).
	vaultTx, readTx *sql.TxOptions
	// lockLog, if not empty, runs before an access-log entry is inserted,
	// so that entries become visible in Seq order (see AssetStore).
	lockLog string
	// instant converts a non-zero instant to a statement argument.
	instant func(time.Time) any
	// classify says what a driver error means to the stores.
	classify func(error) failure
}

// failure is what a driver error means to a store.
type failure uint8

const (
	failOther    failure = iota // the store's own error, passed on
	failUnique                  // a unique or primary key was violated
	failConflict                // a concurrent transaction won: serialization failure, deadlock, busy
)

// timeLayout is how SQLite keeps instants: UTC, fixed width, so that text
// order is time order and range conditions work on the text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

var sqliteDialect = &dialect{
	name: "sqlite",
	// vaultTx: BEGIN IMMEDIATE (the writer's _txlock) on the
	// one writer connection.
	readTx:  &sql.TxOptions{ReadOnly: true}, // a deferred BEGIN: the snapshot starts at the first read
	instant: func(t time.Time) any { return t.UTC().Format(timeLayout) },
	classify: func(err error) failure {
		var e *sqlite.Error
		if !errors.As(err, &e) {
			return failOther
		}
		switch e.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return failUnique
		}
		switch e.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return failConflict
		}
		return failOther
	},
}

var postgresDialect = &dialect{
	name:    "postgres",
	dollar:  true,
	vaultTx: &sql.TxOptions{Isolation: sql.LevelSerializable},
	readTx:  &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
	lockLog: "LOCK TABLE access_log IN EXCLUSIVE MODE",
	instant: func(t time.Time) any { return t.UTC() },
	classify: func(err error) failure {
		var e *pgconn.PgError
		if !errors.As(err, &e) {
			return failOther
		}
		switch e.Code {
		case "23505": // unique_violation
			return failUnique
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return failConflict
		}
		return failOther
	},
}

// postgres reports whether the engine is PostgreSQL, for the few
// statements written differently there (a row lock).
func (d *dialect) postgres() bool { return d.dollar }

// rebind rewrites the ? placeholders of query for the dialect. The
// statements of this package have no ? inside string literals.
func (d *dialect) rebind(query string) string {
	if !d.dollar || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// Package billingtest is the conformance suite for billing's storage
// interfaces. Every adapter's own test calls it, so the in-memory, SQLite
// and PostgreSQL adapters are held to one behaviour, concurrency and
// rollback included, in the spirit of testing/fstest.TestFS.
package billingtest

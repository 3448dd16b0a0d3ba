// Package policycheck holds table-driven tests of deskcore's pure
// policies, written as a tester copies them: one row per rule of a source
// document, with the expected value worked out by hand and the counting
// written beside it, never copied from the code's output.
//
// The package has no code of its own; its tests are the point:
//
//   - billability_test.go: the paid-support terms (German, "kostenpflichtiger Support"):
//     billing.DefaultPolicy decides each WorkEntry, and the test asserts
//     the decision and the rule that made it, so a reordered rule list
//     fails loudly. Goodwill (Kulanz) and work units are separate tables,
//     because the policy decides whether work is billed and Goodwill and
//     UnitPolicy decide how much.
//   - complaint_test.go: the Dutch complaints procedure (Dutch, "Klachtenbeleid"): 7, 14 and 30
//     business days on complaint.NLOffice, across Koningsdag,
//     Bevrijdingsdag, Hemelvaartsdag, Easter and Christmas.
//   - rollover_test.go: the service agreement (German, "Das Kontingent"): 100 hours
//     bought, 50 used, 50 carried, and the none, capped and expiring
//     variants, on quota.Account without a store.
//
// To adapt a table to a host's own terms: build the policy the host
// configures (change a rule's Charging, a PolicyConfig target, a
// quota.Rollover), add a row per rule of the host's own document, and
// count the expected value by hand in a comment before running the test.
// The helpers are deliberately tiny (d for a date, at for an instant in
// the office's zone, h for hours) so that a row reads like the document
// it comes from. Run them with
//
//	go test ./examples/policycheck/
package policycheck

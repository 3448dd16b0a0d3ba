// Package conformance runs the checks that deskcore's storage conformance
// suites (quotatest, tickettest, billingtest, dunningtest, complainttest,
// assettest) are made of: named groups of named checks, each a subtest on
// a new, empty store, and Race, which makes concurrent writers meet.
// It is internal: hosts call the suites, never this.
package conformance

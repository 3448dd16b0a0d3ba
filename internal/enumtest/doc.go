// Package enumtest checks an enumeration's text forms against the one rule
// of internal/enum: each declared value writes its lowercase name, reads
// it back in any letter case, survives a JSON round trip, and any other
// text or undeclared value is a validation error that changes nothing.
package enumtest

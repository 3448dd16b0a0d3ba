// Package quota models the prepaid hour bank of a quota contract
// (Kontingent).
package quota

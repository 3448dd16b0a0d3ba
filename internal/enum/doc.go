// Package enum gives every enumeration of deskcore its text forms, by one
// rule:
//
//   - The text of a value is its lowercase name ("consumption",
//     "partly upheld"); String, MarshalText and the column a store writes
//     all use it.
//   - ParseX and UnmarshalText accept that name in any ASCII letter case
//     ("Consumption", "FREE") and nothing else: no surrounding spaces, no
//     numbers, no other spelling. Anything else is a *validation.Error
//     naming the type and listing the names, and UnmarshalText leaves its
//     destination unchanged.
//   - MarshalText refuses a value that is not declared with a
//     *validation.Error. A zero value is either declared with a name of
//     its own ("none", "pending"), declared as the empty text (EmptyZero:
//     a field that may stay unset), or not a value at all.
//   - String never fails: an undeclared value reads "Type(n)" for an
//     integer enumeration and is quoted for a string one.
//
// Integer enumerations (type Kind uint8) are built with Ints from their
// names indexed by value; string enumerations (type Kind string, whose
// values already are their text) with Strings.
package enum

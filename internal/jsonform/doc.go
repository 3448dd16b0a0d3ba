// Package jsonform is the one JSON form of deskcore's values, which every
// domain package's MarshalJSON and UnmarshalJSON follow and a storage
// adapter stores as documents:
//
//   - names are lowerCamel ("customerId", "overageRate");
//   - enumerations are their text ("consumption", "capped");
//   - calendar dates are "YYYY-MM-DD" and must exist: "2026-02-30" is
//     refused, not moved to 2 March;
//   - instants are RFC 3339 with their offset ("2026-06-03T16:30:00+02:00");
//   - hours and durations are written as the hours of a statement: "10h",
//     "7h30m", "45m", "-1h30m", "0h" (seconds only where present, "1h0m30s");
//     any text time.ParseDuration reads is accepted ("1.5h", "90m");
//   - money is a decimal string with at least two decimals ("950.00",
//     "0.125"), never a JSON number;
//   - unknown names, a second value after the first, and invalid values
//     are errors, not silent zeros.
//
// Example, in a domain package:
//
//	func (l *Lot) UnmarshalJSON(b []byte) error {
//		var w struct {
//			Expires Period `json:"expires"`
//			Hours   string `json:"hours"`
//		}
//		if err := jsonform.Decode(b, &w); err != nil {
//			return err
//		}
//		...
//	}
package jsonform

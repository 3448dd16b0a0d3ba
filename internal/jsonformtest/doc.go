// Package jsonformtest holds the checks the domain packages' tests make
// of their values' JSON form (internal/jsonform):
//
//	func TestExceptionJSON(t *testing.T) {
//		jsonformtest.RoundTrip(t, sla.Exception{Date: d(2026, 12, 24), Name: "Heiligabend"},
//			`{"date":"2026-12-24","name":"Heiligabend"}`)
//		jsonformtest.Refuses(t, "day_that_does_not_exist", `{"date":"2026-12-24"}`,
//			"2026-12-24", "2026-02-30", "date", &sla.Exception{})
//	}
//
// RoundTrip compares instants by the moment, as the form keeps an
// instant's offset and not its *time.Location.
package jsonformtest

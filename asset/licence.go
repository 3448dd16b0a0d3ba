package asset

import "github.com/rickb777/date/v2"

// Licence is the right to use software or a subscription: how many seats
// and until when. A device can carry one too (a firewall's security
// subscription: "Lizenzablauf-Daten" recorded at goods receipt). The zero
// value is "no licence recorded".
type Licence struct {
	Seats   int       // number of users or devices; 0 if not counted in seats
	Expires date.Date // last day of use; date.Zero for a perpetual licence
}

// IsZero reports whether no licence is recorded.
func (l Licence) IsZero() bool { return l == Licence{} }

// Perpetual reports whether the licence never expires.
func (l Licence) Perpetual() bool { return l.Expires == date.Zero }

// ValidOn reports whether the licence may be used on day d: recorded and
// either perpetual or not yet past its last day.
func (l Licence) ValidOn(d date.Date) bool {
	return !l.IsZero() && (l.Perpetual() || d <= l.Expires)
}

func (l Licence) validate(field string) error {
	if l.Seats < 0 || l.Seats > 1_000_000 {
		return invalid(field+".Seats", "must be 0 to 1000000, not %d", l.Seats)
	}
	return checkDate(field+".Expires", l.Expires, false)
}

package asset

import (
	"fmt"
	"iter"
	"slices"

	"github.com/rickb777/date/v2"
)

// Subject is what runs out: the warranty or the licence of an asset.
type Subject string

// The two things an expiry scan watches.
const (
	SubjectWarranty Subject = "warranty"
	SubjectLicence  Subject = "licence"
)

// ExpiryPolicy says how far ahead expiring warranties and licences are
// announced. The zero value announces 90 and 30 days ahead.
type ExpiryPolicy struct {
	// LeadDays are the lead times in days: a notice for lead L is due once
	// the last covered day is at most L days away. Order does not matter.
	// Empty means 90 and 30.
	LeadDays []int
}

// Lead times are at most ten years and at most twelve of them; more is a
// typing error, not a policy.
const (
	maxLeadDays  = 3660
	maxLeadTimes = 12
)

// Validate checks the lead times: each 1 to 3660 days, none repeated, at
// most 12. It returns nil or a *ValidationError.
func (p ExpiryPolicy) Validate() error {
	if len(p.LeadDays) > maxLeadTimes {
		return invalid("LeadDays", "has more than %d lead times", maxLeadTimes)
	}
	for i, l := range p.LeadDays {
		if l < 1 || l > maxLeadDays {
			return invalid(fmt.Sprintf("LeadDays[%d]", i), "must be 1 to %d days, not %d", maxLeadDays, l)
		}
		if slices.Contains(p.LeadDays[:i], l) {
			return invalid(fmt.Sprintf("LeadDays[%d]", i), "repeats %d", l)
		}
	}
	return nil
}

// leads returns the lead times in ascending order.
func (p ExpiryPolicy) leads() []int {
	if len(p.LeadDays) == 0 {
		return []int{30, 90}
	}
	l := slices.Clone(p.LeadDays)
	slices.Sort(l)
	return l
}

// Horizon is the longest lead time: an asset whose warranty and licence end
// later than today plus Horizon days has nothing due.
func (p ExpiryPolicy) Horizon() int { return slices.Max(p.leads()) }

// Notice announces that an asset's warranty or licence runs out: due
// LeadDays ahead, DaysLeft days before the last covered day. Responsible
// is who has to act: for rented equipment the provider, otherwise the
// customer.
type Notice struct {
	AssetID     string
	CustomerID  string
	SiteID      string
	Subject     Subject
	Expires     date.Date // last day covered or licensed
	LeadDays    int       // the lead time this notice is for
	DaysLeft    int       // Expires minus the scan's day; 0 on the last day
	Ownership   Ownership
	Responsible Party
}

// Key identifies a notice for "already notified": one notice per asset,
// subject, expiry date and lead time. The expiry date is part of the key so
// that an extended warranty is announced again.
func (n Notice) Key() NoticeKey {
	return NoticeKey{AssetID: n.AssetID, Subject: n.Subject, Expires: n.Expires, LeadDays: n.LeadDays}
}

// NoticeKey identifies a sent notice; see Notice.Key. It is comparable and
// maps onto a composite primary key.
type NoticeKey struct {
	AssetID  string
	Subject  Subject
	Expires  date.Date
	LeadDays int
}

// Due returns what is due for a on day today, whether or not it was sent
// before: for the warranty and for the licence, the notice of the shortest
// lead time that has been reached. Longer lead times are then superseded:
// an asset found 20 days before its end gets the 30-day notice only, never
// a late 90-day one. Nothing is due for a retired asset, a perpetual
// licence, or a day past the end. Due does not validate p; an invalid p
// gives no notices.
func (p ExpiryPolicy) Due(a Asset, today date.Date) []Notice {
	if p.Validate() != nil {
		return nil
	}
	return p.appendDue(nil, p.leads(), a, today)
}

func (p ExpiryPolicy) appendDue(dst []Notice, leads []int, a Asset, today date.Date) []Notice {
	if a.Status == StatusRetired {
		return dst
	}
	add := func(s Subject, end date.Date) {
		if end == date.Zero {
			return
		}
		left := int(end - today)
		if left < 0 {
			return
		}
		for _, l := range leads {
			if left <= l {
				dst = append(dst, Notice{
					AssetID: a.ID, CustomerID: a.CustomerID, SiteID: a.SiteID,
					Subject: s, Expires: end, LeadDays: l, DaysLeft: left,
					Ownership: a.Ownership, Responsible: a.WarrantyRisk(),
				})
				return
			}
		}
	}
	add(SubjectWarranty, a.Warranty.End)
	add(SubjectLicence, a.Licence.Expires)
	return dst
}

// Scan streams the notices due on day today for assets, leaving out those
// for which notified reports true. It is the expiry scan as a pure
// function: assets can be a store query, a slice or a file, and notified
// is how the host says what it has sent (Inventory.Expiring uses the
// store's record of MarkNotified). Scan writes nothing, so a notice is
// yielded again on every run until it is marked.
//
// The sequence stops at the first error from assets or notified, which it
// yields with a zero Notice; an invalid policy or a nil assets is yielded
// as a *ValidationError. It can be iterated again if assets can.
func (p ExpiryPolicy) Scan(assets iter.Seq2[Asset, error], today date.Date, notified func(NoticeKey) (bool, error)) iter.Seq2[Notice, error] {
	return func(yield func(Notice, error) bool) {
		if err := p.Validate(); err != nil {
			yield(Notice{}, err)
			return
		}
		if assets == nil {
			yield(Notice{}, invalid("assets", "is nil"))
			return
		}
		leads := p.leads()
		var buf []Notice
		for a, err := range assets {
			if err != nil {
				yield(Notice{}, err)
				return
			}
			buf = p.appendDue(buf[:0], leads, a, today)
			for _, n := range buf {
				if notified != nil {
					sent, err := notified(n.Key())
					if err != nil {
						yield(Notice{}, err)
						return
					}
					if sent {
						continue
					}
				}
				if !yield(n, nil) {
					return
				}
			}
		}
	}
}

package memstore

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/billingtest"
)

// recordFull is a work entry with every field set, its instants in a
// zone other than UTC.
func recordFull() billing.WorkEntry {
	cet := time.FixedZone("CET", 3600)
	return billing.WorkEntry{
		ID: "E-1", CustomerID: "C-1", BranchID: "B-1", TicketID: "T-1", Technician: "alice",
		Date:  date.New(2026, 3, 2),
		Start: time.Date(2026, 3, 2, 9, 0, 0, 123, cet), End: time.Date(2026, 3, 2, 11, 30, 0, 0, cet),
		Duration: 150 * time.Minute, Activity: billing.ActivityMigration, Product: "mail",
		Fault: billing.FaultCustomer, Travel: billing.Travel{Zone: "Z1"}, OrderRef: "PO-1",
		Billable: billing.BillableNo, Justification: "warranty",
		Goodwill:    billing.Goodwill{Waive: 10 * time.Minute, Percent: decimal.RequireFromString("12.5"), Reason: "first case"},
		Description: "moved the mailboxes", Reverses: "E-0",
		State: billing.Released, ReleasedBy: "backoffice", ReleasedOn: date.New(2026, 3, 31), ReportID: "SR-1",
	}
}

// recordCases are entries whose every field must come back as stored.
func recordCases(t *testing.T) map[string]billing.WorkEntry {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.FixedZone("CEST", 7200)
	}
	with := func(f func(e *billing.WorkEntry)) billing.WorkEntry {
		e := recordFull()
		f(&e)
		return e
	}
	return map[string]billing.WorkEntry{
		"every_field":      recordFull(),
		"zero_values":      {ID: "E-1", CustomerID: "C-1"},
		"no_customer":      {ID: "E-1"},
		"utc":              with(func(e *billing.WorkEntry) { e.Start, e.End = e.Start.UTC(), e.End.UTC() }),
		"named_zone":       with(func(e *billing.WorkEntry) { e.Start, e.End = e.Start.In(berlin), e.End.In(berlin) }),
		"local_zone":       with(func(e *billing.WorkEntry) { e.Start, e.End = e.Start.In(time.Local), e.End.In(time.Local) }),
		"monotonic":        with(func(e *billing.WorkEntry) { e.Start = time.Now(); e.End = e.Start.Add(time.Hour) }),
		"before_1970":      with(func(e *billing.WorkEntry) { e.Start = time.Date(1, 1, 1, 0, 0, 0, 1, berlin) }),
		"year_9999":        with(func(e *billing.WorkEntry) { e.End = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC) }),
		"kilometres":       with(func(e *billing.WorkEntry) { e.Travel = billing.Travel{Kilometres: 42} }),
		"percent_zero":     with(func(e *billing.WorkEntry) { e.Goodwill.Percent = decimal.RequireFromString("0.00") }),
		"percent_integer":  with(func(e *billing.WorkEntry) { e.Goodwill.Percent = decimal.New(100, 0) }),
		"percent_negative": with(func(e *billing.WorkEntry) { e.Goodwill.Percent = decimal.RequireFromString("-0.01") }),
		"percent_huge": with(func(e *billing.WorkEntry) {
			e.Goodwill.Percent = decimal.RequireFromString("123456789012345678901234567890.5")
		}),
		"texts_unusual": with(func(e *billing.WorkEntry) {
			e.Description = "Ümläute, \x00 and a tab\t"
			e.Product = strings.Repeat("x", 5000)
		}),
	}
}

// recordWant is e as the store gives it back after AddEntry: version 1,
// the instants without a monotonic reading.
func recordWant(e billing.WorkEntry) billing.WorkEntry {
	e.Version = 1
	e.Start, e.End = e.Start.Round(0), e.End.Round(0)
	return e
}

func requireSameEntry(t *testing.T, want, got billing.WorkEntry) {
	t.Helper()
	require.Equal(t, want, got)
	// == on time.Time also compares the location pointer.
	require.True(t, want.Start == got.Start, "Start %v, want %v", got.Start, want.Start)
	require.True(t, want.End == got.End, "End %v, want %v", got.End, want.End)
}

// An entry read back, by ID, through Entries, after an update and in a
// report, equals the entry stored, field for field.
func TestBillingStoreGivesBackEveryField(t *testing.T) {
	for _, arenaMax := range []int{billingArenaMax, 8} {
		for name, e := range recordCases(t) {
			t.Run(fmt.Sprintf("%s/arena_max=%d", name, arenaMax), func(t *testing.T) {
				defer func(m int) { billingArenaMax = m }(billingArenaMax)
				billingArenaMax = arenaMax // past it, texts go to the side table
				ctx := t.Context()
				s := NewBillingStore()
				// Another entry of the customer first, so texts repeat.
				other := recordFull()
				other.ID, other.CustomerID, other.Reverses = "E-0", e.CustomerID, ""
				require.NoError(t, s.AddEntry(ctx, other))
				require.NoError(t, s.AddEntry(ctx, e))
				want := recordWant(e)
				got, err := s.Entry(ctx, e.ID)
				require.NoError(t, err)
				requireSameEntry(t, want, got)

				var listed []billing.WorkEntry
				for got, err := range s.Entries(ctx, e.CustomerID, e.State, e.Date) {
					require.NoError(t, err)
					if got.ID == e.ID {
						listed = append(listed, got)
					}
				}
				require.Len(t, listed, 1)
				requireSameEntry(t, want, listed[0])

				require.NoError(t, s.UpdateEntry(ctx, e.ID, func(*billing.WorkEntry) error { return nil }))
				want.Version = 2
				got, err = s.Entry(ctx, e.ID)
				require.NoError(t, err)
				requireSameEntry(t, want, got)

				// Billed, the report lists the entry as billed; the entry is reported.
				require.NoError(t, s.UpdateEntry(ctx, e.ID, func(e *billing.WorkEntry) error { e.State = billing.Released; return nil }))
				billed, err := s.Entry(ctx, e.ID)
				require.NoError(t, err)
				r := billing.ServiceReport{ID: "SR-9", CustomerID: e.CustomerID, Entries: []billing.ReportEntry{{Entry: billed, Held: "no order"}}}
				require.NoError(t, s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{r}}))
				stored, err := s.Report(ctx, "SR-9")
				require.NoError(t, err)
				require.Equal(t, r, stored)
				requireSameEntry(t, billed, stored.Entries[0].Entry)
				got, err = s.Entry(ctx, e.ID)
				require.NoError(t, err)
				billed.State, billed.ReportID, billed.Version = billing.Reported, "SR-9", billed.Version+1
				requireSameEntry(t, billed, got)
			})
		}
	}
}

// cloneTexts returns a copy of v whose strings share no bytes with v's.
func cloneTexts[T any](v T) T {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if v.CanSet() {
				v.SetString(strings.Clone(v.String()))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	c := reflect.New(reflect.TypeOf(v)).Elem()
	c.Set(reflect.ValueOf(v))
	if c.Kind() == reflect.Slice {
		c.Set(reflect.AppendSlice(reflect.MakeSlice(c.Type(), 0, c.Len()), c))
	}
	walk(c)
	return c.Interface().(T)
}

// Entries handed out stay as they were while the store's entries are
// added, updated, moved to another customer and billed: their texts
// point into the customer's arena, which is only ever appended to.
func TestBillingStoreEntriesHandedOutNeverChange(t *testing.T) {
	ctx := t.Context()
	s := NewBillingStore()
	for i := range 3 {
		e := recordFull()
		e.ID, e.Reverses = fmt.Sprint("E-", i), ""
		require.NoError(t, s.AddEntry(ctx, e))
	}
	var handed []billing.WorkEntry
	for e, err := range s.Entries(ctx, "C-1", billing.Released, date.New(2026, 3, 31)) {
		require.NoError(t, err)
		handed = append(handed, e)
	}
	require.Len(t, handed, 3)
	r := billing.ServiceReport{ID: "SR-1", CustomerID: "C-1", Entries: []billing.ReportEntry{{Entry: handed[2]}}}
	require.NoError(t, s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{r}}))
	report, err := s.Report(ctx, "SR-1")
	require.NoError(t, err)
	want, wantReport := cloneTexts(handed), cloneTexts(report.Entries)

	// Enough new work to move the arena, updates of every text, a move.
	for i := range 1000 {
		e := recordFull()
		e.ID, e.Reverses, e.Description = fmt.Sprint("N-", i), "", strings.Repeat("new work ", i%20)
		require.NoError(t, s.AddEntry(ctx, e))
	}
	require.NoError(t, s.UpdateEntry(ctx, "E-0", func(e *billing.WorkEntry) error {
		e.Description, e.Technician, e.OrderRef, e.Product = "changed", "bob", "PO-2", "web"
		e.Start = e.Start.In(time.UTC)
		return nil
	}))
	require.NoError(t, s.UpdateEntry(ctx, "E-1", func(e *billing.WorkEntry) error { e.CustomerID = "C-2"; return nil }))
	require.Equal(t, want, handed)
	require.Equal(t, wantReport, report.Entries)

	// And the store reads the changes.
	got, err := s.Entry(ctx, "E-0")
	require.NoError(t, err)
	require.Equal(t, "changed", got.Description)
	require.Equal(t, "PO-1", handed[0].OrderRef)
	again, err := s.Report(ctx, "SR-1")
	require.NoError(t, err)
	require.Equal(t, report, again)
}

// recordRandomEntry returns an entry with random texts, instants, zone
// and goodwill, of one of three customers.
func recordRandomEntry(rnd *rand.Rand, id string, zones []*time.Location) billing.WorkEntry {
	text := func() string {
		return strings.Repeat(string(rune('a'+rnd.IntN(26))), rnd.IntN(12))
	}
	day := date.New(2026, 3, 1+rnd.IntN(31))
	start := time.Date(2026, 3, day.Day(), rnd.IntN(24), rnd.IntN(60), 0, rnd.IntN(1e9), zones[rnd.IntN(len(zones))])
	e := billing.WorkEntry{
		ID: id, CustomerID: fmt.Sprint("C-", rnd.IntN(3)), BranchID: text(), TicketID: text(), Technician: text(),
		Date: day, Start: start, End: start.Add(time.Duration(rnd.IntN(3600)) * time.Second),
		Duration: time.Duration(rnd.IntN(5)) * time.Hour, Activity: billing.Activity(text()), Product: text(),
		Fault: billing.Fault(rnd.IntN(3)), Travel: billing.Travel{Zone: text(), Kilometres: rnd.IntN(3)},
		OrderRef: text(), Billable: billing.Billable(rnd.IntN(3)), Justification: text(),
		Goodwill:    billing.Goodwill{Waive: time.Duration(rnd.IntN(3)) * time.Minute, Reason: text()},
		Description: text(), State: billing.EntryState(1 + rnd.IntN(2)), ReleasedBy: text(),
	}
	if rnd.IntN(3) == 0 {
		e.Goodwill.Percent = decimal.New(rnd.Int64N(10001), -int32(rnd.IntN(3)))
	}
	return e
}

// recordModel is the store as it behaved when it kept WorkEntry values:
// what was stored, version counted, instants without monotonic reading.
type recordModel map[string]billing.WorkEntry

func (m recordModel) entries(customer string, state billing.EntryState, through date.Date) []billing.WorkEntry {
	var out []billing.WorkEntry
	for _, e := range m {
		if e.CustomerID == customer && e.State == state && e.Date <= through {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b billing.WorkEntry) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	return out
}

// Random additions and updates (texts, instants, zones, customers,
// dates) read back as a plain map of entries says, also when every ID
// has the same hash.
func TestBillingStoreAgreesWithPlainEntries(t *testing.T) {
	for _, collide := range []bool{false, true} {
		t.Run(fmt.Sprint("ids_collide=", collide), func(t *testing.T) {
			ctx := t.Context()
			rnd := rand.New(rand.NewPCG(7, 8))
			zones := []*time.Location{time.UTC, time.FixedZone("CET", 3600), time.FixedZone("X", -5*3600-1800)}
			s := NewBillingStore()
			if collide {
				s.entries.hash = func(string) uint64 { return 42 }
			}
			model := recordModel{}
			for i := range 2000 {
				if len(model) == 0 || rnd.IntN(3) > 0 {
					e := recordRandomEntry(rnd, fmt.Sprint("E-", i), zones)
					require.NoError(t, s.AddEntry(ctx, e))
					model[e.ID] = recordWant(e)
				} else {
					id := fmt.Sprint("E-", rnd.IntN(i))
					old, ok := model[id]
					if !ok {
						continue
					}
					next := recordRandomEntry(rnd, id, zones)
					require.NoError(t, s.UpdateEntry(ctx, id, func(e *billing.WorkEntry) error {
						require.Equal(t, old, *e)
						*e = next
						return nil
					}))
					want := recordWant(next)
					want.Version = old.Version + 1
					model[id] = want
				}
				if i%50 != 0 {
					continue
				}
				for id, want := range model {
					got, err := s.Entry(ctx, id)
					require.NoError(t, err)
					requireSameEntry(t, want, got)
				}
				for c := range 3 {
					customer := fmt.Sprint("C-", c)
					for state := billing.Recorded; state <= billing.Released; state++ {
						through := date.New(2026, 3, 1+rnd.IntN(31))
						var got []billing.WorkEntry
						for e, err := range s.Entries(ctx, customer, state, through) {
							require.NoError(t, err)
							got = append(got, e)
						}
						require.Equal(t, model.entries(customer, state, through), got)
					}
				}
			}
		})
	}
}

// The conformance suite holds when every entry ID has the same hash:
// the index falls back to finding the entries by ID.
func TestBillingStoreWhenIDHashesCollide(t *testing.T) {
	billingtest.TestWorkStore(t, func(*testing.T) billing.WorkStore {
		s := NewBillingStore()
		s.entries.hash = func(string) uint64 { return 42 }
		return s
	})
}

// Reading an entry allocates nothing: its strings point into the
// customer's arena.
func TestBillingStoreReadsEntriesWithoutAllocating(t *testing.T) {
	ctx := t.Context()
	s := NewBillingStore()
	e := recordFull()
	e.Goodwill = billing.Goodwill{} // a goodwill percentage is rebuilt as a decimal
	require.NoError(t, s.AddEntry(ctx, e))
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := s.Entry(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
	})
	require.Zero(t, allocs)
}

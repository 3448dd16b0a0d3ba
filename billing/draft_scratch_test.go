package billing

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/validation"
)

// A run drafts customer after customer in memory it reuses: each draft
// must be what drafting the customer alone gives, whatever was drafted
// before it.
func TestDraftInReusedMemoryEqualsDraftAlone(t *testing.T) {
	drafted := 0
	var numbers numberCache // a run's, for the invoices
	eachRandomDraft(1500, 1, func(c randomCustomer, got Draft, gotErr error) {
		want, wantErr := BillerConfig{}.DraftReports(c.Contract, randomRun, c.Entries, c.Usage)
		require.Equal(t, wantErr, gotErr, c.Contract.CustomerID)
		require.Equal(t, want, got, c.Contract.CustomerID)
		if gotErr == nil {
			drafted++
		}
		for i := range got.Reports {
			inv, ok := got.Reports[i].invoice(&numbers)
			wantInv, wantOK := want.Reports[i].Invoice()
			require.Equal(t, wantOK, ok)
			require.Equal(t, wantInv, inv)
		}
	})
	require.Greater(t, drafted, 1000, "most random customers must draft")
}

var randomRun = BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: date.New(2026, 4, 1)}

// eachRandomDraft drafts n random customers (randomCustomers with the
// seed) one after the other in one reused memory, as a run does.
func eachRandomDraft(n int, seed uint64, fn func(randomCustomer, Draft, error)) {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	var s draftScratch
	for _, c := range randomCustomers(rng, n) {
		d, err := BillerConfig{}.draftReports(c.Contract, randomRun, c.Entries, c.Usage, nil, &s)
		fn(c, d, err)
	}
}

// Every line's net amount and every report's totals are the exact
// decimal results (quantity × price / base, half away from zero to the
// cent), however the draft computed them.
func TestDraftedAmountsEqualExactDecimals(t *testing.T) {
	lines := 0
	eachRandomDraft(1500, 3, func(_ randomCustomer, d Draft, err error) {
		if err != nil {
			return
		}
		for _, r := range d.Reports {
			for _, l := range r.Lines {
				exact := lineNetExact(l.Quantity, l.Price, orOne(l.BaseQuantity))
				require.True(t, l.Net.Equal(exact) && l.Net.Exponent() == exact.Exponent(), "%s: %s × %s / %s: %s, want %s", l.Description, l.Quantity, l.Price, l.BaseQuantity, l.Net, exact)
				lines++
			}
			require.True(t, r.Totals.Equal(totalsExact(r.Lines)), r.ID)
		}
	})
	require.Greater(t, lines, 10_000)
}

// The cache of decimals gives the same numbers as computing them anew,
// for amounts seen before and new ones, in both signs.
func TestCachedLineNetEqualsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var c numberCache
	for range 200_000 {
		q := decimal.New(rng.Int64N(2001)-1000, -int32(rng.IntN(3)))
		p := decimal.New(rng.Int64N(1_000_000), -int32(rng.IntN(5)))
		base := []decimal.Decimal{{}, workOne, workMinutesPerHour, workSecondsPerHour, decimal.New(7, 0)}[rng.IntN(5)]
		got, want := c.lineNet(q, p, base), lineNetExact(q, p, orOne(base))
		require.True(t, got.Equal(want) && got.Exponent() == want.Exponent(), "%s × %s / %s: %s, want %s", q, p, base, got, want)
		n := rng.Int64N(20001) - 10000
		require.True(t, c.count(n).Equal(decimal.NewFromInt(n)), "count %d", n)
	}
	require.LessOrEqual(t, len(c.cents), numberCacheMax)
	require.LessOrEqual(t, len(c.counts), numberCacheMax)
}

func orOne(base decimal.Decimal) decimal.Decimal {
	if base.IsZero() {
		return workOne
	}
	return base
}

// A posting's idempotency key is "billing/" and the entry's ID, or for an
// ID longer than 180 bytes a SHA-256 digest of it, so that keys stay
// within the ledger's 200 bytes; a customer's keys written together are
// the same.
func TestQuotaKeysOfEntryIDs(t *testing.T) {
	long := strings.Repeat("x", 181)
	sum := sha256.Sum256([]byte(long))
	ids := []string{"E-1", strings.Repeat("y", 180), long, "Ä/ö"}
	want := []string{"billing/E-1", "billing/" + ids[1], "billing/sha256:" + hex.EncodeToString(sum[:]), "billing/Ä/ö"}
	reports := []ServiceReport{{Entries: make([]ReportEntry, len(ids))}}
	var postings []quotaPosting
	for i, id := range ids {
		require.Equal(t, want[i], quotaKey(id))
		require.LessOrEqual(t, len(quotaKey(id)), 200)
		reports[0].Entries[i].Entry.ID = id
		postings = append(postings, quotaPosting{report: 0, entry: i})
	}
	s := runScratch{keys: []byte("left over from the customer before"), keyEnds: []int{3, 1, 4}}
	quotaKeys(reports, postings, &s)
	for i, p := range postings {
		require.Equal(t, want[i], p.key)
	}
}

// The quick check of a rate card's prices accepts only what
// validation.DecimalReason accepts, at the bounds too, and accepts the
// usual prices.
func TestSmallMoneyIsValidMoney(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	bounds := []int64{0, 1, 9, 10, 99, 100, 999_999_999_999, 1_000_000_000_000, 9_999_999_999_999_999, 99_999_999_999_999_999}
	for i := range 300_000 {
		var coef int64
		if i%3 == 0 {
			coef = bounds[rng.IntN(len(bounds))] * []int64{1, -1}[rng.IntN(2)]
		} else {
			coef = rng.Int64N(1 << rng.IntN(63))
		}
		v := decimal.New(coef, int32(rng.IntN(12)-8))
		digits := int32(rng.IntN(5))
		if workSmallMoney(v, digits) {
			require.Empty(t, validation.DecimalReason(v, digits), "%s with %d decimals", v, digits)
		}
	}
	for _, s := range []string{"95.00", "0.5", "1234.5678", "0", "999999999999"} {
		require.True(t, workSmallMoney(decimal.RequireFromString(s), 4), s)
	}
	for _, s := range []string{"1000000000000", "-1", "0.00001"} {
		require.False(t, workSmallMoney(decimal.RequireFromString(s), 4), s)
	}
}

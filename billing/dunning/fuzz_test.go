package dunning_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
)

// dunFuzzAmount reads a fuzzed amount; text that is no number is zero.
func dunFuzzAmount(s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil || len(s) > 40 {
		return decimal.Zero
	}
	return d
}

// FuzzDisputeRequest: any request is either refused with a
// *ValidationError (nothing recorded) or accepted as a dispute that holds
// more than 0 and at most what is open, with its missing copies among the
// recommended ones. Never a panic.
func FuzzDisputeRequest(f *testing.F) {
	f.Add("kunde@example.de", "Position 2 falsch", false, "", "2", "200.00", uint8(1), "mail-1", 1, int64(0))
	f.Add("k", "?", true, "", "", "", uint8(3), "r", 0, int64(3600))
	f.Add("", "", false, "0.001", "", "", uint8(0), "", -1, int64(-1))
	f.Add("k", "d", false, "5000.00", "", "", uint8(9), "r", 2, int64(1e15))
	f.Add("k\x00", "d\xff", false, "-3", "1", "abc", uint8(2), "", 0, int64(86400*365*300))
	p := dunPolicy()
	f.Fuzz(func(t *testing.T, by, desc string, all bool, amount, line, lineAmount string, kind uint8, ref string, notice int, offset int64) {
		c := dunCase(t, dunInvoice())
		if _, err := c.Run(p, dday(2025, 6, 6)); err != nil {
			t.Fatal(err)
		}
		r := dunning.DisputeRequest{
			Invoice: "RE-2025-0001", ReceivedAt: dber(2025, 6, 10, 10, 0).Add(time.Duration(offset) * time.Second),
			By: by, Notice: notice, Description: desc, All: all, Amount: dunFuzzAmount(amount),
		}
		if line != "" || lineAmount != "" {
			r.Lines = []dunning.DisputedLine{{Line: line, Amount: dunFuzzAmount(lineAmount)}}
		}
		if kind != 0 || ref != "" {
			r.Attachments = []dunning.DisputeAttachment{{Kind: dunning.DisputeAttachmentKind(kind), Ref: ref}}
		}
		before := c.Clone()
		x, err := c.OpenDispute(p, r)
		if err != nil {
			var verr *dunning.ValidationError
			switch {
			case errors.As(err, &verr):
				if len(verr.Problems) == 0 {
					t.Fatal("a validation error without problems")
				}
			case errors.Is(err, dunning.ErrInvoiceSettled), errors.Is(err, dunning.ErrInvalid):
			default:
				t.Logf("refused: %v", err) // e.g. deadlines outside the calendar's years
			}
			if len(c.History) != len(before.History) || len(c.Disputes) != len(before.Disputes) {
				t.Fatalf("refused with %v but recorded", err)
			}
			return
		}
		if r.Validate() != nil {
			t.Fatalf("accepted an invalid request: %v", r.Validate())
		}
		open := c.Invoice.Open(x.ReceivedOn)
		if !x.Held.IsPositive() || x.Held.GreaterThan(open) || x.Held.GreaterThan(x.Disputed) {
			t.Fatalf("holds %s of %s disputed, %s open", x.Held, x.Disputed, open)
		}
		for _, k := range x.Missing {
			if !slices.Contains([]dunning.DisputeAttachmentKind{dunning.AttachOffer, dunning.AttachOriginalInvoice, dunning.AttachNotice}, k) {
				t.Fatalf("missing %v is not recommended", k)
			}
		}
		if x.State != dunning.DisputeReceived || len(c.History) != len(before.History)+1 || x.AssignedTo != "am-anna" {
			t.Fatalf("accepted wrongly: %+v", x)
		}
	})
}

// FuzzOpenInvoice: an invoice is refused with a *ValidationError or
// accepted, and then a run over it never panics, and a notice demands what
// is open and adds up.
func FuzzOpenInvoice(f *testing.F) {
	f.Add("RE-1", "C-1", uint8(1), int64(0), "1000.00", "100.00", int64(3), false, 0, 30)
	f.Add("", "", uint8(0), int64(-1e12), "-1", "0", int64(0), true, 1, 0)
	f.Add("RE\n2", "C", uint8(2), int64(5e5), "0.015", "9999999999999", int64(-5), true, 0, 400)
	p := dunPolicy()
	f.Fuzz(func(t *testing.T, number, customer string, typ uint8, due int64, amount, payment string, payDay int64, credit bool, dispute, runAfter int) {
		inv := dunning.OpenInvoice{
			Number: number, CustomerID: customer, CustomerType: dunning.CustomerType(typ),
			Due: dday(2025, 5, 30) + date.Date(due), Amount: dunFuzzAmount(amount),
		}
		if payment != "" {
			inv.Payments = []dunning.Payment{{Date: inv.Due + date.Date(payDay), Amount: dunFuzzAmount(payment), Credit: credit, Dispute: dispute}}
		}
		c, err := dunning.NewCase(inv)
		if err != nil {
			var verr *dunning.ValidationError
			if !errors.As(err, &verr) || len(verr.Problems) == 0 {
				t.Fatalf("not a validation error: %v", err)
			}
			return
		}
		on := inv.Due + date.Date(runAfter%2000)
		res, err := c.Run(p, on)
		if err != nil {
			var verr *dunning.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("run: %v", err)
			}
			return
		}
		if res.Outcome == dunning.Issued {
			n := res.Notice
			if !n.Dunned.Equal(inv.Open(on)) || !n.Total.Equal(n.Dunned.Add(n.FeesDue).Add(n.Interest)) {
				t.Fatalf("notice does not add up: %+v", n)
			}
		}
	})
}

// FuzzDisputeAgainstTheInvoice disputes a fuzzed amount, or fuzzed lines,
// of an invoice of a fuzzed amount, checks some items and decides, each at
// a fuzzed instant, and checks what must hold whatever the numbers: a
// dispute never claims more than the invoice, a decision never corrects
// more than was disputed, the steps of a dispute are in time order, and
// a refused step changes nothing.
func FuzzDisputeAgainstTheInvoice(f *testing.F) {
	f.Add(int64(100_00), int64(500_00), int64(0), int64(0), false, uint8(1), int64(0), int64(60), int64(120))
	f.Add(int64(2000_00), int64(5000_00), int64(0), int64(0), false, uint8(2), int64(10_00), int64(60), int64(30))
	f.Add(int64(1000_00), int64(0), int64(600_00), int64(400_01), false, uint8(3), int64(0), int64(-60), int64(0))
	f.Add(int64(1000_00), int64(0), int64(0), int64(0), true, uint8(2), int64(999_99), int64(0), int64(1))
	f.Add(int64(1), int64(1), int64(0), int64(0), false, uint8(9), int64(-1), int64(1<<40), int64(-1<<40))
	p := dunPolicy()
	f.Fuzz(func(t *testing.T, invoiced, amount, line1, line2 int64, all bool, outcome uint8, corrected, checkAfter, decideAfter int64) {
		inv := dunInvoice()
		inv.Amount = decimal.New(invoiced, -2)
		if inv.Validate() != nil {
			return
		}
		c := dunCase(t, inv)
		dunRun(t, c, p, dday(2025, 6, 6), dunning.Issued)
		received := dber(2025, 6, 10, 10, 0)
		r := dunning.DisputeRequest{Invoice: inv.Number, ReceivedAt: received, By: "kunde", Notice: 1, Description: "falsch", All: all, Amount: decimal.New(amount, -2)}
		if line1 != 0 || line2 != 0 {
			r.Lines = []dunning.DisputedLine{{Line: "1", Amount: decimal.New(line1, -2)}, {Line: "2", Amount: decimal.New(line2, -2)}}
		}
		before := c.Clone()
		x, err := c.OpenDispute(p, r)
		if err != nil {
			require.Equal(t, before, *c, "a refused dispute changes nothing")
			return
		}
		if x.Disputed.GreaterThan(inv.Amount) {
			t.Fatalf("disputes %s of an invoice of %s", x.Disputed, inv.Amount)
		}
		checkAt := received.Add(time.Duration(checkAfter%(1<<32)) * time.Second)
		before = c.Clone()
		_, err = c.CheckDisputeItem(p, x.No, dunning.DisputeStep{At: checkAt, By: "am-anna"}, dunning.DisputeCheck{Item: x.Checklist[0].Item, Against: x.Checklist[0].Against, Result: dunning.CheckMatches})
		if err != nil {
			require.Equal(t, before, *c, "a refused check changes nothing")
		}
		decideAt := checkAt.Add(time.Duration(decideAfter%(1<<32)) * time.Second)
		before = c.Clone()
		d, err := c.DecideDispute(p, x.No, dunning.DisputeDecision{Outcome: dunning.DisputeState(outcome), At: decideAt, By: "am-anna", Reasons: "geprüft", Corrected: decimal.New(corrected, -2)})
		if err != nil {
			require.Equal(t, before, *c, "a refused decision changes nothing")
			return
		}
		if d.Corrected.GreaterThan(d.Disputed) || d.Corrected.GreaterThan(inv.Amount) || d.Corrected.IsNegative() {
			t.Fatalf("corrects %s of %s disputed on an invoice of %s", d.Corrected, d.Disputed, inv.Amount)
		}
		var last time.Time
		for _, e := range c.History {
			if e.Dispute != x.No {
				continue
			}
			if e.At.Before(last) {
				t.Fatalf("the dispute's steps are out of time order: %v after %v", e.At, last)
			}
			last = e.At
		}
	})
}

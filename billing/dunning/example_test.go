package dunning_test

import (
	"fmt"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/sla"
)

// A dunning run with the German defaults: a reminder, then notices with
// the 40 EUR flat fee and default interest at the base rate plus 9 points,
// across the base-rate change of 1 July 2025.
func ExampleCase_Run() {
	support, err := sla.NewCalendar(sla.Config{
		Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysBE,
	})
	if err != nil {
		panic(err)
	}
	p := dunning.GermanPolicy(support, []dunning.BaseRate{ // the host's table
		{From: date.New(2025, time.January, 1), Percent: decimal.RequireFromString("2.27")},
		{From: date.New(2025, time.July, 1), Percent: decimal.RequireFromString("1.27")},
	}, "cs@ampere.cloud") // disputes without an account manager on record

	c, err := dunning.NewCase(dunning.OpenInvoice{
		Number: "RE-2025-0001", CustomerID: "C-1", CustomerType: dunning.BusinessCustomer,
		Due: date.New(2025, time.May, 30), Amount: decimal.RequireFromString("1000.00"),
	})
	if err != nil {
		panic(err)
	}
	for on := date.New(2025, time.June, 1); on <= date.New(2025, time.July, 31); on++ {
		res, err := c.Run(p, on) // the nightly run
		if err != nil {
			panic(err)
		}
		if res.Outcome != dunning.Issued {
			continue
		}
		n := res.Notice
		fmt.Printf("%s %-18s %s + fees %s + interest %5s = %s, pay by %s\n", n.Date, n.LevelName,
			n.Dunned.StringFixed(2), n.FeesDue.StringFixed(2), n.Interest.StringFixed(2), n.Total.StringFixed(2), n.Deadline)
	}
	// Output:
	// 2025-06-06 Zahlungserinnerung 1000.00 + fees 0.00 + interest  0.00 = 1000.00, pay by 2025-06-16
	// 2025-06-20 1. Mahnung         1000.00 + fees 40.00 + interest  4.01 = 1044.01, pay by 2025-06-30
	// 2025-07-04 2. Mahnung         1000.00 + fees 40.00 + interest  8.25 = 1048.25, pay by 2025-07-14
	// 2025-07-18 Letzte Mahnung     1000.00 + fees 40.00 + interest 12.19 = 1052.19, pay by 2025-07-28
}

// A dispute of two invoice lines holds them while the rest is dunned; the
// account manager checks the lines against offer and order and upholds the
// dispute in part, and dunning resumes with a new payment deadline.
func ExampleCase_DecideDispute() {
	support, err := sla.NewCalendar(sla.Config{
		Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysBE,
	})
	if err != nil {
		panic(err)
	}
	berlin := support.Location()
	eur := decimal.RequireFromString
	p := dunning.Policy{
		Levels: []dunning.Level{
			{Name: "Zahlungserinnerung", Days: 7},
			{Name: "1. Mahnung", Days: 14, After: dunning.AfterPrevious, Fee: eur("5.00")},
			{Name: "2. Mahnung", Days: 14, After: dunning.AfterPrevious, Fee: eur("10.00")},
		},
		Calendar:    support,
		PaymentDays: 10,
		Dispute:     dunning.DisputePolicy{FallbackContact: "cs@ampere.cloud"},
	}
	c, err := dunning.NewCase(dunning.OpenInvoice{
		Number: "RE-2025-0001", CustomerID: "C-1", CustomerType: dunning.BusinessCustomer, AccountManager: "am-anna",
		Due: date.New(2025, time.May, 30), Amount: eur("1000.00"),
	})
	if err != nil {
		panic(err)
	}
	show := func(res dunning.Result, err error) {
		if err != nil {
			panic(err)
		}
		n := res.Notice
		fmt.Printf("%s %s: %s demanded, %s held, total %s\n", n.Date, n.LevelName, n.Dunned.StringFixed(2), n.Held.StringFixed(2), n.Total.StringFixed(2))
	}
	show(c.Run(p, date.New(2025, time.June, 6)))

	x, err := c.OpenDispute(p, dunning.DisputeRequest{
		Invoice: "RE-2025-0001", ReceivedAt: time.Date(2025, time.June, 10, 10, 0, 0, 0, berlin), By: "kunde@example.de", Notice: 1,
		Description: "Positionen 2 und 3 weichen vom Angebot ab",
		Lines:       []dunning.DisputedLine{{Line: "2", Amount: eur("200.00")}, {Line: "3", Amount: eur("100.00")}},
		Attachments: []dunning.DisputeAttachment{{Kind: dunning.AttachOriginalInvoice, Ref: "mail-4711/1"}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("dispute %s to %s, holds %s, missing %v, acknowledge by %s\n",
		x.Ref(), x.AssignedTo, x.Held.StringFixed(2), x.Missing, x.AcknowledgeBy.Format("Mon 2 Jan 15:04"))
	show(c.Run(p, date.New(2025, time.June, 20)))

	decision := dunning.DisputeDecision{
		Outcome: dunning.DisputePartlyUpheld, Corrected: eur("100.00"), By: "am-anna",
		At:      time.Date(2025, time.June, 26, 10, 0, 0, 0, berlin),
		Reasons: "Position 3 wird gutgeschrieben; Position 2 entspricht Angebot und Bestellung",
	}
	// Partly upholding (or rejecting) requires the finished checklist.
	_, err = c.DecideDispute(p, x.No, decision)
	fmt.Println(err)

	step := dunning.DisputeStep{At: time.Date(2025, time.June, 25, 14, 0, 0, 0, berlin), By: "am-anna"}
	for _, chk := range x.Checklist {
		chk.Result = dunning.CheckMatches
		if chk.Item == "line 3" && chk.Against == dunning.CheckAgainstOffer {
			chk.Result, chk.Note = dunning.CheckDiffers, "Anfahrt im Angebot pauschal enthalten"
		}
		if _, err := c.CheckDisputeItem(p, x.No, step, chk); err != nil {
			panic(err)
		}
	}
	x, err = c.DecideDispute(p, x.No, decision)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %s corrected, %s released, payable by %s\n", x.State, x.Corrected.StringFixed(2), x.Released.StringFixed(2), x.NewDeadline)
	// The correction waits for its credit note; the released 200.00 joins
	// the next level after its deadline. No fee is waived: the only notice
	// before the dispute was the free reminder. 900.00 + 5.00 + 10.00:
	show(c.Run(p, date.New(2025, time.July, 7)))
	// Output:
	// 2025-06-06 Zahlungserinnerung: 1000.00 demanded, 0.00 held, total 1000.00
	// dispute RE-2025-0001/D1 to am-anna, holds 300.00, missing [offer dunning notice], acknowledge by Wed 11 Jun 17:00
	// 2025-06-20 1. Mahnung: 700.00 demanded, 300.00 held, total 705.00
	// dunning: Checklist: a partly upheld decision requires the finished checklist, every item compared against offer and order: line 2 against the offer, line 2 against the order, line 3 against the offer, line 3 against the order pending
	// partly upheld: 100.00 corrected, 200.00 released, payable by 2025-07-06
	// 2025-07-07 2. Mahnung: 900.00 demanded, 100.00 held, total 915.00
}

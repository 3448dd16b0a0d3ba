// Package quota models the prepaid hour bank of a quota contract, the
// Kontingent: a customer buys a fixed number of hours each
// month at a fixed monthly price, so the invoice is the same every month,
// and takes the service as needed. Unlike a mobile prepaid plan, hours
// not used are not lost but carried into the next month ("den positiven
// Rest einfach mit in den nächsten Monat"); on request service continues
// when the hours run out, and only then does a correction invoice follow
// ("Eine Korrektur-Abrechnung erfolgt nur bei Überbuchung"). The customer
// can see the balance day by day ("tagesaktuell").
//
// A host opens a contract on a Ledger over its Store, books work as it
// is released and closes each month:
//
//	l, err := quota.NewLedger(store, quota.Config{})
//	if err != nil {
//		return err
//	}
//	_, err = l.Open(ctx, quota.Contract{
//		ID: "K-1001", CustomerID: "C-17", Start: date.New(2026, 1, 1),
//		Terms: []quota.Terms{{From: quota.MustParsePeriod("2026-01"), Hours: 100 * time.Hour,
//			Price: decimal.RequireFromString("8500.00"), OverageRate: decimal.RequireFromString("95.00")}},
//	})
//	_, err = l.Consume(ctx, "K-1001", quota.Consumption{
//		Key: "work-4711", Date: date.New(2026, 1, 14), Hours: 6 * time.Hour, Ref: "T-0815",
//	})
//	left, err := l.Balance(ctx, "K-1001", date.New(2026, 1, 14))
//	for res, err := range l.CloseAll(ctx, quota.MustParsePeriod("2026-01")) {
//		// res.Closing is carried into February
//	}
//
// A posting retried with its key is booked once. The runnable version is
// examples/memstore's ExampleQuotaStore.
//
// # Hours and money
//
// Hours are time.Duration: an exact count of nanoseconds, the type the
// billing side records work in, summed without rounding or
// allocation, and a BIGINT in a database. A decimal of hours would
// allocate on every sum and need a rounding rule for a third of an hour;
// integer minutes would round work recorded in seconds. FormatHours writes them as a statement shows them
// ("7h30m"). MaxHours bounds a single amount and MaxBalance a balance, far
// inside the range of time.Duration, so no sum can overflow. Money is
// decimal.Decimal; the one rounding is Charge's: hours times rate,
// computed exactly, rounded once to cents (AmountDigits) half away from
// zero, the commercial rounding of German invoices.
//
// # Periods and the ledger
//
// A Period is a calendar month. Each contract has one open period; the
// ones before it are closed. Every movement is an Entry in an append-only
// ledger: the allotment of a period (which carries the period's fixed
// price for the invoice), consumption of billable work, the reversal of a
// consumption, the correction of a negative balance, the expiry of unused
// hours, and manual adjustments with reason and author. Nothing is edited
// or deleted; a mistake is reversed or adjusted. Non-billable work never
// reaches the ledger: billing keeps it on the service report with its
// justification, and it touches neither the invoice nor the quota ("belasten weder SAP-Abrechnungsbelege noch Kontingent-Verträge").
//
// Work dated in the open period is booked on time. Work dated in a closed
// period is late: it is booked in the open period, counts from that
// period's first day and keeps its work date, so a closed month never
// changes and the statement marks the entry. Work dated after the open
// period is refused with ErrNotOpen until the open period is closed, so
// a host runs the close right after each month ends. The first period is
// allotted in full even if the contract starts in its middle.
//
// The balance on a day is the sum of the entries dated on or before it
// (Ledger.Balance): the hours allotted, less the work booked up to that
// day, plus reversals, corrections, expiries and adjustments. A billing
// host books work when its back office releases it for billing (the
// billing package does so in Biller.Release), dated on the day the work
// was done, so the balance of any day is current: it includes all work
// released so far that was done up to that day. Work recorded but not
// yet released is not on the ledger; a host shows it beside the balance
// as pending (billing.QuotaStatus.Pending). The month-end run closes the
// period and finds the released work booked under its idempotency keys,
// so nothing is booked twice. A Statement gives a period's opening
// balance, every movement, the totals by kind, the closing balance and
// what rolled over; Watch flags a contract from its closed periods. Both
// read the ledger and need no billing run.
//
// # Policies
//
// Each contract's Terms hold three policies; a change of terms takes
// effect from a later period on and leaves earlier ones as they were.
//
// Rollover is one rule with two optional limits. The zero value is the
// service agreement's full rollover; NoRollover lets unused hours lapse at the close
// of their period; CappedRollover carries at most a cap; ExpiringRollover
// keeps each month's hours usable for N further months; cap and expiry
// combine. Hours are consumed earliest expiry first, and a cap removes the
// hours that would expire soonest.
//
// Overdraft decides whether consumption may take the balance below zero:
// not at all (the zero value; a refusal is an *OverdraftError with
// balance, requested hours and limit, and books nothing), down to a limit,
// or without limit. It governs consumption only; a manual adjustment is a
// deliberate act and is not limited.
//
// Correction settles a negative balance at the close: the hours below
// zero are charged at the contract's overage rate (Charge) in a
// correction entry whose Ref is the reference of the invoice line, and
// the balance returns to zero. CarryCorrection instead carries a negative
// balance down to a limit into the next month, where the allotment pays
// it back. The final period of an ended contract corrects everything and
// lets the unused rest lapse.
//
// # Watching contracts
//
// Watch flags the contracts account managers keep an eye on: Sliding
// when the balance went below zero in each of the last periods (a
// correction each month: the quota is too small) and Generous when each
// of them used less than a share of the allotment (the quota is too
// large), with the figures behind the flag and an allotment suggested
// from the average use. Thresholds are a WatchConfig.
//
// # Rules, store and ledger
//
// The rules are methods of Account, a value holding a contract, its open
// period and its unused hours by expiry: Consume, Reverse, Adjust, Close,
// ChangeTerms, SetEnd. They need no store and no clock, change nothing
// when they fail, and append what they book to Account.Pending. A Store
// keeps accounts and entries; its Update runs a function on an account
// inside one transaction and stores the result only if the function
// succeeds. Ledger joins the two: each operation is one Update, so it is
// atomic and two concurrent consumers cannot overdraw a contract that
// forbids overdraft. quota/quotatest checks a Store against this
// contract; examples/memstore has an in-memory one.
//
// Every posting carries an idempotency key, unique per contract. Posting
// a key again with the same content returns the entry booked the first
// time and books nothing, also when the retry races its original; the
// same key with other content is a *KeyConflictError. The entries a close
// books carry keys derived from the period ("quota:correct:2026-01"), and
// an entry is reversed at most once because the reversal's key derives
// from the reversed entry's key.
//
// Closing is idempotent and crash-safe. Closing one contract's period is
// one transaction: expiry, correction and the next allotment are stored
// together or not at all. Closing it again books nothing and returns the
// original figures with Outcome AlreadyClosed. Ledger.CloseAll streams the
// contracts of a month-end run, closes each in its own transaction, yields
// a result or an error per contract without stopping at a failing one,
// catches up contracts left behind, and can simply be run again after a
// crash: what was closed reports AlreadyClosed, the rest is closed.
//
// A store that also implements BatchStore (UpdateBatch: many accounts in
// one transaction) lets the Ledger work in batches: CloseAll and
// CloseContracts close a batch of contracts per transaction, ConsumeMany
// books a batch of postings per transaction, with the same results as the
// one-at-a-time path; on a database that saves a round trip per contract.
// A store without it works as before.
//
// # JSON
//
// Contract, Terms, Lot, Entry, Statement and Account have a JSON form for a
// host's API and for documents a store keeps: lowerCamel names, kinds and
// policies in their text forms, dates "YYYY-MM-DD", periods "YYYY-MM",
// hours as FormatHours writes them ("10h", "-1h30m") and money as decimal
// strings ("950.00"). Reading refuses unknown names (in any letter case),
// days that do not exist ("2026-02-30"), hours without a unit and money as
// a JSON number, with a *ValidationError naming the field.
//
// # Performance
//
// Figures for the month-end close and the balance, and how they were
// measured, are in BENCHMARKS.md at the repository's root.
package quota

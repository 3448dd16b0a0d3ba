// Package dunning follows an invoice until it is paid: payment reminders
// and dunning notices level by level, default interest and fees, and the
// customer's disputes, which hold what they dispute until they are
// decided.
//
// A host tracks its open invoices and runs the dunning once a day:
//
//	svc, err := dunning.NewService(store, dunning.Config{Policy: policy})
//	if err != nil {
//		return err
//	}
//	for res, err := range svc.Run(ctx, today, openInvoices) {
//		if err != nil {
//			return err
//		}
//		if res.Outcome == dunning.Issued {
//			send(res.Notice) // the host prints and mails the notice
//		}
//	}
//
// # Levels, interest and fees
//
// The host passes its open invoices (OpenInvoice: number, customer,
// business or consumer, due date, amount, payments and credits) and a day;
// a Policy says the levels (payment reminder, dunning notices, final
// notice, hand-over to collection), each due some calendar or business
// days after the due date or the previous notice, with its fee, grace
// days, a minimum amount and the payment deadline each notice sets.
// Case.Run, or Service.Run over a Store, returns for every invoice what it
// did and why (a Result with its Outcome); a Notice carries the amount
// demanded, fees, default interest and the new deadline. A run issues at
// most one notice per invoice and day, so running it twice issues nothing
// twice and a level never advances twice in one run; a payment or credit
// after the last notice delays the next level, and paying in full ends
// the dunning.
//
// GermanPolicy sets the defaults of German law: default (Verzug) on the
// first reminder or 30 days after the due date (BGB § 286 (1) and (3);
// DefaultAfterDueDate for a due date fixed by the calendar, § 286 (2) no.
// 1); default interest at the base rate plus 9 percentage points for
// business debtors (§ 288 (2)) and plus 5 for consumers (§ 288 (1)); a
// flat fee of 40 EUR once per invoice for business debtors in default
// (§ 288 (5)), with level fees credited against it (§ 288 (5) sentence
// 3); deadlines moved off weekends and holidays (§ 193). The base rate
// (§ 247, changed on 1 January and 1 July by the Bundesbank) is the
// host's effective-dated table; the library ships no values. Interest is
// simple (§ 289), per day, actual/365, on the amount owed each day from
// the first day of default to the notice date (excluded), the exact sum
// rounded once to the cent, half away from zero. Its constructor takes
// the fallback contact for disputes too, so the policy it returns is
// complete.
//
// # Disputes
//
// A customer may dispute a notice or the invoice: invoice number, a
// description of the unclear or wrong items, the lines or amount disputed
// and copies of offer, original invoice and notice; a dispute without all
// of them is accepted but marked incomplete. It goes to the account
// manager, else to a fallback contact, with acknowledgement and response
// deadlines on the support calendar (for example Mon-Fri 09:00-17:00),
// and with a checklist comparing each item against offer and order. While
// open it holds the dunning of what it disputes; the rest goes on being
// dunned unless DisputePolicy.HoldAll, and the held part bears no
// interest unless InterestWhileHeld. It ends upheld (the corrected part is
// waived, with its interest and a pro rata share of earlier fees), partly
// upheld or rejected, each with written reasons and only once the
// checklist is finished, or withdrawn; what is not
// corrected is released with a new payment deadline, and dunning resumes
// at the next level, never more. Every change is in the case's History:
// who, when, from which state to which, and why.
//
// # Storage
//
// A Store keeps one Case per invoice and Service runs each rule in one
// Store.UpdateCase, so a dunning run and a dispute on the same invoice
// cannot both win. The conformance suite dunningtest.TestStore holds
// adapters to that contract; examples/memstore and examples/sqlstore
// (SQLite and PostgreSQL) pass it.
//
// # Errors
//
// Bad input is a *ValidationError (matching ErrInvalid) and changes
// nothing; a step the dispute's state does not allow is a
// *DisputeStateError; a dispute of an unknown or settled invoice is a
// *DisputeInvoiceError. The sentinels are checked with errors.Is.
//
// Dunning uses invoice values the host passes in, not package billing's
// drafts: the invoice a customer owes is the one the ERP booked. billing
// never imports dunning.
//
// # JSON
//
// Case, OpenInvoice, Notice and Dispute have a JSON form for a host's API
// and for the document a store keeps: lowerCamel names, fields with their
// zero value left out, enumerations as their text, dates "YYYY-MM-DD",
// instants in RFC 3339 with their offset, money as decimal strings. Reading
// refuses unknown names, days that do not exist and money as a JSON number
// with a *ValidationError naming the field's path.
package dunning

package document_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/document/internal/scenario"
)

// Every line of every plain-text document fits an e-mail body of 80
// columns, in every language, also with 200 entries and a description
// of one long word.
func TestTextFitsEightyColumns(t *testing.T) {
	long := scenario.Report(200)
	long.Entries[0].Entry.Description = strings.Repeat("Überlänge", 30)
	for _, lang := range languages {
		docs, err := scenario.Documents(lang)
		if err != nil {
			t.Fatal(err)
		}
		sr, err := document.NewServiceReport(long, scenario.Contract.Units, scenario.Options(lang))
		if err != nil {
			t.Fatal(err)
		}
		docs["long-service-report"] = sr
		for name, doc := range docs {
			var b bytes.Buffer
			if err := document.WriteText(&b, doc.Page()); err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(b.String(), "\n") {
				if n := utf8.RuneCountInString(line); n > document.TextWidth {
					t.Errorf("%s.%s line %d has %d columns: %q", name, lang, i+1, n, line)
				}
			}
		}
	}
}

// The report explains each decision in a sentence of the customer's
// language and never prints the internal rule that made it, nor an ID
// the directory has a name for.
func TestServiceReportSpeaksToTheCustomer(t *testing.T) {
	r := scenario.Report(6)
	want := map[document.Language][]string{
		document.German: {
			"Berechnet: Die Analyse ergab die Ursache auf Ihrer Seite.",
			"Kostenfrei: Die Ursache lag in unserem Verantwortungsbereich.",
			"Nicht berechnet: Nacharbeit: beim Erstbesuch falsch eingerichtet",
			"Berechnet: Arbeit auf Ihren Auftrag B-2026-044.",
			"Kulanz: 50\u00a0% der Zeit nicht berechnet (Einarbeitung des neuen Kollegen).",
			"1 AE (Arbeitseinheit) = 15\u00a0Minuten; angefangene Einheiten werden voll berechnet; mindestens 2 AE je Einsatz.",
			"Niederlassung Rheda-Wiedenbrück", "Max Weber", "620,53\u00a0€",
		},
		document.Dutch: {
			"Gefactureerd: de analyse wees uit dat de oorzaak bij u lag.",
			"Kosteloos: de oorzaak lag bij ons.",
			"1 AE (arbeidseenheid) = 15\u00a0minuten",
			"€\u00a0620,53",
		},
		document.English: {
			"Billed: the analysis found the cause on your side.",
			"Free of charge: the cause was on our side.",
			"1 WU (work unit) = 15\u00a0minutes; a started unit counts in full; at least 2 WU per call.",
			"€620.53",
		},
	}
	for lang, phrases := range want {
		v, err := document.NewServiceReport(r, scenario.Contract.Units, scenario.Options(lang))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := v.WriteHTML(&b); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		b.Reset()
		if err := v.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(b.String()), " ")
		for _, p := range phrases {
			flat := strings.Join(strings.Fields(p), " ")
			if !strings.Contains(text, flat) {
				t.Errorf("%s text lacks %q", lang, p)
			}
		}
		if !strings.Contains(page, `<html lang="`+lang.String()+`">`) {
			t.Errorf("%s HTML has no lang attribute", lang)
		}
		for _, internal := range []string{"rule", "ordered-work", "customer-fault", "provider-fault", "technician)", " MIN", ">max<", ">rheda<"} {
			if strings.Contains(text, internal) || strings.Contains(page, internal) {
				t.Errorf("%s shows the internal %q", lang, internal)
			}
		}
	}
}

// The HTML escapes whatever a technician or customer wrote.
func TestHTMLEscapesText(t *testing.T) {
	es := scenario.Entries(2)
	es[0].Description = `<script>alert("x")</script> & co`
	dr, err := billing.BillerConfig{}.DraftReports(scenario.Contract, scenario.June, es, nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := document.NewServiceReport(dr.Reports[0], scenario.Contract.Units, scenario.Options(document.German))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := v.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script>") {
		t.Error("a description came out unescaped")
	}
	if !strings.Contains(b.String(), "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co") {
		t.Errorf("the escaped description is missing:\n%s", b.String())
	}
}

// Each branch's work starts a new printed page; the first does not.
func TestBranchesBreakPages(t *testing.T) {
	v, err := document.NewServiceReport(scenario.Report(6), scenario.Contract.Units, scenario.Options(document.German))
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for _, s := range v.Page().Sections[:3] {
		got = append(got, s.NewPage)
	}
	if want := []bool{false, true, true}; !equal(got, want) {
		t.Errorf("NewPage of the three branch sections: %v, want %v", got, want)
	}
	var b bytes.Buffer
	if err := v.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), `<section class="break">`); n != 2 {
		t.Errorf("%d page breaks in the HTML, want 2", n)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Documents refuse incomplete values and unknown options with a
// *ValidationError naming the input.
func TestDocumentsRefuseBadInput(t *testing.T) {
	bad := scenario.Options(document.German)
	bad.Provider.Currency = "EURO"
	st, terms := scenario.Statement()
	st.ContractID = ""
	cc, ack, out := scenario.ComplaintCase()
	ack.Ref = complaint.Reference{}
	out.Rulings = nil
	for _, c := range []struct {
		name  string
		err   error
		field string
	}{
		{"report without ID", second(document.NewServiceReport(billing.ServiceReport{CustomerID: "kruse"}, billing.UnitPolicy{}, scenario.Options(document.German))), "ServiceReport.ID"},
		{"bad unit policy", second(document.NewServiceReport(scenario.Report(1), billing.UnitPolicy{Size: 7}, scenario.Options(document.German))), "UnitPolicy"},
		{"unknown currency", second(document.NewServiceReport(scenario.Report(1), billing.UnitPolicy{}, bad)), "Currency"},
		{"statement without contract", second(document.NewQuotaStatement(st, terms, document.QuotaDay{}, scenario.Options(document.German))), "Statement.ContractID"},
		{"acknowledgement without reference", second(document.NewComplaintAcknowledgement(cc, ack, "jonas", scenario.Options(document.German))), "Acknowledgement.Ref"},
		{"outcome without decision", second(document.NewComplaintOutcome(cc, out, scenario.Options(document.German))), "OutcomeReport.Rulings"},
	} {
		var ve *document.ValidationError
		if !errors.As(c.err, &ve) || !ve.Has(c.field) || !errors.Is(c.err, document.ErrInvalid) {
			t.Errorf("%s: %v, want a *ValidationError on %s", c.name, c.err, c.field)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// The writers refuse a nil writer instead of panicking.
func TestWritersRefuseANilWriter(t *testing.T) {
	p := document.Page{Title: "x"}
	for name, err := range map[string]error{
		"WriteText": document.WriteText(nil, p),
		"WriteHTML": document.WriteHTML(nil, p),
	} {
		if !errors.Is(err, document.ErrInvalid) {
			t.Errorf("%s(nil) = %v, want ErrInvalid", name, err)
		}
	}
}

// A complaint read back from a database carries its instants in UTC; the
// acknowledgement shows them on the provider's clock when Options.Zone
// says which: received at 08:00 UTC is 10:00 in Warendorf in June.
func TestTimesShowOnTheProvidersClock(t *testing.T) {
	c, ack, _ := scenario.ComplaintCase()
	c.ReceivedAt = c.ReceivedAt.UTC()
	ack.ReceivedAt = ack.ReceivedAt.UTC()
	o := scenario.Options(document.German)
	for _, tc := range []struct {
		zone *time.Location
		want string
	}{
		{nil, "09.06.2026, 08:00\u00a0Uhr"},
		{scenario.Berlin, "09.06.2026, 10:00\u00a0Uhr"},
	} {
		o.Zone = tc.zone
		v, err := document.NewComplaintAcknowledgement(c, ack, "jonas", o)
		if err != nil {
			t.Fatal(err)
		}
		if v.Received != tc.want {
			t.Errorf("zone %v: received %q, want %q", tc.zone, v.Received, tc.want)
		}
	}
}

// The dunning notice lists every item that makes up the amount to pay:
// the invoice, the payment, the dispute with its state on the notice's
// day, the fees and the interest with the base rate and margin it was
// computed on; its total is the notice's.
func TestDunningNoticeStatesEveryItem(t *testing.T) {
	c, n, _, interest := scenario.DunningCase()
	v, err := document.NewDunningNotice(c, n, interest, scenario.Options(document.German))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := v.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(b.String()), " ")
	f, err := document.NewFormat(document.German, "EUR")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Rechnung " + c.Invoice.Number + " " + f.Money(c.Invoice.Amount),
		"Zahlung vom 20.07.2026 " + f.Money(c.Invoice.Payments[0].Amount.Neg()),
		"Einspruch RE-2026-00417/D1 vom 27.07.2026: in Prüfung, nicht", "angemahnt", f.Money(c.Disputes[0].Held.Neg()),
		"Offener Betrag " + f.Money(n.Dunned),
		"Mahngebühren " + f.Money(n.FeesDue),
		"(Basiszinssatz 1,27\u00a0% zzgl. 9 Prozentpunkte)",
		"Zu zahlen " + f.Money(n.Total),
		"Bitte überweisen Sie " + f.Money(n.Total) + " bis zum " + f.Date(n.Deadline) + ".",
		"Fragen beantwortet Ihnen Jonas Brüggemann",
	} {
		if !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("the notice lacks %q:\n%s", want, b.String())
		}
	}
	// A notice of another invoice is refused.
	other := n
	other.Invoice = "RE-1"
	if _, err := document.NewDunningNotice(c, other, interest, scenario.Options(document.German)); !errors.Is(err, document.ErrInvalid) {
		t.Errorf("a notice of another invoice: %v, want ErrInvalid", err)
	}
}

// Work is often released days after it was done, so the ledger books
// it out of date order. The statement still reads day by day: its rows
// follow the value date, and the balance beside each day's last
// movement is the balance on that day.
func TestQuotaStatementReadsDayByDay(t *testing.T) {
	st, terms := scenario.Statement()
	// The 8 June work was released before the 5 June work.
	st.Entries[1], st.Entries[2] = st.Entries[2], st.Entries[1]
	st.Entries[1].Seq, st.Entries[2].Seq = 2, 3

	v, err := document.NewQuotaStatement(st, terms, document.QuotaDay{}, scenario.Options(document.German))
	if err != nil {
		t.Fatal(err)
	}
	f, err := document.NewFormat(document.German, "EUR")
	if err != nil {
		t.Fatal(err)
	}
	// The day-current balance on d: every movement valued on or before d.
	balanceOn := func(d date.Date) time.Duration {
		b := st.Opening
		for _, e := range st.Entries {
			if e.Date <= d {
				b += e.Hours
			}
		}
		return b
	}
	dates := map[string]date.Date{}
	for _, e := range st.Entries {
		dates[f.Date(e.Date)] = e.Date
	}
	movements := v.Rows[1 : len(v.Rows)-1]
	if len(movements) != len(st.Entries) {
		t.Fatalf("%d movement rows, want %d", len(movements), len(st.Entries))
	}
	for i, row := range movements {
		on, ok := dates[row.Date]
		if !ok {
			t.Fatalf("row %d has date %q, which no entry has", i, row.Date)
		}
		if i+1 < len(movements) {
			next := dates[movements[i+1].Date]
			if next < on {
				t.Errorf("row %d (%s) comes before an earlier day (%s)", i, row.Date, movements[i+1].Date)
			}
			if next == on {
				continue // not the day's last movement
			}
		}
		if want := f.Hours(balanceOn(on)); row.Balance != want {
			t.Errorf("balance beside %s %s is %s, want the day's balance %s", row.Date, row.Reference, row.Balance, want)
		}
	}
}

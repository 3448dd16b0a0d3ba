package einvoice_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
)

// An invoice that breaks a rule is refused before a byte is written: a
// host never sends a file the buyer's system would reject.
func TestWrite_refuses_an_invalid_invoice_and_writes_nothing(t *testing.T) {
	inv := invoiceKinds(t)[0].inv
	inv.Currency = "XYZ"
	inv.Lines[0].Quantity = inv.Lines[0].Quantity.Add(decimal.NewFromInt(1)) // the amount no longer follows
	for _, f := range []einvoice.Format{einvoice.XRechnungCII, einvoice.XRechnungUBL, {Syntax: 9}} {
		var buf bytes.Buffer
		err := einvoice.Write(&buf, inv, f)
		require.ErrorIs(t, err, billing.ErrInvalid)
		require.Zero(t, buf.Len(), "nothing written")
	}
	var ve *einvoice.ValidationError
	require.ErrorAs(t, einvoice.Write(&bytes.Buffer{}, inv, einvoice.XRechnungCII), &ve)
	require.True(t, hasTerm(ve, "BT-5"))
	require.True(t, hasTerm(ve, "BT-131"))
}

// The EN 16931 profile does not ask for what only XRechnung requires.
func TestValidate_XRechnung_asks_more_than_EN16931(t *testing.T) {
	inv := invoiceKinds(t)[0].inv
	inv.BuyerReference, inv.Seller.Contact, inv.Buyer.Endpoint = "", einvoice.Contact{}, einvoice.Endpoint{}
	require.NoError(t, inv.Validate(einvoice.EN16931))
	var ve *einvoice.ValidationError
	require.ErrorAs(t, inv.Validate(einvoice.XRechnung), &ve)
	for _, term := range []string{"BT-10", "BT-41", "BT-42", "BT-43", "BT-49"} {
		require.True(t, hasTerm(ve, term), "XRechnung requires %s: %v", term, ve)
	}
}

// Validate never panics on any value of the fields a host fills in from
// its master data; whatever it accepts writes in both syntaxes and reads
// back the same.
func FuzzValidate(f *testing.F) {
	f.Add("DE123456789", "EUR", "DE02120300000000202051", "C62", "1", "100", "19", "S", "DE", "EM", "a@b.example")
	f.Add("NL123456789B01", "EUR", "NL91ABNA0417164300", "E34", "512.5", "0.08", "0", "AE", "NL", "0106", "12345678")
	f.Add("", "eur", "DE00", "XXX", "-1", "-5", "101", "Q", "XX", "??", "")
	f.Fuzz(func(t *testing.T, vatID, currency, iban, unit, qty, price, rate, category, country, scheme, endpoint string) {
		inv := invoiceKinds(t)[0].inv
		inv.Seller.VATID, inv.Currency, inv.Payment.IBAN = vatID, currency, iban
		inv.Buyer.Address.Country, inv.Buyer.Endpoint = country, einvoice.Endpoint{Scheme: scheme, ID: endpoint}
		l := &inv.Lines[0]
		var err error
		if l.Quantity, err = decimal.NewFromString(qty); err != nil || len(qty) > 30 {
			return
		}
		if l.Price, err = decimal.NewFromString(price); err != nil || len(price) > 30 {
			return
		}
		if l.VAT.Rate, err = decimal.NewFromString(rate); err != nil || len(rate) > 30 {
			return
		}
		l.Unit, l.VAT.Category = unit, einvoice.Category(category)
		l.Net = billing.LineNet(l.Quantity, l.Price, l.BaseQuantity)
		inv.VAT, inv.Totals = inv.Sums()
		err = inv.Validate(einvoice.XRechnung)
		if err != nil {
			var ve *einvoice.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("not a ValidationError with problems: %v", err)
			}
			for _, p := range ve.Problems {
				if einvoice.Term(p) == "" {
					t.Fatalf("a problem without a business term: %+v", p)
				}
			}
			return
		}
		for _, syntax := range []einvoice.Syntax{einvoice.CII, einvoice.UBL} {
			var buf bytes.Buffer
			if err := einvoice.Write(&buf, inv, einvoice.Format{Syntax: syntax}); err != nil {
				t.Fatalf("a valid invoice does not write: %v", err)
			}
			got, _, err := einvoice.Read(strings.NewReader(buf.String()))
			if err != nil {
				t.Fatalf("what Write wrote does not read: %v", err)
			}
			if diff := cmp.Diff(inv, got, decimalEqual, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("round trip (-wrote +read):\n%s", diff)
			}
		}
	})
}

// Zero values and nil arguments are refused with an error, never a
// panic.
func TestZeroValues_are_refused_without_a_panic(t *testing.T) {
	var ve *einvoice.ValidationError
	require.ErrorAs(t, einvoice.Write(&bytes.Buffer{}, einvoice.Invoice{}, einvoice.Format{}), &ve)
	require.ErrorAs(t, einvoice.Write(nil, invoiceKinds(t)[0].inv, einvoice.XRechnungCII), &ve)
	_, err := einvoice.Config{}.Invoice(einvoice.Source{}, einvoice.Customer{})
	require.ErrorAs(t, err, &ve)
	require.True(t, hasTerm(ve, "BT-1"), "no number: %v", err)
	r := serviceReport("C-1", "", workLine("60", "100"))
	draft, _ := r.Invoice()
	_, err = provider().Invoices(context.Background(), billing.RunResult{Invoices: []billing.InvoiceDraft{draft}}, nil)
	require.ErrorAs(t, err, &ve)
	_, _, err = einvoice.Read(nil)
	require.ErrorIs(t, err, einvoice.ErrMalformed)
	var inv einvoice.Invoice
	vat, totals := inv.Sums()
	require.Empty(t, vat)
	require.True(t, totals.Gross.IsZero())
}

// Syntax and profile have one text form each, for a host that stores
// which format a customer receives.
func TestSyntaxAndProfile_text_forms(t *testing.T) {
	for _, tc := range []struct {
		text string
		f    einvoice.Format
	}{{"cii", einvoice.XRechnungCII}, {"UBL", einvoice.XRechnungUBL}} {
		s, err := einvoice.ParseSyntax(tc.text)
		require.NoError(t, err)
		require.Equal(t, tc.f.Syntax, s)
		require.Equal(t, strings.ToLower(tc.text), s.String())
	}
	p, err := einvoice.ParseProfile("EN16931")
	require.NoError(t, err)
	require.Equal(t, einvoice.EN16931, p)
	b, err := einvoice.XRechnung.MarshalText()
	require.NoError(t, err)
	require.Equal(t, "xrechnung", string(b))
	_, err = einvoice.ParseProfile("zugferd")
	require.ErrorIs(t, err, billing.ErrInvalid)
	require.Equal(t, "XRechnung 3.0 CII", einvoice.XRechnungCII.String())
	require.Equal(t, "EN 16931 UBL", einvoice.EN16931UBL.String())
}

// Write keeps no state between calls: invoices written at the same time
// from many goroutines come out as when written one by one.
func TestWrite_concurrent_calls_share_nothing(t *testing.T) {
	kinds := invoiceKinds(t)
	want := make([]string, len(kinds))
	for i, k := range kinds {
		want[i] = written(t, k.inv, einvoice.Format{Syntax: einvoice.UBL, Profile: k.profile})
	}
	got := make([][]string, 8)
	var wg sync.WaitGroup
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, k := range kinds {
				var buf bytes.Buffer
				if err := einvoice.Write(&buf, k.inv, einvoice.Format{Syntax: einvoice.UBL, Profile: k.profile}); err != nil {
					t.Error(err)
					return
				}
				got[g] = append(got[g], buf.String())
			}
		}()
	}
	wg.Wait()
	for g := range got {
		require.Equal(t, want, got[g])
	}
}

package einvoice_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
)

// The VAT category follows from the customer: a German business customer
// pays the rate card's 19 %, a Dutch business customer of the same German
// provider is invoiced under the reverse charge at 0 %, with the reason.
func TestInvoice_VAT_category_follows_the_customer(t *testing.T) {
	r := serviceReport("C-1", "", workLine("120", "95.50")) // 191.00 net
	draft, _ := r.Invoice()
	for _, tc := range []struct {
		name     string
		customer einvoice.Customer
		want     einvoice.VATBreakdown
	}{
		{"German_business_pays_19_percent", germanCustomer(),
			einvoice.VATBreakdown{Category: einvoice.Standard, Rate: dec("19"), Base: dec("191"), Tax: dec("36.29")}},
		{"Dutch_business_is_reverse_charged", dutchCustomer(),
			einvoice.VATBreakdown{Category: einvoice.ReverseCharge, Rate: dec("0"), Base: dec("191"), Tax: dec("0"),
				ExemptionReason: "Reverse charge", ExemptionCode: "VATEX-EU-AE"}},
		{"German_customer_at_a_zero_rate_is_zero_rated", germanCustomer(),
			einvoice.VATBreakdown{Category: einvoice.ZeroRated, Rate: dec("0"), Base: dec("191"), Tax: dec("0")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := einvoice.Source{Draft: draft}
			if tc.want.Category == einvoice.ZeroRated {
				src.Draft.Lines = []billing.ChargeLine{draft.Lines[0]}
				src.Draft.Lines[0].VATRate = dec("0")
			}
			inv, err := provider().Invoice(src, tc.customer)
			require.NoError(t, err)
			if diff := cmp.Diff([]einvoice.VATBreakdown{tc.want}, inv.VAT, decimalEqual); diff != "" {
				t.Errorf("VAT breakdown (-want +got):\n%s", diff)
			}
			require.True(t, inv.Totals.Gross.Equal(tc.want.Base.Add(tc.want.Tax)))
		})
	}
}

// A customer who pays by direct debit gets payment means 59 with the
// mandate, the provider's creditor ID and the debited account; others 58
// with the provider's IBAN.
func TestInvoice_direct_debit_carries_the_mandate(t *testing.T) {
	r := serviceReport("C-1", "", workLine("60", "100"))
	draft, _ := r.Invoice()
	c := germanCustomer()
	c.DirectDebit = einvoice.Mandate{Reference: "MANDATE-7", IBAN: "DE89370400440532013000"}
	inv, err := provider().Invoice(einvoice.Source{Draft: draft}, c)
	require.NoError(t, err)
	want := einvoice.Payment{Means: einvoice.SEPADirectDebit, Reference: draft.ID, Mandate: "MANDATE-7",
		CreditorID: "DE98ZZZ09999999999", DebitedIBAN: "DE89370400440532013000", Terms: inv.Payment.Terms}
	require.Equal(t, want, inv.Payment)
	require.Contains(t, inv.Payment.Terms, "MANDATE-7")

	inv, err = provider().Invoice(einvoice.Source{Draft: draft}, germanCustomer())
	require.NoError(t, err)
	require.Equal(t, einvoice.SEPACreditTransfer, inv.Payment.Means)
	require.Equal(t, "DE02120300000000202051", inv.Payment.IBAN)
	require.Empty(t, inv.Payment.Mandate)
}

// A period whose reversals outweigh its charges is a credit note (381)
// naming the invoice it corrects, with the credit as positive amounts and
// nothing due on a date.
func TestInvoice_negative_period_is_a_credit_note_naming_the_corrected_invoice(t *testing.T) {
	r := serviceReport("C-1", "", workLine("30", "100"), billing.ChargeLine{Description: "Reversal of E-7", Quantity: dec("-120"), Unit: "MIN",
		Price: dec("100"), BaseQuantity: dec("60"), VATRate: dec("19"), Net: dec("-200")})
	draft, _ := r.Invoice()
	require.True(t, draft.Totals.Gross.IsNegative())
	corrected := []einvoice.InvoiceReference{{Number: "RE-2026-0017", Issued: d(2026, 3, 1)}}
	inv, err := provider().Invoice(einvoice.Source{Draft: draft, Corrects: corrected}, germanCustomer())
	require.NoError(t, err)
	require.Equal(t, einvoice.CreditNote, inv.Type)
	require.Equal(t, corrected, inv.Preceding)
	require.True(t, inv.Totals.LineNet.Equal(dec("150")), "the credit of 200 less the 50 of work, positive: %s", inv.Totals.LineNet)
	require.True(t, inv.Totals.Due.Equal(dec("178.50")), "150 + 19 %%: %s", inv.Totals.Due)
	require.Zero(t, inv.Due)
}

type hostCustomers map[string]einvoice.Customer

func (h hostCustomers) Customer(_ context.Context, customerID, branchID string) (einvoice.Customer, error) {
	c, ok := h[customerID+"/"+branchID]
	if !ok {
		return einvoice.Customer{}, billing.ErrNotFound
	}
	return c, nil
}

type hostWithCorrections struct{ hostCustomers }

func (hostWithCorrections) Corrected(_ context.Context, d billing.InvoiceDraft, r *billing.ServiceReport) ([]einvoice.InvoiceReference, error) {
	return []einvoice.InvoiceReference{{Number: "RE-OF-" + r.ID}}, nil
}

// Invoices asks the host for each draft's customer or branch, attaches
// the draft's report, and asks for the corrected invoice of a credit.
func TestInvoices_of_a_run_result_ask_the_host(t *testing.T) {
	head := serviceReport("C-1", "", workLine("60", "100"))
	branch := serviceReport("C-1", "B-2", billing.ChargeLine{Description: "Reversal", Quantity: dec("-60"), Unit: "MIN",
		Price: dec("100"), BaseQuantity: dec("60"), VATRate: dec("19"), Net: dec("-100")})
	d1, _ := head.Invoice()
	d2, _ := branch.Invoice()
	res := billing.RunResult{CustomerID: "C-1", Reports: []billing.ServiceReport{head, branch}, Invoices: []billing.InvoiceDraft{d1, d2}}
	bc := germanCustomer()
	bc.Buyer.Name = "Filiale Telgte"
	host := hostCustomers{"C-1/": germanCustomer(), "C-1/B-2": bc}

	_, err := provider().Invoices(context.Background(), res, host)
	require.True(t, einvoice.Term(firstProblem(t, err)) == "BG-3", "without Corrections a credit note cannot name its invoice: %v", err)

	invs, err := provider().Invoices(context.Background(), res, hostWithCorrections{host})
	require.NoError(t, err)
	require.Len(t, invs, 2)
	require.Equal(t, "Praxis Dr. Meyer", invs[0].Buyer.Name)
	require.Equal(t, head.ID, invs[0].Attachments[0].ID)
	require.Equal(t, "Filiale Telgte", invs[1].Buyer.Name)
	require.Equal(t, einvoice.CreditNote, invs[1].Type)
	require.Equal(t, "RE-OF-"+branch.ID, invs[1].Preceding[0].Number)

	_, err = provider().Invoices(context.Background(), res, hostCustomers{})
	require.True(t, errors.Is(err, billing.ErrNotFound), "the host's error is passed on: %v", err)
}

func firstProblem(t *testing.T, err error) einvoice.Problem {
	t.Helper()
	var ve *einvoice.ValidationError
	require.ErrorAs(t, err, &ve)
	return ve.Problems[0]
}

// Re-issuing a wrong invoice in full makes a corrected invoice (384)
// naming the one it replaces; a credit stays a credit note.
func TestInvoice_replacing_a_wrong_invoice_is_a_corrected_invoice(t *testing.T) {
	r := serviceReport("C-1", "", workLine("60", "100"))
	draft, _ := r.Invoice()
	wrong := []einvoice.InvoiceReference{{Number: "RE-2026-0031", Issued: d(2026, 4, 1)}}
	inv, err := provider().Invoice(einvoice.Source{Draft: draft, Replaces: wrong}, germanCustomer())
	require.NoError(t, err)
	require.Equal(t, einvoice.CorrectedInvoice, inv.Type)
	require.Equal(t, wrong, inv.Preceding)
	require.True(t, inv.Totals.Gross.Equal(dec("119")), "the full amount again: %s", inv.Totals.Gross)
}

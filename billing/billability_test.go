package billing_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

// TestDefaultPolicy has a row per rule of the paid-support terms, in the
// order the terms give them, and the technician's flag over them.
func TestDefaultPolicy(t *testing.T) {
	type row struct {
		name     string
		activity billing.Activity
		fault    billing.Fault
		product  string
		flag     billing.Billable
		charging billing.Charging
		rule     string
	}
	rows := []row{
		// "Behebung von technischen Mängeln und Fehlfunktionen, die wir als
		// Provider zu vertreten ... kostenlos": free, whatever the work.
		{"provider_defect_is_free", billing.ActivitySupport, billing.FaultProvider, "", 0, billing.ChargeFree, billing.RuleProviderFault},
		{"provider_defect_during_migration_is_free", billing.ActivityMigration, billing.FaultProvider, "", 0, billing.ChargeFree, billing.RuleProviderFault},
		// The paid-support terms' list, billed in work units.
		{"account_migration_is_billed", billing.ActivityMigration, billing.FaultUndetermined, "", 0, billing.ChargeUnits, billing.RuleOrderedWork},
		{"compromise_remediation_is_billed", billing.ActivityCompromise, billing.FaultUndetermined, "", 0, billing.ChargeUnits, billing.RuleOrderedWork},
		{"administration_service_is_billed", billing.ActivityAdministration, billing.FaultUndetermined, "", 0, billing.ChargeUnits, billing.RuleOrderedWork},
		{"software_development_is_billed", billing.ActivityDevelopment, billing.FaultCustomer, "", 0, billing.ChargeUnits, billing.RuleOrderedWork},
		// "wenn sich erst gegen Ende einer Analyse herausstellt, dass die ...
		// Leistungen auf einen Fehler des Kunden zurückgehen".
		{"customer_fault_support_is_billed", billing.ActivitySupport, billing.FaultCustomer, "", 0, billing.ChargeUnits, billing.RuleCustomerFault},
		// "Die überwiegende Anzahl aller Anfragen wird ... im Rahmen des
		// kostenlosen Online-Supports beantwortet."
		{"support_not_yet_attributed_is_free", billing.ActivitySupport, billing.FaultUndetermined, "hosted-exchange", 0, billing.ChargeFree, billing.RuleCovered},
		// "sämtliche Arbeiten berechnet, die nicht durch den in der
		// Produktbeschreibung genannten Umfang abgedeckt sind".
		{"uncovered_work_is_billed", "network-setup", billing.FaultUndetermined, "", 0, billing.ChargeUnits, billing.RuleDefault},
		// The technician's flag.
		{"technician_marks_free", billing.ActivityMigration, billing.FaultCustomer, "", billing.BillableNo, billing.ChargeFree, billing.RuleTechnician},
		{"technician_marks_billable", billing.ActivitySupport, billing.FaultUndetermined, "", billing.BillableYes, billing.ChargeUnits, billing.RuleTechnician},
		{"billable_flag_keeps_the_rule_that_bills", billing.ActivityMigration, billing.FaultUndetermined, "", billing.BillableYes, billing.ChargeUnits, billing.RuleOrderedWork},
	}
	for _, policy := range []struct {
		name string
		p    billing.BillabilityPolicy
	}{{"default", billing.DefaultPolicy()}, {"zero_means_default", billing.BillabilityPolicy{}}} {
		for _, r := range rows {
			t.Run(policy.name+"/"+r.name, func(t *testing.T) {
				e := work("E-1", func(e *billing.WorkEntry) {
					e.Activity, e.Fault, e.Product, e.Billable = r.activity, r.fault, r.product, r.flag
					if r.flag == billing.BillableNo {
						e.Justification = "follow-up of our own change"
					}
				})
				require.NoError(t, e.Validate())
				got := policy.p.Decide(e)
				if got.Charging != r.charging || got.Rule != r.rule || got.Reason == "" {
					t.Errorf("Decide = %v, want %s by rule %s with a reason", got, r.charging, r.rule)
				}
				if r.flag == billing.BillableNo && got.Reason != "follow-up of our own change" {
					t.Errorf("reason %q is not the justification", got.Reason)
				}
			})
		}
	}
}

// The terms allow a customer-fault case to be billed "als
// Technikerpauschale bzw. Arbeitseinheiten": the rule's Charging is the
// setting.
func TestPolicyCustomerFaultAsFlatFee(t *testing.T) {
	p := billing.DefaultPolicy()
	i := slices.IndexFunc(p.Rules, func(r billing.BillabilityRule) bool { return r.Name == billing.RuleCustomerFault })
	p.Rules[i].Charging = billing.ChargeFlatFee
	require.NoError(t, p.Validate())
	got := p.Decide(work("E-1", nil))
	want := billing.Billability{Charging: billing.ChargeFlatFee, Rule: billing.RuleCustomerFault, Reason: p.Rules[i].Reason}
	diff(t, "decision", want, got)
}

// Coverage by product description: a host lists what each product
// covers; a rule on coverage then tells covered from uncovered work.
func TestPolicyCoverageByProduct(t *testing.T) {
	p := billing.DefaultPolicy()
	p.Covered = []billing.ProductCoverage{
		{Product: "hosted-exchange", Activities: []billing.Activity{billing.ActivitySupport, "mailbox-setup"}},
		{Product: "managed-firewall", Activities: []billing.Activity{billing.ActivitySupport, "firmware-update"}},
	}
	for _, tc := range []struct {
		product  string
		activity billing.Activity
		want     billing.Charging
	}{
		{"hosted-exchange", "mailbox-setup", billing.ChargeFree},
		{"managed-firewall", "mailbox-setup", billing.ChargeUnits},
		{"managed-firewall", "firmware-update", billing.ChargeFree},
		{"", billing.ActivitySupport, billing.ChargeUnits}, // no product: nothing covers it
		{"hosted-exchange", billing.ActivitySupport, billing.ChargeFree},
	} {
		e := work("E-1", func(e *billing.WorkEntry) {
			e.Product, e.Activity, e.Fault = tc.product, tc.activity, billing.FaultUndetermined
		})
		if got := p.Decide(e); got.Charging != tc.want {
			t.Errorf("%s on %q: %v, want %s", tc.activity, tc.product, got, tc.want)
		}
	}
}

func TestPolicyValidateListsEveryProblem(t *testing.T) {
	p := billing.BillabilityPolicy{
		Rules: []billing.BillabilityRule{
			{Name: "a", Charging: billing.ChargeFree, Reason: "ok"},
			{Name: "a", Activities: []billing.Activity{"Not Valid"}, Faults: []billing.Fault{9}, Coverage: 7, Charging: 0},
			{Name: billing.RuleDefault, Charging: billing.ChargeUnits, Reason: "x"},
		},
		Default: 0,
		Covered: []billing.ProductCoverage{{Activities: []billing.Activity{""}}},
	}
	err := p.Validate()
	var ve *billing.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	for _, f := range []string{"Rules[1].Name", "Rules[1].Activities[0]", "Rules[1].Faults[0]", "Rules[1].Coverage", "Rules[1].Charging", "Rules[1].Reason", "Rules[2].Name", "Default", "DefaultReason", "Covered[0].Activities[0]"} {
		if !ve.Has(f) {
			t.Errorf("no problem with %s in %v", f, err)
		}
	}
	require.NoError(t, billing.DefaultPolicy().Validate())
}

// The policy is data: a host stores it as JSON and reads it back.
func TestPolicyJSON(t *testing.T) {
	p := billing.DefaultPolicy()
	p.Order.Amount = dec("300.00")
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var back billing.BillabilityPolicy
	require.NoError(t, json.Unmarshal(b, &back))
	diff(t, "round trip", p, back)
	if !strings.Contains(string(b), `"Charging":"free"`) || !strings.Contains(string(b), `"Faults":["provider"]`) {
		t.Errorf("enumerations are not written as text: %s", b)
	}
}

package policycheck_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

// decision is what a billability row asserts: how the work is charged and
// which rule of the policy said so. The reason text is the policy's prose
// and is left to the report tests.
type decision struct {
	Charging billing.Charging
	Rule     string
}

// work is a WorkEntry with only what billability looks at.
func work(a billing.Activity, f billing.Fault) billing.WorkEntry {
	return billing.WorkEntry{Activity: a, Fault: f, Duration: time.Hour}
}

// withCustomerFaultCharged returns the paid-support terms' policy with the
// customer-fault rule charging c: the terms allow a technician flat fee
// or work units ("eine Technikerpauschale bzw. Arbeitseinheiten").
func withCustomerFaultCharged(t *testing.T, c billing.Charging) billing.BillabilityPolicy {
	t.Helper()
	p := billing.DefaultPolicy()
	found := false
	for i := range p.Rules {
		if p.Rules[i].Name == billing.RuleCustomerFault {
			p.Rules[i].Charging, found = c, true
		}
	}
	require.True(t, found, "DefaultPolicy has no %s rule", billing.RuleCustomerFault)
	require.NoError(t, p.Validate())
	return p
}

// The paid-support terms, "Hinweise zu Auftragsleistungen und kostenpflichtigem
// Support": one row per sentence of the terms.
func TestBillabilityPaidSupportTerms(t *testing.T) {
	const (
		support = billing.ActivitySupport
		migrate = billing.ActivityMigration
		comprom = billing.ActivityCompromise
		admin   = billing.ActivityAdministration
		develop = billing.ActivityDevelopment
	)
	var (
		terms   = billing.DefaultPolicy()
		flatFee = withCustomerFaultCharged(t, billing.ChargeFlatFee)
		none    = billing.FaultUndetermined
		ours    = billing.FaultProvider
		theirs  = billing.FaultCustomer
	)
	free := func(rule string) decision { return decision{billing.ChargeFree, rule} }
	units := func(rule string) decision { return decision{billing.ChargeUnits, rule} }

	tests := []struct {
		name   string
		policy billing.BillabilityPolicy
		entry  billing.WorkEntry
		want   decision
	}{
		// "Behebung von technischen Mängeln und Fehlfunktionen, die wir als
		// Provider zu vertreten ... kostenlos zu beheben haben."
		{"provider_defect_is_free", terms, work(support, ours), free(billing.RuleProviderFault)},
		// The provider's fault wins over the activity: rule 1 comes first.
		{"provider_defect_found_during_migration_is_free", terms, work(migrate, ours), free(billing.RuleProviderFault)},
		// "nach tatsächlichem Zeitaufwand in Arbeitseinheiten (AE)
		// berechnet: Account-Migrationen"
		{"account_migration_is_billed_in_units", terms, work(migrate, none), units(billing.RuleOrderedWork)},
		// "Erkennen und Beheben von Accountkompromittierungen"
		{"compromise_remediation_is_billed_in_units", terms, work(comprom, none), units(billing.RuleOrderedWork)},
		// "Administrations-Service & Software-Entwicklungen"
		{"administration_service_is_billed_in_units", terms, work(admin, none), units(billing.RuleOrderedWork)},
		{"software_development_is_billed_in_units", terms, work(develop, none), units(billing.RuleOrderedWork)},
		// Ordered work stays billed when the customer caused it: rule 2
		// decides before rule 3.
		{"migration_after_customer_fault_is_ordered_work", terms, work(migrate, theirs), units(billing.RuleOrderedWork)},
		// "Die überwiegende Anzahl aller Anfragen wird ... im Rahmen des
		// kostenlosen Online-Supports beantwortet."
		{"support_covered_by_product_description_is_free", terms, work(support, none), free(billing.RuleCovered)},
		// "sämtliche Arbeiten ..., die nicht durch den in der
		// Produktbeschreibung genannten Umfang abgedeckt sind"
		{"work_not_covered_by_product_description_is_billed", terms, work("network-setup", none), units(billing.RuleDefault)},
		// "wenn sich erst gegen Ende einer Analyse herausstellt, dass die
		// ... Leistungen auf einen Fehler des Kunden zurückgehen"
		{"customer_fault_found_at_end_is_billed_in_units", terms, work(support, theirs), units(billing.RuleCustomerFault)},
		{"customer_fault_found_at_end_as_technician_flat_fee", flatFee, work(support, theirs),
			decision{billing.ChargeFlatFee, billing.RuleCustomerFault}},
		// Non-billable work needs the technician's justification.
		{"technician_marks_not_billable_with_justification", terms,
			billing.WorkEntry{Activity: migrate, Duration: time.Hour, Billable: billing.BillableNo, Justification: "our own test migration"},
			free(billing.RuleTechnician)},
		// The technician may bill what the policy would give away.
		{"technician_marks_covered_support_billable", terms,
			billing.WorkEntry{Activity: support, Duration: time.Hour, Billable: billing.BillableYes},
			units(billing.RuleTechnician)},
		// The zero policy stands for the paid-support terms'.
		{"zero_policy_decides_as_seed_001", billing.BillabilityPolicy{}, work(migrate, none), units(billing.RuleOrderedWork)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.policy.Decide(tt.entry)
			if diff := cmp.Diff(tt.want, decision{got.Charging, got.Rule}); diff != "" {
				t.Errorf("Decide() mismatch (-want +got):\n%s", diff)
			}
			require.Equal(t, tt.want.Charging != billing.ChargeFree, got.Billable(), "Billable()")
			require.NotEmpty(t, got.Reason, "every decision says why on the report")
		})
	}
}

// The paid-support terms: "unsere Administratoren [haben] in derartigen Fällen den
// Kulanzspielraum bereits voll ausgeschöpft und i.d.R. auch nur einen Teil
// der tatsächlich erbrachten Leistungen berechnen." The policy decides
// that the work is billed; Goodwill decides how much of it.
func TestGoodwillBillsOnlyPart(t *testing.T) {
	pct := decimal.RequireFromString
	tests := []struct {
		name     string
		worked   time.Duration
		goodwill billing.Goodwill
		want     time.Duration
	}{
		// 2h - 0 = 2h; 2h * (100-50)% = 1h.
		{"half_of_2h_waived_bills_1h", h(2), billing.Goodwill{Percent: pct("50"), Reason: "Kulanz"}, h(1)},
		// 1h40m - 30m = 1h10m; no percentage.
		{"30m_of_1h40m_waived_bills_1h10m", 100 * time.Minute, billing.Goodwill{Waive: 30 * time.Minute, Reason: "Kulanz"}, 70 * time.Minute},
		// The waiver first, then the share: (90m - 30m) * 75% = 45m.
		{"30m_then_25pct_of_1h30m_bills_45m", 90 * time.Minute, billing.Goodwill{Waive: 30 * time.Minute, Percent: pct("25"), Reason: "Kulanz"}, 45 * time.Minute},
		// 3h * (100-33.33)% = 10800s * 0.6667 = 7200.36s, whole seconds
		// down: 7200s = 2h.
		{"a_third_of_3h_waived_bills_2h", h(3), billing.Goodwill{Percent: pct("33.33"), Reason: "Kulanz"}, h(2)},
		// Waiving everything bills nothing.
		{"everything_waived_bills_nothing", h(1), billing.Goodwill{Waive: h(1), Reason: "Kulanz"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := billing.WorkEntry{Activity: billing.ActivitySupport, Fault: billing.FaultCustomer, Duration: tt.worked, Goodwill: tt.goodwill}
			require.True(t, billing.DefaultPolicy().Decide(e).Billable(), "goodwill reduces billable work; the work itself is billed")
			if diff := cmp.Diff(tt.want, tt.goodwill.Apply(tt.worked)); diff != "" {
				t.Errorf("Apply(%s) mismatch (-want +got):\n%s", tt.worked, diff)
			}
		})
	}
}

// The paid-support terms bills "nach tatsächlichem Zeitaufwand in Arbeitseinheiten
// (AE)"; the unit size, rounding and minimum are policy.
func TestWorkUnits(t *testing.T) {
	tests := []struct {
		name   string
		policy billing.UnitPolicy
		worked time.Duration
		want   int64
	}{
		// 50m / 15m = 3.33: a started unit counts, 4 AE.
		{"15m_up_50m_is_4_units", billing.UnitPolicy{Size: 15 * time.Minute}, 50 * time.Minute, 4},
		// 45m / 15m = 3 exactly.
		{"15m_up_45m_is_3_units", billing.UnitPolicy{Size: 15 * time.Minute}, 45 * time.Minute, 3},
		// The zero policy is 15 minutes, rounded up: 1m is 1 AE.
		{"zero_policy_1m_is_1_unit", billing.UnitPolicy{}, time.Minute, 1},
		// 37m / 15m = 2.47, to the nearest: 2.
		{"15m_nearest_37m_is_2_units", billing.UnitPolicy{Size: 15 * time.Minute, Rounding: billing.RoundNearest}, 37 * time.Minute, 2},
		// 38m / 15m = 2.53, to the nearest: 3.
		{"15m_nearest_38m_is_3_units", billing.UnitPolicy{Size: 15 * time.Minute, Rounding: billing.RoundNearest}, 38 * time.Minute, 3},
		// 59m / 30m = 1.97, only full units: 1.
		{"30m_down_59m_is_1_unit", billing.UnitPolicy{Size: 30 * time.Minute, Rounding: billing.RoundDown}, 59 * time.Minute, 1},
		// 10m / 15m rounds up to 1, but the minimum is 2.
		{"minimum_2_units_for_10m", billing.UnitPolicy{Size: 15 * time.Minute, Minimum: 2}, 10 * time.Minute, 2},
		// Goodwill first, then units: 1h40m - 30m = 70m; 70m / 15m = 4.67,
		// up: 5 AE.
		{"goodwill_then_units_70m_is_5_units", billing.UnitPolicy{Size: 15 * time.Minute},
			billing.Goodwill{Waive: 30 * time.Minute, Reason: "Kulanz"}.Apply(100 * time.Minute), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			noErr(t, tt.policy.Validate())
			if diff := cmp.Diff(tt.want, tt.policy.Units(tt.worked)); diff != "" {
				t.Errorf("Units(%s) mismatch (-want +got):\n%s", tt.worked, diff)
			}
		})
	}
}

package billing

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/internal/enum"
)

// Activity is the category of a piece of work: a lowercase token of
// letters, digits and hyphens, at most 64 bytes. The categories below are
// the paid-support terms'; a host may use its own and write rules for them.
type Activity string

// The paid-support terms' categories.
const (
	// ActivitySupport is a support case: analysing and fixing a fault.
	// Whether it is free depends on whose fault it was.
	ActivitySupport Activity = "support"
	// ActivityMigration is an account migration (Account-Migration).
	ActivityMigration Activity = "migration"
	// ActivityCompromise is detecting and remedying an account compromise.
	ActivityCompromise Activity = "compromise"
	// ActivityAdministration is administration service.
	ActivityAdministration Activity = "administration"
	// ActivityDevelopment is software development.
	ActivityDevelopment Activity = "development"
)

// ParseActivity reads s in any letter case and returns it as an Activity
// in lowercase. It returns a *ValidationError for an empty or over-long
// token or one with characters other than letters, 0-9 and '-'.
func ParseActivity(s string) (Activity, error) {
	a := Activity(enum.Fold(s))
	if err := a.Validate(); err != nil {
		return "", err
	}
	return a, nil
}

// Validate reports a *ValidationError for an activity ParseActivity would
// refuse.
func (a Activity) Validate() error {
	var ps problems
	switch {
	case a == "":
		ps.add("Activity", "is required")
	case len(a) > 64:
		ps.add("Activity", "is longer than 64 bytes")
	default:
		for _, r := range a {
			if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
				ps.add("Activity", "%q: only a-z, 0-9 and '-' are allowed", workClip(string(a)))
				break
			}
		}
	}
	return ps.err()
}

// String returns the activity's token.
func (a Activity) String() string { return string(a) }

// Charging is how billable work is charged, or that it is free.
type Charging uint8

// The ways of charging. The zero Charging is none of them.
const (
	ChargeFree    Charging = iota + 1 // not billed; on the report with the reason
	ChargeUnits                       // billed by actual time in work units (AE), or booked on the quota
	ChargeFlatFee                     // billed as a technician flat fee (Technikerpauschale)
)

var chargingNames = enum.Ints[Charging]("billing", "Charging", "", "free", "units", "flat-fee")

// String returns "free", "units" or "flat-fee".
func (c Charging) String() string { return chargingNames.String(c) }

// ParseCharging reads a Charging as String writes it. It returns a
// *ValidationError for anything else.
func ParseCharging(s string) (Charging, error) { return chargingNames.Parse(s) }

// MarshalText implements encoding.TextMarshaler.
func (c Charging) MarshalText() ([]byte, error) { return chargingNames.Marshal(c) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseCharging.
func (c *Charging) UnmarshalText(b []byte) error { return chargingNames.Unmarshal(c, b) }

// Billability is the policy's decision on a piece of work, with the rule
// that made it and why, so the service report can say.
type Billability struct {
	Charging Charging // free, or how the work is charged
	Rule     string   // the rule that applied: a rule's Name, RuleTechnician or RuleDefault
	Reason   string   // the rule's reason, or the technician's justification
}

// Billable reports whether the work is charged.
func (b Billability) Billable() bool { return b.Charging == ChargeUnits || b.Charging == ChargeFlatFee }

// String writes the decision for a report: "units (rule customer-fault):
// the analysis found the customer's fault".
func (b Billability) String() string {
	return fmt.Sprintf("%s (rule %s): %s", b.Charging, b.Rule, b.Reason)
}

// The rule names a decision carries when no rule of the policy's list
// made it.
const (
	// RuleTechnician: the technician's Billable flag decided.
	RuleTechnician = "technician"
	// RuleDefault: no rule matched; the policy's Default decided.
	RuleDefault = "default"
)

// BillabilityPolicy decides which work is billed and how: a list of rules
// tried in order, the first that matches decides, and a default for work
// no rule matches. It is data, so a host can store and edit it;
// DefaultPolicy is the paid-support terms'.
//
// The zero BillabilityPolicy means DefaultPolicy wherever a policy is
// configured (BillerConfig, Contract).
type BillabilityPolicy struct {
	// Rules are tried in order; the first that matches decides.
	Rules []BillabilityRule
	// Default decides work no rule matches. The paid-support terms: everything the
	// product description does not cover is billable.
	Default Charging
	// DefaultReason is the reason a Default decision gives.
	DefaultReason string
	// Covered lists what the product descriptions cover (the basic
	// services included). A rule may match on coverage (CoverageMatch).
	Covered []ProductCoverage
	// Order is the threshold above which work needs the customer's
	// explicit order.
	Order OrderThreshold
}

// BillabilityRule is one rule of a policy. Empty lists match anything;
// a rule matches an entry when every condition does.
type BillabilityRule struct {
	Name       string        // unique in the policy; shown on the report
	Activities []Activity    // the entry's activity is one of these
	Faults     []Fault       // the entry's fault attribution is one of these
	Coverage   CoverageMatch // the work is covered by the product description, or not, or either
	Charging   Charging      // what the rule decides
	Reason     string        // why, in words the customer reads on the report
}

// CoverageMatch is a rule's condition on coverage by the product
// description. The zero value matches any work.
type CoverageMatch uint8

// The coverage conditions.
const (
	AnyCoverage   CoverageMatch = iota // covered or not
	OnlyCovered                        // work the product description covers
	OnlyUncovered                      // work it does not cover
)

var coverageNames = enum.Ints[CoverageMatch]("billing", "CoverageMatch", "any", "covered", "uncovered")

// String returns "any", "covered" or "uncovered".
func (m CoverageMatch) String() string { return coverageNames.String(m) }

// ParseCoverageMatch reads a CoverageMatch as String writes it. It returns
// a *ValidationError for anything else.
func ParseCoverageMatch(s string) (CoverageMatch, error) {
	return coverageNames.Parse(s)
}

// MarshalText implements encoding.TextMarshaler.
func (m CoverageMatch) MarshalText() ([]byte, error) { return coverageNames.Marshal(m) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseCoverageMatch.
func (m *CoverageMatch) UnmarshalText(b []byte) error { return coverageNames.Unmarshal(m, b) }

// ProductCoverage says which activities a product's description covers.
// An empty Product stands for every product.
type ProductCoverage struct {
	Product    string     // the product, as WorkEntry.Product names it; empty: every product
	Activities []Activity // the activities its description covers
}

// OrderThreshold is when work on a ticket needs the customer's explicit
// order (the paid-support terms: "Wir holen uns grundsätzlich einen expliziten
// Auftrag des Kunden ein, sofern umfangreichere kostenpflichtige Analysen
// oder Arbeiten notwendig sind"). Billable work on a ticket beyond either
// limit, where no entry of the ticket carries an order reference, is held
// back from billing and flagged; zero limits are off. A quota customer's
// work that is on the quota ledger already (booked at its release, under
// the limit then) counts towards the ticket but is not held: the balance
// shows it, so the report bills it.
type OrderThreshold struct {
	// Hours: the billable time of the ticket in the run, after goodwill
	// and before rounding to units.
	Hours time.Duration
	// Amount: that time at the hourly rate plus flat fees, net.
	Amount decimal.Decimal
}

// The rule names of DefaultPolicy.
const (
	RuleProviderFault = "provider-fault"
	RuleOrderedWork   = "ordered-work"
	RuleCustomerFault = "customer-fault"
	RuleCovered       = "covered"
)

// DefaultPolicy returns the paid-support terms' policy, in this order:
//
//  1. provider-fault: a defect the provider is responsible for is fixed
//     free of charge, whatever the activity;
//  2. ordered-work: account migrations, compromise remediation,
//     administration service and software development are billed in work
//     units;
//  3. customer-fault: a support case the analysis found to be the
//     customer's fault is billed in work units (set the rule's Charging
//     to ChargeFlatFee to bill a technician flat fee instead);
//  4. covered: what the product description covers (support, for every
//     product) is free online support;
//  5. default: everything else is billable in work units.
//
// Work on a ticket beyond 4 hours needs the customer's explicit order.
func DefaultPolicy() BillabilityPolicy {
	return BillabilityPolicy{
		Rules: []BillabilityRule{
			{Name: RuleProviderFault, Faults: []Fault{FaultProvider}, Charging: ChargeFree,
				Reason: "a defect the provider is responsible for is fixed free of charge"},
			{Name: RuleOrderedWork, Activities: []Activity{ActivityMigration, ActivityCompromise, ActivityAdministration, ActivityDevelopment}, Charging: ChargeUnits,
				Reason: "account migrations, compromise remediation, administration service and software development are billed by actual time"},
			{Name: RuleCustomerFault, Faults: []Fault{FaultCustomer}, Charging: ChargeUnits,
				Reason: "the analysis found the fault on the customer's side"},
			{Name: RuleCovered, Coverage: OnlyCovered, Charging: ChargeFree,
				Reason: "covered by the product description: free online support"},
		},
		Default:       ChargeUnits,
		DefaultReason: "not covered by the product description",
		Covered:       []ProductCoverage{{Activities: []Activity{ActivitySupport}}},
		Order:         OrderThreshold{Hours: 4 * time.Hour},
	}
}

// IsZero reports whether p is the zero policy, which stands for
// DefaultPolicy.
func (p BillabilityPolicy) IsZero() bool {
	return len(p.Rules) == 0 && p.Default == 0 && p.DefaultReason == "" && len(p.Covered) == 0 &&
		p.Order.Hours == 0 && p.Order.Amount.IsZero()
}

// orDefault returns p, or DefaultPolicy for the zero policy.
func (p BillabilityPolicy) orDefault() BillabilityPolicy {
	if p.IsZero() {
		return workDefaultPolicy
	}
	return p
}

// workDefaultPolicy is DefaultPolicy for the package's own reading (a run
// decides with it for every customer without a policy); nothing changes
// its slices, and DefaultPolicy still hands each caller its own.
var workDefaultPolicy = DefaultPolicy()

// Validate reports a *ValidationError listing every wrong field: a rule
// without a name, with a duplicate name, without a reason, with an
// invalid activity, fault, coverage or charging; an invalid Default or a
// Default without a reason; an invalid coverage entry; a negative
// threshold.
func (p BillabilityPolicy) Validate() error {
	var ps problems
	seen := map[string]bool{}
	for i, r := range p.Rules {
		f := fmt.Sprintf("Rules[%d].", i)
		ps.checkWorkID(f+"Name", r.Name, true)
		if seen[r.Name] || r.Name == RuleTechnician || r.Name == RuleDefault {
			ps.add(f+"Name", "%q is taken", workClip(r.Name))
		}
		seen[r.Name] = true
		for j, a := range r.Activities {
			if err := a.Validate(); err != nil {
				ps.add(fmt.Sprintf("%sActivities[%d]", f, j), "%s", err.(*ValidationError).Problems[0].Reason)
			}
		}
		for j, fa := range r.Faults {
			if !faultNames.Valid(fa) {
				ps.add(fmt.Sprintf("%sFaults[%d]", f, j), "%d is not a fault attribution", fa)
			}
		}
		if !coverageNames.Valid(r.Coverage) {
			ps.add(f+"Coverage", "%d is not a coverage condition", r.Coverage)
		}
		if !chargingNames.Valid(r.Charging) {
			ps.add(f+"Charging", "%d is not a way of charging", r.Charging)
		}
		ps.checkWorkText(f+"Reason", r.Reason, true, false)
	}
	if !chargingNames.Valid(p.Default) {
		ps.add("Default", "%d is not a way of charging", p.Default)
	}
	ps.checkWorkText("DefaultReason", p.DefaultReason, true, false)
	for i, c := range p.Covered {
		ps.checkWorkID(fmt.Sprintf("Covered[%d].Product", i), c.Product, false)
		for j, a := range c.Activities {
			if err := a.Validate(); err != nil {
				ps.add(fmt.Sprintf("Covered[%d].Activities[%d]", i, j), "%s", err.(*ValidationError).Problems[0].Reason)
			}
		}
	}
	if p.Order.Hours < 0 {
		ps.add("Order.Hours", "%s is negative", p.Order.Hours)
	}
	ps.checkWorkMoney("Order.Amount", p.Order.Amount, 2)
	return ps.err()
}

// Covers reports whether the product descriptions cover the activity on
// the product.
func (p BillabilityPolicy) Covers(product string, a Activity) bool {
	for _, c := range p.Covered {
		if (c.Product == "" || c.Product == product) && slices.Contains(c.Activities, a) {
			return true
		}
	}
	return false
}

// Decide decides whether and how the entry is billed. The technician's
// flag comes first: BillableNo is free with the justification as reason;
// BillableYes is billed as the rules would bill it, in units if they
// would not. Otherwise the first matching rule decides, or the Default.
// The zero policy decides as DefaultPolicy.
func (p BillabilityPolicy) Decide(e WorkEntry) Billability {
	p = p.orDefault()
	return p.decide(&e)
}

// decide is Decide for a policy that is not zero.
func (p *BillabilityPolicy) decide(e *WorkEntry) Billability {
	if e.Billable == BillableNo {
		return Billability{Charging: ChargeFree, Rule: RuleTechnician, Reason: e.Justification}
	}
	d := p.decideByRules(e)
	if e.Billable == BillableYes && !d.Billable() {
		return Billability{Charging: ChargeUnits, Rule: RuleTechnician, Reason: "marked billable by the technician"}
	}
	return d
}

func (p *BillabilityPolicy) decideByRules(e *WorkEntry) Billability {
	covered := -1 // unknown until a rule asks
	for _, r := range p.Rules {
		if len(r.Activities) > 0 && !slices.Contains(r.Activities, e.Activity) {
			continue
		}
		if len(r.Faults) > 0 && !slices.Contains(r.Faults, e.Fault) {
			continue
		}
		if r.Coverage != AnyCoverage {
			if covered < 0 {
				covered = 0
				if p.Covers(e.Product, e.Activity) {
					covered = 1
				}
			}
			if (r.Coverage == OnlyCovered) != (covered == 1) {
				continue
			}
		}
		return Billability{Charging: r.Charging, Rule: r.Name, Reason: r.Reason}
	}
	return Billability{Charging: p.Default, Rule: RuleDefault, Reason: p.DefaultReason}
}

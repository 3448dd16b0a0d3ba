package billing

import "github.com/deskcore/deskcore/internal/enum"

// Contract is the billing side of a customer's agreement: how the
// customer is billed. It holds the contract type, the rate card of the
// cooperation agreement (Kooperationsvereinbarung), central or per-branch
// invoicing, who receives the service reports, and the unit and
// billability policies where they differ from the Biller's. There is one
// per customer.
//
// A customer with a prepaid hour bank (ContractQuota) has, besides this
// one, a quota.Contract: the hour bank itself, with its hours, rollover
// and overdraft. QuotaContractID links the two. The billing run books the
// customer's work on the hour bank and bills the monthly fee and any
// overage correction from it.
type Contract struct {
	CustomerID string       // the host's customer, unique in the store
	Type       ContractType // zero: no contract, pay per report
	// QuotaContractID is the quota contract (quota.Contract.ID) of a
	// ContractQuota customer; its CustomerID must be this CustomerID.
	QuotaContractID string
	Invoicing       Invoicing // zero: centrally through head office
	// ReportRecipient is who receives the service reports, as the
	// customer said at onboarding: an e-mail address or the host's
	// contact ID.
	ReportRecipient string
	Rates           RateCard          // the cooperation agreement's prices
	Units           UnitPolicy        // zero: the Biller's
	Policy          BillabilityPolicy // zero: the Biller's
}

// ContractType is a customer's kind of contract ("Vertragsart").
type ContractType uint8

// The contract types. The zero value is ContractNone.
const (
	// ContractNone: no contract; work is invoiced per service report.
	ContractNone ContractType = iota
	// ContractQuota: a quota (Kontingent); work in units is booked on
	// the quota ledger, the fixed monthly fee and corrections are
	// invoiced; travel, flat fees and pay-per-use items are invoiced per
	// report.
	ContractQuota
	// ContractPayPerUse: managed services billed per use (devices,
	// mailboxes, GB); other work is invoiced per report as with
	// ContractNone.
	ContractPayPerUse
	// ContractRental: the rental "flat rate"; billed separately by
	// direct debit, not by this flow.
	ContractRental
	// ContractDataCentre: data-centre customers (PARTNERasp, TERRA
	// CLOUD); billed separately by direct debit, not by this flow.
	ContractDataCentre
)

var contractTypeNames = enum.Ints[ContractType]("billing", "ContractType", "none", "quota", "pay-per-use", "rental", "data-centre")

// String returns "none", "quota", "pay-per-use", "rental" or "data-centre".
func (t ContractType) String() string { return contractTypeNames.String(t) }

// ParseContractType reads a type as String writes it. It returns a
// *ValidationError for anything else.
func ParseContractType(s string) (ContractType, error) {
	return contractTypeNames.Parse(s)
}

// MarshalText implements encoding.TextMarshaler.
func (t ContractType) MarshalText() ([]byte, error) { return contractTypeNames.Marshal(t) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseContractType.
func (t *ContractType) UnmarshalText(b []byte) error { return contractTypeNames.Unmarshal(t, b) }

// Excluded reports whether customers of this type are billed outside this
// flow, and why (the service agreement: "Ausgenommen von dem hier beschriebenen Ablauf
// sind Mietverträge und Rechenzentrums-Kunden. Beide werden gesondert
// bzw. mit vereinbartem Bankeinzug abgerechnet.").
func (t ContractType) Excluded() (reason string, excluded bool) {
	switch t {
	case ContractRental:
		return "rental contracts are billed separately by the agreed direct debit, not through service reports", true
	case ContractDataCentre:
		return "data-centre customers are billed separately by the agreed direct debit, not through service reports", true
	}
	return "", false
}

// Invoicing is how a customer with branches (Niederlassungen) is
// invoiced, as the customer said at onboarding: centrally through head
// office (Zentrale) or each branch on its own.
type Invoicing uint8

// The ways of invoicing branches. The zero value is Central.
const (
	// Central: one service report and one invoice per run for the whole
	// customer, to head office; the report groups the work by branch.
	Central Invoicing = iota
	// PerBranch: one service report and one invoice per branch, each
	// billed to its branch; head-office work has its own.
	PerBranch
)

var invoicingNames = enum.Ints[Invoicing]("billing", "Invoicing", "central", "per-branch")

// String returns "central" or "per-branch".
func (i Invoicing) String() string { return invoicingNames.String(i) }

// ParseInvoicing reads an Invoicing as String writes it. It returns a
// *ValidationError for anything else.
func ParseInvoicing(s string) (Invoicing, error) { return invoicingNames.Parse(s) }

// MarshalText implements encoding.TextMarshaler.
func (i Invoicing) MarshalText() ([]byte, error) { return invoicingNames.Marshal(i) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseInvoicing.
func (i *Invoicing) UnmarshalText(b []byte) error { return invoicingNames.Unmarshal(i, b) }

// Validate reports a *ValidationError listing every wrong field: a missing
// CustomerID, an unknown type or invoicing, a quota contract ID missing
// for a quota customer or given for another, a missing report recipient,
// an invalid rate card (not required for excluded types), unit policy or
// billability policy.
func (c Contract) Validate() error {
	var ps problems
	ps.checkWorkID("CustomerID", c.CustomerID, true)
	if !contractTypeNames.Valid(c.Type) {
		ps.add("Type", "%d is not a contract type", c.Type)
	}
	switch {
	case c.Type == ContractQuota:
		ps.checkWorkID("QuotaContractID", c.QuotaContractID, true)
	case c.QuotaContractID != "":
		ps.add("QuotaContractID", "is only for quota contracts, not %s", c.Type)
	}
	if !invoicingNames.Valid(c.Invoicing) {
		ps.add("Invoicing", "%d is not a way of invoicing", c.Invoicing)
	}
	_, excluded := c.Type.Excluded()
	ps.checkWorkText("ReportRecipient", c.ReportRecipient, !excluded, false)
	if !excluded || len(c.Rates) > 0 {
		ps.nestWork("", c.Rates.Validate()) // its fields are named Rates[i] already
	}
	ps.nestWork("Units", c.Units.Validate())
	if !c.Policy.IsZero() {
		ps.nestWork("Policy", c.Policy.Validate())
	}
	return ps.err()
}

// nest adds the problems of a nested value's validation, their fields
// under prefix unless it is empty.
func (ps *problems) nestWork(prefix string, err error) {
	if err == nil {
		return
	}
	for _, p := range err.(*ValidationError).Problems {
		if prefix != "" {
			p.Field = prefix + "." + p.Field
		}
		*ps = append(*ps, p)
	}
}

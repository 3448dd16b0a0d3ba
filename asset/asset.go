package asset

import (
	"fmt"
	"slices"

	"github.com/rickb777/date/v2"
)

// Kind says what an asset is. The zero value is no kind and does not
// validate.
type Kind string

// The kinds of asset a service provider documents for a customer.
const (
	KindHardware Kind = "hardware" // a device: server, client, firewall, printer
	KindSoftware Kind = "software" // installed software
	KindLicence  Kind = "licence"  // a licence or subscription on its own
	KindService  Kind = "service"  // a booked service: hosted mailbox, online backup
)

// Valid reports whether k is one of the declared kinds.
func (k Kind) Valid() bool { return kindText.Valid(k) }

// Ownership says who owns an asset and so who bears the warranty risk. The
// zero value is unknown and does not validate: the risk must be stated.
type Ownership string

// The two ownerships.
const (
	// OwnedByCustomer: bought by the customer; a defect after the warranty
	// is the customer's cost.
	OwnedByCustomer Ownership = "customer"
	// RentedFromProvider: rental contract or managed firewall; the provider
	// owns the device and bears the warranty risk ("Garantie-Risiko bei
	// uns").
	RentedFromProvider Ownership = "rented"
)

// Valid reports whether o is one of the declared ownerships.
func (o Ownership) Valid() bool { return ownershipText.Valid(o) }

// Party is one side of the contract: the customer or the provider.
type Party string

// The two parties.
const (
	PartyCustomer Party = "customer"
	PartyProvider Party = "provider"
)

// Status is where an asset is in its life. The zero value does not
// validate.
type Status string

// The lifecycle, in order. An asset moves forward only, may skip steps
// (an inventoried device starts in use; a service goes from ordered to in
// use), and retired is final.
const (
	StatusOrdered   Status = "ordered"   // ordered from the supplier
	StatusReceived  Status = "received"  // in materials management (goods receipt), not yet delivered
	StatusDelivered Status = "delivered" // at the customer's site
	StatusInUse     Status = "in-use"    // installed and working
	StatusRetired   Status = "retired"   // taken out of service; kept for the record
)

func (s Status) rank() int {
	switch s {
	case StatusOrdered:
		return 1
	case StatusReceived:
		return 2
	case StatusDelivered:
		return 3
	case StatusInUse:
		return 4
	case StatusRetired:
		return 5
	}
	return 0
}

// Valid reports whether s is one of the declared statuses.
func (s Status) Valid() bool { return s.rank() > 0 }

// CanBecome reports whether an asset in status s may move to next: forward
// only, skipping allowed, staying put allowed, nothing after retired.
func (s Status) CanBecome(next Status) bool {
	if !s.Valid() || !next.Valid() {
		return false
	}
	return next == s || (s != StatusRetired && next.rank() > s.rank())
}

// Attribute is one line of technical data ("RAM" = "32 GB",
// "Firmware" = "10.2"). Attributes keep the order they were given in.
type Attribute struct {
	Name  string
	Value string
}

// Asset is one documented thing of a customer at a site: a device, some
// software, a licence or a service, with its purchase, warranty and licence
// dates. IDs of customers, sites and contracts are the host's.
type Asset struct {
	ID         string
	CustomerID string
	SiteID     string // the customer's branch or site; empty for assets not tied to one (a hosted mailbox)
	Kind       Kind
	Name       string // what people call it: "Firewall Warendorf"
	Model      string // manufacturer and model: "LANCOM 1900EF"
	Serial     string
	Attributes []Attribute // technical data
	Purchased  date.Date   // purchase date; date.Zero if unknown
	Warranty   Warranty    // zero if none is recorded
	Licence    Licence     // zero if none is recorded; hardware may carry one (a firewall's security subscription)
	Ownership  Ownership
	ContractID string // the rental or managed-service contract, if any
	Status     Status
}

// WarrantyRisk says who pays when the device fails: the provider for rented
// equipment (rental contracts, managed firewall), the customer
// otherwise.
func (a Asset) WarrantyRisk() Party {
	if a.Ownership == RentedFromProvider {
		return PartyProvider
	}
	return PartyCustomer
}

// Clone returns a copy of a that shares no memory with it. Stores use it to
// keep callers from changing stored state through a slice.
func (a Asset) Clone() Asset {
	a.Attributes = slices.Clone(a.Attributes)
	return a
}

// Validate checks a on its own: IDs, kind, ownership, status, text limits,
// attribute names unique, warranty and licence consistent. It returns nil
// or a *ValidationError.
func (a Asset) Validate() error {
	if err := firstOf(
		checkID("ID", a.ID),
		checkID("CustomerID", a.CustomerID),
		checkOptionalID("SiteID", a.SiteID),
		unless(a.Kind.Valid(), "Kind", "must be hardware, software, licence or service, not %q", a.Kind),
		unless(a.Ownership.Valid(), "Ownership", "must be customer or rented, not %q", a.Ownership),
		unless(a.Status.Valid(), "Status", "must be ordered, received, delivered, in-use or retired, not %q", a.Status),
		checkOptionalID("ContractID", a.ContractID),
		checkText("Name", a.Name, maxTextLen, false, false),
		checkText("Model", a.Model, maxTextLen, false, false),
		checkText("Serial", a.Serial, maxTextLen, false, false),
		unless(a.Name != "" || a.Model != "", "Name", "is required when Model is empty"),
		unless(len(a.Attributes) <= 200, "Attributes", "has more than 200 entries"),
	); err != nil {
		return err
	}
	seen := make(map[string]bool, len(a.Attributes))
	for i, at := range a.Attributes {
		field := fmt.Sprintf("Attributes[%d]", i)
		if err := firstOf(
			checkText(field+".Name", at.Name, maxTextLen, true, false),
			checkText(field+".Value", at.Value, maxTextLen, false, false),
			unless(!seen[at.Name], field+".Name", "repeats %q", at.Name),
		); err != nil {
			return err
		}
		seen[at.Name] = true
	}
	return firstOf(
		checkDate("Purchased", a.Purchased, false),
		a.Warranty.validate("Warranty"),
		a.Licence.validate("Licence"),
	)
}

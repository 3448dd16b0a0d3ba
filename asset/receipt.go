package asset

import (
	"fmt"
	"slices"
	"time"
)

// Receipt is a goods receipt in materials management: a supplier's
// delivery for one customer, received before it goes out to the customer's
// site. Lines are everything to pick and pack; Assets are the relevant
// hardware among it, registered as the customer's assets at this moment,
// before delivery. Cables and toner are lines without an asset.
type Receipt struct {
	ID           string // the goods-receipt number; a receipt is registered once
	CustomerID   string
	SiteID       string // where the delivery goes; the default site of its assets
	Supplier     string
	DeliveryNote string // the supplier's delivery-note number
	ReceivedAt   time.Time
	ReceivedBy   string // who booked it in
	Lines        []ReceiptLine
	Assets       []Asset
}

// ReceiptLine is one position of a delivery.
type ReceiptLine struct {
	Description string // "LANCOM 1900EF", "Patchkabel Cat6 2 m"
	Quantity    int
}

// PickAndPack is the event a goods receipt returns: the host turns it into
// a pick-and-pack ticket ("Kommissionieren und Packen") for the delivery to
// the customer. It is built from the receipt alone (Receipt.PickAndPack),
// so a host that crashed after Receive can rebuild it from the stored
// receipt.
type PickAndPack struct {
	ReceiptID  string
	CustomerID string
	SiteID     string
	Supplier   string
	ReceivedAt time.Time
	Lines      []ReceiptLine
	AssetIDs   []string // the assets registered by the receipt, in receipt order
}

// PickAndPack returns the event for r.
func (r Receipt) PickAndPack() PickAndPack {
	ids := make([]string, len(r.Assets))
	for i, a := range r.Assets {
		ids[i] = a.ID
	}
	return PickAndPack{
		ReceiptID: r.ID, CustomerID: r.CustomerID, SiteID: r.SiteID, Supplier: r.Supplier,
		ReceivedAt: r.ReceivedAt, Lines: slices.Clone(r.Lines), AssetIDs: ids,
	}
}

// Clone returns a copy of r that shares no memory with it.
func (r Receipt) Clone() Receipt {
	r.Lines = slices.Clone(r.Lines)
	r.Assets = slices.Clone(r.Assets)
	for i := range r.Assets {
		r.Assets[i] = r.Assets[i].Clone()
	}
	return r
}

// Normalize returns r with what a goods receipt implies filled into its
// assets: the receipt's customer, its site where an asset names none, and
// status received where an asset has no status. It does not validate.
func (r Receipt) Normalize() Receipt {
	r = r.Clone()
	for i := range r.Assets {
		a := &r.Assets[i]
		if a.CustomerID == "" {
			a.CustomerID = r.CustomerID
		}
		if a.SiteID == "" {
			a.SiteID = r.SiteID
		}
		if a.Status == "" {
			a.Status = StatusReceived
		}
	}
	return r
}

// Validate checks r as Inventory.Receive will store it (call Normalize
// first): IDs, at least one line, positive quantities, every asset valid,
// for the receipt's customer, in status received, and no asset ID twice.
// It returns nil or a *ValidationError.
func (r Receipt) Validate() error {
	if err := firstOf(
		checkID("ID", r.ID),
		checkID("CustomerID", r.CustomerID),
		checkOptionalID("SiteID", r.SiteID),
		checkText("Supplier", r.Supplier, maxTextLen, true, false),
		checkText("DeliveryNote", r.DeliveryNote, maxTextLen, false, false),
		checkInstant("ReceivedAt", r.ReceivedAt),
		checkID("ReceivedBy", r.ReceivedBy),
		unless(len(r.Lines) > 0, "Lines", "a receipt has at least one line"),
		unless(len(r.Lines) <= 10_000 && len(r.Assets) <= 10_000, "Lines", "a receipt has at most 10000 lines and 10000 assets"),
	); err != nil {
		return err
	}
	for i, l := range r.Lines {
		field := fmt.Sprintf("Lines[%d]", i)
		if err := firstOf(
			checkText(field+".Description", l.Description, maxTextLen, true, false),
			unless(l.Quantity >= 1 && l.Quantity <= 1_000_000, field+".Quantity", "must be 1 to 1000000, not %d", l.Quantity),
		); err != nil {
			return err
		}
	}
	seen := make(map[string]bool, len(r.Assets))
	for i, a := range r.Assets {
		field := fmt.Sprintf("Assets[%d]", i)
		if err := firstOf(
			within(field, a.Validate()),
			unless(a.CustomerID == r.CustomerID, field+".CustomerID", "is %q, the receipt is for %q", a.CustomerID, r.CustomerID),
			unless(a.Status == StatusReceived, field+".Status", "is %q, a goods receipt registers assets as received", a.Status),
			unless(!seen[a.ID], field+".ID", "repeats %q", a.ID),
		); err != nil {
			return err
		}
		seen[a.ID] = true
	}
	return nil
}

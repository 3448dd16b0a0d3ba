package asset

import (
	"context"
	"errors"
	"iter"
	"reflect"
	"slices"
	"time"

	"github.com/rickb777/date/v2"
)

// InventoryConfig configures an Inventory. The zero value is usable.
type InventoryConfig struct {
	// Expiry sets the lead times of the expiry scan; zero means 90 and
	// 30 days.
	Expiry ExpiryPolicy
}

// Inventory is a host's asset register over its InventoryStore:
// registering assets, goods receipts, status changes and the expiry scan.
// It is safe for concurrent use if its store is.
type Inventory struct {
	store  InventoryStore
	expiry ExpiryPolicy
}

// NewInventory returns an Inventory over store. It returns a
// *ValidationError if store is nil or cfg is invalid.
func NewInventory(store InventoryStore, cfg InventoryConfig) (*Inventory, error) {
	if store == nil {
		return nil, invalid("store", "is nil")
	}
	if err := cfg.Expiry.Validate(); err != nil {
		return nil, within("Expiry", err)
	}
	return &Inventory{store: store, expiry: cfg.Expiry}, nil
}

// ready refuses an Inventory that NewInventory did not make (a nil
// pointer or a zero Inventory has no store), so its methods return an
// error instead of panicking.
func (inv *Inventory) ready() error {
	if inv == nil || inv.store == nil {
		return invalid("Inventory", "has no store; make it with NewInventory")
	}
	return nil
}

// failed is a sequence that yields err and ends.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// Register validates a and stores it. Registering again with the ID of a
// stored asset and the same content is a retry, not an error: it returns
// nil and stores nothing new, so a host may repeat a call whose answer it
// lost. It returns a *ValidationError for an invalid asset and a
// *RegisterConflictError (matching ErrConflict) when the ID is taken by
// an asset with other content, the stored one changed since included.
func (inv *Inventory) Register(ctx context.Context, a Asset) error {
	if err := inv.ready(); err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	err := inv.store.CreateAsset(ctx, a.Clone())
	if !errors.Is(err, ErrConflict) {
		return err
	}
	stored, rerr := inv.store.Asset(ctx, a.ID)
	switch {
	case rerr != nil:
		return err
	case sameAsset(stored, a):
		return nil
	}
	return &RegisterConflictError{ID: a.ID, Existing: stored, Requested: a.Clone()}
}

// sameAsset reports whether a and b hold the same content; an asset read
// back from a store may have an empty attribute list where nil was
// registered.
func sameAsset(a, b Asset) bool {
	if !slices.Equal(a.Attributes, b.Attributes) {
		return false
	}
	a.Attributes, b.Attributes = nil, nil
	return reflect.DeepEqual(a, b)
}

// Asset returns the asset with the ID, or ErrNotFound.
func (inv *Inventory) Asset(ctx context.Context, id string) (Asset, error) {
	if err := inv.ready(); err != nil {
		return Asset{}, err
	}
	return inv.store.Asset(ctx, id)
}

// Assets streams the assets f selects in ascending ID order; it queries the
// store each time it is iterated and stops after yielding the store's
// error (a context error, or the adapter's own). Use AssetFilter.Ownership
// = RentedFromProvider for the equipment whose warranty risk the provider
// bears.
func (inv *Inventory) Assets(ctx context.Context, f AssetFilter) iter.Seq2[Asset, error] {
	if err := inv.ready(); err != nil {
		return failed[Asset](err)
	}
	return inv.store.Assets(ctx, f)
}

// Update changes a stored asset through fn inside the store's transaction
// and returns the result. The ID and customer cannot change, the status
// moves only as Status.CanBecome allows, and the result must validate.
// It returns ErrNotFound, a *ValidationError (nil fn, or a change the rules
// forbid), fn's own error, or ErrConflict from a concurrent writer; on any
// error nothing is stored.
func (inv *Inventory) Update(ctx context.Context, id string, fn func(*Asset) error) (Asset, error) {
	if err := inv.ready(); err != nil {
		return Asset{}, err
	}
	if fn == nil {
		return Asset{}, invalid("fn", "is nil")
	}
	return inv.store.UpdateAsset(ctx, id, func(a *Asset) error {
		before := a.Clone()
		if err := fn(a); err != nil {
			return err
		}
		switch {
		case a.ID != before.ID:
			return invalid("ID", "cannot change")
		case a.CustomerID != before.CustomerID:
			return invalid("CustomerID", "cannot change; register the asset for the new customer")
		case !before.Status.CanBecome(a.Status):
			return invalid("Status", "cannot go from %q to %q", before.Status, a.Status)
		}
		return a.Validate()
	})
}

// SetStatus moves an asset along its lifecycle (delivered, in use,
// retired); see Update for the errors.
func (inv *Inventory) SetStatus(ctx context.Context, id string, to Status) (Asset, error) {
	if err := inv.ready(); err != nil {
		return Asset{}, err
	}
	return inv.Update(ctx, id, func(a *Asset) error {
		a.Status = to
		return nil
	})
}

// Receive books a goods receipt: it registers the receipt's assets as the
// customer's, in status received, before delivery, and returns the
// pick-and-pack event for the host's ticketing. The receipt is normalized
// first (see Receipt.Normalize). It returns a *ValidationError for an
// invalid receipt and ErrConflict, registering nothing, if the receipt or
// any asset was registered before; Receipt then returns the stored one.
func (inv *Inventory) Receive(ctx context.Context, r Receipt) (PickAndPack, error) {
	if err := inv.ready(); err != nil {
		return PickAndPack{}, err
	}
	r = r.Normalize()
	if err := r.Validate(); err != nil {
		return PickAndPack{}, err
	}
	if err := inv.store.AddReceipt(ctx, r); err != nil {
		return PickAndPack{}, err
	}
	return r.PickAndPack(), nil
}

// Receipt returns a stored goods receipt, or ErrNotFound. Its PickAndPack
// method rebuilds the event.
func (inv *Inventory) Receipt(ctx context.Context, id string) (Receipt, error) {
	if err := inv.ready(); err != nil {
		return Receipt{}, err
	}
	return inv.store.Receipt(ctx, id)
}

// Expiring streams the expiry notices due on day today that were not
// marked with MarkNotified: for every asset that is not retired, the
// warranty or licence notice of the shortest lead time reached (see
// ExpiryPolicy.Due), in ascending asset ID order, warranty before licence.
//
// Expiring writes nothing. A notice counts as sent once MarkNotified has
// recorded it, so the host sends, then marks: a crash in between sends
// that notice again on the next run (at least once), never loses it. Each
// notice is sent once per asset, subject, expiry date and lead time; an
// extended warranty is announced anew.
//
// The sequence streams from the store without loading the inventory, stops
// at the first error, and runs the query again each time it is iterated.
func (inv *Inventory) Expiring(ctx context.Context, today date.Date) iter.Seq2[Notice, error] {
	if err := inv.ready(); err != nil {
		return failed[Notice](err)
	}
	f := AssetFilter{ExcludeRetired: true, ExpiringFrom: today, ExpiringUntil: today + date.Date(inv.expiry.Horizon())}
	return inv.expiry.Scan(inv.store.Assets(ctx, f), today, func(k NoticeKey) (bool, error) {
		return inv.store.Notified(ctx, k)
	})
}

// MarkNotified records that notice n was sent at at, so Expiring leaves it
// out from now on. Marking twice is not an error. It returns a
// *ValidationError for a notice that Expiring cannot have produced.
func (inv *Inventory) MarkNotified(ctx context.Context, n Notice, at time.Time) error {
	if err := inv.ready(); err != nil {
		return err
	}
	if err := checkID("AssetID", n.AssetID); err != nil {
		return err
	}
	if n.Subject != SubjectWarranty && n.Subject != SubjectLicence {
		return invalid("Subject", "must be warranty or licence, not %q", n.Subject)
	}
	if err := checkDate("Expires", n.Expires, true); err != nil {
		return err
	}
	if n.LeadDays < 1 || n.LeadDays > maxLeadDays {
		return invalid("LeadDays", "must be 1 to %d, not %d", maxLeadDays, n.LeadDays)
	}
	if err := checkInstant("at", at); err != nil {
		return err
	}
	err := inv.store.RecordNotice(ctx, n.Key(), at)
	if errors.Is(err, ErrConflict) {
		return nil
	}
	return err
}

package asset_test

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
)

// A warranty of N months ends on the same day number N months later, or on
// the month's last day if that month is shorter (§188 BGB).
func ExampleWarrantyFor() {
	for _, tc := range []struct {
		start  date.Date
		months int
	}{
		{date.New(2026, 3, 15), 24},
		{date.New(2026, 1, 31), 1},
		{date.New(2024, 2, 29), 12},
	} {
		w, _ := asset.WarrantyFor(tc.start, tc.months)
		fmt.Printf("%s + %2d months: covered until %s\n", tc.start, tc.months, w.End)
	}
	_, err := asset.WarrantyFor(date.New(2026, 1, 1), 0)
	fmt.Println(err)
	// Output:
	// 2026-03-15 + 24 months: covered until 2028-03-15
	// 2026-01-31 +  1 months: covered until 2026-02-28
	// 2024-02-29 + 12 months: covered until 2025-02-28
	// asset: Months: must be 1 to 1200, not 0
}

// The expiry scan over any stream of assets: here a slice, and a map of
// what the host has sent before. Rented equipment is the provider's to
// replace.
func ExampleExpiryPolicy_Scan() {
	assets := []asset.Asset{
		{ID: "fw-1", CustomerID: "c1", Kind: asset.KindHardware, Name: "Managed Firewall", Ownership: asset.RentedFromProvider,
			Status: asset.StatusInUse, Warranty: asset.Warranty{End: date.New(2026, 3, 20)}, Licence: asset.Licence{Expires: date.New(2026, 5, 31)}},
		{ID: "srv-1", CustomerID: "c1", Kind: asset.KindHardware, Name: "Server", Ownership: asset.OwnedByCustomer,
			Status: asset.StatusInUse, Warranty: asset.Warranty{End: date.New(2026, 4, 30)}},
		{ID: "old-1", CustomerID: "c1", Kind: asset.KindHardware, Name: "Old switch", Ownership: asset.OwnedByCustomer,
			Status: asset.StatusRetired, Warranty: asset.Warranty{End: date.New(2026, 3, 10)}},
	}
	stream := func(yield func(asset.Asset, error) bool) {
		for _, a := range assets {
			if !yield(a, nil) {
				return
			}
		}
	}
	sent := map[asset.NoticeKey]bool{
		{AssetID: "srv-1", Subject: asset.SubjectWarranty, Expires: date.New(2026, 4, 30), LeadDays: 90}: true,
	}
	policy := asset.ExpiryPolicy{LeadDays: []int{90, 30}}
	for n, err := range policy.Scan(stream, date.New(2026, 3, 2), func(k asset.NoticeKey) (bool, error) {
		return sent[k], nil
	}) {
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s %s ends %s: %d days left (%d-day notice), for the %s\n", n.AssetID, n.Subject, n.Expires, n.DaysLeft, n.LeadDays, n.Responsible)
	}
	// Output:
	// fw-1 warranty ends 2026-03-20: 18 days left (30-day notice), for the provider
	// fw-1 licence ends 2026-05-31: 90 days left (90-day notice), for the provider
}

// A goods receipt registers the delivered hardware as the customer's asset
// before delivery and gives the host its pick-and-pack event.
func ExampleReceipt_PickAndPack() {
	r := asset.Receipt{
		ID: "WE-2026-0042", CustomerID: "c1", SiteID: "warendorf", Supplier: "Wortmann AG",
		ReceivedAt: time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC), ReceivedBy: "mw-schulte",
		Lines:  []asset.ReceiptLine{{Description: "TERRA PC-Business 7000", Quantity: 1}, {Description: "Patchkabel Cat6 2 m", Quantity: 10}},
		Assets: []asset.Asset{{ID: "pc-1", Kind: asset.KindHardware, Model: "TERRA PC-Business 7000", Serial: "SN-1001", Ownership: asset.OwnedByCustomer}},
	}
	r = r.Normalize()
	if err := r.Validate(); err != nil {
		panic(err)
	}
	fmt.Println(r.Assets[0].CustomerID, r.Assets[0].SiteID, r.Assets[0].Status)
	ev := r.PickAndPack()
	fmt.Printf("pick and pack %s for %s: %d lines, assets %v\n", ev.ReceiptID, ev.CustomerID, len(ev.Lines), ev.AssetIDs)
	// Output:
	// c1 warendorf received
	// pick and pack WE-2026-0042 for c1: 2 lines, assets [pc-1]
}

// A Secret shows itself only through Plaintext; every other output is
// redacted. Wipe clears it when it has been used.
func ExampleSecret() {
	s, err := asset.NewSecret("Fw!secret-2026")
	if err != nil {
		panic(err)
	}
	fmt.Println(s)
	fmt.Printf("%v %+v %#v %q %x\n", s, s, s, s, s)
	slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: dropTime})).Info("revealed", "secret", s)
	fmt.Println(len(s.Plaintext()), "bytes for whoever asked")
	s.Wipe()
	fmt.Println(s.IsZero())
	// Output:
	// [REDACTED]
	// [REDACTED] [REDACTED] [REDACTED] [REDACTED] [REDACTED]
	// level=INFO msg=revealed secret=[REDACTED]
	// 14 bytes for whoever asked
	// true
}

func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

// A refused access names its cause, and matches ErrAccessDenied (and
// ErrNotFound when the credential does not exist).
func ExampleAccessDeniedError() {
	var err error = &asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseApprovalExpired}
	fmt.Println(err)
	var denied *asset.AccessDeniedError
	fmt.Println(errors.Is(err, asset.ErrAccessDenied), errors.As(err, &denied) && denied.Cause == asset.CauseApprovalExpired)
	// Output:
	// asset: access denied: kd-huber may not reveal credential "fw": the approval has expired
	// true true
}

package ticket

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// GoodsReceipt is a supplier's delivery booked by materials management,
// the event that creates a pick-and-pack ticket (the service agreement:
// "Kommissionieren und Packen-Tickets bei einem Wareneingang"). Its fields
// mirror asset.PickAndPack, which asset's goods receipt returns; this
// package imports no asset code, so the host copies the fields across.
type GoodsReceipt struct {
	ReceiptID  string        // the host's receipt ID; one ticket per receipt
	CustomerID string        // whose delivery it is
	SiteID     string        // the customer's site it goes to; optional
	Supplier   string        // who delivered, e.g. "Wortmann AG"
	ReceivedAt time.Time     // when it was booked; the ticket's Received
	Lines      []ReceiptLine // what was delivered; at least one line
	AssetIDs   []string      // assets registered by the receipt, if any
}

// ReceiptLine is one line of a delivery.
type ReceiptLine struct {
	Description string // "LANCOM 1900EF"
	Quantity    int    // more than 0
}

func (r GoodsReceipt) validate() error {
	if err := firstOf(
		checkID("Receipt.ReceiptID", r.ReceiptID),
		checkID("Receipt.CustomerID", r.CustomerID),
		checkOptionalID("Receipt.SiteID", r.SiteID),
		checkText("Receipt.Supplier", r.Supplier, maxLineLen, true, false),
		checkInstant("Receipt.ReceivedAt", r.ReceivedAt),
		unless(len(r.Lines) > 0 && len(r.Lines) <= maxListLen, "Receipt.Lines", "must hold 1 to %d lines", maxListLen),
		unless(len(r.AssetIDs) <= maxListLen, "Receipt.AssetIDs", "has more than %d IDs", maxListLen),
	); err != nil {
		return err
	}
	for i, l := range r.Lines {
		field := fmt.Sprintf("Receipt.Lines[%d]", i)
		if err := firstOf(
			checkText(field+".Description", l.Description, maxLineLen, true, false),
			unless(l.Quantity > 0, field+".Quantity", "must be above 0"),
		); err != nil {
			return err
		}
	}
	for i, id := range r.AssetIDs {
		if err := checkID(fmt.Sprintf("Receipt.AssetIDs[%d]", i), id); err != nil {
			return err
		}
	}
	return nil
}

// Draft returns the pick-and-pack ticket's draft for the receipt: kind
// PickAndPack from channel GoodsReceipt, the delivery's lines and assets
// as its description, keyed by the receipt ID. It returns a
// *ValidationError for an invalid receipt (IDs, supplier, receipt
// instant, 1 to 1000 lines with a description and a positive quantity).
func (r GoodsReceipt) Draft() (Draft, error) {
	if err := r.validate(); err != nil {
		return Draft{}, err
	}
	var b strings.Builder
	for _, l := range r.Lines {
		fmt.Fprintf(&b, "%d x %s\n", l.Quantity, l.Description)
	}
	if r.SiteID != "" {
		fmt.Fprintf(&b, "Site: %s\n", r.SiteID)
	}
	if len(r.AssetIDs) > 0 {
		fmt.Fprintf(&b, "Assets: %s\n", strings.Join(r.AssetIDs, ", "))
	}
	return Draft{
		CustomerID: r.CustomerID, Kind: PickAndPack, Channel: ChannelGoodsReceipt,
		Subject:     oneLine("Pick and pack: delivery from "+r.Supplier, maxSubjectLen),
		Description: b.String(), Received: r.ReceivedAt,
		IdempotencyKey: "receipt:" + strconv.Quote(r.ReceiptID),
	}, nil
}

// ReceiveGoods opens the pick-and-pack ticket for a goods receipt, once
// per receipt: a receipt booked again returns the ticket it opened the
// first time, with created false.
//
// It returns the errors of GoodsReceipt.Draft and Open.
func (d *Desk) ReceiveGoods(ctx context.Context, r GoodsReceipt, by Actor) (t Ticket, created bool, err error) {
	if err := d.ready(); err != nil {
		return Ticket{}, false, err
	}
	if err := requireStaff(by, "book goods receipts"); err != nil {
		return Ticket{}, false, err
	}
	dr, err := r.Draft()
	if err != nil {
		return Ticket{}, false, err
	}
	return d.createOnce(ctx, dr, by, "")
}

package einvoice_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
)

// benchInvoice is a service invoice of n report lines (work in minutes at
// 19 %, no embedded report), as Config.ReportLines makes it.
func benchInvoice(b *testing.B, n int) einvoice.Invoice {
	lines := make([]billing.ChargeLine, n)
	for i := range lines {
		q := decimal.NewFromInt(int64(15 * (i%8 + 1)))
		lines[i] = billing.ChargeLine{Description: fmt.Sprintf("Work: ticket T-%d, 2026-03-%02d, %d × 15m", 100+i, i%28+1, i%8+1),
			Quantity: q, Unit: "MIN", Price: dec("95.50"), BaseQuantity: dec("60"), VATRate: dec("19"), Net: billing.LineNet(q, dec("95.50"), dec("60"))}
	}
	r := serviceReport("C-1", "", lines...)
	draft, _ := r.Invoice()
	cfg := provider()
	cfg.ReportLines = true
	inv, err := cfg.Invoice(einvoice.Source{Draft: draft, Report: &r}, germanCustomer())
	if err != nil {
		b.Fatal(err)
	}
	inv.Attachments = nil
	return inv
}

// BenchmarkWriteCII writes XRechnung CII invoices of 20 lines (and 5, 40,
// 80 to show that the cost is linear in lines), validation included; one
// op is one invoice. The figure for 10,000 invoices of 20 lines:
//
//	go test -run XXX -bench 'WriteCII/lines=20' -benchtime 10000x -benchmem ./billing/einvoice
func BenchmarkWriteCII(b *testing.B) {
	for _, n := range []int{5, 20, 40, 80} {
		inv := benchInvoice(b, n)
		var size bytes.Buffer
		if err := einvoice.Write(&size, inv, einvoice.XRechnungCII); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size.Len()))
			for b.Loop() {
				if err := einvoice.Write(io.Discard, inv, einvoice.XRechnungCII); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

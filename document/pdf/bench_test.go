package pdf_test

import (
	"io"
	"runtime"
	"testing"

	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/document/internal/scenario"
	"github.com/deskcore/deskcore/document/pdf"
)

// BenchmarkServiceReportPDF renders the PDF of a service report of 200
// entries, from the billing value to the bytes: view model, layout and
// PDF.
func BenchmarkServiceReportPDF(b *testing.B) {
	r := scenario.Report(200)
	o := scenario.Options(document.German)
	b.ReportAllocs()
	for b.Loop() {
		v, err := document.NewServiceReport(r, scenario.Contract.Units, o)
		if err != nil {
			b.Fatal(err)
		}
		if err := pdf.Write(io.Discard, v.Page()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkThousandReports renders 1,000 service reports of 200 entries
// in a row and reports the time per report and the heap in use after
// the first and the last hundred: a renderer that kept something per
// report would grow.
func BenchmarkThousandReports(b *testing.B) {
	r := scenario.Report(200)
	o := scenario.Options(document.German)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	b.ReportAllocs()
	for b.Loop() {
		var first uint64
		for i := range 1000 {
			v, err := document.NewServiceReport(r, scenario.Contract.Units, o)
			if err != nil {
				b.Fatal(err)
			}
			if err := pdf.Write(io.Discard, v.Page()); err != nil {
				b.Fatal(err)
			}
			if i == 99 {
				first = heap()
			}
		}
		last := heap()
		b.ReportMetric(float64(first)/1024, "heapKiB@100")
		b.ReportMetric(float64(last)/1024, "heapKiB@1000")
		if last > first+first/2+4<<20 {
			b.Errorf("the heap grew from %d to %d bytes over 900 reports", first, last)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000)/1e6, "ms/report")
}

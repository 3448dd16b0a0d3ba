// Package pdf renders the documents of package document as A4 PDF, in
// pure Go: codeberg.org/go-pdf/fpdf with the Go fonts of
// golang.org/x/image embedded, whose glyphs cover every Latin letter
// with its accents and the euro sign.
//
//	v, err := document.NewServiceReport(report, contract.Units, opts)
//	if err != nil { ... }
//	err = pdf.Write(file, v.Page())
//
// Every page repeats the letterhead at the top and the legal lines with
// the page number at the foot; a table that runs over a page repeats its
// header; a section marked NewPage (a branch of a service report) starts
// a new page. The PDF is deterministic: the same Page gives the same
// bytes.
//
// This package is apart from package document so that a host which
// renders only text and HTML does not link the PDF library and the
// fonts.
package pdf

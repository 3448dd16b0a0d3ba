package document

import (
	_ "embed"
	"html/template"
	"io"
)

//go:embed page.html.tmpl
var pageTemplateText string

// pageTemplate is the default HTML layout of a Page. A host with its own
// template executes it on a view model or a Page instead.
var pageTemplate = template.Must(template.New("page").Parse(pageTemplateText))

// WriteHTML writes a Page as one HTML document with its styles inline,
// set for A4 print: the letterhead in the provider's accent colour, the
// lang attribute, amounts aligned right, dates and amounts never
// wrapped, and a page break before each section that asks for one.
// Every text is escaped (html/template). It returns a *ValidationError
// for a nil w, or w's error.
func WriteHTML(w io.Writer, p Page) error {
	if w == nil {
		return errNilWriter
	}
	return pageTemplate.Execute(w, p)
}

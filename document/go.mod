module github.com/deskcore/deskcore/document

go 1.26.0

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/bojanz/currency v1.5.1
	github.com/deskcore/deskcore v0.0.0-00010101000000-000000000000
	github.com/google/go-cmp v0.7.0
	github.com/rickar/cal/v2 v2.1.26
	github.com/rickb777/date/v2 v2.1.8
	github.com/shopspring/decimal v1.6.0
	golang.org/x/image v0.48.0
	golang.org/x/text v0.44.0
)

require (
	github.com/cockroachdb/apd/v3 v3.2.3 // indirect
	github.com/govalues/decimal v0.1.36 // indirect
	github.com/rickb777/period v1.0.9 // indirect
	github.com/rickb777/plural v1.4.2 // indirect
)

replace github.com/deskcore/deskcore => ../

package document_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/document/internal/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

var languages = []document.Language{document.German, document.Dutch, document.English}

// TestGolden compares the text and HTML of every document in every
// language with testdata; go test -run TestGolden -update rewrites them
// for review in the diff.
func TestGolden(t *testing.T) {
	for _, lang := range languages {
		docs, err := scenario.Documents(lang)
		if err != nil {
			t.Fatal(err)
		}
		for name, doc := range docs {
			for _, form := range []struct {
				ext   string
				write func(*bytes.Buffer, document.Page) error
			}{
				{"txt", func(b *bytes.Buffer, p document.Page) error { return document.WriteText(b, p) }},
				{"html", func(b *bytes.Buffer, p document.Page) error { return document.WriteHTML(b, p) }},
			} {
				file := filepath.Join("testdata", name+"."+lang.String()+"."+form.ext)
				t.Run(filepath.Base(file), func(t *testing.T) {
					var got bytes.Buffer
					if err := form.write(&got, doc.Page()); err != nil {
						t.Fatal(err)
					}
					if *update {
						if err := os.WriteFile(file, got.Bytes(), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(file)
					if err != nil {
						t.Fatalf("%v (run go test -run TestGolden -update to write it)", err)
					}
					if diff := cmp.Diff(string(want), got.String()); diff != "" {
						t.Errorf("%s differs (-want +got):\n%s", file, diff)
					}
				})
			}
		}
	}
}

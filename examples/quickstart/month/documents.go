package month

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/document/pdf"
)

// Letterhead is the provider's letterhead on every document.
var Letterhead = document.Provider{
	Name: "Mein Systemhaus GmbH", Address: []string{"Splieterstraße 3", "48231 Warendorf"},
	Phone: "+49 2581 0700", Hours: "Mo–Fr 9–17 Uhr", Email: "service@meinsystemhaus.example", Web: "meinsystemhaus.example",
	Register: "Amtsgericht Münster HRB 4711", VATID: "USt-IdNr. DE123456789",
	Bank: "Sparkasse Münsterland Ost, IBAN DE02 4005 0150 0000 0000 00",
}

// staff are the provider's people as the documents name them.
var staff = map[string]string{
	"max": "Max Weber", "eva": "Eva Schäfer", "stephan": "Stephan Hölscher", "sabrina": "Sabrina Lütke",
	"wassmann": "Dr. Petra Waßmann", "am-jonas": "Jonas Brüggemann", "innendienst": "Innendienst",
}

// documents writes the customer's documents in the customer's language
// (German) into a directory, and formats the story's amounts.
type documents struct {
	dir   string // where the files go; empty: nowhere
	opts  document.Options
	story *document.Format // English with the euro, for the terminal
	files []string         // written so far, for the closing list
}

func newDocuments(dir string, c *Customer, zone *time.Location) (*documents, error) {
	story, err := document.NewFormat(document.English, "EUR")
	if err != nil {
		return nil, err
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	return &documents{dir: dir, story: story, opts: document.Options{
		Provider: Letterhead,
		Recipient: document.Recipient{CustomerID: c.ID, Language: document.German, Attention: "Buchhaltung",
			Address: []string{"Industriestraße 5", "48231 Warendorf"}},
		Names: document.Names{Customers: map[string]string{c.ID: c.Name}, Branches: c.Branches, People: staff},
		Zone:  zone,
	}}, nil
}

// money formats an amount for the story: "€1,130.50".
func (d *documents) money(v decimal.Decimal) string { return d.story.Money(v) }

// write writes a page as name.pdf, and as name.html when html is set,
// into the directory.
func (d *documents) write(name string, p document.Page, html bool) error {
	if d.dir == "" {
		return nil
	}
	var b bytes.Buffer
	if err := pdf.Write(&b, p); err != nil {
		return fmt.Errorf("%s.pdf: %w", name, err)
	}
	if err := d.save(name+".pdf", b.Bytes()); err != nil {
		return err
	}
	if html {
		b.Reset()
		if err := document.WriteHTML(&b, p); err != nil {
			return fmt.Errorf("%s.html: %w", name, err)
		}
		return d.save(name+".html", b.Bytes())
	}
	return nil
}

func (d *documents) save(name string, b []byte) error {
	if err := os.WriteFile(filepath.Join(d.dir, name), b, 0o644); err != nil {
		return err
	}
	d.files = append(d.files, name)
	return nil
}

// fileName turns a document ID into a file name: SR/2026-06/kruse is
// SR-2026-06-kruse.
func fileName(id string) string {
	return strings.NewReplacer("/", "-", "\\", "-", " ", "-").Replace(id)
}

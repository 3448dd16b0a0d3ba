package document

import "time"

// Provider is the service provider as its documents show it: the
// letterhead at the top, the legal lines at the foot. Only Name is
// required.
type Provider struct {
	Name    string   // "Systemhaus Beispiel GmbH"
	Address []string // street, postcode and town, one line each
	Phone   string   // the hotline, as printed
	Email   string   // the address customers write to
	Web     string   // the website, as printed
	Hours   string   // when the contacts are reached: "Mo–Fr 9–17 Uhr"
	// Legal lines for the foot of the page: register, managing
	// directors, VAT ID (§ 14 UStG requires it on an invoice), bank.
	Register string // "Amtsgericht Münster HRB 12345"
	VATID    string // "DE123456789"
	Bank     string // "Sparkasse Münsterland Ost, IBAN DE.. BIC .."
	// Currency is the ISO 4217 code of every amount; empty means EUR.
	Currency string
	// Accent is the colour of rules and headings in HTML and PDF as
	// "#rrggbb"; empty means a dark blue.
	Accent string
}

// Directory gives the names the host keeps for the IDs the domain
// values carry, so a document says "Möbel Kruse GmbH" and "Max Weber",
// not "kruse" and "max". A method returns "" for an ID it does not know;
// the document then shows the ID.
type Directory interface {
	CustomerName(customerID string) string
	BranchName(customerID, branchID string) string
	PersonName(personID string) string
}

// Names is a Directory from maps, for a host that has the few names at
// hand. Branches are keyed by branch ID; a nil map knows no names.
type Names struct {
	Customers map[string]string // customer ID -> name
	Branches  map[string]string // branch ID -> name
	People    map[string]string // technician, staff member or contact ID -> name
}

// CustomerName returns the customer's name, or "".
func (n Names) CustomerName(id string) string { return n.Customers[id] }

// BranchName returns the branch's name, or "".
func (n Names) BranchName(_, id string) string { return n.Branches[id] }

// PersonName returns the person's name, or "".
func (n Names) PersonName(id string) string { return n.People[id] }

// Recipient is whom a document is addressed to and in which language.
type Recipient struct {
	CustomerID string
	Language   Language // the customer's language; zero: German
	// Attention names the person or mailbox the document goes to
	// ("Buchhaltung", "buchhaltung@kruse.example"); optional.
	Attention string
	// Address is the postal address under the name; optional.
	Address []string
}

// Options are what every document needs beside its domain value: who
// sends it, to whom, and where the names come from. Names may be nil:
// the documents then show IDs.
type Options struct {
	Provider  Provider
	Recipient Recipient
	Names     Directory
	// Zone is where the documents' times are shown (received,
	// acknowledged, due): the provider's, such as the hotline calendar's
	// Location. Nil shows each instant in its own zone, which for an
	// instant read back from a database may be UTC.
	Zone *time.Location
}

// format is the Format of the recipient's language and the provider's
// currency, showing times in Zone.
func (o Options) format() (*Format, error) {
	f, err := NewFormat(o.Recipient.Language, o.Provider.Currency)
	if err != nil {
		return nil, err
	}
	return f.In(o.Zone), nil
}

// names wraps a Directory so that an unknown ID shows as itself.
type names struct{ d Directory }

func (n names) customer(id string) string {
	if n.d != nil {
		if s := n.d.CustomerName(id); s != "" {
			return s
		}
	}
	return id
}

func (n names) branch(customerID, id string) string {
	if n.d != nil {
		if s := n.d.BranchName(customerID, id); s != "" {
			return s
		}
	}
	return id
}

func (n names) person(id string) string {
	if n.d != nil && id != "" {
		if s := n.d.PersonName(id); s != "" {
			return s
		}
	}
	return id
}

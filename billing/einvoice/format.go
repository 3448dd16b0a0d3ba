package einvoice

import "github.com/deskcore/deskcore/internal/enum"

// Syntax is the XML syntax of an e-invoice.
type Syntax uint8

// The syntaxes EN 16931 names. The zero Syntax is none.
const (
	// CII is UN/CEFACT Cross Industry Invoice, D16B (the syntax of
	// XRechnung CII, ZUGFeRD and Factur-X).
	CII Syntax = iota + 1
	// UBL is OASIS Universal Business Language 2.1: an Invoice, or a
	// CreditNote for type code 381 (the syntax of XRechnung UBL and
	// Peppol BIS Billing).
	UBL
)

var syntaxNames = enum.Ints[Syntax]("einvoice", "Syntax", "", "cii", "ubl")

// String returns "cii" or "ubl".
func (s Syntax) String() string { return syntaxNames.String(s) }

// ParseSyntax reads a syntax as String writes it, in any letter case. It
// returns a *ValidationError for anything else.
func ParseSyntax(text string) (Syntax, error) { return syntaxNames.Parse(text) }

// MarshalText implements encoding.TextMarshaler.
func (s Syntax) MarshalText() ([]byte, error) { return syntaxNames.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseSyntax.
func (s *Syntax) UnmarshalText(b []byte) error { return syntaxNames.Unmarshal(s, b) }

// Profile is the specification an invoice claims to follow (BT-24),
// which decides the rules it must meet.
type Profile uint8

// The profiles. The zero Profile is XRechnung.
const (
	// XRechnung 3.0, the German CIUS of EN 16931: what German public
	// buyers require and German businesses receive. On top of EN 16931
	// it requires the buyer reference (BT-10, the Leitweg-ID for public
	// buyers), the seller's contact with phone and e-mail (BG-6), both
	// electronic addresses (BT-34, BT-49) and payment instructions
	// (BG-16).
	XRechnung Profile = iota
	// EN16931 is the core standard without national extensions: for
	// buyers outside Germany, e.g. a Dutch business.
	EN16931
)

var profileNames = enum.Ints[Profile]("einvoice", "Profile", "xrechnung", "en16931")

// String returns "xrechnung" or "en16931".
func (p Profile) String() string { return profileNames.String(p) }

// ParseProfile reads a profile as String writes it, in any letter case.
// It returns a *ValidationError for anything else.
func ParseProfile(text string) (Profile, error) { return profileNames.Parse(text) }

// MarshalText implements encoding.TextMarshaler.
func (p Profile) MarshalText() ([]byte, error) { return profileNames.Marshal(p) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseProfile.
func (p *Profile) UnmarshalText(b []byte) error { return profileNames.Unmarshal(p, b) }

// The specification identifiers (BT-24) and the business process (BT-23).
const (
	xrechnungID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
	en16931ID   = "urn:cen.eu:en16931:2017"
	processID   = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
)

func (p Profile) id() string {
	if p == EN16931 {
		return en16931ID
	}
	return xrechnungID
}

func (p Profile) valid() bool { return p == XRechnung || p == EN16931 }

// Format is a syntax and a profile: what Write writes and Read found.
type Format struct {
	Syntax  Syntax
	Profile Profile
}

// The formats a German or Dutch provider sends.
var (
	XRechnungCII = Format{CII, XRechnung} // XRechnung 3.0 in CII
	XRechnungUBL = Format{UBL, XRechnung} // XRechnung 3.0 in UBL
	EN16931CII   = Format{CII, EN16931}   // EN 16931 in CII
	EN16931UBL   = Format{UBL, EN16931}   // EN 16931 in UBL
)

// String returns "XRechnung 3.0 CII", "EN 16931 UBL" and the like.
func (f Format) String() string {
	profile, syntax := "EN 16931", "UBL"
	switch {
	case !f.Profile.valid():
		profile = f.Profile.String()
	case f.Profile == XRechnung:
		profile = "XRechnung 3.0"
	}
	switch f.Syntax {
	case CII:
		syntax = "CII"
	case UBL:
	default:
		syntax = f.Syntax.String()
	}
	return profile + " " + syntax
}

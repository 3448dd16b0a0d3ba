package dunning

import "github.com/deskcore/deskcore/internal/jsonform"

// The JSON form of the dunning package's values, which a host sends over
// its API and a storage adapter stores as documents: lowerCamel names,
// fields with their zero value left out, enumerations as their text, dates
// "YYYY-MM-DD", instants in RFC 3339 with their offset and money as decimal
// strings ("904.40"). Reading refuses unknown names (in any letter case),
// days that do not exist and money as a JSON number with a
// *ValidationError naming the field's path, and then leaves the
// destination unchanged.

// MarshalJSON implements json.Marshaler with the package's JSON form of
// the dunning of one invoice: the invoice, its notices, disputes and history.
func (c Case) MarshalJSON() ([]byte, error) {
	type plain Case
	return jsonform.Marshal(plain(c))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (c *Case) UnmarshalJSON(b []byte) error {
	type plain Case
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("dunning", "Case", err)
	}
	*c = Case(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// an open invoice as the host reports it.
func (i OpenInvoice) MarshalJSON() ([]byte, error) {
	type plain OpenInvoice
	return jsonform.Marshal(plain(i))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (i *OpenInvoice) UnmarshalJSON(b []byte) error {
	type plain OpenInvoice
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("dunning", "OpenInvoice", err)
	}
	*i = OpenInvoice(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a dunning notice with its amounts.
func (n Notice) MarshalJSON() ([]byte, error) {
	type plain Notice
	return jsonform.Marshal(plain(n))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (n *Notice) UnmarshalJSON(b []byte) error {
	type plain Notice
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("dunning", "Notice", err)
	}
	*n = Notice(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a customer's dispute and where it stands.
func (d Dispute) MarshalJSON() ([]byte, error) {
	type plain Dispute
	return jsonform.Marshal(plain(d))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (d *Dispute) UnmarshalJSON(b []byte) error {
	type plain Dispute
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("dunning", "Dispute", err)
	}
	*d = Dispute(p)
	return nil
}

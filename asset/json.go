package asset

import "github.com/deskcore/deskcore/internal/jsonform"

// The JSON form of the asset package's values, which a host sends over its
// API and a storage adapter stores as documents: lowerCamel names
// ("customerId", "warranty":{"end":"2026-07-20"}), fields with their zero
// value left out, enumerations as their text, dates "YYYY-MM-DD", instants
// in RFC 3339 with their offset. Reading refuses unknown names (in any
// letter case), days that do not exist and unknown enumeration texts with
// a *ValidationError naming the field's path, and then leaves the
// destination unchanged. A Secret has no JSON form but "[REDACTED]": no
// value here carries one.

// MarshalJSON implements json.Marshaler with the package's JSON form of
// an asset: its dates YYYY-MM-DD, kind, ownership and status as text.
func (a Asset) MarshalJSON() ([]byte, error) {
	type plain Asset
	return jsonform.Marshal(plain(a))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (a *Asset) UnmarshalJSON(b []byte) error {
	type plain Asset
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("asset", "Asset", err)
	}
	*a = Asset(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a goods receipt with its lines and the assets it registers.
func (r Receipt) MarshalJSON() ([]byte, error) {
	type plain Receipt
	return jsonform.Marshal(plain(r))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (r *Receipt) UnmarshalJSON(b []byte) error {
	type plain Receipt
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("asset", "Receipt", err)
	}
	*r = Receipt(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a stored credential's details (never its secret).
func (c Credential) MarshalJSON() ([]byte, error) {
	type plain Credential
	return jsonform.Marshal(plain(c))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (c *Credential) UnmarshalJSON(b []byte) error {
	type plain Credential
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("asset", "Credential", err)
	}
	*c = Credential(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a contact's access request and its decision.
func (r AccessRequest) MarshalJSON() ([]byte, error) {
	type plain AccessRequest
	return jsonform.Marshal(plain(r))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (r *AccessRequest) UnmarshalJSON(b []byte) error {
	type plain AccessRequest
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("asset", "AccessRequest", err)
	}
	*r = AccessRequest(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a grant of access to staff.
func (g Grant) MarshalJSON() ([]byte, error) {
	type plain Grant
	return jsonform.Marshal(plain(g))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (g *Grant) UnmarshalJSON(b []byte) error {
	type plain Grant
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("asset", "Grant", err)
	}
	*g = Grant(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// one line of the access log.
func (e LogEntry) MarshalJSON() ([]byte, error) {
	type plain LogEntry
	return jsonform.Marshal(plain(e))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (e *LogEntry) UnmarshalJSON(b []byte) error {
	type plain LogEntry
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("asset", "LogEntry", err)
	}
	*e = LogEntry(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// an expiry notice.
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
		return jsonform.Refusal("asset", "Notice", err)
	}
	*n = Notice(p)
	return nil
}

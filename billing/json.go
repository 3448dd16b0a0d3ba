package billing

import "github.com/deskcore/deskcore/internal/jsonform"

// The JSON form of the billing package's values, which a host sends over
// its API and a storage adapter stores as documents: lowerCamel names
// ("customerId", "vatRate"), fields with their zero value left out,
// enumerations and policies as their text, dates "YYYY-MM-DD", instants in
// RFC 3339 with their offset, durations as hours ("2h10m") and money as
// decimal strings with two decimals at least ("95.00"). Reading refuses
// unknown names (in any letter case), days that do not exist, hours
// without a unit and money as a JSON number, with a *ValidationError
// naming the field's path ("lines[2].net"), and then leaves the
// destination unchanged.

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a customer's billing contract: the rate card's money as decimal strings, policies as their text.
func (c Contract) MarshalJSON() ([]byte, error) {
	type plain Contract
	return jsonform.Marshal(plain(c))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (c *Contract) UnmarshalJSON(b []byte) error {
	type plain Contract
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("billing", "Contract", err)
	}
	*c = Contract(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a work entry: the time worked as hours, the work date YYYY-MM-DD.
func (e WorkEntry) MarshalJSON() ([]byte, error) {
	type plain WorkEntry
	return jsonform.Marshal(plain(e))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (e *WorkEntry) UnmarshalJSON(b []byte) error {
	type plain WorkEntry
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("billing", "WorkEntry", err)
	}
	*e = WorkEntry(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a usage record: quantities and prices as decimal strings.
func (u Usage) MarshalJSON() ([]byte, error) {
	type plain Usage
	return jsonform.Marshal(plain(u))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (u *Usage) UnmarshalJSON(b []byte) error {
	type plain Usage
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("billing", "Usage", err)
	}
	*u = Usage(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a service report with its entries, lines and totals.
func (r ServiceReport) MarshalJSON() ([]byte, error) {
	type plain ServiceReport
	return jsonform.Marshal(plain(r))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (r *ServiceReport) UnmarshalJSON(b []byte) error {
	type plain ServiceReport
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("billing", "ServiceReport", err)
	}
	*r = ServiceReport(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// an invoice draft: amounts as decimal strings.
func (d InvoiceDraft) MarshalJSON() ([]byte, error) {
	type plain InvoiceDraft
	return jsonform.Marshal(plain(d))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (d *InvoiceDraft) UnmarshalJSON(b []byte) error {
	type plain InvoiceDraft
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("billing", "InvoiceDraft", err)
	}
	*d = InvoiceDraft(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// where a quota customer's hour bank stands on a day, as a portal shows it.
func (s QuotaStatus) MarshalJSON() ([]byte, error) {
	type plain QuotaStatus
	return jsonform.Marshal(plain(s))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (s *QuotaStatus) UnmarshalJSON(b []byte) error {
	type plain QuotaStatus
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("billing", "QuotaStatus", err)
	}
	*s = QuotaStatus(p)
	return nil
}

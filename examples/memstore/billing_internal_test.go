package memstore

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

// A stored report gives back every field of every entry it lists: a
// field billing.ReportEntry gains must be kept by billingReportEntry too.
func TestStoredReportKeepsEveryEntryField(t *testing.T) {
	var re billing.ReportEntry
	fillExported(reflect.ValueOf(&re).Elem())
	r := billing.ServiceReport{ID: "SR/1", Entries: []billing.ReportEntry{re}}
	// The stored entry's fields differ from the billed ones: the report
	// keeps what was billed.
	s := NewBillingStore()
	require.NoError(t, s.AddEntry(t.Context(), billing.WorkEntry{ID: re.Entry.ID, CustomerID: re.Entry.CustomerID}))
	stored := []billingBilled{{ref: s.entries.byHash[s.entries.sum(re.Entry.ID)]}}
	kept := s.storeReport(r, stored)
	require.NotNil(t, kept.entries[0].entry)
	require.Equal(t, r, s.report(kept))
	// When they are the same, the report names the stored record.
	s = NewBillingStore()
	require.NoError(t, s.AddEntry(t.Context(), re.Entry))
	re.Entry.Version = 1 // as AddEntry stores it
	r.Entries[0] = re
	stored = []billingBilled{{ref: s.entries.byHash[s.entries.sum(re.Entry.ID)]}}
	kept = s.storeReport(r, stored)
	require.Nil(t, kept.entries[0].entry)
	require.Equal(t, r, s.report(kept))
}

// fillExported sets every exported field of v, recursively, to a value
// other than its zero value where its kind allows.
func fillExported(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(2)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillExported(v.Field(i))
			}
		}
	}
}

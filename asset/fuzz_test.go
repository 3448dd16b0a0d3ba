package asset_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
)

// validOrField fails unless err is nil or a *asset.ValidationError.
func validOrField(t *testing.T, err error) bool {
	t.Helper()
	if err == nil {
		return true
	}
	var ve *asset.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, asset.ErrInvalid) || len(ve.Problems) != 1 || ve.Problems[0].Field == "" || ve.Problems[0].Reason == "" {
		t.Fatalf("error %v (%T) is not a complete *asset.ValidationError", err, err)
	}
	return false
}

func FuzzAssetValidate(f *testing.F) {
	f.Add("fw-1", "c1", "warendorf", "hardware", "Firewall", "LANCOM", "4004", "Firmware", "10.8", "rented", "in-use", int64(739000), int64(739003), int64(740099), int64(739500), 5)
	f.Add("", "", "", "", "", "", "", "", "", "", "", int64(0), int64(0), int64(0), int64(0), 0)
	f.Add(" x", "c\n1", "s", "Hardware", "\xff", "m", "s", "a", "b", "leased", "in use", int64(-1), int64(1<<40), int64(5), int64(-5), -1)
	f.Fuzz(func(t *testing.T, id, customer, site, kind, name, model, serial, attrName, attrValue, ownership, status string,
		purchased, wStart, wEnd, lExp int64, seats int) {
		a := asset.Asset{
			ID: id, CustomerID: customer, SiteID: site, Kind: asset.Kind(kind), Name: name, Model: model, Serial: serial,
			Attributes: []asset.Attribute{{Name: attrName, Value: attrValue}},
			Purchased:  date.Date(purchased), Warranty: asset.Warranty{Start: date.Date(wStart), End: date.Date(wEnd)},
			Licence: asset.Licence{Seats: seats, Expires: date.Date(lExp)}, Ownership: asset.Ownership(ownership), Status: asset.Status(status),
		}
		if !validOrField(t, a.Validate()) {
			return
		}
		if a.ID == "" || !a.Kind.Valid() || !a.Ownership.Valid() || !a.Status.Valid() || seats < 0 {
			t.Fatalf("accepted %+v", a)
		}
		if !a.Warranty.IsZero() && (a.Warranty.End == date.Zero || (a.Warranty.Start != date.Zero && a.Warranty.End < a.Warranty.Start)) {
			t.Fatalf("accepted warranty %+v", a.Warranty)
		}
		_ = (asset.ExpiryPolicy{}).Due(a, date.Date(purchased)) // must not panic on any accepted asset
	})
}

func FuzzWarrantyFor(f *testing.F) {
	f.Add(int64(739000), 24)
	f.Add(int64(0), 0)
	f.Add(int64(1<<50), 1<<40)
	f.Fuzz(func(t *testing.T, start int64, months int) {
		w, err := asset.WarrantyFor(date.Date(start), months)
		if !validOrField(t, err) {
			return
		}
		sy, sm, sd := w.Start.Date()
		ey, em, ed := w.End.Date()
		gotMonths := (ey-sy)*12 + int(em-sm)
		if gotMonths != months || ed > sd || (ed < sd && ed != w.End.LastDayOfMonth()) {
			t.Fatalf("%d months from %s ended %s", months, w.Start, w.End)
		}
		if !w.Covers(w.Start) || !w.Covers(w.End) || w.Covers(w.End+1) {
			t.Fatalf("%+v does not cover its own bounds", w)
		}
	})
}

func FuzzReceiptValidate(f *testing.F) {
	f.Add("WE-1", "c1", "s1", "Wortmann AG", "TERRA PC", 2, "pc-1", "pc-2", "", "hardware")
	f.Add("", "", "", "", "", 0, "", "", "c2", "")
	f.Add("WE-1", "c1", "", "x", "y", 1, "a", "a", "c1", "service")
	f.Fuzz(func(t *testing.T, id, customer, site, supplier, line string, qty int, a1, a2, assetCustomer, kind string) {
		r := asset.Receipt{
			ID: id, CustomerID: customer, SiteID: site, Supplier: supplier, ReceivedAt: time.Unix(1, 0), ReceivedBy: "mw",
			Lines: []asset.ReceiptLine{{Description: line, Quantity: qty}},
			Assets: []asset.Asset{
				{ID: a1, CustomerID: assetCustomer, Kind: asset.Kind(kind), Name: a1, Ownership: asset.OwnedByCustomer},
				{ID: a2, Kind: asset.KindHardware, Model: a2, Ownership: asset.OwnedByCustomer},
			},
		}
		n := r.Normalize()
		if !validOrField(t, n.Validate()) {
			return
		}
		if a1 == a2 || qty < 1 || (assetCustomer != "" && assetCustomer != customer) {
			t.Fatalf("accepted %+v", n)
		}
		ev := n.PickAndPack()
		if !slices.Equal(ev.AssetIDs, []string{a1, a2}) || ev.CustomerID != customer {
			t.Fatalf("event %+v", ev)
		}
		for _, a := range n.Assets {
			if a.Status != asset.StatusReceived || a.CustomerID != customer {
				t.Fatalf("normalized asset %+v", a)
			}
		}
	})
}

func FuzzCredentialValidate(f *testing.F) {
	f.Add("fw", "c1", "fw-1", "Firewall", "root", "https://192.168.1.1", "Zugang\nnur VLAN", int64(740000))
	f.Add("", "", "", "", "", "", "", int64(0))
	f.Add("a b", " c", "x\x00", "\xff", "u\n", "url\t", "\x07", int64(-9))
	f.Fuzz(func(t *testing.T, id, customer, assetID, name, user, url, notes string, expires int64) {
		c := asset.Credential{ID: id, CustomerID: customer, AssetID: assetID, Name: name, Username: user, URL: url, Notes: notes, Expires: date.Date(expires)}
		if !validOrField(t, c.Validate()) {
			return
		}
		if id == "" || customer == "" || name == "" || strings.ContainsAny(user+url, "\n\t") {
			t.Fatalf("accepted %+v", c)
		}
	})
}

func FuzzGrantValidate(f *testing.F) {
	f.Add("g1", "c1", "", "technician", "")
	f.Add("g1", "c1", "fw", "", "tech")
	f.Add("g1", "c1", "fw", "technician", "tech")
	f.Fuzz(func(t *testing.T, id, customer, credential, role, actor string) {
		g := asset.Grant{ID: id, CustomerID: customer, CredentialID: credential, Role: role, ActorID: actor}
		if !validOrField(t, g.Validate()) {
			return
		}
		if (role == "") == (actor == "") || id == "" || customer == "" {
			t.Fatalf("accepted %+v", g)
		}
	})
}

func FuzzNewSecret(f *testing.F) {
	f.Add([]byte(plain))
	f.Add([]byte{})
	f.Add([]byte{0, 0xff, '\n'})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := asset.SecretFromBytes(b)
		if !validOrField(t, err) {
			if len(b) != 0 && len(b) <= 16<<10 {
				t.Fatalf("refused %d bytes", len(b))
			}
			if len(b) >= 4 && strings.Contains(err.Error(), string(b)) {
				t.Fatal("the error contains the secret")
			}
			return
		}
		if string(s.Plaintext()) != string(b) || s.String() != "[REDACTED]" {
			t.Fatal("secret does not hold its bytes or prints them")
		}
		if len(b) >= 4 {
			for _, out := range []string{s.GoString(), string(must2(s.MarshalJSON())), string(must2(s.MarshalText()))} {
				if strings.Contains(out, string(b)) {
					t.Fatal("secret shows in its encoding")
				}
			}
		}
	})
}

func must2(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func FuzzExpiryPolicyDue(f *testing.F) {
	f.Add([]byte{90, 30}, int64(739000), int64(20), int64(100))
	f.Add([]byte{}, int64(0), int64(0), int64(0))
	f.Add([]byte{7, 7}, int64(1), int64(-5), int64(1<<40))
	f.Fuzz(func(t *testing.T, leadBytes []byte, today, wLeft, lLeft int64) {
		var leads []int
		for i := 0; i+1 < len(leadBytes); i += 2 {
			leads = append(leads, int(leadBytes[i])<<8|int(leadBytes[i+1]))
		}
		p := asset.ExpiryPolicy{LeadDays: leads}
		valid := validOrField(t, p.Validate())
		a := dated("a", date.Date(today+wLeft), date.Date(today+lLeft))
		notices := p.Due(a, date.Date(today))
		if !valid {
			if notices != nil {
				t.Fatal("an invalid policy gave notices")
			}
			return
		}
		if len(leads) == 0 {
			leads = []int{90, 30}
		}
		if len(notices) > 2 {
			t.Fatalf("%d notices for one asset", len(notices))
		}
		for _, n := range notices {
			if !slices.Contains(leads, n.LeadDays) || n.DaysLeft < 0 || n.DaysLeft > n.LeadDays {
				t.Fatalf("notice %+v for leads %v", n, leads)
			}
			for _, l := range leads {
				if l < n.LeadDays && n.DaysLeft <= l {
					t.Fatalf("notice for %d days when %d days also applies (%d left)", n.LeadDays, l, n.DaysLeft)
				}
			}
		}
	})
}

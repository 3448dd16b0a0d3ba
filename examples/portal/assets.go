package main

import (
	"net/http"
	"strconv"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/ticket"
)

// assetView is an asset with its warranty and licence dates and how many
// days are left of each (negative once past).
type assetView struct {
	ID               string     `json:"id"`
	Kind             string     `json:"kind"`
	Name             string     `json:"name"`
	Model            string     `json:"model,omitempty"`
	Serial           string     `json:"serial,omitempty"`
	Site             string     `json:"site,omitempty"`
	Purchased        *date.Date `json:"purchased,omitempty"`
	WarrantyEnd      *date.Date `json:"warrantyEnd,omitempty"`
	WarrantyDaysLeft *int       `json:"warrantyDaysLeft,omitempty"`
	LicenceExpires   *date.Date `json:"licenceExpires,omitempty"`
	LicenceDaysLeft  *int       `json:"licenceDaysLeft,omitempty"`
	Ownership        string     `json:"ownership"`
	Status           string     `json:"status"`
	Soon             bool       `json:"-"` // within 90 days or past: the page marks it
	WarrantyNote     string     `json:"-"` // "20 days left" or "ended"
	LicenceNote      string     `json:"-"`
}

// expiryWatch is how far ahead the page marks a warranty or licence.
const expiryWatch = 90

// assetsData lists the customer's assets. The portal shows them at the
// level that sees the contract status (ticket.ViewContract): the
// inventory is part of what the contract covers.
func (s *Server) assetsData(r *http.Request, u User) ([]assetView, error) {
	customer, err := s.customerOf(r, u)
	if err != nil {
		return nil, err
	}
	if err := s.allow(u, ticket.ViewContract, customer); err != nil {
		return nil, err
	}
	today := dateOf(s.today())
	out := []assetView{}
	for a, err := range s.inventory.Assets(r.Context(), asset.AssetFilter{CustomerID: customer, ExcludeRetired: true}) {
		if err != nil {
			return nil, err
		}
		v := assetView{ID: a.ID, Kind: string(a.Kind), Name: a.Name, Model: a.Model, Serial: a.Serial, Site: a.SiteID,
			Ownership: string(a.Ownership), Status: string(a.Status)}
		if a.Purchased != date.Zero {
			v.Purchased = &a.Purchased
		}
		if !a.Warranty.IsZero() {
			end, left := a.Warranty.End, int(a.Warranty.End-today)
			v.WarrantyEnd, v.WarrantyDaysLeft, v.WarrantyNote = &end, &left, daysLeft(left)
			v.Soon = v.Soon || left <= expiryWatch
		}
		if !a.Licence.IsZero() && !a.Licence.Perpetual() {
			end, left := a.Licence.Expires, int(a.Licence.Expires-today)
			v.LicenceExpires, v.LicenceDaysLeft, v.LicenceNote = &end, &left, daysLeft(left)
			v.Soon = v.Soon || left <= expiryWatch
		}
		out = append(out, v)
	}
	return out, nil
}

// daysLeft says how long a warranty or licence still runs.
func daysLeft(n int) string {
	switch {
	case n < 0:
		return "ended"
	case n == 0:
		return "last day"
	case n == 1:
		return "1 day left"
	}
	return strconv.Itoa(n) + " days left"
}

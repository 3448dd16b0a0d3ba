package ticket_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

func TestNewTicket(t *testing.T) {
	tk := incident(t, func(dr *ticket.Draft) {
		dr.Participants = []string{"Anna <ANNA@wdf.example>", "anna@wdf.example", "it@wdf.example"}
		dr.LinkedTo = 4000
	})
	require.Equal(t, ticket.New, tk.Status)
	require.Equal(t, ticket.Normal, tk.Priority, "no priority means normal")
	require.Equal(t, []string{"anna@wdf.example", "it@wdf.example"}, tk.Participants, "normalized, once each")
	diff(t, "audit", []ticket.AuditEntry{
		{At: t0, By: staff, Action: ticket.ActionCreated, To: "new"},
		{At: t0, By: staff, Action: ticket.ActionLinked, To: "4000", Note: "continues a closed ticket"},
	}, tk.Audit)

	ok := ticket.Draft{CustomerID: "wdf", Kind: ticket.Incident, Channel: ticket.ChannelPhone, Subject: "x", Received: t0}
	for _, tc := range []struct {
		field string
		edit  func(*ticket.Draft)
	}{
		{"CustomerID", func(dr *ticket.Draft) { dr.CustomerID = "" }},
		{"CustomerID", func(dr *ticket.Draft) { dr.CustomerID = " wdf" }},
		{"CustomerID", func(dr *ticket.Draft) { dr.CustomerID = strings.Repeat("x", 129) }},
		{"ContactID", func(dr *ticket.Draft) { dr.ContactID = "a\tb" }},
		{"Kind", func(dr *ticket.Draft) { dr.Kind = 0 }},
		{"Channel", func(dr *ticket.Draft) { dr.Channel = 42 }},
		{"Priority", func(dr *ticket.Draft) { dr.Priority = 5 }},
		{"Subject", func(dr *ticket.Draft) { dr.Subject = "" }},
		{"Subject", func(dr *ticket.Draft) { dr.Subject = "two\nlines" }},
		{"Subject", func(dr *ticket.Draft) { dr.Subject = "\xff" }},
		{"Description", func(dr *ticket.Draft) { dr.Description = "bell\a" }},
		{"Attachments[0].Name", func(dr *ticket.Draft) { dr.Attachments = []ticket.Attachment{{Ref: "r"}} }},
		{"Attachments[0].Size", func(dr *ticket.Draft) { dr.Attachments = []ticket.Attachment{{Name: "n", Ref: "r", Size: -1}} }},
		{"Received", func(dr *ticket.Draft) { dr.Received = time.Time{} }},
		// A store cannot write the year 12026 as JSON or RFC 3339.
		{"Received", func(dr *ticket.Draft) { dr.Received = time.Date(12026, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{"Received", func(dr *ticket.Draft) { dr.Received = time.Date(1, 1, 1, 0, 30, 0, 0, time.FixedZone("east", 3600)) }},
		{"Participants[1]", func(dr *ticket.Draft) { dr.Participants = []string{"a@b.example", "not an address"} }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			dr := ok
			tc.edit(&dr)
			_, err := ticket.NewTicket(dr, staff)
			wantInvalid(tc.field)(t, err)
		})
	}
	_, err := ticket.NewTicket(ok, ticket.Actor{Kind: ticket.ActorStaff})
	wantInvalid("By.ID")(t, err)
	_, err = ticket.NewTicket(ok, ticket.Actor{Kind: ticket.ActorContact, Address: "anna@wdf.example"})
	require.NoError(t, err, "a mail participant known by address alone")
	_, err = ticket.NewTicket(ok, ticket.Actor{Kind: ticket.ActorContact, Address: "Anna@wdf.example"})
	wantInvalid("By.Address")(t, err)
}

func TestClone(t *testing.T) {
	tk := incident(t, func(dr *ticket.Draft) { dr.Attachments = []ticket.Attachment{{Name: "a", Ref: "r"}} })
	require.NoError(t, tk.AddComment(ticket.Comment{At: at(h), By: tech, Body: "x", Attachments: []ticket.Attachment{{Name: "b", Ref: "r"}}}))
	tk.MessageIDs = []string{"t1.1@desk.example"}
	c := tk.Clone()
	diff(t, "clone", tk, c)
	c.Attachments[0].Name = "changed"
	c.Participants[0] = "changed"
	c.MessageIDs[0] = "changed"
	c.Comments[0].Attachments[0].Name = "changed"
	c.Audit[0].Note = "changed"
	require.Equal(t, "a", tk.Attachments[0].Name)
	require.Equal(t, "anna@wdf.example", tk.Participants[0])
	require.Equal(t, "t1.1@desk.example", tk.MessageIDs[0])
	require.Equal(t, "b", tk.Comments[0].Attachments[0].Name)
	require.Equal(t, "", tk.Audit[0].Note)
}

func TestNumber(t *testing.T) {
	for s, want := range map[string]ticket.Number{"1": 1, "4711": 4711, "004711": 4711, "999999999999999999": 999999999999999999} {
		n, err := ticket.ParseNumber(s)
		require.NoError(t, err, s)
		require.Equal(t, want, n, s)
	}
	for _, bad := range []string{"", "0", "000", "-1", "+1", " 1", "1 ", "1e3", "0x10", "1000000000000000000", "٤"} {
		_, err := ticket.ParseNumber(bad)
		require.ErrorIs(t, err, ticket.ErrInvalid, "%q", bad)
	}
	var n ticket.Number
	require.NoError(t, n.UnmarshalText([]byte("4711")))
	b, err := n.MarshalText()
	require.NoError(t, err)
	require.Equal(t, "4711", string(b))
	require.True(t, ticket.Number(0).IsZero())
}

// TestEnumText: every value's text form, round trips, and the zero value
// that is invalid.
func TestEnumText(t *testing.T) {
	kinds := map[ticket.Kind]string{ticket.Incident: "incident", ticket.ServiceRequest: "service-request", ticket.Maintenance: "maintenance",
		ticket.PickAndPack: "pick-and-pack", ticket.MonitoringAlert: "monitoring-alert"}
	for k, s := range kinds {
		require.Equal(t, s, k.String())
		got, err := ticket.ParseKind(strings.ToUpper(s))
		require.NoError(t, err)
		require.Equal(t, k, got)
	}
	channels := map[ticket.Channel]string{ticket.ChannelEmail: "email", ticket.ChannelPortal: "portal", ticket.ChannelPhone: "phone",
		ticket.ChannelMonitoring: "monitoring", ticket.ChannelSchedule: "schedule", ticket.ChannelGoodsReceipt: "goods-receipt"}
	for c, s := range channels {
		var got ticket.Channel
		require.NoError(t, got.UnmarshalText([]byte(s)))
		require.Equal(t, c, got)
		b, err := c.MarshalText()
		require.NoError(t, err)
		require.Equal(t, s, string(b))
	}
	for p, s := range map[ticket.Priority]string{ticket.Low: "low", ticket.Normal: "normal", ticket.High: "high", ticket.Critical: "critical"} {
		got, err := ticket.ParsePriority(s)
		require.NoError(t, err)
		require.Equal(t, p, got)
	}
	require.True(t, ticket.Low < ticket.Normal && ticket.Normal < ticket.High && ticket.High < ticket.Critical)
	for _, invalid := range []interface{ MarshalText() ([]byte, error) }{ticket.Kind(0), ticket.Channel(0), ticket.Priority(0),
		ticket.Kind(6), ticket.Event(0), ticket.RejectReason(0), ticket.Severity(0), ticket.ActorKind(9), ticket.Action(0), ticket.Permission(0)} {
		_, err := invalid.MarshalText()
		require.ErrorIs(t, err, ticket.ErrInvalid, "%#v", invalid)
	}
	require.Equal(t, "Kind(0)", ticket.Kind(0).String())
	require.Equal(t, "stranger", ticket.RejectStranger.String())
	require.Equal(t, "ticket.status-changed", ticket.EventStatusChanged.Template())
}

// TestReceiveGoods: a goods receipt opens one pick-and-pack ticket.
func TestReceiveGoods(t *testing.T) {
	dk, _ := newDesk(t, ticket.Config{})
	r := ticket.GoodsReceipt{ReceiptID: "WE-2026-0815", CustomerID: "wdf", SiteID: "rheda", Supplier: "Wortmann AG", ReceivedAt: t0,
		Lines:    []ticket.ReceiptLine{{Description: "TERRA PC-Business 7000", Quantity: 3}, {Description: "LANCOM 1900EF", Quantity: 1}},
		AssetIDs: []string{"A-101", "A-102", "A-103", "A-104"}}
	materials := ticket.Staff("lager-1")
	tk, created, err := dk.ReceiveGoods(bg, r, materials)
	require.NoError(t, err)
	require.True(t, created)
	diff(t, "ticket", ticket.Ticket{
		Number: 1, Version: 1, CustomerID: "wdf", Kind: ticket.PickAndPack, Channel: ticket.ChannelGoodsReceipt,
		Priority: ticket.Normal, Status: ticket.New, Subject: "Pick and pack: delivery from Wortmann AG",
		Description: "3 x TERRA PC-Business 7000\n1 x LANCOM 1900EF\nSite: rheda\nAssets: A-101, A-102, A-103, A-104\n",
		Received:    t0, IdempotencyKey: `receipt:"WE-2026-0815"`, MessageIDs: []string{"t1.1@desk.example"},
		Audit: []ticket.AuditEntry{{At: t0, By: materials, Action: ticket.ActionCreated, To: "new"}},
	}, tk)
	again, created, err := dk.ReceiveGoods(bg, r, materials)
	require.NoError(t, err)
	require.False(t, created, "booked again: the same ticket")
	require.Equal(t, tk.Number, again.Number)

	for _, tc := range []struct {
		field string
		edit  func(*ticket.GoodsReceipt)
	}{
		{"Receipt.ReceiptID", func(r *ticket.GoodsReceipt) { r.ReceiptID = "" }},
		{"Receipt.Supplier", func(r *ticket.GoodsReceipt) { r.Supplier = "" }},
		{"Receipt.ReceivedAt", func(r *ticket.GoodsReceipt) { r.ReceivedAt = time.Time{} }},
		{"Receipt.Lines", func(r *ticket.GoodsReceipt) { r.Lines = nil }},
		{"Receipt.Lines[1].Quantity", func(r *ticket.GoodsReceipt) { r.Lines[1].Quantity = 0 }},
		{"Receipt.AssetIDs[0]", func(r *ticket.GoodsReceipt) { r.AssetIDs = []string{""} }},
	} {
		bad := r
		bad.Lines = append([]ticket.ReceiptLine(nil), r.Lines...)
		tc.edit(&bad)
		_, _, err := dk.ReceiveGoods(bg, bad, materials)
		wantInvalid(tc.field)(t, err)
	}
	_, _, err = dk.ReceiveGoods(bg, r, anna.Actor())
	wantDenied(ticket.ManageTickets)(t, err)
}

// TestOutcomeText: the outcome types round-trip through their text forms.
func TestOutcomeText(t *testing.T) {
	type text interface {
		MarshalText() ([]byte, error)
		String() string
	}
	for _, v := range []text{ticket.MailLinked, ticket.AlertNeedsReview, ticket.DecideReview, ticket.ReplyNeedsLink, ticket.Months,
		ticket.SeverityRecovered, ticket.RejectConflictingReferences, ticket.EventConfirmation, ticket.ActorSystem, ticket.ActionAlert, ticket.RequestCredentials} {
		b, err := v.MarshalText()
		require.NoError(t, err)
		require.Equal(t, v.String(), string(b))
	}
	var d ticket.Decision
	require.NoError(t, d.UnmarshalText([]byte("Review")))
	require.Equal(t, ticket.DecideReview, d)
	var u ticket.Unit
	require.ErrorIs(t, u.UnmarshalText([]byte("fortnight")), ticket.ErrInvalid)
	require.Zero(t, u, "a refused text leaves the value as it was")
}

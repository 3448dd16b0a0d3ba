package ticket

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzMailDecision drives the e-mail channel's pure decision with any
// message, sender and state of ticket 1 (customer wdf, participant
// anna@wdf.example, desk Message-IDs t1.1 and t1.2) and checks the rules
// that keep strangers out:
//
//   - a mail goes into ticket 1 (threaded, duplicate, linked) only if it
//     names ticket 1, all its desk references are ones the desk sent for
//     ticket 1, it is not machine-sent, and its sender is a participant
//     or a contact of wdf;
//   - a new incident comes only from a known contact and names no ticket;
//   - a link is made only for a ticket closed longer than the window;
//   - the ticket number threading found is in the subject's tag or in a
//     reference.
func FuzzMailDecision(f *testing.F) {
	f.Add("anna@wdf.example", "", "AW: [Ticket#1]", "<t1.1@desk.example>", "", false, uint8(0), uint8(Resolved), int64(0))
	f.Add("x@evil.example", "", "[Ticket#1]", "", "<t1.2@desk.example>", false, uint8(1), uint8(Closed), int64(20*24))
	f.Add("carl@sgn.example", "sgn", "[Ticket#1]", "<t2.1@desk.example>", "", false, uint8(1), uint8(Closed), int64(20*24))
	f.Add("ben@wdf.example", "wdf", "re", "<t1.3@desk.example>", "<T12.1@DESK.example>", true, uint8(1), uint8(New), int64(1))
	f.Fuzz(func(t *testing.T, from, customer, subject, inReplyTo, refs string, auto bool, known, status uint8, closedHours int64) {
		cfg, err := MailConfig{Domain: "desk.example"}.normalized()
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		tk := Ticket{
			Number: 1, CustomerID: "wdf", Status: Status(status % 8), Participants: []string{"anna@wdf.example"},
			MessageIDs: []string{"t1.1@desk.example", "t1.2@desk.example"}, Received: t0, ClosedAt: t0,
		}
		m := Message{From: from, Subject: subject, InReplyTo: inReplyTo, References: strings.Fields(refs),
			AutoSubmitted: auto, Received: t0.Add(time.Duration(closedHours%100000) * time.Hour)}
		s := sender{}
		if addr, ok := normalizeAddress(from); ok {
			s.address = addr
			s.known = known%2 == 1
			s.contact = Contact{ID: "c", CustomerID: customer}
		}
		ref, reason := cfg.thread(&m)
		var stored *Ticket
		if ref.number == 1 {
			stored = &tk
		}
		action, why := cfg.decide(&m, s, ref, reason, stored, DefaultReopenWindow)
		again, whyAgain := cfg.decide(&m, s, ref, reason, stored, DefaultReopenWindow)
		if again != action || whyAgain != why {
			t.Fatalf("decide is not deterministic")
		}
		if (action == MailRejected) != (why != 0) {
			t.Fatalf("action %s with reason %s", action, why)
		}

		if ref.number != 0 {
			tagged, _ := ParseSubjectTag(subject, "")
			found := tagged == ref.number
			for _, id := range append(m.References, inReplyTo) {
				if n, ok := parseOurMessageID(id, "desk.example"); ok && n == ref.number {
					found = true
				}
			}
			if !found {
				t.Fatalf("thread found %s in neither subject nor references", ref.number)
			}
		}
		switch action {
		case MailThreaded, MailDuplicate, MailLinked:
			if ref.number != 1 || auto || s.address == "" {
				t.Fatalf("%s: number %s, auto %t, sender %q", action, ref.number, auto, s.address)
			}
			if !slices.Contains(tk.Participants, s.address) && !(s.known && customer == "wdf") {
				t.Fatalf("%s from %q (known %t, customer %q) into wdf's ticket", action, s.address, s.known, customer)
			}
			for _, id := range append(m.References, inReplyTo) {
				if _, ours := parseOurMessageID(id, "desk.example"); ours && !slices.Contains(tk.MessageIDs, canonicalMessageID(id)) {
					// Only references among the first maxReferences count.
					if slices.Index(m.References, id) < maxReferences {
						t.Fatalf("%s with a forged reference %q", action, id)
					}
				}
			}
			if action == MailLinked && (tk.Status != Closed || m.Received.Sub(tk.ClosedAt) <= DefaultReopenWindow) {
				t.Fatalf("linked from a %s ticket closed %s before", tk.Status, m.Received.Sub(tk.ClosedAt))
			}
		case MailCreated:
			if ref.number != 0 || !s.known || auto {
				t.Fatalf("created with number %s, known %t, auto %t", ref.number, s.known, auto)
			}
		}
	})
}

// TestParseOurMessageID: only the desk's own form, for the desk's domain.
func TestParseOurMessageID(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want Number
		ok   bool
	}{
		{"t4711.3@desk.example", 4711, true},
		{" <t4711.3@DESK.example> ", 4711, true},
		{"T12.1@desk.example", 12, true},
		{"t4711.3@desk.example.evil", 0, false},
		{"t4711.3@other.example", 0, false},
		{"t4711@desk.example", 0, false},
		{"t4711.@desk.example", 0, false},
		{"t.3@desk.example", 0, false},
		{"t0.3@desk.example", 0, false},
		{"x4711.3@desk.example", 0, false},
		{"t4711.3.1@desk.example", 0, false},
		{"t-1.3@desk.example", 0, false},
		{"", 0, false},
		{"@desk.example", 0, false},
	} {
		n, ok := parseOurMessageID(tc.id, "desk.example")
		if n != tc.want || ok != tc.ok {
			t.Errorf("parseOurMessageID(%q) = %d, %t; want %d, %t", tc.id, n, ok, tc.want, tc.ok)
		}
	}
}

// FuzzNormalizeAddress: a normalized address is lower case, normalizes to
// itself, passes checkAddress and has one local part and one domain.
func FuzzNormalizeAddress(f *testing.F) {
	for _, s := range []string{"anna@wdf.example", "Anna <ANNA@WDF.example>", "\"a b\"@x.example", "a@", "@b", "a..b@c", "<a@b>", "a@b@c", "K@x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := normalizeAddress(s)
		if !ok {
			return
		}
		again, ok := normalizeAddress(n)
		if !ok || again != n {
			t.Fatalf("normalizeAddress(%q) = %q, which normalizes to %q, %t", s, n, again, ok)
		}
		if n != strings.ToLower(n) || checkAddress("a", n) != nil || strings.Count(n, "@") < 1 {
			t.Fatalf("normalizeAddress(%q) = %q", s, n)
		}
	})
}

package ticket_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/deskcore/deskcore/ticket"
)

// FuzzParseNumber: text parses into a number above 0 whose String parses
// back to it, or fails with a *ValidationError.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1", "4711", "0004711", "0", "", "-1", "+1", " 1", "999999999999999999", "1000000000000000000", "1e3", "٤"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ticket.ParseNumber(s)
		if err != nil {
			var ve *ticket.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseNumber(%q): %v is not a *ValidationError", s, err)
			}
			return
		}
		if n == 0 {
			t.Fatalf("ParseNumber(%q) = 0 without error", s)
		}
		back, err := ticket.ParseNumber(n.String())
		if err != nil || back != n {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, n, n.String(), back, err)
		}
		if strings.TrimLeft(s, "0") != n.String() {
			t.Fatalf("ParseNumber(%q) = %s: more than leading zeros differ", s, n)
		}
	})
}

// FuzzParseSubjectTag: any subject yields no number, one number, or a
// *ValidationError for tags that disagree; a number found is in a tag of
// the subject, and tagging a subject with a number makes it parse to that
// number whatever tags the subject had.
func FuzzParseSubjectTag(f *testing.F) {
	for _, s := range []string{"AW: [Ticket#4711] Drucker", "[ticket#1][TICKET#1]", "[Ticket#1] [Ticket#2]", "[Ticket#]",
		"[Ticket#0]", "[Ticket#12", "[Ticket#[Ticket#3]]", "[Ticket#99999999999999999999]", "Re: Drucker", "[Ticket#\x00]"} {
		f.Add(s, uint64(4711))
	}
	f.Fuzz(func(t *testing.T, subject string, raw uint64) {
		n, err := ticket.ParseSubjectTag(subject, "")
		switch {
		case err != nil:
			if !errors.Is(err, ticket.ErrInvalid) {
				t.Fatalf("ParseSubjectTag(%q): %v does not match ErrInvalid", subject, err)
			}
		case n != 0 && !strings.Contains(strings.ToLower(subject), "[ticket#") || n != 0 && !strings.Contains(subject, "]"):
			t.Fatalf("ParseSubjectTag(%q) = %s without a tag", subject, n)
		}
		want := ticket.Number(raw%999999999999999999 + 1)
		tagged := ticket.MailConfig{}.TagSubject(want, subject)
		got, err := ticket.ParseSubjectTag(tagged, "Ticket")
		if err != nil || got != want {
			t.Fatalf("TagSubject(%s, %q) = %q parses to %s, %v", want, subject, tagged, got, err)
		}
	})
}

// FuzzParseSchedule: text parses into a valid schedule whose String parses
// back to it, or fails with a *ValidationError; its dates over a year are
// ascending, inside the range and not before Start.
func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{"every 2 weeks from 2026-01-05", "every month from 2026-01-31", "every day from 2026-01-01 or earlier",
		"every 3 months on the 2nd tuesday from 2026-01-01", "every month on the last friday from 2026-02-01 or later",
		"EVERY  1 Week FROM 2026-03-02", "every 0 days from 2026-01-01", "every month on the 5th monday from 2026-01-01",
		"every 2 weeks on the 1st monday from 2026-01-01", "every week from 2026-02-30", "every 01 days from 2026-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sch, err := ticket.ParseSchedule(s)
		if err != nil {
			var ve *ticket.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseSchedule(%q): %v is not a *ValidationError", s, err)
			}
			return
		}
		if err := sch.Validate(); err != nil {
			t.Fatalf("ParseSchedule(%q) = %+v, which does not validate: %v", s, sch, err)
		}
		back, err := ticket.ParseSchedule(sch.String())
		if err != nil || back != sch {
			t.Fatalf("%q -> %+v -> %q -> %+v, %v", s, sch, sch.String(), back, err)
		}
		from := sch.Start + 100
		to := from + 365
		var got []int64
		for dd := range sch.Dates(from, to) {
			if dd < from || dd > to || dd < sch.Start {
				t.Fatalf("%s: date %s outside [%s, %s]", sch, dd, from, to)
			}
			got = append(got, int64(dd))
		}
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Fatalf("%s: dates not strictly ascending: %v", sch, got)
		}
	})
}

// FuzzParseEnums: every small type's text form round-trips, and other
// text is a *ValidationError.
func FuzzParseEnums(f *testing.F) {
	for _, s := range []string{"incident", "Service-Request", "email", "critical", "waiting-on-customer", "extended", "", "none", "x", "response", "Resolution"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(what string, err error, back func() (string, error)) {
			if err != nil {
				if !errors.Is(err, ticket.ErrInvalid) {
					t.Fatalf("%s(%q): %v does not match ErrInvalid", what, s, err)
				}
				return
			}
			b, err := back()
			if err != nil || !strings.EqualFold(b, s) {
				t.Fatalf("%s(%q) writes back %q, %v", what, s, b, err)
			}
		}
		k, err := ticket.ParseKind(s)
		check("ParseKind", err, func() (string, error) { b, err := k.MarshalText(); return string(b), err })
		c, err := ticket.ParseChannel(s)
		check("ParseChannel", err, func() (string, error) { b, err := c.MarshalText(); return string(b), err })
		p, err := ticket.ParsePriority(s)
		check("ParsePriority", err, func() (string, error) { b, err := p.MarshalText(); return string(b), err })
		st, err := ticket.ParseStatus(s)
		check("ParseStatus", err, func() (string, error) { b, err := st.MarshalText(); return string(b), err })
		l, err := ticket.ParseLevel(s)
		check("ParseLevel", err, func() (string, error) { b, err := l.MarshalText(); return string(b), err })
		var clock ticket.ClockName
		err = clock.UnmarshalText([]byte(s))
		check("ClockName.UnmarshalText", err, func() (string, error) { b, err := clock.MarshalText(); return string(b), err })
	})
}

// FuzzIntakeMail runs whole messages through the desk of the intake table
// and checks what must hold whatever the mail says: no error; a rejected
// or duplicate mail changes nothing; a threaded mail is a comment by a
// participant of the ticket or a contact of its customer and never goes
// into a ticket whose desk Message-IDs it does not hold; nothing is
// threaded from a machine or into a ticket named by conflicting
// references.
func FuzzIntakeMail(f *testing.F) {
	f.Add("anna@wdf.example", "AW: [Ticket#1] x", "body", "<t1.1@desk.example>", "", false)
	f.Add("mallory@evil.example", "[Ticket#1] x", "body", "", "<t1.2@desk.example>", false)
	f.Add("carl@sgn.example", "[Ticket#2] x", "body", "<t1.1@desk.example>", "", false)
	f.Add("carl@sgn.example", "[Ticket#2] x", "body", "<t2.1@desk.example>", "<t2.9@desk.example>", false)
	f.Add("Ben <BEN@wdf.example>", "hallo", "", "<x@y>", "<t1.1@desk.example> <t2.1@desk.example>", true)
	f.Add("ben@wdf.example", "[Ticket#000001]", "\x00\xff", "<T12.1@desk.EXAMPLE>", "", false)
	f.Fuzz(func(t *testing.T, from, subject, body, inReplyTo, refs string, auto bool) {
		dk, s := mailDesk(t, ticket.Config{})
		before := snapshot(t, s)
		m := ticket.Message{From: from, Subject: subject, Body: body, InReplyTo: inReplyTo,
			References: strings.Fields(refs), AutoSubmitted: auto, MessageID: "<fuzz@mail.example>", Received: at(h)}
		out, err := dk.IntakeMail(bg, m)
		if err != nil {
			t.Fatalf("IntakeMail: %v", err)
		}
		switch out.Action {
		case ticket.MailRejected, ticket.MailDuplicate:
			diff(t, "store after "+out.Action.String(), before, snapshot(t, s))
			return
		case ticket.MailThreaded:
		default:
			return
		}
		if auto {
			t.Fatalf("threaded a machine's mail")
		}
		tk := out.Ticket
		c := tk.Comments[len(tk.Comments)-1]
		sender := c.By.Address
		okSender := slices.Contains(tk.Participants, sender)
		for _, ct := range []ticket.Contact{anna, ben, carl} {
			okSender = okSender || ct.Email == sender && ct.CustomerID == tk.CustomerID
		}
		if !okSender {
			t.Fatalf("threaded mail from %q into ticket %s of %s", sender, tk.Number, tk.CustomerID)
		}
		for _, id := range append(m.References, m.InReplyTo) {
			id = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">"))
			if deskForm(id) && !slices.Contains(tk.MessageIDs, id) {
				t.Fatalf("threaded into ticket %s with a reference %q it never sent", tk.Number, id)
			}
		}
	})
}

// FuzzNewTicket: any draft is either a *ValidationError or a new ticket
// that keeps the draft's fields, with its creation in the audit history.
func FuzzNewTicket(f *testing.F) {
	f.Add("wdf", "anna", uint8(1), uint8(1), uint8(0), "Drucker", "text\nzeile", "anna@wdf.example", "n.png", "blob/1", int64(0))
	f.Add(" wdf", "", uint8(9), uint8(0), uint8(7), "", "\x00", "not an address", "", "", int64(-1))
	f.Fuzz(func(t *testing.T, customer, contact string, kind, channel, prio uint8, subject, desc, participant, name, ref string, size int64) {
		dr := ticket.Draft{CustomerID: customer, ContactID: contact, Kind: ticket.Kind(kind), Channel: ticket.Channel(channel),
			Priority: ticket.Priority(prio), Subject: subject, Description: desc, Received: t0, Participants: []string{participant}}
		if name != "" || ref != "" {
			dr.Attachments = []ticket.Attachment{{Name: name, Ref: ref, Size: size}}
		}
		tk, err := ticket.NewTicket(dr, staff)
		if err != nil {
			var ve *ticket.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("NewTicket: %v is not a *ValidationError", err)
			}
			return
		}
		if tk.Status != ticket.New || !tk.Kind.IsValid() || !tk.Channel.IsValid() || !tk.Priority.IsValid() ||
			tk.CustomerID != customer || tk.Subject != subject || len(tk.Audit) != 1 || len(tk.Participants) != 1 {
			t.Fatalf("NewTicket(%+v) = %+v", dr, tk)
		}
		if !tk.HasParticipant(participant) || tk.Participants[0] != strings.ToLower(tk.Participants[0]) {
			t.Fatalf("participant %q kept as %q", participant, tk.Participants[0])
		}
	})
}

// deskForm reports whether id looks like a Message-ID the desk of the
// tests mints: t<digits>.<digits>@desk.example.
func deskForm(id string) bool {
	local, ok := strings.CutSuffix(id, "@desk.example")
	num, seq, dot := strings.Cut(strings.TrimPrefix(local, "t"), ".")
	digits := func(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
	return ok && dot && strings.HasPrefix(local, "t") && digits(num) && digits(seq)
}

// FuzzIntakeMailHostile delivers a hostile mail twice, and then the same
// Message-ID from a contact of another customer, and checks what must hold
// whatever the mail says: never an error (a mail that fails the intake
// could never be processed); the second delivery makes nothing new; the
// other customer's sender never gets wdf's ticket; and what is stored is
// safe to use as a file name, a header or terminal text.
func FuzzIntakeMailHostile(f *testing.F) {
	f.Add("anna@wdf.example", "Drucker\r\nBcc: x@y", "a\x1b[2Jb\rc", "<m9@wdf.example>", "../../etc/passwd\r\n", "text/plain\r\nX: 1")
	f.Add("anna@wdf.example", "x", "y", "<"+strings.Repeat("x", 1100)+"@wdf.example>", "..", "image/png; x="+strings.Repeat("a", 1100))
	f.Add("anna@wdf.example", "x", "y", "<a\tb@wdf.example>", `C:\Users\a\b.png`, "IMAGE/PNG")
	f.Add("anna@wdf.example", "[Ticket#1] AW", "y", "<m1@wdf.example>", "a\x00b", "")
	f.Add("ben@wdf.example", "x", "\xff\xfe", "", ".", "\x00")
	f.Fuzz(func(t *testing.T, from, subject, body, messageID, name, contentType string) {
		dk, s := mailDesk(t, ticket.Config{})
		m := ticket.Message{From: from, Subject: subject, Body: body, MessageID: messageID, Received: at(h),
			Attachments: []ticket.Attachment{{Name: name, Ref: "blob/9", ContentType: contentType}}}
		first, err := dk.IntakeMail(bg, m)
		if err != nil {
			t.Fatalf("IntakeMail: %v", err)
		}
		mid := snapshot(t, s)
		second, err := dk.IntakeMail(bg, m)
		if err != nil {
			t.Fatalf("IntakeMail again: %v", err)
		}
		// A Message-ID that is empty without its angle brackets is none,
		// and a mail without one cannot be told from another.
		hasID := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(messageID), "<"), ">") != ""
		if hasID && first.Action != ticket.MailRejected {
			if second.Action != ticket.MailDuplicate || second.Ticket.Number != first.Ticket.Number {
				t.Fatalf("second delivery: %s of ticket %s, want a duplicate of %s", second.Action, second.Ticket.Number, first.Ticket.Number)
			}
			diff(t, "store after the second delivery", mid, snapshot(t, s))
		}
		other, err := dk.IntakeMail(bg, ticket.Message{From: "carl@sgn.example", Subject: "x", Body: "y", MessageID: messageID, Received: at(2 * h)})
		if err != nil {
			t.Fatalf("IntakeMail from another customer: %v", err)
		}
		if other.Ticket.Number != 0 && other.Ticket.CustomerID != "sgn" {
			t.Fatalf("a sender of sgn got ticket %s of %s", other.Ticket.Number, other.Ticket.CustomerID)
		}
		for tk, err := range s.Tickets(bg, ticket.Filter{}) {
			if err != nil {
				t.Fatal(err)
			}
			checkPrintable(t, "subject", tk.Subject, false)
			checkPrintable(t, "description", tk.Description, true)
			as := slices.Clone(tk.Attachments)
			for _, c := range tk.Comments {
				checkPrintable(t, "comment", c.Body, true)
				as = append(as, c.Attachments...)
			}
			for _, a := range as {
				if a.Name == "." || a.Name == ".." || strings.ContainsAny(a.Name, `/\`) {
					t.Fatalf("attachment name %q is not a base name", a.Name)
				}
				checkPrintable(t, "attachment name", a.Name, false)
				checkPrintable(t, "content type", a.ContentType, false)
				checkPrintable(t, "name as sent", a.SentName, false)
			}
		}
	})
}

// checkPrintable fails t when s is not valid UTF-8 or holds a control
// character (but a line feed or tab in multiline text).
func checkPrintable(t *testing.T, what, s string, multiline bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s %q is not valid UTF-8", what, s)
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			t.Fatalf("%s %q holds the control character %U", what, s, r)
		}
	}
}

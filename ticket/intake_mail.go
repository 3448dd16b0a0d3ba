package ticket

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/deskcore/deskcore/internal/enum"
)

// MailConfig configures the e-mail channel. Its zero value works: every
// new mail from a known contact is an incident, Message-IDs end in
// "@deskcore.invalid", subjects carry "[Ticket#4711]".
type MailConfig struct {
	// Domain is the right-hand side of the Message-IDs the desk mints for
	// its mails, such as "kundensupport.meinsystemhaus.de". "" means
	// "deskcore.invalid"; set it, so that Message-IDs are unique
	// world-wide.
	Domain string

	// TagPrefix is the word in the subject tag "[Ticket#4711]"; ""
	// means "Ticket". Letters and digits only.
	TagPrefix string

	// Classify says what a new mail (one that threads into no ticket)
	// reports. Only incidents are processed through the e-mail channel
	// (the service agreement: "ausschließlich Störungen"); anything else is rejected
	// with RejectNotIncident. nil means every new mail is an incident.
	Classify func(Message) Kind

	// OwnAddresses are the desk's own addresses. Mail from them is
	// rejected (RejectLoop), so that the desk never answers itself.
	OwnAddresses []string

	// MaxBodyBytes bounds a mail's body; a larger one is rejected
	// (RejectTooLarge). 0 means 1 MiB.
	MaxBodyBytes int

	// Priority is given to incidents opened by mail; 0 means Normal.
	Priority Priority
}

const (
	defaultMailDomain = "deskcore.invalid"
	defaultTagPrefix  = "Ticket"
	maxReferences     = 100 // References entries read; the rest are ignored
)

// normalized returns c with its defaults filled in, or a
// *ValidationError.
func (c MailConfig) normalized() (MailConfig, error) {
	if c.Domain == "" {
		c.Domain = defaultMailDomain
	}
	c.Domain = strings.ToLower(c.Domain)
	if _, ok := normalizeAddress("x@" + c.Domain); !ok || strings.ContainsAny(c.Domain, "@<>") {
		return c, invalid("Mail.Domain", "%q is not a mail domain", truncate(c.Domain, 64))
	}
	if c.TagPrefix == "" {
		c.TagPrefix = defaultTagPrefix
	}
	for _, r := range c.TagPrefix {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) || len(c.TagPrefix) > 32 {
			return c, invalid("Mail.TagPrefix", "%q is not 1 to 32 ASCII letters and digits", truncate(c.TagPrefix, 64))
		}
	}
	if c.MaxBodyBytes < 0 {
		return c, invalid("Mail.MaxBodyBytes", "is negative")
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = maxTextLen
	}
	if c.Priority == 0 {
		c.Priority = Normal
	}
	if !c.Priority.IsValid() {
		return c, invalid("Mail.Priority", "%s is not a priority", c.Priority)
	}
	own := make([]string, 0, len(c.OwnAddresses))
	for _, a := range c.OwnAddresses {
		addr, ok := normalizeAddress(a)
		if !ok {
			return c, invalid("Mail.OwnAddresses", "%q is not an e-mail address", truncate(a, 64))
		}
		own = append(own, addr)
	}
	c.OwnAddresses = own
	return c, nil
}

// Message is an incoming mail as the host parsed it. The library trusts
// nothing in it: the sender, the subject and the references may all be
// forged.
type Message struct {
	From        string       // the sender's address, bare or with a display name
	Subject     string       // decoded
	Body        string       // the text part, decoded
	MessageID   string       // the Message-ID header, with or without angle brackets
	InReplyTo   string       // the In-Reply-To header
	References  []string     // the References header, one Message-ID each
	Attachments []Attachment // screenshots and other files, stored by the host

	// AutoSubmitted is set by the host when the mail says it was sent by
	// a machine: an Auto-Submitted header other than "no", Precedence
	// bulk, junk or list, an X-Autoreply header. Such mail is rejected
	// (RejectAutoReply): answering an out-of-office note with a
	// confirmation starts a mail loop.
	AutoSubmitted bool

	Received time.Time // when the desk's mailbox received it; required
}

// MailAction is what IntakeMail did with a message.
type MailAction uint8

const (
	// MailCreated: the mail opened a new incident; the outbox holds the
	// confirmation with its number and received timestamp.
	MailCreated MailAction = iota + 1
	// MailThreaded: the mail was a reply and became a comment from the
	// customer on its ticket, which it may have reopened or resumed
	// (MailOutcome.Effect).
	MailThreaded
	// MailLinked: the mail replied to a ticket closed longer than the
	// reopen window and opened a new ticket linked to it.
	MailLinked
	// MailDuplicate: the mail was processed before (same Message-ID);
	// nothing changed.
	MailDuplicate
	// MailRejected: the mail was not turned into work; Reason says why.
	MailRejected
)

var mailActionText = enum.Ints[MailAction]("ticket", "MailAction", "", "created", "threaded", "linked", "duplicate", "rejected")

// String returns "created", "threaded", "linked", "duplicate" or
// "rejected", or "MailAction(n)".
func (a MailAction) String() string { return mailActionText.String(a) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid value.
func (a MailAction) MarshalText() ([]byte, error) {
	return mailActionText.Marshal(a)
}

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (a *MailAction) UnmarshalText(b []byte) error {
	return mailActionText.Unmarshal(a, b)
}

// RejectReason says why a mail was rejected. The host decides what to do
// with it: drop it, forward it to a person, answer with a note.
type RejectReason uint8

const (
	// RejectMalformed: the sender is not an e-mail address.
	RejectMalformed RejectReason = iota + 1
	// RejectAutoReply: sent by a machine (Message.AutoSubmitted).
	RejectAutoReply
	// RejectLoop: sent from one of the desk's own addresses.
	RejectLoop
	// RejectTooLarge: the body exceeds MailConfig.MaxBodyBytes, or the
	// mail has more than 1000 attachments.
	RejectTooLarge
	// RejectUnknownSender: a new mail from an address that is no contact
	// of any customer.
	RejectUnknownSender
	// RejectNotIncident: a new mail that does not report an incident,
	// such as a message for the account manager.
	RejectNotIncident
	// RejectUnknownTicket: the subject or the references name a ticket
	// that does not exist.
	RejectUnknownTicket
	// RejectForgedReference: the references hold a Message-ID in the
	// desk's form that the desk never sent for that ticket.
	RejectForgedReference
	// RejectConflictingReferences: the subject and the references, or
	// several references, name different tickets.
	RejectConflictingReferences
	// RejectStranger: the sender is neither a participant of the ticket
	// nor a contact of its customer, so may not write to it.
	RejectStranger
)

var rejectReasonText = enum.Ints[RejectReason]("ticket", "RejectReason", "", "malformed", "auto-reply", "loop", "too-large", "unknown-sender",
	"not-incident", "unknown-ticket", "forged-reference", "conflicting-references", "stranger")

// String returns the reason's text form, such as "stranger", or
// "RejectReason(n)".
func (r RejectReason) String() string {
	return rejectReasonText.String(r)
}

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid reason.
func (r RejectReason) MarshalText() ([]byte, error) {
	return rejectReasonText.Marshal(r)
}

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (r *RejectReason) UnmarshalText(b []byte) error {
	return rejectReasonText.Unmarshal(r, b)
}

// MailOutcome is what IntakeMail did with a message.
type MailOutcome struct {
	Action MailAction   // what was done
	Reason RejectReason // for MailRejected

	// Ticket is the ticket created, threaded into or linked to the old
	// one; for MailDuplicate the ticket that has the mail already; zero
	// for MailRejected.
	Ticket Ticket

	Effect     ReplyEffect // for MailThreaded
	LinkedFrom Number      // for MailLinked: the closed ticket replied to
}

// ParseSubjectTag finds the ticket number in a subject's tag
// "[<prefix>#<number>]" (prefix in any case, as in "Re: AW: [Ticket#4711]
// Drucker"). It returns 0 when the subject has no well-formed tag, and a
// *ValidationError when it has tags with different numbers. A tag with a
// number ParseNumber does not accept is no tag.
func ParseSubjectTag(subject, prefix string) (Number, error) {
	if prefix == "" {
		prefix = defaultTagPrefix
	}
	open := "[" + prefix + "#"
	var found Number
	for rest := subject; ; {
		i := indexFold(rest, open)
		if i < 0 {
			return found, nil
		}
		rest = rest[i+len(open):]
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return found, nil
		}
		n, err := ParseNumber(rest[:end])
		if err != nil {
			continue
		}
		if found != 0 && n != found {
			return 0, invalid("Subject", "names tickets %s and %s", found, n)
		}
		found = n
		rest = rest[end+1:]
	}
}

// indexFold is strings.Index with ASCII case folding; substr is ASCII.
// Only ASCII letters fold, so that no other character can pass for a
// letter of the tag.
func indexFold(s, substr string) int {
	for i := 0; i+len(substr) <= len(s); i++ {
		j := 0
		for j < len(substr) && lowerASCII(s[i+j]) == lowerASCII(substr[j]) {
			j++
		}
		if j == len(substr) {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// TagSubject returns subject with the ticket's tag in front, "[Ticket#4711]
// Drucker druckt nicht", for the host's mail templates, so that a reply
// threads by its subject too. A tag already in subject is removed first.
// The result is one line of valid UTF-8 without control characters (line
// breaks and tabs become spaces), so it cannot inject a header into the
// mail it is put in.
func (c MailConfig) TagSubject(n Number, subject string) string {
	prefix := c.TagPrefix
	if prefix == "" {
		prefix = defaultTagPrefix
	}
	return strings.TrimSpace("[" + prefix + "#" + n.String() + "] " + stripTags(oneLine(subject, len(subject)), prefix))
}

// stripTags removes every "[<prefix>#...]" from a subject, in one pass,
// and then defuses what is left of "[<prefix>#" (a "(" for its "["), so
// that the pieces around a removed tag cannot join into a new one:
// "[Tick[Ticket#]et#1]" must not become "[Ticket#1]".
func stripTags(subject, prefix string) string {
	open := "[" + prefix + "#"
	var b strings.Builder
	rest := subject
	for {
		i := indexFold(rest, open)
		if i < 0 {
			break
		}
		end := strings.IndexByte(rest[i:], ']')
		if end < 0 {
			break
		}
		b.WriteString(rest[:i])
		rest = strings.TrimLeft(rest[i+end+1:], " ")
	}
	b.WriteString(rest)
	out := b.String()
	if indexFold(out, open) < 0 {
		return strings.TrimSpace(out)
	}
	b.Reset()
	for {
		i := indexFold(out, open)
		if i < 0 {
			break
		}
		b.WriteString(out[:i])
		b.WriteByte('(')
		out = out[i+1:]
	}
	b.WriteString(out)
	return strings.TrimSpace(b.String())
}

// threadRef is what a message says about the ticket it belongs to.
type threadRef struct {
	number Number
	ours   []string // the referenced Message-IDs in the desk's form, canonical
}

// thread reads the ticket a message refers to: by the desk's Message-IDs
// in In-Reply-To and References, and by the subject's tag. Several
// different tickets are a conflict.
func (c *MailConfig) thread(m *Message) (threadRef, RejectReason) {
	var ref threadRef
	refs := m.References
	if len(refs) > maxReferences {
		refs = refs[:maxReferences]
	}
	for _, id := range append([]string{m.InReplyTo}, refs...) {
		n, ok := parseOurMessageID(id, c.Domain)
		if !ok {
			continue
		}
		if ref.number != 0 && n != ref.number {
			return threadRef{}, RejectConflictingReferences
		}
		ref.number = n
		ref.ours = append(ref.ours, canonicalMessageID(id))
	}
	n, err := ParseSubjectTag(m.Subject, c.TagPrefix)
	switch {
	case err != nil, n != 0 && ref.number != 0 && n != ref.number:
		return threadRef{}, RejectConflictingReferences
	case n != 0:
		ref.number = n
	}
	return ref, 0
}

// sender is who the directory says a mail's sender is.
type sender struct {
	address string  // normalized; "" when the From is no address
	contact Contact // valid when known
	known   bool
}

// mayWrite reports whether s may write to t: a participant of the ticket
// or a contact of its customer.
func (s sender) mayWrite(t *Ticket) bool {
	return t.HasParticipant(s.address) || (s.known && s.contact.CustomerID == t.CustomerID)
}

// actor is the mail sender as the author of a comment.
func (s sender) actor(t *Ticket) Actor {
	a := Actor{Kind: ActorContact, Address: s.address}
	if s.known && s.contact.CustomerID == t.CustomerID {
		a.ID = s.contact.ID
	}
	return a
}

// decide is the e-mail channel's whole decision, a pure function: given
// the message, who the directory says sent it, what it refers to and the
// referred ticket as stored (nil when it does not exist), what to do.
// The checks run in this order, first match wins: malformed sender,
// machine-sent, loop, size, conflicting references; then for a new mail
// unknown sender and not an incident; for a reply unknown ticket, forged
// reference, stranger, duplicate, and closed beyond the window (link).
func (c *MailConfig) decide(m *Message, s sender, ref threadRef, reason RejectReason, t *Ticket, window time.Duration) (MailAction, RejectReason) {
	reject := func(r RejectReason) (MailAction, RejectReason) { return MailRejected, r }
	switch {
	case s.address == "":
		return reject(RejectMalformed)
	case m.AutoSubmitted:
		return reject(RejectAutoReply)
	case slices.Contains(c.OwnAddresses, s.address):
		return reject(RejectLoop)
	case len(m.Body) > c.MaxBodyBytes, len(m.Attachments) > maxListLen:
		return reject(RejectTooLarge)
	case reason != 0:
		return reject(reason)
	}
	if ref.number == 0 {
		switch {
		case !s.known:
			return reject(RejectUnknownSender)
		case c.Classify != nil && c.Classify(*m) != Incident:
			return reject(RejectNotIncident)
		}
		return MailCreated, 0
	}
	switch {
	case t == nil || t.Number != ref.number:
		return reject(RejectUnknownTicket)
	case slices.ContainsFunc(ref.ours, func(id string) bool { return !slices.Contains(t.MessageIDs, id) }):
		return reject(RejectForgedReference)
	case !s.mayWrite(t):
		return reject(RejectStranger)
	}
	if id := messageKey(m.MessageID); id != "" &&
		slices.ContainsFunc(t.Comments, func(c Comment) bool { return c.MessageID == id && c.By.Address == s.address }) {
		return MailDuplicate, 0
	}
	if t.Status == Closed && m.Received.Sub(t.ClosedAt) > window {
		return MailLinked, 0
	}
	return MailThreaded, 0
}

// errRedecided ends a store transaction in which the fresh ticket led to
// another decision than the one read before it; nothing is written.
var errRedecided = errors.New("ticket: decided otherwise on the current ticket")

// IntakeMail processes one incoming mail: a new incident with its
// confirmation in the outbox; a reply threaded into its ticket as the
// customer's comment, with screenshots as attachment references, which
// reopens a resolved ticket or resumes one waiting on the customer; a new
// ticket linked to one closed longer than the reopen window; or a
// rejection with its reason. Replies thread only by the desk's own
// Message-IDs (In-Reply-To, References) and the subject's ticket tag, and
// only from a participant of the ticket or a contact of its customer, so
// that strangers cannot write into tickets. A mail delivered twice (same
// sender, same customer, same Message-ID, of any length and content: it is
// compared by its SHA-256 past 255 bytes) is processed once; another
// customer's mail with the same Message-ID is a mail of its own, and a
// caller never gets another customer's ticket. What the mail says is made
// safe rather than refused: attachment names become base names (see
// Attachment.SentName), content types valid media types, subjects one
// line, texts free of terminal controls.
//
// A rejection is an outcome, not an error. IntakeMail returns a
// *ValidationError for a message without Received, and the errors of the
// Store and the Directory.
func (d *Desk) IntakeMail(ctx context.Context, m Message) (MailOutcome, error) {
	if err := d.ready(); err != nil {
		return MailOutcome{}, err
	}
	if err := checkInstant("Message.Received", m.Received); err != nil {
		return MailOutcome{}, err
	}
	s, err := d.lookupSender(ctx, m.From)
	if err != nil {
		return MailOutcome{}, err
	}
	mc := &d.cfg.Mail
	ref, reason := mc.thread(&m)
	var stored *Ticket
	if reason == 0 && ref.number != 0 {
		t, err := d.store.Ticket(ctx, ref.number)
		switch {
		case err == nil:
			stored = &t
		case !errors.Is(err, ErrNotFound):
			return MailOutcome{}, err
		}
	}
	action, reason := mc.decide(&m, s, ref, reason, stored, d.cfg.ReopenWindow)
	if action == MailThreaded {
		var effect ReplyEffect
		t, err := d.store.Update(ctx, ref.number, func(t *Ticket) ([]Notification, error) {
			if action, reason = mc.decide(&m, s, ref, 0, t, d.cfg.ReopenWindow); action != MailThreaded {
				stored = t
				return nil, errRedecided
			}
			since := len(t.Audit)
			var err error
			if effect, err = t.Reply(mailComment(&m, s, t), d.cfg.ReopenWindow); err != nil {
				return nil, err
			}
			return d.notifications(ctx, t, since, "")
		})
		switch {
		case err == nil:
			return MailOutcome{Action: MailThreaded, Ticket: t, Effect: effect}, nil
		case !errors.Is(err, errRedecided):
			return MailOutcome{}, err
		}
	}
	switch action {
	case MailRejected:
		return MailOutcome{Action: MailRejected, Reason: reason}, nil
	case MailDuplicate:
		return MailOutcome{Action: MailDuplicate, Ticket: *stored}, nil
	case MailLinked:
		old := *stored
		t, created, err := d.createOnce(ctx, linkedDraft(&old, mailComment(&m, s, &old), mailKey(&m, old.CustomerID, s.address)), System("mail-intake"), s.address)
		return mailCreated(MailLinked, old.Number, old.CustomerID, t, created, err)
	}
	t, created, err := d.createOnce(ctx, Draft{
		CustomerID: s.contact.CustomerID, ContactID: s.contact.ID,
		Kind: Incident, Channel: ChannelEmail, Priority: mc.Priority,
		Subject: mailSubject(m.Subject, mc.TagPrefix), Description: cleanText(m.Body),
		Attachments: cleanAttachments(m.Attachments), Received: m.Received,
		Participants: []string{s.address}, IdempotencyKey: mailKey(&m, s.contact.CustomerID, s.address),
	}, System("mail-intake"), s.address)
	return mailCreated(MailCreated, 0, s.contact.CustomerID, t, created, err)
}

// mailCreated is the outcome of creating a ticket for a mail of customer:
// action when it was created, MailDuplicate when the mail's key had made
// it before. A ticket of another customer under the key is never handed
// out; it is a conflict (the key is the customer's, so only a host that
// wrote such a key itself can cause it).
func mailCreated(action MailAction, linkedFrom Number, customer string, t Ticket, created bool, err error) (MailOutcome, error) {
	switch {
	case err != nil:
		return MailOutcome{}, err
	case t.CustomerID != customer:
		return MailOutcome{}, fmt.Errorf("ticket: the mail's idempotency key names a ticket of another customer: %w", ErrConflict)
	case !created:
		return MailOutcome{Action: MailDuplicate, Ticket: t}, nil
	}
	return MailOutcome{Action: action, Ticket: t, LinkedFrom: linkedFrom}, nil
}

// lookupSender asks the directory who sent a mail.
func (d *Desk) lookupSender(ctx context.Context, from string) (sender, error) {
	addr, ok := normalizeAddress(from)
	if !ok {
		return sender{}, nil
	}
	s := sender{address: addr}
	c, err := d.dir.ContactByEmail(ctx, addr)
	switch {
	case err == nil:
		s.contact, s.known = c, checkID("", c.ID) == nil && checkID("", c.CustomerID) == nil
	case !errors.Is(err, ErrNotFound):
		return sender{}, err
	}
	return s, nil
}

// maxPlainMessageID is the longest Message-ID kept as it is; a longer
// one, or one with control characters or spaces, is kept and compared as
// "sha256:" and the SHA-256 of its canonical form.
const maxPlainMessageID = 255

// messageKey is the form in which a mail's Message-ID is kept on a
// comment and compared: the canonical form (see canonicalMessageID), or
// its SHA-256 when that is longer than maxPlainMessageID or holds a
// control character or a space, so that any Message-ID a mail carries,
// of any length, deduplicates; "" for none.
func messageKey(raw string) string {
	id := canonicalMessageID(raw)
	if id == "" {
		return ""
	}
	if len(id) <= maxPlainMessageID && checkChars("", id, false) == nil && !strings.ContainsRune(id, ' ') {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// mailKey is the idempotency key of a mail from sender for customer: the
// SHA-256 of the customer, the sender and the Message-ID's key. A
// Message-ID is not secret and not unique across senders, so another
// customer's mail that reuses it is a mail of its own, never a duplicate
// of this one. "" when the mail has no Message-ID.
func mailKey(m *Message, customer, sender string) string {
	id := messageKey(m.MessageID)
	if id == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(customer + "\x00" + sender + "\x00" + id))
	return "mail:" + hex.EncodeToString(sum[:])
}

// mailComment is a reply as the customer's comment.
func mailComment(m *Message, s sender, t *Ticket) Comment {
	id := messageKey(m.MessageID)
	body := cleanText(m.Body)
	if strings.TrimSpace(body) == "" && len(m.Attachments) == 0 {
		body = "(empty message)"
	}
	return Comment{
		At: m.Received, By: s.actor(t), Body: body, Public: true,
		Channel: ChannelEmail, Attachments: cleanAttachments(m.Attachments), MessageID: id,
	}
}

// cleanAttachments makes what a mail says of its attachments storable and
// safe: a hostile mail must not fail the intake (a poison message that can
// never be processed) nor plant a path or a header line. Each name becomes
// a safe base name, the name as sent is kept escaped for display when it
// differs, and a content type that is no valid media type, or longer than
// a line may be, becomes "application/octet-stream".
func cleanAttachments(as []Attachment) []Attachment {
	out := slices.Clone(as)
	for i := range out {
		sent := out[i].Name
		out[i].Name = safeFileName(sent)
		out[i].SentName = ""
		if out[i].Name != sent {
			out[i].SentName = escapedName(sent)
		}
		out[i].ContentType = cleanContentType(out[i].ContentType)
	}
	return out
}

// safeFileName is the base name of a file name from a mail: the part after
// the last slash or backslash, on one line without control characters,
// with the characters Windows forbids in names and leading or trailing
// dots and spaces replaced or removed, at most 255 runes; "attachment"
// when nothing is left.
func safeFileName(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if i := strings.LastIndexAny(s, "/\\"); i >= 0 {
		s = s[i+1:]
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r):
			return ' '
		case strings.ContainsRune(`:*?"<>|`, r):
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(oneLine(s, maxSubjectLen), ". ")
	if s == "" {
		return "attachment"
	}
	return s
}

// escapedName is a name as sent, for display: quoted as a Go string
// (control characters and invalid UTF-8 escaped) without the quotes, at
// most maxLineLen bytes.
func escapedName(s string) string {
	q := strconv.QuoteToGraphic(truncate(s, maxLineLen/4))
	return q[1 : len(q)-1]
}

// cleanContentType is a mail's content type as a media type the desk can
// store and hand to a header: parsed and formatted again by package mime,
// or "application/octet-stream" when it is none, holds a control
// character or is longer than a line may be; "" stays "".
func cleanContentType(ct string) string {
	if ct == "" {
		return ""
	}
	if len(ct) <= maxLineLen && checkChars("", ct, false) == nil {
		if mt, params, err := mime.ParseMediaType(ct); err == nil {
			if out := mime.FormatMediaType(mt, params); out != "" && len(out) <= maxLineLen {
				return out
			}
		}
	}
	return "application/octet-stream"
}

// mailSubject makes a mail's subject a ticket's: valid UTF-8 on one line
// without the desk's tags, at most 255 characters, never empty.
func mailSubject(s, prefix string) string {
	s = oneLine(stripTags(oneLine(s, len(s)), prefix), maxSubjectLen)
	if s == "" {
		return "(no subject)"
	}
	return s
}

// oneLine makes text from a mail a single line of valid UTF-8 without
// control characters, spaces collapsed, of at most max runes.
func oneLine(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max])
	}
	return s
}

// cleanText makes a mail's body storable and safe to show on a terminal:
// valid UTF-8 without control characters other than line feeds and tabs
// (ESC and the C1 controls that start terminal escape sequences are
// dropped; CRLF and a lone CR, which lets the next line overwrite this
// one, become a line feed), cut to the length a text may have.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case unicode.IsControl(r) && r != '\n' && r != '\t':
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if len(s) > maxTextLen {
		s = strings.ToValidUTF8(s[:maxTextLen], "")
	}
	return s
}

package ticket

import (
	"github.com/deskcore/deskcore/internal/enum"
)

// Kind is what a ticket is about. The zero Kind is no kind, and
// invalid on a ticket.
type Kind uint8

const (
	// Incident is a fault: something that worked does not (Störung). The
	// only kind the e-mail channel turns into work.
	Incident Kind = iota + 1
	// ServiceRequest asks for something new: a user, a device, a change
	// (Anforderung).
	ServiceRequest
	// Maintenance is a recurring check from the customer's needs analysis
	// (Bedarfsanalyse), generated on a schedule.
	Maintenance
	// PickAndPack is created by a goods receipt in materials management:
	// pick the delivery and pack it for the customer.
	PickAndPack
	// MonitoringAlert is a qualified alert of a monitored sensor.
	MonitoringAlert
)

var kindText = enum.Ints[Kind]("ticket", "Kind", "", "incident", "service-request", "maintenance", "pick-and-pack", "monitoring-alert")

// String returns the kind's text form ("incident", "service-request",
// "maintenance", "pick-and-pack", "monitoring-alert"), or "Kind(n)" for an
// invalid kind.
func (k Kind) String() string { return kindText.String(k) }

// IsValid reports whether k is one of the declared kinds.
func (k Kind) IsValid() bool { return kindText.Valid(k) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid kind.
func (k Kind) MarshalText() ([]byte, error) { return kindText.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error { return kindText.Unmarshal(k, b) }

// ParseKind reads a kind's text form in any case. It returns a
// *ValidationError for any other text.
func ParseKind(s string) (Kind, error) {
	return kindText.Parse(s)
}

// Channel is how a ticket reached the desk. The zero Channel is no
// channel, and invalid on a ticket.
type Channel uint8

const (
	// ChannelEmail is the support mailbox, open around the clock.
	ChannelEmail Channel = iota + 1
	// ChannelPortal is the customer portal.
	ChannelPortal
	// ChannelPhone is the hotline; the service team records the call.
	ChannelPhone
	// ChannelMonitoring is the 24/7 monitoring of sensors.
	ChannelMonitoring
	// ChannelSchedule is the maintenance schedule of a needs analysis.
	ChannelSchedule
	// ChannelGoodsReceipt is materials management booking a supplier's
	// delivery. Not one of the customer's contact channels; it names the
	// source of pick-and-pack tickets.
	ChannelGoodsReceipt
)

var channelText = enum.Ints[Channel]("ticket", "Channel", "", "email", "portal", "phone", "monitoring", "schedule", "goods-receipt")

// String returns the channel's text form ("email", "portal", "phone",
// "monitoring", "schedule", "goods-receipt"), or "Channel(n)" for an
// invalid channel.
func (c Channel) String() string { return channelText.String(c) }

// IsValid reports whether c is one of the declared channels.
func (c Channel) IsValid() bool { return channelText.Valid(c) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid channel.
func (c Channel) MarshalText() ([]byte, error) {
	return channelText.Marshal(c)
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseChannel.
func (c *Channel) UnmarshalText(b []byte) error {
	return channelText.Unmarshal(c, b)
}

// ParseChannel reads a channel's text form in any case. It returns a
// *ValidationError for any other text.
func ParseChannel(s string) (Channel, error) {
	return channelText.Parse(s)
}

// Priority is how urgent a ticket is. It selects the policy of the
// customer's agreement (response and resolution times per priority).
// Priorities are ordered: Low < Normal < High < Critical. The zero
// Priority is no priority, and invalid on a ticket.
type Priority uint8

const (
	// Low can wait for a convenient slot.
	Low Priority = iota + 1
	// Normal is the default.
	Normal
	// High hinders work of several people.
	High
	// Critical stops the customer's business.
	Critical
)

var priorityText = enum.Ints[Priority]("ticket", "Priority", "", "low", "normal", "high", "critical")

// String returns "low", "normal", "high" or "critical", or "Priority(n)"
// for an invalid priority.
func (p Priority) String() string { return priorityText.String(p) }

// IsValid reports whether p is one of the declared priorities.
func (p Priority) IsValid() bool { return priorityText.Valid(p) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid priority.
func (p Priority) MarshalText() ([]byte, error) {
	return priorityText.Marshal(p)
}

// UnmarshalText implements encoding.TextUnmarshaler with ParsePriority.
func (p *Priority) UnmarshalText(b []byte) error {
	return priorityText.Unmarshal(p, b)
}

// ParsePriority reads a priority's text form in any case. It returns a
// *ValidationError for any other text.
func ParsePriority(s string) (Priority, error) {
	return priorityText.Parse(s)
}

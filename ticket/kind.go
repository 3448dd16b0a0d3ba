package ticket

import (
	"fmt"
	"strings"
)

// Kind is what a ticket is about (T1). The zero Kind is no kind, and
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

var kindNames = []string{"", "incident", "service-request", "maintenance", "pick-and-pack", "monitoring-alert"}

// String returns the kind's text form ("incident", "service-request",
// "maintenance", "pick-and-pack", "monitoring-alert"), or "Kind(n)" for an
// invalid kind.
func (k Kind) String() string { return enumString(kindNames, uint8(k), "Kind") }

// IsValid reports whether k is one of the declared kinds.
func (k Kind) IsValid() bool { return enumValid(kindNames, uint8(k)) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid kind.
func (k Kind) MarshalText() ([]byte, error) { return enumMarshal(kindNames, uint8(k), "Kind") }

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error { return enumUnmarshal(kindNames, (*uint8)(k), b, "Kind") }

// ParseKind reads a kind's text form in any case. It returns a
// *ValidationError for any other text.
func ParseKind(s string) (Kind, error) {
	v, err := enumParse(kindNames, s, "Kind")
	return Kind(v), err
}

// Channel is how a ticket reached the desk (T2). The zero Channel is no
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

var channelNames = []string{"", "email", "portal", "phone", "monitoring", "schedule", "goods-receipt"}

// String returns the channel's text form ("email", "portal", "phone",
// "monitoring", "schedule", "goods-receipt"), or "Channel(n)" for an
// invalid channel.
func (c Channel) String() string { return enumString(channelNames, uint8(c), "Channel") }

// IsValid reports whether c is one of the declared channels.
func (c Channel) IsValid() bool { return enumValid(channelNames, uint8(c)) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid channel.
func (c Channel) MarshalText() ([]byte, error) {
	return enumMarshal(channelNames, uint8(c), "Channel")
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseChannel.
func (c *Channel) UnmarshalText(b []byte) error {
	return enumUnmarshal(channelNames, (*uint8)(c), b, "Channel")
}

// ParseChannel reads a channel's text form in any case. It returns a
// *ValidationError for any other text.
func ParseChannel(s string) (Channel, error) {
	v, err := enumParse(channelNames, s, "Channel")
	return Channel(v), err
}

// Priority is how urgent a ticket is. It selects the policy of the
// customer's agreement (response and resolution times per priority, S6).
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

var priorityNames = []string{"", "low", "normal", "high", "critical"}

// String returns "low", "normal", "high" or "critical", or "Priority(n)"
// for an invalid priority.
func (p Priority) String() string { return enumString(priorityNames, uint8(p), "Priority") }

// IsValid reports whether p is one of the declared priorities.
func (p Priority) IsValid() bool { return enumValid(priorityNames, uint8(p)) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid priority.
func (p Priority) MarshalText() ([]byte, error) {
	return enumMarshal(priorityNames, uint8(p), "Priority")
}

// UnmarshalText implements encoding.TextUnmarshaler with ParsePriority.
func (p *Priority) UnmarshalText(b []byte) error {
	return enumUnmarshal(priorityNames, (*uint8)(p), b, "Priority")
}

// ParsePriority reads a priority's text form in any case. It returns a
// *ValidationError for any other text.
func ParsePriority(s string) (Priority, error) {
	v, err := enumParse(priorityNames, s, "Priority")
	return Priority(v), err
}

// The small enumerations of this package (Kind, Channel, Priority, Status,
// ...) are uint8 values whose text forms are a table indexed by value,
// with "" at 0: the zero value is never valid.

func enumValid(names []string, v uint8) bool { return v > 0 && int(v) < len(names) }

func enumString(names []string, v uint8, typ string) string {
	if enumValid(names, v) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, v)
}

func enumMarshal(names []string, v uint8, typ string) ([]byte, error) {
	if !enumValid(names, v) {
		return nil, invalid(typ, "%d is not a valid %s", v, typ)
	}
	return []byte(names[v]), nil
}

func enumParse(names []string, s, typ string) (uint8, error) {
	for i := 1; i < len(names); i++ {
		if strings.EqualFold(s, names[i]) {
			return uint8(i), nil
		}
	}
	return 0, invalid(typ, "%q is not one of %s", truncate(s, 64), strings.Join(names[1:], ", "))
}

func enumUnmarshal(names []string, v *uint8, b []byte, typ string) error {
	parsed, err := enumParse(names, string(b), typ)
	if err != nil {
		return err
	}
	*v = parsed
	return nil
}

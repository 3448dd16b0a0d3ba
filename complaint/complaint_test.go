package complaint_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
)

var rcv = ams(2026, time.April, 24, 18, 0)

// Every missing detail is named at once, so the host can ask for all of
// them in one reply.
func TestIntakeRequiredFields(t *testing.T) {
	p := nlPolicy(t)
	tests := []struct {
		name    string
		in      complaint.Intake
		missing []string
		fields  []string // every problem, missing or malformed
	}{
		{
			name:    "service_without_anything",
			in:      complaint.Intake{Type: complaint.TypeService, ReceivedAt: rcv},
			missing: []string{"TicketNumber", "Description"},
			fields:  []string{"TicketNumber", "Description"},
		},
		{
			name: "service_with_ticket_serial_optional",
			in: complaint.Intake{Type: complaint.TypeService, ReceivedAt: rcv,
				Details: complaint.Details{TicketNumber: "T-1", Description: "late"}},
		},
		{
			name:    "product_with_blank_description",
			in:      complaint.Intake{Type: complaint.TypeProduct, ReceivedAt: rcv, Details: complaint.Details{Description: " \n\t"}},
			missing: []string{"ProductModel", "Description"},
			fields:  []string{"ProductModel", "Description"},
		},
		{
			name: "product_complete",
			in: complaint.Intake{Type: complaint.TypeProduct, ReceivedAt: rcv,
				Details: complaint.Details{ProductModel: "SolarMax 5000", Description: "no output"}},
		},
		{
			name:    "general_without_anything",
			in:      complaint.Intake{Type: complaint.TypeGeneral, ReceivedAt: rcv},
			missing: []string{"Description", "Name", "Email", "OccurredAt"},
			fields:  []string{"Description", "Name", "Email", "OccurredAt"},
		},
		{
			name: "general_missing_some_and_malformed_others",
			in: complaint.Intake{Type: complaint.TypeGeneral, ReceivedAt: rcv, Details: complaint.Details{
				Name: "Jan de Vries", Email: "Jan <jan@example.nl>", Files: []string{"shot-1.png", ""},
			}},
			missing: []string{"Description", "OccurredAt", "Files[1]"},
			fields:  []string{"Description", "Email", "OccurredAt", "Files[1]"},
		},
		{
			name: "general_complete_with_files",
			in: complaint.Intake{Type: complaint.TypeGeneral, ReceivedAt: rcv, Details: complaint.Details{
				Name: "Jan de Vries", Email: "jan@example.nl", Description: "charged twice",
				OccurredAt: rcv.Add(-48 * time.Hour), Files: []string{"invoice.pdf"},
			}},
		},
		{
			name: "incident_after_receipt",
			in: complaint.Intake{Type: complaint.TypeGeneral, ReceivedAt: rcv, Details: complaint.Details{
				Name: "Jan", Email: "jan@example.nl", Description: "x", OccurredAt: rcv.Add(time.Hour),
			}},
			fields: []string{"OccurredAt"},
		},
		{
			name:    "no_type_no_time",
			in:      complaint.Intake{CustomerID: " K-1"},
			missing: []string{"ReceivedAt"},
			fields:  []string{"Type", "CustomerID", "ReceivedAt"},
		},
		{
			name: "received_beyond_the_calendar",
			in: complaint.Intake{Type: complaint.TypeService, ReceivedAt: ams(2101, time.January, 5, 10, 0),
				Details: complaint.Details{TicketNumber: "T-1", Description: "x"}},
			fields: []string{"ReceivedAt"},
		},
		{
			name: "too_long_and_control_characters",
			in: complaint.Intake{Type: complaint.TypeService, ReceivedAt: rcv, Details: complaint.Details{
				TicketNumber: strings.Repeat("7", 129), Description: "ok\nline two", SerialNumber: "SN\x001",
				ResolutionIdea: strings.Repeat("x", 64<<10+1),
			}},
			fields: []string{"TicketNumber", "SerialNumber", "ResolutionIdea"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := p.NewComplaint(tt.in)
			if tt.fields == nil {
				require.NoError(t, err)
				require.Equal(t, complaint.StateReceived, c.State)
				require.Equal(t, tt.in.Type, c.Type)
				diff(t, "history", []complaint.Event{{Kind: complaint.EventReceived, At: tt.in.ReceivedAt}}, c.History)
				require.Equal(t, complaint.Reference{Year: 2026}, c.Ref, "the store numbers it")
				return
			}
			var ve *complaint.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, complaint.ErrInvalid)
			require.Equal(t, tt.fields, ve.Fields())
			require.Equal(t, tt.missing, ve.Missing())
			diff(t, "complaint on error", complaint.Complaint{}, c)
		})
	}
}

// Required fields are policy: the procedures' lists are only defaults.
func TestRequiredFieldsArePolicy(t *testing.T) {
	cfg := complaint.PresetNL()
	cfg.Required = map[complaint.Type][]complaint.Field{
		complaint.TypeProduct: {complaint.FieldProductModel, complaint.FieldSerialNumber, complaint.FieldDescription, complaint.FieldEmail},
		complaint.TypeGeneral: {},
	}
	p := policy(t, cfg)
	_, err := p.NewComplaint(complaint.Intake{Type: complaint.TypeProduct, ReceivedAt: rcv,
		Details: complaint.Details{ProductModel: "SolarMax 5000", Description: "no output"}})
	var ve *complaint.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, []string{"SerialNumber", "Email"}, ve.Missing())

	_, err = p.NewComplaint(complaint.Intake{Type: complaint.TypeGeneral, ReceivedAt: rcv})
	require.NoError(t, err, "an empty list requires nothing")

	_, err = p.NewComplaint(complaint.Intake{Type: complaint.TypeService, ReceivedAt: rcv})
	require.ErrorAs(t, err, &ve)
	require.Equal(t, []string{"TicketNumber", "Description"}, ve.Missing(), "a type not in the map keeps its default")

	diff(t, "required", []complaint.Field{complaint.FieldTicketNumber, complaint.FieldDescription}, p.Required(complaint.TypeService))
	diff(t, "defaults", complaint.DefaultRequired(), nlPolicy(t).Config().Required)
}

func TestIntakeCopiesItsInput(t *testing.T) {
	p := nlPolicy(t)
	in := complaint.Intake{Type: complaint.TypeGeneral, ReceivedAt: rcv, Details: complaint.Details{
		Name: "Jan", Email: "jan@example.nl", Description: "x", OccurredAt: rcv, Files: []string{"a.png"},
	}}
	c, err := p.NewComplaint(in)
	require.NoError(t, err)
	in.Details.Files[0] = "changed"
	require.Equal(t, []string{"a.png"}, c.Details.Files)
	d := c.Clone()
	d.History[0].Kind = complaint.EventClosed
	d.Details.Files[0] = "changed"
	require.Equal(t, complaint.EventReceived, c.History[0].Kind)
	require.Equal(t, "a.png", c.Details.Files[0])
}

// The reference's year is the year of receipt in the policy's zone: New
// Year's Eve 23:30 in UTC is already the next year in Amsterdam.
func TestReferenceYearInThePolicyZone(t *testing.T) {
	at := time.Date(2026, time.December, 31, 23, 30, 0, 0, time.UTC)
	in := serviceIntake(at)
	c, err := nlPolicy(t).NewComplaint(in)
	require.NoError(t, err)
	require.Equal(t, 2027, c.Ref.Year)
	c, err = h24Policy(t).NewComplaint(in)
	require.NoError(t, err)
	require.Equal(t, 2026, c.Ref.Year, "without a calendar, the zone of the receipt")
}

func TestReference(t *testing.T) {
	tests := []struct {
		ref  complaint.Reference
		text string
	}{
		{complaint.Reference{Year: 2026, Seq: 42}, "CMP-2026-00042"},
		{complaint.Reference{Year: 2026, Seq: 1234567}, "CMP-2026-1234567"},
		{complaint.Reference{Year: 999, Seq: 1}, "CMP-0999-00001"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			require.Equal(t, tt.text, tt.ref.String())
			got, err := complaint.ParseReference(tt.text)
			require.NoError(t, err)
			require.Equal(t, tt.ref, got)
			b, err := json.Marshal(tt.ref)
			require.NoError(t, err)
			require.Equal(t, `"`+tt.text+`"`, string(b))
			var back complaint.Reference
			require.NoError(t, json.Unmarshal(b, &back))
			require.Equal(t, tt.ref, back)
		})
	}
	got, err := complaint.ParseReference("cmp-2026-7")
	require.NoError(t, err)
	require.Equal(t, complaint.Reference{Year: 2026, Seq: 7}, got)
	for _, bad := range []string{"", "CMP-", "CMP-2026", "CMP-2026-", "CMP-2026-0", "CMP-0-1", "CMP-2026--1", "CMP-+2026-1", "X-2026-1", "CMP-2026-1 ", "CMP-10000-1", "CMP-2026-99999999999"} {
		_, err := complaint.ParseReference(bad)
		require.ErrorIs(t, err, complaint.ErrInvalid, "%q", bad)
	}
	require.Equal(t, "", complaint.Reference{}.String())
	require.True(t, complaint.Reference{}.IsZero())
	require.Equal(t, "Reference{2026 0}", complaint.Reference{Year: 2026}.String())
	_, err = complaint.Reference{Year: 2026}.MarshalText()
	require.ErrorIs(t, err, complaint.ErrInvalid)
	var r complaint.Reference
	require.NoError(t, r.UnmarshalText(nil))
	require.True(t, r.IsZero())
	require.Equal(t, -1, complaint.Reference{Year: 2025, Seq: 9}.Compare(complaint.Reference{Year: 2026, Seq: 1}))
	require.Equal(t, 1, complaint.Reference{Year: 2026, Seq: 10}.Compare(complaint.Reference{Year: 2026, Seq: 9}))
	require.Equal(t, 0, complaint.Reference{Year: 2026, Seq: 9}.Compare(complaint.Reference{Year: 2026, Seq: 9}))
}

// Every small type writes and reads its names, and refuses others.
func TestTextForms(t *testing.T) {
	type textual interface {
		String() string
		MarshalText() ([]byte, error)
	}
	check := func(t *testing.T, v textual, want string, parse func(string) (textual, error)) {
		t.Helper()
		require.Equal(t, want, v.String())
		b, err := v.MarshalText()
		require.NoError(t, err)
		require.Equal(t, want, string(b))
		back, err := parse(strings.ToUpper(want))
		require.NoError(t, err)
		require.Equal(t, v, back)
	}
	for _, tt := range []struct {
		v    complaint.Type
		want string
	}{{complaint.TypeService, "service"}, {complaint.TypeProduct, "product"}, {complaint.TypeGeneral, "general"}} {
		check(t, tt.v, tt.want, func(s string) (textual, error) { return complaint.ParseType(s) })
	}
	for i, want := range []string{"received", "acknowledged", "investigating", "resolved", "rejected", "escalated", "decided", "closed"} {
		check(t, allStates[i], want, func(s string) (textual, error) { return complaint.ParseState(s) })
	}
	for i, want := range []string{"acknowledged", "investigation-started", "contacted", "updated", "extended", "resolved",
		"rejected", "escalated", "reviewer-assigned", "decided", "closed", "feedback-requested", "feedback-given"} {
		check(t, allSteps[i], want, func(s string) (textual, error) { return complaint.ParseEventKind(s) })
	}
	for i, want := range []string{"none", "resolved", "rejected"} {
		check(t, complaint.Outcome(i), want, func(s string) (textual, error) { return complaint.ParseOutcome(s) })
	}

	require.Equal(t, "Type(0)", complaint.Type(0).String())
	require.Equal(t, "State(9)", complaint.State(9).String())
	require.Equal(t, "EventKind(0)", complaint.EventKind(0).String())
	require.Equal(t, "Outcome(3)", complaint.Outcome(3).String())
	_, err := complaint.Type(0).MarshalText()
	require.ErrorIs(t, err, complaint.ErrInvalid)
	_, err = complaint.ParseType("")
	require.ErrorIs(t, err, complaint.ErrInvalid, "the zero type has no name")
	_, err = complaint.ParseState("open")
	require.ErrorIs(t, err, complaint.ErrInvalid)
	var k complaint.EventKind
	require.ErrorIs(t, k.UnmarshalText([]byte("deleted")), complaint.ErrInvalid)
	require.Equal(t, complaint.EventKind(0), k, "unchanged on error")

	// A whole complaint survives JSON, as a host's document store keeps it.
	p := nlPolicy(t)
	c := inState(t, p, complaint.StateClosed)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back complaint.Complaint
	require.NoError(t, json.Unmarshal(b, &back))
	diff(t, "complaint through JSON", c, back)
	require.Contains(t, string(b), `"state":"closed"`)
	require.Contains(t, string(b), `"ref":"CMP-2026-00001"`)
}

func TestActor(t *testing.T) {
	require.Equal(t, "anna (desk)", anna.String())
	require.Equal(t, "", complaint.Actor{}.String())
	require.True(t, complaint.Actor{}.IsZero())
}

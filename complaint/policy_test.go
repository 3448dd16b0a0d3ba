package complaint_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
)

func TestNewPolicy(t *testing.T) {
	tests := []struct {
		name      string
		cfg       complaint.PolicyConfig
		calendars sla.Calendars
		fields    []string // none: valid
	}{
		{name: "zero_config_is_seed_002_on_a_calendar", cfg: complaint.PolicyConfig{Calendar: complaint.OfficeCalendar}, calendars: calendars()},
		{name: "preset_nl", cfg: complaint.PresetNL(), calendars: calendars()},
		{name: "preset_24h_needs_no_calendar", cfg: complaint.Preset24h()},
		{
			name:   "business_days_without_a_calendar",
			cfg:    complaint.PolicyConfig{Acknowledgement: sla.MustParseTarget("24h clock")},
			fields: []string{"Calendar", "Calendar", "Calendar"},
		},
		{
			name: "reminder_lead_of_zero_business_days",
			cfg: func() complaint.PolicyConfig {
				c := complaint.PresetNL()
				c.ReminderLead = sla.Target{Kind: sla.BusinessDays}
				return c
			}(),
			calendars: calendars(),
			fields:    []string{"ReminderLead"},
		},
		{
			name: "reminder_lead_in_business_time_without_a_calendar",
			cfg: func() complaint.PolicyConfig {
				c := complaint.Preset24h()
				c.ReminderLead = sla.MustParseTarget("4h business")
				return c
			}(),
			fields: []string{"Calendar"},
		},
		{
			name: "reminder_lead_invalid",
			cfg: func() complaint.PolicyConfig {
				c := complaint.Preset24h()
				c.ReminderLead = sla.Target{Kind: sla.ClockTime, Duration: -time.Hour}
				return c
			}(),
			fields: []string{"ReminderLead"},
		},
		{
			name:      "unknown_calendar",
			cfg:       complaint.PolicyConfig{Calendar: "hotline"},
			calendars: calendars(),
			fields:    []string{"Calendar"},
		},
		{
			name: "every_problem_at_once",
			cfg: complaint.PolicyConfig{
				Calendar:         complaint.OfficeCalendar,
				Acknowledgement:  sla.Target{Kind: sla.ClockTime},              // no duration
				Resolution:       sla.Target{Kind: sla.BusinessDays, Days: -1}, // negative
				EscalationWindow: sla.Target{Kind: 9, Duration: time.Hour},     // no such kind
				WarnPercent:      101,                                          // over 100
				Required: map[complaint.Type][]complaint.Field{
					complaint.TypeService: {"Colour", complaint.FieldDescription, complaint.FieldDescription},
					complaint.Type(7):     {complaint.FieldName},
				},
			},
			calendars: calendars(),
			fields: []string{"WarnPercent", "Acknowledgement", "Resolution", "EscalationWindow",
				"Required[service][0]", "Required[service][2]", "Required[Type(7)]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := complaint.NewPolicy(tt.cfg, tt.calendars)
			if tt.fields == nil {
				require.NoError(t, err)
				require.NotNil(t, p)
				return
			}
			var ve *complaint.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, complaint.ErrInvalid)
			require.Equal(t, tt.fields, ve.Fields(), "%v", err)
			require.Nil(t, p)
		})
	}
}

// The presets' numbers, and the zero config is the Dutch procedure.
func TestPresets(t *testing.T) {
	nl := nlPolicy(t).Config()
	require.Equal(t, "7 business days", nl.Acknowledgement.String())
	require.Equal(t, "14 business days", nl.Update.String())
	require.Equal(t, "30 business days", nl.Resolution.String())
	require.Equal(t, "20 business days", nl.EscalationWindow.String())
	require.Equal(t, complaint.OfficeCalendar, nl.Calendar)

	zero := policy(t, complaint.PolicyConfig{Calendar: complaint.OfficeCalendar}).Config()
	zero.Name = nl.Name
	diff(t, "zero config against PresetNL", nl, zero)

	h := h24Policy(t)
	require.Equal(t, "24h clock", h.Config().Acknowledgement.String())
	require.Equal(t, "24h acknowledgement", h.Name())
	cfg := h.Config()
	cfg.Required[complaint.TypeService] = nil
	require.NotEmpty(t, h.Required(complaint.TypeService), "Config returns copies")

	cal := office()
	require.Equal(t, "Europe/Amsterdam", cal.Location().String())
	name, ok := cal.Closure(date.New(2026, time.April, 27))
	require.True(t, ok)
	require.Equal(t, "Koningsdag", name)
	require.True(t, cal.IsOpen(ams(2026, time.April, 28, 9, 0)))
	require.False(t, cal.IsOpen(ams(2026, time.April, 28, 17, 0)))
}

// A nil or zero Policy refuses every step with an error instead of
// panicking.
func TestPolicyNotMadeByNewPolicyIsAnError(t *testing.T) {
	c := received(t, nlPolicy(t), ams(2026, 4, 21, 10, 0))
	at := ams(2026, 4, 22, 10, 0)
	for name, p := range map[string]*complaint.Policy{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			_, err := p.NewComplaint(serviceIntake(at))
			require.ErrorIs(t, err, complaint.ErrInvalid)
			_, err = p.Acknowledge(&c, complaint.Actor{ID: "anna", Team: "desk"}, at)
			require.ErrorIs(t, err, complaint.ErrInvalid)
			_, err = p.Timeline(c, at)
			require.ErrorIs(t, err, complaint.ErrInvalid)
			require.ErrorIs(t, p.Extend(&c, complaint.Actor{ID: "anna", Team: "desk"}, at, "why", at.Add(time.Hour)), complaint.ErrInvalid)
		})
	}
	var p *complaint.Policy
	require.Empty(t, p.Name())
	require.Empty(t, p.Required(complaint.TypeService))
}

package policycheck_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
)

// nlPolicy is the Dutch complaints procedure on the Dutch office calendar:
// Mon-Fri 09:00-17:00 Europe/Amsterdam, closed on nl.Holidays.
func nlPolicy(t *testing.T) *complaint.Policy {
	t.Helper()
	office, err := complaint.NLOffice()
	require.NoError(t, err)
	p, err := complaint.NewPolicy(complaint.PresetNL(), sla.Calendars{complaint.OfficeCalendar: office})
	require.NoError(t, err)
	return p
}

// received is a service complaint as it arrives by e-mail, numbered as
// the store would number it.
func received(t *testing.T, p *complaint.Policy, when time.Time) complaint.Complaint {
	t.Helper()
	c, err := p.NewComplaint(complaint.Intake{
		Type:       complaint.TypeService,
		ReceivedAt: when,
		Details:    complaint.Details{TicketNumber: "T-4711", Description: "De technicus is niet gekomen."},
	})
	require.NoError(t, err)
	c.Ref.Seq = 1 // Store.Create numbers it
	return c
}

// deadlines is what the customer is told at the acknowledgement.
type deadlines struct {
	Ack        time.Time // "binnen 7 werkdagen bevestigen"
	AckOnTime  bool
	Update     time.Time // "binnen 14 werkdagen na de eerste bevestiging"
	Resolution time.Time // "binnen 30 werkdagen na de eerste ontvangst"
}

// The Dutch complaints procedure, "Erkenning en tijdlijn": 7, 14 and 30 business days. The rule
// (complaint/doc.go): due at the close (17:00) of the N-th business day
// after the day of receipt; receipt outside opening hours counts as
// receipt at the next opening. Holidays of 2026 on nl.Holidays: Goede
// Vrijdag Fri 3 Apr, Tweede Paasdag Mon 6 Apr, Koningsdag Mon 27 Apr,
// Bevrijdingsdag Tue 5 May, Hemelvaartsdag Thu 14 May, Tweede
// Pinksterdag Mon 25 May, Kerstdagen Fri 25 and Sat 26 Dec, Nieuwjaarsdag
// Fri 1 Jan 2027.
func TestComplaintDeadlinesDutchProcedure(t *testing.T) {
	p := nlPolicy(t)
	desk := complaint.Actor{ID: "anna", Team: "desk"}
	tests := []struct {
		name     string
		received time.Time
		acked    time.Time
		want     deadlines
	}{
		{
			// An ordinary week. Day of receipt Wed 4 Mar.
			// Ack, 7 after Wed 4 Mar: Thu 5, Fri 6, Mon 9, Tue 10, Wed 11,
			// Thu 12, Fri 13 Mar.
			// Update, 14 after Mon 9 Mar: Tue 10 .. Fri 13 (4), Mon 16 ..
			// Fri 20 (9), Mon 23 .. Fri 27 Mar (14).
			// Resolution, 30 after Wed 4 Mar: Fri 13 is 7, Fri 20 is 12,
			// Fri 27 is 17, Mon 30 .. Thu 2 Apr is 21, Good Friday 3 Apr
			// and Easter Monday 6 Apr closed, Tue 7 .. Fri 10 is 25,
			// Mon 13 .. Fri 17 Apr is 30.
			name:     "wednesday_morning_7_14_30_across_easter",
			received: at(2026, 3, 4, 10, 0),
			acked:    at(2026, 3, 9, 14, 0),
			want: deadlines{
				Ack: at(2026, 3, 13, 17, 0), AckOnTime: true,
				Update:     at(2026, 3, 27, 17, 0),
				Resolution: at(2026, 4, 17, 17, 0),
			},
		},
		{
			// Fri 24 Apr 18:00 is after closing; Sat, Sun and Koningsdag
			// Mon 27 Apr are closed, so the day of receipt is Tue 28 Apr.
			// Ack, 7 after Tue 28 Apr: Wed 29, Thu 30, Fri 1 May, Mon 4,
			// Bevrijdingsdag Tue 5 closed, Wed 6, Thu 7, Fri 8 May.
			// Update, 14 after the ack day Tue 28 Apr: Fri 8 May is 7 (as
			// above), Mon 11, Tue 12, Wed 13, Hemelvaartsdag Thu 14 closed,
			// Fri 15, Mon 18, Tue 19, Wed 20 May is 14.
			// Resolution, 30 after Tue 28 Apr: Wed 20 May is 14, Thu 21,
			// Fri 22, Pinkstermaandag Mon 25 closed, Tue 26 .. Fri 29 is
			// 20, Mon 1 .. Fri 5 Jun is 25, Mon 8 .. Fri 12 Jun is 30.
			name:     "friday_evening_before_koningsdag",
			received: at(2026, 4, 24, 18, 0),
			acked:    at(2026, 4, 28, 11, 0),
			want: deadlines{
				Ack: at(2026, 5, 8, 17, 0), AckOnTime: true,
				Update:     at(2026, 5, 20, 17, 0),
				Resolution: at(2026, 6, 12, 17, 0),
			},
		},
		{
			// The same complaint acknowledged late, Mon 11 May 09:00: the
			// ack was due Fri 8 May 17:00.
			// Update, 14 after Mon 11 May: Tue 12, Wed 13, Hemelvaartsdag
			// closed, Fri 15, Mon 18 .. Fri 22 (8), Pinkstermaandag
			// closed, Tue 26 .. Fri 29 (12), Mon 1, Tue 2 Jun (14).
			// Resolution counts from receipt, not from the ack: unchanged.
			name:     "acknowledged_late_update_counts_from_the_ack",
			received: at(2026, 4, 24, 18, 0),
			acked:    at(2026, 5, 11, 9, 0),
			want: deadlines{
				Ack: at(2026, 5, 8, 17, 0), AckOnTime: false,
				Update:     at(2026, 6, 2, 17, 0),
				Resolution: at(2026, 6, 12, 17, 0),
			},
		},
		{
			// Saturday: the day of receipt is Mon 9 Mar.
			// Ack, 7 after Mon 9 Mar: Tue 10 .. Fri 13 (4), Mon 16, Tue 17,
			// Wed 18 Mar.
			// Update, 14 after the ack day Mon 9 Mar: Fri 27 Mar (as in the
			// first row).
			// Resolution, 30 after Mon 9 Mar: Fri 13 is 4, Fri 20 is 9,
			// Fri 27 is 14, Mon 30 .. Thu 2 Apr is 18, Easter closed,
			// Tue 7 .. Fri 10 is 22, Mon 13 .. Fri 17 is 27, Mon 20,
			// Tue 21, Wed 22 Apr is 30.
			name:     "saturday_counts_from_monday",
			received: at(2026, 3, 7, 12, 0),
			acked:    at(2026, 3, 9, 9, 30),
			want: deadlines{
				Ack: at(2026, 3, 18, 17, 0), AckOnTime: true,
				Update:     at(2026, 3, 27, 17, 0),
				Resolution: at(2026, 4, 22, 17, 0),
			},
		},
		{
			// Christmas week. Thu 24 Dec 14:00 is within opening hours
			// (NLOffice has no half days). Kerstdag Fri 25, Sat 26, Sun 27
			// closed; Nieuwjaarsdag Fri 1 Jan closed.
			// Ack, 7 after Thu 24 Dec: Mon 28, Tue 29, Wed 30, Thu 31,
			// Mon 4, Tue 5, Wed 6 Jan 2027.
			// Update, 14 after the ack day Tue 29 Dec: Wed 30, Thu 31,
			// Mon 4 .. Fri 8 (7), Mon 11 .. Fri 15 (12), Mon 18, Tue 19 Jan.
			// Resolution, 30 after Thu 24 Dec: Wed 6 Jan is 7, Thu 7,
			// Fri 8 (9), Mon 11 .. Fri 15 (14), Mon 18 .. Fri 22 (19),
			// Mon 25 .. Fri 29 (24), Mon 1 .. Fri 5 Feb (29), Mon 8 Feb.
			name:     "christmas_eve_across_christmas_and_new_year",
			received: at(2026, 12, 24, 14, 0),
			acked:    at(2026, 12, 29, 10, 0),
			want: deadlines{
				Ack: at(2027, 1, 6, 17, 0), AckOnTime: true,
				Update:     at(2027, 1, 19, 17, 0),
				Resolution: at(2027, 2, 8, 17, 0),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := received(t, p, tt.received)
			a, err := p.Acknowledge(&c, desk, tt.acked)
			require.NoError(t, err)
			got := deadlines{Ack: a.Due, AckOnTime: a.OnTime, Update: a.UpdateDue, Resolution: a.ResolutionDue}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("acknowledgement mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// Before the acknowledgement the timeline already shows both deadlines
// counted from receipt, and whether they are breached at an instant.
func TestComplaintTimelineBeforeAcknowledgement(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, at(2026, 4, 24, 18, 0))
	tests := []struct {
		name         string
		now          time.Time
		wantBreached bool
	}{
		// Due Fri 8 May 17:00 (see the Koningsdag row above).
		{"one_minute_before_the_ack_deadline_is_not_breached", at(2026, 5, 8, 16, 59), false},
		{"at_the_ack_deadline_is_not_breached", at(2026, 5, 8, 17, 0), false},
		{"monday_after_the_ack_deadline_is_breached", at(2026, 5, 11, 9, 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := p.Timeline(c, tt.now)
			require.NoError(t, err)
			if diff := cmp.Diff(at(2026, 5, 8, 17, 0), tl.Acknowledgement.Due); diff != "" {
				t.Errorf("Acknowledgement.Due mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(at(2026, 6, 12, 17, 0), tl.Resolution.Due); diff != "" {
				t.Errorf("Resolution.Due mismatch (-want +got):\n%s", diff)
			}
			require.Equal(t, tt.wantBreached, tl.Acknowledgement.Breached, "Acknowledgement.Breached")
			require.Empty(t, tl.Updates, "no update cycle before the acknowledgement")
		})
	}
}

// "Als we deze tijdlijn niet kunnen halen, zullen we een uitleg en een
// nieuwe oplossingstijdlijn geven": the new deadline is in force, the
// original stays on record.
func TestComplaintExtensionKeepsOriginal(t *testing.T) {
	p := nlPolicy(t)
	desk := complaint.Actor{ID: "anna", Team: "desk"}
	c := received(t, p, at(2026, 4, 24, 18, 0))
	_, err := p.Acknowledge(&c, desk, at(2026, 4, 28, 11, 0))
	require.NoError(t, err)
	noErr(t, p.StartInvestigation(&c, desk, at(2026, 4, 29, 9, 0)))
	newDue := at(2026, 6, 26, 17, 0)
	noErr(t, p.Extend(&c, desk, at(2026, 6, 10, 10, 0), "De leverancier analyseert de omvormer nog.", newDue))

	tl, err := p.Timeline(c, at(2026, 6, 15, 12, 0))
	require.NoError(t, err)
	want := struct{ Due, Original time.Time }{newDue, at(2026, 6, 12, 17, 0)}
	got := struct{ Due, Original time.Time }{tl.Resolution.Due, tl.Resolution.Original.Due}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resolution deadlines mismatch (-want +got):\n%s", diff)
	}
	require.False(t, tl.Resolution.Breached, "Mon 15 Jun is past the original but before the extended deadline")
	require.Len(t, tl.Extensions, 1)
}

// The same procedure checked before anything is stored: the deadlines
// are a function of the receipt alone. The first update counts from the
// acknowledgement, so it is known only "at the latest": for an
// acknowledgement at its own deadline. Acknowledging at that instant is
// on time and keeps the update where a minute earlier would.
func TestComplaintDeadlinesBeforeStoring(t *testing.T) {
	p := nlPolicy(t)
	tests := []struct {
		name       string
		received   time.Time
		ack        time.Time // due
		updateBy   time.Time // at the latest, for an acknowledgement on time
		resolution time.Time
	}{
		{
			// Ack due Fri 13 Mar (as above). Update, 14 after Fri 13 Mar:
			// Mon 16 .. Fri 20 (5), Mon 23 .. Fri 27 (10), Mon 30, Tue 31,
			// Wed 1, Thu 2 Apr (14).
			name: "wednesday_morning", received: at(2026, 3, 4, 10, 0),
			ack: at(2026, 3, 13, 17, 0), updateBy: at(2026, 4, 2, 17, 0), resolution: at(2026, 4, 17, 17, 0),
		},
		{
			// Ack due Fri 8 May (as above). Update, 14 after Fri 8 May:
			// Mon 11, Tue 12, Wed 13, Hemelvaartsdag closed, Fri 15,
			// Mon 18 .. Fri 22 (9), Pinkstermaandag closed, Tue 26 .. Fri
			// 29 (13), Mon 1 Jun (14).
			name: "friday_evening_before_koningsdag", received: at(2026, 4, 24, 18, 0),
			ack: at(2026, 5, 8, 17, 0), updateBy: at(2026, 6, 1, 17, 0), resolution: at(2026, 6, 12, 17, 0),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := p.Deadlines(tt.received)
			require.NoError(t, err)
			require.True(t, d.Acknowledgement.Equal(tt.ack), "acknowledgement due %v", d.Acknowledgement)
			require.True(t, d.Update.Latest.Equal(tt.updateBy), "update at the latest %v", d.Update.Latest)
			require.True(t, d.Resolution.Equal(tt.resolution), "resolution due %v", d.Resolution)
			for _, ackAt := range []time.Time{tt.ack.Add(-time.Minute), tt.ack} {
				due, err := p.UpdateDue(ackAt)
				require.NoError(t, err)
				require.True(t, due.Equal(tt.updateBy), "acknowledged %v: update due %v", ackAt, due)
			}
			late, err := p.UpdateDue(tt.ack.Add(time.Minute))
			require.NoError(t, err)
			require.True(t, late.After(tt.updateBy), "a late acknowledgement moves the update: %v", late)
		})
	}
}

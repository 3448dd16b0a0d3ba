package complainttest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
)

// testLimits stores a complaint with every detail at its documented limit
// (IDs of 128 bytes of multi-byte UTF-8, one-line texts of 1024 bytes,
// descriptions of 64 KiB, 100 files, received on the last day of the year
// 9999): it reads back as made. One step past each limit is refused with
// ErrInvalid before the store is touched, a reference in the year 10000
// is refused by the store, and the complaints stored before stay readable.
func testLimits(t *testing.T, s complaint.Store) {
	ctx := context.Background()
	before := create(t, s, t0)
	id := strings.Repeat("Ä", 64)                                         // 128 bytes
	line := strings.Repeat("ö", 512)                                      // 1024 bytes
	text := strings.Repeat("ü", 32<<10-2) + "\n\t\r\n"                    // 64 KiB
	email := strings.Repeat("a", 1024-len("@example.nl")) + "@example.nl" // 1024 bytes
	files := make([]string, 100)
	for i := range files {
		files[i] = fmt.Sprintf("%03d", i) + strings.Repeat("ß", 62) + "x" // 128 bytes
	}
	received := time.Date(9999, time.December, 31, 23, 59, 59, 0, time.UTC)
	in := complaint.Intake{Type: complaint.TypeProduct, CustomerID: id, ReceivedAt: received, Details: complaint.Details{
		TicketNumber: id, ProductModel: line, SerialNumber: id, Description: text, ResolutionIdea: text,
		Name: line, Email: email, OccurredAt: received, Files: files,
	}}
	c, err := policy.NewComplaint(in)
	require.NoError(t, err)
	got, err := s.Create(ctx, c)
	require.NoError(t, err)
	require.Equal(t, complaint.Reference{Year: 9999, Seq: 1}, got.Ref)
	want := c.Clone()
	want.Ref, want.Version = got.Ref, 1
	diff(t, "read back", want, get(t, s, got.Ref))

	past := func(set func(*complaint.Intake)) complaint.Intake {
		in := in
		in.Details.Files = files
		set(&in)
		return in
	}
	for name, in := range map[string]complaint.Intake{
		"customer_id_of_129_bytes":        past(func(in *complaint.Intake) { in.CustomerID = id + "x" }),
		"ticket_number_of_129_bytes":      past(func(in *complaint.Intake) { in.Details.TicketNumber = id + "x" }),
		"serial_number_of_129_bytes":      past(func(in *complaint.Intake) { in.Details.SerialNumber = id + "x" }),
		"product_model_of_1025_bytes":     past(func(in *complaint.Intake) { in.Details.ProductModel = line + "x" }),
		"name_of_1025_bytes":              past(func(in *complaint.Intake) { in.Details.Name = line + "x" }),
		"email_of_1025_bytes":             past(func(in *complaint.Intake) { in.Details.Email = "a" + email }),
		"description_of_64_KiB_and_1":     past(func(in *complaint.Intake) { in.Details.Description = text + "x" }),
		"resolution_idea_of_64_KiB_and_1": past(func(in *complaint.Intake) { in.Details.ResolutionIdea = text + "x" }),
		"101_files":                       past(func(in *complaint.Intake) { in.Details.Files = append(files[:100:100], "f") }),
		"file_of_129_bytes":               past(func(in *complaint.Intake) { in.Details.Files = []string{files[0] + "x"} }),
		"received_in_10000":               past(func(in *complaint.Intake) { in.ReceivedAt = received.Add(time.Second) }),
		"occurred_after_receipt":          past(func(in *complaint.Intake) { in.Details.OccurredAt = received.Add(time.Nanosecond) }),
	} {
		_, err := policy.NewComplaint(in)
		require.ErrorIs(t, err, complaint.ErrInvalid, name)
	}
	c.Ref.Year = 10000
	_, err = s.Create(ctx, c)
	require.ErrorIs(t, err, complaint.ErrInvalid, "a reference in the year 10000")

	require.Len(t, all(t, s, complaint.Filter{}), 2, "only the complaints accepted were stored")
	diff(t, "the complaint before", before, get(t, s, before.Ref))
	diff(t, "the complaint at the limits", want, get(t, s, got.Ref))
}

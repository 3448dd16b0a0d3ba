package asset_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
)

func d(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

// fieldOf returns the Field of a *asset.ValidationError, "" for nil, and
// fails for any other error.
func fieldOf(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ve *asset.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T), want *asset.ValidationError", err, err)
	}
	if !errors.Is(err, asset.ErrInvalid) {
		t.Errorf("%v does not match ErrInvalid", err)
	}
	if len(ve.Problems) != 1 {
		t.Fatalf("error %v has %d problems, want the first wrong field only", err, len(ve.Problems))
	}
	return ve.Problems[0].Field
}

func diff(t *testing.T, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}

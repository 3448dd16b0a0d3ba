package main

import (
	"bytes"
	"strings"
	"testing"
)

// The README's first command must run to the end and show the scenario.
func TestQuickstartRuns(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Thu 04 Jun 10:00 open: false next opening Fri 05 Jun 09:00", // Fronleichnam is a NW holiday
		"resolution      paused",
		"original due 12 Jun 17:00 met original false", // re-baselined, met the new date only
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

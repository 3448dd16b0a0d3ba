package einvoice_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/einvoice"
)

// validatorEnv names the official validation script (the CII schema, the
// CEN EN 16931 Schematron and the KoSIT XRechnung Schematron); .ci/run
// sets it.
const validatorEnv = "DESKCORE_EINVOICE_VALIDATOR"

// Every kind of invoice the billing run produces validates with no error
// and no warning in CII and UBL: XRechnung for German customers, EN 16931 for the
// Dutch one. The validator is slow to start, so all files go through it
// in one call per profile.
func TestEveryInvoiceKindPassesTheOfficialValidation(t *testing.T) {
	script := os.Getenv(validatorEnv)
	if script == "" {
		t.Skipf("%s is not set: the official EN 16931 and XRechnung checks are skipped (.ci/run sets it to ../shared/einvoice/validate.sh)", validatorEnv)
	}
	dir := t.TempDir()
	files := map[einvoice.Profile][]string{}
	for _, k := range invoiceKinds(t) {
		for _, syntax := range []einvoice.Syntax{einvoice.CII, einvoice.UBL} {
			name := filepath.Join(dir, k.name+"-"+syntax.String()+".xml")
			var buf bytes.Buffer
			require.NoError(t, einvoice.Write(&buf, k.inv, einvoice.Format{Syntax: syntax, Profile: k.profile}))
			require.NoError(t, os.WriteFile(name, buf.Bytes(), 0o600))
			files[k.profile] = append(files[k.profile], name)
		}
	}
	for profile, names := range files {
		args := names
		if profile == einvoice.EN16931 {
			args = append([]string{"--en16931-only"}, names...)
		}
		out, err := exec.Command(script, args...).CombinedOutput()
		t.Logf("%s:\n%s", profile, out)
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, "errors,") || strings.HasPrefix(line, "  ") {
				t.Errorf("%s", strings.TrimPrefix(line, dir+"/"))
			}
		}
		if err != nil {
			t.Errorf("%s validation failed: %v", profile, err)
		}
		if got := strings.Count(string(out), ": ok, 0 warnings"); got != len(names) {
			t.Errorf("%s: %d of %d files ok without warnings", profile, got, len(names))
		}
	}
}

// Reading what Write wrote gives the same invoice and format back, for
// every kind, in both syntaxes and both profiles.
func TestRead_gives_back_what_Write_wrote(t *testing.T) {
	for _, k := range invoiceKinds(t) {
		for _, f := range []einvoice.Format{
			{Syntax: einvoice.CII, Profile: k.profile}, {Syntax: einvoice.UBL, Profile: k.profile},
		} {
			t.Run(k.name+"/"+f.Syntax.String(), func(t *testing.T) {
				var buf bytes.Buffer
				require.NoError(t, einvoice.Write(&buf, k.inv, f))
				got, gotFormat, err := einvoice.Read(&buf)
				require.NoError(t, err)
				require.Equal(t, f, gotFormat)
				if diff := cmp.Diff(k.inv, got, decimalEqual, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("read back (-wrote +read):\n%s", diff)
				}
			})
		}
	}
}

package sqlstore_test

import (
	"context"
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/quota"
)

// many is more rows than one page of a sequence (256), so the sequences
// below read on after the last key of a page.
const many = 300

// keys drains seq and returns key of every value, failing on an error.
func keys[T any, K any](t *testing.T, seq iter.Seq2[T, error], key func(T) K) []K {
	t.Helper()
	var out []K
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, key(v))
	}
	return out
}

// Sequences longer than a page yield every row once, in order, across the
// pages.
func TestSequencesReadOnAfterAPage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t)

		t.Run("contracts_and_entries", func(t *testing.T) {
			s := db.Quota()
			var want []string
			for i := range many {
				id := fmt.Sprintf("K-%04d", i)
				openAccount(t, s, id)
				want = append(want, id)
			}
			require.Equal(t, want, keys(t, s.Contracts(ctx), func(id string) string { return id }))
			require.NoError(t, s.Update(ctx, "K-0000", func(a *quota.Account) error {
				for i := range many {
					if err := adjust(fmt.Sprint("a", i))(a); err != nil {
						return err
					}
				}
				return nil
			}))
			seqs := keys(t, s.Entries(ctx, "K-0000", quota.MustParsePeriod("2026-01"), quota.MustParsePeriod("2026-01")),
				func(e quota.Entry) int64 { return e.Seq })
			require.Len(t, seqs, many+1)
			for i, seq := range seqs {
				require.Equal(t, int64(i+1), seq)
			}
		})

		t.Run("assets_with_their_attributes", func(t *testing.T) {
			s := db.Assets()
			r := asset.Receipt{ID: "WE-1", CustomerID: "c1", Supplier: "s", ReceivedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), ReceivedBy: "mw"}
			var want []string
			for i := range many {
				a := asset.Asset{ID: fmt.Sprintf("a%04d", i), CustomerID: "c1", Kind: asset.KindHardware, Name: "pc",
					Ownership: asset.OwnedByCustomer, Status: asset.StatusReceived, Attributes: []asset.Attribute{{Name: "n", Value: fmt.Sprint(i)}}}
				r.Assets = append(r.Assets, a)
				want = append(want, a.ID+"="+fmt.Sprint(i))
			}
			require.NoError(t, s.AddReceipt(ctx, r))
			require.Equal(t, want, keys(t, s.Assets(ctx, asset.AssetFilter{}), func(a asset.Asset) string {
				return a.ID + "=" + a.Attributes[0].Value
			}))
		})

		t.Run("credentials_and_log", func(t *testing.T) {
			s := db.Assets()
			var want []string
			require.NoError(t, s.Transact(ctx, func(tx asset.VaultTx) error {
				for i := range many {
					id := fmt.Sprintf("cred-%04d", i)
					want = append(want, id)
					if err := tx.PutCredential(ctx, asset.Credential{ID: id, CustomerID: "c1", Name: "x", Version: 1}); err != nil {
						return err
					}
					if _, err := tx.AppendLog(ctx, asset.LogEntry{ActorID: "a", Action: asset.ActionCreate, CredentialID: id}); err != nil {
						return err
					}
				}
				return nil
			}))
			require.Equal(t, want, keys(t, s.Credentials(ctx, "c1"), func(c asset.Credential) string { return c.ID }))
			logged := keys(t, s.Log(ctx, asset.LogFilter{}), func(e asset.LogEntry) string { return e.CredentialID })
			require.Equal(t, want, logged)
		})

		t.Run("complaints_received_at_one_instant", func(t *testing.T) {
			s := db.Complaints()
			policy, err := complaint.NewPolicy(complaint.Preset24h(), nil)
			require.NoError(t, err)
			at := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
			for range many {
				c, err := policy.NewComplaint(complaint.Intake{Type: complaint.TypeService, ReceivedAt: at,
					Details: complaint.Details{TicketNumber: "T-1", Description: "d"}})
				require.NoError(t, err)
				_, err = s.Create(ctx, c)
				require.NoError(t, err)
			}
			seqs := keys(t, s.Complaints(ctx, complaint.Filter{}), func(c complaint.Complaint) int {
				require.Len(t, c.History, 1)
				return c.Ref.Seq
			})
			require.Len(t, seqs, many)
			for i, seq := range seqs {
				require.Equal(t, i+1, seq, "by reference within one instant")
			}
		})
	})
}

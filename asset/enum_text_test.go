package asset_test

import (
	"testing"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/internal/enumtest"
)

// Asset's string enumerations follow the rule of every deskcore
// enumeration: the lowercase name is written and read in any letter case;
// unknown text and undeclared values are a *ValidationError. The empty
// text is refused too, except as the zero Cause, which means "not
// refused".
func TestEnumerationTextForms(t *testing.T) {
	enumtest.Run(t, []string{"unknown", " x", "in use", "1", "\xff"},
		enumtest.Of([]asset.Kind{asset.KindHardware, asset.KindSoftware, asset.KindLicence, asset.KindService}, []string{"hardware", "software", "licence", "service"}, asset.Kind("bogus"), asset.Kind("")),
		enumtest.Of([]asset.Ownership{asset.OwnedByCustomer, asset.RentedFromProvider}, []string{"customer", "rented"}, asset.Ownership("bogus"), asset.Ownership("")),
		enumtest.Of([]asset.Party{asset.PartyCustomer, asset.PartyProvider}, []string{"customer", "provider"}, asset.Party("bogus"), asset.Party("")),
		enumtest.Of([]asset.Status{asset.StatusOrdered, asset.StatusReceived, asset.StatusDelivered, asset.StatusInUse, asset.StatusRetired}, []string{"ordered", "received", "delivered", "in-use", "retired"}, asset.Status("bogus"), asset.Status("")),
		enumtest.Of([]asset.Subject{asset.SubjectWarranty, asset.SubjectLicence}, []string{"warranty", "licence"}, asset.Subject("bogus"), asset.Subject("")),
		enumtest.Of([]asset.RequestStatus{asset.RequestPending, asset.RequestApproved, asset.RequestRejected}, []string{"pending", "approved", "rejected"}, asset.RequestStatus("bogus"), asset.RequestStatus("")),
		enumtest.Of([]asset.Action{asset.ActionCreate, asset.ActionUpdate, asset.ActionRotate, asset.ActionReveal, asset.ActionGrant, asset.ActionRevoke, asset.ActionRequest, asset.ActionApprove, asset.ActionReject}, []string{"create", "update", "rotate", "reveal", "grant", "revoke", "request", "approve", "reject"}, asset.Action("bogus"), asset.Action("")),
		enumtest.Of([]asset.Cause{asset.Cause(""), asset.CauseNoReason, asset.CauseUnknownCredential, asset.CauseUnknownVersion, asset.CauseNotStaff, asset.CauseNotContact, asset.CauseNotAdmin, asset.CauseNoGrant, asset.CauseGrantExpired, asset.CauseGrantRevoked, asset.CauseWrongCustomer, asset.CauseNoRequest, asset.CauseRequestPending, asset.CauseRequestRejected, asset.CauseApprovalExpired, asset.CauseSealBroken}, []string{"", "no-reason", "unknown-credential", "unknown-version", "not-staff", "not-contact", "not-admin", "no-grant", "grant-expired", "grant-revoked", "wrong-customer", "no-request", "request-pending", "request-rejected", "approval-expired", "seal-broken"}, asset.Cause("bogus")),
	)
}

func TestEnumerationsRefuseTheEmptyText(t *testing.T) {
	var k asset.Kind
	var o asset.Ownership
	var s asset.Status
	for _, u := range []interface{ UnmarshalText([]byte) error }{&k, &o, &s} {
		if err := u.UnmarshalText(nil); err == nil {
			t.Errorf("%T accepted the empty text", u)
		}
	}
}

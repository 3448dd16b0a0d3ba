package actor_test

import (
	"encoding/json"
	"testing"

	"github.com/deskcore/deskcore/actor"
	"github.com/deskcore/deskcore/internal/enumtest"
)

// The kind of an actor follows the rule of every deskcore enumeration;
// the zero Kind, unset, is the empty text.
func TestKindTextForms(t *testing.T) {
	enumtest.Run(t, []string{"unknown", " staff", "1", "\xff"},
		enumtest.Of([]actor.Kind{0, actor.Staff, actor.Contact, actor.System}, []string{"", "staff", "contact", "system"}, 4, 255),
	)
}

func TestActor(t *testing.T) {
	tests := []struct {
		name   string
		a      actor.Actor
		text   string
		zero   bool
		json   string
		author bool // holds the role "credential-admin"
	}{
		{"nobody", actor.Actor{}, "", true, `{"ID":""}`, false},
		{"staff_in_a_team", actor.Actor{Kind: actor.Staff, ID: "eva", Team: "service"}, "eva (service)", false, `{"Kind":"staff","ID":"eva","Team":"service"}`, false},
		{"admin", actor.Actor{Kind: actor.Staff, ID: "max", Roles: []string{"technician", "credential-admin"}}, "max", false, `{"Kind":"staff","ID":"max","Roles":["technician","credential-admin"]}`, true},
		{"mail_sender_known_by_address", actor.Actor{Kind: actor.Contact, Address: "anna@wdf.example"}, "anna@wdf.example", false, `{"Kind":"contact","ID":"","Address":"anna@wdf.example"}`, false},
		{"contact_of_a_customer", actor.Actor{Kind: actor.Contact, ID: "kd-7", CustomerID: "C-1"}, "kd-7", false, `{"Kind":"contact","ID":"kd-7","CustomerID":"C-1"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.String(); got != tt.text {
				t.Errorf("String() = %q, want %q", got, tt.text)
			}
			if got := tt.a.IsZero(); got != tt.zero {
				t.Errorf("IsZero() = %v, want %v", got, tt.zero)
			}
			if got := tt.a.HasRole("credential-admin"); got != tt.author {
				t.Errorf("HasRole(credential-admin) = %v, want %v", got, tt.author)
			}
			if tt.a.HasRole("") {
				t.Error("the empty role is held")
			}
			b, err := json.Marshal(tt.a)
			if err != nil || string(b) != tt.json {
				t.Fatalf("JSON %s, %v; want %s", b, err, tt.json)
			}
			var back actor.Actor
			if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tt.a) {
				t.Errorf("JSON reads back as %+v, %v", back, err)
			}
		})
	}
	a := actor.Actor{Kind: actor.Staff, ID: "eva", Roles: []string{"x"}}
	for _, b := range []actor.Actor{{Kind: actor.Staff, ID: "eva"}, {Kind: actor.Contact, ID: "eva", Roles: []string{"x"}}, {Kind: actor.Staff, ID: "eva", Team: "t", Roles: []string{"x"}}} {
		if a.Equal(b) {
			t.Errorf("%+v equals %+v", a, b)
		}
	}
}

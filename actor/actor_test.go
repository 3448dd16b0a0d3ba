package actor_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/deskcore/deskcore/actor"
	"github.com/deskcore/deskcore/internal/enumtest"
	"github.com/deskcore/deskcore/validation"
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
		{"nobody", actor.Actor{}, "", true, `{}`, false},
		{"staff_in_a_team", actor.Actor{Kind: actor.Staff, ID: "eva", Team: "service"}, "eva (service)", false, `{"kind":"staff","id":"eva","team":"service"}`, false},
		{"admin", actor.Actor{Kind: actor.Staff, ID: "max", Roles: []string{"technician", "credential-admin"}}, "max", false, `{"kind":"staff","id":"max","roles":["technician","credential-admin"]}`, true},
		{"mail_sender_known_by_address", actor.Actor{Kind: actor.Contact, Address: "anna@wdf.example"}, "anna@wdf.example", false, `{"kind":"contact","address":"anna@wdf.example"}`, false},
		{"contact_of_a_customer", actor.Actor{Kind: actor.Contact, ID: "kd-7", CustomerID: "C-1"}, "kd-7", false, `{"kind":"contact","id":"kd-7","customerId":"C-1"}`, false},
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
	for _, bad := range []string{`{"person":"eva"}`, `{"kind":"boss"}`, `{"id":1}`, `[]`} {
		got := actor.Actor{ID: "keep"}
		var ve *validation.Error
		if err := json.Unmarshal([]byte(bad), &got); !errors.As(err, &ve) || got.ID != "keep" {
			t.Errorf("JSON %s: error %v, actor %+v; want a *validation.Error and no change", bad, err, got)
		}
	}
	a := actor.Actor{Kind: actor.Staff, ID: "eva", Roles: []string{"x"}}
	for _, b := range []actor.Actor{{Kind: actor.Staff, ID: "eva"}, {Kind: actor.Contact, ID: "eva", Roles: []string{"x"}}, {Kind: actor.Staff, ID: "eva", Team: "t", Roles: []string{"x"}}} {
		if a.Equal(b) {
			t.Errorf("%+v equals %+v", a, b)
		}
	}
}

// Any input either reads as an actor that writes back to the same actor,
// or is refused with a *validation.Error.
func FuzzActorJSON(f *testing.F) {
	for _, s := range []string{`{}`, `{"kind":"staff","id":"eva","team":"service"}`, `{"roles":["a"]}`, `{"kind":"Contact"}`, `null`, `{"id":"\u0000"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var a actor.Actor
		if err := json.Unmarshal([]byte(s), &a); err != nil {
			var ve *validation.Error
			var se *json.SyntaxError
			if !errors.As(err, &ve) && !errors.As(err, &se) {
				t.Fatalf("%q: error %v (%T) is neither a validation nor a syntax error", s, err, err)
			}
			return
		}
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("%+v does not write: %v", a, err)
		}
		var back actor.Actor
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(a) {
			t.Fatalf("%+v wrote %s, which reads back as %+v, %v", a, b, back, err)
		}
	})
}

package actor_test

import (
	"encoding/json"
	"fmt"

	"github.com/deskcore/deskcore/actor"
)

// A technician of the service team, as the host's directory knows her,
// written in the JSON form every deskcore value has.
func ExampleActor() {
	lena := actor.Actor{Kind: actor.Staff, ID: "lena", Team: "service", Roles: []string{"technician"}}
	b, err := json.Marshal(lena)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	fmt.Println(lena.HasRole("technician"), lena.HasRole("admin"))
	// Output:
	// {"kind":"staff","id":"lena","team":"service","roles":["technician"]}
	// true false
}

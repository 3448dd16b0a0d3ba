package sqlstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/billing/dunning/dunningtest"
)

func TestDunningStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dunningtest.TestStore(t, func(t *testing.T) dunning.Store { return e.open(t).Dunning() })
	})
}

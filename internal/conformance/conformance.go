package conformance

import (
	"sync"
	"testing"
)

// Check is one check of a suite: a name that says the rule and the
// function that checks it on a new, empty store.
type Check[S any] struct {
	Name string
	Run  func(t *testing.T, s S)
}

// Group is a named list of checks.
type Group[S any] struct {
	Name   string
	Checks []Check[S]
}

// Run runs every check of every group as the subtest group/check, one
// after another, each on its own store from newStore.
func Run[S any](t *testing.T, newStore func(t *testing.T) S, groups ...Group[S]) {
	t.Helper()
	for _, g := range groups {
		t.Run(g.Name, func(t *testing.T) {
			for _, c := range g.Checks {
				t.Run(c.Name, func(t *testing.T) { c.Run(t, newStore(t)) })
			}
		})
	}
}

// Race runs fn(0) to fn(n-1) in n goroutines released at once, the way a
// suite makes concurrent writers meet, and waits for all of them.
func Race(n int, fn func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			fn(i)
		}()
	}
	close(start)
	wg.Wait()
}

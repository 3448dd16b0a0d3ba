package conformance

import (
	"slices"
	"sync"
	"testing"
)

// Every check runs once, in order, named group/check, on a store of its own.
func TestRun(t *testing.T) {
	var ran []string
	stores := 0
	newStore := func(*testing.T) *int { stores++; n := stores; return &n }
	check := func(name string) Check[*int] {
		return Check[*int]{name, func(t *testing.T, s *int) {
			ran = append(ran, t.Name())
			if *s != len(ran) {
				t.Errorf("%s ran on store %d, want a new one (%d)", t.Name(), *s, len(ran))
			}
		}}
	}
	t.Run("suite", func(t *testing.T) {
		Run(t, newStore, Group[*int]{"a", []Check[*int]{check("one"), check("two")}}, Group[*int]{"b", []Check[*int]{check("three")}})
	})
	want := []string{"TestRun/suite/a/one", "TestRun/suite/a/two", "TestRun/suite/b/three"}
	if !slices.Equal(ran, want) {
		t.Errorf("ran %v, want %v", ran, want)
	}
}

// Every goroutine runs, and they are all started before any finishes:
// each waits until all n have arrived.
func TestRace(t *testing.T) {
	const n = 8
	var arrived sync.WaitGroup
	arrived.Add(n)
	ran := make([]bool, n)
	Race(n, func(i int) {
		arrived.Done()
		arrived.Wait()
		ran[i] = true
	})
	for i, ok := range ran {
		if !ok {
			t.Errorf("fn(%d) did not run", i)
		}
	}
}

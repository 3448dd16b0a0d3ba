package sweep

import (
	"fmt"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

// domainDirs are the packages the sweep covers, relative to this one.
var domainDirs = []string{"sla", "ticket", "billing", "billing/dunning", "quota", "complaint", "asset"}

// TestTablesListTheWholeAPI fails when a domain package gains an exported
// function or type that the sweep's tables do not list, and prints the
// lines to add, so the sweep stays current as the API grows.
func TestTablesListTheWholeAPI(t *testing.T) {
	declared := map[string]bool{}
	for _, dir := range domainDirs {
		fs, ts := exportedAPI(t, filepath.Join("..", "..", dir))
		for _, f := range fs {
			declared[f] = true
			if _, ok := funcs[f]; !ok {
				t.Errorf("funcs lacks %s; add\n\t%q: %s,", f, f, f)
			}
		}
		for _, ty := range ts {
			if _, ok := types[ty]; !ok {
				t.Errorf("types lacks %s; add\n\t%q: reflect.TypeFor[%s](),", ty, ty, ty)
			}
		}
	}
	for name := range funcs {
		if !declared[name] {
			t.Errorf("funcs lists %s, which is no longer an exported function", name)
		}
	}
}

// errorType is the error interface.
var errorType = reflect.TypeFor[error]()

// nilReceiverExempt says which methods the sweep does not call on a nil
// pointer, as the standard library does not guard them either: decoding
// into a nil pointer ((*time.Time)(nil).UnmarshalText panics too, and
// encoding/json refuses a nil pointer before calling it), and the methods
// of error types, whose values the library makes and never takes as
// input.
func nilReceiverExempt(ptr reflect.Type, method string) bool {
	return ptr.Implements(errorType) || method == "UnmarshalText" || method == "UnmarshalJSON"
}

// TestNoPanicOnZeroValuesAndNil calls every exported function with zero
// arguments (nil pointers, nil funcs, nil interfaces, empty strings, zero
// times), and every method on a zero value, on a pointer to a zero value
// and on a nil pointer, and ranges over any iterator returned. Must
// functions are left out: they panic by contract.
func TestNoPanicOnZeroValuesAndNil(t *testing.T) {
	for _, name := range sortedKeys(funcs) {
		if strings.HasPrefix(name[strings.Index(name, ".")+1:], "Must") {
			continue
		}
		call(t, name, reflect.ValueOf(funcs[name]))
	}
	for _, name := range sortedKeys(types) {
		typ := types[name]
		if typ.Kind() == reflect.Interface {
			continue // no implementation to call
		}
		ptr := reflect.PointerTo(typ)
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			call(t, name+"{}."+m.Name, reflect.Zero(typ).Method(i))
		}
		for i := range ptr.NumMethod() {
			m := ptr.Method(i)
			call(t, "(&"+name+"{})."+m.Name, reflect.New(typ).Method(i))
			if _, onValue := typ.MethodByName(m.Name); onValue || nilReceiverExempt(ptr, m.Name) {
				continue // Go itself panics on a value method through a nil pointer
			}
			call(t, "(*"+name+")(nil)."+m.Name, reflect.Zero(ptr).Method(i))
		}
	}
}

// call calls fn with zero arguments and fails the test if it panics or
// does not return within a few seconds.
func call(t *testing.T, name string, fn reflect.Value) {
	t.Helper()
	if strings.HasPrefix(name[strings.LastIndex(name, ".")+1:], "Must") {
		return
	}
	ft := fn.Type()
	args := make([]reflect.Value, ft.NumIn())
	for i := range args {
		args[i] = reflect.Zero(ft.In(i))
	}
	done := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Sprintf("panics: %v\n%s", r, debug.Stack())
			}
		}()
		var outs []reflect.Value
		if ft.IsVariadic() {
			outs = fn.CallSlice(args)
		} else {
			outs = fn.Call(args)
		}
		for _, out := range outs {
			rangeOver(out)
		}
		done <- ""
	}()
	select {
	case msg := <-done:
		if msg != "" {
			t.Errorf("%s with zero arguments %s", name, msg)
		}
	case <-time.After(5 * time.Second):
		t.Errorf("%s with zero arguments does not return", name)
	}
}

// rangeOver drives a returned iterator (a func taking a yield func) to its
// end.
func rangeOver(v reflect.Value) {
	if v.Kind() != reflect.Func || v.IsNil() || v.Type().NumIn() != 1 || v.Type().In(0).Kind() != reflect.Func {
		return
	}
	yt := v.Type().In(0)
	yield := reflect.MakeFunc(yt, func([]reflect.Value) []reflect.Value {
		outs := make([]reflect.Value, yt.NumOut())
		for i := range outs {
			outs[i] = reflect.Zero(yt.Out(i))
			if yt.Out(i).Kind() == reflect.Bool {
				outs[i] = reflect.ValueOf(true).Convert(yt.Out(i))
			}
		}
		return outs
	})
	v.Call([]reflect.Value{yield})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Package scenario is the fixed month the document tests render: a
// customer with two branches, every kind of billing decision, a quota
// statement and a complaint that is escalated.
//
//	r := scenario.Report(6) // June's service report of six entries
//	v, err := document.NewServiceReport(r, scenario.Contract.Units, scenario.Options(document.German))
package scenario

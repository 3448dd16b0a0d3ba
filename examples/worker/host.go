package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// hostFile is what the worker needs of the host's records that the
// library's stores do not keep: the business calendar, per customer who
// is told about tickets, the needs analysis, and for the dunning run the
// base rates and where the ERP exports its open items. It is read once,
// at start: restart the worker (SIGTERM lets running jobs finish) after
// editing it. testdata/host.json is an example.
type hostFile struct {
	Calendar struct {
		// Week is the opening hours, e.g. "Mon-Fri 09:00-17:00".
		Week string `json:"week"`
		// Holidays are the public holidays by ISO 3166 code: "DE"
		// (national), "DE-NW" (a German state with its own), "NL".
		Holidays []string `json:"holidays"`
		// Closed are the company's own closing days, YYYY-MM-DD.
		Closed []string `json:"closed"`
	} `json:"calendar"`
	Customers []hostCustomer `json:"customers"`
	// Complaints names the complaints procedure on the business
	// calendar: "nl" (acknowledgement within 7 business days, update
	// within 14 after it, resolution within 30) or "24h"
	// (acknowledgement within 24 hours); "" runs no reminders.
	Complaints string `json:"complaints"`
	Dunning    *struct {
		// OpenItems is the ERP's export of open invoices, one
		// dunning.OpenInvoice JSON document a line, read at each run;
		// a relative path is taken from the host file's folder.
		OpenItems string `json:"openItems"`
		// BaseRates are the base rates of BGB § 247 as the Deutsche
		// Bundesbank publishes them: the rate from each date on.
		BaseRates []struct {
			From    string `json:"from"`
			Percent string `json:"percent"`
		} `json:"baseRates"`
		// FallbackContact takes disputes of customers without an
		// account manager.
		FallbackContact string `json:"fallbackContact"`
	} `json:"dunning"`
}

// hostCustomer is one customer's part of the host file.
type hostCustomer struct {
	ID string `json:"id"`
	// NewTickets and StatusChanges are who the customer wants told
	// about new tickets and status changes.
	NewTickets    []string `json:"newTickets"`
	StatusChanges []string `json:"statusChanges"`
	// ServiceLevels are told when a ticket's response or resolution
	// nears or misses its deadline: the service team, the account
	// manager.
	ServiceLevels []string `json:"serviceLevels"`
	// Agreement is the customer's response and resolution times, a
	// policy per ticket priority named as the priority ("low",
	// "normal", "high", "critical") with the targets "first response"
	// and "resolution" on the calendar "office" (the business
	// calendar) or in clock time. None: no service levels are watched.
	Agreement []sla.PolicyConfig `json:"agreement"`
	// Checklist is the customer's needs analysis: the recurring checks
	// that become maintenance tickets.
	Checklist []ticket.ChecklistItem `json:"checklist"`
}

// host is the host file, checked and compiled.
type host struct {
	calendar   *sla.Calendar
	customers  map[string]hostCustomer
	checklists []ticket.Checklist
	agreements map[string]ticket.Agreements // by customer
	complaints *complaint.Policy            // nil without a procedure
	dunning    *dunning.Policy              // nil without a dunning section
	openItems  string
}

// regions are the holiday lists a host file may name.
var regions = map[string][]*cal.Holiday{
	"DE": de.Holidays, "DE-BW": de.HolidaysBW, "DE-BY": de.HolidaysBY, "DE-BE": de.HolidaysBE,
	"DE-BB": de.HolidaysBB, "DE-HB": de.HolidaysHB, "DE-HH": de.HolidaysHH, "DE-HE": de.HolidaysHE,
	"DE-MV": de.HolidaysMV, "DE-NI": de.HolidaysNI, "DE-NW": de.HolidaysNW, "DE-RP": de.HolidaysRP,
	"DE-SL": de.HolidaysSL, "DE-SN": de.HolidaysSN, "DE-ST": de.HolidaysST, "DE-SH": de.HolidaysSH,
	"DE-TH": de.HolidaysTH, "NL": nl.Holidays,
}

// readHost reads and checks the host file at path for the business
// zone; every mistake is an error naming its place, before any job runs.
func readHost(path string, zone string) (*host, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f hostFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	h := &host{customers: map[string]hostCustomer{}, agreements: map[string]ticket.Agreements{}}
	cfg := sla.Config{Zone: zone}
	if cfg.Week, err = sla.ParseWeek(f.Calendar.Week); err != nil {
		return nil, fmt.Errorf("%s: calendar.week: %w", path, err)
	}
	for _, code := range f.Calendar.Holidays {
		list, ok := regions[strings.ToUpper(code)]
		if !ok {
			return nil, fmt.Errorf("%s: calendar.holidays: %q is none of %s", path, code, strings.Join(slices.Sorted(maps.Keys(regions)), ", "))
		}
		cfg.Holidays = append(cfg.Holidays, list...)
	}
	for _, s := range f.Calendar.Closed {
		d, err := date.Parse(date.ISO8601, s)
		if err != nil {
			return nil, fmt.Errorf("%s: calendar.closed: %w", path, err)
		}
		cfg.Exceptions = append(cfg.Exceptions, sla.ClosedOn("closed", d)...)
	}
	if h.calendar, err = sla.NewCalendar(cfg); err != nil {
		return nil, fmt.Errorf("%s: calendar: %w", path, err)
	}
	office := sla.Calendars{complaint.OfficeCalendar: h.calendar}
	switch f.Complaints {
	case "":
	case "nl", "24h":
		preset := complaint.PresetNL()
		if f.Complaints == "24h" {
			preset = complaint.Preset24h()
			preset.Calendar = complaint.OfficeCalendar // deadlines shown in the business's zone
		}
		if h.complaints, err = complaint.NewPolicy(preset, office); err != nil {
			return nil, fmt.Errorf("%s: complaints: %w", path, err)
		}
	default:
		return nil, fmt.Errorf("%s: complaints: %q is neither \"nl\" nor \"24h\"", path, f.Complaints)
	}
	for i, c := range f.Customers {
		if c.ID == "" {
			return nil, fmt.Errorf("%s: customers[%d]: no id", path, i)
		}
		if _, dup := h.customers[c.ID]; dup {
			return nil, fmt.Errorf("%s: customers[%d]: %q twice", path, i, c.ID)
		}
		h.customers[c.ID] = c
		if len(c.Agreement) > 0 {
			ag := sla.Agreement{Name: c.ID, Policies: map[string]*sla.Policy{}}
			for j, pc := range c.Agreement {
				p, err := sla.NewPolicy(pc, office)
				if err != nil {
					return nil, fmt.Errorf("%s: customers[%d].agreement[%d]: %w", path, i, j, err)
				}
				ag.Policies[pc.Name] = p
			}
			h.agreements[c.ID] = ticket.Agreements{Default: ag}
		}
		if len(c.Checklist) > 0 {
			h.checklists = append(h.checklists, ticket.Checklist{CustomerID: c.ID, Items: c.Checklist})
		}
	}
	if f.Dunning != nil {
		var rates []dunning.BaseRate
		for i, r := range f.Dunning.BaseRates {
			from, err := date.Parse(date.ISO8601, r.From)
			if err != nil {
				return nil, fmt.Errorf("%s: dunning.baseRates[%d].from: %w", path, i, err)
			}
			pct, err := decimal.NewFromString(r.Percent)
			if err != nil {
				return nil, fmt.Errorf("%s: dunning.baseRates[%d].percent: %w", path, i, err)
			}
			rates = append(rates, dunning.BaseRate{From: from, Percent: pct})
		}
		p := dunning.GermanPolicy(h.calendar, rates, f.Dunning.FallbackContact)
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("%s: dunning: %w", path, err)
		}
		if f.Dunning.OpenItems == "" {
			return nil, fmt.Errorf("%s: dunning.openItems: the ERP's export of open invoices is required", path)
		}
		h.dunning, h.openItems = &p, f.Dunning.OpenItems
		if !filepath.IsAbs(h.openItems) {
			h.openItems = filepath.Join(filepath.Dir(path), h.openItems)
		}
	}
	return h, nil
}

// ContactByEmail implements ticket.Directory: the worker opens no
// tickets from mail, so it knows no senders.
func (h *host) ContactByEmail(context.Context, string) (ticket.Contact, error) {
	return ticket.Contact{}, ticket.ErrNotFound
}

// Recipients implements ticket.Directory from the host file; a customer
// not in it is told nothing.
func (h *host) Recipients(_ context.Context, customerID string) (ticket.Recipients, error) {
	c := h.customers[customerID]
	return ticket.Recipients{NewTickets: c.NewTickets, StatusChanges: c.StatusChanges, ServiceLevels: c.ServiceLevels}, nil
}

// Agreements returns the customer's service levels; the zero
// Agreements, watched for nothing, for a customer without any.
func (h *host) Agreements(_ context.Context, customerID string) (ticket.Agreements, error) {
	return h.agreements[customerID], nil
}

// Checklists yields the customers' needs analyses.
func (h *host) Checklists(context.Context) iter.Seq2[ticket.Checklist, error] {
	return func(yield func(ticket.Checklist, error) bool) {
		for _, c := range h.checklists {
			if !yield(c, nil) {
				return
			}
		}
	}
}

// OpenInvoices reads the ERP's export of open items afresh, one
// dunning.OpenInvoice a line (blank lines skipped). A line that is not
// one ends the list with an error naming the line and the field.
func (h *host) OpenInvoices(ctx context.Context, _ date.Date) iter.Seq2[dunning.OpenInvoice, error] {
	return func(yield func(dunning.OpenInvoice, error) bool) {
		f, err := os.Open(h.openItems)
		if err != nil {
			yield(dunning.OpenInvoice{}, err)
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		for n := 1; sc.Scan(); n++ {
			if err := ctx.Err(); err != nil {
				yield(dunning.OpenInvoice{}, err)
				return
			}
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			var inv dunning.OpenInvoice
			if err := json.Unmarshal(line, &inv); err != nil {
				yield(dunning.OpenInvoice{}, fmt.Errorf("%s line %d: %w", h.openItems, n, err))
				return
			}
			if !yield(inv, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(dunning.OpenInvoice{}, fmt.Errorf("%s: %w", h.openItems, err))
		}
	}
}

package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress shows how far a run is: a bar redrawn in place with \r on a
// terminal, and on anything else (a log file, CI) a plain line at every
// tenth of the contracts, so a log stays short and readable. A nil
// *progress shows nothing.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	terminal bool
	total    int
	began    time.Time
	start0   int       // contracts already done when the run began
	last     time.Time // the last redraw of the bar
	nextLine int       // the count at which the next plain line is due
	now      func() time.Time
}

// newProgress writes to w, as a bar if w is a terminal.
func newProgress(w io.Writer) *progress {
	return &progress{w: w, terminal: isTerminal(w), now: time.Now}
}

// isTerminal reports whether w is a character device (a terminal), the
// test the standard library leaves to the caller.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) start(total int, t tally) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total, p.began, p.start0 = total, p.now(), t.done()
	p.nextLine = t.done() + p.step()
	if !p.terminal {
		fmt.Fprintf(p.w, "%d contracts, %d done before this run\n", total, t.done())
		return
	}
	p.draw(t)
}

// step is the count between two plain lines: a tenth of the contracts.
func (p *progress) step() int { return max(p.total/10, 1) }

func (p *progress) update(t tally) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	done := t.done()
	if !p.terminal {
		if done >= p.nextLine || done == p.total {
			fmt.Fprintln(p.w, p.line(t))
			for p.nextLine <= done {
				p.nextLine += p.step()
			}
		}
		return
	}
	// Redrawing for every contract would cost more than closing it.
	if now := p.now(); done == p.total || now.Sub(p.last) >= 100*time.Millisecond {
		p.last = now
		p.draw(t)
	}
}

// finish ends the bar's line.
func (p *progress) finish() {
	if p == nil || !p.terminal {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w)
}

func (p *progress) draw(t tally) {
	const width = 30
	filled := 0
	if p.total > 0 {
		filled = width * t.done() / p.total
	}
	fmt.Fprintf(p.w, "\r[%s%s] %s", strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.line(t))
}

// line is the counts and the rate of this run.
func (p *progress) line(t tally) string {
	rate := 0.0
	if s := p.now().Sub(p.began).Seconds(); s > 0 {
		rate = float64(t.done()-p.start0) / s
	}
	return fmt.Sprintf("%d/%d  closed %d  already closed %d  out of term %d  failed %d  %.0f/s",
		t.done(), p.total, t.Closed, t.AlreadyClosed, t.OutOfTerm, t.Failed, rate)
}

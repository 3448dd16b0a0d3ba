package quota

import (
	"context"
	"errors"
	"iter"
	"slices"
)

// BatchStore is a Store that can also update many accounts in one
// transaction. It is optional: a Ledger on a plain Store does the same
// work one account at a time. Month-end (CloseAll, CloseContracts) and
// ConsumeMany use it when the store has it; on a database that is one
// round trip per statement for a whole batch instead of one transaction
// per contract.
type BatchStore interface {
	Store

	// UpdateBatch runs fn on each account named in ids inside one
	// transaction, and writes back every account for which fn returned
	// nil as Update would (Version + 1, Pending cleared, its Pending
	// entries inserted), atomically. ids holds no ID twice.
	//
	// The result has one error per ID, in the order of ids: nil for an
	// account written; fn's error unchanged for an account fn refused (it
	// is not written); an error matching ErrNotFound for an unknown
	// contract, ErrDuplicateKey for an account whose pending entries
	// carry a key booked on the contract already or twice among them (it
	// is not written). The second result is an error of the batch as a
	// whole (a lost connection, a cancelled context, ErrConflict when an
	// optimistic store lost a race): then nothing is written and the
	// first result is nil.
	//
	// fn follows Update's rules: it gets a value that shares nothing with
	// the stored state, must not call the store, changes neither Version
	// nor Contract.ID, and may run more than once for an account.
	// Concurrent batches and Updates of the same contracts must not both
	// win, as for Update.
	UpdateBatch(ctx context.Context, ids []string, fn func(*Account) error) ([]error, error)
}

// defaultBatchSize is how many contracts a Ledger hands a BatchStore at
// once when Config.BatchSize is zero.
const defaultBatchSize = 500

// Posting is a consumption booked on a contract, one item of
// Ledger.ConsumeMany.
type Posting struct {
	ContractID string
	Consumption
}

// PostResult is what ConsumeMany did with one posting: the entry booked
// (or booked before under its key), or why it was refused.
type PostResult struct {
	Entry Entry
	Err   error
}

// ConsumeMany books many consumptions, with the result of calling
// Consume for each in turn: one result per posting, in their order, each
// with the entry or the error Consume would return. Postings of one
// contract are booked in their order.
//
// On a BatchStore the postings go to the store in batches of
// Config.BatchSize contracts, one UpdateBatch each. A posting the batch
// refuses (its key was booked before, an overdraft, a date out of term,
// a lost race) and a second posting of the same key in the call are then
// tried again alone through Consume, so a retry still returns the
// original entry and a reused key still gives a *KeyConflictError. On a
// plain Store ConsumeMany is Consume in a loop.
func (l *Ledger) ConsumeMany(ctx context.Context, ps []Posting) []PostResult {
	res := make([]PostResult, len(ps))
	if err := l.ready(); err != nil {
		for i := range res {
			res[i].Err = err
		}
		return res
	}
	bs, ok := l.store.(BatchStore)
	if !ok {
		for i, p := range ps {
			res[i].Entry, res[i].Err = l.Consume(ctx, p.ContractID, p.Consumption)
		}
		return res
	}
	type key struct{ contract, key string }
	// alone are the postings to try through Consume after the batches.
	var alone []int
	seen := make(map[key]bool, len(ps))
	byContract := map[string][]int{}
	var ids []string
	for i, p := range ps {
		if err := p.Validate(); err != nil {
			res[i].Err = err
			continue
		}
		k := key{p.ContractID, p.Key}
		if seen[k] {
			alone = append(alone, i)
			continue
		}
		seen[k] = true
		if _, ok := byContract[p.ContractID]; !ok {
			ids = append(ids, p.ContractID)
		}
		byContract[p.ContractID] = append(byContract[p.ContractID], i)
	}
	for batch := range slices.Chunk(ids, l.batchSize) {
		errs, err := l.updateBatch(ctx, bs, batch, func(a *Account) error {
			booked := false
			for _, i := range byContract[a.Contract.ID] {
				res[i].Entry, res[i].Err = a.Consume(ps[i].Consumption)
				booked = booked || res[i].Err == nil
			}
			if !booked {
				return errUnchanged
			}
			return nil
		})
		for n, id := range batch {
			if err == nil && (errs[n] == nil || errors.Is(errs[n], errUnchanged)) {
				// Written, or every posting refused: the refused ones
				// go alone.
				for _, i := range byContract[id] {
					if res[i].Err != nil {
						alone = append(alone, i)
					}
				}
				continue
			}
			for _, i := range byContract[id] {
				res[i] = PostResult{}
				alone = append(alone, i)
			}
		}
	}
	slices.Sort(alone)
	for _, i := range alone {
		res[i].Entry, res[i].Err = l.Consume(ctx, ps[i].ContractID, ps[i].Consumption)
	}
	return res
}

// CloseContracts closes period p for the contracts named, with the
// results CloseAll yields for them: one per contract, more for a contract
// caught up over several periods, in the order of ids. On a BatchStore
// the usual case (p is the open period) is one UpdateBatch per
// Config.BatchSize contracts; contracts closed before, behind, or refused
// by the batch are then closed one at a time as Close would. A billing
// job that splits its contracts between workers gives each a slice.
//
// An error on one contract is yielded with that contract's ID and Period
// in the result, and the run goes on. With Config.Today, a period not
// yet over is refused once, with ErrPeriodRunning, before any contract
// is touched. Each iteration of the returned sequence is a new run.
func (l *Ledger) CloseContracts(ctx context.Context, p Period, ids []string) iter.Seq2[CloseResult, error] {
	return func(yield func(CloseResult, error) bool) {
		if err := l.ready(); err != nil {
			yield(CloseResult{Period: p}, err)
			return
		}
		if err := l.checkClose(p); err != nil {
			yield(CloseResult{Period: p}, err)
			return
		}
		l.closeBatches(ctx, p, slices.Values(ids), yield)
	}
}

// checkClose refuses a zero period, and one not over by Config.Today.
func (l *Ledger) checkClose(p Period) error {
	if p.IsZero() {
		return invalid("Period", "is missing")
	}
	return l.checkOver(p)
}

// closeBatches closes p for the contracts of ids, a batch at a time on a
// BatchStore and one at a time otherwise; it reports false when the
// consumer stopped.
func (l *Ledger) closeBatches(ctx context.Context, p Period, ids iter.Seq[string], yield func(CloseResult, error) bool) bool {
	bs, ok := l.store.(BatchStore)
	if !ok {
		for id := range ids {
			if !l.closeThrough(ctx, id, p, yield) {
				return false
			}
		}
		return true
	}
	batch := make([]string, 0, l.batchSize)
	flush := func() bool {
		defer func() { batch = batch[:0] }()
		return l.closeBatch(ctx, bs, p, batch, yield)
	}
	for id := range ids {
		batch = append(batch, id)
		if len(batch) == l.batchSize && !flush() {
			return false
		}
	}
	return len(batch) == 0 || flush()
}

// closeBatch closes p for one batch of contracts in one UpdateBatch and
// yields their results in order; a contract the batch did not close
// (closed before, behind, refused) goes through closeThrough alone.
func (l *Ledger) closeBatch(ctx context.Context, bs BatchStore, p Period, ids []string, yield func(CloseResult, error) bool) bool {
	results := make(map[string]CloseResult, len(ids))
	distinct := uniq(ids)
	errs, err := l.updateBatch(ctx, bs, distinct, func(a *Account) error {
		res, err := a.Close(p)
		if err != nil {
			return err
		}
		if res.Outcome != Closed {
			return errUnchanged
		}
		results[a.Contract.ID] = res
		return nil
	})
	if err != nil {
		errs = nil
	}
	failed := map[string]bool{}
	for n, id := range distinct {
		if errs == nil || errs[n] != nil {
			failed[id] = true
		}
	}
	for _, id := range ids {
		if !failed[id] {
			if !yield(results[id], nil) {
				return false
			}
			continue
		}
		// Closed before, out of term, behind, or refused: the single
		// path tells which, with the figures.
		if !l.closeThrough(ctx, id, p, yield) {
			return false
		}
	}
	return true
}

// uniq returns ids without repetitions, in the order of their first
// occurrence; ids itself if it has none.
func uniq(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if len(out) == len(ids) {
		return ids
	}
	return out
}

// updateBatch runs fn in Store.UpdateBatch, again on a batch-wide
// ErrConflict up to the configured retries.
func (l *Ledger) updateBatch(ctx context.Context, bs BatchStore, ids []string, fn func(*Account) error) ([]error, error) {
	for attempt := 0; ; attempt++ {
		errs, err := bs.UpdateBatch(ctx, ids, fn)
		if errors.Is(err, ErrConflict) && attempt < l.retries && ctx.Err() == nil {
			continue
		}
		return errs, err
	}
}

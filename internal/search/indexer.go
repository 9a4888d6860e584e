package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Source loads what the indexer needs from the features' stores.
type Source interface {
	// Load returns the current documents for a change, and the ids of documents
	// that must no longer be found (deleted, hidden, moved out).
	Load(ctx context.Context, kind, ref string) (docs []Doc, remove []string, err error)
	// Walk gives every document, in batches, for a rebuild.
	Walk(ctx context.Context, fn func([]Doc) error) error
}

// Changes records that something searchable changed.
type Changes struct {
	store store
	now   func() time.Time
	log   *slog.Logger
	// wake tells this replica's indexer at once; others poll.
	wake chan struct{}
}

// NewChanges returns the recorder on s.
func NewChanges(s store, now func() time.Time, log *slog.Logger) *Changes {
	return &Changes{store: s, now: now, log: log, wake: make(chan struct{}, 1)}
}

// Changed appends a change to the log, retrying a failed write a few times:
// the write it belongs to has already happened, and a change that is never
// logged leaves the index stale until the next rebuild.
func (c *Changes) Changed(ctx context.Context, kind, ref string) error {
	var err error
	for try := 0; try < 4; try++ {
		if try > 0 {
			time.Sleep(time.Duration(try*try) * 50 * time.Millisecond)
		}
		if _, err = c.store.Append(context.WithoutCancel(ctx), kind, ref, c.now()); err == nil {
			select {
			case c.wake <- struct{}{}:
			default:
			}
			return nil
		}
	}
	c.log.ErrorContext(ctx, "search change not recorded; the index misses it until samspillctl reindex", "kind", kind, "ref", ref, "error", err)
	return fmt.Errorf("record search change: %w", err)
}

// Indexer follows the change log into this replica's index.
type Indexer struct {
	store   store
	engine  Engine
	source  Source
	changes *Changes
	log     *slog.Logger
	now     func() time.Time
	// gaps are sequence numbers seen missing, and since when. A number can be
	// taken but not yet written by a concurrent writer (MongoDB); the indexer
	// waits for it up to gapWait before it moves past.
	gaps map[int64]time.Time
}

const (
	batchSize = 500
	gapWait   = 10 * time.Second
	pollEvery = 250 * time.Millisecond
)

// NewIndexer returns an indexer; Run it in the background.
func NewIndexer(s store, e Engine, src Source, changes *Changes, now func() time.Time, log *slog.Logger) *Indexer {
	return &Indexer{store: s, engine: e, source: src, changes: changes, log: log, now: now, gaps: map[int64]time.Time{}}
}

// Run applies changes until ctx ends. A fresh index, or one that has fallen
// behind the trimmed change log, is rebuilt first.
func (ix *Indexer) Run(ctx context.Context) {
	if stale, err := ix.stale(ctx); err != nil {
		ix.log.Warn("search index check failed", "error", err)
	} else if stale {
		if err := ix.Rebuild(ctx); err != nil && !errors.Is(err, context.Canceled) {
			ix.log.Error("search index rebuild failed", "error", err)
		}
	}
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		for {
			n, err := ix.Step(ctx)
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					ix.log.Warn("search indexing failed; retrying", "error", err)
				}
				break
			}
			if n < batchSize {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-ix.changes.wake:
		}
	}
}

// stale reports whether the index must be rebuilt: it is empty and has applied
// nothing, or the changes after its position have been trimmed away.
func (ix *Indexer) stale(ctx context.Context) (bool, error) {
	applied, err := ix.engine.Applied()
	if err != nil {
		return false, err
	}
	if n, err := ix.engine.Count(); err != nil || (n == 0 && applied == 0) {
		return err == nil, err
	}
	next, err := ix.store.Since(ctx, applied, 1)
	if err != nil || len(next) == 0 {
		return false, err
	}
	return next[0].Seq > applied+1 && ix.now().Sub(next[0].At) > gapWait, nil
}

// Step applies the next batch of changes and reports how many it read.
func (ix *Indexer) Step(ctx context.Context) (int, error) {
	applied, err := ix.engine.Applied()
	if err != nil {
		return 0, err
	}
	batch, err := ix.store.Since(ctx, applied, batchSize)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	// Apply every change read (doing one again later is harmless), but move the
	// position only up to the first gap that is still young.
	advance := applied
	blocked := false
	expect := applied + 1
	for _, c := range batch {
		for missing := expect; missing < c.Seq; missing++ {
			first, seen := ix.gaps[missing]
			if !seen {
				ix.gaps[missing], first = ix.now(), ix.now()
			}
			if ix.now().Sub(first) < gapWait {
				blocked = true
			} else {
				delete(ix.gaps, missing)
			}
		}
		expect = c.Seq + 1
		if err := ix.apply(ctx, c); err != nil {
			return 0, fmt.Errorf("apply change %d (%s %s): %w", c.Seq, c.Kind, c.Ref, err)
		}
		if !blocked {
			advance = c.Seq
			delete(ix.gaps, c.Seq)
		}
	}
	if advance > applied {
		if err := ix.engine.SetApplied(advance); err != nil {
			return 0, err
		}
	}
	if blocked {
		return 0, nil // wait for the gap before reading on
	}
	return len(batch), nil
}

func (ix *Indexer) apply(ctx context.Context, c change) error {
	docs, remove, err := ix.source.Load(ctx, c.Kind, c.Ref)
	if err != nil {
		return err
	}
	if len(remove) > 0 {
		if err := ix.engine.Delete(ctx, remove); err != nil {
			return err
		}
	}
	if len(docs) > 0 {
		return ix.engine.Index(ctx, docs)
	}
	return nil
}

// Rebuild indexes everything from the stores and sets the position to the
// change log's end as it was when the rebuild began: changes made meanwhile
// are applied again afterwards, which is harmless.
func (ix *Indexer) Rebuild(ctx context.Context) error {
	last, err := ix.store.Last(ctx)
	if err != nil {
		return err
	}
	start := ix.now()
	n := 0
	err = ix.source.Walk(ctx, func(docs []Doc) error {
		n += len(docs)
		return ix.engine.Index(ctx, docs)
	})
	if err != nil {
		return err
	}
	ix.log.Info("search index rebuilt", "documents", n, "took", ix.now().Sub(start).String())
	return ix.engine.SetApplied(last)
}

// Trim deletes changes older than keep.
func (c *Changes) Trim(ctx context.Context, keep time.Duration) error {
	return c.store.Trim(ctx, c.now().Add(-keep))
}

package search

import (
	"context"
	"time"
)

// change says that something searchable changed: the indexer reloads it from
// its feature's store, so applying a change twice or late is harmless.
type change struct {
	Seq  int64
	Kind string // thread, post, resource, network, person
	Ref  string // the id of what changed
	At   time.Time
}

// QueryCount is how often a search was made, and how often it found nothing.
type QueryCount struct {
	Query string `json:"query"`
	Count int    `json:"count"`
	Empty int    `json:"empty" doc:"Times it found nothing"`
}

// Store is the ordered change log and the search statistics. It is exported
// so the composition root can hand one value to the recorder, the indexer and
// the service; its records stay this package's business.
type Store = store

// store is the ordered change log and the search statistics.
type store interface {
	// Append adds a change with the next sequence number and returns it.
	Append(ctx context.Context, kind, ref string, at time.Time) (int64, error)
	// Since returns up to limit changes after seq, in order.
	Since(ctx context.Context, seq int64, limit int) ([]change, error)
	// Last is the highest sequence number given out (0 for none).
	Last(ctx context.Context) (int64, error)
	// Trim deletes changes older than before, keeping the newest one.
	Trim(ctx context.Context, before time.Time) error

	// CountQuery adds one search to the day's statistics of a scope ("" for
	// all networks, or a network id).
	CountQuery(ctx context.Context, scope, query string, day time.Time, empty bool) error
	// TopQueries sums the statistics of a scope since a day, most frequent first
	// (or, with emptyOnly, the searches that found nothing).
	TopQueries(ctx context.Context, scope string, since time.Time, emptyOnly bool, limit int) ([]QueryCount, error)
}

// Package search is the one search over threads, posts, library resources,
// networks and people, in Norwegian done right (stemming, stop words,
// Bokmål/Nynorsk variants, compound words, typo tolerance) and never showing
// anything from a network the searcher may not read.
//
// Writes anywhere record a change in an ordered log (changes.go); every server
// replica's indexer follows the log into its own embedded index (bleve, in the
// data dir). The engine sits behind Engine so a distributed engine can take
// over at national scale (see the README).
package search

import (
	"context"
	"time"
)

// Document types.
const (
	TypeThread   = "thread"
	TypePost     = "post"
	TypeResource = "resource"
	TypeNetwork  = "network"
	TypePerson   = "person"
)

// Types lists them in the order the web app shows filters.
var Types = []string{TypeThread, TypePost, TypeResource, TypeNetwork, TypePerson}

// Doc is one searchable thing.
type Doc struct {
	ID          string    `json:"id"` // "<type>:<id>"
	Type        string    `json:"type"`
	NetworkID   string    `json:"networkId,omitempty"`   // where it lives (not for people)
	NetworkIDs  []string  `json:"networkIds,omitempty"`  // a person's networks
	NetworkSlug string    `json:"networkSlug,omitempty"` // for links
	NetworkName string    `json:"networkName,omitempty"`
	Title       string    `json:"title"`
	Text        string    `json:"text,omitempty"`
	County      string    `json:"county,omitempty"`
	OrgID       string    `json:"orgId,omitempty"`
	OrgName     string    `json:"orgName,omitempty"`
	Kind        string    `json:"kind,omitempty"`
	Topics      []string  `json:"topics,omitempty"`
	Year        int       `json:"year,omitempty"`
	Date        time.Time `json:"date"`
	Link        string    `json:"link"` // the web app's path to it
}

// Access is what the searcher may see. Results come only from networks the
// searcher may read; network entries from networks they may see; people who
// share a network with them. Administrators see everything.
type Access struct {
	Admin bool
	// Content: networks whose threads, posts and resources may be read (open
	// networks and the searcher's own).
	Content []string
	// Listed: networks whose name and description may be found (open, on
	// request and the searcher's own closed ones).
	Listed []string
	// Mine: the searcher's networks (people are found through shared networks).
	Mine []string
	// UserID finds the searcher themself.
	UserID string
}

// Query is a search.
type Query struct {
	Text string
	// Filters: a hit matches one of the values of each filter given.
	Types    []string
	Networks []string
	Counties []string
	OrgIDs   []string
	Kinds    []string
	Topics   []string
	Years    []int
	Sort     string // "relevance" (default) or "date"
	Limit    int
	After    []string // the sort values of the last hit of the previous page
	Access   Access
}

// Hit is one result.
type Hit struct {
	Doc
	Score   float64  `json:"score"`
	Snippet string   `json:"snippet" doc:"Safe HTML: text with the matches in <mark>"`
	Sort    []string `json:"-"`
}

// Facet counts one filter value among all results.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
	// Label names a network or an organisation (networkId and orgId
	// values); other values are codes the web app names itself.
	Label string `json:"label,omitempty"`
}

// Results are one page of hits with counts per filter value.
type Results struct {
	Hits   []Hit              `json:"hits"`
	Total  uint64             `json:"total"`
	Facets map[string][]Facet `json:"facets"`
}

// Engine is a full-text index.
type Engine interface {
	Index(ctx context.Context, docs []Doc) error
	Delete(ctx context.Context, ids []string) error
	Search(ctx context.Context, q Query) (Results, error)
	// Suggest returns titles that start with what has been typed.
	Suggest(ctx context.Context, prefix string, access Access, limit int) ([]Hit, error)
	// Correct proposes a spelling of text that the searcher's titles use, or "".
	Correct(ctx context.Context, text string, access Access) (string, error)
	// Applied and SetApplied keep the change-log position the index reflects,
	// stored with the index so both survive a restart together.
	Applied() (int64, error)
	SetApplied(seq int64) error
	Count() (uint64, error)
	Close() error
}

package org

import (
	"context"

	"github.com/samspill/samspill/internal/paging"
)

// store is what the service needs from a database.
type store interface {
	// Upsert inserts or updates organisations by their key, keeping ids stable.
	Upsert(ctx context.Context, orgs []Org) error
	Get(ctx context.Context, id string) (Org, error)
	GetByKey(ctx context.Context, key string) (Org, error)
	// GetMany returns the organisations with these ids that exist, in any order.
	GetMany(ctx context.Context, ids []string) ([]Org, error)
	// List returns up to q.Limit+1 organisations in sortName, id order.
	List(ctx context.Context, q listQuery) ([]Org, error)
}

type listQuery struct {
	Prefix string // a searchKey; matches any term that starts with it
	Kind   Kind
	County string
	Limit  int
	After  *paging.Cursor
}

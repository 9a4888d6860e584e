package org

import (
	"context"
	"fmt"
	"strings"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/paging"
)

func errNotFound() error {
	return apperr.NotFound("org.not_found", "no organisation has that id")
}

func errBadCursor() error {
	return apperr.Invalid("validation.failed", "the cursor is not valid",
		apperr.FieldError{Field: "cursor", Code: apperr.FieldInvalid, Message: "not a cursor from this API"})
}

// Service answers questions about organisations.
type Service struct {
	store store
}

// NewService returns a Service on s (NewSQLiteStore or NewMongoStore).
func NewService(s store) *Service { return &Service{store: s} }

// Seed writes the reference organisations. It is idempotent and runs at every
// start, so a new release's corrected names reach existing installations.
func (s *Service) Seed(ctx context.Context) error {
	orgs, err := Reference()
	if err != nil {
		return fmt.Errorf("read reference data: %w", err)
	}
	return s.store.Upsert(ctx, orgs)
}

// ListInput is a request for a page of organisations.
type ListInput struct {
	Query  string `query:"q" maxLength:"100" doc:"Prefix of a name or of any word in it, Sami and Kven names included"`
	Kind   Kind   `query:"kind" enum:"municipality,county,state,ks" doc:"Only this kind"`
	County string `query:"county" pattern:"^[0-9]{2}$" doc:"Only organisations in this county (fylkesnummer)"`
	Limit  int    `query:"limit" minimum:"0" maximum:"100" doc:"Page size, 20 by default"`
	Cursor string `query:"cursor" doc:"nextCursor from the previous page"`
}

// List returns a page of organisations sorted by name.
func (s *Service) List(ctx context.Context, in ListInput) (paging.Page[Org], error) {
	var v apperr.Validation
	v.Check(in.Kind == "" || in.Kind.Valid(), "kind", apperr.FieldInvalid, "kind must be municipality, county, state or ks")
	v.Check(len(in.Query) <= 100, "q", apperr.FieldTooLong, "the search text is too long")
	if err := v.Err(); err != nil {
		return paging.Page[Org]{}, err
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[Org]{}, err
	}
	orgs, err := s.store.List(ctx, listQuery{
		Prefix: searchKey(strings.TrimSpace(in.Query)),
		Kind:   in.Kind,
		County: in.County,
		Limit:  req.Limit,
		After:  req.After,
	})
	if err != nil {
		return paging.Page[Org]{}, err
	}
	return paging.Build(orgs, req.Limit, func(o Org) paging.Cursor {
		return paging.Cursor{Key: o.sortName, ID: o.ID}
	}), nil
}

// Get returns one organisation.
func (s *Service) Get(ctx context.Context, id string) (Org, error) {
	return s.store.Get(ctx, id)
}

// ByKey returns the organisation with a natural key such as "municipality:4032" or "ks".
func (s *Service) ByKey(ctx context.Context, key string) (Org, error) {
	return s.store.GetByKey(ctx, key)
}

// GetMany returns the organisations with these ids, by id; unknown ids are absent.
func (s *Service) GetMany(ctx context.Context, ids []string) (map[string]Org, error) {
	orgs, err := s.store.GetMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	m := make(map[string]Org, len(orgs))
	for _, o := range orgs {
		m[o.ID] = o
	}
	return m, nil
}

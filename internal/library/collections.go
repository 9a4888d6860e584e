package library

import (
	"context"
	"errors"
	"strings"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// CollectionInput creates or changes a collection.
type CollectionInput struct {
	Name        string   `json:"name" maxLength:"100"`
	Description string   `json:"description,omitempty" maxLength:"1000"`
	ResourceIDs []string `json:"resourceIds" maxItems:"200" doc:"The network's resources, in the order to show them"`
	Revision    int      `json:"revision,omitempty" doc:"When changing: the revision you read"`
}

func (in *CollectionInput) validate() error {
	var v apperr.Validation
	checkText(&v, "name", in.Name, true, maxCollectionName)
	checkText(&v, "description", in.Description, false, maxCollectionDesc)
	if v.Check(len(in.ResourceIDs) <= maxCollectionSize, "resourceIds", apperr.FieldTooLong, "at most 200 resources") {
		seen := map[string]bool{}
		for _, id := range in.ResourceIDs {
			if seen[id] {
				v.Add("resourceIds", apperr.FieldInvalid, "a resource is listed twice")
				break
			}
			seen[id] = true
		}
	}
	if in.ResourceIDs == nil {
		in.ResourceIDs = []string{}
	}
	in.Name, in.Description = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description)
	return v.Err()
}

// checkMembers refuses resource ids that are not the network's resources.
func (s *Service) checkMembers(ctx context.Context, networkID string, ids []string) error {
	rs, err := s.store.ResourcesByID(ctx, networkID, ids)
	if err != nil {
		return err
	}
	if len(rs) != len(ids) {
		return apperr.Invalid("validation.failed", "unknown resource",
			apperr.FieldError{Field: "resourceIds", Code: apperr.FieldInvalid, Message: "not a resource of this network"})
	}
	return nil
}

// CollectionSummary is a collection in a list.
type CollectionSummary struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Description   string `json:"description"`
	ResourceCount int    `json:"resourceCount"`
}

// Collections lists a network's collections by name.
func (s *Service) Collections(ctx context.Context, slug string) ([]CollectionSummary, error) {
	a, _, err := s.reader(ctx, slug)
	if err != nil {
		return nil, err
	}
	cs, err := s.store.Collections(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	out := make([]CollectionSummary, len(cs))
	for i, c := range cs {
		out[i] = CollectionSummary{ID: c.ID, Name: c.Name, Description: c.Description, ResourceCount: len(c.ResourceIDs)}
	}
	return out, nil
}

// moderator returns the asker's access to a network they moderate.
func (s *Service) moderator(ctx context.Context, slug string) (NetworkAccess, auth.Principal, error) {
	a, p, err := s.reader(ctx, slug)
	if err == nil && !a.canModerate() {
		err = errModeratorsOnly()
	}
	return a, p, err
}

// CreateCollection adds a collection (moderators).
func (s *Service) CreateCollection(ctx context.Context, slug string, in CollectionInput) (CollectionView, error) {
	a, p, err := s.moderator(ctx, slug)
	if err != nil {
		return CollectionView{}, err
	}
	if err := in.validate(); err != nil {
		return CollectionView{}, err
	}
	existing, err := s.store.Collections(ctx, a.ID)
	if err != nil {
		return CollectionView{}, err
	}
	if len(existing) >= maxCollections {
		return CollectionView{}, apperr.Conflict("library.too_many_collections", "a network can have at most 100 collections")
	}
	if err := s.checkMembers(ctx, a.ID, in.ResourceIDs); err != nil {
		return CollectionView{}, err
	}
	now := s.now()
	c := Collection{ID: sqlitedb.NewID(), NetworkID: a.ID, Name: in.Name, sortName: sortKey(in.Name), Description: in.Description,
		ResourceIDs: in.ResourceIDs, Revision: 1, CreatedBy: p.UserID, CreatedAt: now, UpdatedAt: now}
	if err := s.store.CreateCollection(ctx, c); err != nil {
		return CollectionView{}, err
	}
	if err := s.Networks.Record(ctx, a.ID, "library.collection_created", c.ID, c.Name, ""); err != nil {
		return CollectionView{}, err
	}
	return s.collectionView(ctx, c, a)
}

// CollectionView is a collection with its resources, in order.
type CollectionView struct {
	Collection
	NetworkSlug string         `json:"networkSlug"`
	Resources   []ResourceItem `json:"resources"`
	Moderate    bool           `json:"moderate" doc:"You may change the collection"`
}

func (s *Service) collectionView(ctx context.Context, c Collection, a NetworkAccess) (CollectionView, error) {
	rs, err := s.store.ResourcesByID(ctx, a.ID, c.ResourceIDs)
	if err != nil {
		return CollectionView{}, err
	}
	byID := map[string]Resource{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	v := CollectionView{Collection: c, NetworkSlug: a.Slug, Resources: []ResourceItem{}, Moderate: a.canModerate()}
	for _, id := range c.ResourceIDs {
		if r, ok := byID[id]; ok {
			v.Resources = append(v.Resources, item(r))
		}
	}
	return v, nil
}

// collectionOf loads a collection whose network the asker may read.
func (s *Service) collectionOf(ctx context.Context, id string) (Collection, NetworkAccess, error) {
	if _, err := auth.Require(ctx); err != nil {
		return Collection{}, NetworkAccess{}, err
	}
	c, err := s.store.Collection(ctx, id)
	if err != nil {
		return Collection{}, NetworkAccess{}, err
	}
	a, err := s.Networks.AccessByID(ctx, c.NetworkID)
	if errors.Is(err, apperr.ErrNotFound) {
		return Collection{}, NetworkAccess{}, errCollectionNotFound()
	}
	if err != nil {
		return Collection{}, NetworkAccess{}, err
	}
	if !a.canRead() {
		return Collection{}, NetworkAccess{}, errNotReader()
	}
	return c, a, nil
}

// Collection returns a collection with its resources.
func (s *Service) Collection(ctx context.Context, id string) (CollectionView, error) {
	c, a, err := s.collectionOf(ctx, id)
	if err != nil {
		return CollectionView{}, err
	}
	return s.collectionView(ctx, c, a)
}

// UpdateCollection renames, describes or reorders a collection (moderators);
// a stale revision gets library.collection_conflict.
func (s *Service) UpdateCollection(ctx context.Context, id string, in CollectionInput) (CollectionView, error) {
	c, a, err := s.collectionOf(ctx, id)
	if err != nil {
		return CollectionView{}, err
	}
	if !a.canModerate() {
		return CollectionView{}, errModeratorsOnly()
	}
	if err := in.validate(); err != nil {
		return CollectionView{}, err
	}
	if in.Revision != 0 && in.Revision != c.Revision {
		return CollectionView{}, errCollectionConflict()
	}
	if err := s.checkMembers(ctx, a.ID, in.ResourceIDs); err != nil {
		return CollectionView{}, err
	}
	c.Name, c.sortName, c.Description, c.ResourceIDs = in.Name, sortKey(in.Name), in.Description, in.ResourceIDs
	c.Revision, c.UpdatedAt = c.Revision+1, s.now()
	ok, err := s.store.UpdateCollection(ctx, c)
	if err != nil {
		return CollectionView{}, err
	}
	if !ok {
		return CollectionView{}, errCollectionConflict()
	}
	if err := s.Networks.Record(ctx, a.ID, "library.collection_updated", c.ID, c.Name, ""); err != nil {
		return CollectionView{}, err
	}
	return s.collectionView(ctx, c, a)
}

func errCollectionConflict() error {
	return apperr.Conflict("library.collection_conflict", "someone changed the collection meanwhile; reload it")
}

// DeleteCollection removes a collection, not its resources (moderators).
func (s *Service) DeleteCollection(ctx context.Context, id string) error {
	c, a, err := s.collectionOf(ctx, id)
	if err != nil {
		return err
	}
	if !a.canModerate() {
		return errModeratorsOnly()
	}
	if err := s.store.DeleteCollection(ctx, id); err != nil {
		return err
	}
	return s.Networks.Record(ctx, a.ID, "library.collection_deleted", c.ID, c.Name, "")
}

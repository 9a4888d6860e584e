package network

import (
	"context"
	"strings"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// AccessInfo is the asker's place in a network, for features that live inside
// networks (the forum, the library). They decide their own rules from it.
type AccessInfo struct {
	ID         string
	Slug       string
	Name       string
	Visibility Visibility
	Role       Role // "" for non-members
	Admin      bool
}

func (s *Service) accessInfo(a access) AccessInfo {
	return AccessInfo{ID: a.n.ID, Slug: a.n.Slug, Name: a.n.Name, Visibility: a.n.Visibility, Role: a.role(), Admin: a.isAdmin()}
}

// AccessBySlug answers for the principal in ctx: 401 for nobody, 404 for a
// network they may not see.
func (s *Service) AccessBySlug(ctx context.Context, slug string) (AccessInfo, error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return AccessInfo{}, err
	}
	return s.accessInfo(a), nil
}

// AccessByID is AccessBySlug for a network id.
func (s *Service) AccessByID(ctx context.Context, networkID string) (AccessInfo, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return AccessInfo{}, err
	}
	nets, err := s.store.NetworksByID(ctx, []string{networkID})
	if err != nil {
		return AccessInfo{}, err
	}
	if len(nets) == 0 {
		return AccessInfo{}, errNotFound()
	}
	a, err := s.place(ctx, p, nets[0])
	if err != nil {
		return AccessInfo{}, err
	}
	return s.accessInfo(a), nil
}

// MembersAmong tells which of userIDs are members of the network.
func (s *Service) MembersAmong(ctx context.Context, networkID string, userIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, id := range userIDs {
		if _, seen := out[id]; seen {
			continue
		}
		_, err := s.store.Membership(ctx, networkID, id)
		switch {
		case err == nil:
			out[id] = true
		case apperr.CodeOf(err) == "network.not_member":
			out[id] = false
		default:
			return nil, err
		}
	}
	return out, nil
}

// Record writes an act of the principal in ctx to the network's audit log (the
// forum's moderation acts).
func (s *Service) Record(ctx context.Context, networkID, action, targetID, targetName, detail string) error {
	p, err := auth.Require(ctx)
	if err != nil {
		return err
	}
	me, err := s.People.Person(ctx, p.UserID)
	if err != nil {
		return err
	}
	return s.store.AddAudit(ctx, AuditEntry{ID: sqlitedb.NewID(), NetworkID: networkID, ActorID: me.ID, ActorName: me.Name,
		Action: action, TargetID: targetID, TargetName: targetName, Detail: strings.TrimSpace(detail), CreatedAt: s.now()})
}

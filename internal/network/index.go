package network

import (
	"context"

	"github.com/samspill/samspill/internal/auth"
)

// Changes records that something searchable changed (the search feature's
// change log). Kinds: "network", and "person" for a changed membership.
type Changes interface {
	Changed(ctx context.Context, kind, ref string) error
}

func (s *Service) changed(ctx context.Context, kind, ref string) error {
	if s.Changes == nil {
		return nil
	}
	return s.Changes.Changed(ctx, kind, ref)
}

// SearchScope is what one person may find, by network.
type SearchScope struct {
	Admin   bool
	UserID  string
	Content []string // networks whose content they may read
	Listed  []string // networks they may find
	Mine    []string // their networks
}

// SearchScope answers what the principal in ctx may find.
func (s *Service) SearchScope(ctx context.Context) (SearchScope, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return SearchScope{}, err
	}
	sc := SearchScope{Admin: p.IsAdmin(), UserID: p.UserID}
	mine, err := s.allMemberships(ctx, p.UserID)
	if err != nil {
		return SearchScope{}, err
	}
	for _, m := range mine {
		sc.Mine = append(sc.Mine, m.NetworkID)
	}
	// Read live on every search, never cached: a network that has just closed
	// must not show up in anyone's results, on any replica.
	byVis, err := s.store.NetworkIDsByVisibility(ctx)
	if err != nil {
		return SearchScope{}, err
	}
	sc.Content = append(append([]string{}, byVis[Open]...), sc.Mine...)
	sc.Listed = append(append(append([]string{}, byVis[Open]...), byVis[OnRequest]...), sc.Mine...)
	return sc, nil
}

// Names returns networks' names by id.
func (s *Service) Names(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	nets, err := s.store.NetworksByID(ctx, ids)
	for _, n := range nets {
		out[n.ID] = n.Name
	}
	return out, err
}

// The methods below serve the search indexer and read without a principal.

// NetworkForIndex returns a network by id (ErrNotFound when gone).
func (s *Service) NetworkForIndex(ctx context.Context, id string) (Network, error) {
	nets, err := s.store.NetworksByID(ctx, []string{id})
	if err != nil {
		return Network{}, err
	}
	if len(nets) == 0 {
		return Network{}, errNotFound()
	}
	return nets[0], nil
}

// NetworksForIndex returns networks by id.
func (s *Service) NetworksForIndex(ctx context.Context, ids []string) ([]Network, error) {
	return s.store.NetworksByID(ctx, ids)
}

// WalkNetworks calls fn with every network.
func (s *Service) WalkNetworks(ctx context.Context, fn func(Network) error) error {
	nets, err := s.store.AllNetworks(ctx)
	if err != nil {
		return err
	}
	for _, n := range nets {
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

// NetworkIDsOf returns the networks a person belongs to.
func (s *Service) NetworkIDsOf(ctx context.Context, userID string) ([]string, error) {
	ms, err := s.allMemberships(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.NetworkID
	}
	return out, nil
}

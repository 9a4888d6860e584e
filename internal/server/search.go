package server

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/library"
	"github.com/samspill/samspill/internal/markdown"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/search"
	"github.com/samspill/samspill/internal/user"
)

// searchNetworks is search.Networks over the network feature.
type searchNetworks struct{ networks *network.Service }

func (s searchNetworks) SearchAccess(ctx context.Context) (search.Access, error) {
	sc, err := s.networks.SearchScope(ctx)
	return search.Access{Admin: sc.Admin, UserID: sc.UserID, Content: sc.Content, Listed: sc.Listed, Mine: sc.Mine}, err
}

func (s searchNetworks) Names(ctx context.Context, ids []string) (map[string]string, error) {
	return s.networks.Names(ctx, ids)
}

// searchOrgs names organisations for the search's counts.
type searchOrgs struct{ orgs *org.Service }

func (s searchOrgs) OrgNames(ctx context.Context, ids []string) (map[string]string, error) {
	os, err := s.orgs.GetMany(ctx, ids)
	names := make(map[string]string, len(os))
	for id, o := range os {
		names[id] = o.Name
	}
	return names, err
}

// searchSource builds search documents from the features' stores.
type searchSource struct {
	forum    *forum.Service
	library  *library.Service
	networks *network.Service
	users    *user.Service
	orgs     *org.Service
}

func threadLink(slug string, t forum.Thread) string {
	return fmt.Sprintf("/nettverk/%s/forum/%s-%s", slug, t.ID, t.Slug)
}

// threadDocs are a thread's documents: the thread (its title and opening post)
// and each visible reply; hidden and deleted replies are to be removed.
func threadDocs(n network.Network, t forum.Thread, posts []forum.Post) (docs []search.Doc, remove []string) {
	link := threadLink(n.Slug, t)
	thread := search.Doc{ID: "thread:" + t.ID, Type: search.TypeThread, NetworkID: n.ID, NetworkSlug: n.Slug,
		Title: t.Title, Kind: string(t.Kind), Date: t.CreatedAt, Year: t.CreatedAt.Year(), Link: link, Topics: n.Topics}
	for _, p := range posts {
		if p.Number == 1 {
			if p.DeletedAt == nil && !p.Hidden {
				thread.Text = markdown.Plain(p.Body, 0)
			}
			continue
		}
		id := "post:" + p.ID
		if p.DeletedAt != nil || p.Hidden {
			remove = append(remove, id)
			continue
		}
		docs = append(docs, search.Doc{ID: id, Type: search.TypePost, NetworkID: n.ID, NetworkSlug: n.Slug,
			Title: t.Title, Text: markdown.Plain(p.Body, 0), OrgName: p.AuthorOrg, Date: p.CreatedAt,
			Year: p.CreatedAt.Year(), Link: fmt.Sprintf("%s#innlegg-%d", link, p.Number), Topics: n.Topics})
	}
	return append([]search.Doc{thread}, docs...), remove
}

// resourceDoc is a library resource, found by its title, description and the
// text inside its file.
func (s searchSource) resourceDoc(ctx context.Context, n network.Network, r library.Resource) (search.Doc, error) {
	text, err := s.library.FileText(ctx, r)
	if err != nil {
		return search.Doc{}, err
	}
	year := r.Year
	if year == 0 {
		year = r.CreatedAt.Year()
	}
	return search.Doc{ID: "resource:" + r.ID, Type: search.TypeResource, NetworkID: n.ID, NetworkSlug: n.Slug,
		Title: r.Title, Text: strings.TrimSpace(markdown.Plain(r.Description, 0) + "\n\n" + text), County: r.CountyNumber,
		OrgID: r.OrgID, OrgName: r.OrgName, Kind: string(r.Kind), Topics: r.Topics, Year: year, Date: r.CreatedAt,
		Link: fmt.Sprintf("/nettverk/%s/bibliotek/%s", n.Slug, r.ID)}, nil
}

func networkDoc(n network.Network) search.Doc {
	d := search.Doc{ID: "network:" + n.ID, Type: search.TypeNetwork, NetworkID: n.ID, NetworkSlug: n.Slug,
		Title: n.Name, Text: markdown.Plain(n.Description, 0), Topics: n.Topics, Kind: string(n.Visibility),
		Date: n.CreatedAt, Year: n.CreatedAt.Year(), Link: "/nettverk/" + n.Slug}
	if len(n.Counties) == 1 {
		d.County = n.Counties[0]
	}
	return d
}

func (s searchSource) personDoc(ctx context.Context, u user.User) (search.Doc, bool, error) {
	nets, err := s.networks.NetworkIDsOf(ctx, u.ID)
	if err != nil || len(nets) == 0 {
		return search.Doc{}, false, err // people are found through the networks they share
	}
	o, err := s.orgs.Get(ctx, u.OrgID)
	if err != nil && !errors.Is(err, apperr.ErrNotFound) {
		return search.Doc{}, false, err
	}
	text := strings.Join([]string{u.JobTitle, o.Name, o.CountyName}, " ")
	return search.Doc{ID: "person:" + u.ID, Type: search.TypePerson, NetworkIDs: nets, Title: u.Name, Text: text,
		County: o.CountyNumber, OrgID: o.ID, OrgName: o.Name, Kind: string(u.JobField), Date: u.CreatedAt,
		Link: "/personer/" + u.ID}, true, nil
}

func (s searchSource) Load(ctx context.Context, kind, ref string) ([]search.Doc, []string, error) {
	gone := func(err error) bool { return errors.Is(err, apperr.ErrNotFound) }
	switch kind {
	case "thread", "post":
		var t forum.Thread
		var posts []forum.Post
		var err error
		if kind == "thread" {
			t, posts, err = s.forum.ThreadForIndex(ctx, ref)
		} else {
			var p forum.Post
			t, p, err = s.forum.PostForIndex(ctx, ref)
			posts = []forum.Post{p}
			if err == nil && p.Number == 1 { // the opening post is the thread's text
				return s.Load(ctx, "thread", t.ID)
			}
		}
		if gone(err) {
			return nil, []string{kind + ":" + ref}, nil
		}
		if err != nil {
			return nil, nil, err
		}
		n, err := s.networks.NetworkForIndex(ctx, t.NetworkID)
		if gone(err) {
			return nil, []string{kind + ":" + ref}, nil
		}
		if err != nil {
			return nil, nil, err
		}
		docs, remove := threadDocs(n, t, posts)
		if kind == "post" {
			docs = docs[1:] // only the post; the thread document is unchanged
		}
		return docs, remove, nil
	case "resource":
		r, err := s.library.ResourceForIndex(ctx, ref)
		if gone(err) {
			return nil, []string{"resource:" + ref}, nil
		}
		if err != nil {
			return nil, nil, err
		}
		n, err := s.networks.NetworkForIndex(ctx, r.NetworkID)
		if gone(err) {
			return nil, []string{"resource:" + ref}, nil
		}
		if err != nil {
			return nil, nil, err
		}
		d, err := s.resourceDoc(ctx, n, r)
		if err != nil {
			return nil, nil, err
		}
		return []search.Doc{d}, nil, nil
	case "network":
		n, err := s.networks.NetworkForIndex(ctx, ref)
		if gone(err) {
			return nil, []string{"network:" + ref}, nil
		}
		if err != nil {
			return nil, nil, err
		}
		return []search.Doc{networkDoc(n)}, nil, nil
	case "person":
		u, err := s.users.Get(ctx, ref)
		if gone(err) {
			return nil, []string{"person:" + ref}, nil
		}
		if err != nil {
			return nil, nil, err
		}
		d, ok, err := s.personDoc(ctx, u)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, []string{"person:" + ref}, nil
		}
		return []search.Doc{d}, nil, nil
	}
	return nil, nil, fmt.Errorf("unknown search change kind %q", kind)
}

func (s searchSource) Walk(ctx context.Context, fn func([]search.Doc) error) error {
	nets := map[string]network.Network{}
	var batch []search.Doc
	flush := func(force bool) error {
		if len(batch) >= 500 || force && len(batch) > 0 {
			err := fn(batch)
			batch = nil
			return err
		}
		return nil
	}
	if err := s.networks.WalkNetworks(ctx, func(n network.Network) error {
		nets[n.ID] = n
		batch = append(batch, networkDoc(n))
		return flush(false)
	}); err != nil {
		return err
	}
	if err := s.forum.WalkThreads(ctx, func(t forum.Thread) error {
		n, ok := nets[t.NetworkID]
		if !ok {
			return nil
		}
		_, posts, err := s.forum.ThreadForIndex(ctx, t.ID)
		if err != nil {
			return err
		}
		docs, _ := threadDocs(n, t, posts)
		batch = append(batch, docs...)
		return flush(false)
	}); err != nil {
		return err
	}
	if err := s.library.WalkResources(ctx, func(r library.Resource) error {
		n, ok := nets[r.NetworkID]
		if !ok {
			return nil
		}
		d, err := s.resourceDoc(ctx, n, r)
		if err != nil {
			return err
		}
		batch = append(batch, d)
		return flush(false)
	}); err != nil {
		return err
	}
	if err := s.users.Walk(ctx, func(u user.User) error {
		d, ok, err := s.personDoc(ctx, u)
		if err != nil || !ok {
			return err
		}
		batch = append(batch, d)
		return flush(false)
	}); err != nil {
		return err
	}
	return flush(true)
}

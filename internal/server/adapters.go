package server

import (
	"context"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/library"
	"github.com/samspill/samspill/internal/mail"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/user"
)

// The adapters below let features use each other through the small interfaces
// each declares, without importing each other's services.

// people is network.People over the user and org features.
type people struct {
	users *user.Service
	orgs  *org.Service
}

func (p people) person(ctx context.Context, u user.User) (network.Person, error) {
	o, err := p.orgs.Get(ctx, u.OrgID)
	if err != nil {
		return network.Person{}, err
	}
	return network.Person{ID: u.ID, Name: u.Name, Email: u.Email, JobTitle: u.JobTitle, JobField: string(u.JobField), Org: o}, nil
}

func (p people) Person(ctx context.Context, id string) (network.Person, error) {
	u, err := p.users.Get(ctx, id)
	if err != nil {
		return network.Person{}, err
	}
	return p.person(ctx, u)
}

func (p people) PersonByEmail(ctx context.Context, email string) (network.Person, error) {
	u, err := p.users.ByEmail(ctx, email)
	if err != nil {
		return network.Person{}, err
	}
	return p.person(ctx, u)
}

func (p people) Register(ctx context.Context, email string, r network.Registration) (network.Person, error) {
	lang := r.Language
	if lang == "" {
		lang = "nb"
	}
	u, err := p.users.Create(ctx, user.NewUser{Email: email, Name: r.Name, OrgID: r.OrgID, JobTitle: r.JobTitle,
		JobField: user.JobField(r.JobField), SiteRole: auth.RoleMember, Language: lang, Password: r.Password})
	if err != nil {
		return network.Person{}, err
	}
	return p.person(ctx, u)
}

// orgDirectory is network.Orgs over the org feature.
type orgDirectory struct{ orgs *org.Service }

func (d orgDirectory) County(ctx context.Context, number string) (org.Org, error) {
	return d.orgs.ByKey(ctx, "county:"+number)
}

func (d orgDirectory) Municipalities(ctx context.Context, county string) ([]org.Org, error) {
	var all []org.Org
	cursor := ""
	for {
		page, err := d.orgs.List(ctx, org.ListInput{Kind: org.KindMunicipality, County: county, Limit: 100, Cursor: cursor})
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if page.NextCursor == "" {
			return all, nil
		}
		cursor = page.NextCursor
	}
}

// mailer is network.Mailer over the mail outbox.
type mailer struct{ mail *mail.Service }

func (m mailer) Send(ctx context.Context, to, subject, text, kind string) error {
	return m.mail.Send(ctx, mail.Message{To: to, Subject: subject, Text: text, Kind: kind})
}

// forumNetworks is forum.Networks over the network feature.
type forumNetworks struct{ networks *network.Service }

func forumAccess(a network.AccessInfo) forum.NetworkAccess {
	return forum.NetworkAccess{ID: a.ID, Slug: a.Slug, Name: a.Name, Open: a.Visibility == network.Open,
		Member: a.Role != "", Moderator: a.Role == network.Moderator || a.Role == network.Owner, Admin: a.Admin}
}

func (f forumNetworks) Access(ctx context.Context, slug string) (forum.NetworkAccess, error) {
	a, err := f.networks.AccessBySlug(ctx, slug)
	return forumAccess(a), err
}

func (f forumNetworks) AccessByID(ctx context.Context, id string) (forum.NetworkAccess, error) {
	a, err := f.networks.AccessByID(ctx, id)
	return forumAccess(a), err
}

func (f forumNetworks) Members(ctx context.Context, networkID string, userIDs []string) (map[string]bool, error) {
	return f.networks.MembersAmong(ctx, networkID, userIDs)
}

func (f forumNetworks) Record(ctx context.Context, networkID, action, targetID, targetName, detail string) error {
	return f.networks.Record(ctx, networkID, action, targetID, targetName, detail)
}

// forumPeople is forum.People over the user and org features.
type forumPeople struct{ people }

func (p forumPeople) Author(ctx context.Context, id string) (forum.Author, error) {
	person, err := p.Person(ctx, id)
	if err != nil {
		return forum.Author{}, err
	}
	return forum.Author{ID: person.ID, Name: person.Name, OrgName: person.Org.Name}, nil
}

// forumAttachments is forum.Attachments over the library feature. It holds
// the services rather than the library because the forum is built first.
type forumAttachments struct{ svc *Services }

// Resolve asks the library in batches of what it answers at once (a page of
// posts attaches at most 100 × 10 resources, usually far fewer).
func (f forumAttachments) Resolve(ctx context.Context, networkID string, ids []string) ([]forum.Attachment, error) {
	out := []forum.Attachment{}
	for len(ids) > 0 {
		n := min(len(ids), paging.MaxLimit)
		refs, err := f.svc.Library.Resolve(ctx, networkID, ids[:n])
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			out = append(out, forum.Attachment{ID: r.ID, Title: r.Title, Kind: string(r.Kind), FileName: r.FileName})
		}
		ids = ids[n:]
	}
	return out, nil
}

// ResourceNetwork reads the resource as its own route does, so the forum's
// list of discussions answers 401, 403 and 404 exactly like the library.
func (f forumAttachments) ResourceNetwork(ctx context.Context, resourceID string) (string, error) {
	r, err := f.svc.Library.Resource(ctx, resourceID)
	if err != nil {
		return "", err
	}
	return r.NetworkID, nil
}

// libraryNetworks is library.Networks over the network feature.
type libraryNetworks struct{ networks *network.Service }

func libraryAccess(a network.AccessInfo) library.NetworkAccess {
	return library.NetworkAccess{ID: a.ID, Slug: a.Slug, Name: a.Name, Open: a.Visibility == network.Open,
		Member: a.Role != "", Moderator: a.Role == network.Moderator || a.Role == network.Owner, Admin: a.Admin}
}

func (l libraryNetworks) Access(ctx context.Context, slug string) (library.NetworkAccess, error) {
	a, err := l.networks.AccessBySlug(ctx, slug)
	return libraryAccess(a), err
}

func (l libraryNetworks) AccessByID(ctx context.Context, id string) (library.NetworkAccess, error) {
	a, err := l.networks.AccessByID(ctx, id)
	return libraryAccess(a), err
}

func (l libraryNetworks) Record(ctx context.Context, networkID, action, targetID, targetName, detail string) error {
	return l.networks.Record(ctx, networkID, action, targetID, targetName, detail)
}

// libraryPeople is library.People over the user and org features.
type libraryPeople struct{ people }

func libraryOrg(o org.Org) library.Org {
	return library.Org{ID: o.ID, Name: o.Name, CountyNumber: o.CountyNumber}
}

func (p libraryPeople) Person(ctx context.Context, id string) (library.Person, error) {
	person, err := p.people.Person(ctx, id)
	if err != nil {
		return library.Person{}, err
	}
	return library.Person{ID: person.ID, Name: person.Name, Org: libraryOrg(person.Org)}, nil
}

func (p libraryPeople) Org(ctx context.Context, id string) (library.Org, error) {
	o, err := p.orgs.Get(ctx, id)
	return libraryOrg(o), err
}

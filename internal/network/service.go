package network

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// Person is someone with an account, as this feature needs to know them.
type Person struct {
	ID       string
	Name     string
	Email    string
	JobTitle string
	JobField string
	Org      org.Org
}

func (p Person) profile() Profile {
	return Profile{Name: p.Name, JobTitle: p.JobTitle, JobField: p.JobField, OrgID: p.Org.ID,
		OrgName: p.Org.Name, OrgKind: string(p.Org.Kind), CountyNumber: p.Org.CountyNumber, CountyName: p.Org.CountyName}
}

// People looks up and registers people; the user and org features do it.
type People interface {
	Person(ctx context.Context, id string) (Person, error)
	// PersonByEmail returns an error that unwraps to apperr.ErrNotFound when no
	// account has the email.
	PersonByEmail(ctx context.Context, email string) (Person, error)
	// Register creates an account for an invited person.
	Register(ctx context.Context, email string, r Registration) (Person, error)
}

// Orgs lists a county's municipalities and the county itself.
type Orgs interface {
	County(ctx context.Context, number string) (org.Org, error)
	Municipalities(ctx context.Context, county string) ([]org.Org, error)
}

// Mailer sends one plain-text email.
type Mailer interface {
	Send(ctx context.Context, to, subject, text, kind string) error
}

// Deps are what the service works with.
type Deps struct {
	People People
	Orgs   Orgs
	Mail   Mailer
	// Render turns Markdown into safe HTML; Excerpt into a plain-text excerpt.
	Render  func(markdown string) string
	Excerpt func(markdown string, maxRunes int) string
	// InvitationKey signs invitation links (at least 32 bytes).
	InvitationKey []byte
	// BaseURL is where people reach the web app, for links in email.
	BaseURL string
	Now     func() time.Time
	Log     *slog.Logger
	// Changes feeds the search index; nil when nothing listens.
	Changes Changes
}

// Service runs networks and memberships. Every operation checks the asker's
// rights here, from the principal in the context.
type Service struct {
	store store
	Deps
}

// NewService returns the service on s.
func NewService(s store, d Deps) *Service { return &Service{store: s, Deps: d} }

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Millisecond) }

// Errors. A closed network answers not found to outsiders: its existence is not
// revealed.
func errNotFound() error {
	return apperr.NotFound("network.not_found", "no network has that address")
}
func errForbidden(code, msg string) error { return apperr.Forbidden(code, msg) }

// access is what one person may do in one network.
type access struct {
	p          auth.Principal
	n          Network
	membership *Membership
	request    *JoinRequest
}

func (a access) role() Role {
	if a.membership == nil {
		return ""
	}
	return a.membership.Role
}

func (a access) isAdmin() bool { return a.p.IsAdmin() }

// can is the rule book. Administrators may do everything an owner may.
func (a access) can() Permissions {
	role := a.role()
	member := role != ""
	pending := a.request != nil && a.request.Status == Pending
	return Permissions{
		Join:        !member && a.n.Visibility == Open,
		Request:     !member && a.n.Visibility == OnRequest && !pending,
		Leave:       member,
		ViewMembers: member || a.isAdmin() || a.n.Visibility == Open,
		Moderate:    role.atLeast(Moderator) || a.isAdmin(),
		Manage:      role == Owner || a.isAdmin(),
	}
}

// visible reports whether the network may be seen at all.
func (a access) visible() bool {
	return a.n.Visibility != Closed || a.role() != "" || a.isAdmin()
}

// load finds a network and the asker's place in it, refusing anonymous callers
// and hiding closed networks from outsiders.
func (s *Service) load(ctx context.Context, slug string) (access, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return access{}, err
	}
	n, err := s.store.NetworkBySlug(ctx, slug)
	if err != nil {
		return access{}, err
	}
	return s.place(ctx, p, n)
}

// place finds the principal's place in network n, hiding it when closed to them.
func (s *Service) place(ctx context.Context, p auth.Principal, n Network) (access, error) {
	a := access{p: p, n: n}
	m, err := s.store.Membership(ctx, n.ID, p.UserID)
	switch {
	case err == nil:
		a.membership = &m
	case !errors.Is(err, apperr.ErrNotFound):
		return access{}, err
	}
	if a.membership == nil && n.Visibility == OnRequest {
		r, err := s.store.RequestOf(ctx, n.ID, p.UserID)
		switch {
		case err == nil:
			a.request = &r
		case !errors.Is(err, apperr.ErrNotFound):
			return access{}, err
		}
	}
	if !a.visible() {
		return access{}, errNotFound()
	}
	return a, nil
}

func (s *Service) view(a access) NetworkView {
	v := NetworkView{Network: a.n, MyRole: a.role(), Permissions: a.can()}
	if a.request != nil {
		st := a.request.Status
		v.MyRequest = &st
		if st == Declined {
			v.MyRequestReason = a.request.Reason
		}
	}
	return v
}

func (s *Service) summary(n Network, myRole Role) Summary {
	return Summary{ID: n.ID, Slug: n.Slug, Name: n.Name, Excerpt: n.excerpt, Topics: nonNil(n.Topics),
		National: n.National, Counties: nonNil(n.Counties), Visibility: n.Visibility, MemberCount: n.MemberCount, MyRole: myRole}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *Service) audit(ctx context.Context, n Network, actor Person, action string, target *Person, detail string) error {
	e := AuditEntry{ID: sqlitedb.NewID(), NetworkID: n.ID, ActorID: actor.ID, ActorName: actor.Name,
		Action: action, Detail: detail, CreatedAt: s.now()}
	if target != nil {
		e.TargetID, e.TargetName = target.ID, target.Name
	}
	if err := s.store.AddAudit(ctx, e); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// Create makes a network with the asker as its owner. KS advisers and
// administrators create networks.
func (s *Service) Create(ctx context.Context, in NetworkInput) (NetworkView, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return NetworkView{}, err
	}
	if !p.IsAdviser() {
		return NetworkView{}, errForbidden("network.create_forbidden", "only KS advisers and administrators create networks")
	}
	in.Name = strings.TrimSpace(in.Name)
	if err := in.Validate(); err != nil {
		return NetworkView{}, err
	}
	me, err := s.People.Person(ctx, p.UserID)
	if err != nil {
		return NetworkView{}, err
	}
	slug := in.Slug
	if slug == "" {
		slug = Slugify(in.Name)
	}
	now := s.now()
	n := Network{ID: sqlitedb.NewID(), Slug: slug, Name: in.Name, Description: in.Description,
		DescriptionHTML: s.Render(in.Description), excerpt: s.Excerpt(in.Description, excerptLength),
		Topics: nonNil(in.Topics), National: in.National,
		Counties: nonNil(in.Counties), Visibility: in.Visibility, MemberCount: 1, CreatedBy: p.UserID,
		CreatedAt: now, UpdatedAt: now, sortName: sortKey(in.Name)}
	owner := Membership{NetworkID: n.ID, UserID: p.UserID, Role: Owner, JoinedAt: now, Profile: me.profile()}
	if err := s.store.CreateNetwork(ctx, n, owner); err != nil {
		return NetworkView{}, err
	}
	if err := s.audit(ctx, n, me, ActNetworkCreated, nil, n.Name); err != nil {
		return NetworkView{}, err
	}
	if err := s.changed(ctx, "network", n.ID); err != nil {
		return NetworkView{}, err
	}
	if err := s.changed(ctx, "person", me.ID); err != nil {
		return NetworkView{}, err
	}
	return s.view(access{p: p, n: n, membership: &owner}), nil
}

// Get returns a network as the asker sees it.
func (s *Service) Get(ctx context.Context, slug string) (NetworkView, error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return NetworkView{}, err
	}
	v := s.view(a)
	if v.Permissions.Moderate && a.n.Visibility == OnRequest {
		if v.PendingRequests, err = s.store.CountRequests(ctx, a.n.ID, Pending); err != nil {
			return NetworkView{}, err
		}
	}
	return v, nil
}

// Update changes a network's settings (owners and administrators).
func (s *Service) Update(ctx context.Context, slug string, patch NetworkPatch) (NetworkView, error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return NetworkView{}, err
	}
	if !a.can().Manage {
		return NetworkView{}, errForbidden("network.owners_only", "only the network's owners change its settings")
	}
	n, err := patch.apply(a.n)
	if err != nil {
		return NetworkView{}, err
	}
	n.DescriptionHTML = s.Render(n.Description)
	n.excerpt = s.Excerpt(n.Description, excerptLength)
	n.sortName = sortKey(n.Name)
	n.UpdatedAt = s.now()
	if err := s.store.UpdateNetwork(ctx, n); err != nil {
		return NetworkView{}, err
	}
	me, err := s.People.Person(ctx, a.p.UserID)
	if err != nil {
		return NetworkView{}, err
	}
	if err := s.audit(ctx, n, me, ActNetworkUpdated, nil, ""); err != nil {
		return NetworkView{}, err
	}
	if err := s.changed(ctx, "network", n.ID); err != nil {
		return NetworkView{}, err
	}
	a.n = n
	return s.view(a), nil
}

// CatalogueInput filters the catalogue.
type CatalogueInput struct {
	Query  string `query:"q" maxLength:"100" doc:"Text in the network's name"`
	Topic  string `query:"topic" doc:"Only networks with this topic"`
	County string `query:"county" pattern:"^[0-9]{2}$" doc:"Only networks for this county (national networks included)"`
	Limit  int    `query:"limit" minimum:"0" maximum:"100"`
	Cursor string `query:"cursor"`
}

// Catalogue lists the networks the asker may see: open and on-request ones, and
// the closed ones they belong to (administrators see every network).
func (s *Service) Catalogue(ctx context.Context, in CatalogueInput) (paging.Page[Summary], error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	var v apperr.Validation
	v.Check(in.Topic == "" || validTopic(in.Topic), "topic", apperr.FieldInvalid, "unknown topic")
	if err := v.Err(); err != nil {
		return paging.Page[Summary]{}, err
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	q := networkQuery{All: p.IsAdmin(), Topic: in.Topic, Search: strings.ToLower(strings.TrimSpace(in.Query)),
		Limit: req.Limit, After: req.After}
	if in.County != "" {
		q.Regions = []string{in.County, "national"}
	}
	listed, err := s.store.ListNetworks(ctx, q)
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	// My memberships: to add my closed networks and to show my role. A person
	// belongs to few networks, so this read is small whatever the catalogue's size.
	mine, err := s.allMemberships(ctx, p.UserID)
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	roles := map[string]Role{}
	var closedIDs []string
	for _, m := range mine {
		roles[m.NetworkID] = m.Role
		closedIDs = append(closedIDs, m.NetworkID)
	}
	all := listed
	if !q.All && len(closedIDs) > 0 {
		nets, err := s.store.NetworksByID(ctx, closedIDs)
		if err != nil {
			return paging.Page[Summary]{}, err
		}
		for _, n := range nets {
			if n.Visibility == Closed && q.matches(n) {
				all = append(all, n)
			}
		}
		slices.SortFunc(all, func(a, b Network) int {
			if c := strings.Compare(a.sortName, b.sortName); c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		})
		if len(all) > req.Limit+1 {
			all = all[:req.Limit+1]
		}
	}
	page := paging.Build(all, req.Limit, func(n Network) paging.Cursor { return paging.Cursor{Key: n.sortName, ID: n.ID} })
	out := paging.Page[Summary]{Items: make([]Summary, len(page.Items)), NextCursor: page.NextCursor}
	for i, n := range page.Items {
		out.Items[i] = s.summary(n, roles[n.ID])
	}
	return out, nil
}

// matches applies q's filters and position to one network in memory, exactly as
// the stores do in their queries.
func (q networkQuery) matches(n Network) bool {
	if q.Topic != "" && !slices.Contains(n.Topics, q.Topic) {
		return false
	}
	if len(q.Regions) > 0 && !slices.ContainsFunc(n.regionKeys(), func(r string) bool { return slices.Contains(q.Regions, r) }) {
		return false
	}
	if q.Search != "" && !strings.Contains(strings.ToLower(n.Name), q.Search) {
		return false
	}
	if q.After != nil && (n.sortName < q.After.Key || n.sortName == q.After.Key && n.ID <= q.After.ID) {
		return false
	}
	return true
}

// excerptLength is how much of a description lists show.
const excerptLength = 200

// maxMemberships bounds how many networks one person's lists read at once.
const maxMemberships = 1000

func (s *Service) allMemberships(ctx context.Context, userID string) ([]Membership, error) {
	return s.store.MembershipsOf(ctx, userID, maxMemberships, nil)
}

// MyNetworks lists the asker's networks, the most recently joined first.
func (s *Service) MyNetworks(ctx context.Context, limit int, cursor string) (paging.Page[Summary], error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	req, err := paging.NewRequest(limit, cursor)
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	ms, err := s.store.MembershipsOf(ctx, p.UserID, req.Limit+1, req.After)
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	page := paging.Build(ms, req.Limit, func(m Membership) paging.Cursor {
		return paging.Cursor{Key: joinedKey(m.JoinedAt), ID: m.NetworkID}
	})
	return s.summaries(ctx, page)
}

func (s *Service) summaries(ctx context.Context, page paging.Page[Membership]) (paging.Page[Summary], error) {
	ids := make([]string, len(page.Items))
	for i, m := range page.Items {
		ids[i] = m.NetworkID
	}
	nets, err := s.store.NetworksByID(ctx, ids)
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	byID := map[string]Network{}
	for _, n := range nets {
		byID[n.ID] = n
	}
	out := paging.Page[Summary]{Items: []Summary{}, NextCursor: page.NextCursor}
	for _, m := range page.Items {
		if n, ok := byID[m.NetworkID]; ok {
			out.Items = append(out.Items, s.summary(n, m.Role))
		}
	}
	return out, nil
}

// joinedKey is the cursor key of a membership in "my networks" (newest first):
// its join time in Unix milliseconds.
func joinedKey(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

func (s *Service) principal(ctx context.Context) (auth.Principal, error) { return auth.Require(ctx) }

func sortByName(nets []Network) []Network {
	slices.SortFunc(nets, func(a, b Network) int {
		if c := strings.Compare(a.sortName, b.sortName); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return nets
}

// AddMemberDirectly makes someone a member without the usual join rules. Only
// trusted callers use it (demo seeding, the operator CLI); it never runs for a
// request. An existing membership is left as it is.
func (s *Service) AddMemberDirectly(ctx context.Context, slug, userID string, role Role) error {
	n, err := s.store.NetworkBySlug(ctx, slug)
	if err != nil {
		return err
	}
	p, err := s.People.Person(ctx, userID)
	if err != nil {
		return err
	}
	if _, err := s.addMember(ctx, n, p, role); err != nil && !errors.Is(err, apperr.ErrConflict) {
		return err
	}
	return nil
}

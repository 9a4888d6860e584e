package library

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/blob"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// NetworkAccess is the asker's place in a network, as the network feature sees it.
type NetworkAccess struct {
	ID        string
	Slug      string
	Name      string
	Open      bool // anyone logged in may read an open network's library
	Member    bool
	Moderator bool // moderator or owner
	Admin     bool
}

func (a NetworkAccess) canRead() bool       { return a.Member || a.Admin || a.Open }
func (a NetworkAccess) canModerate() bool   { return a.Moderator || a.Admin }
func (a NetworkAccess) canContribute() bool { return a.Member || a.Admin }

// Networks is what the library needs from the network feature.
type Networks interface {
	// Access answers for the principal in ctx: 401 for nobody, 404 for a
	// network they may not see.
	Access(ctx context.Context, slug string) (NetworkAccess, error)
	AccessByID(ctx context.Context, networkID string) (NetworkAccess, error)
	// Record writes a moderation act to the network's audit log.
	Record(ctx context.Context, networkID, action, targetID, targetName, detail string) error
}

// Org is an organisation that owns resources.
type Org struct {
	ID           string
	Name         string
	CountyNumber string
}

// Person is an uploader.
type Person struct {
	ID   string
	Name string
	Org  Org
}

// People looks up uploaders and organisations.
type People interface {
	Person(ctx context.Context, id string) (Person, error)
	// Org returns an error that unwraps to apperr.ErrNotFound for an unknown id.
	Org(ctx context.Context, id string) (Org, error)
}

// Deps are what the service works with.
type Deps struct {
	Networks Networks
	People   People
	Blobs    blob.Store
	// Topics are the keys resources may be tagged with (the network topics).
	Topics  []string
	Render  func(markdown string) string
	Excerpt func(markdown string, maxRunes int) string
	// MaxUpload is the largest file accepted, in bytes.
	MaxUpload int64
	// LinkKey signs download links (at least 32 bytes).
	LinkKey []byte
	// Changes feeds the search index and Extract reads the text inside
	// files for it; either may be nil when nothing searches.
	Changes Changes
	Extract Extractor
	Now     func() time.Time
	Log     *slog.Logger
}

// Service runs the libraries. Every operation checks the asker's rights here.
type Service struct {
	store store
	Deps
}

// NewService returns the library service on s.
func NewService(s store, d Deps) *Service { return &Service{store: s, Deps: d} }

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Millisecond) }

func errMembersOnly() error {
	return apperr.Forbidden("library.members_only", "only the network's members add to its library")
}
func errModeratorsOnly() error {
	return apperr.Forbidden("library.moderators_only", "only the network's moderators do this")
}
func errNotYours() error {
	return apperr.Forbidden("library.not_uploader", "only the uploader and the network's moderators change a resource")
}
func errNotReader() error {
	return apperr.Forbidden("network.members_only", "only members read this network's library")
}
func errBadCursor() error {
	return apperr.Invalid("validation.failed", "the cursor is not valid",
		apperr.FieldError{Field: "cursor", Code: apperr.FieldInvalid, Message: "not a cursor of this list"})
}

// reader returns the asker's access to a network whose library they may read.
func (s *Service) reader(ctx context.Context, slug string) (NetworkAccess, auth.Principal, error) {
	a, err := s.Networks.Access(ctx, slug)
	if err != nil {
		return NetworkAccess{}, auth.Principal{}, err
	}
	p, _ := auth.FromContext(ctx)
	if !a.canRead() {
		return NetworkAccess{}, auth.Principal{}, errNotReader()
	}
	return a, p, nil
}

// readable loads a resource the asker may read; a resource in a network they
// may not see is not found.
func (s *Service) readable(ctx context.Context, id string) (Resource, NetworkAccess, auth.Principal, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return Resource{}, NetworkAccess{}, auth.Principal{}, err
	}
	r, err := s.store.Resource(ctx, id)
	if err != nil {
		return Resource{}, NetworkAccess{}, auth.Principal{}, err
	}
	a, err := s.Networks.AccessByID(ctx, r.NetworkID)
	if errors.Is(err, apperr.ErrNotFound) {
		return Resource{}, NetworkAccess{}, auth.Principal{}, errResourceNotFound()
	}
	if err != nil {
		return Resource{}, NetworkAccess{}, auth.Principal{}, err
	}
	if !a.canRead() {
		return Resource{}, NetworkAccess{}, auth.Principal{}, errNotReader()
	}
	return r, a, p, nil
}

// mayChange reports whether the asker may edit r: its uploader while a
// member, the network's moderators and administrators.
func mayChange(r Resource, a NetworkAccess, p auth.Principal) bool {
	return a.canModerate() || a.Member && r.UploaderID == p.UserID
}

// record writes a moderation act: acting on someone else's resource.
func (s *Service) record(ctx context.Context, r Resource, p auth.Principal, action string) error {
	if r.UploaderID == p.UserID {
		return nil
	}
	return s.Networks.Record(ctx, r.NetworkID, action, r.ID, r.Title, "")
}

// ---- views

// ResourcePermissions say what the asker may do with a resource.
type ResourcePermissions struct {
	Edit       bool `json:"edit" doc:"Change the description, or upload a new version"`
	Delete     bool `json:"delete"`
	Collection bool `json:"collection" doc:"Put it in the network's collections (moderators)"`
}

// ResourceView is a resource with what the asker needs to show it.
type ResourceView struct {
	Resource
	NetworkSlug string              `json:"networkSlug"`
	Permissions ResourcePermissions `json:"permissions"`
	// SameFileIn points out, after an upload, the network's other resources
	// that have the very same file.
	SameFileIn []Ref `json:"sameFileIn,omitempty" doc:"After an upload: other resources of the network with the same file"`
	// Collections are the network's collections the resource is in (when
	// the resource itself is asked for).
	Collections []CollectionRef `json:"collections,omitempty" doc:"The collections the resource is in"`
}

// CollectionRef names a collection.
type CollectionRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (s *Service) view(r Resource, a NetworkAccess, p auth.Principal) ResourceView {
	may := mayChange(r, a, p)
	return ResourceView{Resource: r, NetworkSlug: a.Slug,
		Permissions: ResourcePermissions{Edit: may, Delete: may, Collection: a.canModerate()}}
}

// ResourceItem is a resource in a list.
type ResourceItem struct {
	ID           string    `json:"id"`
	Title        string    `json:"title"`
	Excerpt      string    `json:"excerpt"`
	Kind         Kind      `json:"kind" enum:"plan,report,template,guide,presentation,decision,other"`
	Topics       []string  `json:"topics"`
	OrgID        string    `json:"orgId"`
	OrgName      string    `json:"orgName"`
	CountyNumber string    `json:"countyNumber,omitempty"`
	Year         int       `json:"year,omitempty"`
	Licence      string    `json:"licence" enum:"cc_by_4,public_sector_reuse,all_rights_reserved,other"`
	Link         string    `json:"link,omitempty"`
	File         *File     `json:"file,omitempty"`
	VersionCount int       `json:"versionCount"`
	Downloads    int       `json:"downloads"`
	UploaderName string    `json:"uploaderName"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

func item(r Resource) ResourceItem {
	return ResourceItem{ID: r.ID, Title: r.Title, Excerpt: r.Excerpt, Kind: r.Kind, Topics: r.Topics, OrgID: r.OrgID,
		OrgName: r.OrgName, CountyNumber: r.CountyNumber, Year: r.Year, Licence: r.Licence, Link: r.Link, File: r.File,
		VersionCount: r.VersionCount, Downloads: r.Downloads, UploaderName: r.UploaderName, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// ---- browsing

// ListInput filters and orders a library.
type ListInput struct {
	Kind   string `query:"kind" enum:"plan,report,template,guide,presentation,decision,other" doc:"Only this kind"`
	Topic  string `query:"topic" maxLength:"40" doc:"Only resources with this topic"`
	Org    string `query:"org" maxLength:"40" doc:"Only resources owned by this organisation (id)"`
	County string `query:"county" maxLength:"2" doc:"Only resources whose owner is in this county (number)"`
	Year   int    `query:"year" minimum:"0" maximum:"2200" doc:"Only resources of this year"`
	Sort   string `query:"sort" enum:"newest,downloads,title" doc:"newest (by default), most downloaded, or by title"`
	Limit  int    `query:"limit" minimum:"0" maximum:"100"`
	Cursor string `query:"cursor"`
}

// listFacets turns filters into facets, the most selective first: that one
// drives the indexed read.
func (in ListInput) facets() []string {
	var out []string
	if in.Org != "" {
		out = append(out, "org:"+in.Org)
	}
	if in.Year != 0 {
		out = append(out, "year:"+strconv.Itoa(in.Year))
	}
	if in.Topic != "" {
		out = append(out, "topic:"+in.Topic)
	}
	if in.County != "" {
		out = append(out, "county:"+in.County)
	}
	if in.Kind != "" {
		out = append(out, "kind:"+in.Kind)
	}
	if len(out) == 0 {
		out = []string{"all"}
	}
	return out
}

// Resources lists a network's library.
func (s *Service) Resources(ctx context.Context, slug string, in ListInput) (paging.Page[ResourceItem], error) {
	a, _, err := s.reader(ctx, slug)
	if err != nil {
		return paging.Page[ResourceItem]{}, err
	}
	if in.Sort == "" {
		in.Sort = SortNewest
	}
	var v apperr.Validation
	v.Check(in.Sort == SortNewest || in.Sort == SortDownloads || in.Sort == SortTitle, "sort", apperr.FieldInvalid,
		"sort by newest, downloads or title")
	v.Check(in.Kind == "" || slices.Contains(Kinds, Kind(in.Kind)), "kind", apperr.FieldInvalid, "unknown kind")
	v.Check(in.Topic == "" || slices.Contains(s.Topics, in.Topic), "topic", apperr.FieldInvalid, "unknown topic")
	v.Check(in.County == "" || len(in.County) == 2 && in.County[0] >= '0' && in.County[0] <= '9' && in.County[1] >= '0' && in.County[1] <= '9',
		"county", apperr.FieldInvalid, "a county number of two digits")
	if err := v.Err(); err != nil {
		return paging.Page[ResourceItem]{}, err
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[ResourceItem]{}, err
	}
	if req.After != nil && in.Sort != SortTitle {
		if _, err := strconv.ParseInt(req.After.Key, 10, 64); err != nil {
			return paging.Page[ResourceItem]{}, errBadCursor()
		}
	}
	rs, err := s.store.ListResources(ctx, resourceQuery{NetworkID: a.ID, Facets: in.facets(), Sort: in.Sort, Limit: req.Limit, After: req.After})
	if err != nil {
		return paging.Page[ResourceItem]{}, err
	}
	page := paging.Build(rs, req.Limit, func(r Resource) paging.Cursor { return resourceCursor(r, in.Sort) })
	out := paging.Page[ResourceItem]{Items: make([]ResourceItem, len(page.Items)), NextCursor: page.NextCursor}
	for i, r := range page.Items {
		out.Items[i] = item(r)
	}
	return out, nil
}

func resourceCursor(r Resource, sortBy string) paging.Cursor {
	switch sortBy {
	case SortDownloads:
		return paging.Cursor{Key: strconv.Itoa(r.Downloads), ID: r.ID}
	case SortTitle:
		return paging.Cursor{Key: r.sortTitle, ID: r.ID}
	}
	return paging.Cursor{Key: strconv.FormatInt(r.CreatedAt.UnixMilli(), 10), ID: r.ID}
}

// Resource returns a resource as the asker sees it.
func (s *Service) Resource(ctx context.Context, id string) (ResourceView, error) {
	r, a, p, err := s.readable(ctx, id)
	if err != nil {
		return ResourceView{}, err
	}
	view := s.view(r, a, p)
	// A network has at most maxCollections collections, so reading them all
	// stays bounded.
	cs, err := s.store.Collections(ctx, r.NetworkID)
	if err != nil {
		return ResourceView{}, err
	}
	for _, c := range cs {
		if slices.Contains(c.ResourceIDs, r.ID) {
			view.Collections = append(view.Collections, CollectionRef{ID: c.ID, Name: c.Name})
		}
	}
	return view, nil
}

// Settings are what a web app needs before an upload.
type Settings struct {
	MaxUploadBytes int64    `json:"maxUploadBytes" doc:"The largest file accepted"`
	Extensions     []string `json:"extensions" doc:"File name extensions of the accepted formats, for a file picker (the type is still decided from the bytes)"`
}

// Settings returns the upload limits (anyone logged in).
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	if _, err := auth.Require(ctx); err != nil {
		return Settings{}, err
	}
	var exts []string
	for _, f := range Formats {
		info := formats[f]
		exts = append(exts, info.ext)
		exts = append(exts, info.alsoExt...)
	}
	return Settings{MaxUploadBytes: s.MaxUpload, Extensions: exts}, nil
}

// Versions lists a resource's file versions, newest first.
func (s *Service) Versions(ctx context.Context, id string) ([]Version, error) {
	if _, _, _, err := s.readable(ctx, id); err != nil {
		return nil, err
	}
	vs, err := s.store.Versions(ctx, id)
	if vs == nil {
		vs = []Version{}
	}
	return vs, err
}

// WithFile lists the network's resources that have a version with the file
// whose SHA-256 is sha, so the web app can point out a duplicate before it
// uploads anything.
func (s *Service) WithFile(ctx context.Context, slug, sha string) ([]Ref, error) {
	a, _, err := s.reader(ctx, slug)
	if err != nil {
		return nil, err
	}
	if !blob.ValidSHA256(sha) {
		return nil, apperr.Invalid("validation.failed", "not a SHA-256",
			apperr.FieldError{Field: "sha256", Code: apperr.FieldInvalid, Message: "64 lower-case hex digits"})
	}
	return s.refsWithFile(ctx, a.ID, sha, "")
}

func (s *Service) refsWithFile(ctx context.Context, networkID, sha, except string) ([]Ref, error) {
	rs, err := s.store.ResourcesWithFile(ctx, networkID, sha, 11)
	if err != nil {
		return nil, err
	}
	out := []Ref{}
	for _, r := range rs {
		if r.ID != except && len(out) < 10 {
			out = append(out, r.ref())
		}
	}
	return out, nil
}

// Resolve returns the resources among ids that are in the network and that
// the asker may read, as links from other features (forum attachments) show
// them. Unknown ids, and resources of other networks, are left out.
func (s *Service) Resolve(ctx context.Context, networkID string, ids []string) ([]Ref, error) {
	out := []Ref{}
	if len(ids) == 0 {
		return out, nil
	}
	if len(ids) > paging.MaxLimit {
		return nil, apperr.Invalid("validation.failed", "too many resources",
			apperr.FieldError{Field: "ids", Code: apperr.FieldTooLong, Message: "at most 100"})
	}
	a, err := s.Networks.AccessByID(ctx, networkID)
	if err != nil {
		return nil, err
	}
	if !a.canRead() {
		return out, nil
	}
	rs, err := s.store.ResourcesByID(ctx, networkID, ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]Resource{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r.ref())
			delete(byID, id)
		}
	}
	return out, nil
}

// ---- creating and changing

// owner fills the owning organisation: the chosen one, or the uploader's.
func (s *Service) owner(ctx context.Context, orgID string, me Person) (Org, error) {
	if orgID == "" || orgID == me.Org.ID {
		return me.Org, nil
	}
	o, err := s.People.Org(ctx, orgID)
	if errors.Is(err, apperr.ErrNotFound) {
		return Org{}, apperr.Invalid("validation.failed", "unknown organisation",
			apperr.FieldError{Field: "orgId", Code: apperr.FieldInvalid, Message: "no such organisation"})
	}
	return o, err
}

func (s *Service) person(ctx context.Context, id string) (Person, error) {
	p, err := s.People.Person(ctx, id)
	if err != nil {
		return Person{}, fmt.Errorf("uploader %s: %w", id, err)
	}
	return p, nil
}

// newResource builds a resource from checked input.
func (s *Service) newResource(ctx context.Context, a NetworkAccess, p auth.Principal, in ResourceInput) (Resource, error) {
	me, err := s.person(ctx, p.UserID)
	if err != nil {
		return Resource{}, err
	}
	o, err := s.owner(ctx, in.OrgID, me)
	if err != nil {
		return Resource{}, err
	}
	now := s.now()
	r := Resource{ID: sqlitedb.NewID(), NetworkID: a.ID, UploaderID: me.ID, UploaderName: me.Name, CreatedAt: now, UpdatedAt: now}
	s.describe(&r, in, o)
	return r, nil
}

// describe copies checked input into r.
func (s *Service) describe(r *Resource, in ResourceInput, o Org) {
	r.Title, r.Description, r.Kind, r.Topics, r.Year, r.Licence, r.Link = in.Title, in.Description, in.Kind, in.Topics, in.Year, in.Licence, in.Link
	r.OrgID, r.OrgName, r.CountyNumber = o.ID, o.Name, o.CountyNumber
	r.DescriptionHTML, r.Excerpt = s.Render(in.Description), s.Excerpt(in.Description, 200)
	r.sortTitle = sortKey(in.Title)
}

// CreateLink adds a web link to a network's library (members).
func (s *Service) CreateLink(ctx context.Context, slug string, in ResourceInput) (ResourceView, error) {
	a, p, err := s.reader(ctx, slug)
	if err != nil {
		return ResourceView{}, err
	}
	if !a.canContribute() {
		return ResourceView{}, errMembersOnly()
	}
	if err := in.validate(s.Topics, true, s.now()); err != nil {
		return ResourceView{}, err
	}
	r, err := s.newResource(ctx, a, p, in)
	if err != nil {
		return ResourceView{}, err
	}
	if err := s.store.CreateResource(ctx, r, nil); err != nil {
		return ResourceView{}, err
	}
	if err := s.changed(ctx, r.ID); err != nil {
		return ResourceView{}, err
	}
	return s.view(r, a, p), nil
}

// UploadAccess checks, before any of an upload is read, that the asker may
// add a file to the network's library.
func (s *Service) UploadAccess(ctx context.Context, slug string) error {
	a, _, err := s.reader(ctx, slug)
	if err == nil && !a.canContribute() {
		err = errMembersOnly()
	}
	return err
}

// CreateFile adds a file to a network's library (members): in describes it,
// name is the uploader's file name, and file is read as it arrives. The
// description is checked before the file is read.
func (s *Service) CreateFile(ctx context.Context, slug string, in ResourceInput, name string, file io.Reader) (ResourceView, error) {
	a, p, err := s.reader(ctx, slug)
	if err != nil {
		return ResourceView{}, err
	}
	if !a.canContribute() {
		return ResourceView{}, errMembersOnly()
	}
	if err := in.validate(s.Topics, false, s.now()); err != nil {
		return ResourceView{}, err
	}
	r, err := s.newResource(ctx, a, p, in)
	if err != nil {
		return ResourceView{}, err
	}
	f, err := s.receive(ctx, name, file)
	if err != nil {
		return ResourceView{}, err
	}
	same, err := s.refsWithFile(ctx, a.ID, f.SHA256, "")
	if err != nil {
		s.abandon(ctx, f)
		return ResourceView{}, err
	}
	f.Version, f.UploadedAt = 1, r.CreatedAt
	v := Version{File: f.File, ID: sqlitedb.NewID(), ResourceID: r.ID, NetworkID: a.ID, UploaderID: r.UploaderID, UploaderName: r.UploaderName}
	if err := s.store.CreateResource(ctx, r, &v); err != nil {
		s.abandon(ctx, f)
		return ResourceView{}, err
	}
	if err := s.changed(ctx, r.ID); err != nil {
		return ResourceView{}, err
	}
	r.File, r.VersionCount = &v.File, 1
	view := s.view(r, a, p)
	view.SameFileIn = same
	return view, nil
}

// VersionAccess checks, before any of an upload is read, that the asker may
// add a version to the resource.
func (s *Service) VersionAccess(ctx context.Context, id string) error {
	r, a, p, err := s.readable(ctx, id)
	if err != nil {
		return err
	}
	switch {
	case r.File == nil:
		return apperr.Conflict("library.not_a_file", "a web link has no file versions")
	case !mayChange(r, a, p):
		return errNotYours()
	}
	return nil
}

// VersionInput describes a new version.
type VersionInput struct {
	Note string `json:"note,omitempty" maxLength:"500" doc:"What changed"`
}

// AddVersion uploads a new version of a resource's file (its uploader and
// the moderators). The same file as the newest version is refused with
// library.same_file; the network's other resources with the same file are
// pointed out.
func (s *Service) AddVersion(ctx context.Context, id string, in VersionInput, name string, file io.Reader) (ResourceView, error) {
	if err := s.VersionAccess(ctx, id); err != nil {
		return ResourceView{}, err
	}
	var v apperr.Validation
	checkText(&v, "note", in.Note, false, maxNote)
	if err := v.Err(); err != nil {
		return ResourceView{}, err
	}
	f, err := s.receive(ctx, name, file)
	if err != nil {
		return ResourceView{}, err
	}
	r, a, p, err := s.readable(ctx, id)
	if err != nil {
		s.abandon(ctx, f)
		return ResourceView{}, err
	}
	if r.File != nil && r.File.SHA256 == f.SHA256 {
		s.abandon(ctx, f)
		return ResourceView{}, apperr.Conflict("library.same_file", "this file is the same as the newest version")
	}
	same, err := s.refsWithFile(ctx, r.NetworkID, f.SHA256, r.ID)
	if err != nil {
		s.abandon(ctx, f)
		return ResourceView{}, err
	}
	me, err := s.person(ctx, p.UserID)
	if err != nil {
		s.abandon(ctx, f)
		return ResourceView{}, err
	}
	f.UploadedAt = s.now()
	ver, err := s.store.AddVersion(ctx, Version{File: f.File, ID: sqlitedb.NewID(), ResourceID: r.ID, NetworkID: r.NetworkID,
		UploaderID: me.ID, UploaderName: me.Name, Note: strings.TrimSpace(in.Note)})
	if err != nil {
		s.abandon(ctx, f)
		return ResourceView{}, err
	}
	if err := s.changed(ctx, r.ID); err != nil {
		return ResourceView{}, err
	}
	if err := s.record(ctx, r, p, "library.version_added"); err != nil {
		return ResourceView{}, err
	}
	r.File, r.VersionCount, r.UpdatedAt = &ver.File, ver.Version, ver.UploadedAt
	view := s.view(r, a, p)
	view.SameFileIn = same
	return view, nil
}

// UpdateResource changes a resource's description (its uploader and the
// moderators); a file stays a file and a link a link.
func (s *Service) UpdateResource(ctx context.Context, id string, in ResourceInput) (ResourceView, error) {
	r, a, p, err := s.readable(ctx, id)
	if err != nil {
		return ResourceView{}, err
	}
	if !mayChange(r, a, p) {
		return ResourceView{}, errNotYours()
	}
	if err := in.validate(s.Topics, r.File == nil, s.now()); err != nil {
		return ResourceView{}, err
	}
	o := Org{ID: r.OrgID, Name: r.OrgName, CountyNumber: r.CountyNumber}
	if in.OrgID != "" && in.OrgID != r.OrgID {
		if o, err = s.owner(ctx, in.OrgID, Person{}); err != nil {
			return ResourceView{}, err
		}
	}
	s.describe(&r, in, o)
	r.UpdatedAt = s.now()
	if err := s.store.UpdateResource(ctx, r); err != nil {
		return ResourceView{}, err
	}
	if err := s.changed(ctx, r.ID); err != nil {
		return ResourceView{}, err
	}
	if err := s.record(ctx, r, p, "library.resource_edited"); err != nil {
		return ResourceView{}, err
	}
	return s.view(r, a, p), nil
}

// DeleteResource removes a resource with all its versions (its uploader and
// the moderators). Its blobs are deleted by the sweeper once no version of
// any resource uses them.
func (s *Service) DeleteResource(ctx context.Context, id string) error {
	r, a, p, err := s.readable(ctx, id)
	if err != nil {
		return err
	}
	if !mayChange(r, a, p) {
		return errNotYours()
	}
	shas, err := s.store.DeleteResource(ctx, id)
	if err != nil {
		return err
	}
	if err := s.changed(ctx, id); err != nil {
		return err
	}
	if err := s.store.MarkUnused(ctx, shas, s.now()); err != nil {
		return err
	}
	if err := s.store.RemoveFromCollections(ctx, r.NetworkID, r.ID); err != nil {
		return err
	}
	return s.record(ctx, r, p, "library.resource_deleted")
}

// ---- blob housekeeping

// blobGrace is how long a blob stays after its last version went: a blob
// put again within it (an upload in flight) is never deleted under it.
const blobGrace = time.Hour

// Sweep deletes blobs no version uses any more, and what crashed uploads
// left in the blob store. The server runs it every few minutes.
func (s *Service) Sweep(ctx context.Context) error {
	cutoff := s.Now().Add(-blobGrace)
	shas, err := s.store.Unused(ctx, cutoff, 100)
	if err != nil {
		return err
	}
	for _, sha := range shas {
		inUse, err := s.store.BlobInUse(ctx, sha)
		if err != nil {
			return err
		}
		if !inUse {
			deleted, err := s.Blobs.Delete(ctx, sha, cutoff)
			if err != nil {
				return err
			}
			if !deleted {
				// Put again within the grace period: look again next time,
				// unless it is gone already.
				o, err := s.Blobs.Open(ctx, sha)
				if err == nil {
					o.Close()
					if err := s.store.MarkUnused(ctx, []string{sha}, s.now()); err != nil {
						return err
					}
					continue
				}
				if !errors.Is(err, blob.ErrNotFound) {
					return err
				}
			}
		}
		if err := s.store.ForgetFileText(ctx, sha); err != nil {
			return err
		}
		if err := s.store.ForgetUnused(ctx, sha); err != nil {
			return err
		}
	}
	_, err = s.Blobs.Sweep(ctx, s.Now().Add(-24*time.Hour))
	return err
}

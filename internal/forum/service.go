package forum

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// NetworkAccess is the asker's place in a network, as the network feature sees it.
type NetworkAccess struct {
	ID        string
	Slug      string
	Name      string
	Open      bool // anyone logged in may read an open network's forum
	Member    bool
	Moderator bool // moderator or owner
	Admin     bool
}

func (a NetworkAccess) canRead() bool     { return a.Member || a.Admin || a.Open }
func (a NetworkAccess) canModerate() bool { return a.Moderator || a.Admin }

// Networks is what the forum needs from the network feature.
type Networks interface {
	// Access answers for the principal in ctx: 401 for nobody, 404 for a
	// network they may not see.
	Access(ctx context.Context, slug string) (NetworkAccess, error)
	AccessByID(ctx context.Context, networkID string) (NetworkAccess, error)
	// Members tells which of userIDs are members of the network.
	Members(ctx context.Context, networkID string, userIDs []string) (map[string]bool, error)
	// Record writes a moderation act to the network's audit log.
	Record(ctx context.Context, networkID, action, targetID, targetName, detail string) error
}

// Author is a person as posts show them.
type Author struct {
	ID      string
	Name    string
	OrgName string
}

// People looks up authors.
type People interface {
	Author(ctx context.Context, id string) (Author, error)
}

// Deps are what the service works with.
type Deps struct {
	Networks Networks
	People   People
	// Changes feeds the search index; nil when nothing listens.
	Changes Changes
	// Attachments looks up library resources attached to posts; with nil,
	// nothing can be attached.
	Attachments Attachments
	Render      func(markdown string) string
	Excerpt     func(markdown string, maxRunes int) string
	Now         func() time.Time
	Log         *slog.Logger
}

// Service runs the forums. Every operation checks the asker's rights here.
type Service struct {
	store store
	Deps
}

// NewService returns the forum service on s.
func NewService(s store, d Deps) *Service { return &Service{store: s, Deps: d} }

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Millisecond) }

func errThreadNotFound() error { return apperr.NotFound("forum.thread_not_found", "no such thread") }
func errPostNotFound() error   { return apperr.NotFound("forum.post_not_found", "no such post") }
func errMembersOnly() error {
	return apperr.Forbidden("forum.members_only", "only the network's members take part in its forum")
}
func errModeratorsOnly() error {
	return apperr.Forbidden("forum.moderators_only", "only the network's moderators do this")
}

// reader returns the asker's access to a network whose forum they may read.
func (s *Service) reader(ctx context.Context, slug string) (NetworkAccess, auth.Principal, error) {
	a, err := s.Networks.Access(ctx, slug)
	if err != nil {
		return NetworkAccess{}, auth.Principal{}, err
	}
	p, _ := auth.FromContext(ctx)
	if !a.canRead() {
		return NetworkAccess{}, auth.Principal{}, errMembersOnly()
	}
	return a, p, nil
}

// threadReader loads a thread the asker may read; a thread in a network they
// may not see is not found.
func (s *Service) threadReader(ctx context.Context, threadID string) (Thread, NetworkAccess, auth.Principal, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return Thread{}, NetworkAccess{}, auth.Principal{}, err
	}
	t, err := s.store.Thread(ctx, threadID)
	if err != nil {
		return Thread{}, NetworkAccess{}, auth.Principal{}, err
	}
	a, err := s.Networks.AccessByID(ctx, t.NetworkID)
	if errors.Is(err, apperr.ErrNotFound) {
		return Thread{}, NetworkAccess{}, auth.Principal{}, errThreadNotFound()
	}
	if err != nil {
		return Thread{}, NetworkAccess{}, auth.Principal{}, err
	}
	if !a.canRead() {
		return Thread{}, NetworkAccess{}, auth.Principal{}, errMembersOnly()
	}
	return t, a, p, nil
}

func (s *Service) author(ctx context.Context, id string) (Author, error) {
	a, err := s.People.Author(ctx, id)
	if err != nil {
		return Author{}, fmt.Errorf("author %s: %w", id, err)
	}
	return a, nil
}

// ---- categories

// CategoryInput creates or changes a category.
type CategoryInput struct {
	Name        string `json:"name" maxLength:"80"`
	Description string `json:"description,omitempty" maxLength:"1000"`
	Position    *int   `json:"position,omitempty" minimum:"0" maximum:"1000" doc:"Order in the list; last when left out"`
}

func (in CategoryInput) validate() error {
	var v apperr.Validation
	checkText(&v, "name", in.Name, true, maxCategoryName)
	checkText(&v, "description", in.Description, false, maxCategoryDesc)
	return v.Err()
}

// Categories lists a network's forum categories in order.
func (s *Service) Categories(ctx context.Context, slug string) ([]Category, error) {
	a, p, err := s.reader(ctx, slug)
	if err != nil {
		return nil, err
	}
	cs, err := s.store.Categories(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	targets := make([]string, len(cs))
	for i, c := range cs {
		targets[i] = "category:" + c.ID
	}
	levels, err := s.store.Watches(ctx, p.UserID, targets)
	if err != nil {
		return nil, err
	}
	for i := range cs {
		cs[i].Watch = Normal
		if l, ok := levels[targets[i]]; ok {
			cs[i].Watch = l
		}
	}
	if cs == nil {
		cs = []Category{}
	}
	return cs, nil
}

// CreateCategory adds a category (moderators).
func (s *Service) CreateCategory(ctx context.Context, slug string, in CategoryInput) (Category, error) {
	a, _, err := s.reader(ctx, slug)
	if err != nil {
		return Category{}, err
	}
	if !a.canModerate() {
		return Category{}, errModeratorsOnly()
	}
	if err := in.validate(); err != nil {
		return Category{}, err
	}
	existing, err := s.store.Categories(ctx, a.ID)
	if err != nil {
		return Category{}, err
	}
	if len(existing) >= 50 {
		return Category{}, apperr.Conflict("forum.too_many_categories", "a network can have at most 50 categories")
	}
	c := Category{ID: sqlitedb.NewID(), NetworkID: a.ID, Name: strings.TrimSpace(in.Name),
		Description: strings.TrimSpace(in.Description), Position: len(existing), CreatedAt: s.now()}
	if in.Position != nil {
		c.Position = *in.Position
	}
	if err := s.store.CreateCategory(ctx, c); err != nil {
		return Category{}, err
	}
	return c, s.Networks.Record(ctx, a.ID, "forum.category_created", c.ID, c.Name, "")
}

func (s *Service) categoryOf(ctx context.Context, a NetworkAccess, id string) (Category, error) {
	c, err := s.store.Category(ctx, id)
	if err != nil || c.NetworkID != a.ID {
		return Category{}, apperr.NotFound("forum.category_not_found", "no such category in this network")
	}
	return c, nil
}

// UpdateCategory renames, describes or moves a category (moderators).
func (s *Service) UpdateCategory(ctx context.Context, slug, id string, in CategoryInput) (Category, error) {
	a, _, err := s.reader(ctx, slug)
	if err != nil {
		return Category{}, err
	}
	if !a.canModerate() {
		return Category{}, errModeratorsOnly()
	}
	if err := in.validate(); err != nil {
		return Category{}, err
	}
	c, err := s.categoryOf(ctx, a, id)
	if err != nil {
		return Category{}, err
	}
	c.Name, c.Description = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description)
	if in.Position != nil {
		c.Position = *in.Position
	}
	if err := s.store.UpdateCategory(ctx, c); err != nil {
		return Category{}, err
	}
	return c, s.Networks.Record(ctx, a.ID, "forum.category_updated", c.ID, c.Name, "")
}

// DeleteCategory removes an empty category (moderators).
func (s *Service) DeleteCategory(ctx context.Context, slug, id string) error {
	a, _, err := s.reader(ctx, slug)
	if err != nil {
		return err
	}
	if !a.canModerate() {
		return errModeratorsOnly()
	}
	c, err := s.categoryOf(ctx, a, id)
	if err != nil {
		return err
	}
	if c.ThreadCount > 0 {
		return apperr.Conflict("forum.category_not_empty", "move or delete the category's threads first")
	}
	if err := s.store.DeleteCategory(ctx, id); err != nil {
		return err
	}
	return s.Networks.Record(ctx, a.ID, "forum.category_deleted", c.ID, c.Name, "")
}

// ---- threads

// NewThread starts a thread.
type NewThread struct {
	CategoryID string `json:"categoryId"`
	Kind       Kind   `json:"kind" enum:"discussion,question"`
	Title      string `json:"title" maxLength:"200"`
	Body       string `json:"body" maxLength:"50000" doc:"Markdown"`
	// Attachments are resources of the network's library.
	Attachments []string `json:"attachments,omitempty" maxItems:"10" uniqueItems:"true" doc:"Ids of resources of the network's library to attach (at most 10)"`
}

// CreateThread starts a discussion or asks a question (members).
func (s *Service) CreateThread(ctx context.Context, slug string, in NewThread) (ThreadView, error) {
	a, p, err := s.reader(ctx, slug)
	if err != nil {
		return ThreadView{}, err
	}
	if !a.Member {
		return ThreadView{}, errMembersOnly()
	}
	var v apperr.Validation
	v.Check(in.Kind.Valid(), "kind", apperr.FieldInvalid, "choose discussion or question")
	checkText(&v, "title", in.Title, true, maxTitle)
	checkText(&v, "body", in.Body, true, MaxBody)
	v.Check(in.CategoryID != "", "categoryId", apperr.FieldRequired, "choose a category")
	if err := v.Err(); err != nil {
		return ThreadView{}, err
	}
	if _, err := s.categoryOf(ctx, a, in.CategoryID); err != nil {
		return ThreadView{}, apperr.Invalid("validation.failed", "unknown category",
			apperr.FieldError{Field: "categoryId", Code: apperr.FieldInvalid, Message: "no such category in this network"})
	}
	attached, err := s.checkAttachments(ctx, a.ID, in.Attachments)
	if err != nil {
		return ThreadView{}, err
	}
	me, err := s.author(ctx, p.UserID)
	if err != nil {
		return ThreadView{}, err
	}
	now := s.now()
	body, mentions, err := s.prepare(ctx, a.ID, in.Body)
	if err != nil {
		return ThreadView{}, err
	}
	t := Thread{ID: sqlitedb.NewID(), NetworkID: a.ID, CategoryID: in.CategoryID, Kind: in.Kind,
		Title: strings.TrimSpace(in.Title), AuthorID: me.ID, AuthorName: me.Name, CreatedAt: now,
		LastActivityAt: now, LastPosterName: me.Name, PostCount: 1, Excerpt: s.Excerpt(in.Body, 200)}
	t.Slug = slugify(t.Title)
	first := Post{ID: sqlitedb.NewID(), ThreadID: t.ID, NetworkID: a.ID, Number: 1, AuthorID: me.ID,
		AuthorName: me.Name, AuthorOrg: me.OrgName, Body: in.Body, BodyHTML: body, Mentions: mentions,
		Reactions: map[string]int{}, Revision: 1, CreatedAt: now, AttachmentIDs: attachmentIDs(attached)}
	if err := s.store.CreateThread(ctx, t, first); err != nil {
		return ThreadView{}, err
	}
	_ = s.store.MarkRead(ctx, me.ID, t.ID, 1, now)
	_ = s.store.DeleteDraft(ctx, me.ID, "new:"+a.ID)
	if err := s.changed(ctx, "thread", t.ID); err != nil {
		return ThreadView{}, err
	}
	return s.threadView(ctx, t, a, p)
}

// ThreadsInput filters and orders a thread list.
type ThreadsInput struct {
	CategoryID string `query:"category" doc:"Only this category"`
	Sort       string `query:"sort" enum:"activity,newest,reactions,unanswered" doc:"activity (latest activity first) by default"`
	Limit      int    `query:"limit" minimum:"0" maximum:"100"`
	Cursor     string `query:"cursor"`
}

// ThreadItem is a thread in a list, with the asker's reading state.
type ThreadItem struct {
	Thread
	Unread int  `json:"unread" doc:"Posts after the last one you read (0 when you have read all)"`
	New    bool `json:"new" doc:"You have not opened this thread yet"`
}

// ThreadList is a page of threads; the first page also lists the pinned ones.
type ThreadList struct {
	// OpenFlags counts reports waiting for a moderator; only moderators see it.
	OpenFlags  *int         `json:"openFlags,omitempty"`
	Pinned     []ThreadItem `json:"pinned"`
	Items      []ThreadItem `json:"items"`
	NextCursor string       `json:"nextCursor,omitempty"`
}

// Threads lists a network's threads (or a category's).
func (s *Service) Threads(ctx context.Context, slug string, in ThreadsInput) (ThreadList, error) {
	a, p, err := s.reader(ctx, slug)
	if err != nil {
		return ThreadList{}, err
	}
	if in.Sort == "" {
		in.Sort = SortActivity
	}
	var v apperr.Validation
	v.Check(in.Sort == SortActivity || in.Sort == SortNewest || in.Sort == SortReactions || in.Sort == SortUnanswered,
		"sort", apperr.FieldInvalid, "sort by activity, newest, reactions or unanswered")
	if err := v.Err(); err != nil {
		return ThreadList{}, err
	}
	if in.CategoryID != "" {
		if _, err := s.categoryOf(ctx, a, in.CategoryID); err != nil {
			return ThreadList{}, err
		}
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return ThreadList{}, err
	}
	if req.After != nil {
		if _, err := strconv.ParseInt(req.After.Key, 10, 64); err != nil {
			return ThreadList{}, errBadCursor()
		}
	}
	ts, err := s.store.ListThreads(ctx, threadQuery{NetworkID: a.ID, CategoryID: in.CategoryID, Sort: in.Sort, Limit: req.Limit, After: req.After})
	if err != nil {
		return ThreadList{}, err
	}
	page := paging.Build(ts, req.Limit, func(t Thread) paging.Cursor { return threadCursor(t, in.Sort) })
	var pinned []Thread
	if req.After == nil && in.Sort != SortUnanswered {
		if pinned, err = s.store.Pinned(ctx, a.ID, in.CategoryID, 20); err != nil {
			return ThreadList{}, err
		}
	}
	reads, err := s.store.ReadStates(ctx, p.UserID, append(ids(pinned), ids(page.Items)...))
	if err != nil {
		return ThreadList{}, err
	}
	list := ThreadList{Pinned: items(pinned, reads), Items: items(page.Items, reads), NextCursor: page.NextCursor}
	if req.After == nil && a.canModerate() {
		n, err := s.store.CountFlags(ctx, a.ID, "open")
		if err != nil {
			return ThreadList{}, err
		}
		list.OpenFlags = &n
	}
	return list, nil
}

func ids(ts []Thread) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func items(ts []Thread, reads map[string]int) []ThreadItem {
	out := make([]ThreadItem, len(ts))
	for i, t := range ts {
		last, read := reads[t.ID]
		out[i] = ThreadItem{Thread: t, New: !read, Unread: t.PostCount - last}
		if !read {
			out[i].Unread = t.PostCount
		}
	}
	return out
}

// threadCursor is the position of t in a list sorted by sortBy.
func threadCursor(t Thread, sortBy string) paging.Cursor {
	var key int64
	switch sortBy {
	case SortNewest, SortUnanswered:
		key = t.CreatedAt.UnixMilli()
	case SortReactions:
		key = int64(t.ReactionCount)
	default:
		key = t.LastActivityAt.UnixMilli()
	}
	return paging.Cursor{Key: strconv.FormatInt(key, 10), ID: t.ID}
}

func errBadCursor() error {
	return apperr.Invalid("validation.failed", "the cursor is not valid",
		apperr.FieldError{Field: "cursor", Code: apperr.FieldInvalid, Message: "not a cursor of this list"})
}

// ThreadPermissions say what the asker may do in a thread.
type ThreadPermissions struct {
	Reply    bool `json:"reply"`
	Moderate bool `json:"moderate"`
	Accept   bool `json:"accept" doc:"May mark an answer as accepted (the asker or a moderator, on questions)"`
	React    bool `json:"react"`
	Flag     bool `json:"flag"`
}

// ThreadView is a thread with what the asker needs to show it.
type ThreadView struct {
	Thread
	NetworkSlug  string            `json:"networkSlug"`
	CategoryName string            `json:"categoryName"`
	LastRead     int               `json:"lastRead" doc:"The number of the last post you read; open the thread after it"`
	Watch        string            `json:"watch" enum:"watching,normal,muted"`
	Accepted     *Post             `json:"acceptedPost,omitempty" doc:"The accepted answer, shown right under the question"`
	Permissions  ThreadPermissions `json:"permissions"`
}

// Thread returns a thread as the asker sees it.
func (s *Service) Thread(ctx context.Context, id string) (ThreadView, error) {
	t, a, p, err := s.threadReader(ctx, id)
	if err != nil {
		return ThreadView{}, err
	}
	return s.threadView(ctx, t, a, p)
}

func (s *Service) threadView(ctx context.Context, t Thread, a NetworkAccess, p auth.Principal) (ThreadView, error) {
	v := ThreadView{Thread: t, NetworkSlug: a.Slug, Watch: Normal}
	if c, err := s.store.Category(ctx, t.CategoryID); err == nil {
		v.CategoryName = c.Name
	}
	reads, err := s.store.ReadStates(ctx, p.UserID, []string{t.ID})
	if err != nil {
		return ThreadView{}, err
	}
	v.LastRead = reads[t.ID]
	if w, err := s.store.Watch(ctx, p.UserID, "thread:"+t.ID); err == nil && w != "" {
		v.Watch = w
	}
	if t.AcceptedPostID != "" {
		if ap, err := s.store.Post(ctx, t.AcceptedPostID); err == nil {
			shown := s.shown(ap, a, p)
			if err := s.withAttachments(ctx, t.NetworkID, &shown); err != nil {
				return ThreadView{}, err
			}
			v.Accepted = &shown
		}
	}
	v.Permissions = ThreadPermissions{
		Reply:    a.Member && (!t.Locked || a.canModerate()),
		Moderate: a.canModerate(),
		Accept:   t.Kind == Question && (t.AuthorID == p.UserID && a.Member || a.canModerate()),
		React:    a.Member,
		Flag:     a.Member,
	}
	return v, nil
}

// shown is a post as the asker may see it: deleted posts lose their text and
// attachments for everyone; hidden ones for everyone but moderators and the
// author. Attachments are filled in by withAttachments.
func (s *Service) shown(pt Post, a NetworkAccess, p auth.Principal) Post {
	if pt.DeletedAt != nil {
		pt.Body, pt.BodyHTML, pt.Mentions, pt.AttachmentIDs = "", "", []string{}, nil
	} else if pt.Hidden && !a.canModerate() && pt.AuthorID != p.UserID {
		pt.Body, pt.BodyHTML, pt.Mentions, pt.AttachmentIDs = "", "", []string{}, nil
	}
	if pt.Mentions == nil {
		pt.Mentions = []string{}
	}
	if pt.Attachments == nil {
		pt.Attachments = []Attachment{}
	}
	if pt.Reactions == nil {
		pt.Reactions = map[string]int{}
	}
	return pt
}

// ---- mentions

// A mention is written @[Name](user id) — the composer's autocomplete inserts it.
var mentionPattern = regexp.MustCompile(`@\[([^\]\n]{1,120})\]\(([0-9a-f]{24})\)`)

var markdownSpecial = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	"`", "\\`", `#`, `\#`, `!`, `\!`, `(`, `\(`, `)`, `\)`, `|`, `\|`, `~`, `\~`)

// prepare renders a post's Markdown. Mentions of the network's members become
// links to their profiles and are returned to be notified; mentions of anyone
// else stay plain text and are neither linked nor notified.
// PreviewInput is Markdown to render, optionally as a post in a network.
type PreviewInput struct {
	Body    string `json:"body" maxLength:"50000"`
	Network string `json:"network,omitempty" maxLength:"100" doc:"The network's slug: mentions of its members then show as links, as they will once posted"`
}

// Preview renders Markdown as a post would show it.
func (s *Service) Preview(ctx context.Context, in PreviewInput) (Preview, error) {
	if _, err := auth.Require(ctx); err != nil {
		return Preview{}, err
	}
	if in.Network == "" {
		return Preview{HTML: s.Render(in.Body)}, nil
	}
	a, _, err := s.reader(ctx, in.Network)
	if err != nil {
		return Preview{}, err
	}
	html, _, err := s.prepare(ctx, a.ID, in.Body)
	return Preview{HTML: html}, err
}

func (s *Service) prepare(ctx context.Context, networkID, body string) (string, []string, error) {
	found := mentionPattern.FindAllStringSubmatch(body, 50)
	var candidates []string
	for _, m := range found {
		candidates = append(candidates, m[2])
	}
	members := map[string]bool{}
	if len(candidates) > 0 {
		var err error
		members, err = s.Networks.Members(ctx, networkID, candidates)
		if err != nil {
			return "", nil, err
		}
	}
	expanded, mentioned := expandMentions(body, members)
	return s.Render(expanded), mentioned, nil
}

// expandMentions turns mentions of members into Markdown links to their
// profiles and every other mention into plain text, with the name escaped so
// it cannot smuggle in Markdown. It returns the members mentioned, once each.
func expandMentions(body string, members map[string]bool) (string, []string) {
	mentioned := []string{}
	seen := map[string]bool{}
	expanded := mentionPattern.ReplaceAllStringFunc(body, func(tok string) string {
		m := mentionPattern.FindStringSubmatch(tok)
		name := markdownSpecial.Replace(strings.TrimSpace(m[1]))
		if !members[m[2]] {
			return "@" + name
		}
		if !seen[m[2]] {
			seen[m[2]] = true
			mentioned = append(mentioned, m[2])
		}
		return "[@" + name + "](/personer/" + m[2] + ")"
	})
	return expanded, mentioned
}

package forum

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// PostsInput pages a thread's posts in order.
type PostsInput struct {
	From   int    `query:"from" minimum:"0" doc:"Start at this post number (e.g. the first unread one)"`
	Limit  int    `query:"limit" minimum:"0" maximum:"100"`
	Cursor string `query:"cursor"`
}

// PostItem is a post with the asker's own reactions to it.
type PostItem struct {
	Post
	MyReactions []string `json:"myReactions"`
	CanEdit     bool     `json:"canEdit"`
	CanDelete   bool     `json:"canDelete"`
}

// Posts pages a thread's posts from a number on, in order.
func (s *Service) Posts(ctx context.Context, threadID string, in PostsInput) (paging.Page[PostItem], error) {
	t, a, p, err := s.threadReader(ctx, threadID)
	if err != nil {
		return paging.Page[PostItem]{}, err
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[PostItem]{}, err
	}
	from := max(in.From, 1)
	if req.After != nil {
		n, err := strconv.Atoi(req.After.Key)
		if err != nil {
			return paging.Page[PostItem]{}, errBadCursor()
		}
		from = n + 1
	}
	posts, err := s.store.ListPosts(ctx, t.ID, from, req.Limit)
	if err != nil {
		return paging.Page[PostItem]{}, err
	}
	page := paging.Build(posts, req.Limit, func(p Post) paging.Cursor {
		return paging.Cursor{Key: strconv.Itoa(p.Number), ID: p.ID}
	})
	postIDs := make([]string, len(page.Items))
	for i, pt := range page.Items {
		postIDs[i] = pt.ID
	}
	mine, err := s.store.MyReactions(ctx, p.UserID, postIDs)
	if err != nil {
		return paging.Page[PostItem]{}, err
	}
	out := paging.Page[PostItem]{Items: make([]PostItem, len(page.Items)), NextCursor: page.NextCursor}
	for i, pt := range page.Items {
		my := mine[pt.ID]
		if my == nil {
			my = []string{}
		}
		out.Items[i] = s.item(pt, a, p, my)
	}
	shown := make([]*Post, len(out.Items))
	for i := range out.Items {
		shown[i] = &out.Items[i].Post
	}
	if err := s.withAttachments(ctx, t.NetworkID, shown...); err != nil {
		return paging.Page[PostItem]{}, err
	}
	return out, nil
}

// itemWithReactions is item for one post, looking up the asker's reactions.
func (s *Service) itemWithReactions(ctx context.Context, pt Post, a NetworkAccess, p auth.Principal) (PostItem, error) {
	mine, err := s.store.MyReactions(ctx, p.UserID, []string{pt.ID})
	if err != nil {
		return PostItem{}, err
	}
	my := mine[pt.ID]
	if my == nil {
		my = []string{}
	}
	item := s.item(pt, a, p, my)
	return item, s.withAttachments(ctx, a.ID, &item.Post)
}

// item is a post as the asker sees it in a list, with what they may do to it.
func (s *Service) item(pt Post, a NetworkAccess, p auth.Principal, myReactions []string) PostItem {
	item := PostItem{Post: s.shown(pt, a, p), MyReactions: myReactions,
		CanEdit:   pt.AuthorID == p.UserID && pt.DeletedAt == nil && a.Member,
		CanDelete: pt.DeletedAt == nil && pt.Number > 1 && (pt.AuthorID == p.UserID || a.canModerate())}
	if !item.CanEdit && !a.canModerate() {
		// Others' Markdown source is not needed to read a thread: the page
		// shows bodyHtml. Leaving it out halves what a page of posts weighs.
		item.Body = ""
	}
	return item
}

// ReplyInput answers in a thread.
type ReplyInput struct {
	Body         string   `json:"body" maxLength:"50000" doc:"Markdown; mention members as @[Name](user id)"`
	QuotedPostID string   `json:"quotedPostId,omitempty" doc:"The post this one quotes"`
	Attachments  []string `json:"attachments,omitempty" maxItems:"10" uniqueItems:"true" doc:"Ids of resources of the network's library to attach (at most 10)"`
}

// Reply adds a post to a thread (members; moderators also in locked threads).
func (s *Service) Reply(ctx context.Context, threadID string, in ReplyInput) (PostItem, error) {
	t, a, p, err := s.threadReader(ctx, threadID)
	if err != nil {
		return PostItem{}, err
	}
	if !a.Member {
		return PostItem{}, errMembersOnly()
	}
	if t.Locked && !a.canModerate() {
		return PostItem{}, apperr.Conflict("forum.thread_locked", "this thread is locked: no new replies")
	}
	var v apperr.Validation
	checkText(&v, "body", in.Body, true, MaxBody)
	if err := v.Err(); err != nil {
		return PostItem{}, err
	}
	if in.QuotedPostID != "" {
		q, err := s.store.Post(ctx, in.QuotedPostID)
		if err != nil || q.ThreadID != t.ID {
			return PostItem{}, apperr.Invalid("validation.failed", "the quoted post is not in this thread",
				apperr.FieldError{Field: "quotedPostId", Code: apperr.FieldInvalid, Message: "quote a post of this thread"})
		}
	}
	attached, err := s.checkAttachments(ctx, t.NetworkID, in.Attachments)
	if err != nil {
		return PostItem{}, err
	}
	me, err := s.author(ctx, p.UserID)
	if err != nil {
		return PostItem{}, err
	}
	html, mentions, err := s.prepare(ctx, t.NetworkID, in.Body)
	if err != nil {
		return PostItem{}, err
	}
	now := s.now()
	post, err := s.store.AddPost(ctx, Post{ID: sqlitedb.NewID(), ThreadID: t.ID, NetworkID: t.NetworkID,
		AuthorID: me.ID, AuthorName: me.Name, AuthorOrg: me.OrgName, Body: in.Body, BodyHTML: html,
		QuotedPostID: in.QuotedPostID, Mentions: mentions, Reactions: map[string]int{}, Revision: 1, CreatedAt: now,
		AttachmentIDs: attachmentIDs(attached)})
	if err != nil {
		return PostItem{}, err
	}
	post.Attachments = attached
	_ = s.store.MarkRead(ctx, me.ID, t.ID, post.Number, now)
	_ = s.store.DeleteDraft(ctx, me.ID, "thread:"+t.ID)
	if err := s.changed(ctx, "post", post.ID); err != nil {
		return PostItem{}, err
	}
	return PostItem{Post: post, MyReactions: []string{}, CanEdit: true, CanDelete: true}, nil
}

// postIn loads a post with its thread and the asker's access.
func (s *Service) postIn(ctx context.Context, postID string) (Post, Thread, NetworkAccess, auth.Principal, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return Post{}, Thread{}, NetworkAccess{}, auth.Principal{}, err
	}
	post, err := s.store.Post(ctx, postID)
	if err != nil {
		return Post{}, Thread{}, NetworkAccess{}, auth.Principal{}, err
	}
	t, a, p, err := s.threadReader(ctx, post.ThreadID)
	if errors.Is(err, apperr.ErrNotFound) {
		return Post{}, Thread{}, NetworkAccess{}, auth.Principal{}, errPostNotFound()
	}
	return post, t, a, p, err
}

// EditInput replaces a post's text.
type EditInput struct {
	Body     string `json:"body" maxLength:"50000"`
	Revision int    `json:"revision" minimum:"1" doc:"The revision the edit was made from"`
	// Attachments replace the post's; nil (left out) keeps them as they are.
	Attachments []string `json:"attachments,omitempty" maxItems:"10" uniqueItems:"true" doc:"Ids of the library resources the post attaches after the edit; leave out to keep them as they are, [] removes them all"`
}

// Edit replaces the text of one's own post. An edit made from an older revision
// than the stored one is refused with 409 (forum.edit_conflict), so two people
// (or two tabs) never overwrite each other; the client keeps its text.
func (s *Service) Edit(ctx context.Context, postID string, in EditInput) (PostItem, error) {
	post, t, a, p, err := s.postIn(ctx, postID)
	if err != nil {
		return PostItem{}, err
	}
	if post.AuthorID != p.UserID || !a.Member {
		return PostItem{}, apperr.Forbidden("forum.not_author", "only the author edits a post")
	}
	if post.DeletedAt != nil {
		return PostItem{}, apperr.Conflict("forum.post_deleted", "this post has been deleted")
	}
	var v apperr.Validation
	checkText(&v, "body", in.Body, true, MaxBody)
	if err := v.Err(); err != nil {
		return PostItem{}, err
	}
	if in.Revision != post.Revision {
		return PostItem{}, errEditConflict()
	}
	keep := in.Attachments == nil
	attached, err := s.checkAttachments(ctx, t.NetworkID, in.Attachments)
	if err != nil {
		return PostItem{}, err
	}
	html, mentions, err := s.prepare(ctx, t.NetworkID, in.Body)
	if err != nil {
		return PostItem{}, err
	}
	now := s.now()
	prev := Revision{PostID: post.ID, Revision: post.Revision, Body: post.Body, BodyHTML: post.BodyHTML,
		EditorID: post.AuthorID, SavedAt: post.CreatedAt, AttachmentIDs: post.AttachmentIDs}
	if post.EditedAt != nil {
		prev.SavedAt = *post.EditedAt
	}
	post.Body, post.BodyHTML, post.Mentions, post.Revision, post.EditedAt = in.Body, html, mentions, post.Revision+1, &now
	if !keep {
		post.AttachmentIDs = attachmentIDs(attached)
	}
	won, err := s.store.EditPost(ctx, post, prev)
	if err != nil {
		return PostItem{}, err
	}
	if !won {
		return PostItem{}, errEditConflict()
	}
	if err := s.changed(ctx, "post", post.ID); err != nil {
		return PostItem{}, err
	}
	return s.itemWithReactions(ctx, post, a, p)
}

func errEditConflict() error {
	return apperr.Conflict("forum.edit_conflict", "the post was changed meanwhile: copy your text, reload and edit again")
}

// History lists a post's earlier texts, newest first, for whoever may read it.
// Hidden and deleted posts keep their history from all but moderators.
func (s *Service) History(ctx context.Context, postID string) ([]Revision, error) {
	post, t, a, p, err := s.postIn(ctx, postID)
	if err != nil {
		return nil, err
	}
	if (post.DeletedAt != nil || post.Hidden) && !a.canModerate() && post.AuthorID != p.UserID {
		return []Revision{}, nil
	}
	rs, err := s.store.Revisions(ctx, postID)
	if err != nil {
		return nil, err
	}
	// The attachments of every revision, looked up in one call.
	all := make([]*Post, len(rs))
	for i, r := range rs {
		all[i] = &Post{AttachmentIDs: r.AttachmentIDs}
	}
	if err := s.withAttachments(ctx, t.NetworkID, all...); err != nil {
		return nil, err
	}
	for i := range rs {
		rs[i].Attachments = all[i].Attachments
	}
	if rs == nil {
		rs = []Revision{}
	}
	return rs, nil
}

// Delete removes a post's text, leaving a placeholder so replies keep their
// place (the author or a moderator). The opening post is not deleted alone.
func (s *Service) Delete(ctx context.Context, postID string) error {
	post, t, a, p, err := s.postIn(ctx, postID)
	if err != nil {
		return err
	}
	if post.AuthorID != p.UserID && !a.canModerate() {
		return apperr.Forbidden("forum.not_author", "only the author or a moderator deletes a post")
	}
	if post.Number == 1 {
		return apperr.Conflict("forum.opening_post", "the opening post stays; ask a moderator to hide it")
	}
	if post.DeletedAt != nil {
		return nil
	}
	now := s.now()
	if err := s.store.UpdatePost(ctx, post.ID, postChange{DeletedAt: &now, DeletedBy: &p.UserID}); err != nil {
		return err
	}
	if err := s.changed(ctx, "post", post.ID); err != nil {
		return err
	}
	if post.AuthorID != p.UserID {
		return s.Networks.Record(ctx, t.NetworkID, "forum.post_deleted", post.ID, post.AuthorName, t.Title)
	}
	return nil
}

// HideInput hides a post with a reason members see.
type HideInput struct {
	Hidden bool   `json:"hidden"`
	Reason string `json:"reason,omitempty" maxLength:"500"`
}

// Hide hides or shows a post (moderators).
func (s *Service) Hide(ctx context.Context, postID string, in HideInput) (PostItem, error) {
	post, t, a, p, err := s.postIn(ctx, postID)
	if err != nil {
		return PostItem{}, err
	}
	if !a.canModerate() {
		return PostItem{}, errModeratorsOnly()
	}
	var v apperr.Validation
	if in.Hidden {
		checkText(&v, "reason", in.Reason, true, maxReason)
	}
	if err := v.Err(); err != nil {
		return PostItem{}, err
	}
	reason := strings.TrimSpace(in.Reason)
	if !in.Hidden {
		reason = ""
	}
	if err := s.store.UpdatePost(ctx, post.ID, postChange{Hidden: &in.Hidden, HiddenReason: &reason, HiddenBy: &p.UserID}); err != nil {
		return PostItem{}, err
	}
	if err := s.changed(ctx, "post", post.ID); err != nil {
		return PostItem{}, err
	}
	action := "forum.post_hidden"
	if !in.Hidden {
		action = "forum.post_shown"
	}
	if err := s.Networks.Record(ctx, t.NetworkID, action, post.ID, post.AuthorName, reason); err != nil {
		return PostItem{}, err
	}
	post.Hidden, post.HiddenReason = in.Hidden, reason
	return s.itemWithReactions(ctx, post, a, p)
}

// ReactInput is one reaction.
type ReactInput struct {
	Reaction string `json:"reaction" enum:"thanks,agree,helpful,insightful"`
}

// React adds the asker's reaction to a post (members); reacting twice with the
// same reaction is a Conflict.
func (s *Service) React(ctx context.Context, postID string, in ReactInput) error {
	post, _, a, p, err := s.postIn(ctx, postID)
	if err != nil {
		return err
	}
	if !a.Member {
		return errMembersOnly()
	}
	if !validReaction(in.Reaction) {
		return apperr.Invalid("validation.failed", "unknown reaction",
			apperr.FieldError{Field: "reaction", Code: apperr.FieldInvalid, Message: "react with thanks, agree, helpful or insightful"})
	}
	if post.DeletedAt != nil || post.Hidden {
		return apperr.Conflict("forum.post_unavailable", "this post cannot be reacted to")
	}
	return s.store.AddReaction(ctx, reaction{PostID: post.ID, ThreadID: post.ThreadID, UserID: p.UserID, Kind: in.Reaction, At: s.now()})
}

// Unreact removes the asker's reaction.
func (s *Service) Unreact(ctx context.Context, postID, kind string) error {
	post, _, _, p, err := s.postIn(ctx, postID)
	if err != nil {
		return err
	}
	return s.store.RemoveReaction(ctx, reaction{PostID: post.ID, ThreadID: post.ThreadID, UserID: p.UserID, Kind: kind})
}

// Accept marks a reply as the accepted answer of a question (the asker or a
// moderator); postID "" removes the mark.
func (s *Service) Accept(ctx context.Context, threadID, postID string) (ThreadView, error) {
	t, a, p, err := s.threadReader(ctx, threadID)
	if err != nil {
		return ThreadView{}, err
	}
	if t.Kind != Question {
		return ThreadView{}, apperr.Conflict("forum.not_a_question", "only a question has an accepted answer")
	}
	if !(t.AuthorID == p.UserID && a.Member) && !a.canModerate() {
		return ThreadView{}, apperr.Forbidden("forum.not_asker", "only the asker or a moderator accepts an answer")
	}
	if postID != "" {
		post, err := s.store.Post(ctx, postID)
		if err != nil || post.ThreadID != t.ID {
			return ThreadView{}, errPostNotFound()
		}
		if post.Number == 1 || post.DeletedAt != nil || post.Hidden {
			return ThreadView{}, apperr.Conflict("forum.not_an_answer", "accept a visible reply, not the question itself")
		}
	}
	if err := s.store.UpdateThread(ctx, t.ID, threadChange{AcceptedPostID: &postID}); err != nil {
		return ThreadView{}, err
	}
	t.AcceptedPostID = postID
	return s.threadView(ctx, t, a, p)
}

// ModerateInput pins, locks or moves a thread.
type ModerateInput struct {
	Pinned     *bool   `json:"pinned,omitempty"`
	Locked     *bool   `json:"locked,omitempty"`
	CategoryID *string `json:"categoryId,omitempty" doc:"Move the thread to this category"`
}

// Moderate pins, locks or moves a thread (moderators); each act is audited.
func (s *Service) Moderate(ctx context.Context, threadID string, in ModerateInput) (ThreadView, error) {
	t, a, p, err := s.threadReader(ctx, threadID)
	if err != nil {
		return ThreadView{}, err
	}
	if !a.canModerate() {
		return ThreadView{}, errModeratorsOnly()
	}
	var acts []string
	if in.CategoryID != nil && *in.CategoryID != t.CategoryID {
		c, err := s.categoryOf(ctx, a, *in.CategoryID)
		if err != nil {
			return ThreadView{}, apperr.Invalid("validation.failed", "unknown category",
				apperr.FieldError{Field: "categoryId", Code: apperr.FieldInvalid, Message: "no such category in this network"})
		}
		acts = append(acts, "forum.thread_moved:"+c.Name)
		t.CategoryID = c.ID
	} else {
		in.CategoryID = nil
	}
	if in.Pinned != nil && *in.Pinned != t.Pinned {
		acts = append(acts, map[bool]string{true: "forum.thread_pinned", false: "forum.thread_unpinned"}[*in.Pinned])
		t.Pinned = *in.Pinned
	}
	if in.Locked != nil && *in.Locked != t.Locked {
		acts = append(acts, map[bool]string{true: "forum.thread_locked", false: "forum.thread_unlocked"}[*in.Locked])
		t.Locked = *in.Locked
	}
	if len(acts) == 0 {
		return s.threadView(ctx, t, a, p)
	}
	if err := s.store.UpdateThread(ctx, t.ID, threadChange{Pinned: in.Pinned, Locked: in.Locked, CategoryID: in.CategoryID}); err != nil {
		return ThreadView{}, err
	}
	if in.CategoryID != nil {
		if err := s.changed(ctx, "thread", t.ID); err != nil {
			return ThreadView{}, err
		}
	}
	for _, act := range acts {
		action, detail, _ := strings.Cut(act, ":")
		if err := s.Networks.Record(ctx, t.NetworkID, action, t.ID, t.Title, detail); err != nil {
			return ThreadView{}, err
		}
	}
	return s.threadView(ctx, t, a, p)
}

// ---- flags

// FlagInput reports a post.
type FlagInput struct {
	Reason string `json:"reason" enum:"spam,off_topic,inappropriate,other"`
	Note   string `json:"note,omitempty" maxLength:"500"`
}

// Report sends a post to the moderators' queue (members).
func (s *Service) Report(ctx context.Context, postID string, in FlagInput) (Flag, error) {
	post, _, a, p, err := s.postIn(ctx, postID)
	if err != nil {
		return Flag{}, err
	}
	if !a.Member {
		return Flag{}, errMembersOnly()
	}
	var v apperr.Validation
	v.Check(validFlagReason(in.Reason), "reason", apperr.FieldInvalid, "choose spam, off_topic, inappropriate or other")
	checkText(&v, "note", in.Note, in.Reason == "other", maxReason)
	if err := v.Err(); err != nil {
		return Flag{}, err
	}
	me, err := s.author(ctx, p.UserID)
	if err != nil {
		return Flag{}, err
	}
	f := Flag{ID: sqlitedb.NewID(), NetworkID: post.NetworkID, PostID: post.ID, ThreadID: post.ThreadID,
		ReporterID: me.ID, ReporterName: me.Name, Reason: in.Reason, Note: strings.TrimSpace(in.Note),
		Status: "open", CreatedAt: s.now()}
	return f, s.store.AddFlag(ctx, f)
}

// FlagsInput pages the moderators' queue.
type FlagsInput struct {
	Status string `query:"status" enum:"open,resolved,dismissed" doc:"open by default"`
	Limit  int    `query:"limit" minimum:"0" maximum:"100"`
	Cursor string `query:"cursor"`
}

// FlagItem is a report with the post it is about.
type FlagItem struct {
	Flag
	Post        Post   `json:"post"`
	ThreadTitle string `json:"threadTitle"`
	ThreadSlug  string `json:"threadSlug" doc:"For the link to the thread"`
}

// Flags is a network's moderation queue, oldest first (moderators).
func (s *Service) Flags(ctx context.Context, slug string, in FlagsInput) (paging.Page[FlagItem], error) {
	a, p, err := s.reader(ctx, slug)
	if err != nil {
		return paging.Page[FlagItem]{}, err
	}
	if !a.canModerate() {
		return paging.Page[FlagItem]{}, errModeratorsOnly()
	}
	if in.Status == "" {
		in.Status = "open"
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[FlagItem]{}, err
	}
	fs, err := s.store.ListFlags(ctx, a.ID, in.Status, req.Limit, req.After)
	if err != nil {
		return paging.Page[FlagItem]{}, err
	}
	page := paging.Build(fs, req.Limit, func(f Flag) paging.Cursor {
		return paging.Cursor{Key: strconv.FormatInt(f.CreatedAt.UnixMilli(), 10), ID: f.ID}
	})
	out := paging.Page[FlagItem]{Items: make([]FlagItem, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, f := range page.Items {
		post, err := s.store.Post(ctx, f.PostID)
		if err != nil {
			return paging.Page[FlagItem]{}, fmt.Errorf("flagged post %s: %w", f.PostID, err)
		}
		item := FlagItem{Flag: f, Post: s.shown(post, a, p)}
		if t, err := s.store.Thread(ctx, f.ThreadID); err == nil {
			item.ThreadTitle, item.ThreadSlug = t.Title, t.Slug
		}
		out.Items = append(out.Items, item)
	}
	posts := make([]*Post, len(out.Items))
	for i := range out.Items {
		posts[i] = &out.Items[i].Post
	}
	if err := s.withAttachments(ctx, a.ID, posts...); err != nil {
		return paging.Page[FlagItem]{}, err
	}
	return out, nil
}

// CloseFlagInput resolves or dismisses a report.
type CloseFlagInput struct {
	Status string `json:"status" enum:"resolved,dismissed"`
}

// CloseFlag resolves or dismisses a report (moderators); a report is closed once.
func (s *Service) CloseFlag(ctx context.Context, slug, flagID string, in CloseFlagInput) (Flag, error) {
	a, p, err := s.reader(ctx, slug)
	if err != nil {
		return Flag{}, err
	}
	if !a.canModerate() {
		return Flag{}, errModeratorsOnly()
	}
	if in.Status != "resolved" && in.Status != "dismissed" {
		return Flag{}, apperr.Invalid("validation.failed", "choose resolved or dismissed",
			apperr.FieldError{Field: "status", Code: apperr.FieldInvalid, Message: "resolved or dismissed"})
	}
	f, err := s.store.Flag(ctx, flagID)
	if err != nil || f.NetworkID != a.ID {
		return Flag{}, apperr.NotFound("forum.flag_not_found", "no such report in this network")
	}
	now := s.now()
	me, err := s.author(ctx, p.UserID)
	if err != nil {
		return Flag{}, err
	}
	f.Status, f.ResolvedBy, f.ResolvedByName, f.ResolvedAt = in.Status, p.UserID, me.Name, &now
	won, err := s.store.CloseFlag(ctx, f)
	if err != nil {
		return Flag{}, err
	}
	if !won {
		return Flag{}, apperr.Conflict("forum.flag_closed", "this report has already been handled")
	}
	return f, s.Networks.Record(ctx, a.ID, "forum.flag_"+in.Status, f.PostID, f.ReporterName, f.Reason)
}

// ---- reading state, watching, drafts

// ReadInput says how far the asker has read.
type ReadInput struct {
	Number int `json:"number" minimum:"1"`
}

// MarkRead remembers the last post the asker has read in a thread.
func (s *Service) MarkRead(ctx context.Context, threadID string, in ReadInput) error {
	t, _, p, err := s.threadReader(ctx, threadID)
	if err != nil {
		return err
	}
	return s.store.MarkRead(ctx, p.UserID, t.ID, min(max(in.Number, 1), t.PostCount), s.now())
}

// WatchInput sets how closely the asker follows a thread or category.
type WatchInput struct {
	Level string `json:"level" enum:"watching,normal,muted"`
}

func validLevel(l string) error {
	if l == Watching || l == Normal || l == Muted {
		return nil
	}
	return apperr.Invalid("validation.failed", "unknown level",
		apperr.FieldError{Field: "level", Code: apperr.FieldInvalid, Message: "watching, normal or muted"})
}

// WatchThread sets the asker's watch level for a thread.
func (s *Service) WatchThread(ctx context.Context, threadID string, in WatchInput) error {
	t, _, p, err := s.threadReader(ctx, threadID)
	if err != nil {
		return err
	}
	if err := validLevel(in.Level); err != nil {
		return err
	}
	return s.store.SetWatch(ctx, p.UserID, "thread:"+t.ID, in.Level)
}

// WatchCategory sets the asker's watch level for a category.
func (s *Service) WatchCategory(ctx context.Context, slug, categoryID string, in WatchInput) error {
	a, p, err := s.reader(ctx, slug)
	if err != nil {
		return err
	}
	if _, err := s.categoryOf(ctx, a, categoryID); err != nil {
		return err
	}
	if err := validLevel(in.Level); err != nil {
		return err
	}
	return s.store.SetWatch(ctx, p.UserID, "category:"+categoryID, in.Level)
}

// DraftInput is unposted text, saved as the person types.
type DraftInput struct {
	Title      string `json:"title,omitempty" maxLength:"200"`
	Body       string `json:"body" maxLength:"50000"`
	CategoryID string `json:"categoryId,omitempty"`
	Kind       Kind   `json:"kind,omitempty" enum:"discussion,question"`
	// QuotedPostID is the post the reply quotes, so the quote survives a reload.
	QuotedPostID string `json:"quotedPostId,omitempty" maxLength:"64"`
	// Attachments are checked when the text is posted, not while it is a draft.
	Attachments []string `json:"attachments,omitempty" maxItems:"10" doc:"Library resource ids chosen so far"`
}

// draftKey checks that a draft key names a thread or network the asker may
// write in: "thread:<id>" or "new:<network slug>", stored by ids.
func (s *Service) draftKey(ctx context.Context, key string) (string, auth.Principal, error) {
	kind, ref, ok := strings.Cut(key, ":")
	bad := apperr.Invalid("validation.failed", "unknown draft",
		apperr.FieldError{Field: "key", Code: apperr.FieldInvalid, Message: "thread:<id> or new:<network>"})
	if !ok || len(key) > maxDraftKey {
		return "", auth.Principal{}, bad
	}
	switch kind {
	case "thread":
		t, a, p, err := s.threadReader(ctx, ref)
		if err != nil {
			return "", auth.Principal{}, err
		}
		if !a.Member {
			return "", auth.Principal{}, errMembersOnly()
		}
		return "thread:" + t.ID, p, nil
	case "new":
		a, p, err := s.reader(ctx, ref)
		if err != nil {
			return "", auth.Principal{}, err
		}
		if !a.Member {
			return "", auth.Principal{}, errMembersOnly()
		}
		return "new:" + a.ID, p, nil
	}
	return "", auth.Principal{}, bad
}

// SaveDraft stores the asker's unposted text for a thread or a new thread.
func (s *Service) SaveDraft(ctx context.Context, key string, in DraftInput) (Draft, error) {
	k, p, err := s.draftKey(ctx, key)
	if err != nil {
		return Draft{}, err
	}
	var v apperr.Validation
	checkText(&v, "title", in.Title, false, maxTitle)
	checkText(&v, "body", in.Body, false, MaxBody)
	v.Check(in.Kind == "" || in.Kind.Valid(), "kind", apperr.FieldInvalid, "discussion or question")
	if err := v.Err(); err != nil {
		return Draft{}, err
	}
	d := Draft{Key: key, UserID: p.UserID, Title: in.Title, Body: in.Body, CategoryID: in.CategoryID, Kind: in.Kind,
		QuotedPostID: in.QuotedPostID, Attachments: in.Attachments, UpdatedAt: s.now()}
	stored := d
	stored.Key = k
	return d, s.store.SaveDraft(ctx, stored)
}

// Draft returns the asker's draft, or a not-found error when there is none.
func (s *Service) Draft(ctx context.Context, key string) (Draft, error) {
	k, p, err := s.draftKey(ctx, key)
	if err != nil {
		return Draft{}, err
	}
	d, err := s.store.Draft(ctx, p.UserID, k)
	d.Key = key
	return d, err
}

// DiscardDraft deletes the asker's draft.
func (s *Service) DiscardDraft(ctx context.Context, key string) error {
	k, p, err := s.draftKey(ctx, key)
	if err != nil {
		return err
	}
	return s.store.DeleteDraft(ctx, p.UserID, k)
}

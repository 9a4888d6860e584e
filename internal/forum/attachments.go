package forum

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/paging"
)

// Attachments is what the forum needs from the library feature: posts attach
// resources of their network's library, and a resource lists the posts that
// attach it.
type Attachments interface {
	// Resolve returns the resources among ids that are in the network's
	// library and that the asker may read, in the order of ids; unknown ids,
	// deleted resources and other networks' resources are left out.
	Resolve(ctx context.Context, networkID string, ids []string) ([]Attachment, error)
	// ResourceNetwork returns the network of a resource the asker may read,
	// failing as the library's own resource routes do for one they may not
	// (401 for nobody, 404 for a resource in a network they may not see).
	ResourceNetwork(ctx context.Context, resourceID string) (string, error)
}

// DiscussionItem is a post that attaches a library resource, as the resource's
// page links to it.
type DiscussionItem struct {
	ThreadID    string    `json:"threadId"`
	ThreadSlug  string    `json:"threadSlug" doc:"For the link to the thread"`
	ThreadTitle string    `json:"threadTitle"`
	PostID      string    `json:"postId"`
	PostNumber  int       `json:"postNumber" doc:"Open the thread from this post number"`
	AuthorName  string    `json:"authorName"`
	CreatedAt   time.Time `json:"createdAt"`
}

// checkAttachments validates the resources a post attaches: at most
// MaxAttachments, each once, each a resource of the network's library that the
// asker may read. It returns them as the post shows them.
func (s *Service) checkAttachments(ctx context.Context, networkID string, ids []string) ([]Attachment, error) {
	if len(ids) == 0 {
		return []Attachment{}, nil
	}
	var v apperr.Validation
	if len(ids) > MaxAttachments {
		v.Add("attachments", apperr.FieldTooLong, fmt.Sprintf("attach at most %d resources", MaxAttachments))
		return nil, v.Err()
	}
	seen := map[string]bool{}
	for i, id := range ids {
		v.Check(id != "", field(i), apperr.FieldRequired, "name a resource")
		v.Check(!seen[id], field(i), apperr.FieldInvalid, "attached twice")
		seen[id] = true
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	found, err := s.resolve(ctx, networkID, ids)
	if err != nil {
		return nil, err
	}
	var missing []apperr.FieldError
	out := make([]Attachment, 0, len(ids))
	for i, id := range ids {
		a, ok := found[id]
		if !ok {
			missing = append(missing, apperr.FieldError{Field: field(i), Code: apperr.FieldInvalid,
				Message: "not a resource in this network's library that you may read"})
			continue
		}
		out = append(out, a)
	}
	if len(missing) > 0 {
		return nil, apperr.Invalid("forum.attachment_not_found", "attach resources of this network's library", missing...)
	}
	return out, nil
}

func field(i int) string { return "attachments[" + strconv.Itoa(i) + "]" }

// resolve looks up ids in the library in one call, by id.
func (s *Service) resolve(ctx context.Context, networkID string, ids []string) (map[string]Attachment, error) {
	found := map[string]Attachment{}
	if len(ids) == 0 || s.Attachments == nil {
		return found, nil
	}
	as, err := s.Attachments.Resolve(ctx, networkID, ids)
	if err != nil {
		return nil, fmt.Errorf("resolve attachments: %w", err)
	}
	for _, a := range as {
		found[a.ID] = a
	}
	return found, nil
}

// withAttachments fills in the attachments of posts of one network, looking
// all of them up in one call. Posts the asker may not read (shown cleared
// their ids) get none.
func (s *Service) withAttachments(ctx context.Context, networkID string, posts ...*Post) error {
	var ids []string
	seen := map[string]bool{}
	for _, p := range posts {
		for _, id := range p.AttachmentIDs {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	found, err := s.resolve(ctx, networkID, ids)
	if err != nil {
		return err
	}
	for _, p := range posts {
		p.Attachments = pick(p.AttachmentIDs, found)
	}
	return nil
}

// pick returns the attachments of ids that were found, in order.
func pick(ids []string, found map[string]Attachment) []Attachment {
	out := []Attachment{}
	for _, id := range ids {
		if a, ok := found[id]; ok {
			out = append(out, a)
		}
	}
	return out
}

// DiscussionsInput pages the posts that attach a resource.
type DiscussionsInput struct {
	Limit  int    `query:"limit" minimum:"0" maximum:"100"`
	Cursor string `query:"cursor"`
}

// Discussions lists the posts that attach a library resource, newest first,
// for whoever may read the resource. Deleted posts are left out, and hidden
// ones for all but the network's moderators.
func (s *Service) Discussions(ctx context.Context, resourceID string, in DiscussionsInput) (paging.Page[DiscussionItem], error) {
	if _, err := auth.Require(ctx); err != nil {
		return paging.Page[DiscussionItem]{}, err
	}
	if s.Attachments == nil {
		return paging.Page[DiscussionItem]{}, apperr.NotFound("library.resource_not_found", "no such resource")
	}
	networkID, err := s.Attachments.ResourceNetwork(ctx, resourceID)
	if err != nil {
		return paging.Page[DiscussionItem]{}, err
	}
	a, err := s.Networks.AccessByID(ctx, networkID)
	if err != nil {
		return paging.Page[DiscussionItem]{}, err
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[DiscussionItem]{}, err
	}
	if req.After != nil {
		if _, err := strconv.ParseInt(req.After.Key, 10, 64); err != nil {
			return paging.Page[DiscussionItem]{}, errBadCursor()
		}
	}
	ds, err := s.store.Discussions(ctx, resourceID, a.canModerate(), req.Limit, req.After)
	if err != nil {
		return paging.Page[DiscussionItem]{}, err
	}
	return paging.Build(ds, req.Limit, func(d DiscussionItem) paging.Cursor {
		return paging.Cursor{Key: strconv.FormatInt(d.CreatedAt.UnixMilli(), 10), ID: d.PostID}
	}), nil
}

func attachmentIDs(as []Attachment) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

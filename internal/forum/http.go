package forum

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samspill/samspill/internal/paging"
)

var bearer = []map[string][]string{{"bearer": {}}}

func operation(id, method, path, summary string, status int, errors ...int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: []string{"Forum"},
		Security: bearer, DefaultStatus: status, Errors: errors}
}

// NetworkPath names a network in a forum route.
type NetworkPath struct {
	Slug string `path:"slug" maxLength:"80"`
}

// ThreadPath names a thread.
type ThreadPath struct {
	ThreadID string `path:"threadId"`
}

// PostPath names a post.
type PostPath struct {
	PostID string `path:"postId"`
}

// DraftPath names a draft: thread:<thread id> or new:<network slug>.
type DraftPath struct {
	Key string `path:"key" maxLength:"100"`
}

type body[T any] struct{ Body T }

func out[T any](v T, err error) (*body[T], error) {
	if err != nil {
		return nil, err
	}
	return &body[T]{Body: v}, nil
}

func none(err error) (*struct{}, error) { return nil, err }

// Register mounts the forum operations.
func Register(api huma.API, s *Service) {
	const net = "/api/v1/networks/{slug}/forum"
	huma.Register(api, operation("listCategories", http.MethodGet, net+"/categories", "A network's forum categories, in order", 0, 401, 403, 404),
		func(ctx context.Context, in *NetworkPath) (*body[[]Category], error) {
			return out(s.Categories(ctx, in.Slug))
		})
	huma.Register(api, operation("createCategory", http.MethodPost, net+"/categories", "Add a category (moderators)", http.StatusCreated, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			Body CategoryInput
		}) (*body[Category], error) {
			return out(s.CreateCategory(ctx, in.Slug, in.Body))
		})
	huma.Register(api, operation("updateCategory", http.MethodPut, net+"/categories/{categoryId}", "Change a category (moderators)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			CategoryID string `path:"categoryId"`
			Body       CategoryInput
		}) (*body[Category], error) {
			return out(s.UpdateCategory(ctx, in.Slug, in.CategoryID, in.Body))
		})
	huma.Register(api, operation("deleteCategory", http.MethodDelete, net+"/categories/{categoryId}", "Delete an empty category (moderators)", http.StatusNoContent, 401, 403, 404, 409),
		func(ctx context.Context, in *struct {
			NetworkPath
			CategoryID string `path:"categoryId"`
		}) (*struct{}, error) {
			return none(s.DeleteCategory(ctx, in.Slug, in.CategoryID))
		})
	huma.Register(api, operation("watchCategory", http.MethodPut, net+"/categories/{categoryId}/watch", "Watch or mute a category", http.StatusNoContent, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			CategoryID string `path:"categoryId"`
			Body       WatchInput
		}) (*struct{}, error) {
			return none(s.WatchCategory(ctx, in.Slug, in.CategoryID, in.Body))
		})
	huma.Register(api, operation("listThreads", http.MethodGet, net+"/threads", "Threads by latest activity, newest, most reactions or unanswered", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			ThreadsInput
		}) (*body[ThreadList], error) {
			return out(s.Threads(ctx, in.Slug, in.ThreadsInput))
		})
	huma.Register(api, operation("createThread", http.MethodPost, net+"/threads", "Start a discussion or ask a question (members)", http.StatusCreated, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			Body NewThread
		}) (*body[ThreadView], error) {
			return out(s.CreateThread(ctx, in.Slug, in.Body))
		})
	huma.Register(api, operation("listFlags", http.MethodGet, net+"/flags", "The moderators' queue of reported posts", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			FlagsInput
		}) (*body[paging.Page[FlagItem]], error) {
			return out(s.Flags(ctx, in.Slug, in.FlagsInput))
		})
	huma.Register(api, operation("closeFlag", http.MethodPost, net+"/flags/{flagId}/close", "Resolve or dismiss a report (moderators)", 0, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			FlagID string `path:"flagId"`
			Body   CloseFlagInput
		}) (*body[Flag], error) {
			return out(s.CloseFlag(ctx, in.Slug, in.FlagID, in.Body))
		})

	const thread = "/api/v1/threads/{threadId}"
	huma.Register(api, operation("getThread", http.MethodGet, thread, "A thread, with your reading state and what you may do", 0, 401, 403, 404),
		func(ctx context.Context, in *ThreadPath) (*body[ThreadView], error) {
			return out(s.Thread(ctx, in.ThreadID))
		})
	huma.Register(api, operation("moderateThread", http.MethodPatch, thread, "Pin, lock or move a thread (moderators)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body ModerateInput
		}) (*body[ThreadView], error) {
			return out(s.Moderate(ctx, in.ThreadID, in.Body))
		})
	huma.Register(api, operation("acceptAnswer", http.MethodPut, thread+"/accepted", "Mark the accepted answer of a question; an empty postId removes it", 0, 401, 403, 404, 409),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body struct {
				PostID string `json:"postId"`
			}
		}) (*body[ThreadView], error) {
			return out(s.Accept(ctx, in.ThreadID, in.Body.PostID))
		})
	huma.Register(api, operation("listPosts", http.MethodGet, thread+"/posts", "A thread's posts in order, from a number on", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			ThreadPath
			PostsInput
		}) (*body[paging.Page[PostItem]], error) {
			return out(s.Posts(ctx, in.ThreadID, in.PostsInput))
		})
	huma.Register(api, operation("reply", http.MethodPost, thread+"/posts", "Reply in a thread (members)", http.StatusCreated, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body ReplyInput
		}) (*body[PostItem], error) {
			return out(s.Reply(ctx, in.ThreadID, in.Body))
		})
	huma.Register(api, operation("markRead", http.MethodPut, thread+"/read", "Remember the last post you have read", http.StatusNoContent, 401, 403, 404),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body ReadInput
		}) (*struct{}, error) {
			return none(s.MarkRead(ctx, in.ThreadID, in.Body))
		})
	huma.Register(api, operation("watchThread", http.MethodPut, thread+"/watch", "Watch or mute a thread", http.StatusNoContent, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body WatchInput
		}) (*struct{}, error) {
			return none(s.WatchThread(ctx, in.ThreadID, in.Body))
		})

	const post = "/api/v1/posts/{postId}"
	huma.Register(api, operation("editPost", http.MethodPatch, post, "Edit your post; a stale revision gets 409", 0, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			PostPath
			Body EditInput
		}) (*body[PostItem], error) {
			return out(s.Edit(ctx, in.PostID, in.Body))
		})
	huma.Register(api, operation("deletePost", http.MethodDelete, post, "Delete a post, leaving a placeholder (author or moderator)", http.StatusNoContent, 401, 403, 404, 409),
		func(ctx context.Context, in *PostPath) (*struct{}, error) { return none(s.Delete(ctx, in.PostID)) })
	huma.Register(api, operation("postHistory", http.MethodGet, post+"/revisions", "Earlier texts of an edited post, newest first", 0, 401, 403, 404),
		func(ctx context.Context, in *PostPath) (*body[[]Revision], error) {
			return out(s.History(ctx, in.PostID))
		})
	huma.Register(api, operation("hidePost", http.MethodPut, post+"/hidden", "Hide or show a post with a reason (moderators)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			PostPath
			Body HideInput
		}) (*body[PostItem], error) {
			return out(s.Hide(ctx, in.PostID, in.Body))
		})
	huma.Register(api, operation("react", http.MethodPost, post+"/reactions", "React to a post", http.StatusNoContent, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			PostPath
			Body ReactInput
		}) (*struct{}, error) {
			return none(s.React(ctx, in.PostID, in.Body))
		})
	huma.Register(api, operation("unreact", http.MethodDelete, post+"/reactions/{reaction}", "Take back a reaction", http.StatusNoContent, 401, 403, 404),
		func(ctx context.Context, in *struct {
			PostPath
			Reaction string `path:"reaction" enum:"thanks,agree,helpful,insightful"`
		}) (*struct{}, error) {
			return none(s.Unreact(ctx, in.PostID, in.Reaction))
		})
	huma.Register(api, operation("reportPost", http.MethodPost, post+"/flags", "Report a post to the moderators", http.StatusCreated, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			PostPath
			Body FlagInput
		}) (*body[Flag], error) {
			return out(s.Report(ctx, in.PostID, in.Body))
		})

	const draft = "/api/v1/drafts/{key}"
	huma.Register(api, operation("getDraft", http.MethodGet, draft, "Your unposted text for a thread (thread:<id>) or a new thread (new:<network>)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *DraftPath) (*body[Draft], error) { return out(s.Draft(ctx, in.Key)) })
	huma.Register(api, operation("saveDraft", http.MethodPut, draft, "Save your unposted text", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			DraftPath
			Body DraftInput
		}) (*body[Draft], error) {
			return out(s.SaveDraft(ctx, in.Key, in.Body))
		})
	huma.Register(api, operation("discardDraft", http.MethodDelete, draft, "Throw away your unposted text", http.StatusNoContent, 401, 403, 404, 422),
		func(ctx context.Context, in *DraftPath) (*struct{}, error) { return none(s.DiscardDraft(ctx, in.Key)) })

	huma.Register(api, operation("previewMarkdown", http.MethodPost, "/api/v1/markdown/preview", "Render Markdown as a post would show it", 0, 401, 422),
		func(ctx context.Context, in *struct{ Body PreviewInput }) (*body[Preview], error) {
			return out(s.Preview(ctx, in.Body))
		})
}

// RegisterDiscussions mounts the list of posts that attach a library
// resource. It lives with the forum, which owns the posts, under the library's
// resource path.
func RegisterDiscussions(api huma.API, s *Service) {
	huma.Register(api, huma.Operation{OperationID: "listResourceDiscussions", Method: http.MethodGet,
		Path:    "/api/v1/library/resources/{resourceId}/discussions",
		Summary: "Forum posts that attach a library resource, newest first", Tags: []string{"Library"},
		Security: bearer, Errors: []int{401, 403, 404, 422}},
		func(ctx context.Context, in *struct {
			ResourceID string `path:"resourceId"`
			DiscussionsInput
		}) (*body[paging.Page[DiscussionItem]], error) {
			return out(s.Discussions(ctx, in.ResourceID, in.DiscussionsInput))
		})
}

// Preview is rendered Markdown.
type Preview struct {
	HTML string `json:"html"`
}

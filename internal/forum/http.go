package forum

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/web"
)

func operation(id, method, path, summary string, status int, errors ...int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: []string{"Forum"},
		Security: web.Bearer, DefaultStatus: status, Errors: errors}
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

// Register mounts the forum operations.
func Register(api huma.API, s *Service) {
	const net = "/api/v1/networks/{slug}/forum"
	huma.Register(api, operation("listCategories", http.MethodGet, net+"/categories", "A network's forum categories, in order", 0, 401, 403, 404),
		func(ctx context.Context, in *NetworkPath) (*web.Body[[]Category], error) {
			return web.Out(s.Categories(ctx, in.Slug))
		})
	huma.Register(api, operation("createCategory", http.MethodPost, net+"/categories", "Add a category (moderators)", http.StatusCreated, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			Body CategoryInput
		}) (*web.Body[Category], error) {
			return web.Out(s.CreateCategory(ctx, in.Slug, in.Body))
		})
	huma.Register(api, operation("updateCategory", http.MethodPut, net+"/categories/{categoryId}", "Change a category (moderators)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			CategoryID string `path:"categoryId"`
			Body       CategoryInput
		}) (*web.Body[Category], error) {
			return web.Out(s.UpdateCategory(ctx, in.Slug, in.CategoryID, in.Body))
		})
	huma.Register(api, operation("deleteCategory", http.MethodDelete, net+"/categories/{categoryId}", "Delete an empty category (moderators)", http.StatusNoContent, 401, 403, 404, 409),
		func(ctx context.Context, in *struct {
			NetworkPath
			CategoryID string `path:"categoryId"`
		}) (*struct{}, error) {
			return web.NoContent(s.DeleteCategory(ctx, in.Slug, in.CategoryID))
		})
	huma.Register(api, operation("watchCategory", http.MethodPut, net+"/categories/{categoryId}/watch", "Watch or mute a category", http.StatusNoContent, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			CategoryID string `path:"categoryId"`
			Body       WatchInput
		}) (*struct{}, error) {
			return web.NoContent(s.WatchCategory(ctx, in.Slug, in.CategoryID, in.Body))
		})
	huma.Register(api, operation("listThreads", http.MethodGet, net+"/threads", "Threads by latest activity, newest, most reactions or unanswered", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			ThreadsInput
		}) (*web.Body[ThreadList], error) {
			return web.Out(s.Threads(ctx, in.Slug, in.ThreadsInput))
		})
	huma.Register(api, operation("createThread", http.MethodPost, net+"/threads", "Start a discussion or ask a question (members)", http.StatusCreated, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			Body NewThread
		}) (*web.Body[ThreadView], error) {
			return web.Out(s.CreateThread(ctx, in.Slug, in.Body))
		})
	huma.Register(api, operation("listFlags", http.MethodGet, net+"/flags", "The moderators' queue of reported posts", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			FlagsInput
		}) (*web.Body[paging.Page[FlagItem]], error) {
			return web.Out(s.Flags(ctx, in.Slug, in.FlagsInput))
		})
	huma.Register(api, operation("closeFlag", http.MethodPost, net+"/flags/{flagId}/close", "Resolve or dismiss a report (moderators)", 0, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			FlagID string `path:"flagId"`
			Body   CloseFlagInput
		}) (*web.Body[Flag], error) {
			return web.Out(s.CloseFlag(ctx, in.Slug, in.FlagID, in.Body))
		})

	const thread = "/api/v1/threads/{threadId}"
	huma.Register(api, operation("getThread", http.MethodGet, thread, "A thread, with your reading state and what you may do", 0, 401, 403, 404),
		func(ctx context.Context, in *ThreadPath) (*web.Body[ThreadView], error) {
			return web.Out(s.Thread(ctx, in.ThreadID))
		})
	huma.Register(api, operation("moderateThread", http.MethodPatch, thread, "Pin, lock or move a thread (moderators)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body ModerateInput
		}) (*web.Body[ThreadView], error) {
			return web.Out(s.Moderate(ctx, in.ThreadID, in.Body))
		})
	huma.Register(api, operation("acceptAnswer", http.MethodPut, thread+"/accepted", "Mark the accepted answer of a question; an empty postId removes it", 0, 401, 403, 404, 409),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body struct {
				PostID string `json:"postId"`
			}
		}) (*web.Body[ThreadView], error) {
			return web.Out(s.Accept(ctx, in.ThreadID, in.Body.PostID))
		})
	huma.Register(api, operation("listPosts", http.MethodGet, thread+"/posts", "A thread's posts in order, from a number on", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			ThreadPath
			PostsInput
		}) (*web.Body[paging.Page[PostItem]], error) {
			return web.Out(s.Posts(ctx, in.ThreadID, in.PostsInput))
		})
	huma.Register(api, operation("reply", http.MethodPost, thread+"/posts", "Reply in a thread (members)", http.StatusCreated, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body ReplyInput
		}) (*web.Body[PostItem], error) {
			return web.Out(s.Reply(ctx, in.ThreadID, in.Body))
		})
	huma.Register(api, operation("markRead", http.MethodPut, thread+"/read", "Remember the last post you have read", http.StatusNoContent, 401, 403, 404),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body ReadInput
		}) (*struct{}, error) {
			return web.NoContent(s.MarkRead(ctx, in.ThreadID, in.Body))
		})
	huma.Register(api, operation("watchThread", http.MethodPut, thread+"/watch", "Watch or mute a thread", http.StatusNoContent, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			ThreadPath
			Body WatchInput
		}) (*struct{}, error) {
			return web.NoContent(s.WatchThread(ctx, in.ThreadID, in.Body))
		})

	const post = "/api/v1/posts/{postId}"
	huma.Register(api, operation("editPost", http.MethodPatch, post, "Edit your post; a stale revision gets 409", 0, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			PostPath
			Body EditInput
		}) (*web.Body[PostItem], error) {
			return web.Out(s.Edit(ctx, in.PostID, in.Body))
		})
	huma.Register(api, operation("deletePost", http.MethodDelete, post, "Delete a post, leaving a placeholder (author or moderator)", http.StatusNoContent, 401, 403, 404, 409),
		func(ctx context.Context, in *PostPath) (*struct{}, error) {
			return web.NoContent(s.Delete(ctx, in.PostID))
		})
	huma.Register(api, operation("postHistory", http.MethodGet, post+"/revisions", "Earlier texts of an edited post, newest first", 0, 401, 403, 404),
		func(ctx context.Context, in *PostPath) (*web.Body[[]Revision], error) {
			return web.Out(s.History(ctx, in.PostID))
		})
	huma.Register(api, operation("hidePost", http.MethodPut, post+"/hidden", "Hide or show a post with a reason (moderators)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			PostPath
			Body HideInput
		}) (*web.Body[PostItem], error) {
			return web.Out(s.Hide(ctx, in.PostID, in.Body))
		})
	huma.Register(api, operation("react", http.MethodPost, post+"/reactions", "React to a post", http.StatusNoContent, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			PostPath
			Body ReactInput
		}) (*struct{}, error) {
			return web.NoContent(s.React(ctx, in.PostID, in.Body))
		})
	huma.Register(api, operation("unreact", http.MethodDelete, post+"/reactions/{reaction}", "Take back a reaction", http.StatusNoContent, 401, 403, 404),
		func(ctx context.Context, in *struct {
			PostPath
			Reaction string `path:"reaction" enum:"thanks,agree,helpful,insightful"`
		}) (*struct{}, error) {
			return web.NoContent(s.Unreact(ctx, in.PostID, in.Reaction))
		})
	huma.Register(api, operation("reportPost", http.MethodPost, post+"/flags", "Report a post to the moderators", http.StatusCreated, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			PostPath
			Body FlagInput
		}) (*web.Body[Flag], error) {
			return web.Out(s.Report(ctx, in.PostID, in.Body))
		})

	const draft = "/api/v1/drafts/{key}"
	huma.Register(api, operation("getDraft", http.MethodGet, draft, "Your unposted text for a thread (thread:<id>) or a new thread (new:<network>)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *DraftPath) (*web.Body[Draft], error) {
			return web.Out(s.Draft(ctx, in.Key))
		})
	huma.Register(api, operation("saveDraft", http.MethodPut, draft, "Save your unposted text", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			DraftPath
			Body DraftInput
		}) (*web.Body[Draft], error) {
			return web.Out(s.SaveDraft(ctx, in.Key, in.Body))
		})
	huma.Register(api, operation("discardDraft", http.MethodDelete, draft, "Throw away your unposted text", http.StatusNoContent, 401, 403, 404, 422),
		func(ctx context.Context, in *DraftPath) (*struct{}, error) {
			return web.NoContent(s.DiscardDraft(ctx, in.Key))
		})

	huma.Register(api, operation("previewMarkdown", http.MethodPost, "/api/v1/markdown/preview", "Render Markdown as a post would show it", 0, 401, 422),
		func(ctx context.Context, in *struct{ Body PreviewInput }) (*web.Body[Preview], error) {
			return web.Out(s.Preview(ctx, in.Body))
		})
}

// RegisterDiscussions mounts the list of posts that attach a library
// resource. It lives with the forum, which owns the posts, under the library's
// resource path.
func RegisterDiscussions(api huma.API, s *Service) {
	huma.Register(api, huma.Operation{OperationID: "listResourceDiscussions", Method: http.MethodGet,
		Path:    "/api/v1/library/resources/{resourceId}/discussions",
		Summary: "Forum posts that attach a library resource, newest first", Tags: []string{"Library"},
		Security: web.Bearer, Errors: []int{401, 403, 404, 422}},
		func(ctx context.Context, in *struct {
			ResourceID string `path:"resourceId"`
			DiscussionsInput
		}) (*web.Body[paging.Page[DiscussionItem]], error) {
			return web.Out(s.Discussions(ctx, in.ResourceID, in.DiscussionsInput))
		})
}

// Preview is rendered Markdown.
type Preview struct {
	HTML string `json:"html"`
}

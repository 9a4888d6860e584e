package forum

import (
	"context"
	"time"

	"github.com/samspill/samspill/internal/paging"
)

// store is what the forum service needs from a database. Writes that touch a
// thread and a post (a new thread, a reply, a reaction) are one transaction on
// SQLite and ordered single-document steps on MongoDB.
type store interface {
	CreateCategory(ctx context.Context, c Category) error
	UpdateCategory(ctx context.Context, c Category) error
	DeleteCategory(ctx context.Context, id string) error
	Category(ctx context.Context, id string) (Category, error)
	// Categories returns a network's categories in position order (a short list).
	Categories(ctx context.Context, networkID string) ([]Category, error)

	// CreateThread stores a thread with its opening post (number 1).
	CreateThread(ctx context.Context, t Thread, first Post) error
	Thread(ctx context.Context, id string) (Thread, error)
	// ListThreads returns up to q.Limit+1 threads in q's order.
	ListThreads(ctx context.Context, q threadQuery) ([]Thread, error)
	// Pinned returns the pinned threads of a network or category, latest activity first.
	Pinned(ctx context.Context, networkID, categoryID string, limit int) ([]Thread, error)
	UpdateThread(ctx context.Context, id string, ch threadChange) error
	// AllThreads pages through every thread in id order (search rebuilds).
	AllThreads(ctx context.Context, afterID string, limit int) ([]Thread, error)

	// AddPost numbers p after the thread's last post, stores it and brings the
	// thread's counters and last activity up to date. It returns p as stored.
	AddPost(ctx context.Context, p Post) (Post, error)
	Post(ctx context.Context, id string) (Post, error)
	// ListPosts returns up to limit+1 posts of a thread from number from on.
	ListPosts(ctx context.Context, threadID string, from, limit int) ([]Post, error)
	// EditPost replaces the text if the post is still at revision prev.Revision,
	// keeping prev in the history; it reports whether it did.
	EditPost(ctx context.Context, p Post, prev Revision) (bool, error)
	Revisions(ctx context.Context, postID string) ([]Revision, error)
	UpdatePost(ctx context.Context, id string, ch postChange) error
	// Discussions returns up to limit+1 posts that attach a library
	// resource, newest first (created, then id), after the cursor: deleted
	// posts never, hidden ones only withHidden.
	Discussions(ctx context.Context, resourceID string, withHidden bool, limit int, after *paging.Cursor) ([]DiscussionItem, error)

	// AddReaction records one person's reaction; the same reaction twice is a
	// Conflict (forum.already_reacted).
	AddReaction(ctx context.Context, r reaction) error
	RemoveReaction(ctx context.Context, r reaction) error
	// MyReactions returns the reactions of userID among postIDs, by post.
	MyReactions(ctx context.Context, userID string, postIDs []string) (map[string][]string, error)

	// AddFlag stores a report; a second open report of the same post by the
	// same person is a Conflict (forum.already_flagged).
	AddFlag(ctx context.Context, f Flag) error
	Flag(ctx context.Context, id string) (Flag, error)
	ListFlags(ctx context.Context, networkID, status string, limit int, after *paging.Cursor) ([]Flag, error)
	// CountFlags counts up to maxFlagCount flags; the badge shows "99+" beyond.
	CountFlags(ctx context.Context, networkID, status string) (int, error)
	// CloseFlag sets an open flag's outcome and reports whether this call did.
	CloseFlag(ctx context.Context, f Flag) (bool, error)

	// ReadStates returns the last post number read per thread, for the ones read.
	ReadStates(ctx context.Context, userID string, threadIDs []string) (map[string]int, error)
	// MarkRead raises the last post number read, never lowers it.
	MarkRead(ctx context.Context, userID, threadID string, number int, at time.Time) error
	SetWatch(ctx context.Context, userID, target, level string) error
	Watch(ctx context.Context, userID, target string) (string, error)
	// Watches returns the user's levels for these targets (normal ones absent).
	Watches(ctx context.Context, userID string, targets []string) (map[string]string, error)

	SaveDraft(ctx context.Context, d Draft) error
	Draft(ctx context.Context, userID, key string) (Draft, error)
	DeleteDraft(ctx context.Context, userID, key string) error
}

// Sort orders of thread lists.
const (
	SortActivity   = "activity"
	SortNewest     = "newest"
	SortReactions  = "reactions"
	SortUnanswered = "unanswered"
)

// threadQuery lists a network's threads, or one category's. Pinned threads are
// left out (the first page shows them apart), except in the unanswered list.
type threadQuery struct {
	NetworkID  string
	CategoryID string
	Sort       string
	Limit      int
	After      *paging.Cursor
}

// threadChange sets the fields that are not nil.
type threadChange struct {
	Pinned         *bool
	Locked         *bool
	CategoryID     *string
	AcceptedPostID *string
}

// postChange sets the fields that are not nil.
type postChange struct {
	DeletedAt    *time.Time
	DeletedBy    *string
	Hidden       *bool
	HiddenReason *string
	HiddenBy     *string
}

type reaction struct {
	PostID   string
	ThreadID string
	UserID   string
	Kind     string
	At       time.Time
}

// maxFlagCount bounds flag counting, so a flooded queue costs no more to count.
const maxFlagCount = 100

// nonNil stores an absent list as an empty one; nilIfEmpty reads it back as
// absent, so a draft without attachments looks the same on both stores.
func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

func nilIfEmpty(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

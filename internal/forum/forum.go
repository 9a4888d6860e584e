// Package forum is the discussions and questions inside each network: categories,
// threads, posts in Markdown with quotes, @mentions and reactions, edits with
// their history, moderation (pin, lock, move, hide, flags), reading state,
// watching and server-side drafts.
package forum

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/samspill/samspill/internal/apperr"
)

// Kind is what a thread is for.
type Kind string

const (
	Discussion Kind = "discussion"
	Question   Kind = "question"
)

func (k Kind) Valid() bool { return k == Discussion || k == Question }

// Reactions are a small fixed set, so they mean the same to everyone and can be
// translated: thanks, agree, helpful, insightful.
var Reactions = []string{"thanks", "agree", "helpful", "insightful"}

func validReaction(r string) bool {
	for _, x := range Reactions {
		if r == x {
			return true
		}
	}
	return false
}

// FlagReasons are why a member reports a post.
var FlagReasons = []string{"spam", "off_topic", "inappropriate", "other"}

func validFlagReason(r string) bool {
	for _, x := range FlagReasons {
		if r == x {
			return true
		}
	}
	return false
}

// Category groups a network's threads; moderators manage them.
type Category struct {
	ID          string    `json:"id"`
	NetworkID   string    `json:"-"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Position    int       `json:"position" doc:"Order in the network's list, from 0"`
	ThreadCount int       `json:"threadCount"`
	CreatedAt   time.Time `json:"createdAt"`
	// Watch is how closely the asker follows the category.
	Watch string `json:"watch" enum:"watching,normal,muted"`
}

// Thread is a discussion or a question.
type Thread struct {
	ID             string    `json:"id"`
	NetworkID      string    `json:"networkId"`
	CategoryID     string    `json:"categoryId"`
	Kind           Kind      `json:"kind" enum:"discussion,question"`
	Title          string    `json:"title"`
	Slug           string    `json:"slug" doc:"For readable links: /nettverk/<network>/forum/<id>-<slug>"`
	AuthorID       string    `json:"authorId"`
	AuthorName     string    `json:"authorName"`
	CreatedAt      time.Time `json:"createdAt"`
	LastActivityAt time.Time `json:"lastActivityAt"`
	LastPosterName string    `json:"lastPosterName"`
	PostCount      int       `json:"postCount" doc:"Posts, the opening post included"`
	ReactionCount  int       `json:"reactionCount"`
	Pinned         bool      `json:"pinned"`
	Locked         bool      `json:"locked"`
	AcceptedPostID string    `json:"acceptedPostId,omitempty"`
	Excerpt        string    `json:"excerpt" doc:"The start of the opening post as plain text"`
}

// answered reports whether a question has an accepted answer.
func (t Thread) answered() bool { return t.AcceptedPostID != "" }

// Post is one contribution to a thread. Number counts posts in the thread from 1
// (the opening post), and is what reading state remembers.
type Post struct {
	ID           string         `json:"id"`
	ThreadID     string         `json:"threadId"`
	NetworkID    string         `json:"-"`
	Number       int            `json:"number"`
	AuthorID     string         `json:"authorId"`
	AuthorName   string         `json:"authorName"`
	AuthorOrg    string         `json:"authorOrg" doc:"The author's organisation, shown beside the name"`
	Body         string         `json:"body" doc:"Markdown source, in lists only for your own posts and for moderators; empty when deleted or hidden"`
	BodyHTML     string         `json:"bodyHtml"`
	QuotedPostID string         `json:"quotedPostId,omitempty"`
	Mentions     []string       `json:"mentions" doc:"Ids of the members mentioned"`
	Reactions    map[string]int `json:"reactions"`
	Revision     int            `json:"revision" doc:"Send it back when editing; a stale one is refused"`
	CreatedAt    time.Time      `json:"createdAt"`
	EditedAt     *time.Time     `json:"editedAt,omitempty"`
	DeletedAt    *time.Time     `json:"deletedAt,omitempty"`
	Hidden       bool           `json:"hidden"`
	HiddenReason string         `json:"hiddenReason,omitempty"`
	// AttachmentIDs are the library resources attached, as stored; the
	// service shows them as Attachments.
	AttachmentIDs []string     `json:"-"`
	Attachments   []Attachment `json:"attachments" doc:"Resources of the network's library attached to the post, as you may see them; resources since deleted are left out"`
}

// Attachment is a library resource attached to a post, as the asker may see
// it (looked up when posts are read, so a renamed resource shows its new title).
type Attachment struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Kind     string `json:"kind" doc:"The library's kind of resource: plan, report, template, guide, presentation, decision or other"`
	FileName string `json:"fileName,omitempty" doc:"The newest file's name; empty for web links"`
}

// Revision is an earlier text of an edited post.
type Revision struct {
	PostID        string       `json:"-"`
	Revision      int          `json:"revision"`
	Body          string       `json:"body"`
	BodyHTML      string       `json:"bodyHtml"`
	EditorID      string       `json:"editorId"`
	SavedAt       time.Time    `json:"savedAt" doc:"When this text was written"`
	AttachmentIDs []string     `json:"-"`
	Attachments   []Attachment `json:"attachments" doc:"What was attached then, as you may see it now"`
}

// Flag is a member's report of a post to the moderators.
type Flag struct {
	ID           string `json:"id"`
	NetworkID    string `json:"-"`
	PostID       string `json:"postId"`
	ThreadID     string `json:"threadId"`
	ReporterID   string `json:"reporterId"`
	ReporterName string `json:"reporterName"`
	Reason       string `json:"reason" enum:"spam,off_topic,inappropriate,other"`
	Note         string `json:"note,omitempty"`
	Status       string `json:"status" enum:"open,resolved,dismissed"`
	ResolvedBy   string `json:"resolvedBy,omitempty"`
	// ResolvedByName is the moderator who handled it, as named then.
	ResolvedByName string     `json:"resolvedByName,omitempty"`
	ResolvedAt     *time.Time `json:"resolvedAt,omitempty"`
	CreatedAt      time.Time  `json:"createdAt"`
}

// Watch levels: watching asks for notifications of every post, muted for none;
// normal (no record) follows the person's defaults.
const (
	Watching = "watching"
	Normal   = "normal"
	Muted    = "muted"
)

// Draft is text someone has not posted yet. Key is "thread:<id>" for a reply,
// or "new:<networkId>" for a new thread.
type Draft struct {
	Key        string `json:"key"`
	UserID     string `json:"-"`
	Title      string `json:"title,omitempty"`
	Body       string `json:"body"`
	CategoryID string `json:"categoryId,omitempty"`
	Kind       Kind   `json:"kind,omitempty" enum:"discussion,question"`
	// QuotedPostID is the post the reply being written quotes.
	QuotedPostID string `json:"quotedPostId,omitempty"`
	// Attachments are the library resources the text being written attaches.
	Attachments []string  `json:"attachments,omitempty"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// Limits.
const (
	MaxBody         = 50_000
	maxTitle        = 200
	maxCategoryName = 80
	maxCategoryDesc = 1000
	maxReason       = 500
	maxDraftKey     = 80
	// MaxAttachments is how many library resources one post may attach.
	MaxAttachments = 10
)

func checkText(v *apperr.Validation, field, s string, required bool, max int) {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	if required && n == 0 {
		v.Add(field, apperr.FieldRequired, "this field is required")
		return
	}
	v.Check(utf8.RuneCountInString(s) <= max, field, apperr.FieldTooLong, "too long")
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slugify makes the readable part of a thread link.
func slugify(title string) string {
	s := strings.ToLower(title)
	s = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "á", "a", "é", "e", "ü", "u", "ö", "o", "ä", "a").Replace(s)
	s = strings.Trim(nonSlug.ReplaceAllString(s, "-"), "-")
	if len(s) > 60 {
		s = strings.Trim(s[:60], "-")
	}
	return s
}

package forum

import (
	"context"
	"errors"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/mongodb"
	"github.com/samspill/samspill/internal/paging"
)

const (
	categoriesColl = "forum_categories"
	threadsColl    = "forum_threads"
	postsColl      = "forum_posts"
	revisionsColl  = "forum_revisions"
	reactionsColl  = "forum_reactions"
	flagsColl      = "forum_flags"
	readsColl      = "forum_read_states"
	watchesColl    = "forum_watches"
	draftsColl     = "forum_drafts"
)

func ix(coll string, unique bool, keys ...string) mongodb.Index {
	d := bson.D{}
	for _, k := range keys {
		dir := 1
		if k[0] == '-' {
			dir, k = -1, k[1:]
		}
		d = append(d, bson.E{Key: k, Value: dir})
	}
	return mongodb.Index{Collection: coll, Keys: d, Unique: unique}
}

// MongoIndexes serve every query below: each thread list is
// {scope, filter} sorted {key: -1, _id: -1}.
var MongoIndexes = []mongodb.Index{
	ix(categoriesColl, false, "networkId", "position", "_id"),
	ix(threadsColl, false, "networkId", "pinned", "-lastActivityAt", "-_id"),
	ix(threadsColl, false, "categoryId", "pinned", "-lastActivityAt", "-_id"),
	ix(threadsColl, false, "networkId", "pinned", "-createdAt", "-_id"),
	ix(threadsColl, false, "categoryId", "pinned", "-createdAt", "-_id"),
	ix(threadsColl, false, "networkId", "pinned", "-reactionCount", "-_id"),
	ix(threadsColl, false, "categoryId", "pinned", "-reactionCount", "-_id"),
	ix(threadsColl, false, "networkId", "openQuestion", "-createdAt", "-_id"),
	ix(threadsColl, false, "categoryId", "openQuestion", "-createdAt", "-_id"),
	ix(postsColl, true, "threadId", "number"),
	// Multikey: the posts attaching a resource, newest first (Discussions).
	ix(postsColl, false, "attachments", "-createdAt", "-_id"),
	ix(revisionsColl, true, "postId", "-revision"),
	ix(reactionsColl, true, "postId", "userId", "kind"),
	ix(flagsColl, true, "postId", "reporterId"),
	ix(flagsColl, false, "networkId", "status", "createdAt", "_id"),
	ix(readsColl, true, "userId", "threadId"),
	ix(watchesColl, true, "userId", "target"),
	ix(draftsColl, true, "userId", "key"),
}

type mongoStore struct {
	categories, threads, posts, revisions, reactions, flags, reads, watches, drafts *mongo.Collection
}

var _ store = (*mongoStore)(nil)

// NewMongoStore returns the store on MongoDB.
func NewMongoStore(db *mongo.Database) *mongoStore {
	c := db.Collection
	return &mongoStore{categories: c(categoriesColl), threads: c(threadsColl), posts: c(postsColl),
		revisions: c(revisionsColl), reactions: c(reactionsColl), flags: c(flagsColl), reads: c(readsColl),
		watches: c(watchesColl), drafts: c(draftsColl)}
}

var epoch = time.UnixMilli(0).UTC()

func orEpoch(t *time.Time) time.Time {
	if t == nil {
		return epoch
	}
	return mongodb.Millis(*t)
}

func fromEpoch(t time.Time) *time.Time {
	if t.IsZero() || t.Equal(epoch) {
		return nil
	}
	u := t.UTC()
	return &u
}

func oid(id string, notFound error) (bson.ObjectID, error) {
	o, err := mongodb.ParseID(id)
	if err != nil {
		return o, notFound
	}
	return o, nil
}

// ---- categories

type mongoCategory struct {
	ID          bson.ObjectID `bson:"_id"`
	NetworkID   string        `bson:"networkId"`
	Name        string        `bson:"name"`
	Description string        `bson:"description"`
	Position    int           `bson:"position"`
	ThreadCount int           `bson:"threadCount"`
	CreatedAt   time.Time     `bson:"createdAt"`
}

func (m mongoCategory) category() Category {
	return Category{ID: m.ID.Hex(), NetworkID: m.NetworkID, Name: m.Name, Description: m.Description,
		Position: m.Position, ThreadCount: m.ThreadCount, CreatedAt: m.CreatedAt.UTC()}
}

func (s *mongoStore) CreateCategory(ctx context.Context, c Category) error {
	id, err := oid(c.ID, errCategoryNotFound())
	if err != nil {
		return err
	}
	_, err = s.categories.InsertOne(ctx, mongoCategory{ID: id, NetworkID: c.NetworkID, Name: c.Name,
		Description: c.Description, Position: c.Position, CreatedAt: mongodb.Millis(c.CreatedAt)})
	return err
}

func (s *mongoStore) UpdateCategory(ctx context.Context, c Category) error {
	id, err := oid(c.ID, errCategoryNotFound())
	if err != nil {
		return err
	}
	res, err := s.categories.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{
		{Key: "name", Value: c.Name}, {Key: "description", Value: c.Description}, {Key: "position", Value: c.Position}}}})
	if err == nil && res.MatchedCount == 0 {
		return errCategoryNotFound()
	}
	return err
}

func (s *mongoStore) DeleteCategory(ctx context.Context, id string) error {
	o, err := oid(id, errCategoryNotFound())
	if err != nil {
		return err
	}
	res, err := s.categories.DeleteOne(ctx, bson.D{{Key: "_id", Value: o}, {Key: "threadCount", Value: 0}})
	if err == nil && res.DeletedCount == 0 {
		return errCategoryNotFound()
	}
	return err
}

func (s *mongoStore) Category(ctx context.Context, id string) (Category, error) {
	o, err := oid(id, errCategoryNotFound())
	if err != nil {
		return Category{}, err
	}
	m, err := mongodb.FindOne[mongoCategory](ctx, s.categories, bson.D{{Key: "_id", Value: o}}, errCategoryNotFound())
	return m.category(), err
}

func (s *mongoStore) Categories(ctx context.Context, networkID string) ([]Category, error) {
	return mongodb.FindAll(ctx, s.categories, bson.D{{Key: "networkId", Value: networkID}},
		options.Find().SetSort(bson.D{{Key: "position", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(100), mongoCategory.category)
}

func (s *mongoStore) addThreadCount(ctx context.Context, categoryID string, delta int) error {
	o, err := oid(categoryID, errCategoryNotFound())
	if err != nil {
		return err
	}
	_, err = s.categories.UpdateOne(ctx, bson.D{{Key: "_id", Value: o}}, bson.D{{Key: "$inc", Value: bson.D{{Key: "threadCount", Value: delta}}}})
	return err
}

// ---- threads

type mongoThread struct {
	ID             bson.ObjectID `bson:"_id"`
	NetworkID      string        `bson:"networkId"`
	CategoryID     string        `bson:"categoryId"`
	Kind           string        `bson:"kind"`
	Title          string        `bson:"title"`
	Slug           string        `bson:"slug"`
	AuthorID       string        `bson:"authorId"`
	AuthorName     string        `bson:"authorName"`
	CreatedAt      time.Time     `bson:"createdAt"`
	LastActivityAt time.Time     `bson:"lastActivityAt"`
	LastPosterName string        `bson:"lastPosterName"`
	PostCount      int           `bson:"postCount"`
	ReactionCount  int           `bson:"reactionCount"`
	Pinned         bool          `bson:"pinned"`
	Locked         bool          `bson:"locked"`
	AcceptedPostID string        `bson:"acceptedPostId"`
	OpenQuestion   bool          `bson:"openQuestion"`
	Excerpt        string        `bson:"excerpt"`
}

func (m mongoThread) thread() Thread {
	return Thread{ID: m.ID.Hex(), NetworkID: m.NetworkID, CategoryID: m.CategoryID, Kind: Kind(m.Kind), Title: m.Title,
		Slug: m.Slug, AuthorID: m.AuthorID, AuthorName: m.AuthorName, CreatedAt: m.CreatedAt.UTC(),
		LastActivityAt: m.LastActivityAt.UTC(), LastPosterName: m.LastPosterName, PostCount: m.PostCount,
		ReactionCount: m.ReactionCount, Pinned: m.Pinned, Locked: m.Locked, AcceptedPostID: m.AcceptedPostID, Excerpt: m.Excerpt}
}

// CreateThread inserts the thread, its opening post and the category count in
// that order; a failed post insert removes the thread again.
func (s *mongoStore) CreateThread(ctx context.Context, t Thread, first Post) error {
	id, err := oid(t.ID, errThreadNotFound())
	if err != nil {
		return err
	}
	if _, err := s.threads.InsertOne(ctx, mongoThread{ID: id, NetworkID: t.NetworkID, CategoryID: t.CategoryID,
		Kind: string(t.Kind), Title: t.Title, Slug: t.Slug, AuthorID: t.AuthorID, AuthorName: t.AuthorName,
		CreatedAt: mongodb.Millis(t.CreatedAt), LastActivityAt: mongodb.Millis(t.LastActivityAt),
		LastPosterName: t.LastPosterName, PostCount: t.PostCount, ReactionCount: t.ReactionCount, Pinned: t.Pinned,
		Locked: t.Locked, AcceptedPostID: t.AcceptedPostID, OpenQuestion: openQuestion(t) == 1, Excerpt: t.Excerpt}); err != nil {
		return err
	}
	if err := s.insertPost(ctx, first); err != nil {
		_, _ = s.threads.DeleteOne(context.WithoutCancel(ctx), bson.D{{Key: "_id", Value: id}})
		return err
	}
	return s.addThreadCount(ctx, t.CategoryID, 1)
}

func (s *mongoStore) Thread(ctx context.Context, id string) (Thread, error) {
	o, err := oid(id, errThreadNotFound())
	if err != nil {
		return Thread{}, err
	}
	m, err := mongodb.FindOne[mongoThread](ctx, s.threads, bson.D{{Key: "_id", Value: o}}, errThreadNotFound())
	return m.thread(), err
}

func (s *mongoStore) ListThreads(ctx context.Context, q threadQuery) ([]Thread, error) {
	filter := bson.D{{Key: "networkId", Value: q.NetworkID}}
	if q.CategoryID != "" {
		filter = bson.D{{Key: "categoryId", Value: q.CategoryID}}
	}
	key := "lastActivityAt"
	switch q.Sort {
	case SortNewest:
		key = "createdAt"
	case SortReactions:
		key = "reactionCount"
	case SortUnanswered:
		key = "createdAt"
	}
	if q.Sort == SortUnanswered {
		filter = append(filter, bson.E{Key: "openQuestion", Value: true})
	} else {
		filter = append(filter, bson.E{Key: "pinned", Value: false})
	}
	if q.After != nil {
		k, err := strconv.ParseInt(q.After.Key, 10, 64)
		if err != nil {
			return nil, errBadCursor()
		}
		id, err := oid(q.After.ID, errBadCursor())
		if err != nil {
			return nil, err
		}
		var kv any = k
		if key != "reactionCount" {
			kv = time.UnixMilli(k).UTC()
		}
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: key, Value: bson.D{{Key: "$lt", Value: kv}}}},
			bson.D{{Key: key, Value: kv}, {Key: "_id", Value: bson.D{{Key: "$lt", Value: id}}}},
		}})
	}
	opts := options.Find().SetSort(bson.D{{Key: key, Value: -1}, {Key: "_id", Value: -1}}).SetLimit(int64(q.Limit + 1))
	return mongodb.FindAll(ctx, s.threads, filter, opts, mongoThread.thread)
}

func (s *mongoStore) AllThreads(ctx context.Context, afterID string, limit int) ([]Thread, error) {
	filter := bson.D{}
	if afterID != "" {
		id, err := oid(afterID, errThreadNotFound())
		if err != nil {
			return nil, err
		}
		filter = bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: id}}}}
	}
	return mongodb.FindAll(ctx, s.threads, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)), mongoThread.thread)
}

func (s *mongoStore) Pinned(ctx context.Context, networkID, categoryID string, limit int) ([]Thread, error) {
	filter := bson.D{{Key: "networkId", Value: networkID}}
	if categoryID != "" {
		filter = bson.D{{Key: "categoryId", Value: categoryID}}
	}
	filter = append(filter, bson.E{Key: "pinned", Value: true})
	opts := options.Find().SetSort(bson.D{{Key: "lastActivityAt", Value: -1}, {Key: "_id", Value: -1}}).SetLimit(int64(limit))
	return mongodb.FindAll(ctx, s.threads, filter, opts, mongoThread.thread)
}

func (s *mongoStore) UpdateThread(ctx context.Context, id string, ch threadChange) error {
	t, err := s.Thread(ctx, id)
	if err != nil {
		return err
	}
	o, _ := oid(id, errThreadNotFound())
	set := bson.D{}
	if ch.Pinned != nil {
		set = append(set, bson.E{Key: "pinned", Value: *ch.Pinned})
	}
	if ch.Locked != nil {
		set = append(set, bson.E{Key: "locked", Value: *ch.Locked})
	}
	if ch.AcceptedPostID != nil {
		set = append(set, bson.E{Key: "acceptedPostId", Value: *ch.AcceptedPostID},
			bson.E{Key: "openQuestion", Value: t.Kind == Question && *ch.AcceptedPostID == ""})
	}
	moved := ch.CategoryID != nil && *ch.CategoryID != t.CategoryID
	if moved {
		set = append(set, bson.E{Key: "categoryId", Value: *ch.CategoryID})
	}
	if len(set) == 0 {
		return nil
	}
	if _, err := s.threads.UpdateOne(ctx, bson.D{{Key: "_id", Value: o}}, bson.D{{Key: "$set", Value: set}}); err != nil {
		return err
	}
	if moved {
		if err := s.addThreadCount(ctx, t.CategoryID, -1); err != nil {
			return err
		}
		return s.addThreadCount(ctx, *ch.CategoryID, 1)
	}
	return nil
}

// ---- posts

type mongoPost struct {
	ID           bson.ObjectID  `bson:"_id"`
	ThreadID     string         `bson:"threadId"`
	NetworkID    string         `bson:"networkId"`
	Number       int            `bson:"number"`
	AuthorID     string         `bson:"authorId"`
	AuthorName   string         `bson:"authorName"`
	AuthorOrg    string         `bson:"authorOrg"`
	Body         string         `bson:"body"`
	BodyHTML     string         `bson:"bodyHtml"`
	QuotedPostID string         `bson:"quotedPostId"`
	Mentions     []string       `bson:"mentions"`
	Reactions    map[string]int `bson:"reactions"`
	Revision     int            `bson:"revision"`
	CreatedAt    time.Time      `bson:"createdAt"`
	EditedAt     time.Time      `bson:"editedAt"`
	DeletedAt    time.Time      `bson:"deletedAt"`
	DeletedBy    string         `bson:"deletedBy"`
	Hidden       bool           `bson:"hidden"`
	HiddenReason string         `bson:"hiddenReason"`
	HiddenBy     string         `bson:"hiddenBy"`
	Attachments  []string       `bson:"attachments"`
}

func (m mongoPost) post() Post {
	p := Post{ID: m.ID.Hex(), ThreadID: m.ThreadID, NetworkID: m.NetworkID, Number: m.Number, AuthorID: m.AuthorID,
		AuthorName: m.AuthorName, AuthorOrg: m.AuthorOrg, Body: m.Body, BodyHTML: m.BodyHTML, QuotedPostID: m.QuotedPostID,
		Mentions: m.Mentions, Reactions: map[string]int{}, Revision: m.Revision, CreatedAt: m.CreatedAt.UTC(),
		EditedAt: fromEpoch(m.EditedAt), DeletedAt: fromEpoch(m.DeletedAt), Hidden: m.Hidden, HiddenReason: m.HiddenReason,
		AttachmentIDs: orEmpty(m.Attachments)}
	for k, v := range m.Reactions {
		if v != 0 {
			p.Reactions[k] = v
		}
	}
	if p.Mentions == nil {
		p.Mentions = []string{}
	}
	return p
}

// orEmpty stores and reads a missing list as an empty one.
func orEmpty(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

func (s *mongoStore) insertPost(ctx context.Context, p Post) error {
	id, err := oid(p.ID, errPostNotFound())
	if err != nil {
		return err
	}
	if p.Mentions == nil {
		p.Mentions = []string{}
	}
	if p.Reactions == nil {
		p.Reactions = map[string]int{}
	}
	_, err = s.posts.InsertOne(ctx, mongoPost{ID: id, ThreadID: p.ThreadID, NetworkID: p.NetworkID, Number: p.Number,
		AuthorID: p.AuthorID, AuthorName: p.AuthorName, AuthorOrg: p.AuthorOrg, Body: p.Body, BodyHTML: p.BodyHTML,
		QuotedPostID: p.QuotedPostID, Mentions: p.Mentions, Reactions: p.Reactions, Revision: p.Revision,
		CreatedAt: mongodb.Millis(p.CreatedAt), EditedAt: orEpoch(p.EditedAt), DeletedAt: orEpoch(p.DeletedAt),
		Hidden: p.Hidden, HiddenReason: p.HiddenReason, Attachments: orEmpty(p.AttachmentIDs)})
	return err
}

// AddPost takes the next number by incrementing the thread's post count (one
// atomic update on MongoDB), then inserts the post under that number.
func (s *mongoStore) AddPost(ctx context.Context, p Post) (Post, error) {
	tid, err := oid(p.ThreadID, errThreadNotFound())
	if err != nil {
		return Post{}, err
	}
	for try := 0; ; try++ {
		var t mongoThread
		err := s.threads.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: tid}}, bson.D{
			{Key: "$inc", Value: bson.D{{Key: "postCount", Value: 1}}},
			{Key: "$set", Value: bson.D{{Key: "lastActivityAt", Value: mongodb.Millis(p.CreatedAt)}, {Key: "lastPosterName", Value: p.AuthorName}}},
		}, options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&t)
		if errors.Is(err, mongo.ErrNoDocuments) {
			return Post{}, errThreadNotFound()
		}
		if err != nil {
			return Post{}, err
		}
		p.Number = t.PostCount
		err = s.insertPost(ctx, p)
		// Only a server without atomic updates (FerretDB in tests) hands out a
		// number twice; take the next one.
		if mongodb.IsDuplicate(err) && try < 5 {
			continue
		}
		return p, err
	}
}

func (s *mongoStore) Post(ctx context.Context, id string) (Post, error) {
	o, err := oid(id, errPostNotFound())
	if err != nil {
		return Post{}, err
	}
	m, err := mongodb.FindOne[mongoPost](ctx, s.posts, bson.D{{Key: "_id", Value: o}}, errPostNotFound())
	return m.post(), err
}

func (s *mongoStore) ListPosts(ctx context.Context, threadID string, from, limit int) ([]Post, error) {
	return mongodb.FindAll(ctx, s.posts, bson.D{{Key: "threadId", Value: threadID}, {Key: "number", Value: bson.D{{Key: "$gte", Value: from}}}},
		options.Find().SetSort(bson.D{{Key: "number", Value: 1}}).SetLimit(int64(limit+1)), mongoPost.post)
}

// EditPost writes the new text only if the revision is unchanged, then keeps
// the previous text in the history.
func (s *mongoStore) EditPost(ctx context.Context, p Post, prev Revision) (bool, error) {
	o, err := oid(p.ID, errPostNotFound())
	if err != nil {
		return false, err
	}
	res, err := s.posts.UpdateOne(ctx, bson.D{{Key: "_id", Value: o}, {Key: "revision", Value: prev.Revision}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "body", Value: p.Body}, {Key: "bodyHtml", Value: p.BodyHTML},
			{Key: "mentions", Value: p.Mentions}, {Key: "revision", Value: p.Revision}, {Key: "editedAt", Value: orEpoch(p.EditedAt)},
			{Key: "attachments", Value: orEmpty(p.AttachmentIDs)}}}})
	if err != nil || res.ModifiedCount != 1 {
		return false, err
	}
	_, err = s.revisions.InsertOne(ctx, bson.D{{Key: "postId", Value: prev.PostID}, {Key: "revision", Value: prev.Revision},
		{Key: "body", Value: prev.Body}, {Key: "bodyHtml", Value: prev.BodyHTML}, {Key: "editorId", Value: prev.EditorID},
		{Key: "savedAt", Value: mongodb.Millis(prev.SavedAt)}, {Key: "attachments", Value: orEmpty(prev.AttachmentIDs)}})
	return true, err
}

func (s *mongoStore) Revisions(ctx context.Context, postID string) ([]Revision, error) {
	type doc struct {
		PostID      string    `bson:"postId"`
		Revision    int       `bson:"revision"`
		Body        string    `bson:"body"`
		BodyHTML    string    `bson:"bodyHtml"`
		EditorID    string    `bson:"editorId"`
		SavedAt     time.Time `bson:"savedAt"`
		Attachments []string  `bson:"attachments"`
	}
	return mongodb.FindAll(ctx, s.revisions, bson.D{{Key: "postId", Value: postID}},
		options.Find().SetSort(bson.D{{Key: "revision", Value: -1}}).SetLimit(500), func(d doc) Revision {
			return Revision{PostID: d.PostID, Revision: d.Revision, Body: d.Body, BodyHTML: d.BodyHTML, EditorID: d.EditorID,
				SavedAt: d.SavedAt.UTC(), AttachmentIDs: orEmpty(d.Attachments)}
		})
}

func (s *mongoStore) UpdatePost(ctx context.Context, id string, ch postChange) error {
	o, err := oid(id, errPostNotFound())
	if err != nil {
		return err
	}
	set := bson.D{}
	if ch.DeletedAt != nil {
		set = append(set, bson.E{Key: "deletedAt", Value: mongodb.Millis(*ch.DeletedAt)})
	}
	if ch.DeletedBy != nil {
		set = append(set, bson.E{Key: "deletedBy", Value: *ch.DeletedBy})
	}
	if ch.Hidden != nil {
		set = append(set, bson.E{Key: "hidden", Value: *ch.Hidden})
	}
	if ch.HiddenReason != nil {
		set = append(set, bson.E{Key: "hiddenReason", Value: *ch.HiddenReason})
	}
	if ch.HiddenBy != nil {
		set = append(set, bson.E{Key: "hiddenBy", Value: *ch.HiddenBy})
	}
	if len(set) == 0 {
		return nil
	}
	res, err := s.posts.UpdateOne(ctx, bson.D{{Key: "_id", Value: o}}, bson.D{{Key: "$set", Value: set}})
	if err == nil && res.MatchedCount == 0 {
		return errPostNotFound()
	}
	return err
}

// Discussions reads the multikey index {attachments, createdAt: -1, _id: -1}:
// equality on the resource, sorted by the index; deleted and hidden posts are
// filtered out as they are read. The threads are a second query by _id.
func (s *mongoStore) Discussions(ctx context.Context, resourceID string, withHidden bool, limit int, after *paging.Cursor) ([]DiscussionItem, error) {
	filter := bson.D{{Key: "attachments", Value: resourceID}, {Key: "deletedAt", Value: epoch}}
	if !withHidden {
		filter = append(filter, bson.E{Key: "hidden", Value: false})
	}
	if after != nil {
		k, err := strconv.ParseInt(after.Key, 10, 64)
		if err != nil {
			return nil, errBadCursor()
		}
		id, err := oid(after.ID, errBadCursor())
		if err != nil {
			return nil, err
		}
		at := time.UnixMilli(k).UTC()
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "createdAt", Value: bson.D{{Key: "$lt", Value: at}}}},
			bson.D{{Key: "createdAt", Value: at}, {Key: "_id", Value: bson.D{{Key: "$lt", Value: id}}}},
		}})
	}
	type doc struct {
		ID         bson.ObjectID `bson:"_id"`
		ThreadID   string        `bson:"threadId"`
		Number     int           `bson:"number"`
		AuthorName string        `bson:"authorName"`
		CreatedAt  time.Time     `bson:"createdAt"`
	}
	ps, err := mongodb.FindAll(ctx, s.posts, filter, options.Find().
		SetSort(bson.D{{Key: "createdAt", Value: -1}, {Key: "_id", Value: -1}}).SetLimit(int64(limit+1)).
		SetProjection(bson.D{{Key: "threadId", Value: 1}, {Key: "number", Value: 1}, {Key: "authorName", Value: 1}, {Key: "createdAt", Value: 1}}),
		func(d doc) doc { return d })
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	var tids []bson.ObjectID
	for _, p := range ps {
		if o, err := mongodb.ParseID(p.ThreadID); err == nil {
			tids = append(tids, o)
		}
	}
	if len(tids) == 0 {
		return []DiscussionItem{}, nil
	}
	ts, err := mongodb.FindAll(ctx, s.threads, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: tids}}}},
		options.Find().SetProjection(bson.D{{Key: "slug", Value: 1}, {Key: "title", Value: 1}}), mongoThread.thread)
	if err != nil {
		return nil, err
	}
	byID := map[string]Thread{}
	for _, t := range ts {
		byID[t.ID] = t
	}
	out := make([]DiscussionItem, 0, len(ps))
	for _, p := range ps {
		t, ok := byID[p.ThreadID]
		if !ok {
			continue
		}
		out = append(out, DiscussionItem{ThreadID: p.ThreadID, ThreadSlug: t.Slug, ThreadTitle: t.Title, PostID: p.ID.Hex(),
			PostNumber: p.Number, AuthorName: p.AuthorName, CreatedAt: p.CreatedAt.UTC()})
	}
	return out, nil
}

// ---- reactions

func (s *mongoStore) countReaction(ctx context.Context, r reaction, delta int) error {
	po, err := oid(r.PostID, errPostNotFound())
	if err != nil {
		return err
	}
	if _, err := s.posts.UpdateOne(ctx, bson.D{{Key: "_id", Value: po}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "reactions." + r.Kind, Value: delta}}}}); err != nil {
		return err
	}
	to, err := oid(r.ThreadID, errThreadNotFound())
	if err != nil {
		return err
	}
	_, err = s.threads.UpdateOne(ctx, bson.D{{Key: "_id", Value: to}}, bson.D{{Key: "$inc", Value: bson.D{{Key: "reactionCount", Value: delta}}}})
	return err
}

func (s *mongoStore) AddReaction(ctx context.Context, r reaction) error {
	_, err := s.reactions.InsertOne(ctx, bson.D{{Key: "postId", Value: r.PostID}, {Key: "userId", Value: r.UserID},
		{Key: "kind", Value: r.Kind}, {Key: "createdAt", Value: mongodb.Millis(r.At)}})
	if mongodb.IsDuplicate(err) {
		return errAlreadyReacted()
	}
	if err != nil {
		return err
	}
	return s.countReaction(ctx, r, 1)
}

func (s *mongoStore) RemoveReaction(ctx context.Context, r reaction) error {
	res, err := s.reactions.DeleteOne(ctx, bson.D{{Key: "postId", Value: r.PostID}, {Key: "userId", Value: r.UserID}, {Key: "kind", Value: r.Kind}})
	if err != nil {
		return err
	}
	if res.DeletedCount == 0 {
		return apperr.NotFound("forum.reaction_not_found", "you have not reacted like this")
	}
	return s.countReaction(ctx, r, -1)
}

func (s *mongoStore) MyReactions(ctx context.Context, userID string, postIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(postIDs) == 0 {
		return out, nil
	}
	type doc struct {
		PostID string `bson:"postId"`
		Kind   string `bson:"kind"`
	}
	rs, err := mongodb.FindAll(ctx, s.reactions, bson.D{{Key: "postId", Value: bson.D{{Key: "$in", Value: postIDs}}}, {Key: "userId", Value: userID}},
		options.Find().SetSort(bson.D{{Key: "postId", Value: 1}, {Key: "kind", Value: 1}}), func(d doc) doc { return d })
	for _, r := range rs {
		out[r.PostID] = append(out[r.PostID], r.Kind)
	}
	return out, err
}

// ---- flags

type mongoFlag struct {
	ID           bson.ObjectID `bson:"_id"`
	NetworkID    string        `bson:"networkId"`
	PostID       string        `bson:"postId"`
	ThreadID     string        `bson:"threadId"`
	ReporterID   string        `bson:"reporterId"`
	ReporterName string        `bson:"reporterName"`
	Reason       string        `bson:"reason"`
	Note         string        `bson:"note"`
	Status       string        `bson:"status"`
	ResolvedBy   string        `bson:"resolvedBy"`
	ResolvedAt   time.Time     `bson:"resolvedAt"`
	CreatedAt    time.Time     `bson:"createdAt"`
	ResolvedByN  string        `bson:"resolvedByName"`
}

func (m mongoFlag) flag() Flag {
	return Flag{ID: m.ID.Hex(), NetworkID: m.NetworkID, PostID: m.PostID, ThreadID: m.ThreadID, ReporterID: m.ReporterID,
		ReporterName: m.ReporterName, Reason: m.Reason, Note: m.Note, Status: m.Status, ResolvedBy: m.ResolvedBy, ResolvedByName: m.ResolvedByN,
		ResolvedAt: fromEpoch(m.ResolvedAt), CreatedAt: m.CreatedAt.UTC()}
}

func (s *mongoStore) AddFlag(ctx context.Context, f Flag) error {
	id, err := oid(f.ID, errPostNotFound())
	if err != nil {
		return err
	}
	_, err = s.flags.InsertOne(ctx, mongoFlag{ID: id, NetworkID: f.NetworkID, PostID: f.PostID, ThreadID: f.ThreadID,
		ReporterID: f.ReporterID, ReporterName: f.ReporterName, Reason: f.Reason, Note: f.Note, Status: f.Status,
		ResolvedBy: f.ResolvedBy, ResolvedAt: orEpoch(f.ResolvedAt), CreatedAt: mongodb.Millis(f.CreatedAt)})
	if mongodb.IsDuplicate(err) {
		return errAlreadyFlagged()
	}
	return err
}

func (s *mongoStore) Flag(ctx context.Context, id string) (Flag, error) {
	notFound := apperr.NotFound("forum.flag_not_found", "no such report")
	o, err := oid(id, notFound)
	if err != nil {
		return Flag{}, err
	}
	m, err := mongodb.FindOne[mongoFlag](ctx, s.flags, bson.D{{Key: "_id", Value: o}}, notFound)
	return m.flag(), err
}

func (s *mongoStore) ListFlags(ctx context.Context, networkID, status string, limit int, after *paging.Cursor) ([]Flag, error) {
	filter := bson.D{{Key: "networkId", Value: networkID}, {Key: "status", Value: status}}
	if after != nil {
		k, err := strconv.ParseInt(after.Key, 10, 64)
		if err != nil {
			return nil, errBadCursor()
		}
		id, err := oid(after.ID, errBadCursor())
		if err != nil {
			return nil, err
		}
		at := time.UnixMilli(k).UTC()
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "createdAt", Value: bson.D{{Key: "$gt", Value: at}}}},
			bson.D{{Key: "createdAt", Value: at}, {Key: "_id", Value: bson.D{{Key: "$gt", Value: id}}}},
		}})
	}
	return mongodb.FindAll(ctx, s.flags, filter, options.Find().SetSort(bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(limit+1)), mongoFlag.flag)
}

func (s *mongoStore) CountFlags(ctx context.Context, networkID, status string) (int, error) {
	n, err := s.flags.CountDocuments(ctx, bson.D{{Key: "networkId", Value: networkID}, {Key: "status", Value: status}},
		options.Count().SetLimit(maxFlagCount))
	return int(n), err
}

func (s *mongoStore) CloseFlag(ctx context.Context, f Flag) (bool, error) {
	o, err := oid(f.ID, errBadCursor())
	if err != nil {
		return false, err
	}
	res, err := s.flags.UpdateOne(ctx, bson.D{{Key: "_id", Value: o}, {Key: "status", Value: "open"}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: f.Status}, {Key: "resolvedBy", Value: f.ResolvedBy},
			{Key: "resolvedByName", Value: f.ResolvedByName}, {Key: "resolvedAt", Value: orEpoch(f.ResolvedAt)}}}})
	if err != nil {
		return false, err
	}
	return res.ModifiedCount == 1, nil
}

// ---- reading state, watches, drafts

func (s *mongoStore) ReadStates(ctx context.Context, userID string, threadIDs []string) (map[string]int, error) {
	out := map[string]int{}
	if len(threadIDs) == 0 {
		return out, nil
	}
	type doc struct {
		ThreadID string `bson:"threadId"`
		LastRead int    `bson:"lastRead"`
	}
	rs, err := mongodb.FindAll(ctx, s.reads, bson.D{{Key: "userId", Value: userID}, {Key: "threadId", Value: bson.D{{Key: "$in", Value: threadIDs}}}},
		options.Find(), func(d doc) doc { return d })
	for _, r := range rs {
		out[r.ThreadID] = r.LastRead
	}
	return out, err
}

// MarkRead only ever raises the number ($max), so an old tab cannot move it back.
func (s *mongoStore) MarkRead(ctx context.Context, userID, threadID string, number int, at time.Time) error {
	_, err := s.reads.UpdateOne(ctx, bson.D{{Key: "userId", Value: userID}, {Key: "threadId", Value: threadID}},
		bson.D{{Key: "$max", Value: bson.D{{Key: "lastRead", Value: number}}}, {Key: "$set", Value: bson.D{{Key: "updatedAt", Value: mongodb.Millis(at)}}}},
		options.UpdateOne().SetUpsert(true))
	if mongodb.IsDuplicate(err) { // two first reads at once: the other one created it
		return s.MarkRead(ctx, userID, threadID, number, at)
	}
	return err
}

func (s *mongoStore) SetWatch(ctx context.Context, userID, target, level string) error {
	filter := bson.D{{Key: "userId", Value: userID}, {Key: "target", Value: target}}
	if level == Normal {
		_, err := s.watches.DeleteOne(ctx, filter)
		return err
	}
	_, err := s.watches.UpdateOne(ctx, filter, bson.D{{Key: "$set", Value: bson.D{{Key: "level", Value: level}}}}, options.UpdateOne().SetUpsert(true))
	return err
}

func (s *mongoStore) Watch(ctx context.Context, userID, target string) (string, error) {
	var d struct {
		Level string `bson:"level"`
	}
	err := s.watches.FindOne(ctx, bson.D{{Key: "userId", Value: userID}, {Key: "target", Value: target}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Normal, nil
	}
	return d.Level, err
}

func (s *mongoStore) Watches(ctx context.Context, userID string, targets []string) (map[string]string, error) {
	out := map[string]string{}
	if len(targets) == 0 {
		return out, nil
	}
	type doc struct {
		Target string `bson:"target"`
		Level  string `bson:"level"`
	}
	ds, err := mongodb.FindAll(ctx, s.watches, bson.D{{Key: "userId", Value: userID}, {Key: "target", Value: bson.D{{Key: "$in", Value: targets}}}},
		options.Find(), func(d doc) doc { return d })
	for _, d := range ds {
		out[d.Target] = d.Level
	}
	return out, err
}

type mongoDraft struct {
	UserID     string    `bson:"userId"`
	Key        string    `bson:"key"`
	Title      string    `bson:"title"`
	Body       string    `bson:"body"`
	CategoryID string    `bson:"categoryId"`
	Kind       string    `bson:"kind"`
	UpdatedAt  time.Time `bson:"updatedAt"`
	Quoted     string    `bson:"quotedPostId"`
	Attached   []string  `bson:"attachments"`
}

func (s *mongoStore) SaveDraft(ctx context.Context, d Draft) error {
	_, err := s.drafts.UpdateOne(ctx, bson.D{{Key: "userId", Value: d.UserID}, {Key: "key", Value: d.Key}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "title", Value: d.Title}, {Key: "body", Value: d.Body},
			{Key: "categoryId", Value: d.CategoryID}, {Key: "kind", Value: string(d.Kind)}, {Key: "updatedAt", Value: mongodb.Millis(d.UpdatedAt)},
			{Key: "quotedPostId", Value: d.QuotedPostID}, {Key: "attachments", Value: nonNil(d.Attachments)}}}},
		options.UpdateOne().SetUpsert(true))
	return err
}

func (s *mongoStore) Draft(ctx context.Context, userID, key string) (Draft, error) {
	m, err := mongodb.FindOne[mongoDraft](ctx, s.drafts, bson.D{{Key: "userId", Value: userID}, {Key: "key", Value: key}}, errNoDraft())
	return Draft{Key: m.Key, UserID: m.UserID, Title: m.Title, Body: m.Body, CategoryID: m.CategoryID, Kind: Kind(m.Kind),
		QuotedPostID: m.Quoted, Attachments: nilIfEmpty(m.Attached), UpdatedAt: m.UpdatedAt.UTC()}, err
}

func (s *mongoStore) DeleteDraft(ctx context.Context, userID, key string) error {
	_, err := s.drafts.DeleteOne(ctx, bson.D{{Key: "userId", Value: userID}, {Key: "key", Value: key}})
	return err
}

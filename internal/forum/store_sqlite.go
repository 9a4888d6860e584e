package forum

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLiteSchema is this feature's tables.
var SQLiteSchema = sqlitedb.SchemaFrom("forum", migrations, "migrations")

type sqliteStore struct{ db *sqlitedb.DB }

var _ store = (*sqliteStore)(nil)

// NewSQLiteStore returns the store on the embedded database.
func NewSQLiteStore(db *sqlitedb.DB) *sqliteStore { return &sqliteStore{db: db} }

type scanner interface{ Scan(...any) error }

func ms(t *time.Time) int64 {
	if t == nil {
		return 0
	}
	return sqlitedb.Millis(*t)
}

func opt(v int64) *time.Time {
	if v == 0 {
		return nil
	}
	t := sqlitedb.Time(v)
	return &t
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func collect[T any](rows *sql.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func inArgs(ids []string) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return "(?" + strings.Repeat(",?", len(ids)-1) + ")", args
}

func (s *sqliteStore) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// ---- categories

const categoryColumns = `id, network_id, name, description, position, thread_count, created_at`

func scanCategory(r scanner) (Category, error) {
	var c Category
	var created int64
	err := r.Scan(&c.ID, &c.NetworkID, &c.Name, &c.Description, &c.Position, &c.ThreadCount, &created)
	c.CreatedAt = sqlitedb.Time(created)
	return c, err
}

func (s *sqliteStore) CreateCategory(ctx context.Context, c Category) error {
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO forum_categories (`+categoryColumns+`) VALUES (?, ?, ?, ?, ?, 0, ?)`,
		c.ID, c.NetworkID, c.Name, c.Description, c.Position, sqlitedb.Millis(c.CreatedAt))
	return err
}

func errCategoryNotFound() error {
	return apperr.NotFound("forum.category_not_found", "no such category")
}

func affected(res sql.Result, err error, notFound error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err != nil {
			return err
		}
		return notFound
	}
	return nil
}

func (s *sqliteStore) UpdateCategory(ctx context.Context, c Category) error {
	res, err := s.db.Write.ExecContext(ctx, `UPDATE forum_categories SET name = ?, description = ?, position = ? WHERE id = ?`,
		c.Name, c.Description, c.Position, c.ID)
	return affected(res, err, errCategoryNotFound())
}

func (s *sqliteStore) DeleteCategory(ctx context.Context, id string) error {
	res, err := s.db.Write.ExecContext(ctx, `DELETE FROM forum_categories WHERE id = ? AND thread_count = 0`, id)
	return affected(res, err, errCategoryNotFound())
}

func (s *sqliteStore) Category(ctx context.Context, id string) (Category, error) {
	c, err := scanCategory(s.db.Read.QueryRowContext(ctx, `SELECT `+categoryColumns+` FROM forum_categories WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Category{}, errCategoryNotFound()
	}
	return c, err
}

func (s *sqliteStore) Categories(ctx context.Context, networkID string) ([]Category, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+categoryColumns+` FROM forum_categories
		WHERE network_id = ? ORDER BY position, id LIMIT 100`, networkID)
	return collect(rows, err, scanCategory)
}

// ---- threads

const threadColumns = `id, network_id, category_id, kind, title, slug, author_id, author_name, created_at,
	last_activity_at, last_poster_name, post_count, reaction_count, pinned, locked, accepted_post_id, excerpt`

func scanThread(r scanner) (Thread, error) {
	var t Thread
	var kind string
	var created, activity int64
	var pinned, locked int
	err := r.Scan(&t.ID, &t.NetworkID, &t.CategoryID, &kind, &t.Title, &t.Slug, &t.AuthorID, &t.AuthorName, &created,
		&activity, &t.LastPosterName, &t.PostCount, &t.ReactionCount, &pinned, &locked, &t.AcceptedPostID, &t.Excerpt)
	t.Kind, t.CreatedAt, t.LastActivityAt, t.Pinned, t.Locked = Kind(kind), sqlitedb.Time(created), sqlitedb.Time(activity), pinned == 1, locked == 1
	return t, err
}

func openQuestion(t Thread) int { return b2i(t.Kind == Question && t.AcceptedPostID == "") }

func (s *sqliteStore) CreateThread(ctx context.Context, t Thread, first Post) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO forum_threads (`+threadColumns+`, open_question)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			t.ID, t.NetworkID, t.CategoryID, string(t.Kind), t.Title, t.Slug, t.AuthorID, t.AuthorName,
			sqlitedb.Millis(t.CreatedAt), sqlitedb.Millis(t.LastActivityAt), t.LastPosterName, t.PostCount,
			t.ReactionCount, b2i(t.Pinned), b2i(t.Locked), t.AcceptedPostID, t.Excerpt, openQuestion(t)); err != nil {
			return err
		}
		if err := insertPost(ctx, tx, first); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE forum_categories SET thread_count = thread_count + 1 WHERE id = ?`, t.CategoryID)
		return err
	})
}

func (s *sqliteStore) Thread(ctx context.Context, id string) (Thread, error) {
	t, err := scanThread(s.db.Read.QueryRowContext(ctx, `SELECT `+threadColumns+` FROM forum_threads WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Thread{}, errThreadNotFound()
	}
	return t, err
}

// listThreadsSQL builds a thread list query from typed input: newest first by
// the sort's key, read backwards along the index that starts with the scope.
func listThreadsSQL(q threadQuery) (string, []any, error) {
	scope, scopeID := "network_id", q.NetworkID
	if q.CategoryID != "" {
		scope, scopeID = "category_id", q.CategoryID
	}
	key, filter := "last_activity_at", "pinned = 0"
	switch q.Sort {
	case SortNewest:
		key = "created_at"
	case SortReactions:
		key = "reaction_count"
	case SortUnanswered:
		key, filter = "created_at", "open_question = 1"
	}
	query := `SELECT ` + threadColumns + ` FROM forum_threads WHERE ` + scope + ` = ? AND ` + filter
	args := []any{scopeID}
	if q.After != nil {
		k, err := strconv.ParseInt(q.After.Key, 10, 64)
		if err != nil {
			return "", nil, errBadCursor()
		}
		query += ` AND (` + key + `, id) < (?, ?)`
		args = append(args, k, q.After.ID)
	}
	return query + ` ORDER BY ` + key + ` DESC, id DESC LIMIT ?`, append(args, q.Limit+1), nil
}

func (s *sqliteStore) ListThreads(ctx context.Context, q threadQuery) ([]Thread, error) {
	query, args, err := listThreadsSQL(q)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	return collect(rows, err, scanThread)
}

func (s *sqliteStore) AllThreads(ctx context.Context, afterID string, limit int) ([]Thread, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+threadColumns+` FROM forum_threads WHERE id > ? ORDER BY id LIMIT ?`, afterID, limit)
	return collect(rows, err, scanThread)
}

func (s *sqliteStore) Pinned(ctx context.Context, networkID, categoryID string, limit int) ([]Thread, error) {
	scope, id := "network_id", networkID
	if categoryID != "" {
		scope, id = "category_id", categoryID
	}
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+threadColumns+` FROM forum_threads
		WHERE `+scope+` = ? AND pinned = 1 ORDER BY last_activity_at DESC, id DESC LIMIT ?`, id, limit)
	return collect(rows, err, scanThread)
}

func (s *sqliteStore) UpdateThread(ctx context.Context, id string, ch threadChange) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var oldCategory string
		if err := tx.QueryRowContext(ctx, `SELECT category_id FROM forum_threads WHERE id = ?`, id).Scan(&oldCategory); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errThreadNotFound()
			}
			return err
		}
		if ch.Pinned != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE forum_threads SET pinned = ? WHERE id = ?`, b2i(*ch.Pinned), id); err != nil {
				return err
			}
		}
		if ch.Locked != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE forum_threads SET locked = ? WHERE id = ?`, b2i(*ch.Locked), id); err != nil {
				return err
			}
		}
		if ch.AcceptedPostID != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE forum_threads SET accepted_post_id = ?,
				open_question = CASE WHEN kind = 'question' AND ? = '' THEN 1 ELSE 0 END WHERE id = ?`,
				*ch.AcceptedPostID, *ch.AcceptedPostID, id); err != nil {
				return err
			}
		}
		if ch.CategoryID != nil && *ch.CategoryID != oldCategory {
			for _, q := range []struct {
				sql string
				arg string
			}{
				{`UPDATE forum_threads SET category_id = ? WHERE id = ?`, ""},
				{`UPDATE forum_categories SET thread_count = thread_count - 1 WHERE id = ?`, oldCategory},
				{`UPDATE forum_categories SET thread_count = thread_count + 1 WHERE id = ?`, *ch.CategoryID},
			} {
				var err error
				if q.arg == "" {
					_, err = tx.ExecContext(ctx, q.sql, *ch.CategoryID, id)
				} else {
					_, err = tx.ExecContext(ctx, q.sql, q.arg)
				}
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// ---- posts

const postColumns = `id, thread_id, network_id, number, author_id, author_name, author_org, body, body_html,
	quoted_post_id, mentions, reactions, revision, created_at, edited_at, deleted_at, hidden, hidden_reason, attachments`

func scanPost(r scanner) (Post, error) {
	var p Post
	var mentions, reactions, attachments string
	var created, edited, deleted int64
	var hidden int
	err := r.Scan(&p.ID, &p.ThreadID, &p.NetworkID, &p.Number, &p.AuthorID, &p.AuthorName, &p.AuthorOrg, &p.Body,
		&p.BodyHTML, &p.QuotedPostID, &mentions, &reactions, &p.Revision, &created, &edited, &deleted, &hidden, &p.HiddenReason, &attachments)
	if err != nil {
		return Post{}, err
	}
	p.CreatedAt, p.EditedAt, p.DeletedAt, p.Hidden = sqlitedb.Time(created), opt(edited), opt(deleted), hidden == 1
	if err := json.Unmarshal([]byte(mentions), &p.Mentions); err != nil {
		return Post{}, err
	}
	if err := json.Unmarshal([]byte(reactions), &p.Reactions); err != nil {
		return Post{}, err
	}
	if err := json.Unmarshal([]byte(attachments), &p.AttachmentIDs); err != nil {
		return Post{}, err
	}
	return p, nil
}

// idList is a list of ids as stored: [] rather than null.
func idList(ids []string) string {
	if ids == nil {
		ids = []string{}
	}
	return jsonOf(ids)
}

// attach replaces the rows that list p among the posts attaching each of its
// resources; a deleted post is listed nowhere.
func attach(ctx context.Context, tx *sql.Tx, p Post) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM forum_post_attachments WHERE post_id = ?`, p.ID); err != nil {
		return err
	}
	if p.DeletedAt != nil {
		return nil
	}
	for _, rid := range p.AttachmentIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO forum_post_attachments (post_id, resource_id, created_at, thread_id, network_id)
			VALUES (?, ?, ?, ?, ?)`, p.ID, rid, sqlitedb.Millis(p.CreatedAt), p.ThreadID, p.NetworkID); err != nil {
			return err
		}
	}
	return nil
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func insertPost(ctx context.Context, tx *sql.Tx, p Post) error {
	if p.Mentions == nil {
		p.Mentions = []string{}
	}
	if p.Reactions == nil {
		p.Reactions = map[string]int{}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO forum_posts (`+postColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.ThreadID, p.NetworkID, p.Number, p.AuthorID, p.AuthorName, p.AuthorOrg, p.Body, p.BodyHTML,
		p.QuotedPostID, jsonOf(p.Mentions), jsonOf(p.Reactions), p.Revision, sqlitedb.Millis(p.CreatedAt),
		ms(p.EditedAt), ms(p.DeletedAt), b2i(p.Hidden), p.HiddenReason, idList(p.AttachmentIDs)); err != nil {
		return err
	}
	return attach(ctx, tx, p)
}

func (s *sqliteStore) AddPost(ctx context.Context, p Post) (Post, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `UPDATE forum_threads SET post_count = post_count + 1, last_activity_at = ?,
			last_poster_name = ? WHERE id = ? RETURNING post_count`,
			sqlitedb.Millis(p.CreatedAt), p.AuthorName, p.ThreadID).Scan(&p.Number)
		if errors.Is(err, sql.ErrNoRows) {
			return errThreadNotFound()
		}
		if err != nil {
			return err
		}
		return insertPost(ctx, tx, p)
	})
	return p, err
}

func (s *sqliteStore) Post(ctx context.Context, id string) (Post, error) {
	p, err := scanPost(s.db.Read.QueryRowContext(ctx, `SELECT `+postColumns+` FROM forum_posts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Post{}, errPostNotFound()
	}
	return p, err
}

func listPostsSQL(threadID string, from, limit int) (string, []any) {
	return `SELECT ` + postColumns + ` FROM forum_posts WHERE thread_id = ? AND number >= ? ORDER BY number LIMIT ?`,
		[]any{threadID, from, limit + 1}
}

func (s *sqliteStore) ListPosts(ctx context.Context, threadID string, from, limit int) ([]Post, error) {
	q, args := listPostsSQL(threadID, from, limit)
	rows, err := s.db.Read.QueryContext(ctx, q, args...)
	return collect(rows, err, scanPost)
}

func (s *sqliteStore) EditPost(ctx context.Context, p Post, prev Revision) (bool, error) {
	won := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// The stored post decides what the attachment rows say (its creation
		// time, whether it is deleted), not the caller's copy.
		stored, err := scanPost(tx.QueryRowContext(ctx, `UPDATE forum_posts SET body = ?, body_html = ?, mentions = ?, revision = ?,
			edited_at = ?, attachments = ? WHERE id = ? AND revision = ? RETURNING `+postColumns,
			p.Body, p.BodyHTML, jsonOf(p.Mentions), p.Revision, ms(p.EditedAt), idList(p.AttachmentIDs), p.ID, prev.Revision))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		won = true
		if err := attach(ctx, tx, stored); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO forum_revisions (post_id, revision, body, body_html, editor_id, saved_at, attachments)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, prev.PostID, prev.Revision, prev.Body, prev.BodyHTML, prev.EditorID,
			sqlitedb.Millis(prev.SavedAt), idList(prev.AttachmentIDs))
		return err
	})
	return won, err
}

func (s *sqliteStore) Revisions(ctx context.Context, postID string) ([]Revision, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT post_id, revision, body, body_html, editor_id, saved_at, attachments
		FROM forum_revisions WHERE post_id = ? ORDER BY revision DESC LIMIT 500`, postID)
	return collect(rows, err, func(r scanner) (Revision, error) {
		var v Revision
		var saved int64
		var attachments string
		if err := r.Scan(&v.PostID, &v.Revision, &v.Body, &v.BodyHTML, &v.EditorID, &saved, &attachments); err != nil {
			return Revision{}, err
		}
		v.SavedAt = sqlitedb.Time(saved)
		return v, json.Unmarshal([]byte(attachments), &v.AttachmentIDs)
	})
}

func (s *sqliteStore) UpdatePost(ctx context.Context, id string, ch postChange) error {
	set := []string{}
	var args []any
	if ch.DeletedAt != nil {
		set, args = append(set, "deleted_at = ?"), append(args, sqlitedb.Millis(*ch.DeletedAt))
	}
	if ch.DeletedBy != nil {
		set, args = append(set, "deleted_by = ?"), append(args, *ch.DeletedBy)
	}
	if ch.Hidden != nil {
		set, args = append(set, "hidden = ?"), append(args, b2i(*ch.Hidden))
	}
	if ch.HiddenReason != nil {
		set, args = append(set, "hidden_reason = ?"), append(args, *ch.HiddenReason)
	}
	if ch.HiddenBy != nil {
		set, args = append(set, "hidden_by = ?"), append(args, *ch.HiddenBy)
	}
	if len(set) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE forum_posts SET `+strings.Join(set, ", ")+` WHERE id = ?`, append(args, id)...)
		if err := affected(res, err, errPostNotFound()); err != nil {
			return err
		}
		if ch.DeletedAt == nil {
			return nil
		}
		// A deleted post no longer shows where its resources are discussed.
		_, err = tx.ExecContext(ctx, `DELETE FROM forum_post_attachments WHERE post_id = ?`, id)
		return err
	})
}

// discussionsSQL lists the posts attaching a resource, newest first, read
// backwards along forum_post_attachments_resource; the post and its thread
// are joined by primary key.
func discussionsSQL(resourceID string, withHidden bool, limit int, after *paging.Cursor) (string, []any, error) {
	q := `SELECT a.thread_id, t.slug, t.title, a.post_id, p.number, p.author_name, a.created_at
		FROM forum_post_attachments a
		JOIN forum_posts p ON p.id = a.post_id
		JOIN forum_threads t ON t.id = a.thread_id
		WHERE a.resource_id = ? AND p.deleted_at = 0`
	args := []any{resourceID}
	if !withHidden {
		q += ` AND p.hidden = 0`
	}
	if after != nil {
		k, err := strconv.ParseInt(after.Key, 10, 64)
		if err != nil {
			return "", nil, errBadCursor()
		}
		q += ` AND (a.created_at, a.post_id) < (?, ?)`
		args = append(args, k, after.ID)
	}
	return q + ` ORDER BY a.created_at DESC, a.post_id DESC LIMIT ?`, append(args, limit+1), nil
}

func (s *sqliteStore) Discussions(ctx context.Context, resourceID string, withHidden bool, limit int, after *paging.Cursor) ([]DiscussionItem, error) {
	q, args, err := discussionsSQL(resourceID, withHidden, limit, after)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, q, args...)
	return collect(rows, err, func(r scanner) (DiscussionItem, error) {
		var d DiscussionItem
		var created int64
		err := r.Scan(&d.ThreadID, &d.ThreadSlug, &d.ThreadTitle, &d.PostID, &d.PostNumber, &d.AuthorName, &created)
		d.CreatedAt = sqlitedb.Time(created)
		return d, err
	})
}

// ---- reactions

func errAlreadyReacted() error {
	return apperr.Conflict("forum.already_reacted", "you have already reacted like this")
}

func (s *sqliteStore) AddReaction(ctx context.Context, r reaction) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO forum_reactions (post_id, user_id, kind, created_at) VALUES (?, ?, ?, ?)`,
			r.PostID, r.UserID, r.Kind, sqlitedb.Millis(r.At))
		if sqlitedb.IsUniqueViolation(err) {
			return errAlreadyReacted()
		}
		if err != nil {
			return err
		}
		return countReaction(ctx, tx, r, 1)
	})
}

func countReaction(ctx context.Context, tx *sql.Tx, r reaction, delta int) error {
	path := `$."` + r.Kind + `"` // r.Kind is one of the fixed reactions
	if _, err := tx.ExecContext(ctx, `UPDATE forum_posts SET reactions = json_set(reactions, ?,
		coalesce(json_extract(reactions, ?), 0) + ?) WHERE id = ?`, path, path, delta, r.PostID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE forum_threads SET reaction_count = reaction_count + ? WHERE id = ?`, delta, r.ThreadID)
	return err
}

func (s *sqliteStore) RemoveReaction(ctx context.Context, r reaction) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM forum_reactions WHERE post_id = ? AND user_id = ? AND kind = ?`, r.PostID, r.UserID, r.Kind)
		if err := affected(res, err, apperr.NotFound("forum.reaction_not_found", "you have not reacted like this")); err != nil {
			return err
		}
		return countReaction(ctx, tx, r, -1)
	})
}

func (s *sqliteStore) MyReactions(ctx context.Context, userID string, postIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(postIDs) == 0 {
		return out, nil
	}
	in, args := inArgs(postIDs)
	rows, err := s.db.Read.QueryContext(ctx, `SELECT post_id, kind FROM forum_reactions
		WHERE post_id IN `+in+` AND user_id = ? ORDER BY post_id, kind`, append(args, userID)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var post, kind string
		if err := rows.Scan(&post, &kind); err != nil {
			return nil, err
		}
		out[post] = append(out[post], kind)
	}
	return out, rows.Err()
}

// ---- flags

const flagColumns = `id, network_id, post_id, thread_id, reporter_id, reporter_name, reason, note, status, resolved_by, resolved_at, created_at, resolved_by_name`

func scanFlag(r scanner) (Flag, error) {
	var f Flag
	var resolved, created int64
	err := r.Scan(&f.ID, &f.NetworkID, &f.PostID, &f.ThreadID, &f.ReporterID, &f.ReporterName, &f.Reason, &f.Note,
		&f.Status, &f.ResolvedBy, &resolved, &created, &f.ResolvedByName)
	f.ResolvedAt, f.CreatedAt = opt(resolved), sqlitedb.Time(created)
	return f, err
}

func errAlreadyFlagged() error {
	return apperr.Conflict("forum.already_flagged", "you have already reported this post")
}

func (s *sqliteStore) AddFlag(ctx context.Context, f Flag) error {
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO forum_flags (`+flagColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.ID, f.NetworkID, f.PostID, f.ThreadID, f.ReporterID, f.ReporterName, f.Reason, f.Note, f.Status, f.ResolvedBy,
		ms(f.ResolvedAt), sqlitedb.Millis(f.CreatedAt), f.ResolvedByName)
	if sqlitedb.IsUniqueViolation(err) {
		return errAlreadyFlagged()
	}
	return err
}

func (s *sqliteStore) Flag(ctx context.Context, id string) (Flag, error) {
	f, err := scanFlag(s.db.Read.QueryRowContext(ctx, `SELECT `+flagColumns+` FROM forum_flags WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Flag{}, apperr.NotFound("forum.flag_not_found", "no such report")
	}
	return f, err
}

func listFlagsSQL(networkID, status string, limit int, after *paging.Cursor) (string, []any, error) {
	q := `SELECT ` + flagColumns + ` FROM forum_flags WHERE network_id = ? AND status = ?`
	args := []any{networkID, status}
	if after != nil {
		k, err := strconv.ParseInt(after.Key, 10, 64)
		if err != nil {
			return "", nil, errBadCursor()
		}
		q += ` AND (created_at, id) > (?, ?)`
		args = append(args, k, after.ID)
	}
	return q + ` ORDER BY created_at, id LIMIT ?`, append(args, limit+1), nil
}

func (s *sqliteStore) ListFlags(ctx context.Context, networkID, status string, limit int, after *paging.Cursor) ([]Flag, error) {
	q, args, err := listFlagsSQL(networkID, status, limit, after)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, q, args...)
	return collect(rows, err, scanFlag)
}

func (s *sqliteStore) CountFlags(ctx context.Context, networkID, status string) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM forum_flags WHERE network_id = ? AND status = ? LIMIT ?)`,
		networkID, status, maxFlagCount).Scan(&n)
	return n, err
}

func (s *sqliteStore) CloseFlag(ctx context.Context, f Flag) (bool, error) {
	res, err := s.db.Write.ExecContext(ctx, `UPDATE forum_flags SET status = ?, resolved_by = ?, resolved_by_name = ?, resolved_at = ?
		WHERE id = ? AND status = 'open'`, f.Status, f.ResolvedBy, f.ResolvedByName, ms(f.ResolvedAt), f.ID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ---- reading state, watches, drafts

func (s *sqliteStore) ReadStates(ctx context.Context, userID string, threadIDs []string) (map[string]int, error) {
	out := map[string]int{}
	if len(threadIDs) == 0 {
		return out, nil
	}
	in, args := inArgs(threadIDs)
	rows, err := s.db.Read.QueryContext(ctx, `SELECT thread_id, last_read FROM forum_read_states
		WHERE user_id = ? AND thread_id IN `+in, append([]any{userID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

func (s *sqliteStore) MarkRead(ctx context.Context, userID, threadID string, number int, at time.Time) error {
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO forum_read_states (user_id, thread_id, last_read, updated_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (user_id, thread_id) DO UPDATE SET
		last_read = max(last_read, excluded.last_read), updated_at = excluded.updated_at`,
		userID, threadID, number, sqlitedb.Millis(at))
	return err
}

func (s *sqliteStore) SetWatch(ctx context.Context, userID, target, level string) error {
	if level == Normal {
		_, err := s.db.Write.ExecContext(ctx, `DELETE FROM forum_watches WHERE user_id = ? AND target = ?`, userID, target)
		return err
	}
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO forum_watches (user_id, target, level) VALUES (?, ?, ?)
		ON CONFLICT (user_id, target) DO UPDATE SET level = excluded.level`, userID, target, level)
	return err
}

func (s *sqliteStore) Watch(ctx context.Context, userID, target string) (string, error) {
	var level string
	err := s.db.Read.QueryRowContext(ctx, `SELECT level FROM forum_watches WHERE user_id = ? AND target = ?`, userID, target).Scan(&level)
	if errors.Is(err, sql.ErrNoRows) {
		return Normal, nil
	}
	return level, err
}

func (s *sqliteStore) Watches(ctx context.Context, userID string, targets []string) (map[string]string, error) {
	out := map[string]string{}
	if len(targets) == 0 {
		return out, nil
	}
	in, args := inArgs(targets)
	rows, err := s.db.Read.QueryContext(ctx, `SELECT target, level FROM forum_watches WHERE user_id = ? AND target IN `+in,
		append([]any{userID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t, l string
		if err := rows.Scan(&t, &l); err != nil {
			return nil, err
		}
		out[t] = l
	}
	return out, rows.Err()
}

func (s *sqliteStore) SaveDraft(ctx context.Context, d Draft) error {
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO forum_drafts (user_id, key, title, body, category_id, kind, updated_at, quoted_post_id, attachments)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, key) DO UPDATE SET title = excluded.title, body = excluded.body,
		category_id = excluded.category_id, kind = excluded.kind, updated_at = excluded.updated_at, quoted_post_id = excluded.quoted_post_id,
		attachments = excluded.attachments`,
		d.UserID, d.Key, d.Title, d.Body, d.CategoryID, string(d.Kind), sqlitedb.Millis(d.UpdatedAt), d.QuotedPostID, jsonOf(nonNil(d.Attachments)))
	return err
}

func errNoDraft() error { return apperr.NotFound("forum.draft_not_found", "no draft") }

func (s *sqliteStore) Draft(ctx context.Context, userID, key string) (Draft, error) {
	var d Draft
	var kind, attachments string
	var updated int64
	err := s.db.Read.QueryRowContext(ctx, `SELECT user_id, key, title, body, category_id, kind, updated_at, quoted_post_id, attachments
		FROM forum_drafts WHERE user_id = ? AND key = ?`, userID, key).Scan(&d.UserID, &d.Key, &d.Title, &d.Body, &d.CategoryID, &kind, &updated,
		&d.QuotedPostID, &attachments)
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, errNoDraft()
	}
	if err != nil {
		return Draft{}, err
	}
	d.Kind, d.UpdatedAt = Kind(kind), sqlitedb.Time(updated)
	if err := json.Unmarshal([]byte(attachments), &d.Attachments); err != nil {
		return Draft{}, err
	}
	d.Attachments = nilIfEmpty(d.Attachments)
	return d, nil
}

func (s *sqliteStore) DeleteDraft(ctx context.Context, userID, key string) error {
	_, err := s.db.Write.ExecContext(ctx, `DELETE FROM forum_drafts WHERE user_id = ? AND key = ?`, userID, key)
	return err
}

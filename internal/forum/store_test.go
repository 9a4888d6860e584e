package forum

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/storetest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

func forEachStore(t *testing.T, test func(t *testing.T, s store)) {
	storetest.Each(t, SQLiteSchema, MongoIndexes,
		func(db *sqlitedb.DB) store { return NewSQLiteStore(db) },
		func(db *mongo.Database) store { return NewMongoStore(db) }, test)
}

// race runs fn n times at once where single-record updates are atomic (SQLite,
// real MongoDB), and one by one on FerretDB, which does not make them atomic.
func race(t *testing.T, s store, n int, fn func(i int)) {
	t.Helper()
	if _, onMongo := s.(*mongoStore); onMongo && !mongotest.AtomicUpdates(t) {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	done := make(chan struct{})
	for i := 0; i < n; i++ {
		go func() { fn(i); done <- struct{}{} }()
	}
	for i := 0; i < n; i++ {
		<-done
	}
}

var t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func newThread(net, cat string, kind Kind, title string, at time.Time) (Thread, Post) {
	t := Thread{ID: sqlitedb.NewID(), NetworkID: net, CategoryID: cat, Kind: kind, Title: title, Slug: slugify(title),
		AuthorID: "author", AuthorName: "Kari", CreatedAt: at, LastActivityAt: at, LastPosterName: "Kari", PostCount: 1, Excerpt: title}
	p := Post{ID: sqlitedb.NewID(), ThreadID: t.ID, NetworkID: net, Number: 1, AuthorID: "author", AuthorName: "Kari",
		AuthorOrg: "Fyresdal", Body: "Om " + title, BodyHTML: "<p>Om " + title + "</p>", Revision: 1, CreatedAt: at}
	return t, p
}

func titles(ts []Thread) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Title
	}
	return out
}

func same(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestStoreCategoriesAndThreadLists(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		cats := []Category{
			{ID: sqlitedb.NewID(), NetworkID: "net", Name: "Spørsmål", Position: 1, CreatedAt: t0},
			{ID: sqlitedb.NewID(), NetworkID: "net", Name: "Generelt", Position: 0, CreatedAt: t0},
			{ID: sqlitedb.NewID(), NetworkID: "other", Name: "Annet", Position: 0, CreatedAt: t0},
		}
		for _, c := range cats {
			if err := s.CreateCategory(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.Categories(ctx, "net")
		if err != nil || len(list) != 2 || list[0].Name != "Generelt" {
			t.Fatalf("categories %+v, %v", list, err)
		}
		general, questions := cats[1].ID, cats[0].ID

		// Five threads: A oldest … E newest; C is pinned; B and D are questions.
		var threads []Thread
		var firstPosts []Post
		for i, title := range []string{"A", "B", "C", "D", "E"} {
			kind, cat := Discussion, general
			if title == "B" || title == "D" {
				kind, cat = Question, questions
			}
			th, p := newThread("net", cat, kind, title, t0.Add(time.Duration(i)*time.Hour))
			if err := s.CreateThread(ctx, th, p); err != nil {
				t.Fatal(err)
			}
			threads, firstPosts = append(threads, th), append(firstPosts, p)
		}
		if c, _ := s.Category(ctx, general); c.ThreadCount != 3 {
			t.Errorf("general has %d threads", c.ThreadCount)
		}
		pinned := true
		if err := s.UpdateThread(ctx, threads[2].ID, threadChange{Pinned: &pinned}); err != nil {
			t.Fatal(err)
		}
		// A reply to A makes it the most recently active.
		reply := Post{ID: sqlitedb.NewID(), ThreadID: threads[0].ID, NetworkID: "net", AuthorID: "ola", AuthorName: "Ola",
			Body: "Svar", BodyHTML: "<p>Svar</p>", Revision: 1, CreatedAt: t0.Add(10 * time.Hour)}
		got, err := s.AddPost(ctx, reply)
		if err != nil || got.Number != 2 {
			t.Fatalf("reply number %d, %v", got.Number, err)
		}
		// Reactions on D make it the most reacted.
		for _, u := range []string{"u1", "u2"} {
			if err := s.AddReaction(ctx, reaction{PostID: firstPosts[3].ID, ThreadID: threads[3].ID, UserID: u, Kind: "thanks", At: t0}); err != nil {
				t.Fatal(err)
			}
		}
		answered := "some-post"
		if err := s.UpdateThread(ctx, threads[1].ID, threadChange{AcceptedPostID: &answered}); err != nil {
			t.Fatal(err)
		}

		list2 := func(q threadQuery) []string {
			t.Helper()
			q.NetworkID, q.Limit = "net", 10
			ts, err := s.ListThreads(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			return titles(ts)
		}
		for _, c := range []struct {
			name string
			q    threadQuery
			want []string
		}{
			{"latest activity, pinned left out", threadQuery{Sort: SortActivity}, []string{"A", "E", "D", "B"}},
			{"newest", threadQuery{Sort: SortNewest}, []string{"E", "D", "B", "A"}},
			{"most reactions", threadQuery{Sort: SortReactions}, []string{"D", "E", "B", "A"}},
			{"unanswered questions", threadQuery{Sort: SortUnanswered}, []string{"D"}},
			{"one category", threadQuery{Sort: SortActivity, CategoryID: questions}, []string{"D", "B"}},
			{"after a cursor", threadQuery{Sort: SortNewest, After: &paging.Cursor{Key: fmt.Sprint(t0.Add(3 * time.Hour).UnixMilli()), ID: threads[3].ID}}, []string{"B", "A"}},
		} {
			if got := list2(c.q); !same(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
		ps, err := s.Pinned(ctx, "net", "", 10)
		if err != nil || !same(titles(ps), []string{"C"}) {
			t.Errorf("pinned %v %v", titles(ps), err)
		}
		a, _ := s.Thread(ctx, threads[0].ID)
		if a.PostCount != 2 || a.LastPosterName != "Ola" || !a.LastActivityAt.Equal(t0.Add(10*time.Hour)) {
			t.Errorf("thread A after the reply: %+v", a)
		}
		d, _ := s.Thread(ctx, threads[3].ID)
		if d.ReactionCount != 2 {
			t.Errorf("D reaction count %d", d.ReactionCount)
		}

		// Moving a thread moves its count.
		if err := s.UpdateThread(ctx, threads[4].ID, threadChange{CategoryID: &questions}); err != nil {
			t.Fatal(err)
		}
		g, _ := s.Category(ctx, general)
		q, _ := s.Category(ctx, questions)
		if g.ThreadCount != 2 || q.ThreadCount != 3 {
			t.Errorf("after the move: general %d, questions %d", g.ThreadCount, q.ThreadCount)
		}
		if err := s.DeleteCategory(ctx, general); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("deleting a category with threads: %v", err)
		}
		if err := s.DeleteCategory(ctx, cats[2].ID); err != nil {
			t.Errorf("deleting an empty category: %v", err)
		}
		if _, err := s.Thread(ctx, "0123456789abcdef01234567"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("unknown thread: %v", err)
		}
	})
}

func TestStorePosts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		th, first := newThread("net", sqlitedb.NewID(), Discussion, "Ventelister", t0)
		if err := s.CreateThread(ctx, th, first); err != nil {
			t.Fatal(err)
		}
		// Replies racing each other get distinct numbers.
		race(t, s, 6, func(i int) {
			_, err := s.AddPost(ctx, Post{ID: sqlitedb.NewID(), ThreadID: th.ID, NetworkID: "net", AuthorID: fmt.Sprint("u", i),
				AuthorName: "N", Body: "svar", BodyHTML: "<p>svar</p>", Mentions: []string{"m"}, Revision: 1, CreatedAt: t0.Add(time.Minute)})
			if err != nil {
				t.Error(err)
			}
		})
		ps, err := s.ListPosts(ctx, th.ID, 1, 10)
		if err != nil || len(ps) != 7 {
			t.Fatalf("%d posts, %v", len(ps), err)
		}
		for i, p := range ps {
			if p.Number != i+1 {
				t.Errorf("post %d has number %d", i, p.Number)
			}
		}
		page, _ := s.ListPosts(ctx, th.ID, 3, 2)
		if len(page) != 3 || page[0].Number != 3 {
			t.Errorf("from 3, limit 2: %d posts starting at %d", len(page), page[0].Number)
		}
		got, err := s.Post(ctx, first.ID)
		if err != nil || got.Body != first.Body || got.AuthorOrg != "Fyresdal" || got.Revision != 1 || got.EditedAt != nil || len(got.Reactions) != 0 {
			t.Errorf("post %+v, %v", got, err)
		}

		// Edits keep history and refuse a stale revision.
		edited := got
		at := t0.Add(time.Hour)
		edited.Body, edited.BodyHTML, edited.Revision, edited.EditedAt = "Ny tekst", "<p>Ny tekst</p>", 2, &at
		prev := Revision{PostID: got.ID, Revision: 1, Body: got.Body, BodyHTML: got.BodyHTML, EditorID: "author", SavedAt: t0}
		if won, err := s.EditPost(ctx, edited, prev); err != nil || !won {
			t.Fatalf("edit: %v %v", won, err)
		}
		if won, err := s.EditPost(ctx, edited, prev); err != nil || won {
			t.Errorf("a stale edit won: %v", err)
		}
		got, _ = s.Post(ctx, first.ID)
		if got.Body != "Ny tekst" || got.Revision != 2 || got.EditedAt == nil || !got.EditedAt.Equal(at) {
			t.Errorf("after edit %+v", got)
		}
		rs, err := s.Revisions(ctx, first.ID)
		if err != nil || len(rs) != 1 || rs[0].Body != "Om Ventelister" || rs[0].Revision != 1 {
			t.Errorf("history %+v %v", rs, err)
		}

		// Delete and hide.
		del, hidden, reason, by := t0.Add(2*time.Hour), true, "Utenfor tema", "mod"
		if err := s.UpdatePost(ctx, ps[2].ID, postChange{DeletedAt: &del, DeletedBy: &by}); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdatePost(ctx, ps[3].ID, postChange{Hidden: &hidden, HiddenReason: &reason, HiddenBy: &by}); err != nil {
			t.Fatal(err)
		}
		if p, _ := s.Post(ctx, ps[2].ID); p.DeletedAt == nil || !p.DeletedAt.Equal(del) {
			t.Errorf("deleted %+v", p)
		}
		if p, _ := s.Post(ctx, ps[3].ID); !p.Hidden || p.HiddenReason != reason {
			t.Errorf("hidden %+v", p)
		}

		// Reactions count once per person and kind.
		r := reaction{PostID: first.ID, ThreadID: th.ID, UserID: "ola", Kind: "helpful", At: t0}
		if err := s.AddReaction(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := s.AddReaction(ctx, r); apperr.CodeOf(err) != "forum.already_reacted" {
			t.Errorf("reacting twice: %v", err)
		}
		r2 := r
		r2.Kind = "thanks"
		if err := s.AddReaction(ctx, r2); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Post(ctx, first.ID)
		if got.Reactions["helpful"] != 1 || got.Reactions["thanks"] != 1 {
			t.Errorf("reactions %v", got.Reactions)
		}
		mine, err := s.MyReactions(ctx, "ola", []string{first.ID, ps[1].ID})
		if err != nil || !same(mine[first.ID], []string{"helpful", "thanks"}) || len(mine[ps[1].ID]) != 0 {
			t.Errorf("my reactions %v %v", mine, err)
		}
		if err := s.RemoveReaction(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveReaction(ctx, r); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("removing twice: %v", err)
		}
		got, _ = s.Post(ctx, first.ID)
		tt, _ := s.Thread(ctx, th.ID)
		if got.Reactions["helpful"] != 0 || got.Reactions["thanks"] != 1 || tt.ReactionCount != 1 {
			t.Errorf("after removing: %v, thread %d", got.Reactions, tt.ReactionCount)
		}
	})
}

func TestStoreFlagsReadingDrafts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		for i := 0; i < 3; i++ {
			f := Flag{ID: sqlitedb.NewID(), NetworkID: "net", PostID: fmt.Sprint("p", i), ThreadID: "t", ReporterID: "kari",
				ReporterName: "Kari", Reason: "spam", Status: "open", CreatedAt: t0.Add(time.Duration(i) * time.Minute)}
			if err := s.AddFlag(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		dup := Flag{ID: sqlitedb.NewID(), NetworkID: "net", PostID: "p0", ThreadID: "t", ReporterID: "kari", Reason: "other", Status: "open", CreatedAt: t0}
		if err := s.AddFlag(ctx, dup); apperr.CodeOf(err) != "forum.already_flagged" {
			t.Errorf("reporting twice: %v", err)
		}
		open, err := s.ListFlags(ctx, "net", "open", 2, nil)
		if err != nil || len(open) != 3 || open[0].PostID != "p0" {
			t.Fatalf("open flags %+v %v", open, err)
		}
		rest, err := s.ListFlags(ctx, "net", "open", 2, &paging.Cursor{Key: fmt.Sprint(open[1].CreatedAt.UnixMilli()), ID: open[1].ID})
		if err != nil || len(rest) != 1 || rest[0].PostID != "p2" {
			t.Errorf("second page %+v %v", rest, err)
		}
		if n, err := s.CountFlags(ctx, "net", "open"); err != nil || n != 3 {
			t.Errorf("count open flags %d %v", n, err)
		}
		f := open[0]
		at := t0.Add(time.Hour)
		f.Status, f.ResolvedBy, f.ResolvedByName, f.ResolvedAt = "resolved", "mod", "Mona Moderator", &at
		if won, err := s.CloseFlag(ctx, f); err != nil || !won {
			t.Fatalf("close: %v %v", won, err)
		}
		if won, _ := s.CloseFlag(ctx, f); won {
			t.Error("closed twice")
		}
		if n, _ := s.CountFlags(ctx, "net", "open"); n != 2 {
			t.Errorf("open flags after closing one: %d", n)
		}
		if got, _ := s.Flag(ctx, f.ID); got.Status != "resolved" || got.ResolvedAt == nil || got.ResolvedByName != "Mona Moderator" {
			t.Errorf("closed flag %+v", got)
		}
		if resolved, _ := s.ListFlags(ctx, "net", "resolved", 10, nil); len(resolved) != 1 {
			t.Errorf("resolved %d", len(resolved))
		}

		// Reading state only moves forward.
		if err := s.MarkRead(ctx, "kari", "t1", 5, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkRead(ctx, "kari", "t1", 3, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkRead(ctx, "kari", "t2", 1, t0); err != nil {
			t.Fatal(err)
		}
		reads, err := s.ReadStates(ctx, "kari", []string{"t1", "t2", "t3"})
		if err != nil || reads["t1"] != 5 || reads["t2"] != 1 || len(reads) != 2 {
			t.Errorf("reads %v %v", reads, err)
		}

		// Watches.
		if w, _ := s.Watch(ctx, "kari", "thread:t1"); w != Normal {
			t.Errorf("default watch %q", w)
		}
		if err := s.SetWatch(ctx, "kari", "thread:t1", Muted); err != nil {
			t.Fatal(err)
		}
		if w, _ := s.Watch(ctx, "kari", "thread:t1"); w != Muted {
			t.Errorf("watch %q", w)
		}
		if err := s.SetWatch(ctx, "kari", "thread:t1", Normal); err != nil {
			t.Fatal(err)
		}
		if w, _ := s.Watch(ctx, "kari", "thread:t1"); w != Normal {
			t.Errorf("watch back to normal %q", w)
		}
		if err := s.SetWatch(ctx, "kari", "category:c1", Watching); err != nil {
			t.Fatal(err)
		}
		if err := s.SetWatch(ctx, "kari", "category:c3", Muted); err != nil {
			t.Fatal(err)
		}
		if err := s.SetWatch(ctx, "ola", "category:c2", Muted); err != nil {
			t.Fatal(err)
		}
		levels, err := s.Watches(ctx, "kari", []string{"category:c1", "category:c2", "category:c3", "thread:t1"})
		if err != nil || len(levels) != 2 || levels["category:c1"] != Watching || levels["category:c3"] != Muted {
			t.Errorf("watches %v %v", levels, err)
		}
		if none, err := s.Watches(ctx, "kari", nil); err != nil || len(none) != 0 {
			t.Errorf("watches of nothing %v %v", none, err)
		}

		// Drafts.
		d := Draft{Key: "thread:t1", UserID: "kari", Body: "Halvskrevet svar", QuotedPostID: "p7", UpdatedAt: t0}
		if err := s.SaveDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Draft(ctx, "kari", "thread:t1"); err != nil || got.Attachments != nil {
			t.Errorf("a draft without attachments: %+v %v", got, err)
		}
		d.Body, d.Attachments = "Nesten ferdig", []string{"r2", "r1"}
		if err := s.SaveDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
		got, err := s.Draft(ctx, "kari", "thread:t1")
		if err != nil || got.Body != "Nesten ferdig" || got.QuotedPostID != "p7" || !slices.Equal(got.Attachments, []string{"r2", "r1"}) {
			t.Errorf("draft %+v %v", got, err)
		}
		if _, err := s.Draft(ctx, "ola", "thread:t1"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("someone else's draft: %v", err)
		}
		if err := s.DeleteDraft(ctx, "kari", "thread:t1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Draft(ctx, "kari", "thread:t1"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("deleted draft: %v", err)
		}
	})
}

func discussed(ds []DiscussionItem) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = fmt.Sprintf("%s#%d", d.ThreadTitle, d.PostNumber)
	}
	return out
}

func TestStoreAttachments(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		plan, report, other := sqlitedb.NewID(), sqlitedb.NewID(), sqlitedb.NewID()
		th, first := newThread("net", sqlitedb.NewID(), Discussion, "Kulturplan", t0)
		first.AttachmentIDs = []string{report, plan}
		if err := s.CreateThread(ctx, th, first); err != nil {
			t.Fatal(err)
		}
		th2, first2 := newThread("net", sqlitedb.NewID(), Question, "Maler", t0.Add(time.Minute))
		if err := s.CreateThread(ctx, th2, first2); err != nil {
			t.Fatal(err)
		}
		reply := func(thread Thread, at time.Duration, attached ...string) Post {
			t.Helper()
			p, err := s.AddPost(ctx, Post{ID: sqlitedb.NewID(), ThreadID: thread.ID, NetworkID: "net", AuthorID: "ola",
				AuthorName: "Ola", Body: "svar", BodyHTML: "<p>svar</p>", Revision: 1, CreatedAt: t0.Add(at), AttachmentIDs: attached})
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		// Kulturplan#2 and Maler#2 are written at the same moment: the id breaks the tie.
		r2 := reply(th, time.Hour, plan)
		m2 := reply(th2, time.Hour, plan, other)
		r3 := reply(th, 2*time.Hour, plan)
		r4 := reply(th, 3*time.Hour, plan)
		r5 := reply(th, 4*time.Hour)

		got, err := s.Post(ctx, first.ID)
		if err != nil || !same(got.AttachmentIDs, []string{report, plan}) {
			t.Fatalf("attachments as stored: %v %v", got.AttachmentIDs, err)
		}
		if got, _ := s.Post(ctx, r5.ID); got.AttachmentIDs == nil || len(got.AttachmentIDs) != 0 {
			t.Errorf("a post without attachments: %#v", got.AttachmentIDs)
		}
		if got, _ := s.Post(ctx, first2.ID); len(got.AttachmentIDs) != 0 {
			t.Errorf("an opening post without attachments: %#v", got.AttachmentIDs)
		}
		ps, err := s.ListPosts(ctx, th.ID, 1, 10)
		if err != nil || len(ps) != 5 || !same(ps[1].AttachmentIDs, []string{plan}) {
			t.Fatalf("listed posts %+v %v", ps, err)
		}

		list := func(resource string, withHidden bool, limit int, after *paging.Cursor) []DiscussionItem {
			t.Helper()
			ds, err := s.Discussions(ctx, resource, withHidden, limit, after)
			if err != nil {
				t.Fatal(err)
			}
			return ds
		}
		tieFirst, tieSecond := "Kulturplan#2", "Maler#2"
		if m2.ID > r2.ID {
			tieFirst, tieSecond = tieSecond, tieFirst
		}
		all := list(plan, false, 10, nil)
		if want := []string{"Kulturplan#4", "Kulturplan#3", tieFirst, tieSecond, "Kulturplan#1"}; !same(discussed(all), want) {
			t.Fatalf("discussions of the plan %v, want %v", discussed(all), want)
		}
		d := all[0]
		if d.ThreadID != th.ID || d.ThreadSlug != "kulturplan" || d.PostID != r4.ID || d.AuthorName != "Ola" || !d.CreatedAt.Equal(t0.Add(3*time.Hour)) {
			t.Errorf("discussion %+v", d)
		}
		// Pages of two, each after the cursor of the last one shown.
		var paged []DiscussionItem
		var after *paging.Cursor
		for i := 0; i < 5; i++ {
			page := list(plan, false, 2, after)
			if len(page) <= 2 {
				paged = append(paged, page...)
				break
			}
			paged = append(paged, page[:2]...)
			last := page[1]
			after = &paging.Cursor{Key: fmt.Sprint(last.CreatedAt.UnixMilli()), ID: last.PostID}
		}
		if !same(discussed(paged), discussed(all)) {
			t.Errorf("paged %v, want %v", discussed(paged), discussed(all))
		}
		if got := discussed(list(report, false, 10, nil)); !same(got, []string{"Kulturplan#1"}) {
			t.Errorf("discussions of the report %v", got)
		}
		if got := list(sqlitedb.NewID(), false, 10, nil); len(got) != 0 {
			t.Errorf("discussions of a resource nobody attached %v", discussed(got))
		}

		// Hidden posts are listed only when asked for; deleted ones never.
		hidden, reason, by := true, "Utenfor tema", "mod"
		if err := s.UpdatePost(ctx, r3.ID, postChange{Hidden: &hidden, HiddenReason: &reason, HiddenBy: &by}); err != nil {
			t.Fatal(err)
		}
		del := t0.Add(5 * time.Hour)
		if err := s.UpdatePost(ctx, r4.ID, postChange{DeletedAt: &del, DeletedBy: &by}); err != nil {
			t.Fatal(err)
		}
		if got, want := discussed(list(plan, false, 10, nil)), []string{tieFirst, tieSecond, "Kulturplan#1"}; !same(got, want) {
			t.Errorf("without hidden and deleted posts %v, want %v", got, want)
		}
		if got, want := discussed(list(plan, true, 10, nil)), []string{"Kulturplan#3", tieFirst, tieSecond, "Kulturplan#1"}; !same(got, want) {
			t.Errorf("for moderators %v, want %v", got, want)
		}

		// An edit replaces the attachments and keeps the earlier ones in the history.
		edited, at := first, t0.Add(6*time.Hour)
		edited.Body, edited.Revision, edited.EditedAt, edited.AttachmentIDs = "Ny tekst", 2, &at, []string{report}
		prev := Revision{PostID: first.ID, Revision: 1, Body: first.Body, BodyHTML: first.BodyHTML, EditorID: "author",
			SavedAt: t0, AttachmentIDs: first.AttachmentIDs}
		if won, err := s.EditPost(ctx, edited, prev); err != nil || !won {
			t.Fatalf("edit: %v %v", won, err)
		}
		if got, _ := s.Post(ctx, first.ID); !same(got.AttachmentIDs, []string{report}) {
			t.Errorf("after the edit %v", got.AttachmentIDs)
		}
		if got, want := discussed(list(plan, false, 10, nil)), []string{tieFirst, tieSecond}; !same(got, want) {
			t.Errorf("the plan after the edit %v, want %v", got, want)
		}
		if got := list(report, false, 10, nil); len(got) != 1 || !got[0].CreatedAt.Equal(t0) {
			t.Errorf("an edit keeps the post's place: %+v", got)
		}
		rs, err := s.Revisions(ctx, first.ID)
		if err != nil || len(rs) != 1 || !same(rs[0].AttachmentIDs, []string{report, plan}) {
			t.Errorf("history %+v %v", rs, err)
		}
		// A stale edit changes nothing.
		stale := edited
		stale.AttachmentIDs = []string{other}
		if won, err := s.EditPost(ctx, stale, prev); err != nil || won {
			t.Errorf("a stale edit won: %v", err)
		}
		if got := list(other, false, 10, nil); len(got) != 1 || got[0].PostID != m2.ID {
			t.Errorf("after a stale edit %+v", got)
		}
		// An edit that removes every attachment.
		m2e := m2
		m2e.Revision, m2e.EditedAt, m2e.AttachmentIDs = 2, &at, []string{}
		if won, err := s.EditPost(ctx, m2e, Revision{PostID: m2.ID, Revision: 1, Body: m2.Body, BodyHTML: m2.BodyHTML,
			EditorID: "ola", SavedAt: m2.CreatedAt, AttachmentIDs: m2.AttachmentIDs}); err != nil || !won {
			t.Fatalf("edit: %v %v", won, err)
		}
		if got := list(other, false, 10, nil); len(got) != 0 {
			t.Errorf("a removed attachment is still listed: %v", discussed(got))
		}
		if got, _ := s.Post(ctx, m2.ID); got.AttachmentIDs == nil || len(got.AttachmentIDs) != 0 {
			t.Errorf("attachments removed: %#v", got.AttachmentIDs)
		}
	})
}

// Every list query reads an index, in order, on SQLite.
func TestSQLiteListQueriesUseIndexes(t *testing.T) {
	db := sqlitedb.TestDB(t, SQLiteSchema)
	after := &paging.Cursor{Key: "1795000000000", ID: "0123456789abcdef01234567"}
	for _, sortBy := range []string{SortActivity, SortNewest, SortReactions, SortUnanswered} {
		for _, q := range []threadQuery{
			{NetworkID: "n", Sort: sortBy, Limit: 20},
			{NetworkID: "n", Sort: sortBy, Limit: 20, After: after},
			{NetworkID: "n", CategoryID: "c", Sort: sortBy, Limit: 20, After: after},
		} {
			query, args, err := listThreadsSQL(q)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s\n%s", query, sqlitedb.AssertUsesIndex(t, db, true, query, args...))
		}
	}
	q, args := listPostsSQL("t", 40, 20)
	sqlitedb.AssertUsesIndex(t, db, true, q, args...)
	q, args, _ = listFlagsSQL("n", "open", 20, after)
	sqlitedb.AssertUsesIndex(t, db, true, q, args...)
	for _, withHidden := range []bool{false, true} {
		for _, c := range []*paging.Cursor{nil, after} {
			q, args, err := discussionsSQL("r", withHidden, 20, c)
			if err != nil {
				t.Fatal(err)
			}
			plan := sqlitedb.AssertUsesIndex(t, db, true, q, args...)
			t.Logf("%s\n%s", q, plan)
			if !strings.Contains(plan, "forum_post_attachments_resource") {
				t.Errorf("discussions are not read along their index:\n%s", plan)
			}
		}
	}
}

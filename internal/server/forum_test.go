package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samspill/samspill/internal/demo"
)

type forumWorld struct {
	ts                *testServer
	ingrid, ola, kari apiClient
	per               apiClient
	categoryID, olaID string
	kariID            string
}

// newForumWorld uses the demo's open network «Bibliotekutvikling Nord» (Per is a
// member; Ingrid owns it) and the on-request «Kulturskoleledere i Vestland»
// (Ola is a member, Kari is not).
func newForumWorld(t *testing.T) *forumWorld {
	ts := newTestServer(t)
	w := &forumWorld{ts: ts, ingrid: ts.as(ingrid), ola: ts.as(ola), kari: ts.as(kari), per: ts.as(per)}
	var c struct{ ID string }
	w.ingrid.ok("POST", "/api/v1/networks/kulturskoleledere-i-vestland/forum/categories", `{"name":"Spørsmål og svar"}`, &c)
	w.categoryID = c.ID
	var me struct{ ID string }
	w.ola.ok("GET", "/api/v1/me", "", &me)
	w.olaID = me.ID
	w.kari.ok("GET", "/api/v1/me", "", &me)
	w.kariID = me.ID
	return w
}

type threadView struct {
	ID, Title, Kind, AcceptedPostID, NetworkSlug string
	PostCount, LastRead                          int
	Locked, Pinned                               bool
	AcceptedPost                                 *struct{ ID, Body string }
	Permissions                                  struct{ Reply, Moderate, Accept bool }
}

type postItem struct {
	ID, Body, BodyHTML, HiddenReason string
	Number, Revision                 int
	Hidden                           bool
	DeletedAt                        *time.Time
	Mentions                         []string
	Reactions                        map[string]int
	MyReactions                      []string
}

func TestAQuestionIsAnsweredWithAQuoteAndAMention(t *testing.T) {
	w := newForumWorld(t)
	const net = "/api/v1/networks/kulturskoleledere-i-vestland/forum"
	var q threadView
	w.ola.ok("POST", net+"/threads", fmt.Sprintf(`{"categoryId":%q,"kind":"question","title":"Ventelister i kulturskolen – hvordan prioriterer dere?","body":"Vi har **140** på venteliste. <script>alert(1)</script> [lenke](javascript:alert(1))"}`, w.categoryID), &q)
	if q.Kind != "question" || q.PostCount != 1 || !q.Permissions.Accept || q.LastRead != 1 {
		t.Fatalf("thread %+v", q)
	}
	var posts struct{ Items []postItem }
	w.ola.ok("GET", "/api/v1/threads/"+q.ID+"/posts", "", &posts)
	first := posts.Items[0]
	if strings.Contains(first.BodyHTML, "<script") || strings.Contains(first.BodyHTML, "javascript:") || !strings.Contains(first.BodyHTML, "<strong>140</strong>") {
		t.Errorf("unsafe or wrong HTML: %s", first.BodyHTML)
	}

	// Ingrid answers, quoting the question and mentioning Ola (a member) and Kari (not a member).
	var ingridMe struct{ ID string }
	w.ingrid.ok("GET", "/api/v1/me", "", &ingridMe)
	body := fmt.Sprintf(`> Vi har 140 på venteliste.\n\nHei @[Ola Berg](%s), og @[Kari Nordmann](%s): vi bruker loddtrekning.`, w.olaID, w.kariID)
	var answer postItem
	w.ingrid.ok("POST", "/api/v1/threads/"+q.ID+"/posts", fmt.Sprintf(`{"body":%q,"quotedPostId":%q}`, body, first.ID), &answer)
	if answer.Number != 2 || len(answer.Mentions) != 1 || answer.Mentions[0] != w.olaID {
		t.Errorf("answer %+v", answer)
	}
	if !strings.Contains(answer.BodyHTML, `href="/personer/`+w.olaID+`"`) || strings.Contains(answer.BodyHTML, w.kariID) || !strings.Contains(answer.BodyHTML, "@Kari Nordmann") || !strings.Contains(answer.BodyHTML, "<blockquote>") {
		t.Errorf("mentions or quote: %s", answer.BodyHTML)
	}
	w.ts.problem(w.ingrid.call("POST", "/api/v1/threads/"+q.ID+"/posts", `{"body":"x","quotedPostId":"0123456789abcdef01234567"}`), 422, "validation.failed")

	// Only the asker (or a moderator) accepts, only on questions, and only a reply.
	w.ts.problem(w.ts.as("kollega-03@demo.samspill.no").call("PUT", "/api/v1/threads/"+q.ID+"/accepted", fmt.Sprintf(`{"postId":%q}`, answer.ID)), 403, "forum.not_asker")
	w.ts.problem(w.ola.call("PUT", "/api/v1/threads/"+q.ID+"/accepted", fmt.Sprintf(`{"postId":%q}`, first.ID)), 409, "forum.not_an_answer")
	w.ola.ok("PUT", "/api/v1/threads/"+q.ID+"/accepted", fmt.Sprintf(`{"postId":%q}`, answer.ID), &q)
	if q.AcceptedPostID != answer.ID || q.AcceptedPost == nil || !strings.Contains(q.AcceptedPost.Body, "loddtrekning") {
		t.Errorf("accepted %+v", q)
	}
	var list struct{ Items []struct{ ID string } }
	w.ola.ok("GET", net+"/threads?sort=unanswered", "", &list)
	if len(list.Items) != 0 {
		t.Errorf("an answered question is listed as unanswered: %+v", list)
	}

	var d threadView
	w.ola.ok("POST", net+"/threads", fmt.Sprintf(`{"categoryId":%q,"kind":"discussion","title":"Samarbeid med grunnskolen","body":"Hva gjør dere?"}`, w.categoryID), &d)
	w.ts.problem(w.ola.call("PUT", "/api/v1/threads/"+d.ID+"/accepted", fmt.Sprintf(`{"postId":%q}`, answer.ID)), 409, "forum.not_a_question")
	w.ola.ok("GET", net+"/threads?sort=unanswered", "", &list)
	if len(list.Items) != 0 {
		t.Errorf("a discussion is listed as unanswered: %+v", list)
	}
}

func TestPostLimitsReactionsEditsAndDeletes(t *testing.T) {
	w := newForumWorld(t)
	const net = "/api/v1/networks/kulturskoleledere-i-vestland/forum"
	var th threadView
	w.ola.ok("POST", net+"/threads", fmt.Sprintf(`{"categoryId":%q,"kind":"discussion","title":"Rammeplanen","body":"Første innlegg"}`, w.categoryID), &th)
	p := w.ts.problem(w.ola.call("POST", "/api/v1/threads/"+th.ID+"/posts", `{"body":"   "}`), 422, "validation.failed")
	if p.Errors[0].Field != "body" || p.Errors[0].Code != "required" {
		t.Errorf("empty body: %+v", p.Errors)
	}
	long := strings.Repeat("x", 50_001)
	p = w.ts.problem(w.ola.call("POST", "/api/v1/threads/"+th.ID+"/posts", fmt.Sprintf(`{"body":%q}`, long)), 422, "validation.failed")
	if p.Errors[0].Field != "body" || p.Errors[0].Code != "too_long" {
		t.Errorf("long body: %+v", p.Errors)
	}
	ok := strings.Repeat("æ", 50_000) // 50,000 characters are allowed, whatever their bytes
	var big postItem
	w.ola.ok("POST", "/api/v1/threads/"+th.ID+"/posts", fmt.Sprintf(`{"body":%q}`, ok), &big)

	var reply postItem
	w.ingrid.ok("POST", "/api/v1/threads/"+th.ID+"/posts", `{"body":"Et svar"}`, &reply)
	w.ola.ok("POST", "/api/v1/posts/"+reply.ID+"/reactions", `{"reaction":"helpful"}`, nil)
	w.ts.problem(w.ola.call("POST", "/api/v1/posts/"+reply.ID+"/reactions", `{"reaction":"helpful"}`), 409, "forum.already_reacted")
	w.ts.problem(w.ola.call("POST", "/api/v1/posts/"+reply.ID+"/reactions", `{"reaction":"love"}`), 422, "validation.failed")
	var posts struct{ Items []postItem }
	w.ola.ok("GET", "/api/v1/threads/"+th.ID+"/posts?from=3", "", &posts)
	if len(posts.Items) != 1 || posts.Items[0].Reactions["helpful"] != 1 || len(posts.Items[0].MyReactions) != 1 {
		t.Errorf("reactions: %+v", posts.Items)
	}

	// Editing someone else's post is refused; a stale revision gets 409 and the text is not lost.
	w.ts.problem(w.ola.call("PATCH", "/api/v1/posts/"+reply.ID, `{"body":"Overtatt","revision":1}`), 403, "forum.not_author")
	var edited postItem
	w.ingrid.ok("PATCH", "/api/v1/posts/"+reply.ID, `{"body":"Et bedre svar","revision":1}`, &edited)
	if edited.Revision != 2 {
		t.Errorf("revision %d", edited.Revision)
	}
	w.ts.problem(w.ingrid.call("PATCH", "/api/v1/posts/"+reply.ID, `{"body":"Fra en gammel fane","revision":1}`), 409, "forum.edit_conflict")
	var history []struct {
		Revision int
		Body     string
	}
	w.ola.ok("GET", "/api/v1/posts/"+reply.ID+"/revisions", "", &history)
	if len(history) != 1 || history[0].Body != "Et svar" {
		t.Errorf("history %+v", history)
	}

	// Soft delete leaves a placeholder; the opening post stays.
	w.ts.problem(w.ola.call("DELETE", "/api/v1/posts/"+reply.ID, ""), 403, "forum.not_author")
	w.ingrid.ok("DELETE", "/api/v1/posts/"+reply.ID, "", nil)
	w.ola.ok("GET", "/api/v1/threads/"+th.ID+"/posts?from=3", "", &posts)
	if len(posts.Items) != 1 || posts.Items[0].DeletedAt == nil || posts.Items[0].Body != "" {
		t.Errorf("deleted post %+v", posts.Items)
	}
	var firstPosts struct{ Items []postItem }
	w.ola.ok("GET", "/api/v1/threads/"+th.ID+"/posts?limit=1", "", &firstPosts)
	w.ts.problem(w.ola.call("DELETE", "/api/v1/posts/"+firstPosts.Items[0].ID, ""), 409, "forum.opening_post")
}

func TestModeration(t *testing.T) {
	w := newForumWorld(t)
	const net = "/api/v1/networks/kulturskoleledere-i-vestland/forum"
	var th threadView
	w.ola.ok("POST", net+"/threads", fmt.Sprintf(`{"categoryId":%q,"kind":"discussion","title":"Tilbud","body":"Hei"}`, w.categoryID), &th)
	member := w.ts.as("kollega-02@demo.samspill.no") // Jon, a member
	var spam postItem
	member.ok("POST", "/api/v1/threads/"+th.ID+"/posts", `{"body":"Kjøp billige klokker her"}`, &spam)

	// A member reports it; the moderator hides it and resolves the report.
	w.ts.problem(w.ola.call("POST", "/api/v1/posts/"+spam.ID+"/flags", `{"reason":"other"}`), 422, "validation.failed")
	w.ola.ok("POST", "/api/v1/posts/"+spam.ID+"/flags", `{"reason":"spam"}`, nil)
	w.ts.problem(w.ola.call("POST", "/api/v1/posts/"+spam.ID+"/flags", `{"reason":"spam"}`), 409, "forum.already_flagged")
	w.ts.problem(w.ola.call("GET", net+"/flags", ""), 403, "forum.moderators_only")
	var queue struct {
		Items []struct {
			ID, Reason, ThreadTitle, ThreadSlug string
			Post                                struct{ Body string }
		}
	}
	w.ingrid.ok("GET", net+"/flags", "", &queue)
	if len(queue.Items) != 1 || queue.Items[0].Reason != "spam" || queue.Items[0].ThreadTitle != "Tilbud" ||
		queue.Items[0].ThreadSlug != "tilbud" || queue.Items[0].Post.Body == "" {
		t.Fatalf("queue %+v", queue)
	}
	// The thread list tells moderators, and only them, how many reports wait.
	var modList, memberList struct{ OpenFlags *int }
	w.ingrid.ok("GET", net+"/threads", "", &modList)
	w.ola.ok("GET", net+"/threads", "", &memberList)
	if modList.OpenFlags == nil || *modList.OpenFlags != 1 || memberList.OpenFlags != nil {
		t.Errorf("open flags: moderator %v, member %v", modList.OpenFlags, memberList.OpenFlags)
	}
	w.ts.problem(w.ola.call("PUT", "/api/v1/posts/"+spam.ID+"/hidden", `{"hidden":true,"reason":"Reklame"}`), 403, "forum.moderators_only")
	w.ts.problem(w.ingrid.call("PUT", "/api/v1/posts/"+spam.ID+"/hidden", `{"hidden":true}`), 422, "validation.failed")
	var hidden struct {
		postItem
		CanDelete bool
	}
	w.ingrid.ok("PUT", "/api/v1/posts/"+spam.ID+"/hidden", `{"hidden":true,"reason":"Reklame"}`, &hidden)
	if !hidden.Hidden || !hidden.CanDelete || hidden.Body == "" || hidden.MyReactions == nil {
		t.Errorf("the hidden post as the moderator sees it: %+v", hidden)
	}
	var closed struct{ Status, ResolvedByName string }
	w.ingrid.ok("POST", net+"/flags/"+queue.Items[0].ID+"/close", `{"status":"resolved"}`, &closed)
	if closed.Status != "resolved" || closed.ResolvedByName == "" {
		t.Errorf("closed report %+v", closed)
	}
	w.ingrid.ok("GET", net+"/threads", "", &modList)
	if modList.OpenFlags == nil || *modList.OpenFlags != 0 {
		t.Errorf("open flags after resolving: %v", modList.OpenFlags)
	}
	w.ts.problem(w.ingrid.call("POST", net+"/flags/"+queue.Items[0].ID+"/close", `{"status":"dismissed"}`), 409, "forum.flag_closed")

	var posts struct{ Items []postItem }
	w.ola.ok("GET", "/api/v1/threads/"+th.ID+"/posts?from=2", "", &posts)
	if !posts.Items[0].Hidden || posts.Items[0].Body != "" || posts.Items[0].HiddenReason != "Reklame" {
		t.Errorf("a member sees the hidden post: %+v", posts.Items[0])
	}
	w.ingrid.ok("GET", "/api/v1/threads/"+th.ID+"/posts?from=2", "", &posts)
	if posts.Items[0].Body == "" {
		t.Error("the moderator cannot read the hidden post")
	}

	// Pin, lock and move are moderators' acts, and locked threads take no replies.
	var other struct{ ID string }
	w.ingrid.ok("POST", net+"/categories", `{"name":"Arkiv"}`, &other)
	w.ts.problem(w.ola.call("PATCH", "/api/v1/threads/"+th.ID, `{"locked":true}`), 403, "forum.moderators_only")
	w.ingrid.ok("PATCH", "/api/v1/threads/"+th.ID, fmt.Sprintf(`{"locked":true,"pinned":true,"categoryId":%q}`, other.ID), &th)
	if !th.Locked || !th.Pinned {
		t.Errorf("thread %+v", th)
	}
	w.ts.problem(w.ola.call("POST", "/api/v1/threads/"+th.ID+"/posts", `{"body":"Kan jeg svare?"}`), 409, "forum.thread_locked")
	var list struct {
		Pinned []struct{ ID string }
		Items  []struct{ ID string }
	}
	w.ola.ok("GET", net+"/threads?category="+other.ID, "", &list)
	if len(list.Pinned) != 1 || len(list.Items) != 0 {
		t.Errorf("pinned list %+v", list)
	}
	w.ts.problem(w.ingrid.call("DELETE", net+"/categories/"+other.ID, ""), 409, "forum.category_not_empty")

	var audit struct{ Items []struct{ Action string } }
	w.ingrid.ok("GET", "/api/v1/networks/kulturskoleledere-i-vestland/audit", "", &audit)
	actions := map[string]bool{}
	for _, e := range audit.Items {
		actions[e.Action] = true
	}
	for _, a := range []string{"forum.post_hidden", "forum.flag_resolved", "forum.thread_locked", "forum.thread_pinned", "forum.thread_moved"} {
		if !actions[a] {
			t.Errorf("audit log lacks %s: %v", a, actions)
		}
	}
}

func TestForumAccessReadingStateAndDrafts(t *testing.T) {
	w := newForumWorld(t)
	const vestland = "/api/v1/networks/kulturskoleledere-i-vestland/forum"
	const nord = "/api/v1/networks/bibliotekutvikling-nord/forum"
	var th threadView
	w.ola.ok("POST", vestland+"/threads", fmt.Sprintf(`{"categoryId":%q,"kind":"discussion","title":"Hei","body":"Første"}`, w.categoryID), &th)

	// Kari is not a member of the on-request network: no reading, no posting.
	w.ts.problem(w.kari.call("GET", vestland+"/threads", ""), 403, "forum.members_only")
	w.ts.problem(w.kari.call("GET", "/api/v1/threads/"+th.ID, ""), 403, "forum.members_only")
	w.ts.problem(w.kari.call("POST", "/api/v1/threads/"+th.ID+"/posts", `{"body":"x"}`), 403, "forum.members_only")
	// Ola is not in the closed network: it does not exist for him.
	w.ts.problem(w.ola.call("GET", "/api/v1/networks/kultur-for-framtida-medlemsdialog/forum/threads", ""), 404, "network.not_found")
	// In an open network, non-members read but do not post.
	var c struct{ ID string }
	w.ingrid.ok("POST", nord+"/categories", `{"name":"Generelt"}`, &c)
	var open threadView
	w.per.ok("POST", nord+"/threads", fmt.Sprintf(`{"categoryId":%q,"kind":"discussion","title":"Meråpent","body":"Erfaringer?"}`, c.ID), &open)
	w.kari.ok("GET", "/api/v1/threads/"+open.ID, "", &open)
	if open.Permissions.Reply {
		t.Error("a non-member may reply in an open network")
	}
	w.ts.problem(w.kari.call("POST", "/api/v1/threads/"+open.ID+"/posts", `{"body":"x"}`), 403, "forum.members_only")
	w.ts.problem(apiClient{ts: w.ts}.call("GET", nord+"/threads", ""), 401, "auth.required")

	// Unread counts follow reading.
	for i := 0; i < 3; i++ {
		w.ingrid.ok("POST", "/api/v1/threads/"+th.ID+"/posts", fmt.Sprintf(`{"body":"Svar %d"}`, i), nil)
	}
	member := w.ts.as("kollega-02@demo.samspill.no")
	type item struct {
		ID     string
		Unread int
		New    bool
	}
	mine := func() item {
		t.Helper()
		var list struct{ Items []item }
		member.ok("GET", vestland+"/threads", "", &list)
		for _, it := range list.Items {
			if it.ID == th.ID {
				return it
			}
		}
		t.Fatalf("thread %s not listed: %+v", th.ID, list.Items)
		return item{}
	}
	if got := mine(); !got.New || got.Unread != 4 {
		t.Errorf("before reading: %+v", got)
	}
	member.ok("PUT", "/api/v1/threads/"+th.ID+"/read", `{"number":2}`, nil)
	if got := mine(); got.New || got.Unread != 2 {
		t.Errorf("after reading two: %+v", got)
	}
	var view threadView
	member.ok("GET", "/api/v1/threads/"+th.ID, "", &view)
	if view.LastRead != 2 {
		t.Errorf("last read %d", view.LastRead)
	}
	member.ok("PUT", "/api/v1/threads/"+th.ID+"/watch", `{"level":"muted"}`, nil)
	w.ts.problem(member.call("PUT", "/api/v1/threads/"+th.ID+"/watch", `{"level":"loud"}`), 422, "validation.failed")
	var watch struct{ Watch string }
	member.ok("GET", "/api/v1/threads/"+th.ID, "", &watch)
	if watch.Watch != "muted" {
		t.Errorf("thread watch %q", watch.Watch)
	}
	// Category watching shows in the category list, per person.
	member.ok("PUT", vestland+"/categories/"+w.categoryID+"/watch", `{"level":"watching"}`, nil)
	levels := func(c apiClient) map[string]string {
		t.Helper()
		var cats []struct{ ID, Watch string }
		c.ok("GET", vestland+"/categories", "", &cats)
		out := map[string]string{}
		for _, c := range cats {
			out[c.ID] = c.Watch
		}
		return out
	}
	if got := levels(member); got[w.categoryID] != "watching" || len(got) < 2 {
		t.Errorf("categories as the watcher sees them %v", got)
	}
	for id, level := range levels(w.ingrid) {
		if level != "normal" {
			t.Errorf("category %s as someone else sees it: %s", id, level)
		}
	}

	// A draft survives until the post is made.
	w.ola.ok("PUT", "/api/v1/drafts/thread:"+th.ID, fmt.Sprintf(`{"body":"Halvferdig svar","quotedPostId":%q,"attachments":["r1"]}`, view.ID), nil)
	var d struct {
		Key, Body, QuotedPostID string
		Attachments             []string
	}
	w.ola.ok("GET", "/api/v1/drafts/thread%3A"+th.ID, "", &d)
	if d.Body != "Halvferdig svar" || d.QuotedPostID != view.ID || d.Key != "thread:"+th.ID || len(d.Attachments) != 1 || d.Attachments[0] != "r1" {
		t.Errorf("draft %+v", d)
	}
	w.ts.problem(w.ola.call("PUT", "/api/v1/drafts/thread:"+th.ID, `{"body":"x","attachments":["1","2","3","4","5","6","7","8","9","10","11"]}`),
		422, "validation.failed")
	w.ts.problem(w.kari.call("GET", "/api/v1/drafts/thread:"+th.ID, ""), 403, "forum.members_only")
	w.ola.ok("PUT", "/api/v1/drafts/new:kulturskoleledere-i-vestland", `{"title":"Ny tråd","body":"Utkast","kind":"question"}`, nil)
	w.ola.ok("GET", "/api/v1/drafts/new:kulturskoleledere-i-vestland", "", &d)
	w.ts.problem(w.ola.call("GET", "/api/v1/drafts/bogus", ""), 422, "validation.failed")
	w.ola.ok("POST", "/api/v1/threads/"+th.ID+"/posts", `{"body":"Ferdig svar"}`, nil)
	w.ts.problem(w.ola.call("GET", "/api/v1/drafts/thread:"+th.ID, ""), 404, "forum.draft_not_found")

	// Sorting by newest, reactions; bad sort and cursor.
	w.ts.problem(w.ola.call("GET", vestland+"/threads?sort=popular", ""), 422, "validation.failed")
	w.ts.problem(w.ola.call("GET", vestland+"/threads?cursor=nonsense", ""), 422, "validation.failed")
	var preview struct{ HTML string }
	w.ola.ok("POST", "/api/v1/markdown/preview", `{"body":"**fet** <b>x</b>"}`, &preview)
	if !strings.Contains(preview.HTML, "<strong>fet</strong>") || strings.Contains(preview.HTML, "<b>") {
		t.Errorf("preview %q", preview.HTML)
	}
	// Previewed in a network, a mention of a member shows as it will once
	// posted: a link; a mention of someone outside is plain text.
	mention := fmt.Sprintf(`{"network":"kulturskoleledere-i-vestland","body":"Hei @[Ola](%s) og @[Kari](%s)"}`, w.olaID, w.kariID)
	w.ola.ok("POST", "/api/v1/markdown/preview", mention, &preview)
	if !strings.Contains(preview.HTML, "/personer/"+w.olaID) || strings.Contains(preview.HTML, "/personer/"+w.kariID) {
		t.Errorf("preview with mentions %q", preview.HTML)
	}
	w.ts.problem(w.kari.call("POST", "/api/v1/markdown/preview", mention), 403, "forum.members_only")
}

func TestForumOnMongoDBPaths(t *testing.T) {
	// The forum's store conformance suite runs on both databases; this checks
	// the demo data seeds forum content idempotently through the real services.
	ts := newTestServer(t)
	ctx := context.Background()
	if _, err := demo.Seed(ctx, ts.srv.Services.Orgs, ts.srv.Services.Users, ts.srv.Services.Networks, ts.srv.Services.Forum); err != nil {
		t.Fatalf("seeding twice: %v", err)
	}
	var list struct {
		Items []struct {
			Title     string
			PostCount int
		}
	}
	ts.as(ola).ok("GET", "/api/v1/networks/kulturskoleledere-i-vestland/forum/threads", "", &list)
	if len(list.Items) == 0 {
		t.Fatal("no demo threads")
	}
	seen := map[string]int{}
	for _, it := range list.Items {
		seen[it.Title]++
		if seen[it.Title] > 1 {
			t.Errorf("demo thread %q seeded twice", it.Title)
		}
	}
}

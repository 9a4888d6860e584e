package server

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

type attachment struct{ ID, Title, Kind, FileName string }

type attachedPost struct {
	ID, Body    string
	Number      int
	Revision    int
	Hidden      bool
	Attachments []attachment
}

type discussionPage struct {
	Items []struct {
		ThreadID, ThreadSlug, ThreadTitle, PostID, AuthorName string
		PostNumber                                            int
		CreatedAt                                             time.Time
	}
	NextCursor string
}

func (p discussionPage) posts() []string {
	out := make([]string, len(p.Items))
	for i, it := range p.Items {
		out[i] = it.PostID
	}
	return out
}

func attachedIDs(as []attachment) string {
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	return strings.Join(ids, ",")
}

// attachmentField checks a 422 names exactly one field.
func attachmentField(t *testing.T, p problem, field, code string) {
	t.Helper()
	if len(p.Errors) != 1 || p.Errors[0].Field != field || p.Errors[0].Code != code {
		t.Errorf("errors %+v, want %s %s", p.Errors, field, code)
	}
}

func idsJSON(ids ...string) string {
	b, _ := json.Marshal(ids)
	return string(b)
}

func TestForumPostsAttachLibraryResources(t *testing.T) {
	w := newForumWorld(t)
	const net = "/api/v1/networks/" + vestland + "/forum"
	// Vestland's library: a file and a link; Nord's (another network): a link.
	file := w.ola.uploadOK("/api/v1/networks/"+vestland+"/library/files", planMeta, pdfName, pdfBytes("vedlegg"))
	var link, nordLink struct{ ID string }
	w.ola.ok("POST", "/api/v1/networks/"+vestland+"/library/links",
		`{"title":"Ventelistemal","kind":"template","licence":"cc_by_4","link":"https://example.no/mal"}`, &link)
	w.per.ok("POST", "/api/v1/networks/"+nord+"/library/links",
		`{"title":"Bibliotekplan","kind":"plan","licence":"cc_by_4","link":"https://example.no/plan"}`, &nordLink)

	// A new thread attaches both of Vestland's resources; the opening post shows them in order.
	var th threadView
	w.ola.ok("POST", net+"/threads", fmt.Sprintf(`{"categoryId":%q,"kind":"discussion","title":"Venteliste og kulturplan","body":"Se vedleggene","attachments":%s}`,
		w.categoryID, idsJSON(file.ID, link.ID)), &th)
	posts := func(c apiClient) []attachedPost {
		t.Helper()
		var page struct{ Items []attachedPost }
		c.ok("GET", "/api/v1/threads/"+th.ID+"/posts", "", &page)
		return page.Items
	}
	first := posts(w.ingrid)[0]
	if len(first.Attachments) != 2 {
		t.Fatalf("attachments of the opening post: %+v", first.Attachments)
	}
	if a := first.Attachments[0]; a.ID != file.ID || a.Title != "Kulturplan Ålesund 2025–2030" || a.Kind != "plan" || a.FileName != pdfName {
		t.Errorf("the attached file %+v", a)
	}
	if a := first.Attachments[1]; a.ID != link.ID || a.Title != "Ventelistemal" || a.Kind != "template" || a.FileName != "" {
		t.Errorf("the attached link %+v", a)
	}

	// Unknown ids, another network's resources, more than ten and duplicates are refused with the field.
	reply := "/api/v1/threads/" + th.ID + "/posts"
	p := w.ts.problem(w.ola.call("POST", reply, `{"body":"Svar","attachments":["0123456789abcdef01234567"]}`), 422, "forum.attachment_not_found")
	attachmentField(t, p, "attachments[0]", "invalid")
	p = w.ts.problem(w.ola.call("POST", reply, fmt.Sprintf(`{"body":"Svar","attachments":%s}`, idsJSON(link.ID, nordLink.ID))), 422, "forum.attachment_not_found")
	attachmentField(t, p, "attachments[1]", "invalid")
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = fmt.Sprintf("0123456789abcdef012345%02d", i)
	}
	p = w.ts.problem(w.ola.call("POST", reply, fmt.Sprintf(`{"body":"Svar","attachments":%s}`, idsJSON(eleven...))), 422, "validation.failed")
	attachmentField(t, p, "attachments", "too_long")
	p = w.ts.problem(w.ola.call("POST", reply, fmt.Sprintf(`{"body":"Svar","attachments":%s}`, idsJSON(link.ID, link.ID))), 422, "validation.failed")
	if len(p.Errors) != 1 || !strings.HasPrefix(p.Errors[0].Field, "attachments") {
		t.Errorf("duplicates: %+v", p.Errors)
	}
	// Editing is checked the same way.
	p = w.ts.problem(w.ola.call("PATCH", "/api/v1/posts/"+first.ID, fmt.Sprintf(`{"body":"Se vedleggene","revision":1,"attachments":%s}`, idsJSON(nordLink.ID))),
		422, "forum.attachment_not_found")
	attachmentField(t, p, "attachments[0]", "invalid")
	if got := posts(w.ola); len(got) != 1 || got[0].Revision != 1 {
		t.Fatalf("a refused post or edit was written: %+v", got)
	}

	// A reply attaches the link; an edit that leaves attachments out keeps them.
	w.ts.clock.Add(time.Minute)
	var r attachedPost
	w.ingrid.ok("POST", reply, fmt.Sprintf(`{"body":"Vi bruker denne","attachments":%s}`, idsJSON(link.ID)), &r)
	if attachedIDs(r.Attachments) != link.ID || r.Attachments[0].Title != "Ventelistemal" {
		t.Errorf("the reply's attachments %+v", r.Attachments)
	}
	var edited attachedPost
	w.ingrid.ok("PATCH", "/api/v1/posts/"+r.ID, `{"body":"Vi bruker denne malen","revision":1}`, &edited)
	if attachedIDs(edited.Attachments) != link.ID {
		t.Errorf("an edit without attachments dropped them: %+v", edited.Attachments)
	}

	// The resource shows where it is discussed, newest first, a page at a time.
	discussions := func(c apiClient, id, query string) discussionPage {
		t.Helper()
		var page discussionPage
		c.ok("GET", "/api/v1/library/resources/"+id+"/discussions"+query, "", &page)
		return page
	}
	page := discussions(w.ola, link.ID, "?limit=1")
	if len(page.Items) != 1 || page.NextCursor == "" {
		t.Fatalf("first page %+v", page)
	}
	if it := page.Items[0]; it.PostID != r.ID || it.PostNumber != 2 || it.ThreadID != th.ID || it.ThreadTitle != "Venteliste og kulturplan" ||
		it.ThreadSlug != "venteliste-og-kulturplan" || it.AuthorName != "Ingrid Haugen" || it.CreatedAt.IsZero() {
		t.Errorf("discussion %+v", it)
	}
	rest := discussions(w.ola, link.ID, "?limit=1&cursor="+url.QueryEscape(page.NextCursor))
	if got := strings.Join(rest.posts(), ","); got != first.ID || rest.NextCursor != "" {
		t.Errorf("second page %v %q", got, rest.NextCursor)
	}
	if got := strings.Join(discussions(w.ola, file.ID, "").posts(), ","); got != first.ID {
		t.Errorf("discussions of the file %v", got)
	}
	if got := discussions(w.per, nordLink.ID, ""); len(got.Items) != 0 {
		t.Errorf("discussions of a resource nobody attached %+v", got)
	}
	w.ts.problem(w.ola.call("GET", "/api/v1/library/resources/"+link.ID+"/discussions?cursor=nonsense", ""), 422, "validation.failed")

	// An edit removes an attachment: the post and the resource's list both forget it,
	// and the history keeps what the earlier text attached.
	w.ola.ok("PATCH", "/api/v1/posts/"+first.ID, fmt.Sprintf(`{"body":"Se planen","revision":1,"attachments":%s}`, idsJSON(file.ID)), &edited)
	if attachedIDs(edited.Attachments) != file.ID {
		t.Errorf("after removing the link %+v", edited.Attachments)
	}
	if got := posts(w.ola)[0]; attachedIDs(got.Attachments) != file.ID {
		t.Errorf("listed after the edit %+v", got.Attachments)
	}
	if got := strings.Join(discussions(w.ola, link.ID, "").posts(), ","); got != r.ID {
		t.Errorf("discussions of the link after the edit %v", got)
	}
	var history []struct {
		Revision    int
		Attachments []attachment
	}
	w.ola.ok("GET", "/api/v1/posts/"+first.ID+"/revisions", "", &history)
	if len(history) != 1 || attachedIDs(history[0].Attachments) != file.ID+","+link.ID {
		t.Errorf("history %+v", history)
	}

	// A hidden post is listed for moderators only, and its attachments are
	// shown only to them and its author.
	w.ingrid.ok("PUT", "/api/v1/posts/"+r.ID+"/hidden", `{"hidden":true,"reason":"Feil mal"}`, nil)
	if got := discussions(w.ola, link.ID, ""); len(got.Items) != 0 {
		t.Errorf("a member sees a hidden post: %+v", got)
	}
	if got := strings.Join(discussions(w.ingrid, link.ID, "").posts(), ","); got != r.ID {
		t.Errorf("the owner's list %v", got)
	}
	if got := posts(w.ola); len(got) != 2 || !got[1].Hidden || len(got[1].Attachments) != 0 {
		t.Errorf("a hidden post's attachments shown to a member: %+v", got)
	}
	if got := posts(w.ingrid); len(got[1].Attachments) != 1 {
		t.Errorf("the moderator does not see the hidden post's attachments: %+v", got[1])
	}
	w.ingrid.ok("PUT", "/api/v1/posts/"+r.ID+"/hidden", `{"hidden":false}`, nil)

	// A deleted post is listed nowhere.
	w.ingrid.ok("DELETE", "/api/v1/posts/"+r.ID, "", nil)
	if got := discussions(w.ingrid, link.ID, ""); len(got.Items) != 0 {
		t.Errorf("a deleted post is listed: %+v", got)
	}

	// A resource deleted from the library drops out of the posts that attached it.
	w.ola.ok("DELETE", "/api/v1/library/resources/"+file.ID, "", nil)
	if got := posts(w.ola)[0]; len(got.Attachments) != 0 {
		t.Errorf("a deleted resource is still shown: %+v", got.Attachments)
	}
	w.ts.problem(w.ola.call("GET", "/api/v1/library/resources/"+file.ID+"/discussions", ""), 404, "library.resource_not_found")

	// Only those who may read the resource's network see where it is discussed.
	w.ts.problem(w.kari.call("GET", "/api/v1/library/resources/"+link.ID+"/discussions", ""), 403, "network.members_only")
	w.ts.problem(w.ts.do("GET", "/api/v1/library/resources/"+link.ID+"/discussions", nil), 401, "auth.required")
}

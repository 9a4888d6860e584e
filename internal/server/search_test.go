package server

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

// indexAll applies every change recorded so far to the search index.
func (ts *testServer) indexAll() {
	ts.t.Helper()
	for {
		n, err := ts.srv.Services.SearchIndexer.Step(context.Background())
		if err != nil {
			ts.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

type searchPage struct {
	Items []struct {
		ID, Type, Title, Snippet, Link, NetworkID, NetworkName string
	}
	Total      int
	NextCursor string
	Facets     map[string][]struct {
		Value, Label string
		Count        int
	}
	Hint, Correction string
}

func (c apiClient) search(q string, extra ...string) searchPage {
	c.ts.t.Helper()
	path := "/api/v1/search?q=" + url.QueryEscape(q)
	for i := 0; i+1 < len(extra); i += 2 {
		path += "&" + extra[i] + "=" + url.QueryEscape(extra[i+1])
	}
	var p searchPage
	c.ok("GET", path, "", &p)
	return p
}

func (p searchPage) titles() string {
	var out []string
	for _, it := range p.Items {
		out = append(out, it.Type+":"+it.Title)
	}
	return strings.Join(out, " | ")
}

func TestSearchFindsDemoContentInNorwegian(t *testing.T) {
	ts := newTestServer(t)
	ts.indexAll()
	olaC := ts.as(ola)
	p := olaC.search("ventelistene i kulturskulen")
	if p.Total == 0 || !strings.Contains(p.titles(), "thread:Ventelister i kulturskolen") {
		t.Fatalf("inflected Nynorsk query: %s", p.titles())
	}
	first := p.Items[0]
	if !strings.HasPrefix(first.Link, "/nettverk/kulturskoleledere-i-vestland/forum/") || first.NetworkName != "Kulturskoleledere i Vestland" || !strings.Contains(first.Snippet+first.Title, "<mark>") && !strings.Contains(first.Snippet, "mark") {
		t.Errorf("first hit %+v", first)
	}
	if p := olaC.search("loddtrekning", "type", "post"); p.Total != 1 || !strings.Contains(p.Items[0].Link, "#innlegg-2") {
		t.Errorf("a reply: %+v", p.Items)
	}
	if p := olaC.search("kulturskoletime"); p.Total == 0 {
		t.Error("compound word from its parts: nothing found for kulturskoletime")
	}
	if p := olaC.search("Kulturskoleledere"); !strings.Contains(p.titles(), "network:Kulturskoleledere i Vestland") {
		t.Errorf("networks: %s", p.titles())
	}
	if p := olaC.search("Jon Håkonsen"); !strings.Contains(p.titles(), "person:Jon Håkonsen") {
		t.Errorf("people sharing a network: %s", p.titles())
	}
	if p := olaC.search("xyzzyqwerty"); p.Total != 0 || p.Hint != "check_spelling" {
		t.Errorf("nothing: %+v", p)
	}
	if p := olaC.search("xyzzyqwerty", "type", "thread"); p.Hint != "remove_filters" {
		t.Errorf("nothing with a filter: %+v", p)
	}
	if p := olaC.search("vantelistr"); p.Total != 0 || p.Correction != "ventelister" {
		t.Errorf("two typos: %+v", p)
	}
	if p := olaC.search("ventelister", "type", "thread,network"); p.Total == 0 || p.Facets["type"] == nil {
		t.Errorf("two types: %+v", p)
	}
	networks := olaC.search("kulturskolen").Facets["networkId"]
	if len(networks) == 0 {
		t.Error("no network counts")
	}
	for _, f := range networks {
		if f.Label == "" || f.Count == 0 {
			t.Errorf("network count without a name: %+v", f)
		}
	}
	// Organisations are counted with their names, and filter.
	orgs := olaC.search("kultur").Facets["orgId"]
	if len(orgs) == 0 {
		t.Fatal("no organisation counts")
	}
	for _, f := range orgs {
		if f.Label == "" || f.Count == 0 {
			t.Errorf("organisation count without a name: %+v", f)
		}
	}
	if p := olaC.search("kultur", "org", orgs[0].Value); p.Total != orgs[0].Count {
		t.Errorf("filtered to %s: %d results, counted %d", orgs[0].Label, p.Total, orgs[0].Count)
	}
	for _, q := range []string{`"`, `*:()-`, `kultur" OR 1=1 --`, `{"$ne":""}`, `<script>alert(1)</script>`} {
		olaC.search(q)
	}
	ts.problem(olaC.call("GET", "/api/v1/search?q=", ""), 422, "validation.failed")
	ts.problem(olaC.call("GET", "/api/v1/search?q="+strings.Repeat("a", 501), ""), 422, "validation.failed")
	ts.problem(olaC.call("GET", "/api/v1/search?q=x&cursor=bogus", ""), 422, "validation.failed")
	ts.problem(olaC.call("GET", "/api/v1/search?q=x&type=secret", ""), 422, "validation.failed")
	ts.problem(apiClient{ts: ts}.call("GET", "/api/v1/search?q=x", ""), 401, "auth.required")
	var sugg []struct{ Type, Title, Link string }
	olaC.ok("GET", "/api/v1/search/suggest?q=vente", "", &sugg)
	if len(sugg) == 0 || !strings.HasPrefix(sugg[0].Title, "Ventelister") {
		t.Errorf("suggestions %+v", sugg)
	}
}

// Nothing from a network the searcher may not read: results, counts,
// suggestions. Tested for each kind of searcher and network.
func TestSearchNeverLeaks(t *testing.T) {
	ts := newTestServer(t)
	ts.indexAll()
	// Who sees the closed network's thread, the on-request network's thread, and
	// people sharing only the closed network.
	cases := []struct {
		who                  string
		closed, onRequest    bool
		closedNetworkListed  bool
		perFromClosedNetwork bool
	}{
		{kari, true, false, true, true},                             // member of the closed network only
		{ola, false, true, false, false},                            // member of the on-request network only
		{ingrid, true, true, true, true},                            // owner of both
		{admin, true, true, true, true},                             // administrator
		{"kollega-10@demo.samspill.no", false, false, false, false}, // Linn: only in the open network
	}
	var closedNet struct{ ID string }
	ts.as(admin).ok("GET", "/api/v1/networks/kultur-for-framtida-medlemsdialog", "", &closedNet)
	closedID := closedNet.ID
	for _, c := range cases {
		cl := ts.as(c.who)
		closed := cl.search("Innspill KS kulturarbeidet")
		if got := closed.Total > 0; got != c.closed {
			t.Errorf("%s: closed network's thread found = %v: %s", c.who, got, closed.titles())
		}
		onReq := cl.search("ventelister kulturskolen", "type", "thread")
		if got := onReq.Total > 0; got != c.onRequest {
			t.Errorf("%s: on-request network's thread found = %v", c.who, got)
		}
		net := cl.search("medlemsdialog", "type", "network")
		if got := net.Total > 0; got != c.closedNetworkListed {
			t.Errorf("%s: closed network listed = %v", c.who, got)
		}
		// A misspelling is corrected only with words the searcher may see.
		wantCorrection := ""
		if c.closedNetworkListed {
			wantCorrection = "medlemsdialog"
		}
		if p := cl.search("medlemsdjalag"); p.Total != 0 || p.Correction != wantCorrection {
			t.Errorf("%s: misspelt closed network word: %d found, correction %q", c.who, p.Total, p.Correction)
		}
		// The on-request network itself is listed for everyone.
		if p := cl.search("Kulturskoleledere i Vestland", "type", "network"); p.Total == 0 {
			t.Errorf("%s: the on-request network is not found", c.who)
		}
		// Counts never include what may not be seen.
		all := cl.search("kultur")
		counted := false
		for _, f := range all.Facets["networkId"] {
			counted = counted || f.Value == closedID
		}
		if counted != c.closed {
			t.Errorf("%s: the closed network counted in the facets = %v", c.who, counted)
		}
		var sugg []struct{ Title string }
		cl.ok("GET", "/api/v1/search/suggest?q=innspill", "", &sugg)
		if got := len(sugg) > 0; got != c.closed {
			t.Errorf("%s: suggestions from the closed network = %v", c.who, got)
		}
	}

	// A network that closes disappears from outsiders' results at once, before
	// any re-indexing.
	linn := ts.as("kollega-10@demo.samspill.no")
	kariC := ts.as(kari)
	if p := kariC.search("meråpent bibliotek"); p.Total == 0 {
		t.Fatal("the open network's thread is not found")
	}
	ts.as(ingrid).ok("PATCH", "/api/v1/networks/bibliotekutvikling-nord", `{"visibility":"closed"}`, nil)
	if p := kariC.search("meråpent bibliotek"); p.Total != 0 {
		t.Errorf("a closed network's thread is still found by an outsider: %s", p.titles())
	}
	if p := linn.search("meråpent bibliotek"); p.Total == 0 {
		t.Error("a member lost it")
	}
}

func TestSearchFollowsEditsHidingAndProfiles(t *testing.T) {
	ts := newTestServer(t)
	ts.indexAll()
	olaC, ingridC := ts.as(ola), ts.as(ingrid)
	const net = "/api/v1/networks/kulturskoleledere-i-vestland/forum"
	var cats []struct{ ID string }
	olaC.ok("GET", net+"/categories", "", &cats)
	var th struct{ ID string }
	olaC.ok("POST", net+"/threads", `{"categoryId":"`+cats[0].ID+`","kind":"question","title":"Korpsinstrumenter til utlån","body":"Hvem låner ut tubaer?"}`, &th)
	var post struct{ ID string }
	olaC.ok("POST", "/api/v1/threads/"+th.ID+"/posts", `{"body":"Vi har tre eufonier på lager."}`, &post)
	ts.indexAll()
	if p := olaC.search("eufonier"); p.Total != 1 {
		t.Fatalf("a new reply: %s", p.titles())
	}
	olaC.ok("PATCH", "/api/v1/posts/"+post.ID, `{"body":"Vi har to baritonhorn.","revision":1}`, nil)
	ts.indexAll()
	if p := olaC.search("eufonier"); p.Total != 0 {
		t.Error("the old text is still found")
	}
	if p := olaC.search("baritonhorn"); p.Total != 1 {
		t.Error("the edited text is not found")
	}
	ingridC.ok("PUT", "/api/v1/posts/"+post.ID+"/hidden", `{"hidden":true,"reason":"Feil tråd"}`, nil)
	ts.indexAll()
	if p := olaC.search("baritonhorn"); p.Total != 0 {
		t.Error("a hidden post is found")
	}
	olaC.ok("PATCH", "/api/v1/me", `{"name":"Ola Berg-Tubasen"}`, nil)
	ts.indexAll()
	if p := ingridC.search("Tubasen", "type", "person"); p.Total != 1 {
		t.Errorf("a changed name: %s", p.titles())
	}
}

func TestSearchInsight(t *testing.T) {
	ts := newTestServer(t)
	ts.indexAll()
	olaC := ts.as(ola)
	olaC.search("ventelister")
	olaC.search("ventelister")
	olaC.search("tilskudd til lydstudio i kulturhuset")
	ts.problem(olaC.call("GET", "/api/v1/search/insight", ""), 403, "search.advisers_only")
	var in struct {
		Top, Empty []struct {
			Query        string
			Count, Empty int
		}
	}
	ts.as(ingrid).ok("GET", "/api/v1/search/insight", "", &in)
	if len(in.Top) < 2 || in.Top[0].Query != "ventelister" || in.Top[0].Count != 2 {
		t.Errorf("top %+v", in.Top)
	}
	if len(in.Empty) != 1 || in.Empty[0].Query != "tilskudd til lydstudio i kulturhuset" {
		t.Errorf("empty %+v", in.Empty)
	}
}

// Library resources are found by their title, description and the text
// inside their files, only by those who may read the network, and follow
// edits and deletions.
func TestSearchFindsLibraryResources(t *testing.T) {
	ts := newTestServer(t)
	olaC, kariC := ts.as(ola), ts.as(kari)
	doc := docxBytes(t, "<w:p><w:r><w:t>Tilskuddsordningen for korpsinstrumenter i Hardanger</w:t></w:r></w:p>")
	v := olaC.uploadOK("/api/v1/networks/"+vestland+"/library/files",
		`{"title":"Søknadsmal for kulturmidler","kind":"template","licence":"cc_by_4","description":"Mal for **søknader**"}`,
		"søknadsmal.docx", doc)
	ts.indexAll()

	p := olaC.search("korpsinstrumentene Hardanger") // a word inside the file, in another form
	if p.Total != 1 || p.Items[0].Type != "resource" || p.Items[0].Title != "Søknadsmal for kulturmidler" ||
		p.Items[0].Link != "/nettverk/"+vestland+"/bibliotek/"+v.ID {
		t.Fatalf("text inside the file: %s %+v\n%s", p.titles(), p.Items, ts.logs)
	}
	if !strings.Contains(p.Items[0].Snippet, "<mark>") {
		t.Errorf("snippet %q", p.Items[0].Snippet)
	}
	if p := olaC.search("søknader", "type", "resource", "kind", "template"); p.Total != 1 {
		t.Errorf("by its description, filtered by type and kind: %s", p.titles())
	}
	if p := kariC.search("korpsinstrumenter Hardanger"); p.Total != 0 {
		t.Errorf("an outsider finds a resource of an on-request network: %s", p.titles())
	}

	olaC.ok("PUT", "/api/v1/library/resources/"+v.ID,
		`{"title":"Søknadsskjema for korpsmidler","kind":"template","licence":"cc_by_4"}`, nil)
	ts.indexAll()
	if p := olaC.search("søknadsskjema"); p.Total != 1 {
		t.Errorf("the new title: %s", p.titles())
	}
	if p := olaC.search("kulturmidler", "type", "resource"); p.Total != 0 {
		t.Errorf("the old title: %s", p.titles())
	}
	// A document whose text cannot be read (corrupt, or locked with a
	// password) is still uploaded, and found by what describes it.
	broken := olaC.uploadOK("/api/v1/networks/"+vestland+"/library/files",
		`{"title":"Låst budsjett for Fyresdal","kind":"report","licence":"cc_by_4"}`, "budsjett.pdf",
		[]byte("%PDF-1.7\n1 0 obj << /Encrypt 2 0 R >> endobj\nnot a readable document"))
	ts.indexAll()
	if p := olaC.search("budsjett Fyresdal", "type", "resource"); p.Total != 1 || p.Items[0].Link != "/nettverk/"+vestland+"/bibliotek/"+broken.ID {
		t.Errorf("an unreadable document by its title: %s", p.titles())
	}

	olaC.ok("DELETE", "/api/v1/library/resources/"+v.ID, "", nil)
	ts.indexAll()
	if p := olaC.search("korpsinstrumenter Hardanger"); p.Total != 0 {
		t.Errorf("a deleted resource: %s", p.titles())
	}
}

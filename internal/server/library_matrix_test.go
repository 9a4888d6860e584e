package server

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/library"
	"github.com/samspill/samspill/internal/network"
)

// libraryRoutes lists every library route with the status each actor gets on an
// open, an on-request and a closed network, in the actor order of matrixActors:
// anonymous, non-member, pending requester, member (the uploader of the
// resource), moderator, owner, KS adviser who is not a member, administrator
// (not a member either).
var libraryRoutes = []struct {
	name, method, path, body string
	open, onRequest, closed  string
}{
	{"list resources", "GET", "/api/v1/networks/{slug}/library/resources?sort=title", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"find a file", "GET", "/api/v1/networks/{slug}/library/files/{sha}", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"get a resource", "GET", "/api/v1/library/resources/{resource}", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"list discussions", "GET", "/api/v1/library/resources/{resource}/discussions", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"list versions", "GET", "/api/v1/library/resources/{resource}/versions", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"download", "GET", "/api/v1/library/resources/{resource}/download", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"download a version", "GET", "/api/v1/library/resources/{resource}/versions/1/download", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"download link", "GET", "/api/v1/library/resources/{resource}/link", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"list collections", "GET", "/api/v1/networks/{slug}/library/collections", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"get a collection", "GET", "/api/v1/library/collections/{collection}", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"add a link", "POST", "/api/v1/networks/{slug}/library/links", `{"title":"Lenke","kind":"guide","licence":"cc_by_4","link":"https://example.no"}`,
		"401 403 403 201 201 201 403 201", "401 403 403 201 201 201 403 201", "401 404 404 201 201 201 404 201"},
	{"upload a file", "POST", "/api/v1/networks/{slug}/library/files", "upload",
		"401 403 403 201 201 201 403 201", "401 403 403 201 201 201 403 201", "401 404 404 201 201 201 404 201"},
	{"upload a version", "POST", "/api/v1/library/resources/{fresh}/versions", "upload",
		"401 403 403 201 201 201 403 201", "401 403 403 201 201 201 403 201", "401 404 404 201 201 201 404 201"},
	{"edit a resource", "PUT", "/api/v1/library/resources/{resource}", `{"title":"Endret","kind":"plan","licence":"other"}`,
		"401 403 403 200 200 200 403 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"delete a resource", "DELETE", "/api/v1/library/resources/{fresh}", "",
		"401 403 403 204 204 204 403 204", "401 403 403 204 204 204 403 204", "401 404 404 204 204 204 404 204"},
	{"create a collection", "POST", "/api/v1/networks/{slug}/library/collections", `{"name":"Maler","resourceIds":["{resource}"]}`,
		"401 403 403 403 201 201 403 201", "401 403 403 403 201 201 403 201", "401 404 404 403 201 201 404 201"},
	{"change a collection", "PUT", "/api/v1/library/collections/{collection}", `{"name":"Maler for søknader","resourceIds":["{resource}"]}`,
		"401 403 403 403 200 200 403 200", "401 403 403 403 200 200 403 200", "401 404 404 403 200 200 404 200"},
	{"delete a collection", "DELETE", "/api/v1/library/collections/{freshCollection}", "",
		"401 403 403 403 204 204 403 204", "401 403 403 403 204 204 403 204", "401 404 404 403 204 204 404 204"},
}

func TestLibraryAuthorisationMatrix(t *testing.T) {
	w := newMatrixWorld(t)
	lib := w.ts.srv.Services.Library
	type world struct {
		slug, resource, collection, sha string
	}
	pdf := func(n int) []byte { return pdfBytes(fmt.Sprint("matrise ", n)) }
	// One network per visibility, with a file uploaded by the member and a
	// collection made by the moderator.
	worlds := map[network.Visibility]world{}
	for i, vis := range []network.Visibility{network.Open, network.OnRequest, network.Closed} {
		f := w.fixture(t, fmt.Sprintf("bibliotek-%d", i), vis)
		r, err := lib.CreateFile(w.as("member"), f.slug, library.ResourceInput{Title: "Plan", Kind: "plan", Licence: "cc_by_4"},
			"plan.pdf", bytes.NewReader(pdf(i)))
		if err != nil {
			t.Fatal(err)
		}
		c, err := lib.CreateCollection(w.as("moderator"), f.slug, library.CollectionInput{Name: "Mappe", ResourceIDs: []string{r.ID}})
		if err != nil {
			t.Fatal(err)
		}
		// A forum thread that attaches the resource, for its list of discussions.
		cat, err := w.ts.srv.Services.Forum.CreateCategory(w.as("moderator"), f.slug, forum.CategoryInput{Name: "Generelt"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.ts.srv.Services.Forum.CreateThread(w.as("member"), f.slug, forum.NewThread{CategoryID: cat.ID,
			Kind: forum.Discussion, Title: "Planen", Body: "Se vedlegget", Attachments: []string{r.ID}}); err != nil {
			t.Fatal(err)
		}
		worlds[vis] = world{slug: f.slug, resource: r.ID, collection: c.ID, sha: r.File.SHA256}
	}
	rows := 0
	for _, route := range libraryRoutes {
		for _, vis := range []network.Visibility{network.Open, network.OnRequest, network.Closed} {
			want := map[network.Visibility]string{network.Open: route.open, network.OnRequest: route.onRequest, network.Closed: route.closed}[vis]
			statuses := strings.Fields(want)
			if len(statuses) != len(matrixActors) {
				t.Fatalf("%s/%s: %d expectations for %d actors", route.name, vis, len(statuses), len(matrixActors))
			}
			wd := worlds[vis]
			for ai, actor := range matrixActors {
				rows++
				repl := []string{"{slug}", wd.slug, "{resource}", wd.resource, "{collection}", wd.collection, "{sha}", wd.sha}
				if strings.Contains(route.path, "{fresh}") {
					r, err := lib.CreateFile(w.as("member"), wd.slug, library.ResourceInput{Title: "Ny", Kind: "other", Licence: "other"},
						"ny.pdf", bytes.NewReader(pdf(1000+rows)))
					if err != nil {
						t.Fatal(err)
					}
					repl = append(repl, "{fresh}", r.ID)
				}
				if strings.Contains(route.path, "{freshCollection}") {
					c, err := lib.CreateCollection(w.as("owner"), wd.slug, library.CollectionInput{Name: fmt.Sprint("Ny ", rows)})
					if err != nil {
						t.Fatal(err)
					}
					repl = append(repl, "{freshCollection}", c.ID)
				}
				rp := strings.NewReplacer(repl...)
				path := rp.Replace(route.path)
				var header []string
				if actor != "anonymous" {
					header = []string{"Authorization", "Bearer " + w.tokens[actor]}
				}
				var r response
				switch route.body {
				case "":
					r = w.ts.do(route.method, path, nil, header...)
				case "upload":
					meta := `{"title":"Opplastet","kind":"report","licence":"cc_by_4"}`
					if strings.HasSuffix(path, "/versions") {
						meta = `{"note":"Ny versjon"}`
					}
					form, ct := uploadForm(t, meta, "fil.pdf", pdf(2000+rows))
					r = w.ts.do(route.method, path, bytes.NewReader(form), append(header, "Content-Type", ct)...)
				default:
					r = w.ts.do(route.method, path, strings.NewReader(rp.Replace(route.body)), header...)
				}
				if fmt.Sprint(r.StatusCode) != statuses[ai] {
					t.Errorf("%s on a %s network as %s: %d, want %s: %s", route.name, vis, actor, r.StatusCode, statuses[ai], r.body)
					continue
				}
				if route.name == "list discussions" && r.StatusCode == 200 {
					var page struct {
						Items []struct{ ThreadTitle string }
					}
					r.json(&page)
					if len(page.Items) != 1 || page.Items[0].ThreadTitle != "Planen" {
						t.Errorf("discussions on a %s network as %s: %s", vis, actor, r.body)
					}
				}
				if r.StatusCode >= 400 {
					var p problem
					r.json(&p)
					if r.StatusCode == 401 && p.Code != "auth.required" {
						t.Errorf("%s on a %s network as %s: code %s", route.name, vis, actor, p.Code)
					}
					// Outsiders must not learn that a closed network, or anything in it, exists.
					if vis == network.Closed && (actor == "outsider" || actor == "pending" || actor == "adviser") && !strings.HasSuffix(p.Code, "not_found") {
						t.Errorf("%s on a closed network as %s reveals it: %s", route.name, actor, p.Code)
					}
				}
			}
		}
	}
	t.Logf("library authorisation matrix: %d rows (%d routes × 3 visibilities × %d actors)", rows, len(libraryRoutes), len(matrixActors))
	if want := len(libraryRoutes) * 3 * len(matrixActors); rows != want {
		t.Errorf("%d rows, want %d", rows, want)
	}
}

package server

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/demo"
)

const (
	vestland = "kulturskoleledere-i-vestland"      // on request: Ingrid owns it, Ola is a member, Kari is not
	nord     = "bibliotekutvikling-nord"           // open: Per is a member
	framtida = "kultur-for-framtida-medlemsdialog" // closed: Kari and Per are members, Ola is not
	jon      = "kollega-02@demo.samspill.no"       // a member of Vestland
	member2  = "kollega-03@demo.samspill.no"       // another member of Vestland
	pdfName  = "Kulturplan Ålesund 2025–2030.pdf"  // the name of the issue
	pdfCD    = `filename*=UTF-8''Kulturplan%20%C3%85lesund%202025%E2%80%932030.pdf`
	planMeta = `{"title":"Kulturplan Ålesund 2025–2030","kind":"plan","licence":"cc_by_4","topics":["culture_planning"],"year":2025}`
)

// newLibraryServer is newTestServer with extra settings.
func newLibraryServer(t *testing.T, env map[string]string) *testServer {
	t.Helper()
	vars := map[string]string{"SAMSPILL_DATA_DIR": t.TempDir(), "SAMSPILL_DEMO": "1"}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.FromEnv(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	st, err := OpenStorage(context.Background(), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{now: time.Now().UTC().Truncate(time.Millisecond)}
	srv, err := build(context.Background(), cfg, st, c.Now, log)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{t: t, srv: srv, clock: c, logs: logs}
}

func pdfBytes(text string) []byte {
	return []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + text + "\n%%EOF\n")
}

func docxBytes(t *testing.T, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, body := range map[string]string{"[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>",
		"word/document.xml": "<w:document><w:body>" + text + "</w:body></w:document>"} {
		fw, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(fw, body)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBombDocx claims 10 GiB for its document, as zip bombs do.
func zipBombDocx(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		fw, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: 2000, UncompressedSize64: 10 << 30})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(make([]byte, 2000))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// uploadForm is a multipart upload: metadata (if any), then the file. A
// name with control characters goes in filename* (RFC 2231), as a client
// would have to send it.
func uploadForm(t *testing.T, meta, name string, data []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if meta != "" {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="metadata"`)
		h.Set("Content-Type", "application/json")
		pw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(pw, meta)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename*=UTF-8''`+url.PathEscape(name))
	h.Set("Content-Type", "application/octet-stream")
	pw, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	pw.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), w.FormDataContentType()
}

func (c apiClient) upload(path, meta, name string, data []byte) response {
	c.ts.t.Helper()
	body, ct := uploadForm(c.ts.t, meta, name, data)
	header := []string{"Content-Type", ct}
	if c.token != "" {
		header = append(header, "Authorization", "Bearer "+c.token)
	}
	return c.ts.do("POST", path, bytes.NewReader(body), header...)
}

func (c apiClient) uploadOK(path, meta, name string, data []byte) resourceView {
	c.ts.t.Helper()
	r := c.upload(path, meta, name, data)
	if r.StatusCode != 201 {
		c.ts.t.Fatalf("upload %s: %d %s", name, r.StatusCode, r.body)
	}
	var v resourceView
	r.json(&v)
	return v
}

func (c apiClient) get(path string, header ...string) response {
	c.ts.t.Helper()
	if c.token != "" {
		header = append(header, "Authorization", "Bearer "+c.token)
	}
	return c.ts.do("GET", path, nil, header...)
}

type resourceView struct {
	ID, Title, Kind, OrgName, CountyNumber, Licence, Link, UploaderName string
	Year, Downloads, VersionCount                                       int
	Topics                                                              []string
	File                                                                *struct {
		Version                             int
		FileName, Format, MediaType, SHA256 string
		Size                                int64
	}
	SameFileIn  []struct{ ID, Title, FileName string }
	Permissions struct{ Edit, Delete, Collection bool }
}

// blobFiles counts the whole blobs and the temporary files in the data dir.
func blobFiles(t *testing.T, ts *testServer) (blobs, temps int) {
	t.Helper()
	root := filepath.Join(ts.srv.Config.DataDir, "blobs")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if filepath.Base(filepath.Dir(p)) == "tmp" {
			temps++
		} else {
			blobs++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return blobs, temps
}

func TestLibraryUploadDownloadAndVersions(t *testing.T) {
	ts := newTestServer(t)
	asOla, asKari := ts.as(ola), ts.as(kari)
	blobsBefore, _ := blobFiles(t, ts)
	plan := pdfBytes("Kulturplan for Ålesund")

	v := asOla.uploadOK("/api/v1/networks/"+vestland+"/library/files", planMeta, pdfName, plan)
	if v.File == nil || v.File.FileName != pdfName || v.File.Format != "pdf" || v.File.Size != int64(len(plan)) || v.File.Version != 1 {
		t.Fatalf("uploaded %+v", v.File)
	}
	if v.OrgName != "Voss" || v.CountyNumber != "46" || v.UploaderName != "Ola Berg" || len(v.SameFileIn) != 0 || !v.Permissions.Edit {
		t.Errorf("resource %+v", v)
	}
	download := "/api/v1/library/resources/" + v.ID + "/download"

	// A download: the sniffed type, the UTF-8 name, the checksum as ETag.
	r := asOla.get(download)
	if r.StatusCode != 200 || !bytes.Equal(r.body, plan) {
		t.Fatalf("download: %d, %d bytes", r.StatusCode, len(r.body))
	}
	for h, want := range map[string]string{"Content-Type": "application/pdf", "ETag": `"` + v.File.SHA256 + `"`,
		"Cache-Control": "private, no-cache", "X-Content-Type-Options": "nosniff", "Accept-Ranges": "bytes"} {
		if got := r.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; ") || !strings.HasSuffix(cd, pdfCD) {
		t.Errorf("Content-Disposition %q", cd)
	}
	// Not modified, ranges, HEAD, and a preview.
	if r := asOla.get(download, "If-None-Match", `"`+v.File.SHA256+`"`); r.StatusCode != 304 || len(r.body) != 0 {
		t.Errorf("If-None-Match: %d %q", r.StatusCode, r.body)
	}
	n := int64(len(plan))
	for _, c := range []struct {
		spec, contentRange string
		status             int
		from, to           int64
	}{
		{"bytes=0-9", fmt.Sprintf("bytes 0-9/%d", n), 206, 0, 10},
		{"bytes=-5", fmt.Sprintf("bytes %d-%d/%d", n-5, n-1, n), 206, n - 5, n},
		{"bytes=20-", fmt.Sprintf("bytes 20-%d/%d", n-1, n), 206, 20, n},
		{"bytes=10-99999", fmt.Sprintf("bytes 10-%d/%d", n-1, n), 206, 10, n},
		{"bytes=0-1,5-6", "", 200, 0, n}, // several ranges: the whole file
		{"items=0-1", "", 200, 0, n},
	} {
		r := asOla.get(download, "Range", c.spec)
		if r.StatusCode != c.status || r.Header.Get("Content-Range") != c.contentRange || !bytes.Equal(r.body, plan[c.from:c.to]) {
			t.Errorf("Range %s: %d %q %q", c.spec, r.StatusCode, r.Header.Get("Content-Range"), r.body)
		}
	}
	for _, spec := range []string{fmt.Sprintf("bytes=%d-", n), "bytes=-0", "bytes=99999-100000"} {
		r := asOla.get(download, "Range", spec)
		ts.problem(r, 416, "library.range_not_satisfiable")
		if r.Header.Get("Content-Range") != fmt.Sprintf("bytes */%d", n) {
			t.Errorf("416 Content-Range %q", r.Header.Get("Content-Range"))
		}
	}
	if r := asOla.get(download, "Range", "bytes=0-3", "If-Range", `"stale"`); r.StatusCode != 200 || !bytes.Equal(r.body, plan) {
		t.Errorf("If-Range with another ETag: %d", r.StatusCode)
	}
	head := ts.do("HEAD", download, nil, "Authorization", "Bearer "+asOla.token)
	if head.StatusCode != 200 || len(head.body) != 0 || head.ContentLength != n {
		t.Errorf("HEAD: %d, %d bytes, length %d", head.StatusCode, len(head.body), head.ContentLength)
	}
	inline := asOla.get(download + "?inline=1")
	if cd := inline.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "inline; ") || !strings.Contains(inline.Header.Get("Content-Security-Policy"), "frame-ancestors 'self'") ||
		inline.Header.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("inline preview: %q, %q", cd, inline.Header.Get("Content-Security-Policy"))
	}
	asOla.get(download) // a second full download
	var got resourceView
	asOla.ok("GET", "/api/v1/library/resources/"+v.ID, "", &got)
	// Whole files sent count: the two downloads and the three ranges answered
	// with the whole file; 304, 206, 416, HEAD and the preview do not.
	if got.Downloads != 5 {
		t.Errorf("%d downloads counted, want 5", got.Downloads)
	}

	// The same bytes again, from another member: stored once, pointed out.
	twin := ts.as(jon).uploadOK("/api/v1/networks/"+vestland+"/library/files", `{"title":"Samme plan","kind":"plan","licence":"other"}`, "kopi.pdf", plan)
	if len(twin.SameFileIn) != 1 || twin.SameFileIn[0].ID != v.ID || twin.File.SHA256 != v.File.SHA256 {
		t.Errorf("same file not pointed out: %+v", twin.SameFileIn)
	}
	var found []struct{ ID string }
	asOla.ok("GET", "/api/v1/networks/"+vestland+"/library/files/"+v.File.SHA256, "", &found)
	if len(found) != 2 {
		t.Errorf("files with the hash: %+v", found)
	}
	if blobs, temps := blobFiles(t, ts); blobs != blobsBefore+1 || temps != 0 {
		t.Errorf("%d blobs (%d before), %d temporary files", blobs, blobsBefore, temps)
	}

	// Versions: the identical file is refused; a new one keeps the old.
	versions := "/api/v1/library/resources/" + v.ID + "/versions"
	ts.problem(asOla.upload(versions, `{"note":"ingen endring"}`, pdfName, plan), 409, "library.same_file")
	ts.problem(ts.as(member2).upload(versions, "", "ny.pdf", pdfBytes("annen")), 403, "library.not_uploader")
	doc := docxBytes(t, "Revidert kulturplan")
	v2 := asOla.uploadOK(versions, `{"note":"Revidert etter høring"}`, "Kulturplan revidert.docx", doc)
	if v2.File.Version != 2 || v2.File.Format != "docx" || v2.VersionCount != 2 || len(v2.SameFileIn) != 0 {
		t.Errorf("version 2: %+v", v2.File)
	}
	var list []struct {
		Version           int
		FileName, Note    string
		UploaderName      string
		Format, MediaType string
	}
	asOla.ok("GET", versions, "", &list)
	if len(list) != 2 || list[0].Version != 2 || list[0].Note != "Revidert etter høring" || list[1].FileName != pdfName || list[1].UploaderName != "Ola Berg" {
		t.Errorf("versions %+v", list)
	}
	if r := asOla.get(download); !bytes.Equal(r.body, doc) || r.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
		t.Errorf("the newest version: %s", r.Header.Get("Content-Type"))
	}
	if r := asOla.get(versions + "/1/download"); r.StatusCode != 200 || !bytes.Equal(r.body, plan) {
		t.Errorf("version 1: %d", r.StatusCode)
	}
	ts.problem(asOla.get(versions+"/3/download"), 404, "library.version_not_found")
	ts.problem(asOla.get(versions+"/x/download"), 404, "library.version_not_found")
	// The identical file as a version of the other resource is new there.
	ts.as(jon).uploadOK("/api/v1/library/resources/"+twin.ID+"/versions", "", "ny.docx", doc)

	// Only members of an on-request network read it; a link lets a browser in.
	ts.problem(asKari.get("/api/v1/library/resources/"+v.ID), 403, "network.members_only")
	ts.problem(asKari.get(download), 403, "network.members_only")
	ts.problem(apiClient{ts: ts}.get(download), 401, "auth.required")
	var link struct{ URL string }
	asOla.ok("GET", "/api/v1/library/resources/"+v.ID+"/link?version=1&inline=true", "", &link)
	if r := ts.do("GET", link.URL, nil); r.StatusCode != 200 || !bytes.Equal(r.body, plan) || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "inline") {
		t.Errorf("download link %s: %d", link.URL, r.StatusCode)
	}
	other := strings.Replace(link.URL, v.ID, twin.ID, 1)
	ts.problem(ts.do("GET", other, nil), 401, "library.link_invalid")
	ts.problem(ts.do("GET", link.URL[:len(link.URL)-10]+"AAAAAAAAAA", nil), 401, "library.link_invalid")
	ts.clock.Add(11 * time.Minute)
	ts.problem(ts.do("GET", link.URL, nil), 401, "library.link_invalid")
	asOla = ts.as(ola) // access tokens last ten minutes

	// Editing: not someone else's; the owner may, and it is in the audit log.
	edit := `{"title":"Kulturplan 2025–2030","kind":"plan","licence":"public_sector_reuse","description":"Vedtatt **juni** 2025"}`
	ts.problem(ts.as(member2).call("PUT", "/api/v1/library/resources/"+v.ID, edit), 403, "library.not_uploader")
	asIngrid := ts.as(ingrid)
	var edited struct{ Title, DescriptionHTML, Licence string }
	asIngrid.ok("PUT", "/api/v1/library/resources/"+v.ID, edit, &edited)
	if edited.Title != "Kulturplan 2025–2030" || !strings.Contains(edited.DescriptionHTML, "<strong>juni</strong>") {
		t.Errorf("edited %+v", edited)
	}
	ts.problem(asIngrid.call("PUT", "/api/v1/library/resources/"+v.ID, `{"title":"x","kind":"plan","licence":"cc_by_4","link":"https://x.no"}`), 422, "validation.failed")
	asIngrid.ok("DELETE", "/api/v1/library/resources/"+v.ID, "", nil)
	ts.problem(asOla.get("/api/v1/library/resources/"+v.ID), 404, "library.resource_not_found")
	ts.problem(asOla.get(download), 404, "library.resource_not_found")
	var audit struct {
		Items []struct{ Action, TargetName string }
	}
	asIngrid.ok("GET", "/api/v1/networks/"+vestland+"/audit", "", &audit)
	actions := map[string]bool{}
	for _, e := range audit.Items {
		actions[e.Action] = true
	}
	if !actions["library.resource_edited"] || !actions["library.resource_deleted"] {
		t.Errorf("audit log: %+v", audit.Items)
	}

	// The sweeper deletes blobs no version uses any more, after an hour: the
	// PDF stays (the copy uses it), the DOCX stays (the copy's version 2).
	blobs, _ := blobFiles(t, ts)
	ts.clock.Add(2 * time.Hour)
	if err := ts.srv.Services.Library.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after, _ := blobFiles(t, ts); after != blobs {
		t.Errorf("the sweep deleted used blobs: %d → %d", blobs, after)
	}
	ts.as(jon).ok("DELETE", "/api/v1/library/resources/"+twin.ID, "", nil)
	ts.clock.Add(2 * time.Hour)
	if err := ts.srv.Services.Library.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The blob files' own times are real; the sweep compares them with the test
	// clock, which is hours ahead.
	if after, _ := blobFiles(t, ts); after != blobs-2 {
		t.Errorf("after deleting every resource with them: %d blobs, want %d", after, blobs-2)
	}
}

// serveOn runs the app on a loopback listener, for what app.Test cannot show:
// answers before the body ends, and clients that go away.
func serveOn(t *testing.T, ts *testServer) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go ts.srv.App.Listener(ln)
	t.Cleanup(func() { _ = ts.srv.App.Shutdown() })
	return ln.Addr().String()
}

// rawUpload sends an upload's head and then body over a connection; close
// (if set) closes it after the body, without waiting for an answer.
func rawUpload(t *testing.T, addr, path, token, contentType, length string, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer %s\r\nContent-Type: %s\r\n%s\r\n", path, token, contentType, length)
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(conn, body) }()
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read answer: %v", err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, b
}

// chunks sends r in HTTP chunks.
func chunks(r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				if _, werr := fmt.Fprintf(pw, "%x\r\n%s\r\n", n, buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				break
			}
		}
		io.WriteString(pw, "0\r\n\r\n")
		pw.Close()
	}()
	return pr
}

func (ts *testServer) resourceCount(t *testing.T) int {
	var n int
	if err := ts.srv.Storage.SQLite.Read.QueryRow("SELECT count(*) FROM library_resources").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLibraryRefusesBadUploads(t *testing.T) {
	ts := newLibraryServer(t, map[string]string{"SAMSPILL_MAX_UPLOAD_BYTES": fmt.Sprint(1 << 20)})
	ola := ts.as(ola)
	files := "/api/v1/networks/" + vestland + "/library/files"
	blobs, _ := blobFiles(t, ts)
	resources := ts.resourceCount(t)
	nothingStored := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			b, temps := blobFiles(t, ts)
			n := ts.resourceCount(t)
			if b == blobs && temps == 0 && n == resources {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %d blobs (%d before), %d temporary files, %d resources (%d before)", what, b, blobs, temps, n, resources)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), bytes.Repeat([]byte{0}, 4000)...)
	p := ts.problem(ola.upload(files, planMeta, "faktura.pdf", exe), 422, "library.type_not_allowed")
	if !strings.Contains(p.Detail, "Windows program") {
		t.Errorf("detail %q", p.Detail)
	}
	ts.problem(ola.upload(files, planMeta, "Søknad.docx", zipBombDocx(t)), 422, "library.zip_bomb")
	ts.problem(ola.upload(files, planMeta, "tom.pdf", nil), 422, "library.empty_file")
	ts.problem(ola.upload(files, planMeta, "notat.txt", []byte("bl\xe5b\xe6r")), 422, "library.type_not_allowed")
	nothingStored("refused types")

	// The description is checked before the file is read.
	for _, c := range []struct {
		meta, field, code string
	}{
		{`{"title":"","kind":"plan","licence":"cc_by_4"}`, "title", "required"},
		{`{"title":"x","kind":"poem","licence":"cc_by_4"}`, "kind", "invalid"},
		{`{"title":"x","kind":"plan","licence":"cc_by_4","topics":["knitting"]}`, "topics", "invalid"},
		{`{"title":"x","kind":"plan","licence":"cc_by_4","year":1066}`, "year", "invalid"},
		{`{"title":"x","kind":"plan","licence":"cc_by_4","link":"https://x.no"}`, "link", "not_allowed"},
		{`{"title":"x","kind":"plan","licence":"cc_by_4","orgId":"0123456789abcdef01234567"}`, "orgId", "invalid"},
		{`{"title":"x","kind":"plan","licence":"cc_by_4","uploaderId":"me"}`, "uploaderId", "not_allowed"},
		{`{"title":7,"kind":"plan","licence":"cc_by_4"}`, "title", "invalid"},
	} {
		p := ts.problem(ola.upload(files, c.meta, "plan.pdf", pdfBytes("x")), 422, "validation.failed")
		if len(p.Errors) == 0 || p.Errors[0].Field != c.field || p.Errors[0].Code != c.code {
			t.Errorf("%s: %+v", c.meta, p.Errors)
		}
	}
	ts.problem(ola.upload(files, `{"title":`, "plan.pdf", pdfBytes("x")), 400, "request.malformed")
	ts.problem(ola.upload(files, "", "plan.pdf", pdfBytes("x")), 400, "library.metadata_first")
	ts.problem(ola.call("POST", files, planMeta), 400, "library.multipart_required")
	ts.problem(ts.as(kari).upload(files, planMeta, "plan.pdf", pdfBytes("x")), 403, "network.members_only")
	nothingStored("refused descriptions")
	ts.as(per).uploadOK("/api/v1/networks/"+framtida+"/library/files", planMeta, "plan.pdf", pdfBytes("x")) // a member of the closed network
	resources++
	blobs++

	addr := serveOn(t, ts)
	over := bytes.Repeat([]byte("%PDF-1.7\n"), (1<<20+200<<10)/9) // 1.2 MiB: over the limit and its allowance for the form
	form, ct := uploadForm(t, planMeta, "stor.pdf", over)
	// Announced too large: refused before the body is read; the connection closes.
	res, body := rawUpload(t, addr, files, ola.token, ct, fmt.Sprintf("Content-Length: %d\r\n", len(form)), bytes.NewReader(form[:4096]))
	if res.StatusCode != 413 || !strings.Contains(string(body), "library.too_large") || !res.Close {
		t.Errorf("announced over-size: %d close=%v %s", res.StatusCode, res.Close, body)
	}
	// Not announced (chunked): refused while streaming, nothing kept.
	res, body = rawUpload(t, addr, files, ola.token, ct, "Transfer-Encoding: chunked\r\n", chunks(bytes.NewReader(form)))
	if res.StatusCode != 413 || !strings.Contains(string(body), "library.too_large") {
		t.Errorf("streamed over-size: %d %s", res.StatusCode, body)
	}
	nothingStored("over-size uploads")

	// A client that goes away in the middle of the body leaves nothing.
	half := pdfBytes(strings.Repeat("x", 600<<10))
	form, ct = uploadForm(t, planMeta, "halv.pdf", half)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", files, ola.token, ct, len(form))
	conn.Write(form[:len(form)/2])
	time.Sleep(200 * time.Millisecond) // the server is now streaming into a temporary file
	conn.Close()
	nothingStored("an interrupted upload")
	// After all that, uploads work as before.
	if res, body := rawUpload(t, addr, files, ola.token, ct, fmt.Sprintf("Content-Length: %d\r\n", len(form)), bytes.NewReader(form)); res.StatusCode != 201 {
		t.Errorf("a whole upload: %d %s", res.StatusCode, body)
	}
	if err := ts.srv.App.Shutdown(); err != nil { // every request has finished logging
		t.Fatal(err)
	}
	if strings.Contains(ts.logs.String(), `"level":"ERROR"`) {
		t.Errorf("bad uploads were logged as server errors:\n%s", ts.logs.String())
	}
}

func TestLibraryFileNames(t *testing.T) {
	ts := newTestServer(t)
	per := ts.as(per)
	files := "/api/v1/networks/" + nord + "/library/files"
	meta := `{"title":"Navn","kind":"other","licence":"cc_by_4"}`
	for i, c := range []struct {
		name string
		want string
	}{
		{"../../../etc/passwd", "passwd.txt"},
		{`..\..\windows\system32\config.pdf`, "config.pdf"},
		{"rapport\x00.exe.pdf", "rapport.exe.pdf"},
		{"linje\r\nskift\t.pdf", "linjeskift.pdf"},
		{"faktura\u202Efdp.exe", "fakturafdp.exe.pdf"},
		{"CON.pdf", "_CON.pdf"},
		{"nul.txt", "_nul.txt"},
		{strings.Repeat("lang", 100) + ".pdf", strings.Repeat("lang", 100)[:176] + ".pdf"},
		{".hidden.pdf", "hidden.pdf"},
		{"", "fil.pdf"},
		{"Søknad om tilskudd «Kultur» 2026.pdf", "Søknad om tilskudd «Kultur» 2026.pdf"},
	} {
		data := pdfBytes(fmt.Sprint("navn ", i))
		if strings.HasSuffix(c.want, ".txt") {
			data = []byte(fmt.Sprint("tekst ", i))
		}
		v := per.uploadOK(files, meta, c.name, data)
		if v.File.FileName != c.want {
			t.Errorf("%q stored as %q, want %q", c.name, v.File.FileName, c.want)
		}
		r := per.get("/api/v1/library/resources/" + v.ID + "/download")
		cd := r.Header.Get("Content-Disposition")
		for _, b := range []byte(cd) {
			if b < 0x20 || b >= 0x7f {
				t.Errorf("%q: Content-Disposition has byte %#x: %q", c.name, b, cd)
				break
			}
		}
		_, enc, _ := strings.Cut(cd, "filename*=UTF-8''")
		if name, err := url.PathUnescape(enc); err != nil || name != c.want {
			t.Errorf("%q: %s names %q", c.name, cd, name)
		}
	}
}

func TestLibraryBrowseAndCollections(t *testing.T) {
	ts := newTestServer(t)
	ingrid, ola, per := ts.as(ingrid), ts.as(ola), ts.as(per)
	links := "/api/v1/networks/" + nord + "/library/links"
	mk := func(c apiClient, title, kind, topic string, year int) string {
		t.Helper()
		var v struct{ ID string }
		topics := "[]"
		if topic != "" {
			topics = `["` + topic + `"]`
		}
		c.ok("POST", links, fmt.Sprintf(`{"title":%q,"kind":%q,"licence":"cc_by_4","topics":%s,"year":%d,"link":"https://example.no/%d"}`,
			title, kind, topics, year, time.Now().UnixNano()), &v)
		ts.clock.Add(time.Second)
		return v.ID
	}
	ids := []string{
		mk(per, "Bibliotekplan Bodø", "plan", "library", 2024),
		mk(per, "Årsmelding", "report", "library", 2025),
		mk(per, "Meråpent: veileder", "guide", "digital", 2025),
		mk(ingrid, "Arrangementsmal", "template", "events_venues", 2026),
	}
	type page struct {
		Items []struct {
			ID, Title, OrgName, Kind string
			Year                     int
		}
		NextCursor string
	}
	titlesOf := func(p page) []string {
		var out []string
		for _, it := range p.Items {
			if slices.Contains(ids, it.ID) {
				out = append(out, it.Title)
			}
		}
		return out
	}
	list := "/api/v1/networks/" + nord + "/library/resources"
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", []string{"Arrangementsmal", "Meråpent: veileder", "Årsmelding", "Bibliotekplan Bodø"}},
		{"?sort=title", []string{"Arrangementsmal", "Bibliotekplan Bodø", "Meråpent: veileder", "Årsmelding"}},
		{"?kind=plan", []string{"Bibliotekplan Bodø"}},
		{"?topic=library&year=2025", []string{"Årsmelding"}},
		{"?county=46", nil}, // Per is at Kulturrådet (no county)
		{"?year=2026&sort=downloads", []string{"Arrangementsmal"}},
	} {
		var p page
		ts.as(kari).ok("GET", list+c.query, "", &p) // Kari is not a member: the network is open
		if got := titlesOf(p); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.query, got, c.want)
		}
	}
	var p page
	per.ok("GET", list+"?limit=2", "", &p)
	seen := len(p.Items)
	for p.NextCursor != "" {
		cursor := p.NextCursor
		p = page{}
		per.ok("GET", list+"?limit=2&cursor="+url.QueryEscape(cursor), "", &p)
		seen += len(p.Items)
	}
	if seen != 6 { // four here, two from the demo
		t.Errorf("paged through %d resources", seen)
	}
	ts.problem(per.call("GET", list+"?sort=popular", ""), 422, "validation.failed")
	ts.problem(per.call("GET", list+"?topic=knitting", ""), 422, "validation.failed")
	ts.problem(per.call("GET", list+"?cursor=bogus", ""), 422, "validation.failed")
	ts.problem(per.call("POST", links, `{"title":"x","kind":"plan","licence":"cc_by_4","link":"javascript:alert(1)"}`), 422, "validation.failed")
	ts.problem(ts.as(kari).call("POST", links, `{"title":"x","kind":"plan","licence":"cc_by_4","link":"https://x.no"}`), 403, "library.members_only")

	// Collections: moderators curate, in order; members read.
	cols := "/api/v1/networks/" + nord + "/library/collections"
	body := fmt.Sprintf(`{"name":"Maler for søknader","resourceIds":[%q,%q]}`, ids[3], ids[0])
	ts.problem(per.call("POST", cols, body), 403, "library.moderators_only")
	var c struct {
		ID        string
		Revision  int
		Resources []struct{ ID string }
	}
	ingrid.ok("POST", cols, body, &c)
	if len(c.Resources) != 2 || c.Resources[0].ID != ids[3] {
		t.Fatalf("collection %+v", c)
	}
	var vestlandLink struct{ ID string }
	ola.ok("POST", "/api/v1/networks/"+vestland+"/library/links", `{"title":"Annet nettverk","kind":"plan","licence":"cc_by_4","link":"https://x.no"}`, &vestlandLink)
	col := "/api/v1/library/collections/" + c.ID
	ts.problem(ingrid.call("PUT", col, fmt.Sprintf(`{"name":"Maler","resourceIds":[%q],"revision":1}`, vestlandLink.ID)), 422, "validation.failed")
	ts.problem(ingrid.call("PUT", col, fmt.Sprintf(`{"name":"Maler","resourceIds":[%q,%q],"revision":1}`, ids[0], ids[0])), 422, "validation.failed")
	ingrid.ok("PUT", col, fmt.Sprintf(`{"name":"Maler","resourceIds":[%q,%q,%q],"revision":1}`, ids[0], ids[2], ids[3]), &c)
	ts.problem(ingrid.call("PUT", col, `{"name":"Gammel fane","resourceIds":[],"revision":1}`), 409, "library.collection_conflict")
	ts.problem(per.call("PUT", col, `{"name":"x","resourceIds":[],"revision":2}`), 403, "library.moderators_only")
	// A resource names the collections it is in.
	var inCols struct{ Collections []struct{ ID, Name string } }
	per.ok("GET", "/api/v1/library/resources/"+ids[3], "", &inCols)
	if len(inCols.Collections) != 1 || inCols.Collections[0].ID != c.ID || inCols.Collections[0].Name != "Maler" {
		t.Errorf("the resource's collections: %+v", inCols.Collections)
	}
	inCols.Collections = nil
	per.ok("GET", "/api/v1/library/resources/"+ids[1], "", &inCols)
	if len(inCols.Collections) != 0 {
		t.Errorf("a resource in no collection: %+v", inCols.Collections)
	}
	// A deleted resource leaves its collections.
	per.ok("DELETE", "/api/v1/library/resources/"+ids[2], "", nil)
	per.ok("GET", col, "", &c)
	if len(c.Resources) != 2 || c.Resources[0].ID != ids[0] || c.Resources[1].ID != ids[3] {
		t.Errorf("after deleting a member: %+v", c.Resources)
	}
	var summaries []struct {
		Name          string
		ResourceCount int
	}
	ts.as(kari).ok("GET", cols, "", &summaries)
	if len(summaries) != 1 || summaries[0].ResourceCount != 2 {
		t.Errorf("collections %+v", summaries)
	}
	ingrid.ok("DELETE", col, "", nil)
	var audit struct{ Items []struct{ Action string } }
	ingrid.ok("GET", "/api/v1/networks/"+nord+"/audit", "", &audit)
	var acts []string
	for _, e := range audit.Items {
		acts = append(acts, e.Action)
	}
	for _, a := range []string{"library.collection_created", "library.collection_updated", "library.collection_deleted"} {
		if !slices.Contains(acts, a) {
			t.Errorf("audit lacks %s: %v", a, acts)
		}
	}

	// Resolve, for forum attachments: readable resources of that network only.
	ctx := ts.srv.Services
	asKari := kariContext(t, ts)
	nordID := networkID(t, ts, nord)
	refs, err := ctx.Library.Resolve(asKari, nordID, []string{ids[1], vestlandLink.ID, ids[2], "nonsense", ids[0]})
	if err != nil || len(refs) != 2 || refs[0].ID != ids[1] || refs[1].ID != ids[0] || refs[0].Title != "Årsmelding" {
		t.Errorf("resolve: %+v %v", refs, err)
	}
	if refs, err := ctx.Library.Resolve(asKari, networkID(t, ts, vestland), []string{vestlandLink.ID}); err != nil || len(refs) != 0 {
		t.Errorf("resolve in a network Kari may not read: %+v %v", refs, err)
	}
}

func kariContext(t *testing.T, ts *testServer) context.Context {
	t.Helper()
	u, err := ts.srv.Services.Users.ByEmail(context.Background(), kari)
	if err != nil {
		t.Fatal(err)
	}
	return auth.WithPrincipal(context.Background(), auth.Principal{UserID: u.ID, Role: u.SiteRole})
}

func networkID(t *testing.T, ts *testServer, slug string) string {
	t.Helper()
	var n struct{ ID string }
	ts.as(admin).ok("GET", "/api/v1/networks/"+slug, "", &n)
	return n.ID
}

func TestLibraryClosedNetworkFilesAreNotFound(t *testing.T) {
	ts := newTestServer(t)
	var page struct{ Items []struct{ ID string } }
	ts.as(kari).ok("GET", "/api/v1/networks/"+framtida+"/library/resources", "", &page)
	if len(page.Items) == 0 {
		t.Fatal("no demo resource in the closed network")
	}
	id := page.Items[0].ID
	ola := ts.as(ola) // not a member
	for _, path := range []string{"", "/download", "/versions", "/versions/1/download", "/link"} {
		ts.problem(ola.get("/api/v1/library/resources/"+id+path), 404, "library.resource_not_found")
	}
	ts.problem(ola.get("/api/v1/library/resources/0123456789abcdef01234567/download"), 404, "library.resource_not_found")
	ts.problem(ola.get("/api/v1/library/resources/not-an-id/download"), 404, "library.resource_not_found")
	ts.problem(ola.get("/api/v1/networks/"+framtida+"/library/resources"), 404, "network.not_found")
}

func TestLibraryDemoData(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	if err := demo.SeedLibrary(ctx, ts.srv.Services.Users, ts.srv.Services.Library); err != nil {
		t.Fatalf("seeding twice: %v", err)
	}
	var page struct {
		Items []struct {
			ID, Title string
			File      *struct{ FileName, Format string }
		}
	}
	ola := ts.as(ola)
	ola.ok("GET", "/api/v1/networks/"+vestland+"/library/resources", "", &page)
	var plan string
	titles := map[string]int{}
	for _, it := range page.Items {
		titles[it.Title]++
		if it.Title == "Kulturplan 2025–2030 (mal)" && it.File != nil && it.File.Format == "pdf" {
			plan = it.ID
		}
	}
	if len(page.Items) != 3 || plan == "" || titles["Kulturplan 2025–2030 (mal)"] != 1 {
		t.Fatalf("demo library %+v", page.Items)
	}
	if r := ola.get("/api/v1/library/resources/" + plan + "/download"); r.StatusCode != 200 || !bytes.HasPrefix(r.body, []byte("%PDF-1.4")) ||
		!bytes.Contains(r.body, []byte("startxref")) {
		t.Errorf("demo PDF: %d", r.StatusCode)
	}
	var cols []struct{ Name string }
	ola.ok("GET", "/api/v1/networks/"+vestland+"/library/collections", "", &cols)
	if len(cols) != 1 || cols[0].Name != "Maler for søknader" {
		t.Errorf("demo collections %+v", cols)
	}
}

// The OpenAPI document describes the file routes too.
func TestLibraryFileRoutesAreDocumented(t *testing.T) {
	ts := newTestServer(t)
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			RequestBody *struct {
				Content map[string]any `json:"content"`
			} `json:"requestBody"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
	}
	ts.do("GET", "/api/v1/openapi.json", nil).json(&doc)
	for path, want := range map[string]string{
		"/api/v1/networks/{slug}/library/files":                              "post uploadFile",
		"/api/v1/library/resources/{resourceId}/versions":                    "post uploadVersion",
		"/api/v1/library/resources/{resourceId}/download":                    "get download",
		"/api/v1/library/resources/{resourceId}/versions/{version}/download": "get downloadVersion",
	} {
		method, id, _ := strings.Cut(want, " ")
		op, ok := doc.Paths[path][method]
		if !ok || op.OperationID != id {
			t.Errorf("%s %s: %+v", method, path, op)
			continue
		}
		if method == "post" && op.RequestBody.Content["multipart/form-data"] == nil {
			t.Errorf("%s: no multipart body", id)
		}
		if method == "get" && (op.Responses["206"] == nil || op.Responses["416"] == nil || op.Responses["304"] == nil) {
			t.Errorf("%s: responses %v", id, op.Responses)
		}
	}
	if doc.Paths["/api/v1/library/resources/{resourceId}/versions"]["get"].OperationID != "listVersions" {
		t.Error("the huma operation on the same path was lost")
	}
}

// The web app learns the upload limit and the file picker's extensions.
func TestLibrarySettings(t *testing.T) {
	ts := newLibraryServer(t, map[string]string{"SAMSPILL_MAX_UPLOAD_BYTES": "2097152"})
	var s struct {
		MaxUploadBytes int64
		Extensions     []string
	}
	ts.as(ola).ok("GET", "/api/v1/library/settings", "", &s)
	if s.MaxUploadBytes != 2<<20 || !slices.Contains(s.Extensions, ".pdf") || !slices.Contains(s.Extensions, ".jpeg") || len(s.Extensions) != 12 {
		t.Errorf("settings %+v", s)
	}
	ts.problem(apiClient{ts: ts}.call("GET", "/api/v1/library/settings", ""), 401, "auth.required")
}

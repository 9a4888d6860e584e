package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/library"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/user"
)

// The library on MongoDB: files in GridFS (through FerretDB in CI), uploads
// and downloads through the real app, and nothing left behind by refused or
// interrupted uploads.
func TestLibraryOnMongoDB(t *testing.T) {
	db := mongotest.DB(t)
	uri := strings.TrimSuffix(mongotest.URI(t), "/") + "/" + db.Name()
	env := map[string]string{
		"MONGODB_URI":               uri,
		"SAMSPILL_JWT_SECRET":       "a-secret-of-at-least-thirty-two-bytes!!",
		"SAMSPILL_DATA_DIR":         t.TempDir(),
		"SAMSPILL_MAX_UPLOAD_BYTES": fmt.Sprint(2 << 20),
	}
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	st, err := OpenStorage(ctx, cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{now: time.Now().UTC().Truncate(time.Millisecond)}
	srv, err := build(ctx, cfg, st, c.Now, log)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, srv: srv, clock: c, logs: &bytes.Buffer{}}
	// No demo data (seeding it through FerretDB takes half a minute; the demo
	// library on MongoDB is seeded in TestServerOnMongoDB): one adviser and
	// their network.
	voss, err := srv.Services.Orgs.ByKey(ctx, "municipality:4621")
	if err != nil {
		t.Fatal(err)
	}
	u, err := srv.Services.Users.Create(ctx, user.NewUser{Email: "ola@mongo.example.no", Name: "Ola Berg", OrgID: voss.ID,
		JobField: user.JobCultureSchoolLeader, SiteRole: auth.RoleAdviser, Language: "nb", Password: "library-password-1"})
	if err != nil {
		t.Fatal(err)
	}
	const mongoNet = "bibliotek-pa-mongodb"
	if _, err := srv.Services.Networks.Create(auth.WithPrincipal(ctx, auth.Principal{UserID: u.ID, Role: auth.RoleAdviser}),
		network.NetworkInput{Name: "Bibliotek på MongoDB", Slug: mongoNet, Visibility: network.OnRequest, Counties: []string{"46"}}); err != nil {
		t.Fatal(err)
	}
	count := func(coll string) int64 {
		t.Helper()
		n, err := db.Collection(library.BlobBucket+"."+coll).CountDocuments(ctx, bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	files, parts := count("files"), count("chunks")
	asOla := apiClient{ts: ts, token: ts.login("ola@mongo.example.no", "library-password-1").AccessToken}
	big := pdfBytes(strings.Repeat("GridFS-biter ", 100_000)) // 1.3 MB: six chunks
	v := asOla.uploadOK("/api/v1/networks/"+mongoNet+"/library/files", planMeta, pdfName, big)
	if count("files") != files+1 || count("chunks") != parts+int64((len(big)+255*1024-1)/(255*1024)) {
		t.Errorf("GridFS after one upload: %d files, %d chunks", count("files"), count("chunks"))
	}
	download := "/api/v1/library/resources/" + v.ID + "/download"
	if r := asOla.get(download); r.StatusCode != 200 || !bytes.Equal(r.body, big) || !strings.HasSuffix(r.Header.Get("Content-Disposition"), pdfCD) {
		t.Errorf("download from GridFS: %d, %d bytes", r.StatusCode, len(r.body))
	}
	// A range across a chunk boundary.
	from, to := int64(255*1024-10), int64(255*1024+9)
	r := asOla.get(download, "Range", fmt.Sprintf("bytes=%d-%d", from, to))
	if r.StatusCode != 206 || !bytes.Equal(r.body, big[from:to+1]) {
		t.Errorf("range across chunks: %d %d bytes", r.StatusCode, len(r.body))
	}
	ts.problem(asOla.upload("/api/v1/library/resources/"+v.ID+"/versions", "", "igjen.pdf", big), 409, "library.same_file")
	v2 := asOla.uploadOK("/api/v1/library/resources/"+v.ID+"/versions", `{"note":"ny"}`, "ny.docx", docxBytes(t, "ny"))
	if v2.File.Version != 2 {
		t.Errorf("version %+v", v2.File)
	}
	if r := asOla.get("/api/v1/library/resources/" + v.ID + "/versions/1/download"); !bytes.Equal(r.body, big) {
		t.Error("version 1 from GridFS differs")
	}
	var list struct{ Items []struct{ ID string } }
	asOla.ok("GET", "/api/v1/networks/"+mongoNet+"/library/resources?kind=plan&sort=downloads", "", &list)
	if len(list.Items) != 1 || list.Items[0].ID != v.ID {
		t.Errorf("filtered list on MongoDB: %+v", list.Items)
	}
	files, parts = count("files"), count("chunks")

	// Refused, too large, interrupted: no file and no chunk stays.
	ts.problem(asOla.upload("/api/v1/networks/"+mongoNet+"/library/files", planMeta, "bombe.docx", zipBombDocx(t)), 422, "library.zip_bomb")
	addr := serveOn(t, ts)
	over := bytes.Repeat([]byte("%PDF-1.7\n"), (3<<20)/9)
	form, ct := uploadForm(t, planMeta, "stor.pdf", over)
	res, body := rawUpload(t, addr, "/api/v1/networks/"+mongoNet+"/library/files", asOla.token, ct, "Transfer-Encoding: chunked\r\n", chunks(bytes.NewReader(form)))
	if res.StatusCode != 413 || !strings.Contains(string(body), "library.too_large") {
		t.Errorf("over-size on GridFS: %d %s", res.StatusCode, body)
	}
	form, ct = uploadForm(t, planMeta, "halv.pdf", big)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "POST /api/v1/networks/%s/library/files HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		mongoNet, asOla.token, ct, len(form))
	conn.Write(form[:len(form)*2/3])
	time.Sleep(300 * time.Millisecond)
	conn.Close()
	deadline := time.Now().Add(15 * time.Second)
	for count("files") != files || count("chunks") != parts {
		if time.Now().After(deadline) {
			t.Fatalf("left in GridFS: %d files (%d before), %d chunks (%d before)", count("files"), files, count("chunks"), parts)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// Deleting the resource leaves its blobs to the sweeper, which removes them
	// once the grace period is over.
	asOla.ok("DELETE", "/api/v1/library/resources/"+v.ID, "", nil)
	c.Add(2 * time.Hour)
	if err := srv.Services.Library.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if count("files") != files-2 || count("chunks") >= parts {
		t.Errorf("after the sweep: %d files (%d before), %d chunks (%d before)", count("files"), files, count("chunks"), parts)
	}
}

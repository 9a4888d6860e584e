package server

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/demo"
	"github.com/samspill/samspill/internal/extract"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
)

// TestMain lets the test binary act as the text-extraction child (library
// files are searched by their text) and starts FerretDB for the MongoDB tests.
func TestMain(m *testing.M) {
	extract.ChildMain()
	mongotest.Main(m)
}

// The whole server also runs on MongoDB: storage, indexes, seeding, login and /me.
func TestServerOnMongoDB(t *testing.T) {
	db := mongotest.DB(t) // a fresh database name, dropped at the end
	uri := strings.TrimSuffix(mongotest.URI(t), "/") + "/" + db.Name()
	env := map[string]string{
		"MONGODB_URI":         uri,
		"SAMSPILL_JWT_SECRET": "a-secret-of-at-least-thirty-two-bytes!!",
		"SAMSPILL_DEMO":       "1",
		"SAMSPILL_DEMO_FORCE": "1",
		"SAMSPILL_DATA_DIR":   t.TempDir(),
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
	srv, err := build(ctx, cfg, st, time.Now, log)
	if err != nil {
		t.Fatal(err)
	}
	// Starting again on the same database adds nothing twice.
	if _, err := build(ctx, cfg, st, time.Now, log); err != nil {
		t.Fatalf("second start: %v", err)
	}
	if n, err := srv.Services.Users.Count(ctx); err != nil || n != 26 { // 6 accounts + 20 colleagues
		t.Errorf("demo users after two starts: %d, %v", n, err)
	}
	names, err := db.ListCollectionNames(ctx, map[string]any{})
	if err != nil || len(names) < 4 {
		t.Errorf("collections %v, %v", names, err)
	}

	ts := &testServer{t: t, srv: srv}
	s := ts.login(kari, demo.Password)
	r := ts.do("GET", "/api/v1/me", nil, "Authorization", "Bearer "+s.AccessToken)
	if r.StatusCode != 200 || !strings.Contains(string(r.body), `"Fyresdal"`) {
		t.Errorf("me on MongoDB: %d %s", r.StatusCode, r.body)
	}
	req := httptest.NewRequest("GET", "/readyz", nil)
	if res, err := srv.App.Test(req, -1); err != nil || res.StatusCode != 200 {
		t.Errorf("readyz: %v %v", res, err)
	}
	var p struct{ Items []struct{ Name string } }
	ts.do("GET", "/api/v1/orgs?q=guovda", nil).json(&p)
	if len(p.Items) != 1 || p.Items[0].Name != "Kautokeino" {
		t.Errorf("org search on MongoDB: %+v", p)
	}
}

// Two server replicas on one MongoDB, each with its own search index: a post
// written through one is found through the other.
func TestTwoReplicasShareOneMongoDB(t *testing.T) {
	db := mongotest.DB(t)
	uri := strings.TrimSuffix(mongotest.URI(t), "/") + "/" + db.Name()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	replica := func(demo bool) *Server {
		env := map[string]string{
			"MONGODB_URI":         uri,
			"SAMSPILL_JWT_SECRET": "a-secret-of-at-least-thirty-two-bytes!!",
			"SAMSPILL_DATA_DIR":   t.TempDir(),
		}
		if demo {
			env["SAMSPILL_DEMO"], env["SAMSPILL_DEMO_FORCE"] = "1", "1"
		}
		cfg, err := config.FromEnv(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		srv, err := New(ctx, cfg, log)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { srv.Close() })
		return srv
	}
	a, b := replica(true), replica(false)
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	go b.Services.SearchIndexer.Run(runCtx)

	writer := (&testServer{t: t, srv: a}).as(ola)
	reader := (&testServer{t: t, srv: b}).as(ola)
	var cats []struct{ ID string }
	writer.ok("GET", "/api/v1/networks/kulturskoleledere-i-vestland/forum/categories", "", &cats)
	var th struct{ ID string }
	writer.ok("POST", "/api/v1/networks/kulturskoleledere-i-vestland/forum/threads",
		`{"categoryId":"`+cats[0].ID+`","kind":"discussion","title":"Replikatest","body":"Søkeordet er xylofonorkester."}`, &th)
	written := time.Now()
	deadline := written.Add(30 * time.Second)
	for {
		if p := reader.search("xylofonorkester"); p.Total == 1 {
			t.Logf("found through the other replica %s after writing", time.Since(written).Round(time.Millisecond))
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the post never became findable through the other replica")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

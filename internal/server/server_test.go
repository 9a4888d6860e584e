package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/demo"
)

// clock is a settable time source shared by the services under test.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type testServer struct {
	t     *testing.T
	srv   *Server
	clock *clock
	logs  *bytes.Buffer
}

// newTestServer runs the real app on a fresh embedded database with demo data.
func newTestServer(t *testing.T) *testServer {
	t.Helper()
	cfg, err := config.FromEnv(func(k string) string {
		return map[string]string{"SAMSPILL_DATA_DIR": t.TempDir(), "SAMSPILL_DEMO": "1"}[k]
	})
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

type response struct {
	*http.Response
	body []byte
}

func (r response) json(v any) {
	if err := json.Unmarshal(r.body, v); err != nil {
		panic(err)
	}
}

type problem struct {
	Status     int    `json:"status"`
	Code       string `json:"code"`
	Detail     string `json:"detail"`
	RequestID  string `json:"requestId"`
	RetryAfter int    `json:"retryAfter"`
	Errors     []struct {
		Field, Code, Message string
	} `json:"errors"`
}

func (ts *testServer) do(method, path string, body io.Reader, header ...string) response {
	ts.t.Helper()
	req := httptest.NewRequest(method, path, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := ts.srv.App.Test(req, -1)
	if err != nil {
		ts.t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return response{res, b}
}

func (ts *testServer) problem(r response, status int, code string) problem {
	ts.t.Helper()
	if r.StatusCode != status {
		ts.t.Fatalf("status %d, want %d: %s", r.StatusCode, status, r.body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		ts.t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	var p problem
	r.json(&p)
	if p.Code != code || p.Status != status {
		ts.t.Errorf("problem %+v, want code %s", p, code)
	}
	if p.RequestID == "" || p.RequestID != r.Header.Get("X-Request-Id") {
		ts.t.Errorf("request id %q vs header %q", p.RequestID, r.Header.Get("X-Request-Id"))
	}
	return p
}

const kari = "kari.nordmann@demo.samspill.no"

func loginBody(email, password string) io.Reader {
	b, _ := json.Marshal(map[string]string{"email": email, "password": password})
	return bytes.NewReader(b)
}

type session struct {
	AccessToken string    `json:"accessToken"`
	ExpiresAt   time.Time `json:"expiresAt"`
	User        struct {
		ID, Email, Name, SiteRole, Language, OrgID string
	} `json:"user"`
	cookie *http.Cookie
}

func (ts *testServer) login(email, password string) session {
	ts.t.Helper()
	r := ts.do("POST", "/api/v1/auth/login", loginBody(email, password))
	if r.StatusCode != 200 {
		ts.t.Fatalf("login: %d %s", r.StatusCode, r.body)
	}
	var s session
	r.json(&s)
	s.cookie = refreshCookie(ts.t, r)
	return s
}

func refreshCookie(t *testing.T, r response) *http.Cookie {
	t.Helper()
	for _, c := range r.Cookies() {
		if c.Name == "samspill_refresh" {
			return c
		}
	}
	t.Fatalf("no refresh cookie in %v", r.Header.Values("Set-Cookie"))
	return nil
}

func TestLoginAndMe(t *testing.T) {
	ts := newTestServer(t)
	s := ts.login(kari, demo.Password)
	if s.User.Email != kari || s.User.SiteRole != "member" || s.AccessToken == "" {
		t.Errorf("session %+v", s)
	}
	c := s.cookie
	if !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteStrictMode || c.Path != "/api/v1/auth" || c.MaxAge < 29*24*3600 {
		t.Errorf("cookie attributes: %+v", c)
	}

	r := ts.do("GET", "/api/v1/me", nil, "Authorization", "Bearer "+s.AccessToken)
	if r.StatusCode != 200 {
		t.Fatalf("me: %d %s", r.StatusCode, r.body)
	}
	var me struct {
		Name, Email, JobField, SiteRole, Language string
		Org                                       struct{ Name, Kind, CountyName string }
	}
	r.json(&me)
	if me.Name != "Kari Nordmann" || me.Org.Name != "Fyresdal" || me.Org.Kind != "municipality" || me.Org.CountyName != "Telemark" || me.JobField != "culture_head" {
		t.Errorf("me = %+v", me)
	}

	ts.problem(ts.do("GET", "/api/v1/me", nil), 401, "auth.required")
	tampered := s.AccessToken[:len(s.AccessToken)-3] + "abc"
	r = ts.do("GET", "/api/v1/me", nil, "Authorization", "Bearer "+tampered)
	ts.problem(r, 401, "auth.token_invalid")
	if r.Header.Get("WWW-Authenticate") == "" {
		t.Error("no WWW-Authenticate on a refused token")
	}
	ts.problem(ts.do("GET", "/api/v1/me", nil, "Authorization", "Basic a2FyaTpwdw=="), 401, "auth.token_invalid")
	// A bad token is refused even on routes anyone may read, so the client refreshes.
	ts.problem(ts.do("GET", "/api/v1/orgs", nil, "Authorization", "Bearer "+tampered), 401, "auth.token_invalid")

	ts.clock.Add(11 * time.Minute)
	ts.problem(ts.do("GET", "/api/v1/me", nil, "Authorization", "Bearer "+s.AccessToken), 401, "auth.token_expired")
}

func TestUpdateMe(t *testing.T) {
	ts := newTestServer(t)
	s := ts.login(kari, demo.Password)
	auth := []string{"Authorization", "Bearer " + s.AccessToken}
	r := ts.do("PATCH", "/api/v1/me", strings.NewReader(`{"language":"nn","jobTitle":"Kultursjef og bibliotekleiar"}`), auth...)
	if r.StatusCode != 200 {
		t.Fatalf("%d %s", r.StatusCode, r.body)
	}
	var me struct{ Language, JobTitle string }
	r.json(&me)
	if me.Language != "nn" || me.JobTitle != "Kultursjef og bibliotekleiar" {
		t.Errorf("%+v", me)
	}
	p := ts.problem(ts.do("PATCH", "/api/v1/me", strings.NewReader(`{"language":"sv","siteRole":"admin"}`), auth...), 422, "validation.failed")
	fields := map[string]string{}
	for _, e := range p.Errors {
		fields[e.Field] = e.Code
	}
	if fields["language"] != "invalid" || fields["siteRole"] != "not_allowed" {
		t.Errorf("fields %v", fields)
	}
	r = ts.do("GET", "/api/v1/me", nil, auth...)
	var after struct{ Language, SiteRole string }
	r.json(&after)
	if after.Language != "nn" || after.SiteRole != "member" {
		t.Errorf("a refused update changed the profile: %+v", after)
	}
	ts.problem(ts.do("PATCH", "/api/v1/me", strings.NewReader(`{"language":"nn"}`)), 401, "auth.required")
}

func TestRefreshRotationOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	s := ts.login(kari, demo.Password)
	refresh := func(c *http.Cookie) response {
		return ts.do("POST", "/api/v1/auth/refresh", nil, "Cookie", c.Name+"="+c.Value)
	}
	r := refresh(s.cookie)
	if r.StatusCode != 200 {
		t.Fatalf("refresh: %d %s", r.StatusCode, r.body)
	}
	second := refreshCookie(t, r)
	if second.Value == s.cookie.Value {
		t.Fatal("the refresh token was not rotated")
	}
	var body session
	r.json(&body)
	if ts.do("GET", "/api/v1/me", nil, "Authorization", "Bearer "+body.AccessToken).StatusCode != 200 {
		t.Error("the refreshed access token does not work")
	}
	// Presenting the rotated token after the grace period ends the session.
	ts.clock.Add(time.Minute)
	ts.problem(refresh(s.cookie), 401, "auth.refresh_invalid")
	ts.problem(refresh(second), 401, "auth.refresh_invalid")
	if !strings.Contains(ts.logs.String(), "refresh token reused") {
		t.Error("reuse was not logged")
	}
	ts.problem(ts.do("POST", "/api/v1/auth/refresh", nil), 401, "auth.refresh_invalid")
}

func TestLogout(t *testing.T) {
	ts := newTestServer(t)
	s := ts.login(kari, demo.Password)
	r := ts.do("POST", "/api/v1/auth/logout", nil, "Cookie", s.cookie.Name+"="+s.cookie.Value)
	if r.StatusCode != 204 {
		t.Fatalf("logout: %d %s", r.StatusCode, r.body)
	}
	if c := refreshCookie(t, r); c.Value != "" || c.MaxAge >= 0 {
		t.Errorf("cookie not cleared: %+v", c)
	}
	ts.problem(ts.do("POST", "/api/v1/auth/refresh", nil, "Cookie", s.cookie.Name+"="+s.cookie.Value), 401, "auth.refresh_invalid")
	if r := ts.do("POST", "/api/v1/auth/logout", nil); r.StatusCode != 204 {
		t.Errorf("logout without a cookie: %d", r.StatusCode)
	}
}

func TestLoginLockoutOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	for _, email := range []string{kari, "nobody@example.no"} {
		for i := 1; i <= 5; i++ {
			ts.problem(ts.do("POST", "/api/v1/auth/login", loginBody(email, "wrong-password-1")), 401, "auth.invalid_credentials")
		}
		r := ts.do("POST", "/api/v1/auth/login", loginBody(email, demo.Password))
		p := ts.problem(r, 429, "auth.too_many_attempts")
		if r.Header.Get("Retry-After") != "900" || p.RetryAfter != 900 {
			t.Errorf("%s: Retry-After %q, retryAfter %d", email, r.Header.Get("Retry-After"), p.RetryAfter)
		}
	}
	ts.clock.Add(10 * time.Minute)
	r := ts.do("POST", "/api/v1/auth/login", loginBody(kari, demo.Password))
	if ra, _ := strconv.Atoi(r.Header.Get("Retry-After")); r.StatusCode != 429 || ra != 300 {
		t.Errorf("after 10 minutes: %d, Retry-After %q", r.StatusCode, r.Header.Get("Retry-After"))
	}
	ts.clock.Add(5 * time.Minute)
	ts.login(kari, demo.Password)
}

func TestBadInputIsRefusedAndWritesNothing(t *testing.T) {
	ts := newTestServer(t)
	db := ts.srv.Storage.SQLite
	count := func(table string) int {
		var n int
		if err := db.Read.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	users := count("users")
	cases := []struct {
		name   string
		body   io.Reader
		ctype  string
		status int
		code   string
		fields map[string]string
	}{
		{"malformed JSON", strings.NewReader(`{"email":`), "application/json", 400, "request.malformed", nil},
		{"missing fields", strings.NewReader(`{}`), "application/json", 422, "validation.failed",
			map[string]string{"email": "required", "password": "required"}},
		{"operator object", strings.NewReader(`{"email":{"$ne":""},"password":{"$gt":""}}`), "application/json", 422, "validation.failed",
			map[string]string{"email": "invalid", "password": "invalid"}},
		{"unknown field", strings.NewReader(`{"email":"kari.nordmann@demo.samspill.no","password":"x","$where":"1"}`), "application/json", 422, "validation.failed",
			map[string]string{"$where": "not_allowed"}},
		{"not an email", strings.NewReader(`{"email":"kari","password":"x"}`), "application/json", 422, "validation.failed",
			map[string]string{"email": "invalid"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/api/v1/auth/login", c.body)
			req.Header.Set("Content-Type", c.ctype)
			res, err := ts.srv.App.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			p := ts.problem(response{res, b}, c.status, c.code)
			got := map[string]string{}
			for _, e := range p.Errors {
				got[e.Field] = e.Code
			}
			for f, code := range c.fields {
				if got[f] != code {
					t.Errorf("field %s: %q, want %q (all %v)", f, got[f], code, got)
				}
			}
		})
	}
	ts.problem(ts.do("GET", "/api/v1/no/such/route", nil), 404, "route.not_found")
	ts.problem(ts.do("DELETE", "/api/v1/me", nil), 404, "route.not_found")

	// fasthttp refuses a body over the limit while reading it, before any handler
	// runs, so this one goes through a real listener.
	t.Run("10 MB body", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go ts.srv.App.Listener(ln)
		t.Cleanup(func() { _ = ts.srv.App.Shutdown() })
		// Announce 10 MB and send the first of it: the server answers from the
		// Content-Length and closes, so a client still writing would see a reset.
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST /api/v1/auth/login HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", 10<<20)
		_, _ = conn.Write(bytes.Repeat([]byte("a"), 64<<10))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		ts.problem(response{res, b}, 413, "request.too_large")
	})
	if n := count("users"); n != users {
		t.Errorf("users %d → %d", users, n)
	}
	if n := count("login_attempts"); n != 0 {
		t.Errorf("refused requests were counted as login attempts: %d", n)
	}
	if n := count("refresh_tokens"); n != 0 {
		t.Errorf("refused requests made sessions: %d", n)
	}
	if strings.Contains(ts.logs.String(), `"level":"ERROR"`) {
		t.Errorf("bad input was logged as a server error:\n%s", ts.logs.String())
	}
}

func TestOrgsOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	type page struct {
		Items []struct {
			ID, Name, Kind, Number string
			OtherNames             []string
		}
		NextCursor string
	}
	var p page
	ts.do("GET", "/api/v1/orgs?q=guovdageaidnu", nil).json(&p)
	if len(p.Items) != 1 || p.Items[0].Name != "Kautokeino" || p.Items[0].Number != "5612" || p.NextCursor != "" {
		t.Errorf("guovdageaidnu: %+v", p)
	}
	ts.do("GET", "/api/v1/orgs?q=kautok", nil).json(&p)
	if len(p.Items) != 1 || p.Items[0].Name != "Kautokeino" {
		t.Errorf("kautok: %+v", p)
	}
	total, pages, cursor := 0, 0, ""
	for {
		var pg page
		r := ts.do("GET", "/api/v1/orgs?kind=municipality&limit=100&cursor="+cursor, nil)
		if r.StatusCode != 200 {
			t.Fatalf("%d %s", r.StatusCode, r.body)
		}
		r.json(&pg)
		total += len(pg.Items)
		pages++
		if pg.NextCursor == "" {
			break
		}
		cursor = pg.NextCursor
	}
	if total != 357 || pages != 4 {
		t.Errorf("%d municipalities in %d pages", total, pages)
	}
	var county page
	ts.do("GET", "/api/v1/orgs?kind=county&limit=100", nil).json(&county)
	if len(county.Items) != 15 {
		t.Errorf("%d counties", len(county.Items))
	}
	var one struct{ Name string }
	ts.do("GET", "/api/v1/orgs/"+county.Items[0].ID, nil).json(&one)
	if one.Name != county.Items[0].Name {
		t.Errorf("get by id: %q", one.Name)
	}
	ts.problem(ts.do("GET", "/api/v1/orgs/0123456789abcdef01234567", nil), 404, "org.not_found")
	ts.problem(ts.do("GET", "/api/v1/orgs?limit=101", nil), 422, "validation.failed")
	ts.problem(ts.do("GET", "/api/v1/orgs?kind=village", nil), 422, "validation.failed")
	ts.problem(ts.do("GET", "/api/v1/orgs?cursor=bogus", nil), 422, "validation.failed")
	ts.problem(ts.do("GET", "/api/v1/orgs?county=4", nil), 422, "validation.failed")
}

func TestProbesDocsAndWebApp(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		if r := ts.do("GET", path, nil); r.StatusCode != 200 {
			t.Errorf("%s: %d", path, r.StatusCode)
		}
	}
	r := ts.do("GET", "/api/v1/openapi.json", nil)
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	r.json(&doc)
	if r.StatusCode != 200 || doc.OpenAPI != "3.1.0" || doc.Paths["/api/v1/auth/login"] == nil {
		t.Errorf("openapi: %d %s", r.StatusCode, doc.OpenAPI)
	}

	// Deep links get the web app; API paths never do.
	for _, path := range []string{"/", "/min-side", "/nettverk/kulturskoleledere-i-vestland"} {
		r := ts.do("GET", path, nil)
		if r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || r.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: %d %s %s", path, r.StatusCode, r.Header.Get("Content-Type"), r.Header.Get("Cache-Control"))
		}
		if !strings.Contains(r.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") || r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: security headers missing", path)
		}
	}
	ts.problem(ts.do("GET", "/api/v1/", nil), 404, "route.not_found")
	ts.problem(ts.do("GET", "/assets/gone-abc123.js", nil), 404, "route.not_found")
}

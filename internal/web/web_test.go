package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/web"
)

// logBuffer collects JSON log lines; the app writes to it from request goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("log line is not JSON: %q: %v", line, err)
		}
		out = append(out, r)
	}
	return out
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// errorsFor returns the ERROR records of the request with id.
func (b *logBuffer) errorsFor(t *testing.T, id string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, r := range b.records(t) {
		if r["level"] == "ERROR" && r["request_id"] == id {
			out = append(out, r)
		}
	}
	return out
}

type kindInput struct {
	Kind string `path:"kind"`
}

type okOutput struct {
	Body struct {
		OK bool `json:"ok"`
	}
}

type personInput struct {
	Body struct {
		Email string `json:"email" maxLength:"40"`
		Name  string `json:"name" minLength:"2" maxLength:"5"`
		Age   int    `json:"age,omitempty" minimum:"0" maximum:"150"`
	}
}

type personOutput struct {
	Body struct {
		Email string `json:"email"`
		Name  string `json:"name"`
	}
}

type noteInput struct {
	Body struct {
		Text string `json:"text"`
	}
}

const (
	secretText = "SELECT password FROM users -- secret"
	panicText  = "nil map in secret place"
)

// errorOf is the error each /api/v1/kinds/{kind} operation returns.
func errorOf(kind string) error {
	switch kind {
	case "malformed":
		return apperr.Malformed("test.malformed", "cannot read")
	case "invalid":
		return apperr.Invalid("test.invalid", "fields are wrong",
			apperr.FieldError{Field: "title", Code: apperr.FieldTooLong, Message: "too long"},
			apperr.FieldError{Field: "body", Code: apperr.FieldRequired, Message: "required"})
	case "unauthenticated":
		return apperr.Unauthenticated("test.unauthenticated", "log in")
	case "forbidden":
		return apperr.Forbidden("test.forbidden", "not yours")
	case "not_found":
		return apperr.NotFound("test.not_found", "no such thing")
	case "conflict":
		return apperr.Conflict("test.conflict", "already there")
	case "too_large":
		return apperr.TooLarge("test.too_large", "too big")
	case "too_many":
		return apperr.TooManyRequests("test.too_many", "slow down", 1500*time.Millisecond)
	case "unavailable":
		return apperr.Unavailable("test.unavailable", "database is starting")
	case "wrapped":
		return errors.Join(errors.New("while listing"), apperr.NotFound("test.wrapped", "wrapped not found"))
	case "unknown_kind":
		return &apperr.Error{Kind: errors.New("mystery"), Code: "test.mystery", Message: secretText}
	case "internal":
		return errors.New("query failed: " + secretText)
	}
	return nil
}

// newApp builds the app under test with a few operations and plain routes.
func newApp(t *testing.T, opts web.Options) (*fiber.App, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	opts.Logger = slog.New(web.LogHandler(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if opts.BodyLimit == 0 {
		opts.BodyLimit = 1 << 20
	}
	app, api := web.NewApp(opts)

	huma.Register(api, huma.Operation{OperationID: "fail", Method: http.MethodGet, Path: web.APIPrefix + "/kinds/{kind}"},
		func(ctx context.Context, in *kindInput) (*okOutput, error) {
			if err := errorOf(in.Kind); err != nil {
				return nil, err
			}
			out := &okOutput{}
			out.Body.OK = true
			return out, nil
		})
	huma.Register(api, huma.Operation{OperationID: "create-person", Method: http.MethodPost, Path: web.APIPrefix + "/people"},
		func(ctx context.Context, in *personInput) (*personOutput, error) {
			out := &personOutput{}
			out.Body.Email, out.Body.Name = in.Body.Email, in.Body.Name
			return out, nil
		})
	huma.Register(api, huma.Operation{OperationID: "create-note", Method: http.MethodPost, Path: web.APIPrefix + "/notes", MaxBodyBytes: 64},
		func(ctx context.Context, in *noteInput) (*okOutput, error) {
			return &okOutput{}, nil
		})
	huma.Register(api, huma.Operation{OperationID: "panic", Method: http.MethodGet, Path: web.APIPrefix + "/panic"},
		func(ctx context.Context, in *struct{}) (*okOutput, error) {
			var m map[string]int
			m[panicText] = 1 // panics: assignment to entry in nil map
			return nil, nil
		})
	huma.Register(api, huma.Operation{OperationID: "whoami", Method: http.MethodGet, Path: web.APIPrefix + "/whoami"},
		func(ctx context.Context, in *struct{}) (*struct {
			Body struct {
				RequestID string `json:"requestId"`
				ClientIP  string `json:"clientIp"`
			}
		}, error) {
			out := &struct {
				Body struct {
					RequestID string `json:"requestId"`
					ClientIP  string `json:"clientIp"`
				}
			}{}
			out.Body.RequestID, out.Body.ClientIP = web.RequestID(ctx), web.ClientIP(ctx)
			return out, nil
		})

	// Plain Fiber routes, as file streaming uses.
	app.Get("/plain", func(c *fiber.Ctx) error {
		opts.Logger.InfoContext(c.UserContext(), "plain handler ran")
		return c.SendString("hello")
	})
	app.Get("/plain-panic", func(c *fiber.Ctx) error { panic(panicText) })
	app.Get("/files/:name", func(c *fiber.Ctx) error {
		return web.Fail(c, opts.Logger, apperr.NotFound("file.not_found", "no such file"))
	})
	app.Get("/files-broken/:name", func(c *fiber.Ctx) error {
		return web.Fail(c, opts.Logger, errors.New("disk: "+secretText))
	})
	return app, logs
}

type response struct {
	*http.Response
	body []byte
}

func do(t *testing.T, app *fiber.App, req *http.Request) response {
	t.Helper()
	res, err := app.Test(req, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return response{res, body}
}

func get(t *testing.T, app *fiber.App, path string) response {
	t.Helper()
	return do(t, app, httptest.NewRequest(http.MethodGet, path, nil))
}

func jsonRequest(path, body string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

func postJSON(t *testing.T, app *fiber.App, path, body string) response {
	t.Helper()
	return do(t, app, jsonRequest(path, body))
}

// problem checks that r is a problem document with status and code and returns it.
func problem(t *testing.T, r response, status int, code string) web.Problem {
	t.Helper()
	if r.StatusCode != status {
		t.Errorf("status = %d, want %d; body %s", r.StatusCode, status, r.body)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p web.Problem
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatalf("body is not a problem: %v: %s", err, r.body)
	}
	if p.Code != code {
		t.Errorf("code = %q, want %q; body %s", p.Code, code, r.body)
	}
	if p.Status != status {
		t.Errorf("status member = %d, want %d", p.Status, status)
	}
	if p.Title != http.StatusText(status) {
		t.Errorf("title = %q, want %q", p.Title, http.StatusText(status))
	}
	if p.Type != "about:blank" {
		t.Errorf("type = %q, want about:blank", p.Type)
	}
	if id := r.Header.Get(web.HeaderRequestID); id == "" || p.RequestID != id {
		t.Errorf("requestId = %q, X-Request-Id = %q: want equal and set", p.RequestID, id)
	}
	return p
}

type fieldCode struct{ field, code string }

func fieldCodes(p web.Problem) []fieldCode {
	out := make([]fieldCode, len(p.Errors))
	for i, f := range p.Errors {
		out[i] = fieldCode{f.Field, f.Code}
	}
	slices.SortFunc(out, func(a, b fieldCode) int { return strings.Compare(a.field+a.code, b.field+b.code) })
	return out
}

func TestErrorKinds(t *testing.T) {
	t.Parallel()
	app, logs := newApp(t, web.Options{})
	tests := []struct {
		kind   string
		status int
		code   string
		detail string
		logged bool // as an error
	}{
		{"malformed", 400, "test.malformed", "cannot read", false},
		{"invalid", 422, "test.invalid", "fields are wrong", false},
		{"unauthenticated", 401, "test.unauthenticated", "log in", false},
		{"forbidden", 403, "test.forbidden", "not yours", false},
		{"not_found", 404, "test.not_found", "no such thing", false},
		{"conflict", 409, "test.conflict", "already there", false},
		{"too_large", 413, "test.too_large", "too big", false},
		{"too_many", 429, "test.too_many", "slow down", false},
		{"unavailable", 503, "test.unavailable", "database is starting", true},
		{"wrapped", 404, "test.wrapped", "wrapped not found", false},
		{"unknown_kind", 500, "internal", "", true},
		{"internal", 500, "internal", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			t.Parallel()
			r := get(t, app, web.APIPrefix+"/kinds/"+tt.kind)
			p := problem(t, r, tt.status, tt.code)
			if tt.detail != "" && p.Detail != tt.detail {
				t.Errorf("detail = %q, want %q", p.Detail, tt.detail)
			}
			if p.Instance != web.APIPrefix+"/kinds/"+tt.kind {
				t.Errorf("instance = %q", p.Instance)
			}
			if strings.Contains(string(r.body), "secret") || strings.Contains(string(r.body), "SELECT") {
				t.Errorf("internal text leaked: %s", r.body)
			}
			if got := r.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			errs := logs.errorsFor(t, p.RequestID)
			switch {
			case tt.logged && len(errs) != 1:
				t.Errorf("logged %d errors for request %s, want exactly 1; log:\n%s", len(errs), p.RequestID, logs)
			case !tt.logged && len(errs) != 0:
				t.Errorf("a %d was logged as an error: %v", tt.status, errs)
			}
			if tt.kind == "internal" && len(errs) == 1 {
				if msg, _ := errs[0]["error"].(string); !strings.Contains(msg, secretText) {
					t.Errorf("the log does not hold the cause: %v", errs[0])
				}
			}
		})
	}
}

func TestInvalidFieldsAreListed(t *testing.T) {
	t.Parallel()
	app, _ := newApp(t, web.Options{})
	r := get(t, app, web.APIPrefix+"/kinds/invalid")
	p := problem(t, r, 422, "test.invalid")
	want := []fieldCode{{"body", "required"}, {"title", "too_long"}}
	if got := fieldCodes(p); !slices.Equal(got, want) {
		t.Errorf("errors = %v, want %v", got, want)
	}
}

func TestTooManyRequestsSaysWhenToRetry(t *testing.T) {
	t.Parallel()
	app, _ := newApp(t, web.Options{})
	r := get(t, app, web.APIPrefix+"/kinds/too_many")
	p := problem(t, r, 429, "test.too_many")
	if got := r.Header.Get("Retry-After"); got != "2" { // 1.5 s rounded up
		t.Errorf("Retry-After = %q, want 2", got)
	}
	if p.RetryAfter != 2 {
		t.Errorf("retryAfter = %d, want 2", p.RetryAfter)
	}
	// Other problems carry neither.
	r = get(t, app, web.APIPrefix+"/kinds/conflict")
	if got := r.Header.Get("Retry-After"); got != "" {
		t.Errorf("Retry-After = %q on a 409", got)
	}
	if strings.Contains(string(r.body), "retryAfter") {
		t.Errorf("retryAfter in a 409: %s", r.body)
	}
}

func TestBodyValidation(t *testing.T) {
	t.Parallel()
	app, logs := newApp(t, web.Options{})
	tests := []struct {
		name   string
		body   string
		status int
		code   string
		fields []fieldCode
	}{
		{"empty object", `{}`, 422, "validation.failed",
			[]fieldCode{{"email", "required"}, {"name", "required"}}},
		{"one missing", `{"email":"kari@example.org"}`, 422, "validation.failed",
			[]fieldCode{{"name", "required"}}},
		{"too long", `{"email":"kari@example.org","name":"Kari Nordmann"}`, 422, "validation.failed",
			[]fieldCode{{"name", "too_long"}}},
		{"too short", `{"email":"kari@example.org","name":"K"}`, 422, "validation.failed",
			[]fieldCode{{"name", "too_short"}}},
		{"out of range", `{"email":"kari@example.org","name":"Kari","age":200}`, 422, "validation.failed",
			[]fieldCode{{"age", "invalid"}}},
		{"unknown property", `{"email":"kari@example.org","name":"Kari","isAdmin":true}`, 422, "validation.failed",
			[]fieldCode{{"isAdmin", "not_allowed"}}},
		{"operator injection", `{"email":{"$ne":""},"name":"Kari"}`, 422, "validation.failed",
			[]fieldCode{{"email", "invalid"}}},
		{"wrong type", `{"email":"kari@example.org","name":42}`, 422, "validation.failed",
			[]fieldCode{{"name", "invalid"}}},
		{"several at once", `{"name":"Kari Nordmann","x":1}`, 422, "validation.failed",
			[]fieldCode{{"email", "required"}, {"name", "too_long"}, {"x", "not_allowed"}}},
		{"malformed JSON", `{"email":`, 400, "request.malformed", nil},
		{"not JSON at all", `email=kari`, 400, "request.malformed", nil},
		{"array instead of object", `[1,2]`, 422, "validation.failed", []fieldCode{{"body", "invalid"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := postJSON(t, app, web.APIPrefix+"/people", tt.body)
			p := problem(t, r, tt.status, tt.code)
			if got := fieldCodes(p); !slices.Equal(got, tt.fields) {
				t.Errorf("errors = %v, want %v; body %s", got, tt.fields, r.body)
			}
			if errs := logs.errorsFor(t, p.RequestID); len(errs) != 0 {
				t.Errorf("a %d was logged as an error: %v", tt.status, errs)
			}
		})
	}

	t.Run("valid", func(t *testing.T) {
		t.Parallel()
		r := postJSON(t, app, web.APIPrefix+"/people", `{"email":"kari@example.org","name":"Kari"}`)
		if r.StatusCode != 200 {
			t.Fatalf("status = %d; body %s", r.StatusCode, r.body)
		}
		var out struct{ Email, Name string }
		if err := json.Unmarshal(r.body, &out); err != nil || out.Email != "kari@example.org" || out.Name != "Kari" {
			t.Errorf("body = %s (%v)", r.body, err)
		}
	})
}

func TestUnsupportedMediaType(t *testing.T) {
	t.Parallel()
	app, _ := newApp(t, web.Options{})
	req := httptest.NewRequest(http.MethodPost, web.APIPrefix+"/people", strings.NewReader(`<person/>`))
	req.Header.Set("Content-Type", "application/xml")
	r := do(t, app, req)
	problem(t, r, 400, "request.unsupported_media_type")
}

func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	app, _ := newApp(t, web.Options{BodyLimit: 1 << 20})

	t.Run("over the app's limit", func(t *testing.T) {
		t.Parallel()
		// fasthttp refuses the body before any handler runs, and app.Test reports
		// that as an error instead of the response, so this one goes over a real
		// connection: a Content-Length over the limit is answered at once.
		big, bigLogs := newApp(t, web.Options{BodyLimit: 1 << 20})
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		served := make(chan error, 1)
		go func() { served <- big.Listener(ln) }()
		t.Cleanup(func() {
			if err := big.Shutdown(); err != nil {
				t.Errorf("shutdown: %v", err)
			}
			if err := <-served; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_, err = fmt.Fprintf(conn, "POST %s/people HTTP/1.1\r\nHost: samspill.test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{", web.APIPrefix, 1<<20+1)
		if err != nil {
			t.Fatal(err)
		}
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("read response: %v", err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		problem(t, response{res, body}, 413, "request.too_large")
		for _, rec := range bigLogs.records(t) {
			if rec["level"] == "ERROR" {
				t.Errorf("a 413 was logged as an error: %v", rec)
			}
		}
	})
	t.Run("over an operation's limit", func(t *testing.T) {
		t.Parallel()
		r := postJSON(t, app, web.APIPrefix+"/notes", `{"text":"`+strings.Repeat("x", 100)+`"}`)
		problem(t, r, 413, "request.too_large")
	})
	t.Run("under the limits", func(t *testing.T) {
		t.Parallel()
		r := postJSON(t, app, web.APIPrefix+"/notes", `{"text":"short"}`)
		if r.StatusCode != 200 {
			t.Errorf("status = %d; body %s", r.StatusCode, r.body)
		}
	})
}

func TestUnknownRoute(t *testing.T) {
	t.Parallel()
	app, logs := newApp(t, web.Options{})
	for _, path := range []string{web.APIPrefix + "/nothing-here", "/nothing-here"} {
		r := get(t, app, path)
		p := problem(t, r, 404, "route.not_found")
		if p.Instance != path {
			t.Errorf("instance = %q, want %q", p.Instance, path)
		}
		if errs := logs.errorsFor(t, p.RequestID); len(errs) != 0 {
			t.Errorf("a 404 was logged as an error: %v", errs)
		}
	}
	// A known path with a method it does not have.
	req := httptest.NewRequest(http.MethodDelete, web.APIPrefix+"/people", nil)
	problem(t, do(t, app, req), 404, "route.not_found")
}

func TestPanic(t *testing.T) {
	t.Parallel()
	app, logs := newApp(t, web.Options{})
	for _, path := range []string{web.APIPrefix + "/panic", "/plain-panic"} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			r := get(t, app, path)
			p := problem(t, r, 500, "internal")
			if strings.Contains(string(r.body), "secret") || strings.Contains(string(r.body), "nil map") ||
				strings.Contains(string(r.body), "goroutine") || strings.Contains(string(r.body), ".go:") {
				t.Errorf("internal text leaked: %s", r.body)
			}
			var panics int
			for _, rec := range logs.errorsFor(t, p.RequestID) {
				if rec["msg"] == "panic" {
					panics++
					if v, _ := rec["panic"].(string); !strings.Contains(v, panicText) && !strings.Contains(v, "nil map") {
						t.Errorf("the panic value is not logged: %v", rec)
					}
					if v, _ := rec["stack"].(string); v == "" {
						t.Errorf("the stack is not logged: %v", rec)
					}
				}
			}
			if panics != 1 {
				t.Errorf("logged the panic %d times with request id %s, want 1; log:\n%s", panics, p.RequestID, logs)
			}
			// The access log has the status that was sent.
			var access []any
			for _, rec := range logs.records(t) {
				if rec["msg"] == "request" && rec["request_id"] == p.RequestID {
					access = append(access, rec["status"])
				}
			}
			if len(access) != 1 || access[0] != float64(500) {
				t.Errorf("access log statuses = %v, want [500]", access)
			}
		})
	}
	// The app keeps serving after a panic.
	if r := get(t, app, web.APIPrefix+"/kinds/none"); r.StatusCode != 200 {
		t.Errorf("after a panic: status %d", r.StatusCode)
	}
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	app, _ := newApp(t, web.Options{})
	isHex24 := func(s string) bool {
		if len(s) != 24 {
			return false
		}
		for _, r := range s {
			if !strings.ContainsRune("0123456789abcdef", r) {
				return false
			}
		}
		return true
	}
	tests := []struct {
		name     string
		incoming string
		echoed   bool
	}{
		{"none", "", false},
		{"sane", "lb-2f9c.a_17", true},
		{"sane at 64", strings.Repeat("a", 64), true},
		{"with a space", "a b", false},
		{"with a space but long enough", "abcd efgh", false},
		{"too short", "abc", false},
		{"too long", strings.Repeat("a", 200), false},
		{"65 characters", strings.Repeat("a", 65), false},
		{"injection", "abc\"><script>", false},
		{"non-ASCII", "søknad-12345", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, path := range []string{web.APIPrefix + "/whoami", web.APIPrefix + "/kinds/not_found", "/plain", "/nowhere"} {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				if tt.incoming != "" {
					req.Header.Set(web.HeaderRequestID, tt.incoming)
				}
				r := do(t, app, req)
				id := r.Header.Get(web.HeaderRequestID)
				if tt.echoed && id != tt.incoming {
					t.Errorf("%s: X-Request-Id = %q, want the incoming %q", path, id, tt.incoming)
				}
				if !tt.echoed && !isHex24(id) {
					t.Errorf("%s: X-Request-Id = %q, want a new 24-hex id", path, id)
				}
				if path == web.APIPrefix+"/whoami" {
					var out struct{ RequestID string }
					if err := json.Unmarshal(r.body, &out); err != nil || out.RequestID != id {
						t.Errorf("RequestID(ctx) = %q, header %q (%v)", out.RequestID, id, err)
					}
				}
			}
		})
	}

	// Two requests without an id get different ones.
	a := get(t, app, "/plain").Header.Get(web.HeaderRequestID)
	b := get(t, app, "/plain").Header.Get(web.HeaderRequestID)
	if a == b {
		t.Errorf("two requests got the same id %q", a)
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	for _, https := range []bool{false, true} {
		app, _ := newApp(t, web.Options{HTTPS: https})
		for _, path := range []string{"/plain", web.APIPrefix + "/kinds/none", web.APIPrefix + "/kinds/conflict", "/nowhere", web.APIPrefix + "/panic"} {
			r := get(t, app, path)
			h := r.Header
			csp := h.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("https=%v %s: CSP %q lacks %q", https, path, csp, want)
				}
			}
			for name, want := range map[string]string{
				"X-Content-Type-Options": "nosniff",
				"X-Frame-Options":        "DENY",
				"Referrer-Policy":        "strict-origin-when-cross-origin",
			} {
				if got := h.Get(name); got != want {
					t.Errorf("https=%v %s: %s = %q, want %q", https, path, name, got, want)
				}
			}
			hsts := h.Get("Strict-Transport-Security")
			if https && !strings.Contains(hsts, "max-age=") {
				t.Errorf("https %s: Strict-Transport-Security = %q", path, hsts)
			}
			if !https && hsts != "" {
				t.Errorf("plain http %s: Strict-Transport-Security = %q, want none", path, hsts)
			}
		}
	}
}

func TestCacheControl(t *testing.T) {
	t.Parallel()
	app, _ := newApp(t, web.Options{})
	tests := []struct {
		path string
		want string
	}{
		{web.APIPrefix + "/kinds/none", "no-store"},
		{web.APIPrefix + "/kinds/forbidden", "no-store"},
		{web.APIPrefix + "/nothing", "no-store"},
		{"/plain", ""},
		{"/api/v10/x", "no-store"}, // a problem: always no-store
	}
	for _, tt := range tests {
		r := get(t, app, tt.path)
		if got := r.Header.Get("Cache-Control"); got != tt.want {
			t.Errorf("%s: Cache-Control = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestFail(t *testing.T) {
	t.Parallel()
	app, logs := newApp(t, web.Options{})

	r := get(t, app, "/files/report.pdf")
	p := problem(t, r, 404, "file.not_found")
	if p.Instance != "/files/report.pdf" {
		t.Errorf("instance = %q", p.Instance)
	}
	if errs := logs.errorsFor(t, p.RequestID); len(errs) != 0 {
		t.Errorf("a 404 was logged as an error: %v", errs)
	}

	r = get(t, app, "/files-broken/report.pdf")
	p = problem(t, r, 500, "internal")
	if strings.Contains(string(r.body), "secret") {
		t.Errorf("internal text leaked: %s", r.body)
	}
	if errs := logs.errorsFor(t, p.RequestID); len(errs) != 1 {
		t.Errorf("logged %d errors, want 1; log:\n%s", len(errs), logs)
	}
}

func TestAccessLog(t *testing.T) {
	t.Parallel()
	app, logs := newApp(t, web.Options{})
	req := httptest.NewRequest(http.MethodGet, web.APIPrefix+"/kinds/forbidden", nil)
	req.Header.Set(web.HeaderRequestID, "access-log-test-1")
	do(t, app, req)
	var found bool
	for _, rec := range logs.records(t) {
		if rec["msg"] != "request" || rec["request_id"] != "access-log-test-1" {
			continue
		}
		found = true
		if rec["level"] != "INFO" || rec["method"] != "GET" || rec["path"] != web.APIPrefix+"/kinds/forbidden" || rec["status"] != float64(403) {
			t.Errorf("access log record = %v", rec)
		}
	}
	if !found {
		t.Errorf("no access log record for the request; log:\n%s", logs)
	}
}

func TestLogHandlerAddsRequestID(t *testing.T) {
	t.Parallel()
	app, logs := newApp(t, web.Options{})
	req := httptest.NewRequest(http.MethodGet, "/plain", nil)
	req.Header.Set(web.HeaderRequestID, "plain-handler-id")
	if r := do(t, app, req); r.StatusCode != 200 || string(r.body) != "hello" {
		t.Fatalf("GET /plain = %d %q", r.StatusCode, r.body)
	}
	var found bool
	for _, rec := range logs.records(t) {
		if rec["msg"] == "plain handler ran" {
			found = true
			if rec["request_id"] != "plain-handler-id" {
				t.Errorf("record = %v, want request_id plain-handler-id", rec)
			}
		}
	}
	if !found {
		t.Errorf("the handler's record is missing; log:\n%s", logs)
	}
}

func TestLogHandlerOutsideRequests(t *testing.T) {
	t.Parallel()
	// A context with the id, made the way the middleware makes it: captured from a request.
	app, _ := newApp(t, web.Options{})
	var reqCtx context.Context
	app.Get("/capture", func(c *fiber.Ctx) error {
		reqCtx = c.UserContext()
		return c.SendStatus(http.StatusNoContent)
	})
	req := httptest.NewRequest(http.MethodGet, "/capture", nil)
	req.Header.Set(web.HeaderRequestID, "captured-id-1")
	do(t, app, req)
	if reqCtx == nil || web.RequestID(reqCtx) != "captured-id-1" {
		t.Fatalf("RequestID(captured ctx) = %q", web.RequestID(reqCtx))
	}

	var buf bytes.Buffer
	log := slog.New(web.LogHandler(slog.NewJSONHandler(&buf, nil)))
	log.InfoContext(reqCtx, "one")
	log.With("feature", "forum").WithGroup("g").InfoContext(reqCtx, "two", "k", "v")
	log.InfoContext(context.Background(), "three")

	var lines []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %q", line)
		}
		lines = append(lines, m)
	}
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 3:\n%s", len(lines), buf.String())
	}
	if lines[0]["request_id"] != "captured-id-1" {
		t.Errorf("line 1 = %v, want request_id", lines[0])
	}
	// After WithGroup the id lands inside the group, but it is still there.
	if g, _ := lines[1]["g"].(map[string]any); g == nil || g["request_id"] != "captured-id-1" || lines[1]["feature"] != "forum" {
		t.Errorf("line 2 = %v, want feature and g.request_id", lines[1])
	}
	if _, ok := lines[2]["request_id"]; ok {
		t.Errorf("line 3 = %v, want no request_id without a request", lines[2])
	}
	if web.RequestID(context.Background()) != "" || web.ClientIP(context.Background()) != "" {
		t.Error("RequestID/ClientIP of a bare context are not empty")
	}
}

func TestClientIP(t *testing.T) {
	t.Parallel()
	whoami := func(app *fiber.App) string {
		req := httptest.NewRequest(http.MethodGet, web.APIPrefix+"/whoami", nil)
		req.Header.Set("X-Forwarded-For", "203.0.113.9")
		r := do(t, app, req)
		var out struct{ ClientIP string }
		if err := json.Unmarshal(r.body, &out); err != nil {
			t.Fatalf("body %s: %v", r.body, err)
		}
		return out.ClientIP
	}
	untrusting, _ := newApp(t, web.Options{})
	if ip := whoami(untrusting); ip == "203.0.113.9" || ip == "" {
		t.Errorf("without trusted proxies ClientIP = %q, want the peer's address, not X-Forwarded-For", ip)
	}
	trusting, _ := newApp(t, web.Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0")}})
	if ip := whoami(trusting); ip != "203.0.113.9" {
		t.Errorf("behind a trusted proxy ClientIP = %q, want 203.0.113.9", ip)
	}
}

func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	app, _ := newApp(t, web.Options{Version: "test-1"})
	r := get(t, app, web.APIPrefix+"/openapi.json")
	if r.StatusCode != 200 {
		t.Fatalf("status = %d", r.StatusCode)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct{ Version string }
		Paths   map[string]any
	}
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.OpenAPI != "3.1.0" || doc.Info.Version != "test-1" {
		t.Errorf("openapi = %q, version = %q", doc.OpenAPI, doc.Info.Version)
	}
	if _, ok := doc.Paths[web.APIPrefix+"/people"]; !ok {
		t.Errorf("paths lack %s/people: %v", web.APIPrefix, doc.Paths)
	}
}

// huma's error constructor is a package global installed by the first NewApp; a
// 5xx from an operation must still be logged by the logger of the app that
// served it (the server's tests build many apps in one process).
func TestEachAppLogsToItsOwnLogger(t *testing.T) {
	t.Parallel()
	first, firstLogs := newApp(t, web.Options{})
	second, secondLogs := newApp(t, web.Options{})
	for i, app := range []*fiber.App{first, second} {
		logs := []*logBuffer{firstLogs, secondLogs}[i]
		p := problem(t, get(t, app, web.APIPrefix+"/kinds/internal"), 500, "internal")
		if n := len(logs.errorsFor(t, p.RequestID)); n != 1 {
			t.Errorf("app %d: its own logger has %d error records for request %s, want 1", i+1, n, p.RequestID)
		}
	}
}

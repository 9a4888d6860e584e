package mail

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/web"
)

// newHTTP serves the outbox operations through the real app, with who stands
// in for the principal that auth.Middleware reads from a token.
func newHTTP(t *testing.T, s *Service, who *auth.Principal) *fiber.App {
	t.Helper()
	app, api := web.NewApp(web.Options{Logger: quietLog(), BodyLimit: 1 << 20})
	app.Use(func(c *fiber.Ctx) error {
		if who != nil {
			c.SetUserContext(auth.WithPrincipal(c.UserContext(), *who))
		}
		return c.Next()
	})
	Register(api, s)
	return app
}

func get(t *testing.T, app *fiber.App, path string) (int, map[string]any) {
	t.Helper()
	res, err := app.Test(httptest.NewRequest(http.MethodGet, path, nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, b)
	}
	return res.StatusCode, body
}

func TestOutboxOverHTTP(t *testing.T) {
	clk := &clock{now: t0}
	s, st := newTestService(t, nil, clk.Now)
	for range 3 {
		if err := s.Send(context.Background(), invitation); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Second)
	}
	ms, _ := st.List(context.Background(), listQuery{Limit: 10})
	newest := ms[0]

	app := newHTTP(t, s, &admin)
	status, body := get(t, app, "/api/v1/admin/outbox?status=stored&limit=2")
	if status != http.StatusOK {
		t.Fatalf("list: %d %v", status, body)
	}
	items, _ := body["items"].([]any)
	if len(items) != 2 || body["nextCursor"] == nil {
		t.Fatalf("list: %v", body)
	}
	first := items[0].(map[string]any)
	want := map[string]any{
		"id": newest.ID, "to": invitation.To, "subject": invitation.Subject, "text": invitation.Text,
		"html": invitation.HTML, "kind": invitation.Kind, "status": "stored", "attempts": float64(0),
		"createdAt": "2026-11-25T12:00:02Z",
	}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("item %s = %v, want %v", k, first[k], v)
		}
	}
	for _, k := range []string{"sentAt", "lastError", "lastAttemptAt", "nextAttemptAt"} {
		if _, ok := first[k]; ok {
			t.Errorf("an unsent stored message has %s: %v", k, first[k])
		}
	}
	status, body = get(t, app, "/api/v1/admin/outbox?status=stored&cursor="+body["nextCursor"].(string))
	if items, _ := body["items"].([]any); status != http.StatusOK || len(items) != 1 || body["nextCursor"] != nil {
		t.Errorf("second page: %d %v", status, body)
	}

	status, body = get(t, app, "/api/v1/admin/outbox/"+newest.ID)
	if status != http.StatusOK || body["id"] != newest.ID || body["subject"] != invitation.Subject {
		t.Errorf("get: %d %v", status, body)
	}

	for _, tc := range []struct {
		who    *auth.Principal
		path   string
		status int
		code   string
	}{
		{&admin, "/api/v1/admin/outbox/" + "0123456789abcdef01234567", http.StatusNotFound, "mail.not_found"},
		{&admin, "/api/v1/admin/outbox?status=lost", http.StatusUnprocessableEntity, ""},
		{&admin, "/api/v1/admin/outbox?cursor=nonsense", http.StatusUnprocessableEntity, "validation.failed"},
		{nil, "/api/v1/admin/outbox", http.StatusUnauthorized, "auth.required"},
		{nil, "/api/v1/admin/outbox/" + newest.ID, http.StatusUnauthorized, "auth.required"},
		{&member, "/api/v1/admin/outbox", http.StatusForbidden, "mail.admin_only"},
		{&member, "/api/v1/admin/outbox/" + newest.ID, http.StatusForbidden, "mail.admin_only"},
	} {
		status, body := get(t, newHTTP(t, s, tc.who), tc.path)
		if status != tc.status || (tc.code != "" && body["code"] != tc.code) {
			t.Errorf("%v GET %s: %d %v, want %d %s", tc.who, tc.path, status, body, tc.status, tc.code)
		}
	}
}

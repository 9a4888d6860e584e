package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeAPI answers the part of the API contract the scenarios use: 120 orgs in
// pages with integer cursors, logins for bench users, /me for issued tokens.
type fakeAPI struct {
	mu       sync.Mutex
	cursors  map[string]int // cursor value → times requested
	searches map[string]int
}

const fakeOrgs = 120

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	problem := func(status int, code string) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"status":%d,"code":%q}`, status, code)
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/api/v1/auth/login":
		var in loginRequest
		if json.NewDecoder(r.Body).Decode(&in) != nil || in.Password != BenchPassword || !strings.HasPrefix(in.Email, "bench-") {
			problem(401, "auth.invalid_credentials")
			return
		}
		fmt.Fprintf(w, `{"accessToken":"tok-%s","expiresAt":"2026-11-25T13:00:00Z","user":{"id":"u1"}}`, in.Email)
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/me":
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer tok-bench-") {
			problem(401, "auth.unauthenticated")
			return
		}
		fmt.Fprint(w, `{"id":"u1","email":"x"}`)
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/orgs":
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		if limit == 0 {
			limit = 20
		}
		start := 0
		if c := q.Get("cursor"); c != "" {
			start, _ = strconv.Atoi(c)
		}
		f.mu.Lock()
		f.cursors[q.Get("cursor")]++
		if s := q.Get("q"); s != "" {
			f.searches[s]++
		}
		f.mu.Unlock()
		end := min(start+limit, fakeOrgs)
		items := make([]string, 0, end-start)
		for i := start; i < end; i++ {
			items = append(items, fmt.Sprintf(`{"id":"%d"}`, i))
		}
		next := ""
		if end < fakeOrgs {
			next = fmt.Sprintf(`,"nextCursor":"%d"`, end)
		}
		fmt.Fprintf(w, `{"items":[%s]%s}`, strings.Join(items, ","), next)
	default:
		problem(404, "not_found")
	}
}

func TestScenariosAgainstFakeAPI(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			f := &fakeAPI{cursors: map[string]int{}, searches: map[string]int{}}
			srv := httptest.NewServer(f)
			defer srv.Close()
			e := newEnv(srv.URL, 3, accounts{bench: 50})
			defer e.close()

			ops := make([]Op, 3)
			for i := range ops {
				op, err := sc.Start(context.Background(), e, i)
				if err != nil {
					t.Fatalf("start client %d: %v", i, err)
				}
				ops[i] = op
			}
			// Bounded by count; the long duration only keeps time out of the test.
			m := drive(context.Background(), ops, time.Hour, 60)
			if len(m.durations) != 60 {
				t.Errorf("completed %d requests, want exactly the cap of 60", len(m.durations))
			}
			if m.failed != 0 {
				t.Errorf("%d failed: %v", m.failed, m.kinds)
			}
			if sc.Name == "orgs-page" {
				// 120 orgs at 50 a page: cursors "", "50", "100" in order, every
				// client starting again after the last page; at most one unfinished
				// walk per client.
				first, second, third := f.cursors[""], f.cursors["50"], f.cursors["100"]
				if len(f.cursors) != 3 || first+second+third != 60 || !(first >= second && second >= third) || first-third > 3 {
					t.Errorf("pages requested: %v", f.cursors)
				}
			}
			if sc.Name == "orgs-search" && len(f.searches) < 3 {
				t.Errorf("searches should vary: %v", f.searches)
			}
		})
	}
}

func TestFailuresAreCountedAndGrouped(t *testing.T) {
	f := &fakeAPI{cursors: map[string]int{}, searches: map[string]int{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	e := newEnv(srv.URL, 2, accounts{list: []Account{{"someone@x.no", "wrong"}}})
	defer e.close()

	if _, err := startMe(context.Background(), e, 0); err == nil || !strings.Contains(err.Error(), "401 auth.invalid_credentials") {
		t.Errorf("me start with a bad account: %v", err)
	}
	op0, _ := startLogin(context.Background(), e, 0)
	op1, _ := startLogin(context.Background(), e, 1)
	m := drive(context.Background(), []Op{op0, op1}, time.Hour, 10)
	if m.failed != 10 || m.kinds["401 auth.invalid_credentials"] != 10 {
		t.Errorf("failed=%d kinds=%v", m.failed, m.kinds)
	}
}

func TestTransportFailureAndLoopbackGuard(t *testing.T) {
	e := newEnv("http://127.0.0.1:1", 1, accounts{bench: 1})
	defer e.close()
	if r := e.Get(context.Background(), "/readyz", ""); r.OK() || r.Status != 0 || !strings.HasPrefix(errorKey(r), "transport: ") {
		t.Errorf("closed port: %+v", r)
	}
	e2 := newEnv("http://192.0.2.1:80", 1, accounts{bench: 1})
	defer e2.close()
	if r := e2.Get(context.Background(), "/", ""); !strings.Contains(r.Problem, "refusing non-loopback") {
		t.Errorf("non-loopback target must be refused before dialling: %+v", r)
	}
}

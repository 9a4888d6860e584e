package main

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/demo"
	samspill "github.com/samspill/samspill/internal/server"
)

// realServer runs the real Samspill app in this process on a fresh embedded
// database with demo data and a small bench data set, on a loopback port.
func realServer(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	cfg, err := config.FromEnv(func(k string) string {
		return map[string]string{"SAMSPILL_DATA_DIR": t.TempDir(), "SAMSPILL_DEMO": "1"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := samspill.New(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if _, err := demo.SeedBench(ctx, srv.Services.Orgs, srv.Services.Users, 50); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.SeedBenchNetworks(ctx, srv.Services.Users, srv.Services.Networks, 20, 30); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.SeedBenchForum(ctx, srv.Services.Users, srv.Services.Forum, 40, 3, 120); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.SeedBenchLibrary(ctx, srv.Services.Users, srv.Services.Library, 40); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.App.Listener(ln) }()
	t.Cleanup(func() { _ = srv.App.Shutdown() })
	indexing, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	go srv.Services.SearchIndexer.Run(indexing)
	return "http://" + ln.Addr().String()
}

func TestScenariosAgainstTheRealServer(t *testing.T) {
	benchFileSize = 1 << 20 // the library's file scenarios move 60 files here
	base := realServer(t)
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			e := newEnv(base, 3, accounts{bench: 50})
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
		})
	}
}

func TestFailuresAreCountedAndGrouped(t *testing.T) {
	base := realServer(t)
	e := newEnv(base, 2, accounts{list: []Account{{"someone@x.no", "wrong-password"}}})
	defer e.close()

	if _, err := startMe(context.Background(), e, 0); err == nil || !strings.Contains(err.Error(), "401 auth.invalid_credentials") {
		t.Errorf("me start with a bad account: %v", err)
	}
	op0, _ := startLogin(context.Background(), e, 0)
	op1, _ := startLogin(context.Background(), e, 1)
	// Four more wrong passwords lock the account: the rest are 429s (two clients
	// at once may both pass the lock check before the fifth failure is counted).
	m := drive(context.Background(), []Op{op0, op1}, time.Hour, 10)
	unauthorised, locked := m.kinds["401 auth.invalid_credentials"], m.kinds["429 auth.too_many_attempts"]
	if m.failed != 10 || unauthorised < 4 || unauthorised > 5 || unauthorised+locked != 10 {
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

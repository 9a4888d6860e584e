package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/samspill/samspill/internal/demo"
)

// output is a goroutine-safe writer that wakes waiters on every write.
type output struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	written chan struct{}
}

func newOutput() *output { return &output{written: make(chan struct{}, 1)} }

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	n, err := o.buf.Write(p)
	o.mu.Unlock()
	select {
	case o.written <- struct{}{}:
	default:
	}
	return n, err
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// waitFor blocks until the output contains s, or fails the test when the run
// ends (done) first.
func (o *output) waitFor(t *testing.T, s string, done <-chan int) {
	t.Helper()
	for !strings.Contains(o.String(), s) {
		select {
		case <-o.written:
		case code := <-done:
			t.Fatalf("run returned %d before printing %q", code, s)
		case <-t.Context().Done():
			t.Fatalf("test ended before %q was printed", s)
		}
	}
}

func getenv(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

// freePort finds a port nothing listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func serverEnv(t *testing.T, dataDir string) (map[string]string, string) {
	t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	return map[string]string{
		"SAMSPILL_ADDR":      addr,
		"SAMSPILL_BASE_URL":  "http://" + addr,
		"SAMSPILL_DATA_DIR":  dataDir,
		"SAMSPILL_LOG_LEVEL": "warn",
	}, "http://" + addr
}

func TestRunRefusesInvalidConfig(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), getenv(map[string]string{
		"SAMSPILL_ADDR":      "no-port",
		"SAMSPILL_LOG_LEVEL": "chatty",
		"SAMSPILL_DATA_DIR":  t.TempDir(),
	}), &stdout, &stderr)
	if code != 2 {
		t.Errorf("run = %d, want 2", code)
	}
	for _, want := range []string{"configuration is not valid", "SAMSPILL_ADDR", "SAMSPILL_LOG_LEVEL"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not mention %q:\n%s", want, stderr.String())
		}
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", stdout.String())
	}
}

func TestRunServesAndShutsDown(t *testing.T) {
	t.Parallel()
	dataDir := t.TempDir()
	env, baseURL := serverEnv(t, dataDir)
	env["SAMSPILL_DEMO"] = "1"

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stdout, stderr := newOutput(), newOutput()
	done := make(chan int, 1)
	go func() { done <- run(ctx, getenv(env), stdout, stderr) }()

	stdout.waitFor(t, "Samspill is running at "+baseURL+"\n", done)
	// The demo logins are printed with the URL.
	stdout.waitFor(t, demo.Password, done)

	get := func(path string) (int, string) {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, baseURL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, string(body)
	}
	if status, body := get("/readyz"); status != http.StatusOK || !strings.Contains(body, "ready") {
		t.Errorf("GET /readyz = %d %s", status, body)
	}
	if status, _ := get("/healthz"); status != http.StatusOK {
		t.Errorf("GET /healthz = %d", status)
	}
	status, body := get("/api/v1/openapi.json")
	if status != http.StatusOK {
		t.Errorf("GET /api/v1/openapi.json = %d", status)
	} else {
		var doc struct{ OpenAPI string }
		if err := json.Unmarshal([]byte(body), &doc); err != nil || doc.OpenAPI != "3.1.0" {
			t.Errorf("openapi document: %q (%v)", doc.OpenAPI, err)
		}
	}

	// A second server on the same data dir refuses to start.
	env2, _ := serverEnv(t, dataDir)
	var out2, err2 bytes.Buffer
	if code := run(t.Context(), getenv(env2), &out2, &err2); code != 1 {
		t.Errorf("second run on the same data dir = %d, want 1", code)
	}
	if !strings.Contains(err2.String(), "data dir is in use") {
		t.Errorf("second run's stderr does not say the data dir is in use:\n%s", err2.String())
	}
	if strings.Contains(out2.String(), "Samspill is running") {
		t.Errorf("second run claims to be running:\n%s", out2.String())
	}

	// The first still answers, then stops cleanly when its context ends.
	if status, _ := get("/readyz"); status != http.StatusOK {
		t.Errorf("GET /readyz after the refused second run = %d", status)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("run after cancel = %d, want 0; stderr:\n%s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), `"level":"ERROR"`) {
		t.Errorf("errors were logged:\n%s", stderr.String())
	}

	// The lock went with it: the data dir can be used again.
	env3, baseURL3 := serverEnv(t, dataDir)
	ctx3, cancel3 := context.WithCancel(t.Context())
	defer cancel3()
	out3 := newOutput()
	done3 := make(chan int, 1)
	go func() { done3 <- run(ctx3, getenv(env3), out3, io.Discard) }()
	out3.waitFor(t, "Samspill is running at "+baseURL3, done3)
	// Answer one request before cancelling: server.Run has a start-up race (a
	// cancel that arrives before fasthttp starts serving leaves it serving; see
	// the report), and this test is about the lock, not that race.
	res, err := http.Get(baseURL3 + "/readyz")
	if err != nil {
		t.Fatalf("GET /readyz after the restart: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET /readyz after the restart = %d", res.StatusCode)
	}
	cancel3()
	if code := <-done3; code != 0 {
		t.Errorf("restart on the same data dir: run = %d, want 0", code)
	}
}

func TestRunFailsWhenTheAddressIsTaken(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), getenv(map[string]string{
		"SAMSPILL_ADDR":     addr,
		"SAMSPILL_DATA_DIR": t.TempDir(),
	}), &stdout, &stderr)
	if code != 1 {
		t.Errorf("run = %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "listen on "+addr) {
		t.Errorf("stderr does not say it cannot listen:\n%s", stderr.String())
	}
}

// FerretDB is the MongoDB stand-in for tests only; it must never be linked into
// the server (docs: DATABASE.md).
func TestServerDoesNotDependOnFerretDB(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go") // go test puts GOROOT/bin first in PATH
	if err != nil {
		t.Fatalf("the go tool is not in PATH: %v", err)
	}
	cmd := exec.CommandContext(t.Context(), goTool, "list", "-deps", ".")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, stderr.String())
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 || !strings.Contains(string(out), "github.com/samspill/samspill/internal/server") {
		t.Fatalf("go list -deps printed an unexpected list:\n%s", out)
	}
	for _, d := range deps {
		if strings.Contains(strings.ToLower(d), "ferretdb") {
			t.Errorf("the server depends on %s", d)
		}
	}
}

package web_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samspill/samspill/internal/web"
)

// streamApp has one streamed route that hashes what it reads, and a file route
// that answers with a stream.
func streamApp(t *testing.T) (*fiber.App, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	log := slog.New(web.LogHandler(slog.NewJSONHandler(logs, nil)))
	app, _ := web.NewApp(web.Options{Logger: log, BodyLimit: 1 << 20,
		StreamedBody: func(method, path string) int64 {
			if method == http.MethodPost && strings.HasPrefix(path, "/upload") {
				return 8 << 20
			}
			return 0
		}})
	app.Post("/upload", func(c *fiber.Ctx) error {
		h := sha256.New()
		n, err := io.Copy(h, web.StreamedBody(c))
		if err != nil {
			return web.Fail(c, log, err)
		}
		return c.JSON(fiber.Map{"bytes": n, "sha256": hex.EncodeToString(h.Sum(nil))})
	})
	app.Post("/refuse", func(c *fiber.Ctx) error { return c.SendString("no") })
	app.Get("/file", func(c *fiber.Ctx) error {
		web.SendStream(c, io.NopCloser(strings.NewReader(strings.Repeat("x", 3<<20))), 3<<20)
		return nil
	})
	return app, logs
}

func serve(t *testing.T, app *fiber.App) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	t.Cleanup(func() {
		_ = app.Shutdown()
		<-served
	})
	return ln.Addr().String()
}

// rawRequest writes head (without the blank line) and body on a fresh
// connection and reads one answer.
func rawRequest(t *testing.T, addr, head string, body io.Reader) (*http.Response, string, net.Conn) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := io.WriteString(conn, head+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(conn, body) }()
	br := bufio.NewReader(conn)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("read answer: %v", err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(b), conn
}

func TestStreamedRouteReadsPastTheBodyLimit(t *testing.T) {
	t.Parallel()
	app, _ := streamApp(t)
	addr := serve(t, app)
	body := strings.Repeat("0123456789", 500_000) // 5 MB, over the 1 MiB limit
	sum := sha256.Sum256([]byte(body))
	res, text, _ := rawRequest(t, addr, fmt.Sprintf("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: %d", len(body)), strings.NewReader(body))
	if res.StatusCode != 200 || !strings.Contains(text, hex.EncodeToString(sum[:])) {
		t.Fatalf("%d %s", res.StatusCode, text)
	}
	if res.Close {
		t.Error("a fully read upload closed the connection")
	}
	// Chunked, past the route's own limit: refused while reading.
	res, text, _ = rawRequest(t, addr, "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked", chunked(9<<20))
	if res.StatusCode != 413 || !strings.Contains(text, "request.too_large") || !res.Close {
		t.Errorf("over the route's limit: %d close=%v %s", res.StatusCode, res.Close, text)
	}
}

// chunked is n bytes in chunked transfer encoding.
func chunked(n int) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		chunk := strings.Repeat("a", 64<<10)
		for sent := 0; sent < n; sent += len(chunk) {
			if _, err := fmt.Fprintf(pw, "%x\r\n%s\r\n", len(chunk), chunk); err != nil {
				return
			}
		}
		_, _ = io.WriteString(pw, "0\r\n\r\n")
		pw.Close()
	}()
	return pr
}

func TestOtherRoutesKeepTheBodyLimit(t *testing.T) {
	t.Parallel()
	app, _ := newApp(t, web.Options{BodyLimit: 1 << 20})
	addr := serve(t, app)
	// A chunked body announces no length: it is counted as it arrives.
	res, text, _ := rawRequest(t, addr, "POST "+web.APIPrefix+"/people HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunked(2<<20))
	if res.StatusCode != 413 || !strings.Contains(text, "request.too_large") || !res.Close {
		t.Errorf("chunked over the limit: %d close=%v %s", res.StatusCode, res.Close, text)
	}
	// Under the limit, chunked or not, huma reads the JSON as before, and a
	// second request on the same connection is read from where the first ended.
	body := `{"email":"a@b.no","name":"Kari"}`
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s/people HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", web.APIPrefix, len(body), body)
	fmt.Fprintf(conn, "POST %s/people HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", web.APIPrefix, len(body), body)
	br := bufio.NewReader(conn)
	for i := 0; i < 2; i++ {
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), `"Kari"`) {
			t.Errorf("request %d: %d %s", i, res.StatusCode, b)
		}
	}
}

func TestAnAnswerBeforeTheBodyEndsClosesTheConnection(t *testing.T) {
	t.Parallel()
	app, _ := streamApp(t)
	app.Post("/upload-refused", func(c *fiber.Ctx) error { return c.SendString("refused") })
	addr := serve(t, app)
	res, text, _ := rawRequest(t, addr, "POST /upload-refused HTTP/1.1\r\nHost: t\r\nContent-Length: 100000", strings.NewReader(strings.Repeat("x", 100000)))
	if res.StatusCode != 200 || text != "refused" || !res.Close {
		t.Errorf("streamed route answering early: %d close=%v %s", res.StatusCode, res.Close, text)
	}
	// /refuse is not streamed: its body is read first, so keep-alive is safe.
	res, _, _ = rawRequest(t, addr, "POST /refuse HTTP/1.1\r\nHost: t\r\nContent-Length: 5", strings.NewReader("hello"))
	if res.StatusCode != 200 || res.Close {
		t.Errorf("buffered route: %d close=%v", res.StatusCode, res.Close)
	}
}

func TestStreamedAnswerIsNotBuffered(t *testing.T) {
	t.Parallel()
	app, logs := streamApp(t)
	addr := serve(t, app)
	res, text, _ := rawRequest(t, addr, "GET /file HTTP/1.1\r\nHost: t", strings.NewReader(""))
	if res.StatusCode != 200 || len(text) != 3<<20 || res.ContentLength != 3<<20 {
		t.Fatalf("%d, %d bytes", res.StatusCode, len(text))
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, rec := range logs.records(t) {
			if rec["msg"] == "request" && rec["path"] == "/file" {
				if rec["bytes"] != float64(3<<20) {
					t.Errorf("access log bytes %v", rec["bytes"])
				}
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("no access log line")
}

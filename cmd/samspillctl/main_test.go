package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/demo"
	"github.com/samspill/samspill/internal/server"
	"github.com/samspill/samspill/internal/user"
)

type result struct {
	code           int
	stdout, stderr string
}

// ctl runs samspillctl with args in env, with stdin.
func ctl(t *testing.T, env map[string]string, stdin io.Reader, args ...string) result {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), args, func(k string) string { return env[k] }, stdin, &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

func (r result) check(t *testing.T, code int, stdout, stderr string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, stdout) {
		t.Errorf("stdout does not contain %q:\n%s", stdout, r.stdout)
	}
	if !strings.Contains(r.stderr, stderr) {
		t.Errorf("stderr does not contain %q:\n%s", stderr, r.stderr)
	}
}

func embedded(t *testing.T) map[string]string {
	return map[string]string{"SAMSPILL_DATA_DIR": t.TempDir()}
}

// lookUp reads a user straight from the data dir the commands wrote to.
func lookUp(t *testing.T, env map[string]string, email string) (user.User, error) {
	t.Helper()
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	st, err := server.OpenStorage(t.Context(), cfg, quiet)
	if err != nil {
		t.Fatalf("open the data dir: %v", err)
	}
	defer st.Close()
	svc, err := server.OpenServices(t.Context(), cfg, st, quiet)
	if err != nil {
		t.Fatal(err)
	}
	return svc.Users.ByEmail(t.Context(), email)
}

func TestUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no arguments", nil, 2, "usage: samspillctl <command>"},
		{"help", []string{"help"}, 0, "usage: samspillctl <command>"},
		{"-h", []string{"-h"}, 0, "commands:"},
		{"--help", []string{"--help"}, 0, "create-admin"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"openapi with arguments", []string{"openapi", "extra"}, 2, "openapi takes no arguments"},
		{"ensure-indexes with arguments", []string{"ensure-indexes", "now"}, 2, "ensure-indexes takes no arguments"},
		{"seed-demo with arguments", []string{"seed-demo", "please"}, 2, "seed-demo takes no arguments"},
		{"seed-bench with zero users", []string{"seed-bench", "--users", "0"}, 2, "--users must be between 1 and 1000000"},
		{"seed-bench with too many users", []string{"seed-bench", "--users=1000001"}, 2, "--users must be between"},
		{"seed-bench with a bad flag", []string{"seed-bench", "--userz", "3"}, 2, "flag provided but not defined"},
		{"create-admin without --email", []string{"create-admin", "--name", "Kari"}, 2, "--email is required"},
		{"create-admin with a bad flag", []string{"create-admin", "--mail", "x@example.org"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := ctl(t, embedded(t), nil, tt.args...)
			r.check(t, tt.code, "", tt.err)
			if tt.code == 2 && tt.args != nil && !strings.Contains(r.stderr, "samspillctl") {
				t.Errorf("stderr does not name the tool:\n%s", r.stderr)
			}
		})
	}
}

func TestOpenAPI(t *testing.T) {
	t.Parallel()
	r := ctl(t, nil, nil, "openapi")
	if r.code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", r.code, r.stderr)
	}
	var doc struct {
		OpenAPI string                     `json:"openapi"`
		Paths   map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	for _, p := range []string{"/api/v1/auth/login", "/api/v1/me", "/api/v1/orgs"} {
		if _, ok := doc.Paths[p]; !ok {
			t.Errorf("paths lack %s", p)
		}
	}
	if !strings.HasSuffix(r.stdout, "}\n") || !strings.Contains(r.stdout, "\n  \"") {
		t.Error("the document is not indented JSON ending in a newline")
	}
}

func TestCreateAdmin(t *testing.T) {
	t.Parallel()
	env := embedded(t)
	env["SAMSPILL_ADMIN_PASSWORD"] = "correct horse battery"

	r := ctl(t, env, nil, "create-admin", "--email", "Admin@Example.org", "--name", "Ada Admin")
	r.check(t, 0, "created administrator Ada Admin <Admin@Example.org> (id ", "")

	u, err := lookUp(t, env, "admin@example.org")
	if err != nil {
		t.Fatalf("the new admin is not stored: %v", err)
	}
	if u.SiteRole != auth.RoleAdmin {
		t.Errorf("site role = %q, want %q", u.SiteRole, auth.RoleAdmin)
	}
	if u.PasswordHash == "" || strings.Contains(u.PasswordHash, env["SAMSPILL_ADMIN_PASSWORD"]) {
		t.Errorf("password hash = %q", u.PasswordHash)
	}

	// Again for the same address, in another case: the account is kept and stays an admin.
	r = ctl(t, env, nil, "create-admin", "--email", "admin@example.org")
	r.check(t, 0, "Admin@Example.org already had an account; it is now an administrator", "")
	again, err := lookUp(t, env, "admin@example.org")
	if err != nil || again.ID != u.ID || again.PasswordHash != u.PasswordHash {
		t.Errorf("the account changed: %+v (%v), was %+v", again, err, u)
	}
}

func TestCreateAdminPromotesAMember(t *testing.T) {
	t.Parallel()
	env := embedded(t)
	ctl(t, env, nil, "seed-demo").check(t, 0, "kari.nordmann@demo.samspill.no", "")
	before, err := lookUp(t, env, "kari.nordmann@demo.samspill.no")
	if err != nil {
		t.Fatal(err)
	}
	if before.SiteRole == auth.RoleAdmin {
		t.Fatal("the demo member is already an admin")
	}
	ctl(t, env, nil, "create-admin", "--email", "kari.nordmann@demo.samspill.no").
		check(t, 0, "it is now an administrator (password unchanged)", "")
	after, err := lookUp(t, env, "kari.nordmann@demo.samspill.no")
	if err != nil {
		t.Fatal(err)
	}
	if after.SiteRole != auth.RoleAdmin || after.PasswordHash != before.PasswordHash {
		t.Errorf("after: role %q, password changed %v", after.SiteRole, after.PasswordHash != before.PasswordHash)
	}
}

func TestCreateAdminFails(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		password string // SAMSPILL_ADMIN_PASSWORD
		stdin    string
		args     []string
		code     int
		err      string
	}{
		{"password too short", "short", "", []string{"--email", "a@example.org", "--name", "A"}, 1, "the password must have at least 10 characters"},
		{"name missing for a new account", "long enough password", "", []string{"--email", "a@example.org"}, 2, "--name is required for a new account"},
		{"unknown organisation", "long enough password", "", []string{"--email", "a@example.org", "--name", "A", "--org", "municipality:9999"}, 1, `organisation "municipality:9999"`},
		{"no password anywhere", "", "", []string{"--email", "a@example.org", "--name", "A"}, 1, "no password: set SAMSPILL_ADMIN_PASSWORD"},
		{"bad email", "long enough password", "", []string{"--email", "not-an-email", "--name", "A"}, 1, "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := embedded(t)
			env["SAMSPILL_ADMIN_PASSWORD"] = tt.password
			r := ctl(t, env, strings.NewReader(tt.stdin), append([]string{"create-admin"}, tt.args...)...)
			r.check(t, tt.code, "", tt.err)
			if strings.Contains(r.stdout, "created") {
				t.Errorf("stdout says created:\n%s", r.stdout)
			}
			if _, err := lookUp(t, env, "a@example.org"); err == nil {
				t.Error("an account was created anyway")
			}
		})
	}
}

func TestCreateAdminPasswordFromStdin(t *testing.T) {
	t.Parallel()
	env := embedded(t)
	r := ctl(t, env, strings.NewReader("piped password 123\r\n"), "create-admin", "--email", "pipe@example.org", "--name", "Pipe")
	r.check(t, 0, "created administrator Pipe <pipe@example.org>", "")
	if _, err := lookUp(t, env, "pipe@example.org"); err != nil {
		t.Errorf("not stored: %v", err)
	}
}

func TestSeedBench(t *testing.T) {
	t.Parallel()
	env := embedded(t)
	ctl(t, env, nil, "seed-bench", "--users", "3").check(t, 0, "benchmark accounts: 3 added, 3 wanted", "")
	ctl(t, env, nil, "seed-bench", "--users", "3").check(t, 0, "benchmark accounts: 0 added, 3 wanted", "")
	ctl(t, env, nil, "seed-bench", "--users=4").check(t, 0, "1 added, 4 wanted", "")
	for i := 1; i <= 4; i++ {
		if _, err := lookUp(t, env, demo.BenchEmail(i)); err != nil {
			t.Errorf("%s: %v", demo.BenchEmail(i), err)
		}
	}
	if _, err := lookUp(t, env, demo.BenchEmail(5)); err == nil {
		t.Errorf("%s exists; only 4 were asked for", demo.BenchEmail(5))
	}
}

func TestSeedDemo(t *testing.T) {
	t.Parallel()
	env := embedded(t)
	for range 2 { // a second run finds the accounts and lists them again
		r := ctl(t, env, nil, "seed-demo")
		r.check(t, 0, "demo accounts (password "+demo.Password+")", "")
		for _, email := range []string{"kari.nordmann@demo.samspill.no", "admin@demo.samspill.no"} {
			if !strings.Contains(r.stdout, "  "+email+"\n") {
				t.Errorf("stdout does not list %s:\n%s", email, r.stdout)
			}
		}
	}
	if _, err := lookUp(t, env, "admin@demo.samspill.no"); err != nil {
		t.Errorf("demo admin not stored: %v", err)
	}
}

func TestSeedDemoRefusesMongoDB(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"MONGODB_URI":         "mongodb://127.0.0.1:1/never-contacted",
		"SAMSPILL_JWT_SECRET": strings.Repeat("k", config.MinJWTSecret),
	}
	ctl(t, env, nil, "seed-demo").check(t, 1, "", "refusing to add demo accounts")
}

func TestEnsureIndexes(t *testing.T) {
	t.Parallel()
	env := embedded(t)
	for range 2 {
		ctl(t, env, nil, "ensure-indexes").check(t, 0, "embedded database: indexes are part of the migrations, which are applied", "")
	}
}

func TestInvalidConfiguration(t *testing.T) {
	t.Parallel()
	env := map[string]string{"SAMSPILL_DATA_DIR": t.TempDir(), "SAMSPILL_LOG_LEVEL": "chatty"}
	for _, args := range [][]string{
		{"ensure-indexes"},
		{"seed-demo"},
		{"seed-bench", "--users", "1"},
		{"create-admin", "--email", "a@example.org", "--name", "A"},
	} {
		ctl(t, env, nil, args...).check(t, 1, "", "configuration is not valid")
	}
}

func TestDataDirInUse(t *testing.T) {
	t.Parallel()
	env := embedded(t)
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	st, err := server.OpenStorage(t.Context(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctl(t, env, nil, "ensure-indexes").check(t, 1, "", "data dir is in use")
}

func TestReindex(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SAMSPILL_DATA_DIR": dir}
	getenv := func(k string) string { return env[k] }
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"seed-demo"}, getenv, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("seed-demo: %d %s", code, errOut.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"reindex"}, getenv, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("reindex: %d %s", code, errOut.String())
	}
	var n int
	if _, err := fmt.Sscanf(out.String(), "search index rebuilt: %d documents", &n); err != nil || n < 30 {
		t.Errorf("reindex said %q", out.String())
	}
	if code := run(context.Background(), []string{"reindex", "now"}, getenv, strings.NewReader(""), &out, &errOut); code != 2 {
		t.Errorf("reindex with an argument: %d", code)
	}
}

package sqlitedb_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/samspill/samspill/internal/sqlitedb"
)

func open(t *testing.T) *sqlitedb.DB {
	t.Helper()
	db, err := sqlitedb.Open(context.Background(), filepath.Join(t.TempDir(), sqlitedb.FileName))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

func exec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func TestOpenPragmas(t *testing.T) {
	t.Parallel()
	db := open(t)
	ctx := context.Background()
	tests := []struct {
		pool  *sql.DB
		name  string
		query string
		want  string
	}{
		{db.Write, "Write", "PRAGMA journal_mode", "wal"},
		{db.Write, "Write", "PRAGMA foreign_keys", "1"},
		{db.Write, "Write", "PRAGMA busy_timeout", "10000"},
		{db.Write, "Write", "PRAGMA synchronous", "2"}, // FULL
		{db.Write, "Write", "PRAGMA query_only", "0"},
		{db.Read, "Read", "PRAGMA journal_mode", "wal"},
		{db.Read, "Read", "PRAGMA foreign_keys", "1"},
		{db.Read, "Read", "PRAGMA query_only", "1"},
		{db.Read, "Read", "PRAGMA cache_size", "-16384"},
		{db.Read, "Read", "PRAGMA mmap_size", "268435456"},
	}
	for _, tt := range tests {
		var got string
		if err := tt.pool.QueryRowContext(ctx, tt.query).Scan(&got); err != nil {
			t.Errorf("%s %s: %v", tt.name, tt.query, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.name, tt.query, got, tt.want)
		}
	}
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
	if db.Path == "" || filepath.Base(db.Path) != sqlitedb.FileName {
		t.Errorf("Path = %q", db.Path)
	}
	if _, err := os.Stat(db.Path); err != nil {
		t.Errorf("database file: %v", err)
	}
}

func TestOpenFails(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "no", "such", "dir", sqlitedb.FileName)
	db, err := sqlitedb.Open(context.Background(), path)
	if err == nil {
		db.Close()
		t.Fatal("Open in a missing directory succeeded")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestReadPoolRefusesWrites(t *testing.T) {
	t.Parallel()
	db := open(t)
	ctx := context.Background()
	exec(t, db.Write, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
	exec(t, db.Write, "INSERT INTO notes (body) VALUES ('from the writer')")

	for _, q := range []string{
		"INSERT INTO notes (body) VALUES ('from a reader')",
		"UPDATE notes SET body = 'changed'",
		"DELETE FROM notes",
		"CREATE TABLE other (x)",
	} {
		if _, err := db.Read.ExecContext(ctx, q); err == nil {
			t.Errorf("Read pool ran %q", q)
		}
	}
	var body string
	if err := db.Read.QueryRowContext(ctx, "SELECT group_concat(body) FROM notes").Scan(&body); err != nil {
		t.Fatal(err)
	}
	if body != "from the writer" {
		t.Errorf("notes = %q: a reader changed the table, or the writer's row is not visible", body)
	}
}

func TestForeignKeysAreEnforced(t *testing.T) {
	t.Parallel()
	db := open(t)
	exec(t, db.Write, "CREATE TABLE orgs (id TEXT PRIMARY KEY)")
	exec(t, db.Write, "CREATE TABLE users (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id))")
	_, err := db.Write.Exec("INSERT INTO users (id, org_id) VALUES ('u1', 'missing')")
	if err == nil {
		t.Fatal("a row pointing at a missing org was inserted")
	}
}

func TestConcurrentWritesQueue(t *testing.T) {
	t.Parallel()
	db := open(t)
	exec(t, db.Write, "CREATE TABLE counter (n INTEGER NOT NULL)")
	exec(t, db.Write, "INSERT INTO counter VALUES (0)")
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			// Read-then-write in a transaction: BEGIN IMMEDIATE and one writer
			// connection keep these from interleaving or failing with SQLITE_BUSY.
			tx, err := db.Write.BeginTx(ctx, nil)
			if err != nil {
				errs <- err
				return
			}
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT n FROM counter").Scan(&n); err != nil {
				tx.Rollback()
				errs <- err
				return
			}
			if _, err := tx.ExecContext(ctx, "UPDATE counter SET n = ?", n+1); err != nil {
				tx.Rollback()
				errs <- err
				return
			}
			errs <- tx.Commit()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	var n int
	if err := db.Read.QueryRow("SELECT n FROM counter").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 20 {
		t.Errorf("counter = %d, want 20", n)
	}
}

var thingsV1 = fstest.MapFS{
	"0001_create_things.sql": {Data: []byte(`-- +goose Up
CREATE TABLE things (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

-- +goose Down
DROP TABLE things;
`)},
	"0002_things_name.sql": {Data: []byte(`-- +goose Up
CREATE UNIQUE INDEX things_name ON things (name);

-- +goose Down
DROP INDEX things_name;
`)},
}

var widgets = fstest.MapFS{
	"0001_create_widgets.sql": {Data: []byte(`-- +goose Up
CREATE TABLE widgets (id TEXT PRIMARY KEY);

-- +goose Down
DROP TABLE widgets;
`)},
}

func tableNames(t *testing.T, db *sqlitedb.DB) map[string]bool {
	t.Helper()
	rows, err := db.Read.Query("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	names := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names[n] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}

// versions returns the applied versions recorded in a schema's version table.
func versions(t *testing.T, db *sqlitedb.DB, schema string) []int64 {
	t.Helper()
	rows, err := db.Read.Query("SELECT version_id FROM schema_version_" + schema + " WHERE is_applied ORDER BY id")
	if err != nil {
		t.Fatalf("version table of %s: %v", schema, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMigrate(t *testing.T) {
	t.Parallel()
	db := open(t)
	ctx := context.Background()
	things := sqlitedb.Schema{Name: "things", FS: thingsV1}
	if err := db.Migrate(ctx, things, sqlitedb.Schema{Name: "widgets", FS: widgets}); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	names := tableNames(t, db)
	for _, want := range []string{"things", "things_name", "widgets", "schema_version_things", "schema_version_widgets"} {
		if !names[want] {
			t.Errorf("%s missing after Migrate; have %v", want, names)
		}
	}
	// Each schema keeps its own versions.
	if got := fmt.Sprint(versions(t, db, "things")); got != "[0 1 2]" && got != "[1 2]" {
		t.Errorf("things versions = %s, want 1 and 2", got)
	}
	if got := fmt.Sprint(versions(t, db, "widgets")); got != "[0 1]" && got != "[1]" {
		t.Errorf("widgets versions = %s, want 1", got)
	}

	// The migrations did what they say: the unique index is there.
	exec(t, db.Write, "INSERT INTO things (id, name) VALUES ('a', 'lamp')")
	if _, err := db.Write.Exec("INSERT INTO things (id, name) VALUES ('b', 'lamp')"); !sqlitedb.IsUniqueViolation(err) {
		t.Errorf("duplicate name: err = %v, want a unique violation", err)
	}

	// Running again is a no-op: no error, no new version rows, data kept.
	before := fmt.Sprint(versions(t, db, "things"))
	if err := db.Migrate(ctx, things); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	if after := fmt.Sprint(versions(t, db, "things")); after != before {
		t.Errorf("versions after a re-run = %s, were %s", after, before)
	}
	var n int
	if err := db.Read.QueryRow("SELECT count(*) FROM things").Scan(&n); err != nil || n != 1 {
		t.Errorf("things has %d rows (%v) after a re-run, want 1", n, err)
	}

	// A later migration is applied on its own.
	v2 := fstest.MapFS{"0003_things_colour.sql": {Data: []byte("-- +goose Up\nALTER TABLE things ADD COLUMN colour TEXT;\n-- +goose Down\nALTER TABLE things DROP COLUMN colour;\n")}}
	for k, v := range thingsV1 {
		v2[k] = v
	}
	if err := db.Migrate(ctx, sqlitedb.Schema{Name: "things", FS: v2}); err != nil {
		t.Fatalf("Migrate with a new migration: %v", err)
	}
	exec(t, db.Write, "UPDATE things SET colour = 'red'")
	if got := versions(t, db, "things"); got[len(got)-1] != 3 {
		t.Errorf("things versions = %v, want 3 last", got)
	}
}

func TestMigrateFails(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		schema sqlitedb.Schema
		want   string
	}{
		{"bad SQL", sqlitedb.Schema{Name: "broken", FS: fstest.MapFS{
			"0001_ok.sql":     {Data: []byte("-- +goose Up\nCREATE TABLE ok (x);\n")},
			"0002_broken.sql": {Data: []byte("-- +goose Up\nCREATE TABLEE nope (x);\n")},
		}}, "migrate broken"},
		{"no migrations", sqlitedb.Schema{Name: "empty", FS: fstest.MapFS{}}, "migrations of empty"},
		{"two files with one version", sqlitedb.Schema{Name: "dup", FS: fstest.MapFS{
			"0001_a.sql": {Data: []byte("-- +goose Up\nCREATE TABLE a (x);\n")},
			"0001_b.sql": {Data: []byte("-- +goose Up\nCREATE TABLE b (x);\n")},
		}}, "dup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db := open(t)
			err := db.Migrate(ctx, tt.schema)
			if err == nil {
				t.Fatal("Migrate succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}

	t.Run("earlier migrations stay applied", func(t *testing.T) {
		t.Parallel()
		db := open(t)
		if err := db.Migrate(ctx, tests[0].schema); err == nil {
			t.Fatal("Migrate succeeded")
		}
		if !tableNames(t, db)["ok"] {
			t.Error("the good migration before the broken one was rolled back")
		}
		if tableNames(t, db)["nope"] {
			t.Error("the broken migration left a table")
		}
	})
}

func TestSchemaFrom(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{"migrations/0001_create_widgets.sql": widgets["0001_create_widgets.sql"]}
	s := sqlitedb.SchemaFrom("widgets", fsys, "migrations")
	if s.Name != "widgets" {
		t.Errorf("Name = %q", s.Name)
	}
	db := sqlitedb.TestDB(t, s)
	if !tableNames(t, db)["widgets"] {
		t.Error("TestDB did not apply the schema from SchemaFrom")
	}

	defer func() {
		if recover() == nil {
			t.Error("SchemaFrom with an invalid dir did not panic")
		}
	}()
	sqlitedb.SchemaFrom("bad", fsys, "../outside")
}

func TestLock(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	release, err := sqlitedb.Lock(dir)
	if err != nil {
		t.Fatalf("first Lock: %v", err)
	}
	lockFile := filepath.Join(dir, "samspill.lock")
	pid, err := os.ReadFile(lockFile)
	if err != nil || strings.TrimSpace(string(pid)) != strconv.Itoa(os.Getpid()) {
		t.Errorf("lock file holds %q (%v), want this pid", pid, err)
	}

	again, err := sqlitedb.Lock(dir)
	if err == nil {
		again()
		t.Fatal("second Lock on the same dir succeeded")
	}
	if !errors.Is(err, sqlitedb.ErrLocked) {
		t.Errorf("error %v is not ErrLocked", err)
	}
	if !strings.Contains(err.Error(), lockFile) {
		t.Errorf("error %q does not name the lock file %s", err, lockFile)
	}

	// Another dir is independent.
	other, err := sqlitedb.Lock(t.TempDir())
	if err != nil {
		t.Errorf("Lock on another dir: %v", err)
	} else if err := other(); err != nil {
		t.Errorf("release other: %v", err)
	}

	if err := release(); err != nil {
		t.Fatalf("release: %v", err)
	}
	release, err = sqlitedb.Lock(dir)
	if err != nil {
		t.Fatalf("Lock after release: %v", err)
	}
	if err := release(); err != nil {
		t.Errorf("second release: %v", err)
	}
}

func TestLockMissingDir(t *testing.T) {
	t.Parallel()
	_, err := sqlitedb.Lock(filepath.Join(t.TempDir(), "missing"))
	if err == nil {
		t.Fatal("Lock in a missing dir succeeded")
	}
	if errors.Is(err, sqlitedb.ErrLocked) {
		t.Errorf("a missing dir is reported as locked: %v", err)
	}
}

func TestIsUniqueViolation(t *testing.T) {
	t.Parallel()
	db := open(t)
	exec(t, db.Write, `CREATE TABLE parents (id TEXT PRIMARY KEY)`)
	exec(t, db.Write, `CREATE TABLE items (
		id        TEXT PRIMARY KEY,
		seq       INTEGER UNIQUE,
		email     TEXT NOT NULL,
		qty       INTEGER CHECK (qty >= 0),
		parent_id TEXT REFERENCES parents(id)
	)`)
	exec(t, db.Write, `CREATE TABLE rows (n INTEGER PRIMARY KEY)`)
	exec(t, db.Write, `CREATE UNIQUE INDEX items_email ON items (lower(email))`)
	exec(t, db.Write, `INSERT INTO items (id, seq, email, qty) VALUES ('a', 1, 'a@example.org', 1)`)
	exec(t, db.Write, `INSERT INTO rows (n) VALUES (1)`)

	run := func(q string) error {
		_, err := db.Write.Exec(q)
		return err
	}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"primary key", run(`INSERT INTO items (id, seq, email) VALUES ('a', 2, 'b@example.org')`), true},
		{"integer primary key", run(`INSERT INTO rows (n) VALUES (1)`), true},
		{"unique column", run(`INSERT INTO items (id, seq, email) VALUES ('b', 1, 'b@example.org')`), true},
		{"unique index on an expression", run(`INSERT INTO items (id, seq, email) VALUES ('c', 3, 'A@example.org')`), true},
		{"wrapped", fmt.Errorf("insert item: %w", run(`INSERT INTO items (id, seq, email) VALUES ('a', 9, 'z@example.org')`)), true},
		{"not null", run(`INSERT INTO items (id, seq) VALUES ('d', 4)`), false},
		{"check", run(`INSERT INTO items (id, seq, email, qty) VALUES ('e', 5, 'e@example.org', -1)`), false},
		{"foreign key", run(`INSERT INTO items (id, seq, email, parent_id) VALUES ('f', 6, 'f@example.org', 'nobody')`), false},
		{"syntax", run(`INSERT INTO`), false},
		{"missing table", run(`INSERT INTO nothing VALUES (1)`), false},
		{"plain error", errors.New("UNIQUE constraint failed: items.id"), false},
		{"no rows", sql.ErrNoRows, false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		if tt.want && tt.err == nil {
			t.Errorf("%s: the statement did not fail", tt.name)
			continue
		}
		if got := sqlitedb.IsUniqueViolation(tt.err); got != tt.want {
			t.Errorf("%s: IsUniqueViolation(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

func TestMillisTime(t *testing.T) {
	t.Parallel()
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		oslo = time.FixedZone("CET", 3600) // no tz database on this machine
	}
	tests := []time.Time{
		time.Date(2026, 11, 25, 13, 45, 12, 123_456_789, time.UTC),
		time.Date(2026, 6, 1, 8, 0, 0, 999_999_999, oslo),
		time.Date(1969, 12, 31, 23, 59, 59, 500_000_001, time.UTC),
		time.Unix(0, 0),
		time.Date(2100, 1, 1, 0, 0, 0, 1_000_000, time.FixedZone("X", -7*3600)),
	}
	for _, in := range tests {
		ms := sqlitedb.Millis(in)
		if ms != in.UnixMilli() {
			t.Errorf("Millis(%v) = %d, want %d", in, ms, in.UnixMilli())
		}
		out := sqlitedb.Time(ms)
		if out.Location() != time.UTC {
			t.Errorf("Time(%d) is in %v, want UTC", ms, out.Location())
		}
		if want := in.Truncate(time.Millisecond); !out.Equal(want) {
			t.Errorf("Time(Millis(%v)) = %v, want %v", in, out, want)
		}
		if out.Nanosecond()%int(time.Millisecond) != 0 {
			t.Errorf("Time(%d) has sub-millisecond part %d", ms, out.Nanosecond())
		}
		if again := sqlitedb.Millis(out); again != ms {
			t.Errorf("Millis(Time(%d)) = %d", ms, again)
		}
	}
}

func TestNewID(t *testing.T) {
	t.Parallel()
	seen := make(map[string]bool)
	for range 10_000 {
		id := sqlitedb.NewID()
		if len(id) != 24 {
			t.Fatalf("NewID() = %q: %d characters, want 24", id, len(id))
		}
		for _, r := range id {
			if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
				t.Fatalf("NewID() = %q: not lower-case hex", id)
			}
		}
		if seen[id] {
			t.Fatalf("NewID() repeated %q", id)
		}
		seen[id] = true
	}
}

func TestLikePrefix(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", "%"},
		{"kultur", "kultur%"},
		{"50%", `50\%%`},
		{"a_b", `a\_b%`},
		{`c:\dir`, `c:\\dir%`},
		{`\%_`, `\\\%\_%`},
		{"Ålesund", "Ålesund%"},
	}
	for _, tt := range tests {
		if got := sqlitedb.LikePrefix(tt.in); got != tt.want {
			t.Errorf("LikePrefix(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}

	// And in a real query: wildcards in the prefix match only themselves.
	db := open(t)
	exec(t, db.Write, "CREATE TABLE words (w TEXT NOT NULL)")
	all := []string{"50% off", "50x off", "500", "a_b", "axb", `c:\dir`, `c:xdir`, "kultur", "kulturhus", "akultur"}
	for _, w := range all {
		exec(t, db.Write, "INSERT INTO words (w) VALUES (?)", w)
	}
	matches := func(prefix string) string {
		rows, err := db.Read.Query(`SELECT w FROM words WHERE w LIKE ? ESCAPE '\' ORDER BY w`, sqlitedb.LikePrefix(prefix))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var w string
			if err := rows.Scan(&w); err != nil {
				t.Fatal(err)
			}
			out = append(out, w)
		}
		return strings.Join(out, "|")
	}
	queries := []struct{ prefix, want string }{
		{"50%", "50% off"},
		{"a_", "a_b"},
		{`c:\`, `c:\dir`},
		{"kultur", "kultur|kulturhus"},
		{"", strings.Join(slices.Sorted(slices.Values(all)), "|")},
	}
	for _, q := range queries {
		if got := matches(q.prefix); got != q.want {
			t.Errorf("prefix %q matched %q, want %q", q.prefix, got, q.want)
		}
	}
}

// recorder is a testing.TB that records failures instead of failing the test,
// so the test can check that AssertUsesIndex fails when it should.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
	fatal  bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
	r.fatal = true
	r.mu.Unlock()
	runtime.Goexit()
}

// assertUsesIndex runs AssertUsesIndex with a recorder, in its own goroutine so
// a Fatalf can stop it, and returns the recorder.
func assertUsesIndex(t *testing.T, db *sqlitedb.DB, sortedByIndex bool, query string, args ...any) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sqlitedb.AssertUsesIndex(r, db, sortedByIndex, query, args...)
	}()
	<-done
	return r
}

func TestAssertUsesIndex(t *testing.T) {
	t.Parallel()
	db := open(t)
	exec(t, db.Write, `CREATE TABLE posts (
		id         TEXT PRIMARY KEY,
		thread_id  TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		body       TEXT NOT NULL
	)`)
	exec(t, db.Write, "CREATE INDEX posts_thread ON posts (thread_id, created_at, id)")
	exec(t, db.Write, "CREATE TABLE counters (n INTEGER PRIMARY KEY, v INTEGER)")

	tests := []struct {
		name     string
		sorted   bool
		query    string
		args     []any
		failures int
		mention  string
	}{
		{"page through an index", true,
			"SELECT id FROM posts WHERE thread_id = ? AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT 21",
			[]any{"t1", 0, ""}, 0, ""},
		{"by primary key", true, "SELECT body FROM posts WHERE id = ?", []any{"p1"}, 0, ""},
		{"by integer primary key", true, "SELECT v FROM counters WHERE n = ?", []any{1}, 0, ""},
		{"full scan", false, "SELECT id FROM posts WHERE body = ?", []any{"x"}, 1, "scans a table without an index"},
		{"full scan, sorted too", true, "SELECT id FROM posts WHERE body = ? ORDER BY created_at", []any{"x"}, 2, "temporary b-tree"},
		{"index then sort, sorted wanted", true, "SELECT id FROM posts WHERE thread_id = ? ORDER BY body", []any{"t1"}, 1, "temporary b-tree"},
		{"index then sort, allowed", false, "SELECT id FROM posts WHERE thread_id = ? ORDER BY body", []any{"t1"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := assertUsesIndex(t, db, tt.sorted, tt.query, tt.args...)
			if r.fatal {
				t.Fatalf("Fatalf: %v", r.errors)
			}
			if len(r.errors) != tt.failures {
				t.Fatalf("AssertUsesIndex reported %d failures, want %d: %q", len(r.errors), tt.failures, r.errors)
			}
			if tt.mention != "" && !strings.Contains(strings.Join(r.errors, "\n"), tt.mention) {
				t.Errorf("failures %q do not mention %q", r.errors, tt.mention)
			}
		})
	}

	t.Run("plan text", func(t *testing.T) {
		t.Parallel()
		plan, err := sqlitedb.QueryPlan(context.Background(), db, "SELECT id FROM posts WHERE body = ?", "x")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(plan, "SCAN posts") {
			t.Errorf("plan = %q, want a SCAN of posts", plan)
		}
		plan, err = sqlitedb.QueryPlan(context.Background(), db, "SELECT id FROM posts WHERE thread_id = ? ORDER BY created_at", "t1")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(plan, "SEARCH posts USING") || !strings.Contains(plan, "posts_thread") {
			t.Errorf("plan = %q, want a SEARCH through posts_thread", plan)
		}
	})

	t.Run("bad query", func(t *testing.T) {
		t.Parallel()
		if _, err := sqlitedb.QueryPlan(context.Background(), db, "SELECT nope FROM nowhere"); err == nil {
			t.Error("QueryPlan of a bad query succeeded")
		}
		r := assertUsesIndex(t, db, false, "SELECT nope FROM nowhere")
		if !r.fatal || len(r.errors) != 1 || !strings.Contains(r.errors[0], "explain") {
			t.Errorf("AssertUsesIndex on a bad query: fatal=%v errors=%q", r.fatal, r.errors)
		}
	})
}

func TestTestDB(t *testing.T) {
	t.Parallel()
	var path string
	t.Run("inner", func(t *testing.T) {
		db := sqlitedb.TestDB(t, sqlitedb.Schema{Name: "things", FS: thingsV1})
		path = db.Path
		exec(t, db.Write, "INSERT INTO things (id, name) VALUES (?, ?)", sqlitedb.NewID(), "lamp")
	})
	// The inner test's cleanup closed the database and removed its directory.
	if path == "" {
		t.Fatal("TestDB gave no path")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("database file still there after the test: %v", err)
	}
}

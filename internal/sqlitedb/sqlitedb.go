// Package sqlitedb is the plumbing every feature's SQLite adapter stands on: opening the
// embedded database (WAL, one writer, a pool of readers), running each feature's
// migrations, the data-dir lock, ids and time conversion, and a test helper.
package sqlitedb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/pressly/goose/v3"
	"go.mongodb.org/mongo-driver/v2/bson"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DB holds two pools on one database file. SQLite allows one writer at a time, so
// Write has a single connection: writes queue in Go instead of failing with
// SQLITE_BUSY. Read has several connections that never write (query_only), which
// WAL lets run alongside the writer.
type DB struct {
	Write *sql.DB
	Read  *sql.DB
	Path  string
}

// FileName is the database file inside the data dir.
const FileName = "samspill.db"

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{
		"journal_mode(WAL)",
		"busy_timeout(10000)",
		"foreign_keys(1)",
		// FULL: a post or an upload a user was told is saved survives a power cut.
		"synchronous(FULL)",
		// Reads map the file instead of copying pages through read calls, and
		// each connection keeps 16 MB of pages: a big forum's hot index pages
		// stay in memory as the data grows.
		"mmap_size(268435456)",
		"cache_size(-16384)",
	} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// BEGIN IMMEDIATE takes the write lock at the start of a transaction, so a
		// read-then-write transaction cannot deadlock against another writer.
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path.
func Open(ctx context.Context, path string) (*DB, error) {
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite writer: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite database %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite readers: %w", err)
	}
	n := max(4, runtime.NumCPU()*2)
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return &DB{Write: w, Read: r, Path: path}, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	return errors.Join(db.Read.Close(), db.Write.Close())
}

// Ping checks that the database answers a query (used by /readyz).
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.Read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Schema is one feature's migrations: files named like 0001_create_orgs.sql at the
// root of FS, in goose's format (-- +goose Up / -- +goose Down). Each feature keeps
// its own version table, so features own their tables and evolve independently.
type Schema struct {
	Name string
	FS   fs.FS
}

// Migrate applies every pending migration of each schema, in order.
func (db *DB) Migrate(ctx context.Context, schemas ...Schema) error {
	for _, s := range schemas {
		p, err := goose.NewProvider(goose.DialectSQLite3, db.Write, s.FS,
			goose.WithTableName("schema_version_"+s.Name),
			goose.WithDisableGlobalRegistry(true))
		if err != nil {
			return fmt.Errorf("migrations of %s: %w", s.Name, err)
		}
		if _, err := p.Up(ctx); err != nil {
			return fmt.Errorf("migrate %s: %w", s.Name, err)
		}
	}
	return nil
}

// ErrLocked is returned by Lock when another process holds the data dir.
var ErrLocked = errors.New("the data dir is in use by another Samspill process")

// Lock takes an exclusive lock on dataDir so that a second server on the same
// embedded database refuses to start instead of corrupting it. The lock is held
// until release is called or the process exits.
func Lock(dataDir string) (release func() error, err error) {
	path := filepath.Join(dataDir, "samspill.lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w (%s); stop the other server, or give this one another SAMSPILL_DATA_DIR", ErrLocked, path)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	_ = f.Truncate(0)
	_, _ = fmt.Fprintf(f, "%d\n", os.Getpid())
	return func() error {
		return errors.Join(syscall.Flock(int(f.Fd()), syscall.LOCK_UN), f.Close())
	}, nil
}

// NewID returns a new id in the same shape as MongoDB's ObjectIDs (24 hex digits),
// so the API speaks one id format whichever database runs underneath.
func NewID() string { return bson.NewObjectID().Hex() }

// Millis converts t for storage: times are kept as UTC Unix milliseconds, the same
// precision MongoDB keeps.
func Millis(t time.Time) int64 { return t.UnixMilli() }

// Time converts stored milliseconds back to a UTC time.
func Time(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// IsUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY constraint failure.
func IsUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// LikePrefix escapes s for use as a prefix in `LIKE ? ESCAPE '\'`.
func LikePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// SchemaFrom makes a Schema from the migrations in dir of an embedded file system.
func SchemaFrom(name string, fsys fs.FS, dir string) Schema {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // dir is embedded at build time; a typo fails every test at once
	}
	return Schema{Name: name, FS: sub}
}

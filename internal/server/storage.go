package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/blob"
	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/library"
	"github.com/samspill/samspill/internal/mail"
	"github.com/samspill/samspill/internal/mongodb"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/search"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/user"
)

// sqliteSchemas are every feature's tables, in the order they are migrated.
var sqliteSchemas = []sqlitedb.Schema{org.SQLiteSchema, user.SQLiteSchema, auth.SQLiteSchema, mail.SQLiteSchema, network.SQLiteSchema, forum.SQLiteSchema, search.SQLiteSchema, library.SQLiteSchema}

// mongoIndexes are every feature's declared indexes.
func mongoIndexes() []mongodb.Index {
	var all []mongodb.Index
	for _, list := range [][]mongodb.Index{org.MongoIndexes, user.MongoIndexes, auth.MongoIndexes, mail.MongoIndexes, network.MongoIndexes, forum.MongoIndexes, search.MongoIndexes, library.MongoIndexes} {
		all = append(all, list...)
	}
	return all
}

// Storage is the database the features run on: the embedded SQLite database or
// MongoDB, never both; this replica's own search index in the data dir; and
// where files are kept: in the data dir beside SQLite, in GridFS on MongoDB
// (replicated and backed up with the rest).
type Storage struct {
	SQLite *sqlitedb.DB
	Mongo  *mongo.Database
	Search search.Engine
	Blobs  blob.Store
	close  func() error
}

// SearchIndexPath is where a replica keeps its search index.
func SearchIndexPath(cfg config.Config) string { return filepath.Join(cfg.DataDir, "search.bleve") }

// openSearch opens the replica's search index and makes Close close it too.
func (s *Storage) openSearch(cfg config.Config) error {
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	e, err := search.OpenBleve(SearchIndexPath(cfg))
	if err != nil {
		return err
	}
	s.Search = e
	closeDB := s.close
	s.close = func() error { return errors.Join(e.Close(), closeDB()) }
	return nil
}

// OpenStorage opens the database cfg names and brings its schema up to date:
// SQLite migrations, or MongoDB indexes.
func OpenStorage(ctx context.Context, cfg config.Config, log *slog.Logger) (*Storage, error) {
	if !cfg.Embedded() {
		client, db, err := mongodb.Connect(ctx, cfg.MongoURI)
		if err != nil {
			return nil, err
		}
		if err := mongodb.EnsureIndexes(ctx, db, mongoIndexes()); err != nil {
			_ = client.Disconnect(context.Background())
			return nil, err
		}
		log.Info("storage: MongoDB", "database", db.Name())
		st := &Storage{Mongo: db, Blobs: blob.NewGridFSStore(db, library.BlobBucket),
			close: func() error { return client.Disconnect(context.Background()) }}
		if err := st.openSearch(cfg); err != nil {
			_ = st.Close()
			return nil, err
		}
		return st, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data dir: %w", err)
	}
	unlock, err := sqlitedb.Lock(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(cfg.DataDir, sqlitedb.FileName)
	db, err := sqlitedb.Open(ctx, path)
	if err != nil {
		_ = unlock()
		return nil, err
	}
	if err := db.Migrate(ctx, sqliteSchemas...); err != nil {
		_ = db.Close()
		_ = unlock()
		return nil, err
	}
	blobs, err := blob.NewFileStore(filepath.Join(cfg.DataDir, "blobs"))
	if err != nil {
		_ = db.Close()
		_ = unlock()
		return nil, err
	}
	log.Info("storage: embedded SQLite", "path", path)
	st := &Storage{SQLite: db, Blobs: blobs, close: func() error { return errors.Join(db.Close(), unlock()) }}
	if err := st.openSearch(cfg); err != nil {
		_ = st.Close()
		return nil, err
	}
	return st, nil
}

// Close closes the database (and releases the data-dir lock).
func (s *Storage) Close() error { return s.close() }

// Ping checks that the database answers.
func (s *Storage) Ping(ctx context.Context) error {
	if s.SQLite != nil {
		return s.SQLite.Ping(ctx)
	}
	return s.Mongo.Client().Ping(ctx, nil)
}

// EnsureIndexes creates every declared MongoDB index (samspillctl ensure-indexes).
func (s *Storage) EnsureIndexes(ctx context.Context) error {
	if s.Mongo == nil {
		return nil // SQLite indexes come with the migrations
	}
	return mongodb.EnsureIndexes(ctx, s.Mongo, mongoIndexes())
}

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
	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/mail"
	"github.com/samspill/samspill/internal/mongodb"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/user"
)

// sqliteSchemas are every feature's tables, in the order they are migrated.
var sqliteSchemas = []sqlitedb.Schema{org.SQLiteSchema, user.SQLiteSchema, auth.SQLiteSchema, mail.SQLiteSchema, network.SQLiteSchema, forum.SQLiteSchema}

// mongoIndexes are every feature's declared indexes.
func mongoIndexes() []mongodb.Index {
	var all []mongodb.Index
	for _, list := range [][]mongodb.Index{org.MongoIndexes, user.MongoIndexes, auth.MongoIndexes, mail.MongoIndexes, network.MongoIndexes, forum.MongoIndexes} {
		all = append(all, list...)
	}
	return all
}

// Storage is the database the features run on: the embedded SQLite database or
// MongoDB, never both.
type Storage struct {
	SQLite *sqlitedb.DB
	Mongo  *mongo.Database
	close  func() error
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
		return &Storage{Mongo: db, close: func() error { return client.Disconnect(context.Background()) }}, nil
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
	log.Info("storage: embedded SQLite", "path", path)
	return &Storage{SQLite: db, close: func() error { return errors.Join(db.Close(), unlock()) }}, nil
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

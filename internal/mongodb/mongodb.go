// Package mongodb is the plumbing every feature's MongoDB adapter stands on: the
// connection with production-safe defaults, index declarations ensured at start-up,
// id parsing and the duplicate-key check that covers MongoDB and FerretDB alike.
package mongodb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readconcern"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/connstring"
)

// DefaultDatabase is used when the URI names no database.
const DefaultDatabase = "samspill"

// Connect opens a client for uri with the settings production needs on a replica
// set: writes acknowledged by a majority and journaled, retryable reads and writes,
// and majority read concern so a read on any replica sees acknowledged writes.
func Connect(ctx context.Context, uri string) (*mongo.Client, *mongo.Database, error) {
	cs, err := connstring.ParseAndValidate(uri)
	if err != nil {
		return nil, nil, fmt.Errorf("MONGODB_URI: %w", err)
	}
	name := cs.Database
	if name == "" {
		name = DefaultDatabase
	}
	opts := options.Client().ApplyURI(uri).
		SetWriteConcern(writeconcern.Majority()).
		SetReadConcern(readconcern.Majority()).
		SetRetryWrites(true).
		SetRetryReads(true).
		SetServerSelectionTimeout(10 * time.Second).
		SetAppName("samspill")
	opts.WriteConcern.Journal = ptr(true)
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to MongoDB: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := client.Ping(pingCtx, nil); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, nil, fmt.Errorf("reach MongoDB: %w", err)
	}
	return client, client.Database(name), nil
}

func ptr[T any](v T) *T { return &v }

// Index declares one index a feature's queries need. Features keep their list
// beside their queries so a reviewer can check each filter and sort against it.
type Index struct {
	Collection string
	Keys       bson.D
	Unique     bool
}

// name is deterministic so ensuring the same declaration twice is a no-op.
func (ix Index) name() string {
	parts := make([]string, 0, len(ix.Keys))
	for _, k := range ix.Keys {
		parts = append(parts, fmt.Sprintf("%s_%v", k.Key, k.Value))
	}
	return strings.Join(parts, "_")
}

// EnsureIndexes creates every declared index that does not exist yet, one at
// a time: FerretDB v1 drops the connection when a multi-index createIndexes
// names indexes that already exist, and asking first is cheap.
func EnsureIndexes(ctx context.Context, db *mongo.Database, indexes []Index) error {
	existing := map[string]map[string]bool{}
	for _, ix := range indexes {
		names, ok := existing[ix.Collection]
		if !ok {
			names = map[string]bool{}
			specs, err := db.Collection(ix.Collection).Indexes().ListSpecifications(ctx)
			if err != nil {
				return fmt.Errorf("list indexes of %s: %w", ix.Collection, err)
			}
			for _, s := range specs {
				names[s.Name] = true
			}
			existing[ix.Collection] = names
		}
		if names[ix.name()] {
			continue
		}
		opts := options.Index().SetName(ix.name())
		if ix.Unique {
			opts.SetUnique(true)
		}
		if _, err := db.Collection(ix.Collection).Indexes().CreateOne(ctx, mongo.IndexModel{Keys: ix.Keys, Options: opts}); err != nil {
			return fmt.Errorf("ensure index %s on %s: %w", ix.name(), ix.Collection, err)
		}
		names[ix.name()] = true
	}
	return nil
}

// IsDuplicate reports a unique-index violation. MongoDB says E11000; FerretDB v1
// reports duplicates from updates as an InternalError "UNIQUE constraint failed".
func IsDuplicate(err error) bool {
	if err == nil {
		return false
	}
	if mongo.IsDuplicateKeyError(err) {
		return true
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// ErrBadID is returned by ParseID for anything but 24 hex digits.
var ErrBadID = errors.New("not an id")

// ParseID turns an API id into an ObjectID. Callers usually answer not found for a
// malformed id: to a user it is a link that leads nowhere.
func ParseID(s string) (bson.ObjectID, error) {
	id, err := bson.ObjectIDFromHex(s)
	if err != nil {
		return bson.ObjectID{}, ErrBadID
	}
	return id, nil
}

// Millis truncates t to what MongoDB stores, so values compare equal after a round trip.
func Millis(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

// bulkChunk bounds the writes sent in one command. FerretDB v1 keeps a database
// connection open for every update of a batch until the whole command ends, and
// its pool has 100; bigger batches deadlock it. MongoDB does not care either way.
const bulkChunk = 50

// BulkWrite runs models as unordered bulk writes in chunks that every server we
// test on accepts.
func BulkWrite(ctx context.Context, c *mongo.Collection, models []mongo.WriteModel) error {
	for start := 0; start < len(models); start += bulkChunk {
		end := min(start+bulkChunk, len(models))
		if _, err := c.BulkWrite(ctx, models[start:end], options.BulkWrite().SetOrdered(false)); err != nil {
			return err
		}
	}
	return nil
}

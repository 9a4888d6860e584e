// Package storetest runs a feature's store conformance suite against both of
// its adapters, so every feature tests SQLite and MongoDB the same way.
package storetest

import (
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/mongodb"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// Each runs test twice, in parallel: on the feature's SQLite store over a
// fresh embedded database with schema, and on its MongoDB store over a fresh
// database (FerretDB in-process, or SAMSPILL_TEST_MONGODB_URI) with indexes
// ensured. The package's TestMain must call mongotest.Main.
func Each[S any](t *testing.T, schema sqlitedb.Schema, indexes []mongodb.Index,
	onSQLite func(*sqlitedb.DB) S, onMongo func(*mongo.Database) S, test func(*testing.T, S)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		test(t, onSQLite(sqlitedb.TestDB(t, schema)))
	})
	t.Run("mongo", func(t *testing.T) {
		t.Parallel()
		db := mongotest.DB(t)
		if err := mongodb.EnsureIndexes(t.Context(), db, indexes); err != nil {
			t.Fatal(err)
		}
		test(t, onMongo(db))
	})
}

// Package mongotest gives tests a MongoDB database of their own. By default it runs
// FerretDB v1 in-process on a temporary SQLite directory, so CI needs nothing
// installed; with SAMSPILL_TEST_MONGODB_URI set it uses that real MongoDB instead.
// Only test files import this package, so FerretDB never ships in the server binary.
package mongotest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/mongodb"
)

var (
	once       sync.Once
	client     *mongo.Client
	startErr   error
	serverURI  string
	stopFerret func()
)

// Main runs a package's tests and then stops FerretDB and removes its files. Use it
// from TestMain in every package whose tests call DB:
//
//	func TestMain(m *testing.M) { mongotest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if client != nil {
		_ = client.Disconnect(context.Background())
	}
	if stopFerret != nil {
		stopFerret()
	}
	os.Exit(code)
}

// URI returns the URI of the test server, starting FerretDB on first use.
func URI(tb testing.TB) string {
	tb.Helper()
	start()
	if startErr != nil {
		tb.Fatalf("start test MongoDB: %v", startErr)
	}
	return serverURI
}

func start() {
	once.Do(func() {
		uri := os.Getenv("SAMSPILL_TEST_MONGODB_URI")
		if uri == "" {
			uri, startErr = startFerretDB()
			if startErr != nil {
				return
			}
		}
		serverURI = uri
		client, _, startErr = mongodb.Connect(context.Background(), uri)
	})
}

func startFerretDB() (string, error) {
	dir, err := os.MkdirTemp("", "samspill-ferretdb-")
	if err != nil {
		return "", err
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/",
		// FerretDB logs every command it does not know (endSessions…) as a warning.
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = f.Run(ctx); close(done) }()
	stopFerret = func() {
		cancel()
		<-done
		_ = os.RemoveAll(dir)
	}
	return f.MongoDBURI(), nil
}

// DB returns a new, empty database for this test, dropped when the test ends.
func DB(tb testing.TB) *mongo.Database {
	tb.Helper()
	URI(tb)
	var b [6]byte
	_, _ = rand.Read(b[:])
	db := client.Database(fmt.Sprintf("test_%s", hex.EncodeToString(b[:])))
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := db.Drop(ctx); err != nil {
			tb.Errorf("drop test database %s: %v", db.Name(), err)
		}
	})
	return db
}

// AtomicUpdates reports whether the test server applies each single-document
// update atomically, as MongoDB does. FerretDB v1 does not: it reads the matching
// documents and writes them back on other connections without a transaction, so
// racing $inc or conditional updates lose writes there. Tests that prove our
// race-freedom run their racing part on SQLite and on a real MongoDB
// (SAMSPILL_TEST_MONGODB_URI), and the same calls one after another on FerretDB.
func AtomicUpdates(tb testing.TB) bool {
	tb.Helper()
	URI(tb)
	return os.Getenv("SAMSPILL_TEST_MONGODB_URI") != ""
}

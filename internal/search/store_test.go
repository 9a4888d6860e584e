package search

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/mongodb/mongotest"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/storetest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

func forEachStore(t *testing.T, test func(t *testing.T, s store)) {
	storetest.Each(t, SQLiteSchema, MongoIndexes,
		func(db *sqlitedb.DB) store { return NewSQLiteStore(db) },
		func(db *mongo.Database) store { return NewMongoStore(db) }, test)
}

func race(t *testing.T, s store, n int, fn func(i int)) {
	t.Helper()
	if _, onMongo := s.(*mongoStore); onMongo && !mongotest.AtomicUpdates(t) {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); fn(i) }()
	}
	wg.Wait()
}

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func TestStoreChangeLog(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		if last, err := s.Last(ctx); err != nil || last != 0 {
			t.Fatalf("empty log: %d %v", last, err)
		}
		var mu sync.Mutex
		seqs := map[int64]bool{}
		race(t, s, 20, func(i int) {
			seq, err := s.Append(ctx, "post", "p"+string(rune('a'+i)), t0.Add(time.Duration(i)*time.Minute))
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if seqs[seq] {
				t.Errorf("sequence %d given twice", seq)
			}
			seqs[seq] = true
		})
		last, err := s.Last(ctx)
		if err != nil || last < 20 {
			t.Fatalf("last %d %v", last, err)
		}
		got, err := s.Since(ctx, 0, 7)
		if err != nil || len(got) != 7 {
			t.Fatalf("since 0: %d %v", len(got), err)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Seq <= got[i-1].Seq {
				t.Errorf("out of order: %v", got)
			}
		}
		rest, _ := s.Since(ctx, got[6].Seq, 100)
		if len(got)+len(rest) != 20 || got[0].Kind != "post" {
			t.Errorf("paged %d + %d", len(got), len(rest))
		}
		// Trim keeps the newest change, so Last stays right.
		if err := s.Trim(ctx, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		left, _ := s.Since(ctx, 0, 100)
		if len(left) != 1 {
			t.Errorf("after trimming: %d changes left", len(left))
		}
		if l, _ := s.Last(ctx); l != last {
			t.Errorf("last moved from %d to %d", last, l)
		}
	})
}

func TestStoreQueryStatistics(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		day := t0.Truncate(24 * time.Hour)
		for _, c := range []struct {
			scope, q string
			day      time.Time
			empty    bool
		}{
			{"", "kulturplan", day, false}, {"", "kulturplan", day, false}, {"", "kulturplan", day.AddDate(0, 0, -1), false},
			{"", "ventelister", day, false}, {"", "tilskudd lydstudio", day, true}, {"", "tilskudd lydstudio", day, true},
			{"n1", "kulturplan", day, false}, {"", "gammelt", day.AddDate(0, 0, -100), true},
		} {
			if err := s.CountQuery(ctx, c.scope, c.q, c.day, c.empty); err != nil {
				t.Fatal(err)
			}
		}
		top, err := s.TopQueries(ctx, "", day.AddDate(0, 0, -30), false, 10)
		if err != nil || len(top) != 3 || top[0] != (QueryCount{"kulturplan", 3, 0}) || top[1] != (QueryCount{"tilskudd lydstudio", 2, 2}) {
			t.Errorf("top %+v %v", top, err)
		}
		empty, err := s.TopQueries(ctx, "", day.AddDate(0, 0, -30), true, 10)
		if err != nil || len(empty) != 1 || empty[0].Query != "tilskudd lydstudio" {
			t.Errorf("empty %+v %v", empty, err)
		}
		scoped, _ := s.TopQueries(ctx, "n1", day.AddDate(0, 0, -30), false, 10)
		if len(scoped) != 1 || scoped[0].Count != 1 {
			t.Errorf("scoped %+v", scoped)
		}
	})
}

// staticSource serves documents straight from the change itself, so the test
// exercises the indexer's following of the log and nothing else.
type staticSource struct{}

func (staticSource) Load(_ context.Context, kind, ref string) ([]Doc, []string, error) {
	if kind == "gone" {
		return nil, []string{"thread:" + ref}, nil
	}
	return []Doc{{ID: "thread:" + ref, Type: TypeThread, NetworkID: "n", Title: "Kulturplan " + ref, Date: t0}}, nil, nil
}

func (staticSource) Walk(_ context.Context, fn func([]Doc) error) error {
	return fn([]Doc{{ID: "thread:walked", Type: TypeThread, NetworkID: "n", Title: "Kulturplan walked", Date: t0}})
}

func found(t *testing.T, e Engine, q string) int {
	t.Helper()
	res, err := e.Search(context.Background(), Query{Text: q, Limit: 50, Access: Access{Admin: true}})
	if err != nil {
		t.Fatal(err)
	}
	return int(res.Total)
}

// A sequence number taken by a writer that has not inserted its change yet
// (possible on MongoDB) holds the indexer's position back until it appears or
// grows old; changes after it are applied meanwhile.
func TestIndexerWaitsForGaps(t *testing.T) {
	ctx := context.Background()
	db := mongotest.DB(t)
	s := NewMongoStore(db)
	e := testEngine(t)
	now := t0
	clock := func() time.Time { return now }
	ix := NewIndexer(s, e, staticSource{}, NewChanges(s, clock, slog.Default()), clock, slog.Default())

	if _, err := s.Append(ctx, "thread", "a", now); err != nil {
		t.Fatal(err)
	}
	// Take number 2 as a slow writer would, without inserting the change.
	if _, err := s.counters.UpdateOne(ctx, bson.D{{Key: "_id", Value: changesColl}}, bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: int64(1)}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(ctx, "thread", "c", now); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Step(ctx); err != nil {
		t.Fatal(err)
	}
	if applied, _ := e.Applied(); applied != 1 {
		t.Errorf("applied %d, want 1: the gap at 2 holds it", applied)
	}
	if found(t, e, "kulturplan") != 2 {
		t.Error("changes after the gap were not applied meanwhile")
	}
	// The late writer inserts number 2.
	if _, err := s.changes.InsertOne(ctx, bson.D{{Key: "_id", Value: int64(2)}, {Key: "kind", Value: "thread"}, {Key: "ref", Value: "b"}, {Key: "at", Value: now}}); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Step(ctx); err != nil {
		t.Fatal(err)
	}
	if applied, _ := e.Applied(); applied != 3 || found(t, e, "kulturplan") != 3 {
		t.Errorf("after the gap filled: applied %d, %d found", applied, found(t, e, "kulturplan"))
	}
	// A gap that never fills is passed after a while.
	if _, err := s.counters.UpdateOne(ctx, bson.D{{Key: "_id", Value: changesColl}}, bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: int64(1)}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(ctx, "gone", "a", now); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Step(ctx); err != nil {
		t.Fatal(err)
	}
	if applied, _ := e.Applied(); applied != 3 {
		t.Errorf("passed a young gap: %d", applied)
	}
	now = now.Add(gapWait + time.Second)
	if _, err := ix.Step(ctx); err != nil {
		t.Fatal(err)
	}
	if applied, _ := e.Applied(); applied != 5 || found(t, e, "kulturplan") != 2 {
		t.Errorf("after the gap aged: applied %d, %d found", applied, found(t, e, "kulturplan"))
	}

	// Rebuild indexes everything and takes the log's end as its position.
	e2 := testEngine(t)
	ix2 := NewIndexer(s, e2, staticSource{}, NewChanges(s, clock, slog.Default()), clock, slog.Default())
	if stale, err := ix2.stale(ctx); err != nil || !stale {
		t.Errorf("an empty index is not stale: %v %v", stale, err)
	}
	if err := ix2.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if applied, _ := e2.Applied(); applied != 5 || found(t, e2, "walked") != 1 {
		t.Errorf("rebuilt: applied %d", applied)
	}
}

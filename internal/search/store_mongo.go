package search

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/mongodb"
)

const (
	changesColl  = "search_changes"
	countersColl = "search_counters"
	queriesColl  = "search_queries"
)

// MongoIndexes serve every query below. The change log is keyed by its
// sequence number (_id), so "changes after n" is a range read of _id.
var MongoIndexes = []mongodb.Index{
	{Collection: changesColl, Keys: bson.D{{Key: "at", Value: 1}}},
	{Collection: queriesColl, Keys: bson.D{{Key: "scope", Value: 1}, {Key: "day", Value: 1}, {Key: "query", Value: 1}}, Unique: true},
}

type mongoStore struct {
	changes, counters, queries *mongo.Collection
}

var _ store = (*mongoStore)(nil)

// NewMongoStore returns the store on MongoDB.
func NewMongoStore(db *mongo.Database) *mongoStore {
	return &mongoStore{changes: db.Collection(changesColl), counters: db.Collection(countersColl), queries: db.Collection(queriesColl)}
}

// Append takes the next number from a counter document ($inc is atomic on
// MongoDB) and inserts the change under it. The indexer tolerates a number
// that is taken but not (yet) inserted: see Indexer.
func (s *mongoStore) Append(ctx context.Context, kind, ref string, at time.Time) (int64, error) {
	for try := 0; ; try++ {
		var counter struct {
			Seq int64 `bson:"seq"`
		}
		err := s.counters.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: changesColl}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: int64(1)}}}},
			options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&counter)
		if err != nil {
			if mongodb.IsDuplicate(err) && try < 5 { // two first appends at once
				continue
			}
			return 0, err
		}
		_, err = s.changes.InsertOne(ctx, bson.D{{Key: "_id", Value: counter.Seq}, {Key: "kind", Value: kind},
			{Key: "ref", Value: ref}, {Key: "at", Value: mongodb.Millis(at)}})
		// Only a server without atomic updates (FerretDB in tests) hands out a
		// number twice; take the next one.
		if mongodb.IsDuplicate(err) && try < 5 {
			continue
		}
		return counter.Seq, err
	}
}

func (s *mongoStore) Since(ctx context.Context, seq int64, limit int) ([]change, error) {
	cur, err := s.changes.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: seq}}}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, err
	}
	var docs []struct {
		Seq  int64     `bson:"_id"`
		Kind string    `bson:"kind"`
		Ref  string    `bson:"ref"`
		At   time.Time `bson:"at"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, err
	}
	out := make([]change, len(docs))
	for i, d := range docs {
		out[i] = change{Seq: d.Seq, Kind: d.Kind, Ref: d.Ref, At: d.At.UTC()}
	}
	return out, nil
}

func (s *mongoStore) Last(ctx context.Context) (int64, error) {
	var counter struct {
		Seq int64 `bson:"seq"`
	}
	err := s.counters.FindOne(ctx, bson.D{{Key: "_id", Value: changesColl}}).Decode(&counter)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, nil
	}
	return counter.Seq, err
}

func (s *mongoStore) Trim(ctx context.Context, before time.Time) error {
	last, err := s.Last(ctx)
	if err != nil {
		return err
	}
	_, err = s.changes.DeleteMany(ctx, bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: mongodb.Millis(before)}}},
		{Key: "_id", Value: bson.D{{Key: "$lt", Value: last}}}})
	return err
}

func (s *mongoStore) CountQuery(ctx context.Context, scope, query string, day time.Time, empty bool) error {
	e := 0
	if empty {
		e = 1
	}
	_, err := s.queries.UpdateOne(ctx, bson.D{{Key: "scope", Value: scope}, {Key: "day", Value: mongodb.Millis(day)}, {Key: "query", Value: query}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "count", Value: 1}, {Key: "emptyCount", Value: e}}}}, options.UpdateOne().SetUpsert(true))
	if mongodb.IsDuplicate(err) { // two first counts at once: the other created it
		return s.CountQuery(ctx, scope, query, day, empty)
	}
	return err
}

// TopQueries groups with $match, $group($sum), $sort and $limit: the
// aggregation subset MongoDB and FerretDB run the same. FerretDB v1 computes
// only the first $sum of a $group (later ones come back 0), so each total is
// its own aggregation: the ranking one, then the other for the queries found.
func (s *mongoStore) TopQueries(ctx context.Context, scope string, since time.Time, emptyOnly bool, limit int) ([]QueryCount, error) {
	rankBy, other := "count", "emptyCount"
	if emptyOnly {
		rankBy, other = "emptyCount", "count"
	}
	ranked, err := s.sumBy(ctx, scope, since, rankBy, nil, limit)
	if err != nil || len(ranked) == 0 {
		return []QueryCount{}, err
	}
	queries := make([]string, len(ranked))
	for i, r := range ranked {
		queries[i] = r.query
	}
	others, err := s.sumBy(ctx, scope, since, other, queries, 0)
	if err != nil {
		return nil, err
	}
	otherOf := map[string]int{}
	for _, o := range others {
		otherOf[o.query] = o.sum
	}
	out := make([]QueryCount, len(ranked))
	for i, r := range ranked {
		if emptyOnly {
			out[i] = QueryCount{Query: r.query, Count: otherOf[r.query], Empty: r.sum}
		} else {
			out[i] = QueryCount{Query: r.query, Count: r.sum, Empty: otherOf[r.query]}
		}
	}
	return out, nil
}

type querySum struct {
	query string
	sum   int
}

// sumBy totals one field per query; with limit > 0 it returns the largest
// non-zero totals in order, else the totals of the given queries.
func (s *mongoStore) sumBy(ctx context.Context, scope string, since time.Time, field string, queries []string, limit int) ([]querySum, error) {
	match := bson.D{{Key: "scope", Value: scope}, {Key: "day", Value: bson.D{{Key: "$gte", Value: mongodb.Millis(since)}}}}
	if queries != nil {
		match = append(match, bson.E{Key: "query", Value: bson.D{{Key: "$in", Value: queries}}})
	}
	pipeline := mongo.Pipeline{
		{{Key: "$match", Value: match}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$query"}, {Key: "total", Value: bson.D{{Key: "$sum", Value: "$" + field}}}}}},
	}
	if limit > 0 {
		pipeline = append(pipeline,
			bson.D{{Key: "$match", Value: bson.D{{Key: "total", Value: bson.D{{Key: "$gt", Value: 0}}}}}},
			bson.D{{Key: "$sort", Value: bson.D{{Key: "total", Value: -1}, {Key: "_id", Value: 1}}}},
			bson.D{{Key: "$limit", Value: limit}})
	}
	cur, err := s.queries.Aggregate(ctx, pipeline)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Query string `bson:"_id"`
		Total int    `bson:"total"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, err
	}
	out := make([]querySum, len(rows))
	for i, r := range rows {
		out[i] = querySum{query: r.Query, sum: r.Total}
	}
	return out, nil
}

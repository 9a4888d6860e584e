package mail

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/mongodb"
)

const outboxCollection = "mail_outbox"

// MongoIndexes serve every query below:
//   - List: {createdAt, _id} for all statuses, {status, createdAt, _id} for one,
//     both read backwards for newest first; the first also serves DeleteOlderThan.
//   - Claim: {status, nextAttemptAt, _id} for due queued messages and
//     {status, leaseUntil, _id} for expired leases, each in its sort order.
var MongoIndexes = []mongodb.Index{
	{Collection: outboxCollection, Keys: bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}},
	{Collection: outboxCollection, Keys: bson.D{{Key: "status", Value: 1}, {Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}},
	{Collection: outboxCollection, Keys: bson.D{{Key: "status", Value: 1}, {Key: "nextAttemptAt", Value: 1}, {Key: "_id", Value: 1}}},
	{Collection: outboxCollection, Keys: bson.D{{Key: "status", Value: 1}, {Key: "leaseUntil", Value: 1}, {Key: "_id", Value: 1}}},
}

// Unset times are stored as the Unix epoch rather than left out, so every field
// compares the same way on every server.
var epoch = time.UnixMilli(0).UTC()

func orEpoch(t time.Time) time.Time {
	if t.IsZero() {
		return epoch
	}
	return mongodb.Millis(t)
}

func fromEpoch(t time.Time) time.Time {
	if t.Equal(epoch) || t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

type mongoMessage struct {
	ID            bson.ObjectID `bson:"_id"`
	To            string        `bson:"to"`
	Subject       string        `bson:"subject"`
	Text          string        `bson:"text"`
	HTML          string        `bson:"html"`
	Kind          string        `bson:"kind"`
	Status        string        `bson:"status"`
	Attempts      int           `bson:"attempts"`
	LastError     string        `bson:"lastError"`
	CreatedAt     time.Time     `bson:"createdAt"`
	NextAttemptAt time.Time     `bson:"nextAttemptAt"`
	LeaseUntil    time.Time     `bson:"leaseUntil"`
	LastAttemptAt time.Time     `bson:"lastAttemptAt"`
	SentAt        time.Time     `bson:"sentAt"`
}

func (m mongoMessage) message() outboxMessage {
	return outboxMessage{
		ID: m.ID.Hex(), To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML, Kind: m.Kind,
		Status: Status(m.Status), Attempts: m.Attempts, LastError: m.LastError,
		CreatedAt: m.CreatedAt.UTC(), NextAttemptAt: fromEpoch(m.NextAttemptAt),
		LeaseUntil: fromEpoch(m.LeaseUntil), LastAttemptAt: fromEpoch(m.LastAttemptAt), SentAt: fromEpoch(m.SentAt),
	}
}

type mongoStore struct{ c *mongo.Collection }

var _ store = (*mongoStore)(nil)

// NewMongoStore returns the store on MongoDB.
func NewMongoStore(db *mongo.Database) *mongoStore {
	return &mongoStore{c: db.Collection(outboxCollection)}
}

func (s *mongoStore) Enqueue(ctx context.Context, m outboxMessage) error {
	id, err := mongodb.ParseID(m.ID)
	if err != nil {
		return err
	}
	_, err = s.c.InsertOne(ctx, mongoMessage{
		ID: id, To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML, Kind: m.Kind,
		Status: string(m.Status), Attempts: m.Attempts, LastError: m.LastError,
		CreatedAt: mongodb.Millis(m.CreatedAt), NextAttemptAt: orEpoch(m.NextAttemptAt),
		LeaseUntil: orEpoch(m.LeaseUntil), LastAttemptAt: orEpoch(m.LastAttemptAt), SentAt: orEpoch(m.SentAt),
	})
	return err
}

// Claim is one findOneAndUpdate per kind of due message: the filter re-checks the
// status, so on MongoDB, which applies a single-document update atomically, two
// replicas racing for the same message cannot both get it — the loser's update
// matches the next due message or nothing. FerretDB v1 does not apply updates
// atomically (it reads and writes back without a transaction; see
// mongotest.AtomicUpdates), so the race itself is only tested on SQLite and on a
// real MongoDB; FerretDB is never used in production.
func (s *mongoStore) Claim(ctx context.Context, now, leaseUntil time.Time) (outboxMessage, bool, error) {
	n := mongodb.Millis(now)
	update := bson.D{
		{Key: "$set", Value: bson.D{{Key: "status", Value: string(StatusSending)}, {Key: "leaseUntil", Value: mongodb.Millis(leaseUntil)}}},
		{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
	}
	claims := []struct {
		filter bson.D
		sort   bson.D
	}{
		{
			filter: bson.D{{Key: "status", Value: string(StatusSending)}, {Key: "leaseUntil", Value: bson.D{{Key: "$lte", Value: n}}}},
			sort:   bson.D{{Key: "leaseUntil", Value: 1}, {Key: "_id", Value: 1}},
		},
		{
			filter: bson.D{{Key: "status", Value: string(StatusQueued)}, {Key: "nextAttemptAt", Value: bson.D{{Key: "$lte", Value: n}}}},
			sort:   bson.D{{Key: "nextAttemptAt", Value: 1}, {Key: "_id", Value: 1}},
		},
	}
	for _, c := range claims {
		var m mongoMessage
		err := s.c.FindOneAndUpdate(ctx, c.filter, update,
			options.FindOneAndUpdate().SetSort(c.sort).SetReturnDocument(options.After)).Decode(&m)
		if errors.Is(err, mongo.ErrNoDocuments) {
			continue
		}
		if err != nil {
			return outboxMessage{}, false, err
		}
		return m.message(), true, nil
	}
	return outboxMessage{}, false, nil
}

func (s *mongoStore) MarkSent(ctx context.Context, id string, at time.Time) error {
	a := mongodb.Millis(at)
	return s.update(ctx, id, bson.D{
		{Key: "status", Value: string(StatusSent)}, {Key: "sentAt", Value: a}, {Key: "lastAttemptAt", Value: a},
		{Key: "leaseUntil", Value: epoch}, {Key: "nextAttemptAt", Value: epoch}, {Key: "lastError", Value: ""},
	})
}

func (s *mongoStore) MarkFailed(ctx context.Context, id string, at time.Time, errText string, nextAttemptAt time.Time, final bool) error {
	status, next := StatusQueued, orEpoch(nextAttemptAt)
	if final {
		status, next = StatusFailed, epoch
	}
	return s.update(ctx, id, bson.D{
		{Key: "status", Value: string(status)}, {Key: "lastError", Value: errText},
		{Key: "lastAttemptAt", Value: mongodb.Millis(at)}, {Key: "nextAttemptAt", Value: next},
		{Key: "leaseUntil", Value: epoch},
	})
}

func (s *mongoStore) update(ctx context.Context, id string, set bson.D) error {
	oid, err := mongodb.ParseID(id)
	if err != nil {
		return errNotFound()
	}
	res, err := s.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: oid}}, bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return err
	}
	if res.MatchedCount == 0 {
		return errNotFound()
	}
	return nil
}

func (s *mongoStore) List(ctx context.Context, q listQuery) ([]outboxMessage, error) {
	filter := bson.D{}
	if q.Status != "" {
		filter = append(filter, bson.E{Key: "status", Value: string(q.Status)})
	}
	if q.After != nil {
		created, err := cursorMillis(q.After)
		if err != nil {
			return nil, err
		}
		after, err := mongodb.ParseID(q.After.ID)
		if err != nil {
			return nil, errBadCursor()
		}
		at := time.UnixMilli(created).UTC()
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "createdAt", Value: bson.D{{Key: "$lt", Value: at}}}},
			bson.D{{Key: "createdAt", Value: at}, {Key: "_id", Value: bson.D{{Key: "$lt", Value: after}}}},
		}})
	}
	opts := options.Find().
		SetSort(bson.D{{Key: "createdAt", Value: -1}, {Key: "_id", Value: -1}}).
		SetLimit(int64(q.Limit + 1))
	cur, err := s.c.Find(ctx, filter, opts)
	if err != nil {
		return nil, err
	}
	var ms []mongoMessage
	if err := cur.All(ctx, &ms); err != nil {
		return nil, err
	}
	out := make([]outboxMessage, len(ms))
	for i, m := range ms {
		out[i] = m.message()
	}
	return out, nil
}

func (s *mongoStore) Get(ctx context.Context, id string) (outboxMessage, error) {
	oid, err := mongodb.ParseID(id)
	if err != nil {
		return outboxMessage{}, errNotFound()
	}
	var m mongoMessage
	err = s.c.FindOne(ctx, bson.D{{Key: "_id", Value: oid}}).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return outboxMessage{}, errNotFound()
	}
	if err != nil {
		return outboxMessage{}, err
	}
	return m.message(), nil
}

func (s *mongoStore) DeleteOlderThan(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.c.DeleteMany(ctx, bson.D{
		{Key: "createdAt", Value: bson.D{{Key: "$lt", Value: mongodb.Millis(before)}}},
		{Key: "status", Value: bson.D{{Key: "$in", Value: bson.A{string(StatusStored), string(StatusSent), string(StatusFailed)}}}},
	})
	if err != nil {
		return 0, err
	}
	return res.DeletedCount, nil
}

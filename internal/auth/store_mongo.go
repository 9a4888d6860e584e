package auth

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/mongodb"
)

const (
	refreshCollection  = "refresh_tokens"
	attemptsCollection = "login_attempts"
)

// MongoIndexes serve every query below.
var MongoIndexes = []mongodb.Index{
	{Collection: refreshCollection, Keys: bson.D{{Key: "hash", Value: 1}}, Unique: true},
	{Collection: refreshCollection, Keys: bson.D{{Key: "familyId", Value: 1}}},
	{Collection: refreshCollection, Keys: bson.D{{Key: "userId", Value: 1}}},
	{Collection: refreshCollection, Keys: bson.D{{Key: "expiresAt", Value: 1}}},
	{Collection: attemptsCollection, Keys: bson.D{{Key: "key", Value: 1}}, Unique: true},
	{Collection: attemptsCollection, Keys: bson.D{{Key: "windowStart", Value: 1}}},
}

// Unset times are stored as the Unix epoch rather than left out, so "not rotated"
// is an equality match that every server evaluates the same way.
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

type mongoRefresh struct {
	ID        bson.ObjectID `bson:"_id"`
	FamilyID  string        `bson:"familyId"`
	UserID    string        `bson:"userId"`
	Hash      string        `bson:"hash"`
	CreatedAt time.Time     `bson:"createdAt"`
	ExpiresAt time.Time     `bson:"expiresAt"`
	RotatedAt time.Time     `bson:"rotatedAt"`
	RevokedAt time.Time     `bson:"revokedAt"`
}

type mongoAttempts struct {
	Key         string    `bson:"key"`
	Failures    int       `bson:"failures"`
	WindowStart time.Time `bson:"windowStart"`
	LockedUntil time.Time `bson:"lockedUntil"`
}

type mongoStore struct {
	refresh  *mongo.Collection
	attempts *mongo.Collection
}

var _ store = (*mongoStore)(nil)

// NewMongoStore returns the store on MongoDB.
func NewMongoStore(db *mongo.Database) *mongoStore {
	return &mongoStore{refresh: db.Collection(refreshCollection), attempts: db.Collection(attemptsCollection)}
}

func (s *mongoStore) CreateRefreshToken(ctx context.Context, t refreshToken) error {
	id, err := mongodb.ParseID(t.ID)
	if err != nil {
		return err
	}
	_, err = s.refresh.InsertOne(ctx, mongoRefresh{
		ID: id, FamilyID: t.FamilyID, UserID: t.UserID, Hash: t.Hash,
		CreatedAt: orEpoch(t.CreatedAt), ExpiresAt: orEpoch(t.ExpiresAt),
		RotatedAt: orEpoch(t.RotatedAt), RevokedAt: orEpoch(t.RevokedAt),
	})
	return err
}

func (s *mongoStore) RefreshTokenByHash(ctx context.Context, hash string) (refreshToken, error) {
	var m mongoRefresh
	err := s.refresh.FindOne(ctx, bson.D{{Key: "hash", Value: hash}}).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return refreshToken{}, apperr.NotFound("auth.refresh_invalid", "unknown refresh token")
	}
	if err != nil {
		return refreshToken{}, err
	}
	return refreshToken{
		ID: m.ID.Hex(), FamilyID: m.FamilyID, UserID: m.UserID, Hash: m.Hash,
		CreatedAt: m.CreatedAt.UTC(), ExpiresAt: m.ExpiresAt.UTC(),
		RotatedAt: fromEpoch(m.RotatedAt), RevokedAt: fromEpoch(m.RevokedAt),
	}, nil
}

func (s *mongoStore) MarkRotated(ctx context.Context, hash string, at time.Time) (bool, error) {
	res, err := s.refresh.UpdateOne(ctx,
		bson.D{{Key: "hash", Value: hash}, {Key: "rotatedAt", Value: epoch}, {Key: "revokedAt", Value: epoch}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "rotatedAt", Value: mongodb.Millis(at)}}}})
	if err != nil {
		return false, err
	}
	return res.ModifiedCount == 1, nil
}

func (s *mongoStore) RevokeFamily(ctx context.Context, familyID string, at time.Time) error {
	_, err := s.refresh.UpdateMany(ctx,
		bson.D{{Key: "familyId", Value: familyID}, {Key: "revokedAt", Value: epoch}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revokedAt", Value: mongodb.Millis(at)}}}})
	return err
}

func (s *mongoStore) RevokeUser(ctx context.Context, userID string, at time.Time) error {
	_, err := s.refresh.UpdateMany(ctx,
		bson.D{{Key: "userId", Value: userID}, {Key: "revokedAt", Value: epoch}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revokedAt", Value: mongodb.Millis(at)}}}})
	return err
}

func (s *mongoStore) DeleteExpiredRefreshTokens(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.refresh.DeleteMany(ctx, bson.D{{Key: "expiresAt", Value: bson.D{{Key: "$lt", Value: mongodb.Millis(before)}}}})
	if err != nil {
		return 0, err
	}
	return res.DeletedCount, nil
}

func (s *mongoStore) Attempts(ctx context.Context, key string) (attempts, error) {
	var m mongoAttempts
	err := s.attempts.FindOne(ctx, bson.D{{Key: "key", Value: key}}).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return attempts{}, nil
	}
	if err != nil {
		return attempts{}, err
	}
	return m.attempts(), nil
}

func (m mongoAttempts) attempts() attempts {
	return attempts{Failures: m.Failures, WindowStart: m.WindowStart.UTC(), LockedUntil: fromEpoch(m.LockedUntil)}
}

// RecordFailure works without transactions or update expressions, which FerretDB
// lacks: first count into a window that is still open; failing that, start a new
// window (the filter only matches a stale or missing window, so a racing request
// that opened a window first makes the upsert collide and we count into its window).
func (s *mongoStore) RecordFailure(ctx context.Context, key string, now time.Time, window time.Duration, limit int, lockFor time.Duration) (attempts, error) {
	cutoff := mongodb.Millis(now.Add(-window))
	after := options.FindOneAndUpdate().SetReturnDocument(options.After)
	var m mongoAttempts
	for try := 0; ; try++ {
		err := s.attempts.FindOneAndUpdate(ctx,
			bson.D{{Key: "key", Value: key}, {Key: "windowStart", Value: bson.D{{Key: "$gt", Value: cutoff}}}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "failures", Value: 1}}}}, after).Decode(&m)
		if err == nil {
			break
		}
		if !errors.Is(err, mongo.ErrNoDocuments) {
			return attempts{}, err
		}
		err = s.attempts.FindOneAndUpdate(ctx,
			bson.D{{Key: "key", Value: key}, {Key: "windowStart", Value: bson.D{{Key: "$lte", Value: cutoff}}}},
			bson.D{
				{Key: "$set", Value: bson.D{{Key: "failures", Value: 1}, {Key: "windowStart", Value: mongodb.Millis(now)}}},
				{Key: "$setOnInsert", Value: bson.D{{Key: "lockedUntil", Value: epoch}}},
			}, options.FindOneAndUpdate().SetReturnDocument(options.After).SetUpsert(true)).Decode(&m)
		if err == nil {
			break
		}
		if !mongodb.IsDuplicate(err) || try >= 3 {
			return attempts{}, err
		}
	}
	if m.Failures >= limit {
		lock := mongodb.Millis(now.Add(lockFor))
		if _, err := s.attempts.UpdateOne(ctx, bson.D{{Key: "key", Value: key}},
			bson.D{{Key: "$max", Value: bson.D{{Key: "lockedUntil", Value: lock}}}}); err != nil {
			return attempts{}, err
		}
		if lock.After(m.LockedUntil) {
			m.LockedUntil = lock
		}
	}
	return m.attempts(), nil
}

func (s *mongoStore) ClearAttempts(ctx context.Context, key string) error {
	_, err := s.attempts.DeleteOne(ctx, bson.D{{Key: "key", Value: key}})
	return err
}

func (s *mongoStore) DeleteStaleAttempts(ctx context.Context, before time.Time) (int64, error) {
	b := mongodb.Millis(before)
	res, err := s.attempts.DeleteMany(ctx, bson.D{
		{Key: "windowStart", Value: bson.D{{Key: "$lt", Value: b}}},
		{Key: "lockedUntil", Value: bson.D{{Key: "$lt", Value: b}}},
	})
	if err != nil {
		return 0, err
	}
	return res.DeletedCount, nil
}

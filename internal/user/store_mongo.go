package user

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/mongodb"
)

const usersCollection = "users"

// MongoIndexes serve every query below. emailLower stands in for a
// case-insensitive collation, which FerretDB lacks.
var MongoIndexes = []mongodb.Index{
	{Collection: usersCollection, Keys: bson.D{{Key: "emailLower", Value: 1}}, Unique: true},
	{Collection: usersCollection, Keys: bson.D{{Key: "orgId", Value: 1}}},
}

type mongoUser struct {
	ID           bson.ObjectID `bson:"_id"`
	Email        string        `bson:"email"`
	EmailLower   string        `bson:"emailLower"`
	Name         string        `bson:"name"`
	OrgID        string        `bson:"orgId"`
	JobTitle     string        `bson:"jobTitle"`
	JobField     string        `bson:"jobField"`
	SiteRole     string        `bson:"siteRole"`
	Language     string        `bson:"language"`
	PasswordHash string        `bson:"passwordHash"`
	CreatedAt    time.Time     `bson:"createdAt"`
	UpdatedAt    time.Time     `bson:"updatedAt"`
}

type mongoStore struct{ c *mongo.Collection }

var _ store = (*mongoStore)(nil)

// NewMongoStore returns the store on MongoDB.
func NewMongoStore(db *mongo.Database) *mongoStore {
	return &mongoStore{c: db.Collection(usersCollection)}
}

func (s *mongoStore) Create(ctx context.Context, u User) error {
	id, err := mongodb.ParseID(u.ID)
	if err != nil {
		return err
	}
	_, err = s.c.InsertOne(ctx, mongoUser{
		ID: id, Email: u.Email, EmailLower: auth.NormalizeEmail(u.Email), Name: u.Name, OrgID: u.OrgID,
		JobTitle: u.JobTitle, JobField: string(u.JobField), SiteRole: string(u.SiteRole), Language: u.Language,
		PasswordHash: u.PasswordHash, CreatedAt: mongodb.Millis(u.CreatedAt), UpdatedAt: mongodb.Millis(u.UpdatedAt),
	})
	if mongodb.IsDuplicate(err) {
		return errEmailTaken()
	}
	return err
}

func (s *mongoStore) Get(ctx context.Context, id string) (User, error) {
	oid, err := mongodb.ParseID(id)
	if err != nil {
		return User{}, errNotFound()
	}
	return s.one(ctx, bson.D{{Key: "_id", Value: oid}})
}

func (s *mongoStore) GetByEmail(ctx context.Context, email string) (User, error) {
	return s.one(ctx, bson.D{{Key: "emailLower", Value: email}})
}

func (s *mongoStore) one(ctx context.Context, filter bson.D) (User, error) {
	var m mongoUser
	err := s.c.FindOne(ctx, filter).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return User{}, errNotFound()
	}
	if err != nil {
		return User{}, err
	}
	return m.user(), nil
}

func (m mongoUser) user() User {
	return User{ID: m.ID.Hex(), Email: m.Email, Name: m.Name, OrgID: m.OrgID, JobTitle: m.JobTitle,
		JobField: JobField(m.JobField), SiteRole: auth.Role(m.SiteRole), Language: m.Language,
		PasswordHash: m.PasswordHash, CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC()}
}

func (s *mongoStore) All(ctx context.Context, afterID string, limit int) ([]User, error) {
	filter := bson.D{}
	if afterID != "" {
		oid, err := mongodb.ParseID(afterID)
		if err != nil {
			return nil, err
		}
		filter = bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: oid}}}}
	}
	cur, err := s.c.Find(ctx, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, err
	}
	var ms []mongoUser
	if err := cur.All(ctx, &ms); err != nil {
		return nil, err
	}
	out := make([]User, len(ms))
	for i, m := range ms {
		out[i] = m.user()
	}
	return out, nil
}

func (s *mongoStore) Update(ctx context.Context, u User) error {
	return s.updateOne(ctx, u.ID, bson.D{
		{Key: "name", Value: u.Name}, {Key: "orgId", Value: u.OrgID}, {Key: "jobTitle", Value: u.JobTitle},
		{Key: "jobField", Value: string(u.JobField)}, {Key: "siteRole", Value: string(u.SiteRole)},
		{Key: "language", Value: u.Language}, {Key: "updatedAt", Value: mongodb.Millis(u.UpdatedAt)},
	})
}

func (s *mongoStore) SetPassword(ctx context.Context, id, hash string) error {
	return s.updateOne(ctx, id, bson.D{{Key: "passwordHash", Value: hash}})
}

func (s *mongoStore) updateOne(ctx context.Context, id string, set bson.D) error {
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

func (s *mongoStore) Count(ctx context.Context) (int64, error) {
	return s.c.CountDocuments(ctx, bson.D{})
}

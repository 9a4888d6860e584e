package org

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/mongodb"
)

const orgsCollection = "orgs"

// MongoIndexes serve every query below: key for seeding, terms for prefix search
// (an anchored regex uses the index bounds), and one (…, sortName, _id) index per
// list filter so pages are read in order.
var MongoIndexes = []mongodb.Index{
	{Collection: orgsCollection, Keys: bson.D{{Key: "key", Value: 1}}, Unique: true},
	{Collection: orgsCollection, Keys: bson.D{{Key: "terms", Value: 1}}},
	{Collection: orgsCollection, Keys: bson.D{{Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}},
	{Collection: orgsCollection, Keys: bson.D{{Key: "kind", Value: 1}, {Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}},
	{Collection: orgsCollection, Keys: bson.D{{Key: "countyNumber", Value: 1}, {Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}},
	{Collection: orgsCollection, Keys: bson.D{{Key: "kind", Value: 1}, {Key: "countyNumber", Value: 1}, {Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}},
}

type mongoOrg struct {
	ID           bson.ObjectID `bson:"_id"`
	Key          string        `bson:"key"`
	Name         string        `bson:"name"`
	SortName     string        `bson:"sortName"`
	Kind         string        `bson:"kind"`
	Number       string        `bson:"number"`
	CountyNumber string        `bson:"countyNumber"`
	CountyName   string        `bson:"countyName"`
	OtherNames   []string      `bson:"otherNames"`
	OfficialName string        `bson:"officialName"`
	Terms        []string      `bson:"terms"`
}

func (m mongoOrg) org() Org {
	o := Org{ID: m.ID.Hex(), key: m.Key, Name: m.Name, sortName: m.SortName, Kind: Kind(m.Kind),
		Number: m.Number, CountyNumber: m.CountyNumber, CountyName: m.CountyName,
		OtherNames: m.OtherNames, OfficialName: m.OfficialName, terms: m.Terms}
	if len(o.OtherNames) == 0 {
		o.OtherNames = nil
	}
	return o
}

type mongoStore struct{ c *mongo.Collection }

var _ store = (*mongoStore)(nil)

// NewMongoStore returns the store on MongoDB.
func NewMongoStore(db *mongo.Database) *mongoStore {
	return &mongoStore{c: db.Collection(orgsCollection)}
}

func (s *mongoStore) Upsert(ctx context.Context, orgs []Org) error {
	models := make([]mongo.WriteModel, 0, len(orgs))
	for _, o := range orgs {
		models = append(models, mongo.NewUpdateOneModel().
			SetFilter(bson.D{{Key: "key", Value: o.key}}).
			SetUpdate(bson.D{
				{Key: "$set", Value: bson.D{
					{Key: "name", Value: o.Name}, {Key: "sortName", Value: o.sortName},
					{Key: "kind", Value: string(o.Kind)}, {Key: "number", Value: o.Number},
					{Key: "countyNumber", Value: o.CountyNumber}, {Key: "countyName", Value: o.CountyName},
					{Key: "otherNames", Value: nonNil(o.OtherNames)}, {Key: "officialName", Value: o.OfficialName},
					{Key: "terms", Value: nonNil(o.terms)},
				}},
				{Key: "$setOnInsert", Value: bson.D{{Key: "_id", Value: bson.NewObjectID()}}},
			}).
			SetUpsert(true))
	}
	if err := mongodb.BulkWrite(ctx, s.c, models); err != nil {
		return fmt.Errorf("upsert orgs: %w", err)
	}
	return nil
}

func (s *mongoStore) Get(ctx context.Context, id string) (Org, error) {
	oid, err := mongodb.ParseID(id)
	if err != nil {
		return Org{}, errNotFound()
	}
	return s.getOne(ctx, bson.D{{Key: "_id", Value: oid}})
}

func (s *mongoStore) GetByKey(ctx context.Context, key string) (Org, error) {
	return s.getOne(ctx, bson.D{{Key: "key", Value: key}})
}

func (s *mongoStore) getOne(ctx context.Context, filter bson.D) (Org, error) {
	var m mongoOrg
	err := s.c.FindOne(ctx, filter).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Org{}, errNotFound()
	}
	if err != nil {
		return Org{}, err
	}
	return m.org(), nil
}

func (s *mongoStore) GetMany(ctx context.Context, ids []string) ([]Org, error) {
	oids := make([]bson.ObjectID, 0, len(ids))
	for _, id := range ids {
		if oid, err := mongodb.ParseID(id); err == nil {
			oids = append(oids, oid)
		}
	}
	if len(oids) == 0 {
		return nil, nil
	}
	return s.find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: oids}}}}, options.Find())
}

func (s *mongoStore) List(ctx context.Context, q listQuery) ([]Org, error) {
	filter := bson.D{}
	if q.Prefix != "" {
		filter = append(filter, bson.E{Key: "terms", Value: bson.D{{Key: "$regex", Value: "^" + regexp.QuoteMeta(q.Prefix)}}})
	}
	if q.Kind != "" {
		filter = append(filter, bson.E{Key: "kind", Value: string(q.Kind)})
	}
	if q.County != "" {
		filter = append(filter, bson.E{Key: "countyNumber", Value: q.County})
	}
	if q.After != nil {
		after, err := mongodb.ParseID(q.After.ID)
		if err != nil {
			return nil, errBadCursor()
		}
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "sortName", Value: bson.D{{Key: "$gt", Value: q.After.Key}}}},
			bson.D{{Key: "sortName", Value: q.After.Key}, {Key: "_id", Value: bson.D{{Key: "$gt", Value: after}}}},
		}})
	}
	opts := options.Find().
		SetSort(bson.D{{Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}).
		SetLimit(int64(q.Limit + 1))
	return s.find(ctx, filter, opts)
}

func (s *mongoStore) find(ctx context.Context, filter bson.D, opts *options.FindOptionsBuilder) ([]Org, error) {
	cur, err := s.c.Find(ctx, filter, opts)
	if err != nil {
		return nil, err
	}
	var ms []mongoOrg
	if err := cur.All(ctx, &ms); err != nil {
		return nil, err
	}
	out := make([]Org, len(ms))
	for i, m := range ms {
		out[i] = m.org()
	}
	return out, nil
}

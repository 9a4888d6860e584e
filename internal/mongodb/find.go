package mongodb

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// FindOne decodes the one document filter matches into a feature's document
// type M, or returns notFound.
func FindOne[M any](ctx context.Context, c *mongo.Collection, filter bson.D, notFound error) (M, error) {
	var m M
	err := c.FindOne(ctx, filter).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return m, notFound
	}
	return m, err
}

// FindAll decodes every document filter matches as M and converts each to
// the feature's type T.
func FindAll[M any, T any](ctx context.Context, c *mongo.Collection, filter bson.D, opts *options.FindOptionsBuilder, conv func(M) T) ([]T, error) {
	cur, err := c.Find(ctx, filter, opts)
	if err != nil {
		return nil, err
	}
	var ms []M
	if err := cur.All(ctx, &ms); err != nil {
		return nil, err
	}
	out := make([]T, len(ms))
	for i, m := range ms {
		out[i] = conv(m)
	}
	return out, nil
}

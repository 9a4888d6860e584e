package library

import (
	"context"
	"errors"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/blob"
	"github.com/samspill/samspill/internal/mongodb"
)

const (
	resourcesColl   = "library_resources"
	versionsColl    = "library_versions"
	unusedColl      = "library_unused_blobs"
	textsColl       = "library_texts"
	collectionsColl = "library_collections"
	// BlobBucket is the GridFS bucket the library's files are kept in.
	BlobBucket = "library"
)

func ix(coll string, unique bool, keys ...string) mongodb.Index {
	d := bson.D{}
	for _, k := range keys {
		dir := 1
		if k[0] == '-' {
			dir, k = -1, k[1:]
		}
		d = append(d, bson.E{Key: k, Value: dir})
	}
	return mongodb.Index{Collection: coll, Keys: d, Unique: unique}
}

// MongoIndexes serve every query below. A resource list is
// {networkId, facets: <first facet>[, $and: further facets]} sorted by one
// of {createdAt: -1, _id: -1}, {downloads: -1, _id: -1}, {sortTitle: 1, _id: 1};
// facets is a multikey array, so one index per sort serves every filter.
// The GridFS bucket's indexes (blob.GridFSIndexes) come with them.
var MongoIndexes = append([]mongodb.Index{
	ix(resourcesColl, false, "networkId", "facets", "-createdAt", "-_id"),
	ix(resourcesColl, false, "networkId", "facets", "-downloads", "-_id"),
	ix(resourcesColl, false, "networkId", "facets", "sortTitle", "_id"),
	ix(versionsColl, true, "resourceId", "-number"),
	ix(versionsColl, false, "networkId", "sha256", "resourceId"),
	ix(versionsColl, false, "sha256"),
	ix(unusedColl, false, "since"),
	ix(collectionsColl, false, "networkId", "sortName", "_id"),
	ix(collectionsColl, false, "networkId", "resourceIds"),
}, blob.GridFSIndexes(BlobBucket)...)

type mongoStore struct {
	resources, versions, unused, collections, texts *mongo.Collection
}

var _ store = (*mongoStore)(nil)

// NewMongoStore returns the store on MongoDB.
func NewMongoStore(db *mongo.Database) *mongoStore {
	c := db.Collection
	return &mongoStore{resources: c(resourcesColl), versions: c(versionsColl), unused: c(unusedColl), collections: c(collectionsColl), texts: c(textsColl)}
}

func oid(id string, notFound error) (bson.ObjectID, error) {
	o, err := mongodb.ParseID(id)
	if err != nil {
		return o, notFound
	}
	return o, nil
}

func byID(id bson.ObjectID) bson.D { return bson.D{{Key: "_id", Value: id}} }

// ---- resources

type mongoFile struct {
	Version    int       `bson:"version"`
	FileName   string    `bson:"fileName"`
	Format     string    `bson:"format"`
	Size       int64     `bson:"size"`
	SHA256     string    `bson:"sha256"`
	UploadedAt time.Time `bson:"uploadedAt"`
}

type mongoResource struct {
	ID              bson.ObjectID `bson:"_id"`
	NetworkID       string        `bson:"networkId"`
	Title           string        `bson:"title"`
	SortTitle       string        `bson:"sortTitle"`
	Description     string        `bson:"description"`
	DescriptionHTML string        `bson:"descriptionHtml"`
	Excerpt         string        `bson:"excerpt"`
	Kind            string        `bson:"kind"`
	Topics          []string      `bson:"topics"`
	OrgID           string        `bson:"orgId"`
	OrgName         string        `bson:"orgName"`
	CountyNumber    string        `bson:"countyNumber"`
	Year            int           `bson:"year"`
	Licence         string        `bson:"licence"`
	Link            string        `bson:"link"`
	File            *mongoFile    `bson:"file,omitempty"`
	VersionCount    int           `bson:"versionCount"`
	Downloads       int           `bson:"downloads"`
	UploaderID      string        `bson:"uploaderId"`
	UploaderName    string        `bson:"uploaderName"`
	CreatedAt       time.Time     `bson:"createdAt"`
	UpdatedAt       time.Time     `bson:"updatedAt"`
	Facets          []string      `bson:"facets"`
}

func (m mongoResource) resource() Resource {
	r := Resource{ID: m.ID.Hex(), NetworkID: m.NetworkID, Title: m.Title, sortTitle: m.SortTitle, Description: m.Description,
		DescriptionHTML: m.DescriptionHTML, Excerpt: m.Excerpt, Kind: Kind(m.Kind), Topics: m.Topics, OrgID: m.OrgID,
		OrgName: m.OrgName, CountyNumber: m.CountyNumber, Year: m.Year, Licence: m.Licence, Link: m.Link,
		VersionCount: m.VersionCount, Downloads: m.Downloads, UploaderID: m.UploaderID, UploaderName: m.UploaderName,
		CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC()}
	if r.Topics == nil {
		r.Topics = []string{}
	}
	if f := m.File; f != nil && f.Version > 0 {
		r.File = &File{Version: f.Version, FileName: f.FileName, Format: Format(f.Format), MediaType: Format(f.Format).MediaType(),
			Size: f.Size, SHA256: f.SHA256, UploadedAt: f.UploadedAt.UTC()}
	}
	return r
}

func fileOf(v Version) *mongoFile {
	return &mongoFile{Version: v.Version, FileName: v.FileName, Format: string(v.Format), Size: v.Size, SHA256: v.SHA256,
		UploadedAt: mongodb.Millis(v.UploadedAt)}
}

// CreateResource inserts the version first: a version without its resource
// is invisible (every read goes through the resource), while a resource
// without its version would show a file that is not there.
func (s *mongoStore) CreateResource(ctx context.Context, r Resource, v *Version) error {
	id, err := oid(r.ID, errResourceNotFound())
	if err != nil {
		return err
	}
	m := mongoResource{ID: id, NetworkID: r.NetworkID, Title: r.Title, SortTitle: r.sortTitle, Description: r.Description,
		DescriptionHTML: r.DescriptionHTML, Excerpt: r.Excerpt, Kind: string(r.Kind), Topics: r.Topics, OrgID: r.OrgID,
		OrgName: r.OrgName, CountyNumber: r.CountyNumber, Year: r.Year, Licence: r.Licence, Link: r.Link,
		UploaderID: r.UploaderID, UploaderName: r.UploaderName, CreatedAt: mongodb.Millis(r.CreatedAt),
		UpdatedAt: mongodb.Millis(r.UpdatedAt), Facets: facets(r)}
	if v != nil {
		if err := s.insertVersion(ctx, *v); err != nil {
			return err
		}
		m.File, m.VersionCount = fileOf(*v), 1
	}
	if _, err := s.resources.InsertOne(ctx, m); err != nil {
		if v != nil {
			vid, _ := oid(v.ID, nil)
			_, _ = s.versions.DeleteOne(context.WithoutCancel(ctx), byID(vid))
		}
		return err
	}
	return nil
}

type mongoVersion struct {
	ID           bson.ObjectID `bson:"_id"`
	ResourceID   string        `bson:"resourceId"`
	NetworkID    string        `bson:"networkId"`
	Number       int           `bson:"number"`
	FileName     string        `bson:"fileName"`
	Format       string        `bson:"format"`
	Size         int64         `bson:"size"`
	SHA256       string        `bson:"sha256"`
	UploaderID   string        `bson:"uploaderId"`
	UploaderName string        `bson:"uploaderName"`
	Note         string        `bson:"note"`
	CreatedAt    time.Time     `bson:"createdAt"`
}

func (m mongoVersion) version() Version {
	return Version{File: File{Version: m.Number, FileName: m.FileName, Format: Format(m.Format), MediaType: Format(m.Format).MediaType(),
		Size: m.Size, SHA256: m.SHA256, UploadedAt: m.CreatedAt.UTC()}, ID: m.ID.Hex(), ResourceID: m.ResourceID,
		NetworkID: m.NetworkID, UploaderID: m.UploaderID, UploaderName: m.UploaderName, Note: m.Note}
}

func (s *mongoStore) insertVersion(ctx context.Context, v Version) error {
	id, err := oid(v.ID, errVersionNotFound())
	if err != nil {
		return err
	}
	_, err = s.versions.InsertOne(ctx, mongoVersion{ID: id, ResourceID: v.ResourceID, NetworkID: v.NetworkID, Number: v.Version,
		FileName: v.FileName, Format: string(v.Format), Size: v.Size, SHA256: v.SHA256, UploaderID: v.UploaderID,
		UploaderName: v.UploaderName, Note: v.Note, CreatedAt: mongodb.Millis(v.UploadedAt)})
	return err
}

func (s *mongoStore) Resource(ctx context.Context, id string) (Resource, error) {
	o, err := oid(id, errResourceNotFound())
	if err != nil {
		return Resource{}, err
	}
	var m mongoResource
	err = s.resources.FindOne(ctx, byID(o)).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Resource{}, errResourceNotFound()
	}
	return m.resource(), err
}

func (s *mongoStore) UpdateResource(ctx context.Context, r Resource) error {
	o, err := oid(r.ID, errResourceNotFound())
	if err != nil {
		return err
	}
	res, err := s.resources.UpdateOne(ctx, byID(o), bson.D{{Key: "$set", Value: bson.D{
		{Key: "title", Value: r.Title}, {Key: "sortTitle", Value: r.sortTitle}, {Key: "description", Value: r.Description},
		{Key: "descriptionHtml", Value: r.DescriptionHTML}, {Key: "excerpt", Value: r.Excerpt}, {Key: "kind", Value: string(r.Kind)},
		{Key: "topics", Value: r.Topics}, {Key: "orgId", Value: r.OrgID}, {Key: "orgName", Value: r.OrgName},
		{Key: "countyNumber", Value: r.CountyNumber}, {Key: "year", Value: r.Year}, {Key: "licence", Value: r.Licence},
		{Key: "link", Value: r.Link}, {Key: "updatedAt", Value: mongodb.Millis(r.UpdatedAt)}, {Key: "facets", Value: facets(r)},
	}}})
	if err == nil && res.MatchedCount == 0 {
		return errResourceNotFound()
	}
	return err
}

// DeleteResource removes the resource first, so its versions are unreachable
// at once; the versions follow.
func (s *mongoStore) DeleteResource(ctx context.Context, id string) ([]string, error) {
	o, err := oid(id, errResourceNotFound())
	if err != nil {
		return nil, err
	}
	vs, err := s.Versions(ctx, id)
	if err != nil {
		return nil, err
	}
	res, err := s.resources.DeleteOne(ctx, byID(o))
	if err != nil {
		return nil, err
	}
	if res.DeletedCount == 0 {
		return nil, errResourceNotFound()
	}
	if _, err := s.versions.DeleteMany(ctx, bson.D{{Key: "resourceId", Value: id}}); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var shas []string
	for _, v := range vs {
		if !seen[v.SHA256] {
			seen[v.SHA256] = true
			shas = append(shas, v.SHA256)
		}
	}
	return shas, nil
}

func (s *mongoStore) ListResources(ctx context.Context, q resourceQuery) ([]Resource, error) {
	filter := bson.D{{Key: "networkId", Value: q.NetworkID}, {Key: "facets", Value: q.Facets[0]}}
	if len(q.Facets) > 1 {
		more := bson.A{}
		for _, f := range q.Facets[1:] {
			more = append(more, bson.D{{Key: "facets", Value: f}})
		}
		filter = append(filter, bson.E{Key: "$and", Value: more})
	}
	key, dir, cmp := "createdAt", -1, "$lt"
	switch q.Sort {
	case SortDownloads:
		key = "downloads"
	case SortTitle:
		key, dir, cmp = "sortTitle", 1, "$gt"
	}
	if q.After != nil {
		var kv any = q.After.Key
		if q.Sort != SortTitle {
			n, err := strconv.ParseInt(q.After.Key, 10, 64)
			if err != nil {
				return nil, errBadCursor()
			}
			kv = n
			if q.Sort == SortNewest {
				kv = time.UnixMilli(n).UTC()
			}
		}
		id, err := oid(q.After.ID, errBadCursor())
		if err != nil {
			return nil, err
		}
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: key, Value: bson.D{{Key: cmp, Value: kv}}}},
			bson.D{{Key: key, Value: kv}, {Key: "_id", Value: bson.D{{Key: cmp, Value: id}}}},
		}})
	}
	opts := options.Find().SetSort(bson.D{{Key: key, Value: dir}, {Key: "_id", Value: dir}}).SetLimit(int64(q.Limit + 1))
	return mongodb.FindAll(ctx, s.resources, filter, opts, mongoResource.resource)
}

func objectIDs(ids []string) bson.A {
	out := bson.A{}
	for _, id := range ids {
		if o, err := mongodb.ParseID(id); err == nil {
			out = append(out, o)
		}
	}
	return out
}

func (s *mongoStore) ResourcesByID(ctx context.Context, networkID string, ids []string) ([]Resource, error) {
	oids := objectIDs(ids)
	if len(oids) == 0 {
		return nil, nil
	}
	return mongodb.FindAll(ctx, s.resources, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: oids}}}, {Key: "networkId", Value: networkID}},
		options.Find().SetLimit(int64(len(oids))), mongoResource.resource)
}

// ResourcesWithFile is two indexed reads: the versions by (networkId,
// sha256), then their resources by _id (a join done as a second query).
func (s *mongoStore) ResourcesWithFile(ctx context.Context, networkID, sha string, limit int) ([]Resource, error) {
	vs, err := mongodb.FindAll(ctx, s.versions, bson.D{{Key: "networkId", Value: networkID}, {Key: "sha256", Value: sha}},
		options.Find().SetLimit(1000), mongoVersion.version)
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ResourceID
	}
	return mongodb.FindAll(ctx, s.resources, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: objectIDs(ids)}}}},
		options.Find().SetSort(bson.D{{Key: "createdAt", Value: -1}}).SetLimit(int64(limit)), mongoResource.resource)
}

func (s *mongoStore) CountDownload(ctx context.Context, id string) error {
	o, err := oid(id, errResourceNotFound())
	if err != nil {
		return err
	}
	res, err := s.resources.UpdateOne(ctx, byID(o), bson.D{{Key: "$inc", Value: bson.D{{Key: "downloads", Value: 1}}}})
	if err == nil && res.MatchedCount == 0 {
		return errResourceNotFound()
	}
	return err
}

// ---- versions

// AddVersion takes a number with $inc, stores the version, then makes it the
// resource's file unless a later version got there first.
func (s *mongoStore) AddVersion(ctx context.Context, v Version) (Version, error) {
	o, err := oid(v.ResourceID, errResourceNotFound())
	if err != nil {
		return Version{}, err
	}
	var m mongoResource
	err = s.resources.FindOneAndUpdate(ctx, byID(o), bson.D{{Key: "$inc", Value: bson.D{{Key: "versionCount", Value: 1}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Version{}, errResourceNotFound()
	}
	if err != nil {
		return Version{}, err
	}
	v.Version = m.VersionCount
	if err := s.insertVersion(ctx, v); err != nil {
		return Version{}, err
	}
	_, err = s.resources.UpdateOne(ctx, bson.D{{Key: "_id", Value: o}, {Key: "file.version", Value: bson.D{{Key: "$lt", Value: v.Version}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "file", Value: fileOf(v)}, {Key: "updatedAt", Value: mongodb.Millis(v.UploadedAt)}}}})
	return v, err
}

func (s *mongoStore) Versions(ctx context.Context, resourceID string) ([]Version, error) {
	return mongodb.FindAll(ctx, s.versions, bson.D{{Key: "resourceId", Value: resourceID}},
		options.Find().SetSort(bson.D{{Key: "number", Value: -1}}).SetLimit(1000), mongoVersion.version)
}

func (s *mongoStore) Version(ctx context.Context, resourceID string, number int) (Version, error) {
	var m mongoVersion
	err := s.versions.FindOne(ctx, bson.D{{Key: "resourceId", Value: resourceID}, {Key: "number", Value: number}}).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Version{}, errVersionNotFound()
	}
	return m.version(), err
}

func (s *mongoStore) BlobInUse(ctx context.Context, sha string) (bool, error) {
	n, err := s.versions.CountDocuments(ctx, bson.D{{Key: "sha256", Value: sha}}, options.Count().SetLimit(1))
	return n > 0, err
}

type mongoUnused struct {
	SHA256 string    `bson:"_id"`
	Since  time.Time `bson:"since"`
}

func (s *mongoStore) MarkUnused(ctx context.Context, shas []string, at time.Time) error {
	for _, sha := range shas {
		if _, err := s.unused.UpdateOne(ctx, bson.D{{Key: "_id", Value: sha}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "since", Value: mongodb.Millis(at)}}}}, options.UpdateOne().SetUpsert(true)); err != nil {
			return err
		}
	}
	return nil
}

func (s *mongoStore) Unused(ctx context.Context, before time.Time, limit int) ([]string, error) {
	return mongodb.FindAll(ctx, s.unused, bson.D{{Key: "since", Value: bson.D{{Key: "$lt", Value: mongodb.Millis(before)}}}},
		options.Find().SetSort(bson.D{{Key: "since", Value: 1}}).SetLimit(int64(limit)), func(m mongoUnused) string { return m.SHA256 })
}

func (s *mongoStore) ForgetUnused(ctx context.Context, sha string) error {
	_, err := s.unused.DeleteOne(ctx, bson.D{{Key: "_id", Value: sha}})
	return err
}

// ---- collections

type mongoCollection struct {
	ID          bson.ObjectID `bson:"_id"`
	NetworkID   string        `bson:"networkId"`
	Name        string        `bson:"name"`
	SortName    string        `bson:"sortName"`
	Description string        `bson:"description"`
	ResourceIDs []string      `bson:"resourceIds"`
	Revision    int           `bson:"revision"`
	CreatedBy   string        `bson:"createdBy"`
	CreatedAt   time.Time     `bson:"createdAt"`
	UpdatedAt   time.Time     `bson:"updatedAt"`
}

func (m mongoCollection) collection() Collection {
	c := Collection{ID: m.ID.Hex(), NetworkID: m.NetworkID, Name: m.Name, sortName: m.SortName, Description: m.Description,
		ResourceIDs: m.ResourceIDs, Revision: m.Revision, CreatedBy: m.CreatedBy, CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC()}
	if c.ResourceIDs == nil {
		c.ResourceIDs = []string{}
	}
	return c
}

func (s *mongoStore) CreateCollection(ctx context.Context, c Collection) error {
	id, err := oid(c.ID, errCollectionNotFound())
	if err != nil {
		return err
	}
	_, err = s.collections.InsertOne(ctx, mongoCollection{ID: id, NetworkID: c.NetworkID, Name: c.Name, SortName: c.sortName,
		Description: c.Description, ResourceIDs: c.ResourceIDs, Revision: c.Revision, CreatedBy: c.CreatedBy,
		CreatedAt: mongodb.Millis(c.CreatedAt), UpdatedAt: mongodb.Millis(c.UpdatedAt)})
	return err
}

func (s *mongoStore) Collection(ctx context.Context, id string) (Collection, error) {
	o, err := oid(id, errCollectionNotFound())
	if err != nil {
		return Collection{}, err
	}
	var m mongoCollection
	err = s.collections.FindOne(ctx, byID(o)).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Collection{}, errCollectionNotFound()
	}
	return m.collection(), err
}

func (s *mongoStore) Collections(ctx context.Context, networkID string) ([]Collection, error) {
	return mongodb.FindAll(ctx, s.collections, bson.D{{Key: "networkId", Value: networkID}},
		options.Find().SetSort(bson.D{{Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(maxCollections), mongoCollection.collection)
}

func (s *mongoStore) UpdateCollection(ctx context.Context, c Collection) (bool, error) {
	o, err := oid(c.ID, errCollectionNotFound())
	if err != nil {
		return false, err
	}
	res, err := s.collections.UpdateOne(ctx, bson.D{{Key: "_id", Value: o}, {Key: "revision", Value: c.Revision - 1}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "name", Value: c.Name}, {Key: "sortName", Value: c.sortName},
			{Key: "description", Value: c.Description}, {Key: "resourceIds", Value: c.ResourceIDs},
			{Key: "revision", Value: c.Revision}, {Key: "updatedAt", Value: mongodb.Millis(c.UpdatedAt)}}}})
	if err != nil {
		return false, err
	}
	return res.MatchedCount == 1, nil
}

func (s *mongoStore) DeleteCollection(ctx context.Context, id string) error {
	o, err := oid(id, errCollectionNotFound())
	if err != nil {
		return err
	}
	res, err := s.collections.DeleteOne(ctx, byID(o))
	if err == nil && res.DeletedCount == 0 {
		return errCollectionNotFound()
	}
	return err
}

func (s *mongoStore) RemoveFromCollections(ctx context.Context, networkID, resourceID string) error {
	_, err := s.collections.UpdateMany(ctx, bson.D{{Key: "networkId", Value: networkID}, {Key: "resourceIds", Value: resourceID}},
		bson.D{{Key: "$pull", Value: bson.D{{Key: "resourceIds", Value: resourceID}}}, {Key: "$inc", Value: bson.D{{Key: "revision", Value: 1}}}})
	return err
}

// ---- search support

func (s *mongoStore) AllResources(ctx context.Context, afterID string, limit int) ([]Resource, error) {
	filter := bson.D{}
	if afterID != "" {
		id, err := oid(afterID, errResourceNotFound())
		if err != nil {
			return nil, err
		}
		filter = bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: id}}}}
	}
	return mongodb.FindAll(ctx, s.resources, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)), mongoResource.resource)
}

// mongoText is the text of one file, by its SHA-256.
type mongoText struct {
	SHA256 string `bson:"_id"`
	Text   string `bson:"text"`
}

func (s *mongoStore) FileText(ctx context.Context, sha string) (string, bool, error) {
	var m mongoText
	err := s.texts.FindOne(ctx, bson.D{{Key: "_id", Value: sha}}).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return "", false, nil
	}
	return m.Text, err == nil, err
}

func (s *mongoStore) SaveFileText(ctx context.Context, sha, text string) error {
	_, err := s.texts.UpdateOne(ctx, bson.D{{Key: "_id", Value: sha}}, bson.D{{Key: "$set", Value: bson.D{
		{Key: "text", Value: text}, {Key: "extractedAt", Value: mongodb.Millis(time.Now())}}}}, options.UpdateOne().SetUpsert(true))
	return err
}

func (s *mongoStore) ForgetFileText(ctx context.Context, sha string) error {
	_, err := s.texts.DeleteOne(ctx, bson.D{{Key: "_id", Value: sha}})
	return err
}

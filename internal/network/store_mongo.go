package network

import (
	"context"
	"regexp"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/mongodb"
	"github.com/samspill/samspill/internal/paging"
)

const (
	networksColl    = "networks"
	membershipsColl = "memberships"
	requestsColl    = "join_requests"
	invitationsColl = "invitations"
	auditColl       = "network_audit"
)

// MongoIndexes serve every query below; each list's filter and sort is listed
// next to the index that serves it.
var MongoIndexes = []mongodb.Index{
	{Collection: networksColl, Keys: bson.D{{Key: "slug", Value: 1}}, Unique: true},
	// catalogue: {listed, [topics], [regions], [nameLower regex]} sort {sortName, _id}
	{Collection: networksColl, Keys: bson.D{{Key: "listed", Value: 1}, {Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}},
	// catalogue for administrators: sort {sortName, _id}
	{Collection: networksColl, Keys: bson.D{{Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}},
	// catalogue by topic or region: {listed, topics: t} / {listed, regions: {$in}} sort {sortName, _id}
	{Collection: networksColl, Keys: bson.D{{Key: "topics", Value: 1}, {Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}},
	{Collection: networksColl, Keys: bson.D{{Key: "regions", Value: 1}, {Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}},

	// one membership per person and network; {networkId, userId}
	{Collection: membershipsColl, Keys: bson.D{{Key: "networkId", Value: 1}, {Key: "userId", Value: 1}}, Unique: true},
	// directory: {networkId, [orgKind], [jobField], [nameLower regex]} sort {sortName, userId}
	{Collection: membershipsColl, Keys: bson.D{{Key: "networkId", Value: 1}, {Key: "sortName", Value: 1}, {Key: "userId", Value: 1}}},
	// directory by county, and counts by organisation: {networkId, countyNumber} sort {sortName, userId}
	{Collection: membershipsColl, Keys: bson.D{{Key: "networkId", Value: 1}, {Key: "countyNumber", Value: 1}, {Key: "sortName", Value: 1}, {Key: "userId", Value: 1}}},
	// owners: {networkId, role}
	{Collection: membershipsColl, Keys: bson.D{{Key: "networkId", Value: 1}, {Key: "role", Value: 1}}},
	// my networks: {userId} sort {joinedAt: -1, networkId: -1}; shared networks {userId, networkId $in}
	{Collection: membershipsColl, Keys: bson.D{{Key: "userId", Value: 1}, {Key: "joinedAt", Value: -1}, {Key: "networkId", Value: -1}}},

	{Collection: requestsColl, Keys: bson.D{{Key: "networkId", Value: 1}, {Key: "userId", Value: 1}}, Unique: true},
	// requests: {networkId, status} sort {createdAt, _id}
	{Collection: requestsColl, Keys: bson.D{{Key: "networkId", Value: 1}, {Key: "status", Value: 1}, {Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}},
	{Collection: requestsColl, Keys: bson.D{{Key: "userId", Value: 1}}},

	// invitations: {networkId} sort {createdAt: -1, _id: -1}
	{Collection: invitationsColl, Keys: bson.D{{Key: "networkId", Value: 1}, {Key: "createdAt", Value: -1}, {Key: "_id", Value: -1}}},
	// open invitation of an email: {networkId, email, expiresAt > now, usedAt, revokedAt}
	{Collection: invitationsColl, Keys: bson.D{{Key: "networkId", Value: 1}, {Key: "email", Value: 1}, {Key: "expiresAt", Value: 1}}},

	// audit: {networkId} sort {createdAt: -1, _id: -1}
	{Collection: auditColl, Keys: bson.D{{Key: "networkId", Value: 1}, {Key: "createdAt", Value: -1}, {Key: "_id", Value: -1}}},
}

// Unset times are the Unix epoch, so "not used" is an equality match.
var epoch = time.UnixMilli(0).UTC()

func orEpoch(t *time.Time) time.Time {
	if t == nil {
		return epoch
	}
	return mongodb.Millis(*t)
}

func fromEpoch(t time.Time) *time.Time {
	if t.IsZero() || t.Equal(epoch) {
		return nil
	}
	u := t.UTC()
	return &u
}

type mongoNetwork struct {
	ID              bson.ObjectID `bson:"_id"`
	Slug            string        `bson:"slug"`
	Name            string        `bson:"name"`
	SortName        string        `bson:"sortName"`
	NameLower       string        `bson:"nameLower"`
	Description     string        `bson:"description"`
	DescriptionHTML string        `bson:"descriptionHtml"`
	Excerpt         string        `bson:"excerpt"`
	Topics          []string      `bson:"topics"`
	National        bool          `bson:"national"`
	Counties        []string      `bson:"counties"`
	Regions         []string      `bson:"regions"`
	Visibility      string        `bson:"visibility"`
	Listed          bool          `bson:"listed"`
	MemberCount     int           `bson:"memberCount"`
	CreatedBy       string        `bson:"createdBy"`
	CreatedAt       time.Time     `bson:"createdAt"`
	UpdatedAt       time.Time     `bson:"updatedAt"`
}

func toMongoNetwork(n Network) (mongoNetwork, error) {
	id, err := mongodb.ParseID(n.ID)
	return mongoNetwork{ID: id, Slug: n.Slug, Name: n.Name, SortName: n.sortName, NameLower: strings.ToLower(n.Name),
		Description: n.Description, DescriptionHTML: n.DescriptionHTML, Excerpt: n.excerpt, Topics: nonNil(n.Topics), National: n.National,
		Counties: nonNil(n.Counties), Regions: nonNil(n.regionKeys()), Visibility: string(n.Visibility),
		Listed: n.Visibility != Closed, MemberCount: n.MemberCount, CreatedBy: n.CreatedBy,
		CreatedAt: mongodb.Millis(n.CreatedAt), UpdatedAt: mongodb.Millis(n.UpdatedAt)}, err
}

func (m mongoNetwork) network() Network {
	return Network{ID: m.ID.Hex(), Slug: m.Slug, Name: m.Name, sortName: m.SortName, Description: m.Description,
		DescriptionHTML: m.DescriptionHTML, excerpt: m.Excerpt, Topics: nonNil(m.Topics), National: m.National, Counties: nonNil(m.Counties),
		Visibility: Visibility(m.Visibility), MemberCount: m.MemberCount, CreatedBy: m.CreatedBy,
		CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC()}
}

type mongoMembership struct {
	NetworkID    string    `bson:"networkId"`
	UserID       string    `bson:"userId"`
	Role         string    `bson:"role"`
	JoinedAt     time.Time `bson:"joinedAt"`
	Name         string    `bson:"name"`
	SortName     string    `bson:"sortName"`
	NameLower    string    `bson:"nameLower"`
	JobTitle     string    `bson:"jobTitle"`
	JobField     string    `bson:"jobField"`
	OrgID        string    `bson:"orgId"`
	OrgName      string    `bson:"orgName"`
	OrgKind      string    `bson:"orgKind"`
	CountyNumber string    `bson:"countyNumber"`
	CountyName   string    `bson:"countyName"`
}

func profileFields(p Profile) bson.D {
	return bson.D{
		{Key: "name", Value: p.Name}, {Key: "jobTitle", Value: p.JobTitle}, {Key: "jobField", Value: p.JobField},
		{Key: "orgId", Value: p.OrgID}, {Key: "orgName", Value: p.OrgName}, {Key: "orgKind", Value: p.OrgKind},
		{Key: "countyNumber", Value: p.CountyNumber}, {Key: "countyName", Value: p.CountyName},
	}
}

func (m mongoMembership) membership() Membership {
	return Membership{NetworkID: m.NetworkID, UserID: m.UserID, Role: Role(m.Role), JoinedAt: m.JoinedAt.UTC(),
		Profile: Profile{Name: m.Name, JobTitle: m.JobTitle, JobField: m.JobField, OrgID: m.OrgID, OrgName: m.OrgName,
			OrgKind: m.OrgKind, CountyNumber: m.CountyNumber, CountyName: m.CountyName}}
}

type mongoRequest struct {
	ID           bson.ObjectID `bson:"_id"`
	NetworkID    string        `bson:"networkId"`
	UserID       string        `bson:"userId"`
	Message      string        `bson:"message"`
	Status       string        `bson:"status"`
	Reason       string        `bson:"reason"`
	DecidedBy    string        `bson:"decidedBy"`
	CreatedAt    time.Time     `bson:"createdAt"`
	DecidedAt    time.Time     `bson:"decidedAt"`
	Name         string        `bson:"name"`
	JobTitle     string        `bson:"jobTitle"`
	JobField     string        `bson:"jobField"`
	OrgID        string        `bson:"orgId"`
	OrgName      string        `bson:"orgName"`
	OrgKind      string        `bson:"orgKind"`
	CountyNumber string        `bson:"countyNumber"`
	CountyName   string        `bson:"countyName"`
	DecidedByN   string        `bson:"decidedByName"`
}

func (m mongoRequest) request() JoinRequest {
	return JoinRequest{ID: m.ID.Hex(), NetworkID: m.NetworkID, UserID: m.UserID, Message: m.Message,
		Status: RequestStatus(m.Status), Reason: m.Reason, DecidedBy: m.DecidedBy, DecidedByName: m.DecidedByN, CreatedAt: m.CreatedAt.UTC(),
		DecidedAt: fromEpoch(m.DecidedAt), Profile: Profile{Name: m.Name, JobTitle: m.JobTitle, JobField: m.JobField,
			OrgID: m.OrgID, OrgName: m.OrgName, OrgKind: m.OrgKind, CountyNumber: m.CountyNumber, CountyName: m.CountyName}}
}

type mongoInvitation struct {
	ID        bson.ObjectID `bson:"_id"`
	NetworkID string        `bson:"networkId"`
	Email     string        `bson:"email"`
	InvitedBy string        `bson:"invitedBy"`
	CreatedAt time.Time     `bson:"createdAt"`
	ExpiresAt time.Time     `bson:"expiresAt"`
	UsedAt    time.Time     `bson:"usedAt"`
	UsedBy    string        `bson:"usedBy"`
	RevokedAt time.Time     `bson:"revokedAt"`
	ByName    string        `bson:"invitedByName"`
	UsedName  string        `bson:"usedByName"`
}

func (m mongoInvitation) invitation() Invitation {
	return Invitation{ID: m.ID.Hex(), NetworkID: m.NetworkID, Email: m.Email, InvitedBy: m.InvitedBy,
		InvitedByName: m.ByName, UsedByName: m.UsedName,
		CreatedAt: m.CreatedAt.UTC(), ExpiresAt: m.ExpiresAt.UTC(), UsedAt: fromEpoch(m.UsedAt), UsedBy: m.UsedBy,
		RevokedAt: fromEpoch(m.RevokedAt)}
}

type mongoAudit struct {
	ID         bson.ObjectID `bson:"_id"`
	NetworkID  string        `bson:"networkId"`
	ActorID    string        `bson:"actorId"`
	ActorName  string        `bson:"actorName"`
	Action     string        `bson:"action"`
	TargetID   string        `bson:"targetId"`
	TargetName string        `bson:"targetName"`
	Detail     string        `bson:"detail"`
	CreatedAt  time.Time     `bson:"createdAt"`
}

type mongoStore struct {
	networks, memberships, requests, invitations, audit *mongo.Collection
}

var _ store = (*mongoStore)(nil)

// NewMongoStore returns the store on MongoDB.
func NewMongoStore(db *mongo.Database) *mongoStore {
	return &mongoStore{networks: db.Collection(networksColl), memberships: db.Collection(membershipsColl),
		requests: db.Collection(requestsColl), invitations: db.Collection(invitationsColl), audit: db.Collection(auditColl)}
}

// ---- networks

// CreateNetwork writes the network, then its owner. Without transactions a
// failure between the two removes the network again, so nothing is half made.
func (s *mongoStore) CreateNetwork(ctx context.Context, n Network, owner Membership) error {
	doc, err := toMongoNetwork(n)
	if err != nil {
		return err
	}
	doc.MemberCount = 1
	if _, err := s.networks.InsertOne(ctx, doc); err != nil {
		if mongodb.IsDuplicate(err) {
			return errSlugTaken()
		}
		return err
	}
	if _, err := s.memberships.InsertOne(ctx, toMongoMembership(owner)); err != nil {
		_, _ = s.networks.DeleteOne(context.WithoutCancel(ctx), bson.D{{Key: "_id", Value: doc.ID}})
		return err
	}
	return nil
}

func toMongoMembership(m Membership) mongoMembership {
	p := m.Profile
	return mongoMembership{NetworkID: m.NetworkID, UserID: m.UserID, Role: string(m.Role), JoinedAt: mongodb.Millis(m.JoinedAt),
		Name: p.Name, SortName: sortKey(p.Name), NameLower: strings.ToLower(p.Name), JobTitle: p.JobTitle,
		JobField: p.JobField, OrgID: p.OrgID, OrgName: p.OrgName, OrgKind: p.OrgKind, CountyNumber: p.CountyNumber,
		CountyName: p.CountyName}
}

func (s *mongoStore) UpdateNetwork(ctx context.Context, n Network) error {
	doc, err := toMongoNetwork(n)
	if err != nil {
		return errNotFound()
	}
	res, err := s.networks.UpdateOne(ctx, bson.D{{Key: "_id", Value: doc.ID}}, bson.D{{Key: "$set", Value: bson.D{
		{Key: "name", Value: doc.Name}, {Key: "sortName", Value: doc.SortName}, {Key: "nameLower", Value: doc.NameLower},
		{Key: "description", Value: doc.Description}, {Key: "descriptionHtml", Value: doc.DescriptionHTML}, {Key: "excerpt", Value: doc.Excerpt},
		{Key: "topics", Value: doc.Topics}, {Key: "national", Value: doc.National}, {Key: "counties", Value: doc.Counties},
		{Key: "regions", Value: doc.Regions}, {Key: "visibility", Value: doc.Visibility}, {Key: "listed", Value: doc.Listed},
		{Key: "updatedAt", Value: doc.UpdatedAt},
	}}})
	if err != nil {
		return err
	}
	if res.MatchedCount == 0 {
		return errNotFound()
	}
	return nil
}

func (s *mongoStore) NetworkBySlug(ctx context.Context, slug string) (Network, error) {
	m, err := mongodb.FindOne[mongoNetwork](ctx, s.networks, bson.D{{Key: "slug", Value: slug}}, errNotFound())
	return m.network(), err
}

func (s *mongoStore) NetworksByID(ctx context.Context, ids []string) ([]Network, error) {
	oids := make([]bson.ObjectID, 0, len(ids))
	for _, id := range ids {
		if oid, err := mongodb.ParseID(id); err == nil {
			oids = append(oids, oid)
		}
	}
	if len(oids) == 0 {
		return nil, nil
	}
	return mongodb.FindAll(ctx, s.networks, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: oids}}}}, options.Find(), mongoNetwork.network)
}

func (s *mongoStore) NetworkIDsByVisibility(ctx context.Context) (map[Visibility][]string, error) {
	type doc struct {
		ID         bson.ObjectID `bson:"_id"`
		Visibility string        `bson:"visibility"`
	}
	docs, err := mongodb.FindAll(ctx, s.networks, bson.D{}, options.Find().SetProjection(bson.D{{Key: "visibility", Value: 1}}), func(d doc) doc { return d })
	out := map[Visibility][]string{}
	for _, d := range docs {
		out[Visibility(d.Visibility)] = append(out[Visibility(d.Visibility)], d.ID.Hex())
	}
	return out, err
}

func (s *mongoStore) AllNetworks(ctx context.Context) ([]Network, error) {
	return mongodb.FindAll(ctx, s.networks, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}), mongoNetwork.network)
}

// afterKey is the keyset condition (key, id) > (k, i) for an ascending sort.
func afterKey(keyField, idField string, key string, id any) bson.E {
	return bson.E{Key: "$or", Value: bson.A{
		bson.D{{Key: keyField, Value: bson.D{{Key: "$gt", Value: key}}}},
		bson.D{{Key: keyField, Value: key}, {Key: idField, Value: bson.D{{Key: "$gt", Value: id}}}},
	}}
}

func contains(field, text string) bson.E {
	return bson.E{Key: field, Value: bson.D{{Key: "$regex", Value: regexp.QuoteMeta(text)}}}
}

func (s *mongoStore) ListNetworks(ctx context.Context, q networkQuery) ([]Network, error) {
	filter := bson.D{}
	if !q.All {
		filter = append(filter, bson.E{Key: "listed", Value: true})
	}
	if q.Topic != "" {
		filter = append(filter, bson.E{Key: "topics", Value: q.Topic})
	}
	if len(q.Regions) > 0 {
		filter = append(filter, bson.E{Key: "regions", Value: bson.D{{Key: "$in", Value: q.Regions}}})
	}
	if q.Search != "" {
		filter = append(filter, contains("nameLower", q.Search))
	}
	if q.After != nil {
		id, err := mongodb.ParseID(q.After.ID)
		if err != nil {
			return nil, errBadCursor()
		}
		filter = append(filter, afterKey("sortName", "_id", q.After.Key, id))
	}
	opts := options.Find().SetSort(bson.D{{Key: "sortName", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(q.Limit + 1))
	return mongodb.FindAll(ctx, s.networks, filter, opts, mongoNetwork.network)
}

func errBadCursor() error {
	return apperr.Invalid("validation.failed", "the cursor is not valid",
		apperr.FieldError{Field: "cursor", Code: apperr.FieldInvalid, Message: "not a cursor of this list"})
}

// ---- memberships

func errNotMember() error { return apperr.NotFound("network.not_member", "not a member") }

func (s *mongoStore) Membership(ctx context.Context, networkID, userID string) (Membership, error) {
	m, err := mongodb.FindOne[mongoMembership](ctx, s.memberships,
		bson.D{{Key: "networkId", Value: networkID}, {Key: "userId", Value: userID}}, errNotMember())
	return m.membership(), err
}

func (s *mongoStore) addCount(ctx context.Context, networkID string, delta int) error {
	oid, err := mongodb.ParseID(networkID)
	if err != nil {
		return err
	}
	_, err = s.networks.UpdateOne(ctx, bson.D{{Key: "_id", Value: oid}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "memberCount", Value: delta}}}})
	return err
}

func (s *mongoStore) AddMember(ctx context.Context, m Membership) error {
	if _, err := s.memberships.InsertOne(ctx, toMongoMembership(m)); err != nil {
		if mongodb.IsDuplicate(err) {
			return errAlreadyMember()
		}
		return err
	}
	return s.addCount(ctx, m.NetworkID, 1)
}

func (s *mongoStore) RemoveMember(ctx context.Context, networkID, userID string) error {
	res, err := s.memberships.DeleteOne(ctx, bson.D{{Key: "networkId", Value: networkID}, {Key: "userId", Value: userID}})
	if err != nil {
		return err
	}
	if res.DeletedCount == 0 {
		return errNotMember()
	}
	return s.addCount(ctx, networkID, -1)
}

func (s *mongoStore) SetRole(ctx context.Context, networkID, userID string, role Role) error {
	res, err := s.memberships.UpdateOne(ctx, bson.D{{Key: "networkId", Value: networkID}, {Key: "userId", Value: userID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "role", Value: string(role)}}}})
	if err != nil {
		return err
	}
	if res.MatchedCount == 0 {
		return errNotMember()
	}
	return nil
}

func (s *mongoStore) CountOwners(ctx context.Context, networkID string) (int, error) {
	n, err := s.memberships.CountDocuments(ctx, bson.D{{Key: "networkId", Value: networkID}, {Key: "role", Value: string(Owner)}})
	return int(n), err
}

func (s *mongoStore) ListMembers(ctx context.Context, q memberQuery) ([]Membership, error) {
	filter := bson.D{{Key: "networkId", Value: q.NetworkID}}
	if q.County != "" {
		filter = append(filter, bson.E{Key: "countyNumber", Value: q.County})
	}
	if q.OrgKind != "" {
		filter = append(filter, bson.E{Key: "orgKind", Value: q.OrgKind})
	}
	if q.JobField != "" {
		filter = append(filter, bson.E{Key: "jobField", Value: q.JobField})
	}
	if q.Search != "" {
		filter = append(filter, contains("nameLower", q.Search))
	}
	if q.After != nil {
		filter = append(filter, afterKey("sortName", "userId", q.After.Key, q.After.ID))
	}
	opts := options.Find().SetSort(bson.D{{Key: "sortName", Value: 1}, {Key: "userId", Value: 1}}).SetLimit(int64(q.Limit + 1))
	return mongodb.FindAll(ctx, s.memberships, filter, opts, mongoMembership.membership)
}

func (s *mongoStore) MembershipsOf(ctx context.Context, userID string, limit int, after *paging.Cursor) ([]Membership, error) {
	filter := bson.D{{Key: "userId", Value: userID}}
	if after != nil {
		ms, err := cursorMillis(after)
		if err != nil {
			return nil, err
		}
		at := time.UnixMilli(ms).UTC()
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "joinedAt", Value: bson.D{{Key: "$lt", Value: at}}}},
			bson.D{{Key: "joinedAt", Value: at}, {Key: "networkId", Value: bson.D{{Key: "$lt", Value: after.ID}}}},
		}})
	}
	opts := options.Find().SetSort(bson.D{{Key: "joinedAt", Value: -1}, {Key: "networkId", Value: -1}}).SetLimit(int64(limit))
	return mongodb.FindAll(ctx, s.memberships, filter, opts, mongoMembership.membership)
}

func (s *mongoStore) MembershipsIn(ctx context.Context, userID string, networkIDs []string) ([]Membership, error) {
	if len(networkIDs) == 0 {
		return nil, nil
	}
	return mongodb.FindAll(ctx, s.memberships, bson.D{{Key: "userId", Value: userID},
		{Key: "networkId", Value: bson.D{{Key: "$in", Value: networkIDs}}}}, options.Find(), mongoMembership.membership)
}

// CountByOrg groups with $match and $group($sum), the aggregation subset that
// both MongoDB and FerretDB run the same.
func (s *mongoStore) CountByOrg(ctx context.Context, networkID, county string) (map[string]int, error) {
	cur, err := s.memberships.Aggregate(ctx, mongo.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "networkId", Value: networkID}, {Key: "countyNumber", Value: county}}}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$orgId"}, {Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}}}}},
	})
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ID string `bson:"_id"`
		N  int    `bson:"n"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.ID] = r.N
	}
	return out, nil
}

func (s *mongoStore) UpdateProfile(ctx context.Context, userID string, p Profile) error {
	set := append(profileFields(p), bson.E{Key: "sortName", Value: sortKey(p.Name)}, bson.E{Key: "nameLower", Value: strings.ToLower(p.Name)})
	if _, err := s.memberships.UpdateMany(ctx, bson.D{{Key: "userId", Value: userID}}, bson.D{{Key: "$set", Value: set}}); err != nil {
		return err
	}
	_, err := s.requests.UpdateMany(ctx, bson.D{{Key: "userId", Value: userID}}, bson.D{{Key: "$set", Value: profileFields(p)}})
	return err
}

// ---- join requests

func errRequestNotFound() error {
	return apperr.NotFound("network.request_not_found", "no such request")
}

func (s *mongoStore) SaveRequest(ctx context.Context, r JoinRequest) error {
	id, err := mongodb.ParseID(r.ID)
	if err != nil {
		return err
	}
	set := append(profileFields(r.Profile),
		bson.E{Key: "message", Value: r.Message}, bson.E{Key: "status", Value: string(r.Status)},
		bson.E{Key: "reason", Value: r.Reason}, bson.E{Key: "decidedBy", Value: r.DecidedBy}, bson.E{Key: "decidedByName", Value: r.DecidedByName},
		bson.E{Key: "createdAt", Value: mongodb.Millis(r.CreatedAt)}, bson.E{Key: "decidedAt", Value: orEpoch(r.DecidedAt)})
	_, err = s.requests.UpdateOne(ctx, bson.D{{Key: "networkId", Value: r.NetworkID}, {Key: "userId", Value: r.UserID}},
		bson.D{{Key: "$set", Value: set}, {Key: "$setOnInsert", Value: bson.D{{Key: "_id", Value: id}}}},
		options.UpdateOne().SetUpsert(true))
	return err
}

func (s *mongoStore) RequestOf(ctx context.Context, networkID, userID string) (JoinRequest, error) {
	m, err := mongodb.FindOne[mongoRequest](ctx, s.requests, bson.D{{Key: "networkId", Value: networkID}, {Key: "userId", Value: userID}}, errRequestNotFound())
	return m.request(), err
}

func (s *mongoStore) RequestByID(ctx context.Context, id string) (JoinRequest, error) {
	oid, err := mongodb.ParseID(id)
	if err != nil {
		return JoinRequest{}, errRequestNotFound()
	}
	m, err := mongodb.FindOne[mongoRequest](ctx, s.requests, bson.D{{Key: "_id", Value: oid}}, errRequestNotFound())
	return m.request(), err
}

func (s *mongoStore) DecideRequest(ctx context.Context, r JoinRequest) (bool, error) {
	oid, err := mongodb.ParseID(r.ID)
	if err != nil {
		return false, errRequestNotFound()
	}
	res, err := s.requests.UpdateOne(ctx, bson.D{{Key: "_id", Value: oid}, {Key: "status", Value: string(Pending)}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: string(r.Status)}, {Key: "reason", Value: r.Reason},
			{Key: "decidedBy", Value: r.DecidedBy}, {Key: "decidedByName", Value: r.DecidedByName}, {Key: "decidedAt", Value: orEpoch(r.DecidedAt)}}}})
	if err != nil {
		return false, err
	}
	return res.ModifiedCount == 1, nil
}

func (s *mongoStore) CountRequests(ctx context.Context, networkID string, status RequestStatus) (int, error) {
	n, err := s.requests.CountDocuments(ctx, bson.D{{Key: "networkId", Value: networkID}, {Key: "status", Value: string(status)}})
	return int(n), err
}

func (s *mongoStore) ListRequests(ctx context.Context, networkID string, status RequestStatus, limit int, after *paging.Cursor) ([]JoinRequest, error) {
	filter := bson.D{{Key: "networkId", Value: networkID}, {Key: "status", Value: string(status)}}
	if after != nil {
		ms, err := cursorMillis(after)
		if err != nil {
			return nil, err
		}
		id, err := mongodb.ParseID(after.ID)
		if err != nil {
			return nil, errBadCursor()
		}
		at := time.UnixMilli(ms).UTC()
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "createdAt", Value: bson.D{{Key: "$gt", Value: at}}}},
			bson.D{{Key: "createdAt", Value: at}, {Key: "_id", Value: bson.D{{Key: "$gt", Value: id}}}},
		}})
	}
	opts := options.Find().SetSort(bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(limit + 1))
	return mongodb.FindAll(ctx, s.requests, filter, opts, mongoRequest.request)
}

// ---- invitations

func (s *mongoStore) CreateInvitation(ctx context.Context, i Invitation) error {
	id, err := mongodb.ParseID(i.ID)
	if err != nil {
		return err
	}
	_, err = s.invitations.InsertOne(ctx, mongoInvitation{ID: id, NetworkID: i.NetworkID, Email: i.Email,
		InvitedBy: i.InvitedBy, CreatedAt: mongodb.Millis(i.CreatedAt), ExpiresAt: mongodb.Millis(i.ExpiresAt),
		UsedAt: orEpoch(i.UsedAt), UsedBy: i.UsedBy, RevokedAt: orEpoch(i.RevokedAt), ByName: i.InvitedByName, UsedName: i.UsedByName})
	return err
}

func (s *mongoStore) Invitation(ctx context.Context, id string) (Invitation, error) {
	oid, err := mongodb.ParseID(id)
	if err != nil {
		return Invitation{}, errInvitationNotFound()
	}
	m, err := mongodb.FindOne[mongoInvitation](ctx, s.invitations, bson.D{{Key: "_id", Value: oid}}, errInvitationNotFound())
	return m.invitation(), err
}

func (s *mongoStore) OpenInvitation(ctx context.Context, networkID, email string, now time.Time) (Invitation, error) {
	m, err := mongodb.FindOne[mongoInvitation](ctx, s.invitations, bson.D{{Key: "networkId", Value: networkID},
		{Key: "email", Value: email}, {Key: "expiresAt", Value: bson.D{{Key: "$gt", Value: mongodb.Millis(now)}}},
		{Key: "usedAt", Value: epoch}, {Key: "revokedAt", Value: epoch}}, errInvitationNotFound())
	return m.invitation(), err
}

func (s *mongoStore) UseInvitation(ctx context.Context, id, userID, userName string, at time.Time) (bool, error) {
	oid, err := mongodb.ParseID(id)
	if err != nil {
		return false, errInvitationNotFound()
	}
	res, err := s.invitations.UpdateOne(ctx, bson.D{{Key: "_id", Value: oid}, {Key: "usedAt", Value: epoch}, {Key: "revokedAt", Value: epoch}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "usedAt", Value: mongodb.Millis(at)}, {Key: "usedBy", Value: userID}, {Key: "usedByName", Value: userName}}}})
	if err != nil {
		return false, err
	}
	return res.ModifiedCount == 1, nil
}

func (s *mongoStore) RevokeInvitation(ctx context.Context, id string, at time.Time) error {
	oid, err := mongodb.ParseID(id)
	if err != nil {
		return errInvitationNotFound()
	}
	res, err := s.invitations.UpdateOne(ctx, bson.D{{Key: "_id", Value: oid}, {Key: "usedAt", Value: epoch}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revokedAt", Value: mongodb.Millis(at)}}}})
	if err != nil {
		return err
	}
	if res.MatchedCount == 0 {
		return errInvitationNotFound()
	}
	return nil
}

// newestFirst is the keyset condition (createdAt, _id) < (at, id) for a
// descending sort.
func newestFirst(filter bson.D, after *paging.Cursor) (bson.D, error) {
	if after == nil {
		return filter, nil
	}
	ms, err := cursorMillis(after)
	if err != nil {
		return nil, err
	}
	id, err := mongodb.ParseID(after.ID)
	if err != nil {
		return nil, errBadCursor()
	}
	at := time.UnixMilli(ms).UTC()
	return append(filter, bson.E{Key: "$or", Value: bson.A{
		bson.D{{Key: "createdAt", Value: bson.D{{Key: "$lt", Value: at}}}},
		bson.D{{Key: "createdAt", Value: at}, {Key: "_id", Value: bson.D{{Key: "$lt", Value: id}}}},
	}}), nil
}

var newestSort = bson.D{{Key: "createdAt", Value: -1}, {Key: "_id", Value: -1}}

func (s *mongoStore) ListInvitations(ctx context.Context, networkID string, limit int, after *paging.Cursor) ([]Invitation, error) {
	filter, err := newestFirst(bson.D{{Key: "networkId", Value: networkID}}, after)
	if err != nil {
		return nil, err
	}
	return mongodb.FindAll(ctx, s.invitations, filter, options.Find().SetSort(newestSort).SetLimit(int64(limit+1)), mongoInvitation.invitation)
}

// ---- audit

func (s *mongoStore) AddAudit(ctx context.Context, e AuditEntry) error {
	id, err := mongodb.ParseID(e.ID)
	if err != nil {
		return err
	}
	_, err = s.audit.InsertOne(ctx, mongoAudit{ID: id, NetworkID: e.NetworkID, ActorID: e.ActorID, ActorName: e.ActorName,
		Action: e.Action, TargetID: e.TargetID, TargetName: e.TargetName, Detail: e.Detail, CreatedAt: mongodb.Millis(e.CreatedAt)})
	return err
}

func (s *mongoStore) ListAudit(ctx context.Context, networkID string, limit int, after *paging.Cursor) ([]AuditEntry, error) {
	filter, err := newestFirst(bson.D{{Key: "networkId", Value: networkID}}, after)
	if err != nil {
		return nil, err
	}
	return mongodb.FindAll(ctx, s.audit, filter, options.Find().SetSort(newestSort).SetLimit(int64(limit+1)), func(m mongoAudit) AuditEntry {
		return AuditEntry{ID: m.ID.Hex(), NetworkID: m.NetworkID, ActorID: m.ActorID, ActorName: m.ActorName, Action: m.Action,
			TargetID: m.TargetID, TargetName: m.TargetName, Detail: m.Detail, CreatedAt: m.CreatedAt.UTC()}
	})
}

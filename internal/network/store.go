package network

import (
	"context"
	"time"

	"github.com/samspill/samspill/internal/paging"
)

// store is what the network service needs from a database. Each method is one
// indexed read or one single-record write (or, on SQLite, one transaction), so
// the service composes them into idempotent steps without multi-document
// transactions, which the MongoDB subset we use does not have.
type store interface {
	// CreateNetwork stores n with its first owner. A taken slug is a Conflict
	// (network.slug_taken).
	CreateNetwork(ctx context.Context, n Network, owner Membership) error
	UpdateNetwork(ctx context.Context, n Network) error
	NetworkBySlug(ctx context.Context, slug string) (Network, error)
	NetworksByID(ctx context.Context, ids []string) ([]Network, error)
	// NetworkIDsByVisibility returns every network's id by visibility (a
	// search asks which networks it may show; there are at most a few thousand).
	NetworkIDsByVisibility(ctx context.Context) (map[Visibility][]string, error)
	// AllNetworks returns every network (search rebuilds).
	AllNetworks(ctx context.Context) ([]Network, error)
	// ListNetworks returns up to q.Limit+1 networks in name order.
	ListNetworks(ctx context.Context, q networkQuery) ([]Network, error)

	Membership(ctx context.Context, networkID, userID string) (Membership, error)
	// AddMember adds m and counts it in the network's member count; an existing
	// membership is a Conflict (network.already_member).
	AddMember(ctx context.Context, m Membership) error
	// RemoveMember deletes the membership and uncounts it.
	RemoveMember(ctx context.Context, networkID, userID string) error
	SetRole(ctx context.Context, networkID, userID string, role Role) error
	CountOwners(ctx context.Context, networkID string) (int, error)
	ListMembers(ctx context.Context, q memberQuery) ([]Membership, error)
	// MembershipsOf returns a person's memberships, newest first.
	MembershipsOf(ctx context.Context, userID string, limit int, after *paging.Cursor) ([]Membership, error)
	// MembershipsIn returns the person's memberships among these networks.
	MembershipsIn(ctx context.Context, userID string, networkIDs []string) ([]Membership, error)
	// CountByOrg counts a network's members per organisation in one county.
	CountByOrg(ctx context.Context, networkID, county string) (map[string]int, error)
	// UpdateProfile rewrites the copied profile in all of a person's memberships
	// and join requests.
	UpdateProfile(ctx context.Context, userID string, p Profile) error

	// SaveRequest creates or reopens the person's request for the network.
	SaveRequest(ctx context.Context, r JoinRequest) error
	RequestOf(ctx context.Context, networkID, userID string) (JoinRequest, error)
	RequestByID(ctx context.Context, id string) (JoinRequest, error)
	// DecideRequest sets the decision if the request is still pending, and
	// reports whether this call decided it.
	DecideRequest(ctx context.Context, r JoinRequest) (bool, error)
	ListRequests(ctx context.Context, networkID string, status RequestStatus, limit int, after *paging.Cursor) ([]JoinRequest, error)
	CountRequests(ctx context.Context, networkID string, status RequestStatus) (int, error)

	CreateInvitation(ctx context.Context, inv Invitation) error
	Invitation(ctx context.Context, id string) (Invitation, error)
	// OpenInvitation returns the unused, unrevoked, unexpired invitation of an
	// email to a network, if there is one.
	OpenInvitation(ctx context.Context, networkID, email string, now time.Time) (Invitation, error)
	// UseInvitation marks it used if it was neither used nor revoked, and
	// reports whether this call did.
	UseInvitation(ctx context.Context, id, userID, userName string, at time.Time) (bool, error)
	RevokeInvitation(ctx context.Context, id string, at time.Time) error
	ListInvitations(ctx context.Context, networkID string, limit int, after *paging.Cursor) ([]Invitation, error)

	AddAudit(ctx context.Context, e AuditEntry) error
	ListAudit(ctx context.Context, networkID string, limit int, after *paging.Cursor) ([]AuditEntry, error)
}

// networkQuery lists networks. Listed means open and on-request networks; the
// catalogue adds the asker's own closed networks itself.
type networkQuery struct {
	All     bool     // every network, closed ones too (administrators)
	Topic   string   // only networks with this topic
	Regions []string // only networks for one of these regions (county numbers, "national")
	Search  string   // lower-case text the name must contain
	Limit   int
	After   *paging.Cursor
}

type memberQuery struct {
	NetworkID string
	County    string
	OrgKind   string
	JobField  string
	Search    string // lower-case text the name must contain
	Limit     int
	After     *paging.Cursor
}

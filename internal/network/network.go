// Package network is where everything in Samspill lives: networks that KS advisers
// run and culture staff join, their members and roles, join requests, invitations
// and the audit log of membership changes.
package network

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/samspill/samspill/internal/apperr"
)

// Visibility decides who sees a network and how people join it.
type Visibility string

const (
	// Open networks are listed, and anyone logged in may join.
	Open Visibility = "open"
	// OnRequest networks are listed; joining needs a moderator's approval.
	OnRequest Visibility = "on_request"
	// Closed networks are invisible to non-members; joining is by invitation only.
	Closed Visibility = "closed"
)

func (v Visibility) Valid() bool { return v == Open || v == OnRequest || v == Closed }

// Role is a member's role in one network.
type Role string

const (
	Owner     Role = "owner"
	Moderator Role = "moderator"
	Member    Role = "member"
)

func (r Role) Valid() bool { return r == Owner || r == Moderator || r == Member }

// atLeast reports whether r is role or a higher one.
func (r Role) atLeast(role Role) bool { return rank(r) >= rank(role) }

func rank(r Role) int {
	switch r {
	case Owner:
		return 3
	case Moderator:
		return 2
	case Member:
		return 1
	}
	return 0
}

// Topics is the fixed list networks are tagged with, so the catalogue can be
// filtered in every language (the web app translates the keys).
var Topics = []string{
	"culture_school", "library", "museum_heritage", "volunteering", "culture_planning",
	"arts_for_children", "events_venues", "funding", "participation_inclusion", "digital",
	"arts_and_artists", "public_health",
}

func validTopic(t string) bool {
	for _, x := range Topics {
		if t == x {
			return true
		}
	}
	return false
}

// Network is a group of people working on one theme.
type Network struct {
	ID              string     `json:"id"`
	Slug            string     `json:"slug"`
	Name            string     `json:"name"`
	Description     string     `json:"description" doc:"Markdown"`
	DescriptionHTML string     `json:"descriptionHtml" doc:"The description rendered to safe HTML"`
	Topics          []string   `json:"topics" enum:"culture_school,library,museum_heritage,volunteering,culture_planning,arts_for_children,events_venues,funding,participation_inclusion,digital,arts_and_artists,public_health"`
	National        bool       `json:"national" doc:"For the whole country"`
	Counties        []string   `json:"counties" doc:"County numbers the network is for (empty when national)"`
	Visibility      Visibility `json:"visibility" enum:"open,on_request,closed"`
	MemberCount     int        `json:"memberCount"`
	CreatedBy       string     `json:"createdBy"`
	CreatedAt       time.Time  `json:"createdAt"`
	UpdatedAt       time.Time  `json:"updatedAt"`

	sortName string
	// excerpt is the start of the description as plain text, made when the
	// description is written so lists never render Markdown.
	excerpt string
}

// regionKeys are what the catalogue's county filter matches: each county, and
// "national" for networks for the whole country.
func (n Network) regionKeys() []string {
	if n.National {
		return []string{"national"}
	}
	return n.Counties
}

// Membership is one person's place in one network, with the profile fields the
// member directory filters and sorts on copied in (kept current when the person
// changes their profile), so a directory page is one indexed read.
type Membership struct {
	NetworkID string    `json:"-"`
	UserID    string    `json:"userId"`
	Role      Role      `json:"role" enum:"owner,moderator,member"`
	JoinedAt  time.Time `json:"joinedAt"`
	Profile
}

// Profile is the part of a person the directory shows.
type Profile struct {
	Name         string `json:"name"`
	JobTitle     string `json:"jobTitle"`
	JobField     string `json:"jobField" enum:"culture_head,librarian,culture_school_leader,museum_heritage,volunteering,adviser,other"`
	OrgID        string `json:"orgId"`
	OrgName      string `json:"orgName"`
	OrgKind      string `json:"orgKind" enum:"municipality,county,state,ks"`
	CountyNumber string `json:"countyNumber"`
	CountyName   string `json:"countyName"`
}

// RequestStatus is where a join request stands.
type RequestStatus string

const (
	Pending  RequestStatus = "pending"
	Approved RequestStatus = "approved"
	Declined RequestStatus = "declined"
)

// JoinRequest is someone asking to join an on-request network. There is one per
// person and network; asking again after a decline reopens it.
type JoinRequest struct {
	ID        string        `json:"id"`
	NetworkID string        `json:"-"`
	UserID    string        `json:"userId"`
	Message   string        `json:"message"`
	Status    RequestStatus `json:"status" enum:"pending,approved,declined"`
	Reason    string        `json:"reason,omitempty" doc:"Why it was declined"`
	DecidedBy string        `json:"decidedBy,omitempty"`
	// DecidedByName is who answered, as named then.
	DecidedByName string     `json:"decidedByName,omitempty"`
	CreatedAt     time.Time  `json:"createdAt"`
	DecidedAt     *time.Time `json:"decidedAt,omitempty"`
	Profile       Profile    `json:"profile"`
}

// Invitation lets one email address join a network, and register first if the
// person has no account. The link carries a signed token (see token.go).
type Invitation struct {
	ID        string `json:"id"`
	NetworkID string `json:"-"`
	Email     string `json:"email"`
	InvitedBy string `json:"invitedBy"`
	// InvitedByName and UsedByName are the people's names as they were then.
	InvitedByName string     `json:"invitedByName"`
	CreatedAt     time.Time  `json:"createdAt"`
	ExpiresAt     time.Time  `json:"expiresAt"`
	UsedAt        *time.Time `json:"usedAt,omitempty"`
	UsedBy        string     `json:"usedBy,omitempty"`
	UsedByName    string     `json:"usedByName,omitempty"`
	RevokedAt     *time.Time `json:"revokedAt,omitempty"`
}

// AuditEntry records one change of membership or role.
type AuditEntry struct {
	ID         string    `json:"id"`
	NetworkID  string    `json:"-"`
	ActorID    string    `json:"actorId"`
	ActorName  string    `json:"actorName"`
	Action     string    `json:"action" doc:"e.g. member.joined, member.role_changed, request.declined"`
	TargetID   string    `json:"targetId,omitempty"`
	TargetName string    `json:"targetName,omitempty"`
	Detail     string    `json:"detail,omitempty"`
	CreatedAt  time.Time `json:"createdAt"`
}

// Audit actions.
const (
	ActNetworkCreated     = "network.created"
	ActNetworkUpdated     = "network.updated"
	ActMemberJoined       = "member.joined"
	ActMemberLeft         = "member.left"
	ActMemberRemoved      = "member.removed"
	ActRoleChanged        = "member.role_changed"
	ActRequestCreated     = "request.created"
	ActRequestApproved    = "request.approved"
	ActRequestDeclined    = "request.declined"
	ActInvitationSent     = "invitation.sent"
	ActInvitationAccepted = "invitation.accepted"
	ActInvitationRevoked  = "invitation.revoked"
)

// Limits.
const (
	maxName        = 120
	maxDescription = 20_000
	maxTopics      = 6
	maxMessage     = 1000
	maxReason      = 1000
	maxBulkInvites = 200
	InvitationTTL  = 14 * 24 * time.Hour
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// reservedSlugs are words the web app uses in /nettverk/<…> itself.
var reservedSlugs = map[string]bool{"ny": true, "mine": true, "sok": true, "api": true, "admin": true, "innstillinger": true}

// Slugify makes a readable URL slug of a name: "Kulturskoleledere i Vestland" →
// "kulturskoleledere-i-vestland", with æ→ae, ø→o, å→a.
func Slugify(name string) string {
	s := strings.ToLower(name)
	s = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a").Replace(s)
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r < utf8.RuneSelf && !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		case r >= utf8.RuneSelf && (r == ' ' || r == '–' || r == '—') && !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 80 {
		out = strings.Trim(out[:80], "-")
	}
	return out
}

// sortKey orders names alphabetically in Norwegian (æ, ø, å after z).
func sortKey(name string) string {
	s := strings.ToLower(strings.Join(strings.Fields(name), " "))
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'æ':
			b.WriteByte('{')
		case 'ø':
			b.WriteByte('|')
		case 'å':
			b.WriteByte('}')
		default:
			for _, d := range norm.NFD.String(string(r)) {
				if d < 0x300 || d > 0x36f { // drop combining accents: é sorts as e
					b.WriteRune(d)
				}
			}
		}
	}
	return b.String()
}

func checkText(v *apperr.Validation, field, s string, required bool, max int) {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	if required && n == 0 {
		v.Add(field, apperr.FieldRequired, "this field is required")
		return
	}
	v.Check(n <= max, field, apperr.FieldTooLong, "too long")
}

package network

import (
	"time"

	"github.com/samspill/samspill/internal/org"
)

// Permissions say what the person asking may do with a network, so the web app
// shows the right buttons without repeating the rules.
type Permissions struct {
	Join        bool `json:"join" doc:"May join at once (open network, not a member)"`
	Request     bool `json:"request" doc:"May ask to join (on-request network, no pending request)"`
	Leave       bool `json:"leave"`
	ViewMembers bool `json:"viewMembers"`
	Moderate    bool `json:"moderate" doc:"May handle join requests, invite and remove members"`
	Manage      bool `json:"manage" doc:"May change settings and roles and read the audit log"`
}

// NetworkView is a network as one person sees it.
type NetworkView struct {
	Network
	MyRole    Role           `json:"myRole,omitempty" enum:"owner,moderator,member"`
	MyRequest *RequestStatus `json:"myRequest,omitempty" enum:"pending,approved,declined"`
	// MyRequestReason is the moderators' reason when they declined the request.
	MyRequestReason string      `json:"myRequestReason,omitempty"`
	Permissions     Permissions `json:"permissions"`
	// PendingRequests counts the join requests waiting (for moderators only).
	PendingRequests int `json:"pendingRequests"`
}

// MemberItem is a member in the directory with what the asker may do to them.
type MemberItem struct {
	Membership
	CanRemove     bool `json:"canRemove"`
	CanChangeRole bool `json:"canChangeRole"`
}

// Summary is a network in a list.
type Summary struct {
	ID          string     `json:"id"`
	Slug        string     `json:"slug"`
	Name        string     `json:"name"`
	Excerpt     string     `json:"excerpt" doc:"The start of the description as plain text"`
	Topics      []string   `json:"topics" enum:"culture_school,library,museum_heritage,volunteering,culture_planning,arts_for_children,events_venues,funding,participation_inclusion,digital,arts_and_artists,public_health"`
	National    bool       `json:"national"`
	Counties    []string   `json:"counties"`
	Visibility  Visibility `json:"visibility" enum:"open,on_request,closed"`
	MemberCount int        `json:"memberCount"`
	MyRole      Role       `json:"myRole,omitempty" enum:"owner,moderator,member"`
}

// InvitationView is an invitation as moderators see it, with the link to copy.
type InvitationView struct {
	Invitation
	Link   string `json:"link" doc:"The invitation link; anyone holding it may use it once"`
	Status string `json:"status" enum:"pending,used,revoked,expired"`
}

// InviteProblem is one entry of an invitation list that was not invited.
type InviteProblem struct {
	Input string `json:"input" doc:"The text as it was given"`
	Line  int    `json:"line" doc:"The line of the pasted list it was on, from 1"`
	Code  string `json:"code" enum:"invalid_email,already_member,already_invited,duplicate" doc:"Why it was not invited"`
}

// InviteResult says who was invited and which lines were not.
type InviteResult struct {
	Invited  []InvitationView `json:"invited"`
	Problems []InviteProblem  `json:"problems"`
}

// InvitationPreview is what the holder of an invitation link sees before using it.
type InvitationPreview struct {
	NetworkName string    `json:"networkName"`
	NetworkSlug string    `json:"networkSlug"`
	Email       string    `json:"email"`
	InvitedBy   string    `json:"invitedBy" doc:"Name of the person who invited"`
	ExpiresAt   time.Time `json:"expiresAt"`
	HasAccount  bool      `json:"hasAccount" doc:"An account with this email exists: log in to accept"`
	// AlreadyMember is set when the person opening the link is logged in and a member.
	AlreadyMember bool       `json:"alreadyMember"`
	Visibility    Visibility `json:"visibility" enum:"open,on_request,closed"`
}

// OrgPresence is one organisation in a county and how many of its people are members.
type OrgPresence struct {
	Org     org.Org `json:"org"`
	Members int     `json:"members"`
}

// Coverage answers "which municipalities in this county are in the network".
type Coverage struct {
	County         org.Org       `json:"county"`
	Municipalities []OrgPresence `json:"municipalities" doc:"Every municipality in the county, members or not"`
	Present        int           `json:"present" doc:"How many of them have members"`
	CountyMembers  int           `json:"countyMembers" doc:"Members from the county authority itself"`
}

// PersonView is another person's profile and the networks you share.
type PersonView struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	JobTitle string    `json:"jobTitle"`
	JobField string    `json:"jobField" enum:"culture_head,librarian,culture_school_leader,museum_heritage,volunteering,adviser,other"`
	Org      org.Org   `json:"org"`
	Shared   []Summary `json:"sharedNetworks" doc:"Networks both of you are members of"`
}

package network

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/web"
)

// SlugPath names a network in a route.
type SlugPath struct {
	Slug string `path:"slug" maxLength:"80"`
}

// TokenPath names an invitation by its link's token.
type TokenPath struct {
	Token string `path:"token" maxLength:"200"`
}

type viewOutput struct{ Body NetworkView }
type summariesOutput struct{ Body paging.Page[Summary] }
type noContent struct{}

type op struct {
	id, method, path, summary string
	errors                    []int
	status                    int
	public                    bool
}

func (o op) operation() huma.Operation {
	h := huma.Operation{OperationID: o.id, Method: o.method, Path: o.path, Summary: o.summary,
		Tags: []string{"Networks"}, Errors: o.errors, DefaultStatus: o.status}
	if !o.public {
		h.Security = web.Bearer
	}
	return h
}

// Register mounts the network operations.
func Register(api huma.API, s *Service) {
	const base = "/api/v1/networks"
	const slug = base + "/{slug}"

	huma.Register(api, op{id: "listNetworks", method: http.MethodGet, path: base,
		summary: "The network catalogue: open and on-request networks, and your closed ones", errors: []int{401, 422}}.operation(),
		func(ctx context.Context, in *CatalogueInput) (*summariesOutput, error) {
			p, err := s.Catalogue(ctx, *in)
			return &summariesOutput{Body: p}, err
		})
	huma.Register(api, op{id: "createNetwork", method: http.MethodPost, path: base, status: http.StatusCreated,
		summary: "Create a network (KS advisers and administrators)", errors: []int{401, 403, 409, 422}}.operation(),
		func(ctx context.Context, in *struct{ Body NetworkInput }) (*viewOutput, error) {
			v, err := s.Create(ctx, in.Body)
			return &viewOutput{Body: v}, err
		})
	huma.Register(api, op{id: "myNetworks", method: http.MethodGet, path: "/api/v1/me/networks",
		summary: "The networks I am a member of, most recently joined first", errors: []int{401}}.operation(),
		func(ctx context.Context, in *struct {
			Limit  int    `query:"limit" minimum:"0" maximum:"100"`
			Cursor string `query:"cursor"`
		}) (*summariesOutput, error) {
			p, err := s.MyNetworks(ctx, in.Limit, in.Cursor)
			return &summariesOutput{Body: p}, err
		})
	huma.Register(api, op{id: "getNetwork", method: http.MethodGet, path: slug,
		summary: "A network, with my role and what I may do", errors: []int{401, 404}}.operation(),
		func(ctx context.Context, in *SlugPath) (*viewOutput, error) {
			v, err := s.Get(ctx, in.Slug)
			return &viewOutput{Body: v}, err
		})
	huma.Register(api, op{id: "updateNetwork", method: http.MethodPatch, path: slug,
		summary: "Change a network's settings (owners)", errors: []int{401, 403, 404, 422}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			Body NetworkPatch
		}) (*viewOutput, error) {
			v, err := s.Update(ctx, in.Slug, in.Body)
			return &viewOutput{Body: v}, err
		})
	huma.Register(api, op{id: "joinNetwork", method: http.MethodPost, path: slug + "/join",
		summary: "Join an open network", errors: []int{401, 403, 404, 409}}.operation(),
		func(ctx context.Context, in *SlugPath) (*viewOutput, error) {
			v, err := s.Join(ctx, in.Slug)
			return &viewOutput{Body: v}, err
		})
	huma.Register(api, op{id: "leaveNetwork", method: http.MethodPost, path: slug + "/leave", status: http.StatusNoContent,
		summary: "Leave a network", errors: []int{401, 404, 409}}.operation(),
		func(ctx context.Context, in *SlugPath) (*noContent, error) {
			return nil, s.Leave(ctx, in.Slug)
		})

	huma.Register(api, op{id: "listMembers", method: http.MethodGet, path: slug + "/members",
		summary: "The member directory", errors: []int{401, 403, 404, 422}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			MembersInput
		}) (*struct{ Body paging.Page[MemberItem] }, error) {
			p, err := s.Members(ctx, in.Slug, in.MembersInput)
			return &struct{ Body paging.Page[MemberItem] }{p}, err
		})
	huma.Register(api, op{id: "setMemberRole", method: http.MethodPut, path: slug + "/members/{userId}/role",
		summary: "Change a member's role (owners)", errors: []int{401, 403, 404, 409, 422}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			UserID string `path:"userId"`
			Body   RoleInput
		}) (*struct{ Body Membership }, error) {
			m, err := s.SetRole(ctx, in.Slug, in.UserID, in.Body)
			return &struct{ Body Membership }{m}, err
		})
	huma.Register(api, op{id: "removeMember", method: http.MethodDelete, path: slug + "/members/{userId}", status: http.StatusNoContent,
		summary: "Remove a member (moderators remove members; owners anyone)", errors: []int{401, 403, 404, 409}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			UserID string `path:"userId"`
		}) (*noContent, error) {
			return nil, s.RemoveMember(ctx, in.Slug, in.UserID)
		})
	huma.Register(api, op{id: "networkCoverage", method: http.MethodGet, path: slug + "/coverage",
		summary: "Which municipalities of a county have members in the network", errors: []int{401, 403, 404, 422}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			County string `query:"county" required:"true" pattern:"^[0-9]{2}$"`
		}) (*struct{ Body Coverage }, error) {
			c, err := s.Coverage(ctx, in.Slug, in.County)
			return &struct{ Body Coverage }{c}, err
		})

	huma.Register(api, op{id: "listJoinRequests", method: http.MethodGet, path: slug + "/requests",
		summary: "Join requests, oldest first (moderators)", errors: []int{401, 403, 404, 422}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			RequestsInput
		}) (*struct{ Body paging.Page[JoinRequest] }, error) {
			p, err := s.Requests(ctx, in.Slug, in.RequestsInput)
			return &struct{ Body paging.Page[JoinRequest] }{p}, err
		})
	huma.Register(api, op{id: "requestToJoin", method: http.MethodPost, path: slug + "/requests", status: http.StatusCreated,
		summary: "Ask to join an on-request network", errors: []int{401, 403, 404, 409, 422}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			Body RequestInput
		}) (*struct{ Body JoinRequest }, error) {
			r, err := s.RequestToJoin(ctx, in.Slug, in.Body)
			return &struct{ Body JoinRequest }{r}, err
		})
	for _, d := range []struct {
		id, verb, summary string
		approve           bool
	}{
		{"approveJoinRequest", "approve", "Approve a join request (moderators)", true},
		{"declineJoinRequest", "decline", "Decline a join request with a reason (moderators)", false},
	} {
		huma.Register(api, op{id: d.id, method: http.MethodPost, path: slug + "/requests/{requestId}/" + d.verb,
			summary: d.summary, errors: []int{401, 403, 404, 409, 422}}.operation(),
			func(ctx context.Context, in *struct {
				SlugPath
				RequestID string `path:"requestId"`
				Body      DecisionInput
			}) (*struct{ Body JoinRequest }, error) {
				r, err := s.Decide(ctx, in.Slug, in.RequestID, d.approve, in.Body)
				return &struct{ Body JoinRequest }{r}, err
			})
	}

	huma.Register(api, op{id: "listInvitations", method: http.MethodGet, path: slug + "/invitations",
		summary: "Invitations, newest first, with their links (moderators)", errors: []int{401, 403, 404, 422}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			InvitationsInput
		}) (*struct{ Body paging.Page[InvitationView] }, error) {
			p, err := s.Invitations(ctx, in.Slug, in.InvitationsInput)
			return &struct{ Body paging.Page[InvitationView] }{p}, err
		})
	huma.Register(api, op{id: "invite", method: http.MethodPost, path: slug + "/invitations",
		summary: "Invite one or many email addresses (moderators)", errors: []int{401, 403, 404, 422}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			Body InviteInput
		}) (*struct{ Body InviteResult }, error) {
			r, err := s.Invite(ctx, in.Slug, in.Body)
			return &struct{ Body InviteResult }{r}, err
		})
	huma.Register(api, op{id: "revokeInvitation", method: http.MethodDelete, path: slug + "/invitations/{invitationId}", status: http.StatusNoContent,
		summary: "Withdraw an unused invitation (moderators)", errors: []int{401, 403, 404, 409}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			InvitationID string `path:"invitationId"`
		}) (*noContent, error) {
			return nil, s.RevokeInvitation(ctx, in.Slug, in.InvitationID)
		})
	huma.Register(api, op{id: "networkAudit", method: http.MethodGet, path: slug + "/audit",
		summary: "The audit log of membership and role changes (owners)", errors: []int{401, 403, 404, 422}}.operation(),
		func(ctx context.Context, in *struct {
			SlugPath
			AuditInput
		}) (*struct{ Body paging.Page[AuditEntry] }, error) {
			p, err := s.Audit(ctx, in.Slug, in.AuditInput)
			return &struct{ Body paging.Page[AuditEntry] }{p}, err
		})

	huma.Register(api, op{id: "getInvitation", method: http.MethodGet, path: "/api/v1/invitations/{token}", public: true,
		summary: "What an invitation link is for", errors: []int{404, 409}}.operation(),
		func(ctx context.Context, in *TokenPath) (*struct{ Body InvitationPreview }, error) {
			p, err := s.InvitationByToken(ctx, in.Token)
			return &struct{ Body InvitationPreview }{p}, err
		})
	huma.Register(api, op{id: "acceptInvitation", method: http.MethodPost, path: "/api/v1/invitations/{token}/accept",
		summary: "Use an invitation as the logged-in person", errors: []int{401, 403, 404, 409}}.operation(),
		func(ctx context.Context, in *TokenPath) (*viewOutput, error) {
			v, err := s.AcceptInvitation(ctx, in.Token)
			return &viewOutput{Body: v}, err
		})
	huma.Register(api, op{id: "registerWithInvitation", method: http.MethodPost, path: "/api/v1/invitations/{token}/register",
		public: true, status: http.StatusCreated,
		summary: "Create an account for the invited email and join; then log in with it", errors: []int{404, 409, 422}}.operation(),
		func(ctx context.Context, in *struct {
			TokenPath
			Body Registration
		}) (*viewOutput, error) {
			v, err := s.RegisterWithInvitation(ctx, in.Token, in.Body)
			return &viewOutput{Body: v}, err
		})

	huma.Register(api, op{id: "getPerson", method: http.MethodGet, path: "/api/v1/people/{userId}",
		summary: "Someone's profile and the networks you share", errors: []int{401, 404}}.operation(),
		func(ctx context.Context, in *struct {
			UserID string `path:"userId"`
		}) (*struct{ Body PersonView }, error) {
			v, err := s.Person(ctx, in.UserID)
			return &struct{ Body PersonView }{v}, err
		})
}

package server

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/user"
)

// The actors of the authorisation matrix, in the column order of the expectations.
var matrixActors = []string{"anonymous", "outsider", "pending", "member", "moderator", "owner", "adviser", "admin"}

// matrixRoutes lists every network route with the status each actor gets on an
// open, an on-request and a closed network. A row reads like the actor list:
// anonymous, non-member, pending requester, member, moderator, owner, KS adviser
// who is not a member, administrator (not a member either).
var matrixRoutes = []struct {
	name, method, path, body string
	open, onRequest, closed  string
}{
	{"view", "GET", "/api/v1/networks/{slug}", "",
		"401 200 200 200 200 200 200 200", "401 200 200 200 200 200 200 200", "401 404 404 200 200 200 404 200"},
	{"change settings", "PATCH", "/api/v1/networks/{slug}", `{"description":"Ny tekst"}`,
		"401 403 403 403 403 200 403 200", "401 403 403 403 403 200 403 200", "401 404 404 403 403 200 404 200"},
	{"join", "POST", "/api/v1/networks/{slug}/join", "",
		"401 200 200 409 409 409 200 200", "401 403 403 409 409 409 403 403", "401 404 404 409 409 409 404 403"},
	{"leave", "POST", "/api/v1/networks/{slug}/leave", "",
		"401 404 404 204 204 409 404 404", "401 404 404 204 204 409 404 404", "401 404 404 204 204 409 404 404"},
	{"member directory", "GET", "/api/v1/networks/{slug}/members", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"county coverage", "GET", "/api/v1/networks/{slug}/coverage?county=46", "",
		"401 200 200 200 200 200 200 200", "401 403 403 200 200 200 403 200", "401 404 404 200 200 200 404 200"},
	{"change a role", "PUT", "/api/v1/networks/{slug}/members/{memberId}/role", `{"role":"moderator"}`,
		"401 403 403 403 403 200 403 200", "401 403 403 403 403 200 403 200", "401 404 404 403 403 200 404 200"},
	{"remove a member", "DELETE", "/api/v1/networks/{slug}/members/{memberId}", "",
		"401 403 403 403 204 204 403 204", "401 403 403 403 204 204 403 204", "401 404 404 403 204 204 404 204"},
	{"list join requests", "GET", "/api/v1/networks/{slug}/requests", "",
		"401 403 403 403 200 200 403 200", "401 403 403 403 200 200 403 200", "401 404 404 403 200 200 404 200"},
	{"ask to join", "POST", "/api/v1/networks/{slug}/requests", `{"message":"Hei"}`,
		"401 409 409 409 409 409 409 409", "401 201 409 409 409 409 201 201", "401 404 404 409 409 409 404 403"},
	{"approve a request", "POST", "/api/v1/networks/{slug}/requests/{requestId}/approve", `{}`,
		"401 403 403 403 200 200 403 200", "401 403 403 403 200 200 403 200", "401 404 404 403 200 200 404 200"},
	{"decline a request", "POST", "/api/v1/networks/{slug}/requests/{requestId}/decline", `{"reason":"Ikke nå"}`,
		"401 403 403 403 200 200 403 200", "401 403 403 403 200 200 403 200", "401 404 404 403 200 200 404 200"},
	{"list invitations", "GET", "/api/v1/networks/{slug}/invitations", "",
		"401 403 403 403 200 200 403 200", "401 403 403 403 200 200 403 200", "401 404 404 403 200 200 404 200"},
	{"invite", "POST", "/api/v1/networks/{slug}/invitations", `{"emails":"{fresh}"}`,
		"401 403 403 403 200 200 403 200", "401 403 403 403 200 200 403 200", "401 404 404 403 200 200 404 200"},
	{"withdraw an invitation", "DELETE", "/api/v1/networks/{slug}/invitations/{invitationId}", "",
		"401 403 403 403 204 204 403 204", "401 403 403 403 204 204 403 204", "401 404 404 403 204 204 404 204"},
	{"audit log", "GET", "/api/v1/networks/{slug}/audit", "",
		"401 403 403 403 403 200 403 200", "401 403 403 403 403 200 403 200", "401 404 404 403 403 200 404 200"},
}

type matrixWorld struct {
	ts     *testServer
	tokens map[string]string // actor → access token
	ids    map[string]string // actor → user id
}

func newMatrixWorld(t *testing.T) *matrixWorld {
	ts := newTestServer(t)
	ctx := context.Background()
	w := &matrixWorld{ts: ts, tokens: map[string]string{}, ids: map[string]string{}}
	fyresdal, err := ts.srv.Services.Orgs.ByKey(ctx, "municipality:4032")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range matrixActors[1:] {
		role := auth.RoleMember
		switch a {
		case "adviser":
			role = auth.RoleAdviser
		case "admin":
			role = auth.RoleAdmin
		}
		email := a + "@matrix.example.no"
		u, err := ts.srv.Services.Users.Create(ctx, user.NewUser{Email: email, Name: "Matrix " + a, OrgID: fyresdal.ID,
			JobField: user.JobOther, SiteRole: role, Language: "nb", Password: "matrix-password-1"})
		if err != nil {
			t.Fatal(err)
		}
		w.ids[a] = u.ID
		w.tokens[a] = ts.login(email, "matrix-password-1").AccessToken
	}
	return w
}

func (w *matrixWorld) as(actor string) context.Context {
	role := auth.RoleMember
	switch actor {
	case "adviser":
		role = auth.RoleAdviser
	case "admin":
		role = auth.RoleAdmin
	}
	return auth.WithPrincipal(context.Background(), auth.Principal{UserID: w.ids[actor], Role: role})
}

// fixture is one network in a known state: an owner, a moderator and a member;
// a pending join request made while the network was on request (it stays pending
// when the owners change the visibility); and an open invitation.
type fixture struct {
	slug, requestID, invitationID string
}

func (w *matrixWorld) fixture(t *testing.T, slug string, vis network.Visibility) fixture {
	t.Helper()
	svc := w.ts.srv.Services.Networks
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := svc.Create(w.as("admin"), network.NetworkInput{Name: slug, Slug: slug, Visibility: network.OnRequest, Counties: []string{"46"}})
	must(err)
	must(svc.AddMemberDirectly(context.Background(), slug, w.ids["owner"], network.Owner))
	must(svc.AddMemberDirectly(context.Background(), slug, w.ids["moderator"], network.Moderator))
	must(svc.AddMemberDirectly(context.Background(), slug, w.ids["member"], network.Member))
	must(svc.RemoveMember(w.as("owner"), slug, w.ids["admin"])) // the creating administrator steps out
	r, err := svc.RequestToJoin(w.as("pending"), slug, network.RequestInput{Message: "Kan jeg bli med?"})
	must(err)
	inv, err := svc.Invite(w.as("owner"), slug, network.InviteInput{Emails: "invited-" + slug + "@example.no"})
	must(err)
	if vis != network.OnRequest {
		_, err = svc.Update(w.as("owner"), slug, network.NetworkPatch{Visibility: &vis})
		must(err)
	}
	return fixture{slug: slug, requestID: r.ID, invitationID: inv.Invited[0].ID}
}

func TestNetworkAuthorisationMatrix(t *testing.T) {
	w := newMatrixWorld(t)
	visibilities := []network.Visibility{network.Open, network.OnRequest, network.Closed}
	rows := 0
	for ri, route := range matrixRoutes {
		for _, vis := range visibilities {
			want := map[network.Visibility]string{network.Open: route.open, network.OnRequest: route.onRequest, network.Closed: route.closed}[vis]
			statuses := strings.Fields(want)
			if len(statuses) != len(matrixActors) {
				t.Fatalf("%s/%s: %d expectations for %d actors", route.name, vis, len(statuses), len(matrixActors))
			}
			for ai, actor := range matrixActors {
				rows++
				f := w.fixture(t, fmt.Sprintf("m%d-%s-%d", ri, strings.ReplaceAll(string(vis), "_", ""), ai), vis)
				path := strings.NewReplacer("{slug}", f.slug, "{memberId}", w.ids["member"],
					"{requestId}", f.requestID, "{invitationId}", f.invitationID).Replace(route.path)
				body := strings.ReplaceAll(route.body, "{fresh}", fmt.Sprintf("fresh-%d@example.no", rows))
				var header []string
				if actor != "anonymous" {
					header = []string{"Authorization", "Bearer " + w.tokens[actor]}
				}
				var r response
				if body != "" {
					r = w.ts.do(route.method, path, strings.NewReader(body), header...)
				} else {
					r = w.ts.do(route.method, path, nil, header...)
				}
				if fmt.Sprint(r.StatusCode) != statuses[ai] {
					t.Errorf("%s on a %s network as %s: %d, want %s: %s", route.name, vis, actor, r.StatusCode, statuses[ai], r.body)
					continue
				}
				if r.StatusCode >= 400 {
					var p problem
					r.json(&p)
					if r.StatusCode == 401 && p.Code != "auth.required" {
						t.Errorf("%s on a %s network as %s: code %s", route.name, vis, actor, p.Code)
					}
					// Outsiders must not learn that a closed network exists.
					if vis == network.Closed && (actor == "outsider" || actor == "pending" || actor == "adviser") && p.Code != "network.not_found" {
						t.Errorf("%s on a closed network as %s reveals it: %s", route.name, actor, p.Code)
					}
				}
			}
		}
	}
	t.Logf("authorisation matrix: %d rows (%d routes × %d visibilities × %d actors)", rows, len(matrixRoutes), len(visibilities), len(matrixActors))
	if want := len(matrixRoutes) * 3 * len(matrixActors); rows != want {
		t.Errorf("%d rows, want %d", rows, want)
	}
}

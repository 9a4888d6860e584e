package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/samspill/samspill/internal/demo"
	"github.com/samspill/samspill/internal/network"
)

type apiClient struct {
	ts    *testServer
	token string
}

func (c apiClient) call(method, path, body string) response {
	c.ts.t.Helper()
	var header []string
	if c.token != "" {
		header = []string{"Authorization", "Bearer " + c.token}
	}
	if body == "" {
		return c.ts.do(method, path, nil, header...)
	}
	return c.ts.do(method, path, strings.NewReader(body), header...)
}

func (c apiClient) ok(method, path, body string, out any) {
	c.ts.t.Helper()
	r := c.call(method, path, body)
	if r.StatusCode >= 300 {
		c.ts.t.Fatalf("%s %s: %d %s", method, path, r.StatusCode, r.body)
	}
	if out != nil {
		r.json(out)
	}
}

func (ts *testServer) as(email string) apiClient {
	return apiClient{ts: ts, token: ts.login(email, demo.Password).AccessToken}
}

const (
	ingrid = "ingrid.haugen@demo.samspill.no"
	ola    = "ola.berg@demo.samspill.no"
	per    = "per.olsen@demo.samspill.no"
	admin  = "admin@demo.samspill.no"
)

type summaryPage struct {
	Items []struct {
		Slug, Name, Visibility, MyRole string
		MemberCount                    int
	}
	NextCursor string
}

func (p summaryPage) slugs() []string {
	out := make([]string, len(p.Items))
	for i, it := range p.Items {
		out[i] = it.Slug
	}
	return out
}

func TestCatalogueShowsWhatEachPersonMaySee(t *testing.T) {
	ts := newTestServer(t)
	var p summaryPage
	// Kari belongs to the closed demo network; Ola does not.
	ts.as(kari).ok("GET", "/api/v1/networks", "", &p)
	if got := strings.Join(p.slugs(), " "); got != "bibliotekutvikling-nord kultur-for-framtida-medlemsdialog kulturskoleledere-i-vestland museum-og-kulturarv-i-innlandet" {
		t.Errorf("Kari sees %s", got)
	}
	if p.Items[1].MyRole != "member" || p.Items[1].Visibility != "closed" {
		t.Errorf("Kari's closed network: %+v", p.Items[1])
	}
	ts.as(ola).ok("GET", "/api/v1/networks", "", &p)
	if got := strings.Join(p.slugs(), " "); strings.Contains(got, "kultur-for-framtida") || len(p.Items) != 3 {
		t.Errorf("Ola sees %s", got)
	}
	ts.as(admin).ok("GET", "/api/v1/networks", "", &p)
	if len(p.Items) != 4 {
		t.Errorf("the administrator sees %v", p.slugs())
	}
	// Filters, with the closed network merged in where it matches.
	ts.as(kari).ok("GET", "/api/v1/networks?topic=participation_inclusion", "", &p)
	if got := strings.Join(p.slugs(), " "); got != "bibliotekutvikling-nord kultur-for-framtida-medlemsdialog" {
		t.Errorf("topic filter: %s", got)
	}
	ts.as(kari).ok("GET", "/api/v1/networks?county=46", "", &p)
	if got := strings.Join(p.slugs(), " "); got != "kultur-for-framtida-medlemsdialog kulturskoleledere-i-vestland" {
		t.Errorf("county filter (national networks included): %s", got)
	}
	ts.as(kari).ok("GET", "/api/v1/networks?q=BIBLIOTEK", "", &p)
	if got := strings.Join(p.slugs(), " "); got != "bibliotekutvikling-nord" {
		t.Errorf("search: %s", got)
	}
	// Paging through the merged list gives every network once.
	var walked []string
	cursor := ""
	kariC := ts.as(kari)
	for len(walked) < 10 {
		p = summaryPage{} // a last page has no nextCursor to overwrite the previous one
		kariC.ok("GET", "/api/v1/networks?limit=1&cursor="+cursor, "", &p)
		walked = append(walked, p.slugs()...)
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	if len(walked) != 4 || walked[1] != "kultur-for-framtida-medlemsdialog" {
		t.Errorf("paged: %v", walked)
	}
	ts.problem(ts.as(kari).call("GET", "/api/v1/networks?topic=football", ""), 422, "validation.failed")
	var mine summaryPage
	ts.as(kari).ok("GET", "/api/v1/me/networks", "", &mine)
	if len(mine.Items) != 1 || mine.Items[0].Slug != "kultur-for-framtida-medlemsdialog" {
		t.Errorf("Kari's networks: %v", mine.slugs())
	}
}

func TestCreatingNetworks(t *testing.T) {
	ts := newTestServer(t)
	body := `{"name":"Frivillighet i Agder","topics":["volunteering"],"counties":["42"],"visibility":"open","description":"# Velkommen\n<script>alert(1)</script>"}`
	ts.problem(ts.as(kari).call("POST", "/api/v1/networks", body), 403, "network.create_forbidden")
	var v struct {
		Slug, DescriptionHTML string
		MyRole                string
		MemberCount           int
		Permissions           network.Permissions
	}
	ts.as(ingrid).ok("POST", "/api/v1/networks", body, &v)
	if v.Slug != "frivillighet-i-agder" || v.MyRole != "owner" || v.MemberCount != 1 || !v.Permissions.Manage {
		t.Errorf("created %+v", v)
	}
	if strings.Contains(v.DescriptionHTML, "<script") || !strings.Contains(v.DescriptionHTML, "<h3") {
		t.Errorf("description not rendered safely: %q", v.DescriptionHTML)
	}
	ts.problem(ts.as(admin).call("POST", "/api/v1/networks", body), 409, "network.slug_taken")
	p := ts.problem(ts.as(ingrid).call("POST", "/api/v1/networks",
		`{"name":" ","slug":"Bad Slug","topics":["x"],"national":true,"counties":["46"],"visibility":"secret"}`), 422, "validation.failed")
	got := map[string]string{}
	for _, e := range p.Errors {
		got[e.Field] = e.Code
	}
	if got["visibility"] == "" {
		t.Errorf("fields %v", got)
	}
	p = ts.problem(ts.as(ingrid).call("POST", "/api/v1/networks",
		`{"name":" ","slug":"Bad Slug","topics":["x"],"national":true,"counties":["46"],"visibility":"open"}`), 422, "validation.failed")
	got = map[string]string{}
	for _, e := range p.Errors {
		got[e.Field] = e.Code
	}
	if got["name"] != "required" || got["slug"] != "invalid" || got["topics"] != "invalid" || got["counties"] != "not_allowed" {
		t.Errorf("fields %v", got)
	}
	ts.problem(ts.as(ingrid).call("POST", "/api/v1/networks", `{"name":"Uten region","visibility":"open"}`), 422, "validation.failed")
	p = ts.problem(ts.as(ingrid).call("POST", "/api/v1/networks", `{"name":"Ny","national":true,"visibility":"open"}`), 422, "validation.failed")
	if p.Errors[0].Field != "slug" || p.Errors[0].Code != "not_allowed" {
		t.Errorf("reserved slug: %+v", p.Errors)
	}
}

func TestRequestsRolesAndTheLastOwner(t *testing.T) {
	ts := newTestServer(t)
	owner, olaC := ts.as(ingrid), ts.as(ola)
	const slug = "/api/v1/networks/museum-og-kulturarv-i-innlandet"
	// Ola joins the open network; Ingrid makes him owner, then steps down.
	olaC.ok("POST", slug+"/join", "", nil)
	ts.problem(olaC.call("POST", slug+"/join", ""), 409, "network.already_member")
	var me struct{ ID string }
	olaC.ok("GET", "/api/v1/me", "", &me)
	var ingridMe struct{ ID string }
	owner.ok("GET", "/api/v1/me", "", &ingridMe)
	ts.problem(owner.call("PUT", slug+"/members/"+ingridMe.ID+"/role", `{"role":"member"}`), 409, "network.last_owner")
	ts.problem(owner.call("POST", slug+"/leave", ""), 409, "network.last_owner")
	owner.ok("PUT", slug+"/members/"+me.ID+"/role", `{"role":"owner"}`, nil)
	owner.ok("PUT", slug+"/members/"+ingridMe.ID+"/role", `{"role":"moderator"}`, nil)
	ts.problem(owner.call("PUT", slug+"/members/"+me.ID+"/role", `{"role":"member"}`), 403, "network.owners_only")
	ts.problem(owner.call("DELETE", slug+"/members/"+me.ID, ""), 403, "network.owners_only")
	ts.problem(olaC.call("PUT", slug+"/members/"+me.ID+"/role", `{"role":"member"}`), 409, "network.last_owner")
	ts.problem(olaC.call("PUT", slug+"/members/0123456789abcdef01234567/role", `{"role":"member"}`), 404, "network.member_not_found")

	// A join request is answered once.
	const vestland = "/api/v1/networks/kulturskoleledere-i-vestland"
	kariC := ts.as(kari)
	var req struct{ ID, Status string }
	kariC.ok("POST", vestland+"/requests", `{"message":"Hei fra Fyresdal"}`, &req)
	ts.problem(kariC.call("POST", vestland+"/requests", `{}`), 409, "network.request_pending")
	var view struct {
		MyRequest   string
		Permissions network.Permissions
	}
	kariC.ok("GET", vestland, "", &view)
	if view.MyRequest != "pending" || view.Permissions.Request || view.Permissions.ViewMembers {
		t.Errorf("Kari's view while pending: %+v", view)
	}
	var modView struct{ PendingRequests int }
	owner.ok("GET", vestland, "", &modView)
	if modView.PendingRequests != 2 { // Kari and the demo's Marit Lie
		t.Errorf("pending requests for the moderator: %d", modView.PendingRequests)
	}
	owner.ok("POST", vestland+"/requests/"+req.ID+"/decline", `{"reason":"Nettverket er for Vestland"}`, &req)
	ts.problem(owner.call("POST", vestland+"/requests/"+req.ID+"/approve", `{}`), 409, "network.request_decided")
	var declined struct {
		MyRequest, MyRequestReason string
		PendingRequests            int
		Permissions                network.Permissions
	}
	kariC.ok("GET", vestland, "", &declined)
	if declined.MyRequest != "declined" || declined.MyRequestReason != "Nettverket er for Vestland" || !declined.Permissions.Request || declined.PendingRequests != 0 {
		t.Errorf("after the decline: %+v", declined)
	}
	var outbox struct {
		Items []struct{ To, Subject, Text, Kind string }
	}
	ts.as(admin).ok("GET", "/api/v1/admin/outbox", "", &outbox)
	if len(outbox.Items) == 0 || outbox.Items[0].To != kari || outbox.Items[0].Kind != "network.request_declined" ||
		!strings.Contains(outbox.Items[0].Text, "Nettverket er for Vestland") {
		t.Errorf("decline email: %+v", outbox.Items)
	}
	kariC.ok("POST", vestland+"/requests", `{"message":"Nytt forsøk"}`, &req)
	owner.ok("POST", vestland+"/requests/"+req.ID+"/approve", `{}`, nil)
	var members struct {
		Items []struct {
			Name, Role               string
			CanRemove, CanChangeRole bool
		}
	}
	kariC.ok("GET", vestland+"/members?q=kari", "", &members)
	if len(members.Items) != 1 || members.Items[0].Role != "member" || members.Items[0].CanRemove || members.Items[0].CanChangeRole {
		t.Errorf("Kari in the directory, as Kari sees it: %+v", members)
	}
	owner.ok("GET", vestland+"/members?q=kari", "", &members)
	if !members.Items[0].CanRemove || !members.Items[0].CanChangeRole {
		t.Errorf("Kari in the directory, as the owner sees it: %+v", members)
	}
	var audit struct {
		Items []struct{ Action, TargetName, Detail string }
	}
	owner.ok("GET", vestland+"/audit", "", &audit)
	if len(audit.Items) < 3 || audit.Items[0].Action != "request.approved" || audit.Items[0].TargetName != "Kari Nordmann" ||
		audit.Items[2].Action != "request.declined" || audit.Items[2].Detail != "Nettverket er for Vestland" {
		t.Errorf("audit: %+v", audit.Items[:3])
	}
	ts.problem(owner.call("POST", vestland+"/requests/0123456789abcdef01234567/approve", `{}`), 404, "network.request_not_found")
}

func TestDirectoryCoverageAndPeople(t *testing.T) {
	ts := newTestServer(t)
	olaC := ts.as(ola)
	const vestland = "/api/v1/networks/kulturskoleledere-i-vestland"
	var page struct {
		Items []struct {
			UserID, Name, Role, OrgName, CountyNumber, JobField string
		}
		NextCursor string
	}
	olaC.ok("GET", vestland+"/members?county=46&orgKind=municipality&jobField=culture_school_leader&limit=3", "", &page)
	if len(page.Items) != 3 || page.NextCursor == "" {
		t.Fatalf("first page: %+v", page)
	}
	total := len(page.Items)
	cursor := page.NextCursor
	for cursor != "" {
		var next struct {
			Items      []struct{ Name string }
			NextCursor string
		}
		olaC.ok("GET", vestland+"/members?county=46&orgKind=municipality&jobField=culture_school_leader&limit=3&cursor="+url.QueryEscape(cursor), "", &next)
		total += len(next.Items)
		cursor = next.NextCursor
	}
	if total != 6 { // Ola and five colleagues lead culture schools in Vestland
		t.Errorf("%d culture-school leaders in Vestland", total)
	}
	var cov struct {
		County         struct{ Name string }
		Municipalities []struct {
			Org     struct{ Name string }
			Members int
		}
		Present int
	}
	olaC.ok("GET", vestland+"/coverage?county=46", "", &cov)
	if cov.County.Name != "Vestland" || len(cov.Municipalities) != 43 || cov.Present != 8 {
		t.Errorf("coverage: %s, %d municipalities, %d present", cov.County.Name, len(cov.Municipalities), cov.Present)
	}
	ts.problem(olaC.call("GET", vestland+"/coverage?county=99", ""), 422, "validation.failed")

	// Profiles: a shared network makes a person visible.
	var ingridMe struct{ ID string }
	ts.as(ingrid).ok("GET", "/api/v1/me", "", &ingridMe)
	var person struct {
		Name           string
		Org            struct{ Name string }
		SharedNetworks []struct{ Slug string }
	}
	olaC.ok("GET", "/api/v1/people/"+ingridMe.ID, "", &person)
	if person.Name != "Ingrid Haugen" || len(person.SharedNetworks) != 1 || person.SharedNetworks[0].Slug != "kulturskoleledere-i-vestland" {
		t.Errorf("Ingrid as Ola sees her: %+v", person)
	}
	var kariMe struct{ ID string }
	kariC := ts.as(kari)
	kariC.ok("GET", "/api/v1/me", "", &kariMe)
	ts.problem(olaC.call("GET", "/api/v1/people/"+kariMe.ID, ""), 404, "network.person_not_found")
	ts.problem(olaC.call("GET", "/api/v1/people/not-an-id", ""), 404, "network.person_not_found")
	kariC.ok("GET", "/api/v1/people/"+kariMe.ID, "", &person)

	// A changed profile reaches the directory.
	olaC.ok("PATCH", "/api/v1/me", `{"name":"Ola Berg-Nilsen","jobField":"culture_head"}`, nil)
	olaC.ok("GET", vestland+"/members?q=berg-nilsen", "", &page)
	if len(page.Items) != 1 || page.Items[0].JobField != "culture_head" {
		t.Errorf("directory after the profile change: %+v", page.Items)
	}
}

type inviteResult struct {
	Invited []struct {
		ID, Email, Link, Status, InvitedByName string
	}
	Problems []struct {
		Input, Code string
		Line        int
	}
}

func tokenOf(t *testing.T, link string) string {
	t.Helper()
	i := strings.LastIndex(link, "/invitasjon/")
	if i < 0 {
		t.Fatalf("not an invitation link: %s", link)
	}
	return link[i+len("/invitasjon/"):]
}

func TestInvitations(t *testing.T) {
	ts := newTestServer(t)
	owner := ts.as(ingrid)
	const closed = "/api/v1/networks/kultur-for-framtida-medlemsdialog"
	var res inviteResult
	owner.ok("POST", closed+"/invitations", `{"emails":"ny.person@bergen.kommune.no\nikke en adresse; Kari.Nordmann@demo.samspill.no,\nAndre Andersen <andre@voss.kommune.no>\nny.person@BERGEN.kommune.no"}`, &res)
	if len(res.Invited) != 2 || res.Invited[0].Email != "ny.person@bergen.kommune.no" || res.Invited[1].Email != "andre@voss.kommune.no" || res.Invited[0].InvitedByName != "Ingrid Haugen" {
		t.Fatalf("invited %+v", res.Invited)
	}
	codes := map[string]string{}
	for _, p := range res.Problems {
		codes[fmt.Sprint(p.Line, " ", p.Input)] = p.Code
	}
	if len(codes) != 3 || codes["2 ikke en adresse"] != "invalid_email" || codes["2 Kari.Nordmann@demo.samspill.no"] != "already_member" || codes["4 ny.person@BERGEN.kommune.no"] != "duplicate" {
		t.Errorf("problems %+v", res.Problems)
	}
	var again inviteResult
	owner.ok("POST", closed+"/invitations", `{"emails":"ny.person@bergen.kommune.no"}`, &again)
	if len(again.Invited) != 0 || again.Problems[0].Code != "already_invited" {
		t.Errorf("inviting twice: %+v", again)
	}
	ts.problem(owner.call("POST", closed+"/invitations", `{"emails":"ikke-en-adresse"}`), 422, "validation.failed")
	ts.problem(owner.call("POST", closed+"/invitations", `{"emails":"  "}`), 422, "validation.failed")

	// The email is in the outbox with the link.
	var outbox struct {
		Items []struct{ To, Subject, Text, Status string }
	}
	ts.as(admin).ok("GET", "/api/v1/admin/outbox", "", &outbox)
	if len(outbox.Items) < 2 || outbox.Items[1].To != "ny.person@bergen.kommune.no" || outbox.Items[1].Status != "stored" ||
		!strings.Contains(outbox.Items[1].Text, res.Invited[0].Link) || !strings.Contains(outbox.Items[1].Subject, "«Kultur for framtida – medlemsdialog»") {
		t.Errorf("outbox %+v", outbox.Items)
	}

	// The invitee previews and registers without an account.
	anon := apiClient{ts: ts}
	token := tokenOf(t, res.Invited[0].Link)
	var preview struct {
		NetworkName, Email, InvitedBy string
		HasAccount                    bool
	}
	anon.ok("GET", "/api/v1/invitations/"+token, "", &preview)
	if preview.NetworkName != "Kultur for framtida – medlemsdialog" || preview.Email != "ny.person@bergen.kommune.no" || preview.InvitedBy != "Ingrid Haugen" || preview.HasAccount {
		t.Errorf("preview %+v", preview)
	}
	bergen, err := ts.srv.Services.Orgs.ByKey(context.Background(), "municipality:4601")
	if err != nil {
		t.Fatal(err)
	}
	p := ts.problem(anon.call("POST", "/api/v1/invitations/"+token+"/register", `{"name":"","password":"kort","orgId":"`+bergen.ID+`","jobField":"librarian"}`), 422, "validation.failed")
	if len(p.Errors) != 2 {
		t.Errorf("register errors %+v", p.Errors)
	}
	var joined struct {
		Slug   string
		MyRole string
	}
	reg := `{"name":"Nora Ny","password":"et-godt-passord","orgId":"` + bergen.ID + `","jobField":"librarian","jobTitle":"Bibliotekar"}`
	r := anon.call("POST", "/api/v1/invitations/"+token+"/register", reg)
	if r.StatusCode != 201 {
		t.Fatalf("register: %d %s", r.StatusCode, r.body)
	}
	r.json(&joined)
	if joined.Slug != "kultur-for-framtida-medlemsdialog" || joined.MyRole != "member" {
		t.Errorf("joined %+v", joined)
	}
	nora := ts.login("ny.person@bergen.kommune.no", "et-godt-passord")
	var members struct {
		Items []struct{ Name, OrgName string }
	}
	owner.ok("GET", closed+"/members?q=nora", "", &members)
	if len(members.Items) != 1 || members.Items[0].OrgName != "Bergen" {
		t.Errorf("Nora in the directory: %+v", members)
	}
	ts.problem(anon.call("POST", "/api/v1/invitations/"+token+"/register", reg), 409, "network.invitation_used")
	ts.problem(anon.call("GET", "/api/v1/invitations/"+token, ""), 409, "network.invitation_used")

	// The second invitee has an account under another address: refused.
	second := tokenOf(t, res.Invited[1].Link)
	ts.problem(apiClient{ts: ts, token: nora.AccessToken}.call("POST", "/api/v1/invitations/"+second+"/accept", ""), 403, "network.invitation_other_email")
	ts.problem(anon.call("POST", "/api/v1/invitations/"+second+"/accept", ""), 401, "auth.required")

	// Forged and tampered tokens.
	ts.problem(anon.call("GET", "/api/v1/invitations/not-a-token", ""), 404, "network.invitation_invalid")
	tampered := []byte(second)
	tampered[20] ^= 1
	if tampered[20] == '-' || tampered[20] == '_' {
		tampered[20] = 'A'
	}
	ts.problem(anon.call("GET", "/api/v1/invitations/"+string(tampered), ""), 404, "network.invitation_invalid")

	// An invitation for an existing account is accepted after logging in.
	var olaInv inviteResult
	owner.ok("POST", closed+"/invitations", `{"emails":"ola.berg@demo.samspill.no"}`, &olaInv)
	olaToken := tokenOf(t, olaInv.Invited[0].Link)
	anon.ok("GET", "/api/v1/invitations/"+olaToken, "", &preview)
	if !preview.HasAccount {
		t.Error("Ola's invitation does not know he has an account")
	}
	ts.problem(anon.call("POST", "/api/v1/invitations/"+olaToken+"/register", reg), 409, "network.invitation_login")
	olaC := ts.as(ola)
	var again2 struct{ AlreadyMember bool }
	olaC.ok("GET", "/api/v1/invitations/"+olaToken, "", &again2)
	if again2.AlreadyMember {
		t.Error("Ola is a member before accepting")
	}
	olaC.ok("POST", "/api/v1/invitations/"+olaToken+"/accept", "", &joined)
	if joined.MyRole != "member" {
		t.Errorf("Ola after accepting: %+v", joined)
	}

	// Withdrawn and expired invitations stop working.
	owner.ok("DELETE", closed+"/invitations/"+res.Invited[1].ID, "", nil)
	ts.problem(anon.call("GET", "/api/v1/invitations/"+second, ""), 409, "network.invitation_revoked")
	ts.problem(owner.call("DELETE", closed+"/invitations/"+res.Invited[0].ID, ""), 409, "network.invitation_used")
	var late inviteResult
	owner.ok("POST", closed+"/invitations", `{"emails":"sein@alta.kommune.no"}`, &late)
	ts.clock.Add(network.InvitationTTL + time.Minute)
	owner = ts.as(ingrid) // a fresh token: the old one expired with the clock
	ts.problem(anon.call("GET", "/api/v1/invitations/"+tokenOf(t, late.Invited[0].Link), ""), 409, "network.invitation_expired")
	var list struct {
		Items []struct{ Email, Status, Link string }
	}
	owner.ok("GET", closed+"/invitations", "", &list)
	statuses := map[string]string{}
	for _, i := range list.Items {
		statuses[i.Email] = i.Status
		if i.Status != "pending" && i.Link != "" {
			t.Errorf("a %s invitation still shows its link", i.Status)
		}
	}
	if statuses["sein@alta.kommune.no"] != "expired" || statuses["andre@voss.kommune.no"] != "revoked" || statuses["ny.person@bergen.kommune.no"] != "used" {
		t.Errorf("statuses %v", statuses)
	}
	raw, _ := json.Marshal(list)
	if strings.Contains(string(raw), `"email":""`) {
		t.Errorf("list %s", raw)
	}
}

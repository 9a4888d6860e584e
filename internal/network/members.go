package network

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
)

func errAlreadyMember() error {
	return apperr.Conflict("network.already_member", "you are already a member of this network")
}

// Join makes the asker a member of an open network.
func (s *Service) Join(ctx context.Context, slug string) (NetworkView, error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return NetworkView{}, err
	}
	switch {
	case a.role() != "":
		return NetworkView{}, errAlreadyMember()
	case a.n.Visibility == OnRequest:
		return NetworkView{}, errForbidden("network.approval_required", "this network admits members on request: ask to join")
	case a.n.Visibility != Open: // closed, seen only by an administrator who is not a member
		return NetworkView{}, errForbidden("network.invitation_required", "this network admits members by invitation only")
	}
	me, err := s.People.Person(ctx, a.p.UserID)
	if err != nil {
		return NetworkView{}, err
	}
	m, err := s.addMember(ctx, a.n, me, Member)
	if err != nil {
		return NetworkView{}, err
	}
	if err := s.audit(ctx, a.n, me, ActMemberJoined, &me, ""); err != nil {
		return NetworkView{}, err
	}
	a.membership = &m
	a.n.MemberCount++
	return s.view(a), nil
}

func (s *Service) addMember(ctx context.Context, n Network, p Person, role Role) (Membership, error) {
	m := Membership{NetworkID: n.ID, UserID: p.ID, Role: role, JoinedAt: s.now(), Profile: p.profile()}
	if err := s.store.AddMember(ctx, m); err != nil {
		return Membership{}, err
	}
	return m, s.changed(ctx, "person", p.ID)
}

// RequestInput asks to join an on-request network.
type RequestInput struct {
	Message string `json:"message,omitempty" maxLength:"1000" doc:"A short note to the moderators"`
}

// RequestToJoin asks the moderators of an on-request network to admit the asker.
func (s *Service) RequestToJoin(ctx context.Context, slug string, in RequestInput) (JoinRequest, error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return JoinRequest{}, err
	}
	var v apperr.Validation
	checkText(&v, "message", in.Message, false, maxMessage)
	if err := v.Err(); err != nil {
		return JoinRequest{}, err
	}
	switch {
	case a.role() != "":
		return JoinRequest{}, errAlreadyMember()
	case a.n.Visibility == Open:
		return JoinRequest{}, apperr.Conflict("network.join_directly", "this network is open: join it directly")
	case a.n.Visibility != OnRequest:
		return JoinRequest{}, errForbidden("network.invitation_required", "this network admits members by invitation only")
	case a.request != nil && a.request.Status == Pending:
		return JoinRequest{}, apperr.Conflict("network.request_pending", "you have already asked to join; the moderators will answer")
	}
	me, err := s.People.Person(ctx, a.p.UserID)
	if err != nil {
		return JoinRequest{}, err
	}
	r := JoinRequest{ID: sqlitedb.NewID(), NetworkID: a.n.ID, UserID: me.ID, Message: strings.TrimSpace(in.Message),
		Status: Pending, CreatedAt: s.now(), Profile: me.profile()}
	if a.request != nil {
		r.ID = a.request.ID // asking again after a decline reopens the same request
	}
	if err := s.store.SaveRequest(ctx, r); err != nil {
		return JoinRequest{}, err
	}
	if err := s.audit(ctx, a.n, me, ActRequestCreated, &me, ""); err != nil {
		return JoinRequest{}, err
	}
	return r, nil
}

// RequestsInput lists join requests.
type RequestsInput struct {
	Status RequestStatus `query:"status" enum:"pending,approved,declined" doc:"pending by default"`
	Limit  int           `query:"limit" minimum:"0" maximum:"100"`
	Cursor string        `query:"cursor"`
}

func (s *Service) moderate(ctx context.Context, slug string) (access, error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return access{}, err
	}
	if !a.can().Moderate {
		return access{}, errForbidden("network.moderators_only", "only the network's moderators and owners do this")
	}
	return a, nil
}

// Requests lists join requests, oldest first (moderators).
func (s *Service) Requests(ctx context.Context, slug string, in RequestsInput) (paging.Page[JoinRequest], error) {
	a, err := s.moderate(ctx, slug)
	if err != nil {
		return paging.Page[JoinRequest]{}, err
	}
	if in.Status == "" {
		in.Status = Pending
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[JoinRequest]{}, err
	}
	rs, err := s.store.ListRequests(ctx, a.n.ID, in.Status, req.Limit, req.After)
	if err != nil {
		return paging.Page[JoinRequest]{}, err
	}
	return paging.Build(rs, req.Limit, func(r JoinRequest) paging.Cursor {
		return paging.Cursor{Key: joinedKey(r.CreatedAt), ID: r.ID}
	}), nil
}

// DecisionInput declines a request with a reason the asker sees.
type DecisionInput struct {
	Reason string `json:"reason,omitempty" maxLength:"1000"`
}

// Decide approves or declines a pending request (moderators). Approving adds the
// member; a request that was already decided is a Conflict.
func (s *Service) Decide(ctx context.Context, slug, requestID string, approve bool, in DecisionInput) (JoinRequest, error) {
	a, err := s.moderate(ctx, slug)
	if err != nil {
		return JoinRequest{}, err
	}
	var v apperr.Validation
	checkText(&v, "reason", in.Reason, false, maxReason)
	if err := v.Err(); err != nil {
		return JoinRequest{}, err
	}
	r, err := s.store.RequestByID(ctx, requestID)
	if err != nil || r.NetworkID != a.n.ID {
		return JoinRequest{}, apperr.NotFound("network.request_not_found", "no such request in this network")
	}
	if r.Status != Pending {
		return JoinRequest{}, errRequestDecided()
	}
	me, err := s.People.Person(ctx, a.p.UserID)
	if err != nil {
		return JoinRequest{}, err
	}
	who, err := s.People.Person(ctx, r.UserID)
	if err != nil {
		return JoinRequest{}, err
	}
	now := s.now()
	r.Status, r.DecidedBy, r.DecidedByName, r.DecidedAt = Declined, me.ID, me.Name, &now
	action := ActRequestDeclined
	if approve {
		r.Status, action = Approved, ActRequestApproved
		r.Reason = ""
	} else {
		r.Reason = strings.TrimSpace(in.Reason)
	}
	won, err := s.store.DecideRequest(ctx, r)
	if err != nil {
		return JoinRequest{}, err
	}
	if !won {
		return JoinRequest{}, errRequestDecided()
	}
	if approve {
		// Someone may have joined another way meanwhile (an invitation): fine.
		if _, err := s.addMember(ctx, a.n, who, Member); err != nil && !errors.Is(err, apperr.ErrConflict) {
			return JoinRequest{}, err
		}
	}
	if err := s.audit(ctx, a.n, me, action, &who, r.Reason); err != nil {
		return JoinRequest{}, err
	}
	if err := s.Mail.Send(ctx, who.Email, decisionSubject(a.n, approve), decisionText(a.n, approve, r.Reason, s.BaseURL),
		"network.request_"+string(r.Status)); err != nil {
		return JoinRequest{}, fmt.Errorf("queue decision email: %w", err)
	}
	return r, nil
}

func decisionSubject(n Network, approved bool) string {
	if approved {
		return fmt.Sprintf("Du er med i «%s»", n.Name)
	}
	return fmt.Sprintf("Svar på forespørselen din om «%s»", n.Name)
}

func decisionText(n Network, approved bool, reason, baseURL string) string {
	link := baseURL + "/nettverk/" + n.Slug
	if approved {
		return fmt.Sprintf("Hei!\n\nForespørselen din om å bli med i nettverket «%s» er godkjent. Velkommen!\n\n%s\n\nHilsen Samspill\n", n.Name, link)
	}
	text := fmt.Sprintf("Hei!\n\nModeratorene i nettverket «%s» har dessverre ikke godkjent forespørselen din om medlemskap.\n", n.Name)
	if reason != "" {
		text += "\nBegrunnelse: " + reason + "\n"
	}
	return text + "\nDu kan spørre igjen senere:\n" + link + "\n\nHilsen Samspill\n"
}

func errRequestDecided() error {
	return apperr.Conflict("network.request_decided", "this request has already been answered")
}

// Leave ends the asker's membership. The last owner cannot leave.
func (s *Service) Leave(ctx context.Context, slug string) error {
	a, err := s.load(ctx, slug)
	if err != nil {
		return err
	}
	if a.role() == "" {
		return apperr.NotFound("network.not_member", "you are not a member of this network")
	}
	if err := s.keepAnOwner(ctx, a.n, *a.membership); err != nil {
		return err
	}
	me, err := s.People.Person(ctx, a.p.UserID)
	if err != nil {
		return err
	}
	if err := s.store.RemoveMember(ctx, a.n.ID, a.p.UserID); err != nil {
		return err
	}
	if err := s.changed(ctx, "person", a.p.UserID); err != nil {
		return err
	}
	return s.audit(ctx, a.n, me, ActMemberLeft, &me, "")
}

// keepAnOwner refuses to remove or demote the network's last owner.
func (s *Service) keepAnOwner(ctx context.Context, n Network, m Membership) error {
	if m.Role != Owner {
		return nil
	}
	owners, err := s.store.CountOwners(ctx, n.ID)
	if err != nil {
		return err
	}
	if owners <= 1 {
		return apperr.Conflict("network.last_owner", "a network must keep at least one owner: make someone else owner first")
	}
	return nil
}

// RemoveMember takes someone out of the network. Moderators remove members;
// owners remove anyone, keeping at least one owner.
func (s *Service) RemoveMember(ctx context.Context, slug, userID string) error {
	a, err := s.moderate(ctx, slug)
	if err != nil {
		return err
	}
	target, err := s.store.Membership(ctx, a.n.ID, userID)
	if err != nil {
		return apperr.NotFound("network.member_not_found", "that person is not a member of this network")
	}
	if target.Role != Member && !a.can().Manage {
		return errForbidden("network.owners_only", "only owners remove moderators and owners")
	}
	if err := s.keepAnOwner(ctx, a.n, target); err != nil {
		return err
	}
	me, err := s.People.Person(ctx, a.p.UserID)
	if err != nil {
		return err
	}
	if err := s.store.RemoveMember(ctx, a.n.ID, userID); err != nil {
		return err
	}
	if err := s.changed(ctx, "person", userID); err != nil {
		return err
	}
	who := Person{ID: userID, Name: target.Name}
	return s.audit(ctx, a.n, me, ActMemberRemoved, &who, "")
}

// RoleInput changes a member's role.
type RoleInput struct {
	Role Role `json:"role" enum:"owner,moderator,member"`
}

// SetRole changes a member's role (owners). The last owner keeps the role.
func (s *Service) SetRole(ctx context.Context, slug, userID string, in RoleInput) (Membership, error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return Membership{}, err
	}
	if !a.can().Manage {
		return Membership{}, errForbidden("network.owners_only", "only the network's owners change roles")
	}
	if !in.Role.Valid() {
		return Membership{}, apperr.Invalid("validation.failed", "unknown role",
			apperr.FieldError{Field: "role", Code: apperr.FieldInvalid, Message: "choose owner, moderator or member"})
	}
	target, err := s.store.Membership(ctx, a.n.ID, userID)
	if err != nil {
		return Membership{}, apperr.NotFound("network.member_not_found", "that person is not a member of this network")
	}
	if target.Role == in.Role {
		return target, nil
	}
	if in.Role != Owner {
		if err := s.keepAnOwner(ctx, a.n, target); err != nil {
			return Membership{}, err
		}
	}
	if err := s.store.SetRole(ctx, a.n.ID, userID, in.Role); err != nil {
		return Membership{}, err
	}
	me, err := s.People.Person(ctx, a.p.UserID)
	if err != nil {
		return Membership{}, err
	}
	who := Person{ID: userID, Name: target.Name}
	if err := s.audit(ctx, a.n, me, ActRoleChanged, &who, fmt.Sprintf("%s → %s", target.Role, in.Role)); err != nil {
		return Membership{}, err
	}
	target.Role = in.Role
	return target, nil
}

// MembersInput filters the member directory.
type MembersInput struct {
	Query    string `query:"q" maxLength:"100" doc:"Text in the person's name"`
	County   string `query:"county" pattern:"^[0-9]{2}$"`
	OrgKind  string `query:"orgKind" enum:"municipality,county,state,ks"`
	JobField string `query:"jobField" enum:"culture_head,librarian,culture_school_leader,museum_heritage,volunteering,adviser,other"`
	Limit    int    `query:"limit" minimum:"0" maximum:"100"`
	Cursor   string `query:"cursor"`
}

// Members is the network's member directory, in name order.
func (s *Service) Members(ctx context.Context, slug string, in MembersInput) (paging.Page[MemberItem], error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return paging.Page[MemberItem]{}, err
	}
	can := a.can()
	if !can.ViewMembers {
		return paging.Page[MemberItem]{}, errForbidden("network.members_only", "only members see who is in this network")
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[MemberItem]{}, err
	}
	ms, err := s.store.ListMembers(ctx, memberQuery{NetworkID: a.n.ID, County: in.County, OrgKind: in.OrgKind,
		JobField: in.JobField, Search: strings.ToLower(strings.TrimSpace(in.Query)), Limit: req.Limit, After: req.After})
	if err != nil {
		return paging.Page[MemberItem]{}, err
	}
	page := paging.Build(ms, req.Limit, func(m Membership) paging.Cursor {
		return paging.Cursor{Key: sortKey(m.Name), ID: m.UserID}
	})
	out := paging.Page[MemberItem]{Items: make([]MemberItem, len(page.Items)), NextCursor: page.NextCursor}
	for i, m := range page.Items {
		// The same rules as RemoveMember and SetRole; the last owner is checked
		// when it happens.
		out.Items[i] = MemberItem{Membership: m,
			CanRemove:     m.UserID != a.p.UserID && (can.Manage || can.Moderate && m.Role == Member),
			CanChangeRole: can.Manage}
	}
	return out, nil
}

// Coverage shows which municipalities of a county have members in the network.
func (s *Service) Coverage(ctx context.Context, slug, county string) (Coverage, error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return Coverage{}, err
	}
	if !a.can().ViewMembers {
		return Coverage{}, errForbidden("network.members_only", "only members see who is in this network")
	}
	c, err := s.Orgs.County(ctx, county)
	if err != nil {
		return Coverage{}, apperr.Invalid("validation.failed", "unknown county",
			apperr.FieldError{Field: "county", Code: apperr.FieldInvalid, Message: "no county has this number"})
	}
	munis, err := s.Orgs.Municipalities(ctx, county)
	if err != nil {
		return Coverage{}, err
	}
	counts, err := s.store.CountByOrg(ctx, a.n.ID, county)
	if err != nil {
		return Coverage{}, err
	}
	cov := Coverage{County: c, Municipalities: make([]OrgPresence, len(munis)), CountyMembers: counts[c.ID]}
	for i, m := range munis {
		cov.Municipalities[i] = OrgPresence{Org: m, Members: counts[m.ID]}
		if counts[m.ID] > 0 {
			cov.Present++
		}
	}
	return cov, nil
}

// AuditInput pages the audit log.
type AuditInput struct {
	Limit  int    `query:"limit" minimum:"0" maximum:"100"`
	Cursor string `query:"cursor"`
}

// Audit lists membership and role changes, newest first (owners and administrators).
func (s *Service) Audit(ctx context.Context, slug string, in AuditInput) (paging.Page[AuditEntry], error) {
	a, err := s.load(ctx, slug)
	if err != nil {
		return paging.Page[AuditEntry]{}, err
	}
	if !a.can().Manage {
		return paging.Page[AuditEntry]{}, errForbidden("network.owners_only", "only the network's owners read its audit log")
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[AuditEntry]{}, err
	}
	es, err := s.store.ListAudit(ctx, a.n.ID, req.Limit, req.After)
	if err != nil {
		return paging.Page[AuditEntry]{}, err
	}
	return paging.Build(es, req.Limit, func(e AuditEntry) paging.Cursor {
		return paging.Cursor{Key: joinedKey(e.CreatedAt), ID: e.ID}
	}), nil
}

// Person shows another person's profile and the networks both belong to. It is
// found only by people who share a network with them (and administrators).
func (s *Service) Person(ctx context.Context, userID string) (PersonView, error) {
	p, err := s.principal(ctx)
	if err != nil {
		return PersonView{}, err
	}
	notFound := apperr.NotFound("network.person_not_found", "no such person among your networks")
	them, err := s.People.Person(ctx, userID)
	if errors.Is(err, apperr.ErrNotFound) {
		return PersonView{}, notFound
	}
	if err != nil {
		return PersonView{}, err
	}
	mine, err := s.allMemberships(ctx, p.UserID)
	if err != nil {
		return PersonView{}, err
	}
	ids := make([]string, len(mine))
	roles := map[string]Role{}
	for i, m := range mine {
		ids[i] = m.NetworkID
		roles[m.NetworkID] = m.Role
	}
	shared, err := s.store.MembershipsIn(ctx, userID, ids)
	if err != nil {
		return PersonView{}, err
	}
	if len(shared) == 0 && userID != p.UserID && !p.IsAdmin() {
		return PersonView{}, notFound
	}
	sharedIDs := make([]string, len(shared))
	for i, m := range shared {
		sharedIDs[i] = m.NetworkID
	}
	nets, err := s.store.NetworksByID(ctx, sharedIDs)
	if err != nil {
		return PersonView{}, err
	}
	v := PersonView{ID: them.ID, Name: them.Name, JobTitle: them.JobTitle, JobField: them.JobField, Org: them.Org, Shared: []Summary{}}
	for _, n := range sortByName(nets) {
		v.Shared = append(v.Shared, s.summary(n, roles[n.ID]))
	}
	return v, nil
}

// ProfileChanged copies a person's changed profile into their memberships.
func (s *Service) ProfileChanged(ctx context.Context, userID string) error {
	p, err := s.People.Person(ctx, userID)
	if err != nil {
		return err
	}
	if err := s.store.UpdateProfile(ctx, userID, p.profile()); err != nil {
		return err
	}
	return s.changed(ctx, "person", userID)
}

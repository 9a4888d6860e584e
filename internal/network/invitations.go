package network

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// InviteInput is one email address or a pasted list of them.
type InviteInput struct {
	Emails string `json:"emails" maxLength:"50000" doc:"Email addresses, one per line or separated by commas or semicolons; \"Name <address>\" is understood"`
}

// entry is one address of a pasted list and the line it came from.
type entry struct {
	text string
	line int
}

// splitEmails cuts a pasted list into entries: one per line, and lines may hold
// several separated by commas or semicolons (as copied from an email client).
func splitEmails(s string) []entry {
	var out []entry
	for i, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' }) {
			if t := strings.TrimSpace(part); t != "" {
				out = append(out, entry{text: t, line: i + 1})
			}
		}
	}
	return out
}

// cleanEmail accepts "kari@x.no", "<kari@x.no>" and "Kari Nordmann <kari@x.no>"
// and returns the address.
func cleanEmail(text string) (string, bool) {
	if a, err := mail.ParseAddress(text); err == nil && auth.ValidEmail(a.Address) {
		return a.Address, true
	}
	e := strings.Trim(strings.TrimSpace(text), "<>\"'")
	if auth.ValidEmail(e) {
		return e, true
	}
	return "", false
}

// Invite invites each address in the list (moderators). Lines that cannot be
// invited are reported one by one; the rest are invited. Nothing is half done:
// each invitation is stored before its email is queued.
func (s *Service) Invite(ctx context.Context, slug string, in InviteInput) (InviteResult, error) {
	a, err := s.moderate(ctx, slug)
	if err != nil {
		return InviteResult{}, err
	}
	entries := splitEmails(in.Emails)
	var v apperr.Validation
	v.Check(len(entries) > 0, "emails", apperr.FieldRequired, "enter at least one email address")
	v.Check(len(entries) <= maxBulkInvites, "emails", apperr.FieldTooLong, "invite at most 200 people at a time")
	if err := v.Err(); err != nil {
		return InviteResult{}, err
	}
	me, err := s.People.Person(ctx, a.p.UserID)
	if err != nil {
		return InviteResult{}, err
	}
	res := InviteResult{Invited: []InvitationView{}, Problems: []InviteProblem{}}
	seen := map[string]bool{}
	now := s.now()
	for _, en := range entries {
		problem := func(code string) {
			res.Problems = append(res.Problems, InviteProblem{Input: en.text, Line: en.line, Code: code})
		}
		email, ok := cleanEmail(en.text)
		if !ok {
			problem("invalid_email")
			continue
		}
		lower := auth.NormalizeEmail(email)
		if seen[lower] {
			problem("duplicate")
			continue
		}
		seen[lower] = true
		if p, err := s.People.PersonByEmail(ctx, lower); err == nil {
			if _, err := s.store.Membership(ctx, a.n.ID, p.ID); err == nil {
				problem("already_member")
				continue
			} else if !errors.Is(err, apperr.ErrNotFound) {
				return res, err
			}
		} else if !errors.Is(err, apperr.ErrNotFound) {
			return res, err
		}
		if _, err := s.store.OpenInvitation(ctx, a.n.ID, lower, now); err == nil {
			problem("already_invited")
			continue
		} else if !errors.Is(err, apperr.ErrNotFound) {
			return res, err
		}
		inv := Invitation{ID: sqlitedb.NewID(), NetworkID: a.n.ID, Email: lower, InvitedBy: me.ID, InvitedByName: me.Name,
			CreatedAt: now, ExpiresAt: now.Add(InvitationTTL).Truncate(time.Second)}
		if err := s.store.CreateInvitation(ctx, inv); err != nil {
			return res, fmt.Errorf("store invitation: %w", err)
		}
		view := s.invitationView(inv, now)
		if err := s.Mail.Send(ctx, lower, invitationSubject(a.n), invitationText(a.n, me, view.Link, inv.ExpiresAt), "network.invitation"); err != nil {
			return res, fmt.Errorf("queue invitation email: %w", err)
		}
		who := Person{Name: lower}
		if err := s.audit(ctx, a.n, me, ActInvitationSent, &who, ""); err != nil {
			return res, err
		}
		res.Invited = append(res.Invited, view)
	}
	if len(res.Invited) == 0 && len(res.Problems) > 0 && allInvalid(res.Problems) {
		return res, apperr.Invalid("validation.failed", "no valid email address in the list",
			apperr.FieldError{Field: "emails", Code: apperr.FieldInvalid, Message: "none of these is an email address"})
	}
	return res, nil
}

func allInvalid(ps []InviteProblem) bool {
	for _, p := range ps {
		if p.Code != "invalid_email" {
			return false
		}
	}
	return true
}

func invitationSubject(n Network) string {
	return fmt.Sprintf("Invitasjon til «%s» i Samspill", n.Name)
}

func invitationText(n Network, from Person, link string, expires time.Time) string {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		oslo = time.UTC
	}
	return fmt.Sprintf(`Hei!

%s har invitert deg til nettverket «%s» i Samspill, der kulturansatte i kommuner og fylkeskommuner deler kunnskap.

Bruk lenka for å bli med. Har du ikke konto, lager du en på veien:
%s

Lenka virker én gang og til %s.

Hilsen Samspill
`, from.Name, n.Name, link, expires.In(oslo).Format("02.01.2006 kl. 15.04"))
}

func (s *Service) invitationView(inv Invitation, now time.Time) InvitationView {
	v := InvitationView{Invitation: inv, Status: "pending"}
	switch {
	case inv.UsedAt != nil:
		v.Status = "used"
	case inv.RevokedAt != nil:
		v.Status = "revoked"
	case !now.Before(inv.ExpiresAt):
		v.Status = "expired"
	}
	if v.Status == "pending" {
		v.Link = s.BaseURL + "/invitasjon/" + signToken(s.InvitationKey, inv.ID, inv.ExpiresAt)
	}
	return v
}

// InvitationsInput pages the invitation list.
type InvitationsInput struct {
	Limit  int    `query:"limit" minimum:"0" maximum:"100"`
	Cursor string `query:"cursor"`
}

// Invitations lists the network's invitations, newest first, with their links
// while they can be used (moderators).
func (s *Service) Invitations(ctx context.Context, slug string, in InvitationsInput) (paging.Page[InvitationView], error) {
	a, err := s.moderate(ctx, slug)
	if err != nil {
		return paging.Page[InvitationView]{}, err
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[InvitationView]{}, err
	}
	invs, err := s.store.ListInvitations(ctx, a.n.ID, req.Limit, req.After)
	if err != nil {
		return paging.Page[InvitationView]{}, err
	}
	page := paging.Build(invs, req.Limit, func(i Invitation) paging.Cursor {
		return paging.Cursor{Key: joinedKey(i.CreatedAt), ID: i.ID}
	})
	now := s.now()
	out := paging.Page[InvitationView]{Items: make([]InvitationView, len(page.Items)), NextCursor: page.NextCursor}
	for i, inv := range page.Items {
		out.Items[i] = s.invitationView(inv, now)
	}
	return out, nil
}

// RevokeInvitation makes an unused invitation's link stop working (moderators).
func (s *Service) RevokeInvitation(ctx context.Context, slug, id string) error {
	a, err := s.moderate(ctx, slug)
	if err != nil {
		return err
	}
	inv, err := s.store.Invitation(ctx, id)
	if err != nil || inv.NetworkID != a.n.ID {
		return apperr.NotFound("network.invitation_not_found", "no such invitation in this network")
	}
	if inv.UsedAt != nil {
		return apperr.Conflict("network.invitation_used", "this invitation has already been used")
	}
	if inv.RevokedAt != nil {
		return nil
	}
	if err := s.store.RevokeInvitation(ctx, id, s.now()); err != nil {
		return err
	}
	me, err := s.People.Person(ctx, a.p.UserID)
	if err != nil {
		return err
	}
	who := Person{Name: inv.Email}
	return s.audit(ctx, a.n, me, ActInvitationRevoked, &who, "")
}

// usable finds the invitation a token stands for and checks that it can be used.
func (s *Service) usable(ctx context.Context, token string) (Invitation, Network, error) {
	invalid := apperr.NotFound("network.invitation_invalid", "this invitation link is not valid")
	id, expires, ok := parseToken(s.InvitationKey, token)
	if !ok {
		return Invitation{}, Network{}, invalid
	}
	inv, err := s.store.Invitation(ctx, id)
	if errors.Is(err, apperr.ErrNotFound) || (err == nil && !inv.ExpiresAt.Equal(expires)) {
		return Invitation{}, Network{}, invalid
	}
	if err != nil {
		return Invitation{}, Network{}, err
	}
	switch {
	case inv.UsedAt != nil:
		return Invitation{}, Network{}, apperr.Conflict("network.invitation_used", "this invitation has already been used")
	case inv.RevokedAt != nil:
		return Invitation{}, Network{}, apperr.Conflict("network.invitation_revoked", "this invitation was withdrawn")
	case !s.now().Before(inv.ExpiresAt):
		return Invitation{}, Network{}, apperr.Conflict("network.invitation_expired", "this invitation has expired: ask for a new one")
	}
	nets, err := s.store.NetworksByID(ctx, []string{inv.NetworkID})
	if err != nil {
		return Invitation{}, Network{}, err
	}
	if len(nets) == 0 {
		return Invitation{}, Network{}, invalid
	}
	return inv, nets[0], nil
}

// InvitationByToken shows what an invitation link is for. Holding the link is
// the permission to see it.
func (s *Service) InvitationByToken(ctx context.Context, token string) (InvitationPreview, error) {
	inv, n, err := s.usable(ctx, token)
	if err != nil {
		return InvitationPreview{}, err
	}
	from, err := s.People.Person(ctx, inv.InvitedBy)
	if err != nil && !errors.Is(err, apperr.ErrNotFound) {
		return InvitationPreview{}, err
	}
	_, err = s.People.PersonByEmail(ctx, inv.Email)
	hasAccount := err == nil
	if err != nil && !errors.Is(err, apperr.ErrNotFound) {
		return InvitationPreview{}, err
	}
	preview := InvitationPreview{NetworkName: n.Name, NetworkSlug: n.Slug, Email: inv.Email, InvitedBy: from.Name,
		ExpiresAt: inv.ExpiresAt, HasAccount: hasAccount, Visibility: n.Visibility}
	if p, ok := auth.FromContext(ctx); ok {
		if _, err := s.store.Membership(ctx, n.ID, p.UserID); err == nil {
			preview.AlreadyMember = true
		}
	}
	return preview, nil
}

// AcceptInvitation makes the logged-in person a member. The invitation was for
// one email address, and only its owner may use it.
func (s *Service) AcceptInvitation(ctx context.Context, token string) (NetworkView, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return NetworkView{}, err
	}
	inv, n, err := s.usable(ctx, token)
	if err != nil {
		return NetworkView{}, err
	}
	me, err := s.People.Person(ctx, p.UserID)
	if err != nil {
		return NetworkView{}, err
	}
	if auth.NormalizeEmail(me.Email) != inv.Email {
		return NetworkView{}, errForbidden("network.invitation_other_email",
			"this invitation was sent to another email address: log in with that one")
	}
	return s.useInvitation(ctx, p, inv, n, me)
}

func (s *Service) useInvitation(ctx context.Context, p auth.Principal, inv Invitation, n Network, me Person) (NetworkView, error) {
	won, err := s.store.UseInvitation(ctx, inv.ID, me.ID, me.Name, s.now())
	if err != nil {
		return NetworkView{}, err
	}
	if !won {
		return NetworkView{}, apperr.Conflict("network.invitation_used", "this invitation has already been used")
	}
	m, err := s.addMember(ctx, n, me, Member)
	if errors.Is(err, apperr.ErrConflict) {
		m, err = s.store.Membership(ctx, n.ID, me.ID) // already a member: the invitation is simply spent
	} else if err == nil {
		n.MemberCount++
		err = s.audit(ctx, n, me, ActInvitationAccepted, &me, "")
	}
	if err != nil {
		return NetworkView{}, err
	}
	return s.view(access{p: p, n: n, membership: &m}), nil
}

// RegisterWithInvitation creates an account for the invited email and makes it
// a member. The web app then logs in with the new password.
func (s *Service) RegisterWithInvitation(ctx context.Context, token string, r Registration) (NetworkView, error) {
	inv, n, err := s.usable(ctx, token)
	if err != nil {
		return NetworkView{}, err
	}
	if _, err := s.People.PersonByEmail(ctx, inv.Email); err == nil {
		return NetworkView{}, apperr.Conflict("network.invitation_login",
			"an account with this email exists: log in, then open the link again")
	} else if !errors.Is(err, apperr.ErrNotFound) {
		return NetworkView{}, err
	}
	me, err := s.People.Register(ctx, inv.Email, r)
	if err != nil {
		return NetworkView{}, err
	}
	return s.useInvitation(ctx, auth.Principal{UserID: me.ID, Role: auth.RoleMember}, inv, n, me)
}

package user

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/sqlitedb"
)

func errNotFound() error { return apperr.NotFound("user.not_found", "no such user") }

func errEmailTaken() error {
	return apperr.Conflict("user.email_taken", "the email address is already in use")
}

// Orgs is how the user feature looks up organisations; org.Service does it.
type Orgs interface {
	Get(ctx context.Context, id string) (org.Org, error)
}

// Service manages accounts and profiles.
type Service struct {
	store store
	orgs  Orgs
	now   func() time.Time
	// profileHooks run after someone changes their profile, so features that copy
	// profile fields (the member directory) bring their copies up to date.
	profileHooks []func(ctx context.Context, userID string) error
}

// OnProfileChange registers fn to run after a profile changes.
func (s *Service) OnProfileChange(fn func(ctx context.Context, userID string) error) {
	s.profileHooks = append(s.profileHooks, fn)
}

// NewService returns the user service on s.
func NewService(s store, orgs Orgs, now func() time.Time) *Service {
	return &Service{store: s, orgs: orgs, now: now}
}

var _ auth.Accounts = (*Service)(nil)

// Create makes an account. Only trusted callers (the operator CLI, demo seeding,
// and later invitations) reach it; there is no open sign-up.
func (s *Service) Create(ctx context.Context, in NewUser) (User, error) {
	in = in.trimmed()
	if err := in.Validate(); err != nil {
		return User{}, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return User{}, fmt.Errorf("hash password: %w", err)
	}
	return s.create(ctx, in, hash)
}

// CreateWithHash makes an account whose password is already hashed (benchmark
// seeding, where hashing thousands of passwords would measure nothing).
func (s *Service) CreateWithHash(ctx context.Context, in NewUser, hash string) (User, error) {
	in = in.trimmed()
	if err := in.validate(false); err != nil {
		return User{}, err
	}
	return s.create(ctx, in, hash)
}

func (in NewUser) trimmed() NewUser {
	in.Email = strings.TrimSpace(in.Email)
	in.Name = strings.TrimSpace(in.Name)
	in.JobTitle = strings.TrimSpace(in.JobTitle)
	return in
}

func (s *Service) create(ctx context.Context, in NewUser, hash string) (User, error) {
	if _, err := s.orgs.Get(ctx, in.OrgID); err != nil {
		if errors.Is(err, apperr.ErrNotFound) {
			return User{}, apperr.Invalid("validation.failed", "unknown organisation",
				apperr.FieldError{Field: "orgId", Code: apperr.FieldInvalid, Message: "no organisation has this id"})
		}
		return User{}, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	u := User{ID: sqlitedb.NewID(), Email: in.Email, Name: in.Name, OrgID: in.OrgID, JobTitle: in.JobTitle,
		JobField: in.JobField, SiteRole: in.SiteRole, Language: in.Language, PasswordHash: hash,
		CreatedAt: now, UpdatedAt: now}
	if err := s.store.Create(ctx, u); err != nil {
		return User{}, err
	}
	return u, nil
}

// Get returns an account.
func (s *Service) Get(ctx context.Context, id string) (User, error) { return s.store.Get(ctx, id) }

// ByEmail returns the account with this email, compared case-insensitively.
func (s *Service) ByEmail(ctx context.Context, email string) (User, error) {
	return s.store.GetByEmail(ctx, auth.NormalizeEmail(email))
}

// SetRole changes someone's site role (operator CLI).
func (s *Service) SetRole(ctx context.Context, id string, role auth.Role) error {
	if !role.Valid() {
		return apperr.Invalid("validation.failed", "unknown role",
			apperr.FieldError{Field: "siteRole", Code: apperr.FieldInvalid, Message: "unknown role"})
	}
	u, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	u.SiteRole, u.UpdatedAt = role, s.now()
	return s.store.Update(ctx, u)
}

// SetPassword replaces someone's password (operator CLI). The caller should end
// the person's sessions too.
func (s *Service) SetPassword(ctx context.Context, id, password string) error {
	var v apperr.Validation
	auth.ValidatePassword(&v, "password", password)
	if err := v.Err(); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	return s.store.SetPassword(ctx, id, hash)
}

// Count returns how many accounts exist.
func (s *Service) Count(ctx context.Context) (int64, error) { return s.store.Count(ctx) }

// AccountByEmail implements auth.Accounts.
func (s *Service) AccountByEmail(ctx context.Context, email string) (auth.Account, error) {
	u, err := s.store.GetByEmail(ctx, auth.NormalizeEmail(email))
	return u.account(), err
}

// AccountByID implements auth.Accounts.
func (s *Service) AccountByID(ctx context.Context, id string) (auth.Account, error) {
	u, err := s.store.Get(ctx, id)
	return u.account(), err
}

// Me returns the profile of whoever is logged in.
func (s *Service) Me(ctx context.Context) (Me, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return Me{}, err
	}
	u, err := s.store.Get(ctx, p.UserID)
	if errors.Is(err, apperr.ErrNotFound) {
		// The token outlived the account.
		return Me{}, apperr.Unauthenticated("auth.token_invalid", "the account no longer exists")
	}
	if err != nil {
		return Me{}, err
	}
	return s.me(ctx, u)
}

func (s *Service) me(ctx context.Context, u User) (Me, error) {
	o, err := s.orgs.Get(ctx, u.OrgID)
	if err != nil && !errors.Is(err, apperr.ErrNotFound) {
		return Me{}, err
	}
	return Me{ID: u.ID, Email: u.Email, Name: u.Name, JobTitle: u.JobTitle, JobField: u.JobField,
		SiteRole: u.SiteRole, Language: u.Language, Org: o, CreatedAt: u.CreatedAt}, nil
}

// UpdateMe changes the logged-in person's own profile.
func (s *Service) UpdateMe(ctx context.Context, in UpdateMe) (Me, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return Me{}, err
	}
	if err := in.Validate(); err != nil {
		return Me{}, err
	}
	u, err := s.store.Get(ctx, p.UserID)
	if err != nil {
		return Me{}, err
	}
	if in.Name != nil {
		u.Name = strings.TrimSpace(*in.Name)
	}
	if in.JobTitle != nil {
		u.JobTitle = strings.TrimSpace(*in.JobTitle)
	}
	if in.JobField != nil {
		u.JobField = *in.JobField
	}
	if in.Language != nil {
		u.Language = *in.Language
	}
	u.UpdatedAt = s.now().UTC().Truncate(time.Millisecond)
	if err := s.store.Update(ctx, u); err != nil {
		return Me{}, err
	}
	for _, hook := range s.profileHooks {
		if err := hook(ctx, u.ID); err != nil {
			return Me{}, fmt.Errorf("after the profile change: %w", err)
		}
	}
	return s.me(ctx, u)
}

// Walk calls fn with every account, in id order (search rebuilds).
func (s *Service) Walk(ctx context.Context, fn func(User) error) error {
	after := ""
	for {
		us, err := s.store.All(ctx, after, 500)
		if err != nil {
			return err
		}
		for _, u := range us {
			if err := fn(u); err != nil {
				return err
			}
		}
		if len(us) < 500 {
			return nil
		}
		after = us[len(us)-1].ID
	}
}

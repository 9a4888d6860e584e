package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// Login limits. Failures are counted per account and per client address in the
// database, so the limits hold across server replicas.
const (
	FailureWindow    = 15 * time.Minute
	AccountFailLimit = 5
	AddressFailLimit = 50 // colleagues in one town hall share an address
	LockDuration     = 15 * time.Minute
	// reuseGrace lets two tabs that refresh with the same cookie at once both
	// succeed; a rotated token presented later than this is treated as stolen.
	reuseGrace = 10 * time.Second
)

// Account is what login needs to know about a person. The user feature owns
// accounts; auth only reads them through Accounts.
type Account struct {
	ID           string
	Email        string
	Name         string
	Role         Role
	Language     string
	OrgID        string
	PasswordHash string
}

// Accounts looks people up for login. Both return an error that unwraps to
// apperr.ErrNotFound when there is no such account.
type Accounts interface {
	AccountByEmail(ctx context.Context, email string) (Account, error)
	AccountByID(ctx context.Context, id string) (Account, error)
}

// Service logs people in and keeps their sessions.
type Service struct {
	store    store
	accounts Accounts
	tokens   *Tokens
	now      func() time.Time
	log      *slog.Logger
}

// NewService returns the auth service. now is time.Now outside tests.
func NewService(s store, accounts Accounts, tokens *Tokens, now func() time.Time, log *slog.Logger) *Service {
	return &Service{store: s, accounts: accounts, tokens: tokens, now: now, log: log}
}

// Session is what a successful login or refresh hands the client: an access
// token for API calls and a refresh token for the cookie.
type Session struct {
	AccessToken  string
	ExpiresAt    time.Time
	RefreshToken string
	Account      Account
}

// LoginInput is an email and password.
type LoginInput struct {
	Email    string `json:"email" maxLength:"254" doc:"The account's email address"`
	Password string `json:"password" maxLength:"256" doc:"The password"`
}

func (in LoginInput) Validate() error {
	var v apperr.Validation
	if v.Check(strings.TrimSpace(in.Email) != "", "email", apperr.FieldRequired, "enter your email address") {
		v.Check(ValidEmail(in.Email), "email", apperr.FieldInvalid, "this is not an email address")
	}
	v.Check(in.Password != "", "password", apperr.FieldRequired, "enter your password")
	v.Check(len(in.Password) <= MaxPasswordLength, "password", apperr.FieldTooLong, "the password can have at most 256 bytes")
	return v.Err()
}

// ValidEmail reports whether s is a plain email address (no display name).
func ValidEmail(s string) bool {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && len(s) <= 254 && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// NormalizeEmail is the form emails are compared in: trimmed and lower-cased.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func errTooMany(until, now time.Time) error {
	return apperr.TooManyRequests("auth.too_many_attempts",
		"too many failed logins; wait before you try again", until.Sub(now))
}

func errBadCredentials() error {
	return apperr.Unauthenticated("auth.invalid_credentials", "the email or the password is wrong")
}

// Login checks an email and password. It answers the same, in the same time,
// whether or not the email has an account: the password check always runs, and
// the lock check runs before anything is looked up.
func (s *Service) Login(ctx context.Context, in LoginInput, clientIP string) (Session, error) {
	if err := in.Validate(); err != nil {
		return Session{}, err
	}
	now := s.now()
	email := NormalizeEmail(in.Email)
	accountKey, addressKey := "account:"+email, "address:"+clientIP
	for _, key := range []string{accountKey, addressKey} {
		a, err := s.store.Attempts(ctx, key)
		if err != nil {
			return Session{}, fmt.Errorf("read login attempts: %w", err)
		}
		if a.LockedUntil.After(now) {
			return Session{}, errTooMany(a.LockedUntil, now)
		}
	}

	acc, err := s.accounts.AccountByEmail(ctx, email)
	switch {
	case errors.Is(err, apperr.ErrNotFound):
		burnPasswordCheck(in.Password)
		return Session{}, s.failed(ctx, accountKey, addressKey, now)
	case err != nil:
		return Session{}, fmt.Errorf("look up account: %w", err)
	case !CheckPassword(in.Password, acc.PasswordHash):
		return Session{}, s.failed(ctx, accountKey, addressKey, now)
	}
	if err := s.store.ClearAttempts(ctx, accountKey); err != nil {
		return Session{}, fmt.Errorf("clear login attempts: %w", err)
	}
	return s.startSession(ctx, acc, sqlitedb.NewID(), now)
}

// failed records a failed login and returns the error to answer with.
func (s *Service) failed(ctx context.Context, accountKey, addressKey string, now time.Time) error {
	if _, err := s.store.RecordFailure(ctx, accountKey, now, FailureWindow, AccountFailLimit, LockDuration); err != nil {
		return fmt.Errorf("record failed login: %w", err)
	}
	if _, err := s.store.RecordFailure(ctx, addressKey, now, FailureWindow, AddressFailLimit, LockDuration); err != nil {
		return fmt.Errorf("record failed login: %w", err)
	}
	return errBadCredentials()
}

func (s *Service) startSession(ctx context.Context, acc Account, familyID string, now time.Time) (Session, error) {
	token, hash := newOpaqueToken()
	err := s.store.CreateRefreshToken(ctx, refreshToken{
		ID: sqlitedb.NewID(), FamilyID: familyID, UserID: acc.ID, Hash: hash,
		CreatedAt: now, ExpiresAt: now.Add(RefreshTokenTTL),
	})
	if err != nil {
		return Session{}, fmt.Errorf("store refresh token: %w", err)
	}
	access, exp, err := s.tokens.Issue(Principal{UserID: acc.ID, Role: acc.Role, SessionID: familyID})
	if err != nil {
		return Session{}, fmt.Errorf("sign access token: %w", err)
	}
	return Session{AccessToken: access, ExpiresAt: exp, RefreshToken: token, Account: acc}, nil
}

func errRefreshInvalid() error {
	return apperr.Unauthenticated("auth.refresh_invalid", "the session has ended; log in again")
}

// Refresh exchanges a refresh token for a new one and a new access token. A token
// that was already exchanged (outside a few seconds' grace for parallel tabs)
// revokes its whole family: someone holds a copy they should not.
func (s *Service) Refresh(ctx context.Context, token string) (Session, error) {
	if token == "" {
		return Session{}, errRefreshInvalid()
	}
	now := s.now()
	hash := hashToken(token)
	t, err := s.store.RefreshTokenByHash(ctx, hash)
	if errors.Is(err, apperr.ErrNotFound) {
		return Session{}, errRefreshInvalid()
	}
	if err != nil {
		return Session{}, fmt.Errorf("read refresh token: %w", err)
	}
	if !t.RevokedAt.IsZero() || !now.Before(t.ExpiresAt) {
		return Session{}, errRefreshInvalid()
	}
	won, err := s.store.MarkRotated(ctx, hash, now)
	if err != nil {
		return Session{}, fmt.Errorf("rotate refresh token: %w", err)
	}
	if !won {
		// Already exchanged. Re-read: the racing request set RotatedAt just now.
		t, err = s.store.RefreshTokenByHash(ctx, hash)
		if err != nil {
			return Session{}, fmt.Errorf("read refresh token: %w", err)
		}
		if !t.RevokedAt.IsZero() || t.RotatedAt.IsZero() || now.Sub(t.RotatedAt) > reuseGrace {
			if err := s.store.RevokeFamily(ctx, t.FamilyID, now); err != nil {
				return Session{}, fmt.Errorf("revoke session: %w", err)
			}
			s.log.WarnContext(ctx, "refresh token reused; session revoked", "user_id", t.UserID, "family_id", t.FamilyID)
			return Session{}, errRefreshInvalid()
		}
	}
	acc, err := s.accounts.AccountByID(ctx, t.UserID)
	if errors.Is(err, apperr.ErrNotFound) {
		_ = s.store.RevokeFamily(ctx, t.FamilyID, now)
		return Session{}, errRefreshInvalid()
	}
	if err != nil {
		return Session{}, fmt.Errorf("look up account: %w", err)
	}
	return s.startSession(ctx, acc, t.FamilyID, now)
}

// Logout ends the session the refresh token belongs to. It never fails for an
// unknown or missing token: the client is logged out either way.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	t, err := s.store.RefreshTokenByHash(ctx, hashToken(token))
	if errors.Is(err, apperr.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read refresh token: %w", err)
	}
	return s.store.RevokeFamily(ctx, t.FamilyID, s.now())
}

// EndAllSessions revokes every refresh token of a user.
func (s *Service) EndAllSessions(ctx context.Context, userID string) error {
	return s.store.RevokeUser(ctx, userID, s.now())
}

// Authenticate turns a bearer token into the principal of a request.
func (s *Service) Authenticate(token string) (Principal, error) {
	return s.tokens.Verify(token)
}

// Sweep deletes expired refresh tokens and stale login counters. MongoDB's TTL
// indexes are not used (FerretDB lacks them), so the server calls this on a timer.
func (s *Service) Sweep(ctx context.Context) error {
	now := s.now()
	if _, err := s.store.DeleteExpiredRefreshTokens(ctx, now.Add(-24*time.Hour)); err != nil {
		return fmt.Errorf("sweep refresh tokens: %w", err)
	}
	if _, err := s.store.DeleteStaleAttempts(ctx, now.Add(-FailureWindow)); err != nil {
		return fmt.Errorf("sweep login attempts: %w", err)
	}
	return nil
}

func errBadScheme() error {
	return apperr.Unauthenticated("auth.token_invalid", "send the access token as 'Authorization: Bearer <token>'")
}

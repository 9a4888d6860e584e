// Package auth is login and sessions: argon2id passwords, short-lived access JWTs,
// rotating refresh tokens with reuse detection, login rate limits shared through the
// database, and the principal every service reads from the request context.
package auth

import (
	"context"

	"github.com/samspill/samspill/internal/apperr"
)

// Role is a person's role on the whole site. Roles inside a network (owner,
// moderator, member) belong to the network feature.
type Role string

const (
	RoleMember  Role = "member"
	RoleAdviser Role = "adviser" // a KS adviser: creates and runs networks
	RoleAdmin   Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleMember || r == RoleAdviser || r == RoleAdmin }

// Principal is who is making a request.
type Principal struct {
	UserID string
	Role   Role
	// SessionID is the refresh-token family the access token was issued from.
	SessionID string
}

// IsAdmin reports whether p administers the site.
func (p Principal) IsAdmin() bool { return p.Role == RoleAdmin }

// IsAdviser reports whether p may create and run networks (KS advisers and admins).
func (p Principal) IsAdviser() bool { return p.Role == RoleAdviser || p.Role == RoleAdmin }

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal of the request, if someone is logged in.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok && p.UserID != ""
}

// Require returns the principal or the error that tells the client to log in.
func Require(ctx context.Context) (Principal, error) {
	p, ok := FromContext(ctx)
	if !ok {
		return Principal{}, apperr.Unauthenticated("auth.required", "log in to do this")
	}
	return p, nil
}

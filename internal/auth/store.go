package auth

import (
	"context"
	"time"
)

// refreshToken is one link in a session's chain of refresh tokens. All tokens of
// one login share a family; presenting a token that was already exchanged revokes
// the whole family, because either the user or a thief holds a copy.
type refreshToken struct {
	ID        string
	FamilyID  string
	UserID    string
	Hash      string
	CreatedAt time.Time
	ExpiresAt time.Time
	RotatedAt time.Time // zero until exchanged for a new token
	RevokedAt time.Time // zero unless the family was revoked
}

// attempts counts failed logins for one key (an account or an IP address) in a
// fixed window, and says until when the key is locked.
type attempts struct {
	Failures    int
	WindowStart time.Time
	LockedUntil time.Time
}

// store is what the auth service needs from a database.
type store interface {
	CreateRefreshToken(ctx context.Context, t refreshToken) error
	// RefreshTokenByHash returns ErrNotFound when no token has that hash.
	RefreshTokenByHash(ctx context.Context, hash string) (refreshToken, error)
	// MarkRotated sets RotatedAt on the token if it was neither rotated nor revoked,
	// and reports whether this call did it (so two racing refreshes cannot both win).
	MarkRotated(ctx context.Context, hash string, at time.Time) (bool, error)
	RevokeFamily(ctx context.Context, familyID string, at time.Time) error
	// RevokeUser revokes every session of a user (password change, account removal).
	RevokeUser(ctx context.Context, userID string, at time.Time) error
	DeleteExpiredRefreshTokens(ctx context.Context, before time.Time) (int64, error)

	// Attempts returns the zero value for a key with no failures.
	Attempts(ctx context.Context, key string) (attempts, error)
	// RecordFailure counts one failure for key: a window older than window starts
	// over at now; reaching limit failures locks the key until now+lockFor.
	RecordFailure(ctx context.Context, key string, now time.Time, window time.Duration, limit int, lockFor time.Duration) (attempts, error)
	ClearAttempts(ctx context.Context, key string) error
	DeleteStaleAttempts(ctx context.Context, before time.Time) (int64, error)
}

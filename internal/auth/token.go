package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/samspill/samspill/internal/apperr"
)

const (
	AccessTokenTTL  = 10 * time.Minute
	RefreshTokenTTL = 30 * 24 * time.Hour
	issuer          = "samspill"
	audience        = "samspill-api"
)

type accessClaims struct {
	Role    Role   `json:"role"`
	Session string `json:"sid"`
	jwt.RegisteredClaims
}

// Tokens issues and verifies access tokens (HS256 JWTs).
type Tokens struct {
	secret []byte
	now    func() time.Time
}

// NewTokens returns a Tokens signing with secret (at least 32 bytes).
func NewTokens(secret []byte, now func() time.Time) *Tokens {
	return &Tokens{secret: secret, now: now}
}

// Issue returns a signed access token for p and when it expires.
func (t *Tokens) Issue(p Principal) (string, time.Time, error) {
	now := t.now()
	exp := now.Add(AccessTokenTTL)
	claims := accessClaims{
		Role:    p.Role,
		Session: p.SessionID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Subject:   p.UserID,
			Audience:  jwt.ClaimStrings{audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-30 * time.Second)),
			ExpiresAt: jwt.NewNumericDate(exp),
		},
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.secret)
	return s, exp, err
}

// Verify checks a token's signature (HS256 only: the algorithm is pinned, never
// taken from the token), issuer, audience and lifetime.
func (t *Tokens) Verify(token string) (Principal, error) {
	var claims accessClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(t.now),
		jwt.WithLeeway(5*time.Second),
	)
	if errors.Is(err, jwt.ErrTokenExpired) {
		return Principal{}, apperr.Unauthenticated("auth.token_expired", "the access token has expired; refresh it")
	}
	if err != nil || claims.Subject == "" || !claims.Role.Valid() {
		return Principal{}, apperr.Unauthenticated("auth.token_invalid", "the access token is not valid")
	}
	return Principal{UserID: claims.Subject, Role: claims.Role, SessionID: claims.Session}, nil
}

// newOpaqueToken returns a random refresh token for the cookie and the hash that is
// stored: a database leak must not hand out working sessions.
func newOpaqueToken() (token, hash string) {
	var b [32]byte
	_, _ = rand.Read(b[:])
	token = base64.RawURLEncoding.EncodeToString(b[:])
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

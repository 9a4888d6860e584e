package auth_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/user"
)

// clock is a settable time source.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type fixture struct {
	auth   *auth.Service
	users  *user.Service
	clock  *clock
	secret []byte
	kari   user.User
}

const password = "riktig-passord-123"

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := sqlitedb.TestDB(t, org.SQLiteSchema, user.SQLiteSchema, auth.SQLiteSchema)
	orgs := org.NewService(org.NewSQLiteStore(db))
	if err := orgs.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	fyresdal, err := orgs.ByKey(ctx, "municipality:4032")
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{now: time.Now().UTC().Truncate(time.Millisecond)}
	users := user.NewService(user.NewSQLiteStore(db), orgs, c.Now)
	kari, err := users.Create(ctx, user.NewUser{Email: "Kari@Example.no", Name: "Kari", OrgID: fyresdal.ID,
		JobField: user.JobCultureHead, SiteRole: auth.RoleMember, Language: "nn", Password: password})
	if err != nil {
		t.Fatal(err)
	}
	secret := []byte("0123456789abcdef0123456789abcdef")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := auth.NewService(auth.NewSQLiteStore(db), users, auth.NewTokens(secret, c.Now), c.Now, log)
	return &fixture{auth: svc, users: users, clock: c, secret: secret, kari: kari}
}

func code(err error) string { return apperr.CodeOf(err) }

func TestLoginAndTokens(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	s, err := f.auth.Login(ctx, auth.LoginInput{Email: "  kari@EXAMPLE.no ", Password: password}, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if s.Account.ID != f.kari.ID || s.Account.Language != "nn" || s.RefreshToken == "" {
		t.Errorf("session %+v", s)
	}
	if got := s.ExpiresAt.Sub(f.clock.Now()); got != auth.AccessTokenTTL {
		t.Errorf("access token lives %v", got)
	}
	p, err := f.auth.Authenticate(s.AccessToken)
	if err != nil || p.UserID != f.kari.ID || p.Role != auth.RoleMember || p.SessionID == "" {
		t.Fatalf("Authenticate = %+v, %v", p, err)
	}

	// Expired.
	f.clock.Add(auth.AccessTokenTTL + time.Minute)
	if _, err := f.auth.Authenticate(s.AccessToken); code(err) != "auth.token_expired" {
		t.Errorf("expired token: %v", err)
	}
}

func TestTamperedAndForeignTokensAreRefused(t *testing.T) {
	f := newFixture(t)
	s, err := f.auth.Login(context.Background(), auth.LoginInput{Email: "kari@example.no", Password: password}, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(s.AccessToken, ".")
	sign := func(method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
		tok, err := jwt.NewWithClaims(method, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	now := f.clock.Now()
	valid := jwt.MapClaims{"sub": f.kari.ID, "role": "admin", "iss": "samspill", "aud": []string{"samspill-api"},
		"iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
	withClaim := func(k string, v any) jwt.MapClaims {
		c := jwt.MapClaims{}
		for key, val := range valid {
			c[key] = val
		}
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	cases := map[string]string{
		"payload swapped":      parts[0] + "." + strings.Split(sign(jwt.SigningMethodHS256, []byte("another secret of 32 bytes......"), valid), ".")[1] + "." + parts[2],
		"signature cut":        parts[0] + "." + parts[1] + ".",
		"other secret":         sign(jwt.SigningMethodHS256, []byte("another secret of 32 bytes......"), valid),
		"alg none":             sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid),
		"HS512 with our key":   sign(jwt.SigningMethodHS512, f.secret, valid),
		"wrong issuer":         sign(jwt.SigningMethodHS256, f.secret, withClaim("iss", "evil")),
		"wrong audience":       sign(jwt.SigningMethodHS256, f.secret, withClaim("aud", []string{"other"})),
		"no expiry":            sign(jwt.SigningMethodHS256, f.secret, withClaim("exp", nil)),
		"unknown role":         sign(jwt.SigningMethodHS256, f.secret, withClaim("role", "superuser")),
		"no subject":           sign(jwt.SigningMethodHS256, f.secret, withClaim("sub", nil)),
		"issued in the future": sign(jwt.SigningMethodHS256, f.secret, withClaim("iat", now.Add(time.Hour).Unix())),
		"garbage":              "not.a.token",
		"empty":                "",
	}
	for name, tok := range cases {
		if _, err := f.auth.Authenticate(tok); !errors.Is(err, apperr.ErrUnauthenticated) {
			t.Errorf("%s: accepted (%v)", name, err)
		}
	}
	// A correctly signed token of ours is accepted, so the cases above fail for
	// the reason they name.
	if _, err := f.auth.Authenticate(sign(jwt.SigningMethodHS256, f.secret, valid)); err != nil {
		t.Errorf("valid hand-made token refused: %v", err)
	}
}

func TestLoginFailuresAndLockout(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	wrong := auth.LoginInput{Email: "kari@example.no", Password: "feil-passord-123"}
	for i := 1; i <= auth.AccountFailLimit; i++ {
		if _, err := f.auth.Login(ctx, wrong, "192.0.2.1"); code(err) != "auth.invalid_credentials" {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	// Now locked, even with the right password, from any address.
	_, err := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "198.51.100.7")
	ae, ok := apperr.As(err)
	if !ok || ae.Code != "auth.too_many_attempts" || ae.RetryAfter != auth.LockDuration {
		t.Fatalf("locked account: %v", err)
	}
	f.clock.Add(5 * time.Minute)
	_, err = f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "192.0.2.1")
	if ae, _ := apperr.As(err); ae == nil || ae.RetryAfter != 10*time.Minute {
		t.Fatalf("retry after shrinks with time: %v", err)
	}
	// The lock ends.
	f.clock.Add(10 * time.Minute)
	if _, err := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "192.0.2.1"); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
}

func TestUnknownEmailAnswersLikeAWrongPassword(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i := 1; i <= auth.AccountFailLimit; i++ {
		_, errKnown := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: "feil-passord-123"}, "192.0.2.1")
		_, errUnknown := f.auth.Login(ctx, auth.LoginInput{Email: "nobody@example.no", Password: "feil-passord-123"}, "192.0.2.2")
		if errKnown.Error() != errUnknown.Error() {
			t.Fatalf("failure %d differs: %v / %v", i, errKnown, errUnknown)
		}
	}
	_, errKnown := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: "x-whatever-1"}, "192.0.2.1")
	_, errUnknown := f.auth.Login(ctx, auth.LoginInput{Email: "nobody@example.no", Password: "x-whatever-1"}, "192.0.2.2")
	ka, _ := apperr.As(errKnown)
	ua, _ := apperr.As(errUnknown)
	if ka == nil || ua == nil || ka.Code != "auth.too_many_attempts" || ua.Code != ka.Code || ka.RetryAfter != ua.RetryAfter {
		t.Errorf("lockout differs: %v / %v", errKnown, errUnknown)
	}
}

func TestAddressLimit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// Many accounts guessed from one address lock the address, not the accounts.
	for i := 0; i < auth.AddressFailLimit; i++ {
		email := "guess" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.no"
		if _, err := f.auth.Login(ctx, auth.LoginInput{Email: email, Password: "feil-passord-123"}, "203.0.113.9"); code(err) != "auth.invalid_credentials" {
			t.Fatalf("guess %d: %v", i, err)
		}
	}
	if _, err := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "203.0.113.9"); code(err) != "auth.too_many_attempts" {
		t.Errorf("locked address: %v", err)
	}
	if _, err := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "192.0.2.1"); err != nil {
		t.Errorf("another address is not locked: %v", err)
	}
}

func TestLoginValidation(t *testing.T) {
	f := newFixture(t)
	_, err := f.auth.Login(context.Background(), auth.LoginInput{Email: "not-an-email", Password: ""}, "192.0.2.1")
	ae, ok := apperr.As(err)
	if !ok || ae.Code != "validation.failed" || len(ae.Fields) != 2 {
		t.Fatalf("got %v", err)
	}
	if ae.Fields[0].Field != "email" || ae.Fields[0].Code != apperr.FieldInvalid || ae.Fields[1].Field != "password" || ae.Fields[1].Code != apperr.FieldRequired {
		t.Errorf("fields %+v", ae.Fields)
	}
}

func TestRefreshRotationAndReuseDetection(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first, err := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
	second, err := f.auth.Refresh(ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
		t.Error("refresh did not rotate")
	}
	p1, _ := f.auth.Authenticate(first.AccessToken)
	p2, _ := f.auth.Authenticate(second.AccessToken)
	if p1.SessionID != p2.SessionID {
		t.Error("rotation started a new session family")
	}
	// Two tabs refreshing with the same cookie at once both succeed.
	if _, err := f.auth.Refresh(ctx, first.RefreshToken); err != nil {
		t.Errorf("reuse within the grace period: %v", err)
	}
	// Later, the old token is a stolen copy: the whole family ends.
	f.clock.Add(time.Minute)
	if _, err := f.auth.Refresh(ctx, first.RefreshToken); code(err) != "auth.refresh_invalid" {
		t.Fatalf("reuse: %v", err)
	}
	if _, err := f.auth.Refresh(ctx, second.RefreshToken); code(err) != "auth.refresh_invalid" {
		t.Errorf("the family survived reuse: %v", err)
	}
	// A separate login is another family and still works.
	other, err := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.auth.Refresh(ctx, other.RefreshToken); err != nil {
		t.Errorf("another session was revoked: %v", err)
	}
}

func TestRefreshRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	s, err := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{"", "unknown-token", s.RefreshToken + "x"} {
		if _, err := f.auth.Refresh(ctx, tok); code(err) != "auth.refresh_invalid" {
			t.Errorf("Refresh(%q) = %v", tok, err)
		}
	}
	// Logout revokes; logging out again or with nothing is fine.
	if err := f.auth.Logout(ctx, s.RefreshToken); err != nil {
		t.Fatal(err)
	}
	if err := f.auth.Logout(ctx, s.RefreshToken); err != nil {
		t.Error(err)
	}
	if err := f.auth.Logout(ctx, ""); err != nil {
		t.Error(err)
	}
	if _, err := f.auth.Refresh(ctx, s.RefreshToken); code(err) != "auth.refresh_invalid" {
		t.Errorf("refresh after logout: %v", err)
	}
	// An expired refresh token is refused.
	s2, err := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Add(auth.RefreshTokenTTL + time.Second)
	if _, err := f.auth.Refresh(ctx, s2.RefreshToken); code(err) != "auth.refresh_invalid" {
		t.Errorf("expired refresh token: %v", err)
	}
	// EndAllSessions revokes every session.
	s3, err := f.auth.Login(ctx, auth.LoginInput{Email: "kari@example.no", Password: password}, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.auth.EndAllSessions(ctx, f.kari.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.auth.Refresh(ctx, s3.RefreshToken); code(err) != "auth.refresh_invalid" {
		t.Errorf("after EndAllSessions: %v", err)
	}
	if err := f.auth.Sweep(ctx); err != nil {
		t.Errorf("sweep: %v", err)
	}
}

func TestPasswords(t *testing.T) {
	h, err := auth.HashPassword("et langt passord")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not use the OWASP parameters", h)
	}
	if !auth.CheckPassword("et langt passord", h) || auth.CheckPassword("et langt passorD", h) || auth.CheckPassword("x", "not a hash") {
		t.Error("CheckPassword is wrong")
	}
	h2, _ := auth.HashPassword("et langt passord")
	if h == h2 {
		t.Error("no salt")
	}
	var v apperr.Validation
	auth.ValidatePassword(&v, "password", "kort")
	auth.ValidatePassword(&v, "password", strings.Repeat("x", 257))
	auth.ValidatePassword(&v, "password", "ÆØÅæøåÆØÅæ") // ten characters, more bytes
	ae, _ := apperr.As(v.Err())
	if ae == nil || len(ae.Fields) != 2 || ae.Fields[0].Code != apperr.FieldTooShort || ae.Fields[1].Code != apperr.FieldTooLong {
		t.Errorf("validation: %v", v.Err())
	}
}

package auth

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/storetest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

// forEachStore runs one conformance test against both adapters.
func forEachStore(t *testing.T, test func(t *testing.T, s store)) {
	storetest.Each(t, SQLiteSchema, MongoIndexes,
		func(db *sqlitedb.DB) store { return NewSQLiteStore(db) },
		func(db *mongo.Database) store { return NewMongoStore(db) }, test)
}

// race runs fn n times at once where the store promises atomic single-row updates
// (SQLite, real MongoDB), and one after another on FerretDB, which does not (see
// mongotest.AtomicUpdates): the counting logic is checked everywhere, the race
// where it can be.
func race(t *testing.T, s store, n int, fn func()) {
	t.Helper()
	if _, onMongo := s.(*mongoStore); onMongo && !mongotest.AtomicUpdates(t) {
		t.Log("FerretDB updates are not atomic: running the racing calls one by one")
		for i := 0; i < n; i++ {
			fn()
		}
		return
	}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn()
		}()
	}
	wg.Wait()
}

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newToken(family, user string, created time.Time) refreshToken {
	_, hash := newOpaqueToken()
	return refreshToken{ID: sqlitedb.NewID(), FamilyID: family, UserID: user, Hash: hash,
		CreatedAt: created, ExpiresAt: created.Add(RefreshTokenTTL)}
}

func TestStoreRefreshTokens(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		a := newToken("fam-a", "user-1", t0)
		b := newToken("fam-a", "user-1", t0.Add(time.Minute))
		c := newToken("fam-c", "user-1", t0)
		d := newToken("fam-d", "user-2", t0)
		for _, tok := range []refreshToken{a, b, c, d} {
			if err := s.CreateRefreshToken(ctx, tok); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CreateRefreshToken(ctx, refreshToken{ID: sqlitedb.NewID(), FamilyID: "x", UserID: "y", Hash: a.Hash, CreatedAt: t0, ExpiresAt: t0}); err == nil {
			t.Error("a second token with the same hash was accepted")
		}

		got, err := s.RefreshTokenByHash(ctx, a.Hash)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != a.ID || got.FamilyID != "fam-a" || got.UserID != "user-1" || !got.CreatedAt.Equal(t0) ||
			!got.ExpiresAt.Equal(a.ExpiresAt) || !got.RotatedAt.IsZero() || !got.RevokedAt.IsZero() {
			t.Errorf("read back %+v, wrote %+v", got, a)
		}
		if _, err := s.RefreshTokenByHash(ctx, "no-such-hash"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("unknown hash: %v", err)
		}

		// Only the first of several racing rotations wins.
		wins := make(chan bool, 8)
		race(t, s, 8, func() {
			won, err := s.MarkRotated(ctx, a.Hash, t0.Add(time.Second))
			if err != nil {
				t.Error(err)
			}
			wins <- won
		})
		close(wins)
		n := 0
		for w := range wins {
			if w {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d rotations won, want exactly 1", n)
		}
		got, _ = s.RefreshTokenByHash(ctx, a.Hash)
		if !got.RotatedAt.Equal(t0.Add(time.Second)) {
			t.Errorf("RotatedAt = %v", got.RotatedAt)
		}

		// Revoking a family touches only that family; a revoked token cannot rotate.
		if err := s.RevokeFamily(ctx, "fam-a", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []refreshToken{a, b} {
			got, _ := s.RefreshTokenByHash(ctx, tok.Hash)
			if !got.RevokedAt.Equal(t0.Add(time.Hour)) {
				t.Errorf("token of revoked family: RevokedAt = %v", got.RevokedAt)
			}
		}
		if won, err := s.MarkRotated(ctx, b.Hash, t0.Add(2*time.Hour)); err != nil || won {
			t.Errorf("rotating a revoked token: won=%v err=%v", won, err)
		}
		if got, _ := s.RefreshTokenByHash(ctx, c.Hash); !got.RevokedAt.IsZero() {
			t.Error("another family was revoked")
		}

		// Revoking a user ends all their families and nobody else's.
		if err := s.RevokeUser(ctx, "user-1", t0.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.RefreshTokenByHash(ctx, c.Hash); got.RevokedAt.IsZero() {
			t.Error("RevokeUser left a session")
		}
		if got, _ := s.RefreshTokenByHash(ctx, d.Hash); !got.RevokedAt.IsZero() {
			t.Error("RevokeUser revoked another user's session")
		}

		// Expired tokens are swept.
		n64, err := s.DeleteExpiredRefreshTokens(ctx, t0.Add(RefreshTokenTTL+30*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if n64 != 3 { // a, c and d expire at t0+TTL; b a minute later
			t.Errorf("deleted %d expired tokens, want 3", n64)
		}
		if _, err := s.RefreshTokenByHash(ctx, b.Hash); err != nil {
			t.Errorf("a live token was swept: %v", err)
		}
	})
}

func TestStoreLoginAttempts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		const window, limit, lock = 15 * time.Minute, 3, 10 * time.Minute
		if a, err := s.Attempts(ctx, "account:x"); err != nil || a.Failures != 0 || !a.LockedUntil.IsZero() {
			t.Fatalf("no attempts yet: %+v %v", a, err)
		}
		var a attempts
		var err error
		for i := 1; i <= limit; i++ {
			at := t0.Add(time.Duration(i) * time.Minute)
			a, err = s.RecordFailure(ctx, "account:x", at, window, limit, lock)
			if err != nil {
				t.Fatal(err)
			}
			if a.Failures != i || !a.WindowStart.Equal(t0.Add(time.Minute)) {
				t.Errorf("failure %d: %+v", i, a)
			}
			if i < limit && !a.LockedUntil.IsZero() {
				t.Errorf("locked after %d failures", i)
			}
		}
		if want := t0.Add(limit*time.Minute + lock); !a.LockedUntil.Equal(want) {
			t.Errorf("LockedUntil = %v, want %v", a.LockedUntil, want)
		}
		read, err := s.Attempts(ctx, "account:x")
		if err != nil || read != a {
			t.Errorf("Attempts = %+v %v, want %+v", read, err, a)
		}
		if other, _ := s.Attempts(ctx, "account:y"); other.Failures != 0 {
			t.Error("another key was counted")
		}

		// After the window a new one starts at 1; the lock already given stays.
		later := t0.Add(time.Minute + window + time.Second)
		a, err = s.RecordFailure(ctx, "account:x", later, window, limit, lock)
		if err != nil {
			t.Fatal(err)
		}
		if a.Failures != 1 || !a.WindowStart.Equal(later) {
			t.Errorf("new window: %+v", a)
		}

		// Concurrent failures are all counted.
		race(t, s, 10, func() {
			if _, err := s.RecordFailure(ctx, "address:10.0.0.1", t0, window, 100, lock); err != nil {
				t.Error(err)
			}
		})
		if got, _ := s.Attempts(ctx, "address:10.0.0.1"); got.Failures != 10 {
			t.Errorf("10 concurrent failures counted as %d", got.Failures)
		}

		if err := s.ClearAttempts(ctx, "account:x"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Attempts(ctx, "account:x"); got.Failures != 0 {
			t.Error("ClearAttempts left a count")
		}

		// Stale counters are swept, locked ones kept until the lock ends.
		if _, err := s.RecordFailure(ctx, "account:locked", t0, window, 1, time.Hour); err != nil {
			t.Fatal(err)
		}
		n, err := s.DeleteStaleAttempts(ctx, t0.Add(30*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("swept %d counters, want 1 (the address counter)", n)
		}
		if got, _ := s.Attempts(ctx, "account:locked"); got.Failures != 1 {
			t.Error("a locked counter was swept")
		}
	})
}

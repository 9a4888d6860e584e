package auth

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLiteSchema is this feature's tables.
var SQLiteSchema = sqlitedb.SchemaFrom("auth", migrations, "migrations")

type sqliteStore struct{ db *sqlitedb.DB }

var _ store = (*sqliteStore)(nil)

// NewSQLiteStore returns the store on the embedded database.
func NewSQLiteStore(db *sqlitedb.DB) *sqliteStore { return &sqliteStore{db: db} }

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return sqlitedb.Millis(t)
}

func tm(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return sqlitedb.Time(v)
}

func (s *sqliteStore) CreateRefreshToken(ctx context.Context, t refreshToken) error {
	_, err := s.db.Write.ExecContext(ctx, `
		INSERT INTO refresh_tokens (id, family_id, user_id, hash, created_at, expires_at, rotated_at, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ID, t.FamilyID, t.UserID, t.Hash, ms(t.CreatedAt), ms(t.ExpiresAt), ms(t.RotatedAt), ms(t.RevokedAt))
	return err
}

func (s *sqliteStore) RefreshTokenByHash(ctx context.Context, hash string) (refreshToken, error) {
	var t refreshToken
	var created, expires, rotated, revoked int64
	err := s.db.Read.QueryRowContext(ctx, `
		SELECT id, family_id, user_id, hash, created_at, expires_at, rotated_at, revoked_at
		FROM refresh_tokens WHERE hash = ?`, hash).
		Scan(&t.ID, &t.FamilyID, &t.UserID, &t.Hash, &created, &expires, &rotated, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return refreshToken{}, apperr.NotFound("auth.refresh_invalid", "unknown refresh token")
	}
	if err != nil {
		return refreshToken{}, err
	}
	t.CreatedAt, t.ExpiresAt, t.RotatedAt, t.RevokedAt = tm(created), tm(expires), tm(rotated), tm(revoked)
	return t, nil
}

func (s *sqliteStore) MarkRotated(ctx context.Context, hash string, at time.Time) (bool, error) {
	res, err := s.db.Write.ExecContext(ctx, `
		UPDATE refresh_tokens SET rotated_at = ? WHERE hash = ? AND rotated_at = 0 AND revoked_at = 0`,
		ms(at), hash)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s *sqliteStore) RevokeFamily(ctx context.Context, familyID string, at time.Time) error {
	_, err := s.db.Write.ExecContext(ctx,
		`UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at = 0`, ms(at), familyID)
	return err
}

func (s *sqliteStore) RevokeUser(ctx context.Context, userID string, at time.Time) error {
	_, err := s.db.Write.ExecContext(ctx,
		`UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at = 0`, ms(at), userID)
	return err
}

func (s *sqliteStore) DeleteExpiredRefreshTokens(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.Write.ExecContext(ctx, `DELETE FROM refresh_tokens WHERE expires_at < ?`, ms(before))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *sqliteStore) Attempts(ctx context.Context, key string) (attempts, error) {
	var a attempts
	var start, locked int64
	err := s.db.Read.QueryRowContext(ctx,
		`SELECT failures, window_start, locked_until FROM login_attempts WHERE key = ?`, key).
		Scan(&a.Failures, &start, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return attempts{}, nil
	}
	a.WindowStart, a.LockedUntil = tm(start), tm(locked)
	return a, err
}

func (s *sqliteStore) RecordFailure(ctx context.Context, key string, now time.Time, window time.Duration, limit int, lockFor time.Duration) (attempts, error) {
	cutoff := ms(now.Add(-window))
	var a attempts
	var start, locked int64
	// One statement, so concurrent failures on several replicas' requests count
	// exactly (SQLite serialises writers).
	err := s.db.Write.QueryRowContext(ctx, `
		INSERT INTO login_attempts (key, failures, window_start, locked_until)
		VALUES (:key, 1, :now, CASE WHEN 1 >= :limit THEN :lock ELSE 0 END)
		ON CONFLICT (key) DO UPDATE SET
			failures     = CASE WHEN window_start <= :cutoff THEN 1 ELSE failures + 1 END,
			window_start = CASE WHEN window_start <= :cutoff THEN :now ELSE window_start END,
			locked_until = CASE
				WHEN (CASE WHEN window_start <= :cutoff THEN 1 ELSE failures + 1 END) >= :limit
				THEN max(locked_until, :lock) ELSE locked_until END
		RETURNING failures, window_start, locked_until`,
		sql.Named("key", key), sql.Named("now", ms(now)), sql.Named("cutoff", cutoff),
		sql.Named("limit", limit), sql.Named("lock", ms(now.Add(lockFor)))).
		Scan(&a.Failures, &start, &locked)
	a.WindowStart, a.LockedUntil = tm(start), tm(locked)
	return a, err
}

func (s *sqliteStore) ClearAttempts(ctx context.Context, key string) error {
	_, err := s.db.Write.ExecContext(ctx, `DELETE FROM login_attempts WHERE key = ?`, key)
	return err
}

func (s *sqliteStore) DeleteStaleAttempts(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.Write.ExecContext(ctx,
		`DELETE FROM login_attempts WHERE window_start < ? AND locked_until < ?`, ms(before), ms(before))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

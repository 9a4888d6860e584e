package user

import (
	"context"
	"database/sql"
	"embed"
	"errors"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLiteSchema is this feature's tables.
var SQLiteSchema = sqlitedb.SchemaFrom("user", migrations, "migrations")

type sqliteStore struct{ db *sqlitedb.DB }

var _ store = (*sqliteStore)(nil)

// NewSQLiteStore returns the store on the embedded database.
func NewSQLiteStore(db *sqlitedb.DB) *sqliteStore { return &sqliteStore{db: db} }

const userColumns = `id, email, name, org_id, job_title, job_field, site_role, language, password_hash, created_at, updated_at`

func (s *sqliteStore) Create(ctx context.Context, u User) error {
	_, err := s.db.Write.ExecContext(ctx, `
		INSERT INTO users (id, email, email_lower, name, org_id, job_title, job_field, site_role, language, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Email, auth.NormalizeEmail(u.Email), u.Name, u.OrgID, u.JobTitle, string(u.JobField),
		string(u.SiteRole), u.Language, u.PasswordHash, sqlitedb.Millis(u.CreatedAt), sqlitedb.Millis(u.UpdatedAt))
	if sqlitedb.IsUniqueViolation(err) {
		return errEmailTaken()
	}
	return err
}

func (s *sqliteStore) Get(ctx context.Context, id string) (User, error) {
	return s.one(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id)
}

func (s *sqliteStore) GetByEmail(ctx context.Context, email string) (User, error) {
	return s.one(ctx, `SELECT `+userColumns+` FROM users WHERE email_lower = ?`, email)
}

func (s *sqliteStore) one(ctx context.Context, query, arg string) (User, error) {
	u, err := scanUser(s.db.Read.QueryRowContext(ctx, query, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, errNotFound()
	}
	return u, err
}

func scanUser(r interface{ Scan(...any) error }) (User, error) {
	var u User
	var jobField, role string
	var created, updated int64
	err := r.Scan(&u.ID, &u.Email, &u.Name, &u.OrgID, &u.JobTitle, &jobField, &role, &u.Language, &u.PasswordHash, &created, &updated)
	if err != nil {
		return User{}, err
	}
	u.JobField, u.SiteRole = JobField(jobField), auth.Role(role)
	u.CreatedAt, u.UpdatedAt = sqlitedb.Time(created), sqlitedb.Time(updated)
	return u, nil
}

func (s *sqliteStore) All(ctx context.Context, afterID string, limit int) ([]User, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE id > ? ORDER BY id LIMIT ?`, afterID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func (s *sqliteStore) Update(ctx context.Context, u User) error {
	res, err := s.db.Write.ExecContext(ctx, `
		UPDATE users SET name = ?, org_id = ?, job_title = ?, job_field = ?, site_role = ?, language = ?, updated_at = ?
		WHERE id = ?`,
		u.Name, u.OrgID, u.JobTitle, string(u.JobField), string(u.SiteRole), u.Language, sqlitedb.Millis(u.UpdatedAt), u.ID)
	return oneRow(res, err)
}

func (s *sqliteStore) SetPassword(ctx context.Context, id, hash string) error {
	res, err := s.db.Write.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, id)
	return oneRow(res, err)
}

func (s *sqliteStore) Count(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

func oneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return errNotFound()
	}
	return nil
}

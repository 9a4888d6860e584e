package mail

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLiteSchema is this feature's tables.
var SQLiteSchema = sqlitedb.SchemaFrom("mail", migrations, "migrations")

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

const outboxColumns = `id, to_address, subject, text, html, kind, status, attempts, last_error,
	created_at, next_attempt_at, lease_until, last_attempt_at, sent_at`

func (s *sqliteStore) Enqueue(ctx context.Context, m outboxMessage) error {
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO mail_outbox (`+outboxColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.To, m.Subject, m.Text, m.HTML, m.Kind, string(m.Status), m.Attempts, m.LastError,
		ms(m.CreatedAt), ms(m.NextAttemptAt), ms(m.LeaseUntil), ms(m.LastAttemptAt), ms(m.SentAt))
	return err
}

// The two claim statements: each picks one row through its index, in due order,
// and updates it in the same statement. SQLite runs one writer at a time, so no
// other claim can take the row in between.
const (
	claimExpiredSQL = `UPDATE mail_outbox SET status = 'sending', lease_until = :lease, attempts = attempts + 1
		WHERE id = (SELECT id FROM mail_outbox WHERE status = 'sending' AND lease_until <= :now
			ORDER BY lease_until, id LIMIT 1)
		RETURNING ` + outboxColumns
	claimQueuedSQL = `UPDATE mail_outbox SET status = 'sending', lease_until = :lease, attempts = attempts + 1
		WHERE id = (SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= :now
			ORDER BY next_attempt_at, id LIMIT 1)
		RETURNING ` + outboxColumns
)

func (s *sqliteStore) Claim(ctx context.Context, now, leaseUntil time.Time) (outboxMessage, bool, error) {
	for _, query := range []string{claimExpiredSQL, claimQueuedSQL} {
		m, err := scanMessage(s.db.Write.QueryRowContext(ctx, query,
			sql.Named("now", ms(now)), sql.Named("lease", ms(leaseUntil))))
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return outboxMessage{}, false, err
		}
		return m, true, nil
	}
	return outboxMessage{}, false, nil
}

func (s *sqliteStore) MarkSent(ctx context.Context, id string, at time.Time) error {
	return s.update(ctx, `UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_attempt_at = ?,
		lease_until = 0, next_attempt_at = 0, last_error = '' WHERE id = ?`, ms(at), ms(at), id)
}

func (s *sqliteStore) MarkFailed(ctx context.Context, id string, at time.Time, errText string, nextAttemptAt time.Time, final bool) error {
	status, next := StatusQueued, ms(nextAttemptAt)
	if final {
		status, next = StatusFailed, 0
	}
	return s.update(ctx, `UPDATE mail_outbox SET status = ?, last_error = ?, last_attempt_at = ?,
		next_attempt_at = ?, lease_until = 0 WHERE id = ?`, string(status), errText, ms(at), next, id)
}

func (s *sqliteStore) update(ctx context.Context, query string, args ...any) error {
	res, err := s.db.Write.ExecContext(ctx, query, args...)
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

// listSQL builds the list query from typed input only; every value is a parameter.
// Each shape reads mail_outbox_created or mail_outbox_status_created backwards.
func listSQL(q listQuery) (string, []any, error) {
	var where []string
	var args []any
	if q.Status != "" {
		where = append(where, `status = ?`)
		args = append(args, string(q.Status))
	}
	if q.After != nil {
		created, err := cursorMillis(q.After)
		if err != nil {
			return "", nil, err
		}
		where = append(where, `(created_at, id) < (?, ?)`)
		args = append(args, created, q.After.ID)
	}
	query := `SELECT ` + outboxColumns + ` FROM mail_outbox`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	args = append(args, q.Limit+1)
	return query, args, nil
}

func (s *sqliteStore) List(ctx context.Context, q listQuery) ([]outboxMessage, error) {
	query, args, err := listSQL(q)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []outboxMessage
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *sqliteStore) Get(ctx context.Context, id string) (outboxMessage, error) {
	m, err := scanMessage(s.db.Read.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM mail_outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return outboxMessage{}, errNotFound()
	}
	return m, err
}

const deleteOlderSQL = `DELETE FROM mail_outbox WHERE created_at < ? AND status IN ('stored', 'sent', 'failed')`

func (s *sqliteStore) DeleteOlderThan(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.Write.ExecContext(ctx, deleteOlderSQL, ms(before))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func scanMessage(row interface{ Scan(...any) error }) (outboxMessage, error) {
	var m outboxMessage
	var status string
	var created, next, lease, last, sent int64
	err := row.Scan(&m.ID, &m.To, &m.Subject, &m.Text, &m.HTML, &m.Kind, &status, &m.Attempts, &m.LastError,
		&created, &next, &lease, &last, &sent)
	if err != nil {
		return outboxMessage{}, err
	}
	m.Status = Status(status)
	m.CreatedAt, m.NextAttemptAt, m.LeaseUntil, m.LastAttemptAt, m.SentAt = tm(created), tm(next), tm(lease), tm(last), tm(sent)
	return m, nil
}

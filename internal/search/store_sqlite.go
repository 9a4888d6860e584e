package search

import (
	"context"
	"database/sql"
	"embed"
	"time"

	"github.com/samspill/samspill/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLiteSchema is this feature's tables.
var SQLiteSchema = sqlitedb.SchemaFrom("search", migrations, "migrations")

type sqliteStore struct{ db *sqlitedb.DB }

var _ store = (*sqliteStore)(nil)

// NewSQLiteStore returns the store on the embedded database.
func NewSQLiteStore(db *sqlitedb.DB) *sqliteStore { return &sqliteStore{db: db} }

func (s *sqliteStore) Append(ctx context.Context, kind, ref string, at time.Time) (int64, error) {
	var seq int64
	err := s.db.Write.QueryRowContext(ctx, `INSERT INTO search_changes (kind, ref, at) VALUES (?, ?, ?) RETURNING seq`,
		kind, ref, sqlitedb.Millis(at)).Scan(&seq)
	return seq, err
}

func (s *sqliteStore) Since(ctx context.Context, seq int64, limit int) ([]change, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT seq, kind, ref, at FROM search_changes WHERE seq > ? ORDER BY seq LIMIT ?`, seq, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []change
	for rows.Next() {
		var c change
		var at int64
		if err := rows.Scan(&c.Seq, &c.Kind, &c.Ref, &at); err != nil {
			return nil, err
		}
		c.At = sqlitedb.Time(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *sqliteStore) Last(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	err := s.db.Read.QueryRowContext(ctx, `SELECT max(seq) FROM search_changes`).Scan(&seq)
	return seq.Int64, err
}

func (s *sqliteStore) Trim(ctx context.Context, before time.Time) error {
	_, err := s.db.Write.ExecContext(ctx, `DELETE FROM search_changes WHERE at < ? AND seq < (SELECT max(seq) FROM search_changes)`,
		sqlitedb.Millis(before))
	return err
}

func (s *sqliteStore) CountQuery(ctx context.Context, scope, query string, day time.Time, empty bool) error {
	e := 0
	if empty {
		e = 1
	}
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO search_queries (scope, query, day, count, empty_count) VALUES (?, ?, ?, 1, ?)
		ON CONFLICT (scope, day, query) DO UPDATE SET count = count + 1, empty_count = empty_count + excluded.empty_count`,
		scope, query, sqlitedb.Millis(day), e)
	return err
}

func (s *sqliteStore) TopQueries(ctx context.Context, scope string, since time.Time, emptyOnly bool, limit int) ([]QueryCount, error) {
	order := "sum(count)"
	having := ""
	if emptyOnly {
		order, having = "sum(empty_count)", "HAVING sum(empty_count) > 0"
	}
	rows, err := s.db.Read.QueryContext(ctx, `SELECT query, sum(count), sum(empty_count) FROM search_queries
		WHERE scope = ? AND day >= ? GROUP BY query `+having+` ORDER BY `+order+` DESC, query LIMIT ?`,
		scope, sqlitedb.Millis(since), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []QueryCount{}
	for rows.Next() {
		var q QueryCount
		if err := rows.Scan(&q.Query, &q.Count, &q.Empty); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

package org

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/samspill/samspill/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLiteSchema is this feature's tables.
var SQLiteSchema = sqlitedb.SchemaFrom("org", migrations, "migrations")

type sqliteStore struct{ db *sqlitedb.DB }

var _ store = (*sqliteStore)(nil)

// NewSQLiteStore returns the store on the embedded database.
func NewSQLiteStore(db *sqlitedb.DB) *sqliteStore { return &sqliteStore{db: db} }

const orgColumns = `id, key, name, sort_name, kind, number, county_number, county_name, other_names, official_name`

func (s *sqliteStore) Upsert(ctx context.Context, orgs []Org) error {
	tx, err := s.db.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, o := range orgs {
		other, _ := json.Marshal(nonNil(o.OtherNames))
		var id string
		err := tx.QueryRowContext(ctx, `
			INSERT INTO orgs (`+orgColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET name = excluded.name, sort_name = excluded.sort_name,
				kind = excluded.kind, number = excluded.number, county_number = excluded.county_number,
				county_name = excluded.county_name, other_names = excluded.other_names,
				official_name = excluded.official_name
			RETURNING id`,
			sqlitedb.NewID(), o.key, o.Name, o.sortName, string(o.Kind), o.Number, o.CountyNumber,
			o.CountyName, string(other), o.OfficialName).Scan(&id)
		if err != nil {
			return fmt.Errorf("upsert org %s: %w", o.key, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM org_terms WHERE org_id = ?`, id); err != nil {
			return err
		}
		for _, t := range o.terms {
			if _, err := tx.ExecContext(ctx, `INSERT INTO org_terms (term, org_id) VALUES (?, ?)`, t, id); err != nil {
				return fmt.Errorf("insert term of %s: %w", o.key, err)
			}
		}
	}
	return tx.Commit()
}

func (s *sqliteStore) Get(ctx context.Context, id string) (Org, error) {
	return s.getOne(ctx, `SELECT `+orgColumns+` FROM orgs WHERE id = ?`, id)
}

func (s *sqliteStore) GetByKey(ctx context.Context, key string) (Org, error) {
	return s.getOne(ctx, `SELECT `+orgColumns+` FROM orgs WHERE key = ?`, key)
}

func (s *sqliteStore) getOne(ctx context.Context, query string, arg string) (Org, error) {
	o, err := scanOrg(s.db.Read.QueryRowContext(ctx, query, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return Org{}, errNotFound()
	}
	return o, err
}

func (s *sqliteStore) GetMany(ctx context.Context, ids []string) ([]Org, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return s.query(ctx, `SELECT `+orgColumns+` FROM orgs WHERE id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, args...)
}

// listSQL builds the list query from typed input only; every value is a parameter.
func listSQL(q listQuery) (string, []any) {
	var where []string
	var args []any
	if q.Prefix != "" {
		// Organisations are bounded reference data (under 400 rows): the term range
		// is found through the org_terms primary key, the page through orgs_sort.
		where = append(where, `id IN (SELECT org_id FROM org_terms WHERE term >= ? AND term < ?)`)
		args = append(args, q.Prefix, q.Prefix+"\U0010FFFF")
	}
	if q.Kind != "" {
		where = append(where, `kind = ?`)
		args = append(args, string(q.Kind))
	}
	if q.County != "" {
		where = append(where, `county_number = ?`)
		args = append(args, q.County)
	}
	if q.After != nil {
		where = append(where, `(sort_name, id) > (?, ?)`)
		args = append(args, q.After.Key, q.After.ID)
	}
	query := `SELECT ` + orgColumns + ` FROM orgs`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY sort_name, id LIMIT ?`
	args = append(args, q.Limit+1)
	return query, args
}

func (s *sqliteStore) List(ctx context.Context, q listQuery) ([]Org, error) {
	query, args := listSQL(q)
	return s.query(ctx, query, args...)
}

func (s *sqliteStore) query(ctx context.Context, query string, args ...any) ([]Org, error) {
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Org
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func scanOrg(row interface{ Scan(...any) error }) (Org, error) {
	var o Org
	var kind, other string
	err := row.Scan(&o.ID, &o.key, &o.Name, &o.sortName, &kind, &o.Number, &o.CountyNumber,
		&o.CountyName, &other, &o.OfficialName)
	if err != nil {
		return Org{}, err
	}
	o.Kind = Kind(kind)
	if err := json.Unmarshal([]byte(other), &o.OtherNames); err != nil {
		return Org{}, fmt.Errorf("org %s other_names: %w", o.ID, err)
	}
	if len(o.OtherNames) == 0 {
		o.OtherNames = nil
	}
	return o, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

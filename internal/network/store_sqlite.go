package network

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLiteSchema is this feature's tables.
var SQLiteSchema = sqlitedb.SchemaFrom("network", migrations, "migrations")

type sqliteStore struct{ db *sqlitedb.DB }

var _ store = (*sqliteStore)(nil)

// NewSQLiteStore returns the store on the embedded database.
func NewSQLiteStore(db *sqlitedb.DB) *sqliteStore { return &sqliteStore{db: db} }

type scanner interface{ Scan(...any) error }

func msOrZero(t *time.Time) int64 {
	if t == nil {
		return 0
	}
	return sqlitedb.Millis(*t)
}

func timeOrNil(v int64) *time.Time {
	if v == 0 {
		return nil
	}
	t := sqlitedb.Time(v)
	return &t
}

// cursorMillis reads the key of a time-ordered cursor.
func cursorMillis(c *paging.Cursor) (int64, error) {
	v, err := strconv.ParseInt(c.Key, 10, 64)
	if err != nil {
		return 0, apperr.Invalid("validation.failed", "the cursor is not valid",
			apperr.FieldError{Field: "cursor", Code: apperr.FieldInvalid, Message: "not a cursor of this list"})
	}
	return v, nil
}

// ---- networks

const networkColumns = `id, slug, name, sort_name, description, description_html, excerpt, topics, national, counties,
	visibility, member_count, created_by, created_at, updated_at`

func scanNetwork(r scanner) (Network, error) {
	var n Network
	var topics, counties, vis string
	var national int
	var created, updated int64
	err := r.Scan(&n.ID, &n.Slug, &n.Name, &n.sortName, &n.Description, &n.DescriptionHTML, &n.excerpt, &topics, &national,
		&counties, &vis, &n.MemberCount, &n.CreatedBy, &created, &updated)
	if err != nil {
		return Network{}, err
	}
	n.National, n.Visibility = national == 1, Visibility(vis)
	n.CreatedAt, n.UpdatedAt = sqlitedb.Time(created), sqlitedb.Time(updated)
	if err := json.Unmarshal([]byte(topics), &n.Topics); err != nil {
		return Network{}, err
	}
	if err := json.Unmarshal([]byte(counties), &n.Counties); err != nil {
		return Network{}, err
	}
	return n, nil
}

func jsonList(s []string) string {
	b, _ := json.Marshal(nonNil(s))
	return string(b)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// writeFilters replaces the topic and region rows the catalogue filters on.
func writeFilters(ctx context.Context, tx *sql.Tx, n Network) error {
	for _, q := range []string{`DELETE FROM network_topics WHERE network_id = ?`, `DELETE FROM network_regions WHERE network_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, n.ID); err != nil {
			return err
		}
	}
	for _, t := range n.Topics {
		if _, err := tx.ExecContext(ctx, `INSERT INTO network_topics (topic, network_id) VALUES (?, ?)`, t, n.ID); err != nil {
			return err
		}
	}
	for _, r := range n.regionKeys() {
		if _, err := tx.ExecContext(ctx, `INSERT INTO network_regions (region, network_id) VALUES (?, ?)`, r, n.ID); err != nil {
			return err
		}
	}
	return nil
}

func (s *sqliteStore) CreateNetwork(ctx context.Context, n Network, owner Membership) error {
	tx, err := s.db.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO networks (id, slug, name, sort_name, name_lower, description, description_html,
		excerpt, topics, national, counties, visibility, listed, member_count, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
		n.ID, n.Slug, n.Name, n.sortName, strings.ToLower(n.Name), n.Description, n.DescriptionHTML, n.excerpt, jsonList(n.Topics),
		boolInt(n.National), jsonList(n.Counties), string(n.Visibility), boolInt(n.Visibility != Closed), n.CreatedBy,
		sqlitedb.Millis(n.CreatedAt), sqlitedb.Millis(n.UpdatedAt))
	if sqlitedb.IsUniqueViolation(err) {
		return errSlugTaken()
	}
	if err != nil {
		return err
	}
	if err := writeFilters(ctx, tx, n); err != nil {
		return err
	}
	if err := addMember(ctx, tx, owner); err != nil {
		return err
	}
	return tx.Commit()
}

func errSlugTaken() error {
	return apperr.Conflict("network.slug_taken", "another network has this address: choose another")
}

func (s *sqliteStore) UpdateNetwork(ctx context.Context, n Network) error {
	tx, err := s.db.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE networks SET name = ?, sort_name = ?, name_lower = ?, description = ?,
		description_html = ?, excerpt = ?, topics = ?, national = ?, counties = ?, visibility = ?, listed = ?, updated_at = ?
		WHERE id = ?`,
		n.Name, n.sortName, strings.ToLower(n.Name), n.Description, n.DescriptionHTML, n.excerpt, jsonList(n.Topics),
		boolInt(n.National), jsonList(n.Counties), string(n.Visibility), boolInt(n.Visibility != Closed),
		sqlitedb.Millis(n.UpdatedAt), n.ID)
	if err := oneRow(res, err, errNotFound()); err != nil {
		return err
	}
	if err := writeFilters(ctx, tx, n); err != nil {
		return err
	}
	return tx.Commit()
}

func oneRow(res sql.Result, err error, notFound error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound
	}
	return nil
}

func (s *sqliteStore) NetworkBySlug(ctx context.Context, slug string) (Network, error) {
	n, err := scanNetwork(s.db.Read.QueryRowContext(ctx, `SELECT `+networkColumns+` FROM networks WHERE slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return Network{}, errNotFound()
	}
	return n, err
}

func (s *sqliteStore) NetworksByID(ctx context.Context, ids []string) ([]Network, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+networkColumns+` FROM networks WHERE id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanNetwork)
}

func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (s *sqliteStore) NetworkIDsByVisibility(ctx context.Context) (map[Visibility][]string, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT visibility, id FROM networks`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[Visibility][]string{}
	for rows.Next() {
		var v, id string
		if err := rows.Scan(&v, &id); err != nil {
			return nil, err
		}
		out[Visibility(v)] = append(out[Visibility(v)], id)
	}
	return out, rows.Err()
}

func (s *sqliteStore) AllNetworks(ctx context.Context) ([]Network, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+networkColumns+` FROM networks ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanNetwork)
}

// listNetworksSQL builds the catalogue query from typed input; every value is a
// parameter. The page is read in (sort_name, id) order from an index; topic and
// region filters are checked per row through their tables' primary keys.
func listNetworksSQL(q networkQuery) (string, []any) {
	where := []string{}
	var args []any
	if !q.All {
		where = append(where, `listed = 1`)
	}
	if q.Topic != "" {
		where = append(where, `EXISTS (SELECT 1 FROM network_topics t WHERE t.network_id = networks.id AND t.topic = ?)`)
		args = append(args, q.Topic)
	}
	if len(q.Regions) > 0 {
		where = append(where, `EXISTS (SELECT 1 FROM network_regions r WHERE r.network_id = networks.id AND r.region IN (?`+
			strings.Repeat(",?", len(q.Regions)-1)+`))`)
		for _, r := range q.Regions {
			args = append(args, r)
		}
	}
	if q.Search != "" {
		where = append(where, `instr(name_lower, ?) > 0`)
		args = append(args, q.Search)
	}
	if q.After != nil {
		where = append(where, `(sort_name, id) > (?, ?)`)
		args = append(args, q.After.Key, q.After.ID)
	}
	query := `SELECT ` + networkColumns + ` FROM networks`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY sort_name, id LIMIT ?`
	return query, append(args, q.Limit+1)
}

func (s *sqliteStore) ListNetworks(ctx context.Context, q networkQuery) ([]Network, error) {
	query, args := listNetworksSQL(q)
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanNetwork)
}

// ---- memberships

const membershipColumns = `network_id, user_id, role, joined_at, name, job_title, job_field, org_id, org_name,
	org_kind, county_number, county_name`

func scanMembership(r scanner) (Membership, error) {
	var m Membership
	var role string
	var joined int64
	err := r.Scan(&m.NetworkID, &m.UserID, &role, &joined, &m.Name, &m.JobTitle, &m.JobField, &m.OrgID, &m.OrgName,
		&m.OrgKind, &m.CountyNumber, &m.CountyName)
	m.Role, m.JoinedAt = Role(role), sqlitedb.Time(joined)
	return m, err
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func addMember(ctx context.Context, db execer, m Membership) error {
	p := m.Profile
	_, err := db.ExecContext(ctx, `INSERT INTO memberships (network_id, user_id, role, joined_at, name, sort_name, name_lower,
		job_title, job_field, org_id, org_name, org_kind, county_number, county_name)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.NetworkID, m.UserID, string(m.Role), sqlitedb.Millis(m.JoinedAt), p.Name, sortKey(p.Name), strings.ToLower(p.Name),
		p.JobTitle, p.JobField, p.OrgID, p.OrgName, p.OrgKind, p.CountyNumber, p.CountyName)
	if sqlitedb.IsUniqueViolation(err) {
		return errAlreadyMember()
	}
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `UPDATE networks SET member_count = member_count + 1 WHERE id = ?`, m.NetworkID)
	return err
}

func (s *sqliteStore) Membership(ctx context.Context, networkID, userID string) (Membership, error) {
	m, err := scanMembership(s.db.Read.QueryRowContext(ctx,
		`SELECT `+membershipColumns+` FROM memberships WHERE network_id = ? AND user_id = ?`, networkID, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return Membership{}, apperr.NotFound("network.not_member", "not a member")
	}
	return m, err
}

func (s *sqliteStore) AddMember(ctx context.Context, m Membership) error {
	tx, err := s.db.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := addMember(ctx, tx, m); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *sqliteStore) RemoveMember(ctx context.Context, networkID, userID string) error {
	tx, err := s.db.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE network_id = ? AND user_id = ?`, networkID, userID)
	if err := oneRow(res, err, apperr.NotFound("network.not_member", "not a member")); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE networks SET member_count = member_count - 1 WHERE id = ?`, networkID); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *sqliteStore) SetRole(ctx context.Context, networkID, userID string, role Role) error {
	res, err := s.db.Write.ExecContext(ctx, `UPDATE memberships SET role = ? WHERE network_id = ? AND user_id = ?`,
		string(role), networkID, userID)
	return oneRow(res, err, apperr.NotFound("network.not_member", "not a member"))
}

func (s *sqliteStore) CountOwners(ctx context.Context, networkID string) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM memberships WHERE network_id = ? AND role = 'owner'`, networkID).Scan(&n)
	return n, err
}

func listMembersSQL(q memberQuery) (string, []any) {
	where := []string{`network_id = ?`}
	args := []any{q.NetworkID}
	if q.County != "" {
		where = append(where, `county_number = ?`)
		args = append(args, q.County)
	}
	if q.OrgKind != "" {
		where = append(where, `org_kind = ?`)
		args = append(args, q.OrgKind)
	}
	if q.JobField != "" {
		where = append(where, `job_field = ?`)
		args = append(args, q.JobField)
	}
	if q.Search != "" {
		where = append(where, `instr(name_lower, ?) > 0`)
		args = append(args, q.Search)
	}
	if q.After != nil {
		where = append(where, `(sort_name, user_id) > (?, ?)`)
		args = append(args, q.After.Key, q.After.ID)
	}
	return `SELECT ` + membershipColumns + ` FROM memberships WHERE ` + strings.Join(where, ` AND `) +
		` ORDER BY sort_name, user_id LIMIT ?`, append(args, q.Limit+1)
}

func (s *sqliteStore) ListMembers(ctx context.Context, q memberQuery) ([]Membership, error) {
	query, args := listMembersSQL(q)
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanMembership)
}

func membershipsOfSQL(userID string, limit int, after *paging.Cursor) (string, []any, error) {
	query := `SELECT ` + membershipColumns + ` FROM memberships WHERE user_id = ?`
	args := []any{userID}
	if after != nil {
		at, err := cursorMillis(after)
		if err != nil {
			return "", nil, err
		}
		query += ` AND (joined_at, network_id) < (?, ?)`
		args = append(args, at, after.ID)
	}
	return query + ` ORDER BY joined_at DESC, network_id DESC LIMIT ?`, append(args, limit), nil
}

func (s *sqliteStore) MembershipsOf(ctx context.Context, userID string, limit int, after *paging.Cursor) ([]Membership, error) {
	query, args, err := membershipsOfSQL(userID, limit, after)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanMembership)
}

func (s *sqliteStore) MembershipsIn(ctx context.Context, userID string, networkIDs []string) ([]Membership, error) {
	if len(networkIDs) == 0 {
		return nil, nil
	}
	args := []any{userID}
	for _, id := range networkIDs {
		args = append(args, id)
	}
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+membershipColumns+` FROM memberships
		WHERE user_id = ? AND network_id IN (?`+strings.Repeat(",?", len(networkIDs)-1)+`)`, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanMembership)
}

func (s *sqliteStore) CountByOrg(ctx context.Context, networkID, county string) (map[string]int, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT org_id, count(*) FROM memberships
		WHERE network_id = ? AND county_number = ? GROUP BY org_id`, networkID, county)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

func (s *sqliteStore) UpdateProfile(ctx context.Context, userID string, p Profile) error {
	tx, err := s.db.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE memberships SET name = ?, sort_name = ?, name_lower = ?, job_title = ?,
		job_field = ?, org_id = ?, org_name = ?, org_kind = ?, county_number = ?, county_name = ? WHERE user_id = ?`,
		p.Name, sortKey(p.Name), strings.ToLower(p.Name), p.JobTitle, p.JobField, p.OrgID, p.OrgName, p.OrgKind,
		p.CountyNumber, p.CountyName, userID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE join_requests SET name = ?, job_title = ?, job_field = ?, org_id = ?,
		org_name = ?, org_kind = ?, county_number = ?, county_name = ? WHERE user_id = ?`,
		p.Name, p.JobTitle, p.JobField, p.OrgID, p.OrgName, p.OrgKind, p.CountyNumber, p.CountyName, userID); err != nil {
		return err
	}
	return tx.Commit()
}

// ---- join requests

const requestColumns = `id, network_id, user_id, message, status, reason, decided_by, created_at, decided_at,
	name, job_title, job_field, org_id, org_name, org_kind, county_number, county_name, decided_by_name`

func scanRequest(r scanner) (JoinRequest, error) {
	var j JoinRequest
	var status string
	var created, decided int64
	p := &j.Profile
	err := r.Scan(&j.ID, &j.NetworkID, &j.UserID, &j.Message, &status, &j.Reason, &j.DecidedBy, &created, &decided,
		&p.Name, &p.JobTitle, &p.JobField, &p.OrgID, &p.OrgName, &p.OrgKind, &p.CountyNumber, &p.CountyName, &j.DecidedByName)
	j.Status, j.CreatedAt, j.DecidedAt = RequestStatus(status), sqlitedb.Time(created), timeOrNil(decided)
	return j, err
}

func (s *sqliteStore) SaveRequest(ctx context.Context, r JoinRequest) error {
	p := r.Profile
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO join_requests (`+requestColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (network_id, user_id) DO UPDATE SET message = excluded.message, status = excluded.status,
			reason = excluded.reason, decided_by = excluded.decided_by, decided_by_name = excluded.decided_by_name,
			created_at = excluded.created_at,
			decided_at = excluded.decided_at, name = excluded.name, job_title = excluded.job_title,
			job_field = excluded.job_field, org_id = excluded.org_id, org_name = excluded.org_name,
			org_kind = excluded.org_kind, county_number = excluded.county_number, county_name = excluded.county_name`,
		r.ID, r.NetworkID, r.UserID, r.Message, string(r.Status), r.Reason, r.DecidedBy, sqlitedb.Millis(r.CreatedAt),
		msOrZero(r.DecidedAt), p.Name, p.JobTitle, p.JobField, p.OrgID, p.OrgName, p.OrgKind, p.CountyNumber, p.CountyName,
		r.DecidedByName)
	return err
}

func (s *sqliteStore) requestWhere(ctx context.Context, where string, args ...any) (JoinRequest, error) {
	r, err := scanRequest(s.db.Read.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM join_requests WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return JoinRequest{}, apperr.NotFound("network.request_not_found", "no such request")
	}
	return r, err
}

func (s *sqliteStore) RequestOf(ctx context.Context, networkID, userID string) (JoinRequest, error) {
	return s.requestWhere(ctx, `network_id = ? AND user_id = ?`, networkID, userID)
}

func (s *sqliteStore) RequestByID(ctx context.Context, id string) (JoinRequest, error) {
	return s.requestWhere(ctx, `id = ?`, id)
}

func (s *sqliteStore) DecideRequest(ctx context.Context, r JoinRequest) (bool, error) {
	res, err := s.db.Write.ExecContext(ctx, `UPDATE join_requests SET status = ?, reason = ?, decided_by = ?, decided_by_name = ?,
		decided_at = ? WHERE id = ? AND status = 'pending'`, string(r.Status), r.Reason, r.DecidedBy, r.DecidedByName,
		msOrZero(r.DecidedAt), r.ID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func listRequestsSQL(networkID string, status RequestStatus, limit int, after *paging.Cursor) (string, []any, error) {
	query := `SELECT ` + requestColumns + ` FROM join_requests WHERE network_id = ? AND status = ?`
	args := []any{networkID, string(status)}
	if after != nil {
		at, err := cursorMillis(after)
		if err != nil {
			return "", nil, err
		}
		query += ` AND (created_at, id) > (?, ?)`
		args = append(args, at, after.ID)
	}
	return query + ` ORDER BY created_at, id LIMIT ?`, append(args, limit+1), nil
}

func (s *sqliteStore) CountRequests(ctx context.Context, networkID string, status RequestStatus) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM join_requests WHERE network_id = ? AND status = ?`,
		networkID, string(status)).Scan(&n)
	return n, err
}

func (s *sqliteStore) ListRequests(ctx context.Context, networkID string, status RequestStatus, limit int, after *paging.Cursor) ([]JoinRequest, error) {
	query, args, err := listRequestsSQL(networkID, status, limit, after)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanRequest)
}

// ---- invitations

const invitationColumns = `id, network_id, email, invited_by, created_at, expires_at, used_at, used_by, revoked_at,
	invited_by_name, used_by_name`

func scanInvitation(r scanner) (Invitation, error) {
	var i Invitation
	var created, expires, used, revoked int64
	err := r.Scan(&i.ID, &i.NetworkID, &i.Email, &i.InvitedBy, &created, &expires, &used, &i.UsedBy, &revoked,
		&i.InvitedByName, &i.UsedByName)
	i.CreatedAt, i.ExpiresAt, i.UsedAt, i.RevokedAt = sqlitedb.Time(created), sqlitedb.Time(expires), timeOrNil(used), timeOrNil(revoked)
	return i, err
}

func (s *sqliteStore) CreateInvitation(ctx context.Context, i Invitation) error {
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO invitations (`+invitationColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		i.ID, i.NetworkID, i.Email, i.InvitedBy, sqlitedb.Millis(i.CreatedAt), sqlitedb.Millis(i.ExpiresAt),
		msOrZero(i.UsedAt), i.UsedBy, msOrZero(i.RevokedAt), i.InvitedByName, i.UsedByName)
	return err
}

func errInvitationNotFound() error {
	return apperr.NotFound("network.invitation_not_found", "no such invitation")
}

func (s *sqliteStore) Invitation(ctx context.Context, id string) (Invitation, error) {
	i, err := scanInvitation(s.db.Read.QueryRowContext(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Invitation{}, errInvitationNotFound()
	}
	return i, err
}

func (s *sqliteStore) OpenInvitation(ctx context.Context, networkID, email string, now time.Time) (Invitation, error) {
	i, err := scanInvitation(s.db.Read.QueryRowContext(ctx, `SELECT `+invitationColumns+` FROM invitations
		WHERE network_id = ? AND email = ? AND expires_at > ? AND used_at = 0 AND revoked_at = 0 LIMIT 1`,
		networkID, email, sqlitedb.Millis(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return Invitation{}, errInvitationNotFound()
	}
	return i, err
}

func (s *sqliteStore) UseInvitation(ctx context.Context, id, userID, userName string, at time.Time) (bool, error) {
	res, err := s.db.Write.ExecContext(ctx, `UPDATE invitations SET used_at = ?, used_by = ?, used_by_name = ?
		WHERE id = ? AND used_at = 0 AND revoked_at = 0`, sqlitedb.Millis(at), userID, userName, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s *sqliteStore) RevokeInvitation(ctx context.Context, id string, at time.Time) error {
	res, err := s.db.Write.ExecContext(ctx, `UPDATE invitations SET revoked_at = ? WHERE id = ? AND used_at = 0`, sqlitedb.Millis(at), id)
	return oneRow(res, err, errInvitationNotFound())
}

// newestFirstSQL pages a (network_id, created_at, id) index backwards.
func newestFirstSQL(table, columns, networkID string, limit int, after *paging.Cursor) (string, []any, error) {
	query := `SELECT ` + columns + ` FROM ` + table + ` WHERE network_id = ?`
	args := []any{networkID}
	if after != nil {
		at, err := cursorMillis(after)
		if err != nil {
			return "", nil, err
		}
		query += ` AND (created_at, id) < (?, ?)`
		args = append(args, at, after.ID)
	}
	return query + ` ORDER BY created_at DESC, id DESC LIMIT ?`, append(args, limit+1), nil
}

func (s *sqliteStore) ListInvitations(ctx context.Context, networkID string, limit int, after *paging.Cursor) ([]Invitation, error) {
	query, args, err := newestFirstSQL("invitations", invitationColumns, networkID, limit, after)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanInvitation)
}

// ---- audit

const auditColumns = `id, network_id, actor_id, actor_name, action, target_id, target_name, detail, created_at`

func scanAudit(r scanner) (AuditEntry, error) {
	var e AuditEntry
	var created int64
	err := r.Scan(&e.ID, &e.NetworkID, &e.ActorID, &e.ActorName, &e.Action, &e.TargetID, &e.TargetName, &e.Detail, &created)
	e.CreatedAt = sqlitedb.Time(created)
	return e, err
}

func (s *sqliteStore) AddAudit(ctx context.Context, e AuditEntry) error {
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO network_audit (`+auditColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.NetworkID, e.ActorID, e.ActorName, e.Action, e.TargetID, e.TargetName, e.Detail, sqlitedb.Millis(e.CreatedAt))
	if err != nil {
		return fmt.Errorf("insert audit entry: %w", err)
	}
	return nil
}

func (s *sqliteStore) ListAudit(ctx context.Context, networkID string, limit int, after *paging.Cursor) ([]AuditEntry, error) {
	query, args, err := newestFirstSQL("network_audit", auditColumns, networkID, limit, after)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanAudit)
}

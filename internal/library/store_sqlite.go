package library

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLiteSchema is this feature's tables.
var SQLiteSchema = sqlitedb.SchemaFrom("library", migrations, "migrations")

type sqliteStore struct{ db *sqlitedb.DB }

var _ store = (*sqliteStore)(nil)

// NewSQLiteStore returns the store on the embedded database.
func NewSQLiteStore(db *sqlitedb.DB) *sqliteStore { return &sqliteStore{db: db} }

type scanner interface{ Scan(...any) error }

func (s *sqliteStore) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func collect[T any](rows *sql.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
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

func inArgs(ids []string) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return "(?" + strings.Repeat(",?", len(ids)-1) + ")", args
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// ---- resources

const resourceColumns = `r.id, r.network_id, r.title, r.sort_title, r.description, r.description_html, r.excerpt, r.kind,
	r.topics, r.org_id, r.org_name, r.county_number, r.year, r.licence, r.link, r.file_version, r.file_name, r.file_format,
	r.file_size, r.file_sha256, r.file_uploaded_at, r.version_count, r.downloads, r.uploader_id, r.uploader_name,
	r.created_at, r.updated_at`

func scanResource(sc scanner) (Resource, error) {
	var r Resource
	var kind, topics, format string
	var fileVersion int
	var f File
	var uploaded, created, updated int64
	err := sc.Scan(&r.ID, &r.NetworkID, &r.Title, &r.sortTitle, &r.Description, &r.DescriptionHTML, &r.Excerpt, &kind,
		&topics, &r.OrgID, &r.OrgName, &r.CountyNumber, &r.Year, &r.Licence, &r.Link, &fileVersion, &f.FileName, &format,
		&f.Size, &f.SHA256, &uploaded, &r.VersionCount, &r.Downloads, &r.UploaderID, &r.UploaderName, &created, &updated)
	if err != nil {
		return Resource{}, err
	}
	r.Kind, r.CreatedAt, r.UpdatedAt = Kind(kind), sqlitedb.Time(created), sqlitedb.Time(updated)
	if err := json.Unmarshal([]byte(topics), &r.Topics); err != nil {
		return Resource{}, err
	}
	if fileVersion > 0 {
		f.Version, f.Format, f.MediaType, f.UploadedAt = fileVersion, Format(format), Format(format).MediaType(), sqlitedb.Time(uploaded)
		r.File = &f
	}
	return r, nil
}

func errResourceNotFound() error {
	return apperr.NotFound("library.resource_not_found", "no such resource")
}

// writeFacets replaces a resource's list keys.
func writeFacets(ctx context.Context, tx *sql.Tx, r Resource) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM library_facets WHERE resource_id = ?`, r.ID); err != nil {
		return err
	}
	for _, f := range facets(r) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO library_facets (resource_id, facet, network_id, created_at, downloads, sort_title)
			VALUES (?, ?, ?, ?, ?, ?)`, r.ID, f, r.NetworkID, sqlitedb.Millis(r.CreatedAt), r.Downloads, r.sortTitle); err != nil {
			return err
		}
	}
	return nil
}

func insertVersion(ctx context.Context, tx *sql.Tx, v Version) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO library_versions (id, resource_id, network_id, number, file_name, format, size,
		sha256, uploader_id, uploader_name, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.ID, v.ResourceID, v.NetworkID, v.Version, v.FileName, string(v.Format), v.Size, v.SHA256, v.UploaderID,
		v.UploaderName, v.Note, sqlitedb.Millis(v.UploadedAt))
	return err
}

func setFile(ctx context.Context, tx *sql.Tx, v Version) error {
	_, err := tx.ExecContext(ctx, `UPDATE library_resources SET file_version = ?, file_name = ?, file_format = ?, file_size = ?,
		file_sha256 = ?, file_uploaded_at = ?, updated_at = ? WHERE id = ? AND file_version < ?`,
		v.Version, v.FileName, string(v.Format), v.Size, v.SHA256, sqlitedb.Millis(v.UploadedAt), sqlitedb.Millis(v.UploadedAt),
		v.ResourceID, v.Version)
	return err
}

func (s *sqliteStore) CreateResource(ctx context.Context, r Resource, v *Version) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO library_resources (id, network_id, title, sort_title, description,
			description_html, excerpt, kind, topics, org_id, org_name, county_number, year, licence, link, uploader_id,
			uploader_name, created_at, updated_at, version_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, r.NetworkID, r.Title, r.sortTitle, r.Description, r.DescriptionHTML, r.Excerpt, string(r.Kind), jsonOf(r.Topics),
			r.OrgID, r.OrgName, r.CountyNumber, r.Year, r.Licence, r.Link, r.UploaderID, r.UploaderName,
			sqlitedb.Millis(r.CreatedAt), sqlitedb.Millis(r.UpdatedAt), b2i(v != nil)); err != nil {
			return err
		}
		if v != nil {
			if err := insertVersion(ctx, tx, *v); err != nil {
				return err
			}
			if err := setFile(ctx, tx, *v); err != nil {
				return err
			}
		}
		return writeFacets(ctx, tx, r)
	})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *sqliteStore) Resource(ctx context.Context, id string) (Resource, error) {
	r, err := scanResource(s.db.Read.QueryRowContext(ctx, `SELECT `+resourceColumns+` FROM library_resources r WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Resource{}, errResourceNotFound()
	}
	return r, err
}

func (s *sqliteStore) UpdateResource(ctx context.Context, r Resource) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var downloads int
		if err := tx.QueryRowContext(ctx, `UPDATE library_resources SET title = ?, sort_title = ?, description = ?,
			description_html = ?, excerpt = ?, kind = ?, topics = ?, org_id = ?, org_name = ?, county_number = ?, year = ?,
			licence = ?, link = ?, updated_at = ? WHERE id = ? RETURNING downloads`,
			r.Title, r.sortTitle, r.Description, r.DescriptionHTML, r.Excerpt, string(r.Kind), jsonOf(r.Topics), r.OrgID,
			r.OrgName, r.CountyNumber, r.Year, r.Licence, r.Link, sqlitedb.Millis(r.UpdatedAt), r.ID).Scan(&downloads); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errResourceNotFound()
			}
			return err
		}
		r.Downloads = downloads
		return writeFacets(ctx, tx, r)
	})
}

func (s *sqliteStore) DeleteResource(ctx context.Context, id string) ([]string, error) {
	var shas []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT sha256 FROM library_versions WHERE resource_id = ?`, id)
		if shas, err = collect(rows, err, func(sc scanner) (string, error) {
			var sha string
			return sha, sc.Scan(&sha)
		}); err != nil {
			return err
		}
		// Versions and list keys go with the resource (ON DELETE CASCADE).
		res, err := tx.ExecContext(ctx, `DELETE FROM library_resources WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errResourceNotFound()
		}
		return nil
	})
	return shas, err
}

// listResourcesSQL builds a list query from typed input: the first facet is
// read along its index in the sort's order, each further facet is one
// primary-key lookup per row.
func listResourcesSQL(q resourceQuery) (string, []any, error) {
	key, dir, cmp := "f.created_at", "DESC", "<"
	switch q.Sort {
	case SortDownloads:
		key = "f.downloads"
	case SortTitle:
		key, dir, cmp = "f.sort_title", "ASC", ">"
	}
	query := `SELECT ` + resourceColumns + ` FROM library_facets f JOIN library_resources r ON r.id = f.resource_id
		WHERE f.network_id = ? AND f.facet = ?`
	args := []any{q.NetworkID, q.Facets[0]}
	for _, f := range q.Facets[1:] {
		query += ` AND EXISTS (SELECT 1 FROM library_facets x WHERE x.resource_id = f.resource_id AND x.facet = ?)`
		args = append(args, f)
	}
	if q.After != nil {
		var k any = q.After.Key
		if q.Sort != SortTitle {
			n, err := strconv.ParseInt(q.After.Key, 10, 64)
			if err != nil {
				return "", nil, errBadCursor()
			}
			k = n
		}
		query += ` AND (` + key + `, f.resource_id) ` + cmp + ` (?, ?)`
		args = append(args, k, q.After.ID)
	}
	query += ` ORDER BY ` + key + ` ` + dir + `, f.resource_id ` + dir + ` LIMIT ?`
	return query, append(args, q.Limit+1), nil
}

func (s *sqliteStore) ListResources(ctx context.Context, q resourceQuery) ([]Resource, error) {
	query, args, err := listResourcesSQL(q)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	return collect(rows, err, scanResource)
}

func (s *sqliteStore) ResourcesByID(ctx context.Context, networkID string, ids []string) ([]Resource, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := inArgs(ids)
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+resourceColumns+` FROM library_resources r
		WHERE r.id IN `+in+` AND r.network_id = ?`, append(args, networkID)...)
	return collect(rows, err, scanResource)
}

func resourcesWithFileSQL(networkID, sha string, limit int) (string, []any) {
	return `SELECT ` + resourceColumns + ` FROM library_resources r WHERE r.id IN (
		SELECT resource_id FROM library_versions WHERE network_id = ? AND sha256 = ? LIMIT 1000)
		ORDER BY r.created_at DESC LIMIT ?`, []any{networkID, sha, limit}
}

func (s *sqliteStore) ResourcesWithFile(ctx context.Context, networkID, sha string, limit int) ([]Resource, error) {
	q, args := resourcesWithFileSQL(networkID, sha, limit)
	rows, err := s.db.Read.QueryContext(ctx, q, args...)
	return collect(rows, err, scanResource)
}

func (s *sqliteStore) CountDownload(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE library_resources SET downloads = downloads + 1 WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errResourceNotFound()
		}
		_, err = tx.ExecContext(ctx, `UPDATE library_facets SET downloads = downloads + 1 WHERE resource_id = ?`, id)
		return err
	})
}

// ---- versions

const versionColumns = `id, resource_id, network_id, number, file_name, format, size, sha256, uploader_id, uploader_name, note, created_at`

func scanVersion(sc scanner) (Version, error) {
	var v Version
	var format string
	var created int64
	err := sc.Scan(&v.ID, &v.ResourceID, &v.NetworkID, &v.Version, &v.FileName, &format, &v.Size, &v.SHA256,
		&v.UploaderID, &v.UploaderName, &v.Note, &created)
	v.Format, v.MediaType, v.UploadedAt = Format(format), Format(format).MediaType(), sqlitedb.Time(created)
	return v, err
}

func (s *sqliteStore) AddVersion(ctx context.Context, v Version) (Version, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `UPDATE library_resources SET version_count = version_count + 1 WHERE id = ?
			RETURNING version_count`, v.ResourceID).Scan(&v.Version)
		if errors.Is(err, sql.ErrNoRows) {
			return errResourceNotFound()
		}
		if err != nil {
			return err
		}
		if err := insertVersion(ctx, tx, v); err != nil {
			return err
		}
		return setFile(ctx, tx, v)
	})
	return v, err
}

func (s *sqliteStore) Versions(ctx context.Context, resourceID string) ([]Version, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+versionColumns+` FROM library_versions
		WHERE resource_id = ? ORDER BY number DESC LIMIT 1000`, resourceID)
	return collect(rows, err, scanVersion)
}

func errVersionNotFound() error {
	return apperr.NotFound("library.version_not_found", "no such version")
}

func (s *sqliteStore) Version(ctx context.Context, resourceID string, number int) (Version, error) {
	v, err := scanVersion(s.db.Read.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM library_versions
		WHERE resource_id = ? AND number = ?`, resourceID, number))
	if errors.Is(err, sql.ErrNoRows) {
		return Version{}, errVersionNotFound()
	}
	return v, err
}

func (s *sqliteStore) BlobInUse(ctx context.Context, sha string) (bool, error) {
	var one int
	err := s.db.Read.QueryRowContext(ctx, `SELECT 1 FROM library_versions WHERE sha256 = ? LIMIT 1`, sha).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func (s *sqliteStore) MarkUnused(ctx context.Context, shas []string, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, sha := range shas {
			if _, err := tx.ExecContext(ctx, `INSERT INTO library_unused_blobs (sha256, since) VALUES (?, ?)
				ON CONFLICT (sha256) DO UPDATE SET since = excluded.since`, sha, sqlitedb.Millis(at)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *sqliteStore) Unused(ctx context.Context, before time.Time, limit int) ([]string, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT sha256 FROM library_unused_blobs WHERE since < ? ORDER BY since LIMIT ?`,
		sqlitedb.Millis(before), limit)
	return collect(rows, err, func(sc scanner) (string, error) {
		var sha string
		return sha, sc.Scan(&sha)
	})
}

func (s *sqliteStore) ForgetUnused(ctx context.Context, sha string) error {
	_, err := s.db.Write.ExecContext(ctx, `DELETE FROM library_unused_blobs WHERE sha256 = ?`, sha)
	return err
}

// ---- collections

const collectionColumns = `id, network_id, name, sort_name, description, resource_ids, revision, created_by, created_at, updated_at`

func scanCollection(sc scanner) (Collection, error) {
	var c Collection
	var ids string
	var created, updated int64
	if err := sc.Scan(&c.ID, &c.NetworkID, &c.Name, &c.sortName, &c.Description, &ids, &c.Revision, &c.CreatedBy,
		&created, &updated); err != nil {
		return Collection{}, err
	}
	c.CreatedAt, c.UpdatedAt = sqlitedb.Time(created), sqlitedb.Time(updated)
	return c, json.Unmarshal([]byte(ids), &c.ResourceIDs)
}

func errCollectionNotFound() error {
	return apperr.NotFound("library.collection_not_found", "no such collection")
}

func (s *sqliteStore) CreateCollection(ctx context.Context, c Collection) error {
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO library_collections (`+collectionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.NetworkID, c.Name, c.sortName, c.Description, jsonOf(c.ResourceIDs), c.Revision, c.CreatedBy,
		sqlitedb.Millis(c.CreatedAt), sqlitedb.Millis(c.UpdatedAt))
	return err
}

func (s *sqliteStore) Collection(ctx context.Context, id string) (Collection, error) {
	c, err := scanCollection(s.db.Read.QueryRowContext(ctx, `SELECT `+collectionColumns+` FROM library_collections WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Collection{}, errCollectionNotFound()
	}
	return c, err
}

func collectionsSQL(networkID string) (string, []any) {
	return `SELECT ` + collectionColumns + ` FROM library_collections WHERE network_id = ? ORDER BY sort_name, id LIMIT ?`,
		[]any{networkID, maxCollections}
}

func (s *sqliteStore) Collections(ctx context.Context, networkID string) ([]Collection, error) {
	q, args := collectionsSQL(networkID)
	rows, err := s.db.Read.QueryContext(ctx, q, args...)
	return collect(rows, err, scanCollection)
}

func (s *sqliteStore) UpdateCollection(ctx context.Context, c Collection) (bool, error) {
	res, err := s.db.Write.ExecContext(ctx, `UPDATE library_collections SET name = ?, sort_name = ?, description = ?,
		resource_ids = ?, revision = ?, updated_at = ? WHERE id = ? AND revision = ?`,
		c.Name, c.sortName, c.Description, jsonOf(c.ResourceIDs), c.Revision, sqlitedb.Millis(c.UpdatedAt), c.ID, c.Revision-1)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s *sqliteStore) DeleteCollection(ctx context.Context, id string) error {
	res, err := s.db.Write.ExecContext(ctx, `DELETE FROM library_collections WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errCollectionNotFound()
	}
	return nil
}

func (s *sqliteStore) RemoveFromCollections(ctx context.Context, networkID, resourceID string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		q, args := collectionsSQL(networkID)
		rows, err := tx.QueryContext(ctx, q, args...)
		cs, err := collect(rows, err, scanCollection)
		if err != nil {
			return err
		}
		for _, c := range cs {
			kept := make([]string, 0, len(c.ResourceIDs))
			for _, id := range c.ResourceIDs {
				if id != resourceID {
					kept = append(kept, id)
				}
			}
			if len(kept) == len(c.ResourceIDs) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE library_collections SET resource_ids = ?, revision = revision + 1 WHERE id = ?`,
				jsonOf(kept), c.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// ---- search support

func allResourcesSQL(afterID string, limit int) (string, []any) {
	return `SELECT ` + resourceColumns + ` FROM library_resources r WHERE r.id > ? ORDER BY r.id LIMIT ?`, []any{afterID, limit}
}

func (s *sqliteStore) AllResources(ctx context.Context, afterID string, limit int) ([]Resource, error) {
	q, args := allResourcesSQL(afterID, limit)
	rows, err := s.db.Read.QueryContext(ctx, q, args...)
	return collect(rows, err, scanResource)
}

func (s *sqliteStore) FileText(ctx context.Context, sha string) (string, bool, error) {
	var text string
	err := s.db.Read.QueryRowContext(ctx, `SELECT text FROM library_texts WHERE sha256 = ?`, sha).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return text, err == nil, err
}

func (s *sqliteStore) SaveFileText(ctx context.Context, sha, text string) error {
	_, err := s.db.Write.ExecContext(ctx, `INSERT INTO library_texts (sha256, text, extracted_at) VALUES (?, ?, ?)
		ON CONFLICT (sha256) DO UPDATE SET text = excluded.text, extracted_at = excluded.extracted_at`,
		sha, text, sqlitedb.Millis(time.Now()))
	return err
}

func (s *sqliteStore) ForgetFileText(ctx context.Context, sha string) error {
	_, err := s.db.Write.ExecContext(ctx, `DELETE FROM library_texts WHERE sha256 = ?`, sha)
	return err
}

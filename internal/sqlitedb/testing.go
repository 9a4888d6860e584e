package sqlitedb

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestDB opens a fresh database in the test's temporary directory, applies the
// given schemas and closes it when the test ends.
func TestDB(tb testing.TB, schemas ...Schema) *DB {
	tb.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(tb.TempDir(), FileName))
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx, schemas...); err != nil {
		tb.Fatalf("migrate test database: %v", err)
	}
	return db
}

// QueryPlan returns SQLite's EXPLAIN QUERY PLAN for query, one step per line, so a
// test can check that a list query is served by an index.
func QueryPlan(ctx context.Context, db *DB, query string, args ...any) (string, error) {
	rows, err := db.Read.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			return "", err
		}
		steps = append(steps, detail)
	}
	return strings.Join(steps, "\n"), rows.Err()
}

// AssertUsesIndex fails the test when the plan of query scans a table instead of
// searching it through an index. A "SCAN t USING INDEX" or "USING COVERING INDEX"
// walk of an index in order is fine: it is how an ordered, limited page is read.
// With sortedByIndex, the rows must also come out of the index in order (no
// temporary b-tree): the shape every paginated list must have, so that reading a
// page costs the same on page one and page one thousand. A search that finds a
// small set through an index and then sorts it passes sortedByIndex=false.
func AssertUsesIndex(tb testing.TB, db *DB, sortedByIndex bool, query string, args ...any) string {
	tb.Helper()
	plan, err := QueryPlan(context.Background(), db, query, args...)
	if err != nil {
		tb.Fatalf("explain %q: %v", query, err)
	}
	for _, step := range strings.Split(plan, "\n") {
		if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, "USING INDEX") &&
			!strings.Contains(step, "USING COVERING INDEX") && !strings.Contains(step, "USING INTEGER PRIMARY KEY") {
			tb.Errorf("query scans a table without an index:\n%s\nplan:\n%s", query, plan)
		}
		if sortedByIndex && strings.Contains(step, "USE TEMP B-TREE FOR ORDER BY") {
			tb.Errorf("query sorts in a temporary b-tree instead of reading an index in order:\n%s\nplan:\n%s", query, plan)
		}
	}
	return plan
}

package search

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// An index written by an older layout is started afresh on open, so the
// indexer rebuilds it instead of searching fields that are not there.
func TestOpenBleveStartsAfreshOnAnotherLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "search.bleve")
	e, err := OpenBleve(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := Doc{ID: "thread:1", Type: TypeThread, NetworkID: "n", Title: "Kulturplan", Date: time.Now(), Year: 2026}
	if err := e.Index(context.Background(), []Doc{doc}); err != nil {
		t.Fatal(err)
	}
	if err := e.SetApplied(7); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened as it is: kept.
	e, err = OpenBleve(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := e.Count(); n != 1 {
		t.Fatalf("reopened index holds %d docs", n)
	}
	if err := e.(*bleveEngine).index.SetInternal([]byte(layoutKey), []byte("0")); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened after a layout change: empty and at sequence 0, so stale.
	e, err = OpenBleve(path)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	n, _ := e.Count()
	applied, _ := e.Applied()
	if n != 0 || applied != 0 {
		t.Errorf("an index of another layout kept %d docs at sequence %d", n, applied)
	}
}

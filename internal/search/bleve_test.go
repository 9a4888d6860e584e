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

func TestCorrectProposesVisibleTitleWords(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	e := testEngine(t,
		Doc{ID: "thread:1", Type: TypeThread, NetworkID: "open", Title: "Ventelister i kulturskolen", Date: at},
		Doc{ID: "thread:2", Type: TypeThread, NetworkID: "open", Title: "Kulturskolen og ventelister", Date: at},
		Doc{ID: "thread:3", Type: TypeThread, NetworkID: "closed", Title: "Hemmeligstempel for budsjettet", Date: at},
	)
	ctx := context.Background()
	outsider := Access{UserID: "ola", Content: []string{"open"}, Listed: []string{"open"}}
	insider := Access{UserID: "kari", Content: []string{"open", "closed"}, Listed: []string{"open", "closed"}}
	for _, c := range []struct {
		query  string
		access Access
		want   string
	}{
		{"vantelistr", outsider, "ventelister"},                                   // two edits
		{"\"ventlister\" kulturskolen", outsider, "\"ventelister\" kulturskolen"}, // quotes kept, known word kept
		{"ventelister", outsider, ""},                                             // known: nothing to propose
		{"hemeligstempel", outsider, ""},                                          // only in a closed network's titles
		{"hemeligstempel", insider, "hemmeligstempel"},
		{"kor", outsider, ""}, // too short to correct
	} {
		got, err := e.Correct(ctx, c.query, c.access)
		if err != nil || got != c.want {
			t.Errorf("Correct(%q) = %q, %v; want %q", c.query, got, err, c.want)
		}
	}
}

package search

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestSplitCompound(t *testing.T) {
	for _, c := range []struct {
		word string
		want []string
	}{
		{"kulturskoletilbud", []string{"kulturskole", "kultur", "skole", "tilbud"}},
		{"kulturskoletilbudet", []string{"kulturskole", "kultur", "skole", "tilbud"}},
		{"bibliotekplan", []string{"bibliotek", "plan"}},
		{"søknadsfrist", []string{"søknad", "frist"}},               // linking s
		{"integreringsarbeidet", []string{"integrering", "arbeid"}}, // linking s and an ending
		{"kulturskule", []string{"kultur", "skule"}},                // a part that is a compound of parts
		{"kulturskolen", []string{"kulturskole", "kultur", "skole"}},
		{"kulturskoler", []string{"kulturskole", "kultur", "skole"}},
		{"kultur", nil},          // too short to be a compound
		{"kulturxyztilbud", nil}, // must be covered completely
		{"", nil},
	} {
		got := splitCompound(c.word)
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("splitCompound(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}

func TestAnalyzer(t *testing.T) {
	e, err := NewMemoryBleve()
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	b := e.(*bleveEngine)
	same := func(a, b string, want bool) {
		t.Helper()
		x, y := strings.Join(e.(*bleveEngine).analyzed(a), " "), strings.Join(e.(*bleveEngine).analyzed(b), " ")
		if (x == y) != want {
			t.Errorf("%q → %q, %q → %q: same = %v, want %v", a, x, b, y, x == y, want)
		}
	}
	same("kulturskolen", "kulturskoler", true) // inflections
	same("kulturskole", "kulturskule", true)   // Bokmål and Nynorsk
	same("Aasen", "Åsen", true)                // aa typed for å
	same("bøker", "boker", false)              // æ, ø and å stay themselves
	same("Kulturskolen", "kulturskolen", true) // case
	if got := b.analyzed("og i på"); len(got) != 0 {
		t.Errorf("stop words kept: %v", got)
	}
}

func TestParseText(t *testing.T) {
	for _, c := range []struct {
		in      string
		phrases []string
		words   []string
		typing  bool
	}{
		{`ventelister kulturskole`, nil, []string{"ventelister", "kulturskole"}, true},
		{`"kulturhuset i Bergen" leie`, []string{"kulturhuset i Bergen"}, []string{"leie"}, true},
		{`"lukket frase"`, []string{"lukket frase"}, nil, false},
		{`halv "frase`, nil, []string{"halv", "frase"}, true},
		{`a:b (c) -d *e f*`, nil, []string{"a", "b", "c", "d", "e", "f"}, true},
		{`   `, nil, nil, false},
	} {
		p := parseText(c.in)
		if strings.Join(p.phrases, "|") != strings.Join(c.phrases, "|") || strings.Join(p.words, "|") != strings.Join(c.words, "|") || p.typing != c.typing {
			t.Errorf("parseText(%q) = %+v", c.in, p)
		}
	}
}

func testEngine(t testing.TB, docs ...Doc) Engine {
	t.Helper()
	e, err := NewMemoryBleve()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	if err := e.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestAccessFilterAndFacets(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	e := testEngine(t,
		Doc{ID: "thread:open", Type: TypeThread, NetworkID: "open", Title: "Kulturplan i åpent nettverk", Date: at, Year: 2026},
		Doc{ID: "thread:closed", Type: TypeThread, NetworkID: "closed", Title: "Kulturplan i lukket nettverk", Date: at, Year: 2025},
		Doc{ID: "network:open", Type: TypeNetwork, NetworkID: "open", Title: "Åpent kulturplannettverk", Date: at},
		Doc{ID: "network:closed", Type: TypeNetwork, NetworkID: "closed", Title: "Lukket kulturplannettverk", Date: at},
		Doc{ID: "person:kari", Type: TypePerson, NetworkIDs: []string{"closed"}, Title: "Kari Kulturplan", Date: at},
	)
	ctx := context.Background()
	outsider := Access{UserID: "ola", Content: []string{"open"}, Listed: []string{"open"}}
	res, err := e.Search(ctx, Query{Text: "kulturplan", Limit: 10, Access: outsider})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, h := range res.Hits {
		ids[h.ID] = true
		if strings.Contains(h.Snippet, "lukket") || strings.Contains(h.Title, "Lukket") {
			t.Errorf("a closed network leaked: %+v", h)
		}
	}
	if !ids["thread:open"] || !ids["network:open"] || len(ids) != 2 || res.Total != 2 {
		t.Errorf("outsider sees %v (total %d)", ids, res.Total)
	}
	for _, f := range res.Facets["networkId"] {
		if f.Value == "closed" {
			t.Errorf("a closed network is counted: %+v", res.Facets)
		}
	}
	member := Access{UserID: "kari", Content: []string{"open", "closed"}, Listed: []string{"open", "closed"}, Mine: []string{"closed"}}
	res, _ = e.Search(ctx, Query{Text: "kulturplan", Limit: 10, Access: member})
	if res.Total != 5 {
		t.Errorf("member sees %d of 5", res.Total)
	}
	res, _ = e.Search(ctx, Query{Text: "kulturplan", Limit: 10, Types: []string{TypeThread}, Years: []int{2025}, Access: member})
	if res.Total != 1 || res.Hits[0].ID != "thread:closed" {
		t.Errorf("filters: %+v", res.Hits)
	}
	// A filter in use is counted without itself, so its other values stay on
	// offer; the other filters count within it.
	counts := func(fs []Facet) map[string]int {
		out := map[string]int{}
		for _, f := range fs {
			out[f.Value] = f.Count
		}
		return out
	}
	if got := counts(res.Facets["year"]); got["2025"] != 1 || got["2026"] != 1 || len(got) != 2 {
		t.Errorf("year counts with a year chosen: %v", got)
	}
	if got := counts(res.Facets["type"]); got[TypeThread] != 1 || len(got) != 1 {
		t.Errorf("type counts with a type and a year chosen: %v", got)
	}
	if got := counts(res.Facets["networkId"]); got["closed"] != 1 || len(got) != 1 {
		t.Errorf("network counts within the filters: %v", got)
	}
	res, _ = e.Search(ctx, Query{Text: "kulturplan", Limit: 10, Years: []int{2025, 2026}, Access: member})
	if res.Total != 2 {
		t.Errorf("two years chosen: %d hits", res.Total)
	}
	res, _ = e.Search(ctx, Query{Text: "kulturplan", Limit: 10, Networks: []string{"open", "closed"}, Types: []string{TypeNetwork}, Access: member})
	if res.Total != 2 {
		t.Errorf("two networks chosen: %d hits", res.Total)
	}
	res, _ = e.Search(ctx, Query{Text: "kulturplan", Limit: 10, Access: Access{Admin: true}})
	if res.Total != 5 {
		t.Errorf("admin sees %d of 5", res.Total)
	}
	sug, err := e.Suggest(ctx, "lukk", outsider, 8)
	if err != nil || len(sug) != 0 {
		t.Errorf("suggestions leak: %+v %v", sug, err)
	}
	sug, _ = e.Suggest(ctx, "lukk", member, 8)
	if len(sug) == 0 {
		t.Error("no suggestions for the member")
	}
}

func TestSearchPagingAndSnippets(t *testing.T) {
	var docs []Doc
	for i := 0; i < 25; i++ {
		docs = append(docs, Doc{ID: "post:" + string(rune('a'+i)), Type: TypePost, NetworkID: "n", Title: "Tråd",
			Text: "Vi har lang venteliste i kulturskolen <script>x</script> og trenger råd.", Date: time.Date(2026, 1, i+1, 0, 0, 0, 0, time.UTC)})
	}
	e := testEngine(t, docs...)
	seen := map[string]bool{}
	var after []string
	for page := 0; page < 10; page++ {
		res, err := e.Search(context.Background(), Query{Text: "ventelister", Sort: "date", Limit: 10, After: after, Access: Access{Admin: true}})
		if err != nil {
			t.Fatal(err)
		}
		hits := res.Hits
		if len(hits) > 10 {
			hits = hits[:10]
		}
		for _, h := range hits {
			if seen[h.ID] {
				t.Fatalf("%s twice", h.ID)
			}
			seen[h.ID] = true
			if !strings.Contains(h.Snippet, "<mark>venteliste</mark>") || strings.Contains(h.Snippet, "<script>") {
				t.Errorf("snippet %q", h.Snippet)
			}
		}
		if len(res.Hits) <= 10 {
			break
		}
		after = hits[9].Sort
	}
	if len(seen) != 25 {
		t.Errorf("paged through %d of 25", len(seen))
	}
}

// FuzzQueryText feeds any text to the query builder: no panic, no error.
func FuzzQueryText(f *testing.F) {
	for _, s := range []string{`"`, `""`, `"a" "b`, `*:()-`, `ÆØÅ aa`, strings.Repeat("kulturskole ", 40), "\x00\xff", `title:x AND y`} {
		f.Add(s)
	}
	e := testEngine(f, Doc{ID: "thread:1", Type: TypeThread, NetworkID: "n", Title: "Kulturskole", Text: "venteliste", Date: time.Now()})
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 2000 {
			return
		}
		if _, err := e.Search(context.Background(), Query{Text: q, Limit: 5, Access: Access{Admin: true}}); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if _, err := e.Suggest(context.Background(), q, Access{Admin: true}, 5); err != nil {
			t.Fatalf("suggest %q: %v", q, err)
		}
	})
}

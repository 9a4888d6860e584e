package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
)

// bleveEngine is the embedded index.
type bleveEngine struct {
	index bleve.Index
}

var _ Engine = (*bleveEngine)(nil)

func newMapping() (mapping.IndexMapping, error) {
	m := bleve.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	keywordField := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store, f.IncludeInAll, f.DocValues = true, false, true
		return f
	}
	textField := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Store, f.IncludeTermVectors, f.IncludeInAll = analyzer, store, store, false
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index, f.Store, f.IncludeInAll = false, true, false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	for _, k := range []string{"type", "networkId", "networkIds", "county", "orgId", "kind", "topics", "yearKey"} {
		doc.AddFieldMappingsAt(k, keywordField())
	}
	doc.AddFieldMappingsAt("title", textField(analyzerName, true))
	doc.AddFieldMappingsAt("titlePlain", textField(plainAnalyzer, false))
	doc.AddFieldMappingsAt("text", textField(analyzerName, true))
	year := bleve.NewNumericFieldMapping()
	year.IncludeInAll = false
	doc.AddFieldMappingsAt("year", year)
	date := bleve.NewDateTimeFieldMapping()
	date.IncludeInAll = false
	doc.AddFieldMappingsAt("date", date)
	for _, k := range []string{"networkSlug", "networkName", "orgName", "link"} {
		doc.AddFieldMappingsAt(k, storedOnly())
	}
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerName
	m.DefaultType = "doc"
	return m, nil
}

// OpenBleve opens (or creates) the index at path.
func OpenBleve(path string) (Engine, error) {
	registerAnalysis() // an existing index refers to our filters by name
	idx, err := bleve.Open(path)
	if err == nil {
		// An index laid out by another version is started afresh; the indexer
		// then rebuilds it from the store.
		if v, verr := idx.GetInternal([]byte(layoutKey)); verr != nil || string(v) != layoutVersion {
			if cerr := idx.Close(); cerr != nil {
				return nil, cerr
			}
			if err := os.RemoveAll(path); err != nil {
				return nil, err
			}
			err = bleve.ErrorIndexPathDoesNotExist
		}
	}
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		m, merr := newMapping()
		if merr != nil {
			return nil, merr
		}
		if idx, err = bleve.New(path, m); err == nil {
			err = idx.SetInternal([]byte(layoutKey), []byte(layoutVersion))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open search index %s: %w", path, err)
	}
	return &bleveEngine{index: idx}, nil
}

// layoutVersion changes whenever the mapping or what is indexed changes.
const (
	layoutKey     = "samspill:layout"
	layoutVersion = "2"
)

// NewMemoryBleve is an index in memory (tests, the relevance set).
func NewMemoryBleve() (Engine, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	// scorch, as on disk, so tests search the index kind production uses.
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	return &bleveEngine{index: idx}, nil
}

// RemoveBleve deletes an index directory (samspillctl reindex starts afresh).
func RemoveBleve(path string) error { return os.RemoveAll(path) }

// stored is a Doc as the index stores it (titlePlain is indexed only).
type stored struct {
	Doc
	TitlePlain string `json:"titlePlain"`
	// YearKey is the year as a word, to filter and count by.
	YearKey string `json:"yearKey,omitempty"`
}

func (e *bleveEngine) Index(_ context.Context, docs []Doc) error {
	b := e.index.NewBatch()
	for _, d := range docs {
		st := stored{Doc: d, TitlePlain: d.Title}
		if d.Year > 0 {
			st.YearKey = strconv.Itoa(d.Year)
		}
		if err := b.Index(d.ID, st); err != nil {
			return err
		}
	}
	return e.index.Batch(b)
}

func (e *bleveEngine) Delete(_ context.Context, ids []string) error {
	b := e.index.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	return e.index.Batch(b)
}

const appliedKey = "samspill:applied"

func (e *bleveEngine) Applied() (int64, error) {
	v, err := e.index.GetInternal([]byte(appliedKey))
	if err != nil || len(v) == 0 {
		return 0, err
	}
	return strconv.ParseInt(string(v), 10, 64)
}

func (e *bleveEngine) SetApplied(seq int64) error {
	return e.index.SetInternal([]byte(appliedKey), []byte(strconv.FormatInt(seq, 10)))
}

func (e *bleveEngine) Count() (uint64, error) { return e.index.DocCount() }
func (e *bleveEngine) Close() error           { return e.index.Close() }

func terms(field string, values []string) query.Query {
	qs := make([]query.Query, 0, len(values))
	for _, v := range values {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		qs = append(qs, t)
	}
	if len(qs) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func term(field, value string) query.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	return t
}

func typeIs(types ...string) query.Query { return terms("type", types) }

// accessFilter is what the searcher may see, as a query: content of readable
// networks, entries of visible networks, people sharing a network.
func accessFilter(a Access) query.Query {
	if a.Admin {
		return bleve.NewMatchAllQuery()
	}
	content := bleve.NewConjunctionQuery(typeIs(TypeThread, TypePost, TypeResource), terms("networkId", a.Content))
	networks := bleve.NewConjunctionQuery(typeIs(TypeNetwork), terms("networkId", a.Listed))
	people := bleve.NewConjunctionQuery(typeIs(TypePerson), bleve.NewDisjunctionQuery(terms("networkIds", a.Mine), bleve.NewDocIDQuery([]string{"person:" + a.UserID})))
	return bleve.NewDisjunctionQuery(content, networks, people)
}

// parsed is a query's text split into quoted phrases and single words.
type parsed struct {
	phrases []string
	words   []string
	// typing: the text does not end in a space, so the last word may be unfinished.
	typing bool
}

func parseText(s string) parsed {
	var p parsed
	s = strings.TrimSpace(s)
	p.typing = s != "" && !strings.HasSuffix(s, `"`)
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '"')
		if j < 0 { // an unmatched quote is just a character
			s = s[:i] + " " + s[i+1:]
			break
		}
		if phrase := strings.TrimSpace(s[i+1 : i+1+j]); phrase != "" {
			p.phrases = append(p.phrases, phrase)
		}
		s = s[:i] + " " + s[i+1+j+1:]
	}
	p.words = strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return p
}

// analyzed returns the index terms a word becomes ("" words are stop words).
func (e *bleveEngine) analyzed(word string) []string {
	a := e.index.Mapping().AnalyzerNamed(analyzerName)
	var out []string
	for _, t := range a.Analyze([]byte(word)) {
		out = append(out, string(t.Term))
	}
	return out
}

// textQuery is the query for what was typed: every word must match, in the
// title (weighed double) or the text, as itself (stemmed, either spelling) or,
// for a compound, through all of its parts, or one letter off for longer words,
// or as the start of a title word while it is being typed; every quoted phrase
// must appear.
func (e *bleveEngine) textQuery(text string) (query.Query, bool) {
	p := parseText(text)
	match := func(w, field string, boost float64, fuzzy bool) query.Query {
		m := bleve.NewMatchQuery(w)
		m.SetField(field)
		m.Analyzer = queryAnalyzer
		m.SetBoost(boost)
		if fuzzy {
			m.SetFuzziness(1)
		}
		return m
	}
	either := func(w string, boost float64, fuzzy bool) query.Query {
		return bleve.NewDisjunctionQuery(match(w, "title", 2*boost, fuzzy), match(w, "text", boost, fuzzy))
	}
	var must []query.Query
	for i, w := range p.words {
		if len(e.analyzed(w)) == 0 {
			continue // a stop word
		}
		any := []query.Query{either(w, 1, false)}
		if parts := compoundParts(w); parts != nil {
			all := make([]query.Query, len(parts))
			for j, part := range parts {
				all[j] = either(part, 0.5, false)
			}
			any = append(any, bleve.NewConjunctionQuery(all...))
		}
		if len([]rune(w)) >= 5 {
			any = append(any, either(w, 0.3, true))
		}
		if p.typing && i == len(p.words)-1 {
			pre := bleve.NewPrefixQuery(strings.ReplaceAll(strings.ToLower(w), "aa", "å"))
			pre.SetField("titlePlain")
			pre.SetBoost(0.5)
			any = append(any, pre)
		}
		must = append(must, bleve.NewDisjunctionQuery(any...))
	}
	for _, ph := range p.phrases {
		var any []query.Query
		for _, field := range []string{"title", "text"} {
			m := bleve.NewMatchPhraseQuery(ph)
			m.SetField(field)
			any = append(any, m)
		}
		must = append(must, bleve.NewDisjunctionQuery(any...))
	}
	if len(must) == 0 {
		return nil, false
	}
	return bleve.NewConjunctionQuery(must...), true
}

// facetFields are the fields counted per value; "year" is counted on yearKey.
var facetFields = []string{"type", "networkId", "county", "orgId", "kind", "topics", "year"}

// filterValues are the query's filters by the index field they test.
func filterValues(q Query) map[string][]string {
	years := make([]string, len(q.Years))
	for i, y := range q.Years {
		years[i] = strconv.Itoa(y)
	}
	return map[string][]string{"type": q.Types, "networkId": q.Networks, "county": q.Counties,
		"orgId": q.OrgIDs, "kind": q.Kinds, "topics": q.Topics, "year": years}
}

// indexField is where a filter's values are in the index.
func indexField(filter string) string {
	if filter == "year" {
		return "yearKey"
	}
	return filter
}

// filters are the text query, the access filter and every filter given but
// the one named except, which is "" for all of them.
func filters(text query.Query, q Query, except string) []query.Query {
	out := []query.Query{text, accessFilter(q.Access)}
	for field, values := range filterValues(q) {
		if len(values) > 0 && field != except {
			out = append(out, terms(indexField(field), values))
		}
	}
	return out
}

func (e *bleveEngine) Search(ctx context.Context, q Query) (Results, error) {
	text, ok := e.textQuery(q.Text)
	if !ok {
		return Results{Hits: []Hit{}, Facets: map[string][]Facet{}}, nil
	}
	all := filters(text, q, "")
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(all...), q.Limit+1, 0, false)
	req.Fields = []string{"*"}
	order := []string{"-_score", "_id"}
	if q.Sort == "date" {
		order = []string{"-date", "_id"}
	}
	req.SortBy(order)
	if len(q.After) == len(order) {
		req.SetSearchAfter(q.After)
	}
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.AddField("title")
	req.Highlight.AddField("text")
	// Counts per filter value come with the first page only: they cost a visit
	// to every match, and the web app keeps them while it pages on. A filter
	// in use is counted without itself (one more search each), so its other
	// values stay on offer with the counts ticking them would add.
	counted := map[string]bool{}
	if len(q.After) == 0 {
		active := filterValues(q)
		for _, f := range facetFields {
			if len(active[f]) == 0 {
				req.AddFacet(f, bleve.NewFacetRequest(indexField(f), maxFacetValues))
				counted[f] = true
			}
		}
	}
	res, err := e.index.SearchInContext(ctx, req)
	if err != nil {
		return Results{}, err
	}
	out := Results{Hits: make([]Hit, 0, len(res.Hits)), Total: res.Total, Facets: map[string][]Facet{}}
	for _, h := range res.Hits {
		hit := Hit{Doc: docFromFields(h.ID, h.Fields), Score: h.Score, Sort: h.Sort}
		hit.Snippet = snippet(h.Fragments)
		out.Hits = append(out.Hits, hit)
	}
	for name, fr := range res.Facets {
		out.Facets[name] = facetCounts(fr)
	}
	if len(q.After) > 0 {
		return out, nil
	}
	for _, f := range facetFields {
		if counted[f] {
			continue
		}
		fq := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(filters(text, q, f)...), 0, 0, false)
		fq.AddFacet(f, bleve.NewFacetRequest(indexField(f), maxFacetValues))
		fr, err := e.index.SearchInContext(ctx, fq)
		if err != nil {
			return Results{}, err
		}
		out.Facets[f] = facetCounts(fr.Facets[f])
	}
	return out, nil
}

// maxFacetValues is how many values of a filter are counted, most frequent first.
const maxFacetValues = 20

func facetCounts(fr *search.FacetResult) []Facet {
	fs := []Facet{}
	if fr == nil || fr.Terms == nil {
		return fs
	}
	for _, t := range fr.Terms.Terms() {
		if t.Term != "" { // documents without the field (people have no network)
			fs = append(fs, Facet{Value: t.Term, Count: t.Count})
		}
	}
	return fs
}

// snippet takes the best fragment of the text, or of the title; bleve's html
// highlighter escapes the text and wraps matches in <mark>.
func snippet(fragments map[string][]string) string {
	for _, f := range []string{"text", "title"} {
		if fs := fragments[f]; len(fs) > 0 {
			return fs[0]
		}
	}
	return ""
}

func docFromFields(id string, f map[string]interface{}) Doc {
	str := func(k string) string { s, _ := f[k].(string); return s }
	list := func(k string) []string {
		switch v := f[k].(type) {
		case string:
			return []string{v}
		case []interface{}:
			out := make([]string, 0, len(v))
			for _, x := range v {
				if s, ok := x.(string); ok {
					out = append(out, s)
				}
			}
			return out
		}
		return nil
	}
	d := Doc{ID: id, Type: str("type"), NetworkID: str("networkId"), NetworkIDs: list("networkIds"),
		NetworkSlug: str("networkSlug"), NetworkName: str("networkName"), Title: str("title"), County: str("county"),
		OrgID: str("orgId"), OrgName: str("orgName"), Kind: str("kind"), Topics: list("topics"), Link: str("link")}
	if y, ok := f["year"].(float64); ok {
		d.Year = int(y)
	}
	if s := str("date"); s != "" {
		d.Date, _ = time.Parse(time.RFC3339, s)
	}
	return d
}

func (e *bleveEngine) Suggest(ctx context.Context, prefix string, access Access, limit int) ([]Hit, error) {
	p := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(strings.ToLower(prefix), "aa", "å")))
	words := strings.Fields(p)
	if len(words) == 0 || len([]rune(p)) < 2 {
		return []Hit{}, nil
	}
	var must []query.Query
	for i, w := range words {
		if i == len(words)-1 {
			pq := bleve.NewPrefixQuery(w)
			pq.SetField("titlePlain")
			must = append(must, pq)
			continue
		}
		m := bleve.NewMatchQuery(w)
		m.SetField("titlePlain")
		must = append(must, m)
	}
	must = append(must, accessFilter(access), typeIs(TypeThread, TypeResource, TypeNetwork, TypePerson))
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), limit, 0, false)
	req.Fields = []string{"*"}
	res, err := e.index.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, Hit{Doc: docFromFields(h.ID, h.Fields), Score: h.Score})
	}
	return out, nil
}

package search

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// The Norwegian analysis chain, applied to documents and queries alike:
//
//  1. "aa" becomes "å" (so "Aasen" and "Åsen", "paa" and "på" meet; æ, ø and å
//     otherwise stay themselves);
//  2. words are split on Unicode word boundaries and lower-cased;
//  3. compound words are split into their parts (compounds.txt), keeping the
//     whole word too: "kulturskoletilbud" also gives kultur, skole, tilbud;
//  4. Nynorsk and other variant spellings become one form (variants.txt);
//  5. Norwegian stop words go;
//  6. the Norwegian Snowball stemmer reduces inflections: kulturskolen,
//     kulturskoler and kulturskole all become "kulturskol".
const (
	analyzerName = "samspill_no"
	// plainAnalyzer only lower-cases (and maps aa to å): prefix search while
	// typing matches what people type, not stems.
	plainAnalyzer = "samspill_plain"

	// queryAnalyzer is analyzerName without the compound splitting: a query word
	// matches its own stem; its parts are asked for together (see textQuery).
	queryAnalyzer = "samspill_no_query"

	aaFilter       = "samspill_aa"
	compoundFilter = "samspill_compound"
	variantFilter  = "samspill_variants"
)

//go:embed data/variants.txt
var variantsFile []byte

//go:embed data/compounds.txt
var compoundsFile []byte

// wordList reads a data file: one entry per line, '#' comments.
func wordList(b []byte, fields int) [][]string {
	var out [][]string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		f := strings.Fields(strings.ToLower(line))
		if len(f) == fields {
			out = append(out, f)
		}
	}
	return out
}

var (
	variants  = map[string]string{}
	parts     = map[string]bool{}
	maxPart   int
	loadWords sync.Once
)

func words() {
	loadWords.Do(func() {
		for _, v := range wordList(variantsFile, 2) {
			if v[0] != v[1] {
				variants[v[0]] = v[1]
			}
		}
		for _, p := range wordList(compoundsFile, 1) {
			parts[p[0]] = true
			maxPart = max(maxPart, utf8.RuneCountInString(p[0]))
		}
	})
}

// variantsTokenFilter maps variant spellings to their normal form.
type variantsTokenFilter struct{}

func (variantsTokenFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if to, ok := variants[string(t.Term)]; ok {
			t.Term = []byte(to)
		}
	}
	return input
}

// compoundTokenFilter adds the parts of compound words after the word itself,
// at the same position.
type compoundTokenFilter struct{}

func (compoundTokenFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input))
	for _, t := range input {
		out = append(out, t)
		for _, p := range splitCompound(string(t.Term)) {
			out = append(out, &analysis.Token{Term: []byte(p), Position: t.Position, Start: t.Start, End: t.End, Type: t.Type})
		}
	}
	return out
}

// endings a compound's last part may carry: kulturskoletilbudet is
// kultur + skole + tilbud + et, kulturskolen is kulturskole + n.
var endings = []string{"", "e", "n", "r", "en", "et", "a", "er", "ar", "ne", "ene", "ane", "s", "ens", "ets"}

const minPart = 3

// splitCompound returns the parts of word when the whole word can be covered by
// known parts, joined directly or with a linking s or e, the last part possibly
// inflected. It takes the fewest parts, and adds the parts of parts
// (kulturskoletilbud → kulturskole, tilbud, and kulturskole → kultur, skole), so
// inflected and uninflected compounds give the same parts.
func splitCompound(word string) []string {
	words()
	seen := map[string]bool{word: true}
	var out []string
	var add func(p string, whole bool)
	add = func(p string, whole bool) {
		if !whole {
			if seen[p] {
				return
			}
			seen[p] = true
			out = append(out, p)
		}
		r := []rune(p)
		if len(r) < 2*minPart {
			return
		}
		best := segment(r, 0, whole, map[int][]string{}, map[int]bool{})
		if len(best) == 1 && best[0] == p { // the word is a part: are there smaller ones?
			best = segment(r, 0, false, map[int][]string{}, map[int]bool{})
		}
		if len(best) == 1 && whole && best[0] != p {
			add(best[0], false) // an inflected part: kulturskolen → kulturskole
			return
		}
		if len(best) < 2 {
			return
		}
		for _, q := range best {
			add(q, false)
		}
	}
	add(word, true)
	return out
}

// compoundParts returns the parts a compound word is made of, at the top level
// (kulturskoletilbudet → kulturskole, tilbud), or nil for a simple word.
func compoundParts(word string) []string {
	words()
	r := []rune(strings.ToLower(word))
	if len(r) < 2*minPart {
		return nil
	}
	best := segment(r, 0, true, map[int][]string{}, map[int]bool{})
	if len(best) == 1 {
		if best[0] == string(r) {
			best = segment(r, 0, false, map[int][]string{}, map[int]bool{})
		} else { // an inflected part
			return compoundParts(best[0])
		}
	}
	if len(best) < 2 {
		return nil
	}
	return best
}

// segment finds the shortest list of parts covering r[i:], memoised by i.
// With allowWhole false, r as a single part does not count (to find the parts
// of a word that is itself a part).
func segment(r []rune, i int, allowWhole bool, memo map[int][]string, done map[int]bool) []string {
	if done[i] {
		return memo[i]
	}
	done[i] = true
	var best []string
	for j := i + minPart; j <= len(r) && j-i <= maxPart; j++ {
		p := string(r[i:j])
		if !parts[p] {
			continue
		}
		rest := string(r[j:])
		for _, e := range endings {
			if rest == e && (allowWhole || i > 0) && (best == nil || len(best) > 1) {
				best = []string{p}
			}
		}
		for _, link := range []int{0, 1} {
			k := j + link
			if link == 1 && (j >= len(r) || (r[j] != 's' && r[j] != 'e')) {
				continue
			}
			if k >= len(r) {
				continue
			}
			if tail := segment(r, k, true, memo, done); tail != nil && (best == nil || len(tail)+1 < len(best)) {
				best = append([]string{p}, tail...)
			}
		}
	}
	memo[i] = best
	return best
}

var registerOnce sync.Once

// registerAnalysis adds our filters to bleve's registry once per process (the
// registry is global by bleve's design; an index mapping refers to it by name).
func registerAnalysis() {
	registerOnce.Do(func() {
		words()
		must := func(err error) {
			if err != nil {
				panic(err) // fixed names registered once: cannot collide
			}
		}
		must(registry.RegisterTokenFilter(variantFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return variantsTokenFilter{}, nil
		}))
		must(registry.RegisterTokenFilter(compoundFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return compoundTokenFilter{}, nil
		}))
	})
}

// addAnalyzers puts the Norwegian and the plain analyzers into an index mapping.
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	registerAnalysis()
	if err := m.AddCustomCharFilter(aaFilter, map[string]interface{}{
		"type": regexp.Name, "regexp": `(?i)aa`, "replace": "å",
	}); err != nil {
		return err
	}
	if err := m.AddCustomAnalyzer(analyzerName, map[string]interface{}{
		"type":          custom.Name,
		"char_filters":  []string{aaFilter},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, compoundFilter, variantFilter, no.StopName, no.SnowballStemmerName},
	}); err != nil {
		return err
	}
	if err := m.AddCustomAnalyzer(queryAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"char_filters":  []string{aaFilter},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, variantFilter, no.StopName, no.SnowballStemmerName},
	}); err != nil {
		return err
	}
	return m.AddCustomAnalyzer(plainAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"char_filters":  []string{aaFilter},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, variantFilter},
	})
}

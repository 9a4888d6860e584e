package search

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// Correction limits: words shorter than minCorrected are left alone (too many
// near neighbours), and a word's nearest candidates are tried for visibility
// most frequent first, at most maxCandidates of them.
const (
	minCorrected  = 4
	maxCandidates = 5
)

// Correct proposes the query with each unknown word replaced by the most
// frequent title word within two edits that the searcher can see in a title;
// "" when it has nothing to propose. Only words from titles the searcher may
// read are proposed, so a correction never reveals a closed network's words.
func (e *bleveEngine) Correct(ctx context.Context, text string, access Access) (string, error) {
	adv, err := e.index.Advanced()
	if err != nil {
		return "", err
	}
	reader, err := adv.Reader()
	if err != nil {
		return "", err
	}
	defer reader.Close()

	words := strings.Fields(text)
	changed := false
	for i, raw := range words {
		word := strings.ReplaceAll(strings.ToLower(strings.TrimFunc(raw, notLetter)), "aa", "å")
		if utf8.RuneCountInString(word) < minCorrected || strings.IndexFunc(word, notLetter) >= 0 {
			continue
		}
		candidates, known, err := nearTitleWords(reader, word)
		if err != nil {
			return "", err
		}
		if known {
			continue
		}
		for _, c := range candidates {
			visible, err := e.visibleInTitles(ctx, c, access)
			if err != nil {
				return "", err
			}
			if visible {
				words[i] = strings.Replace(raw, strings.TrimFunc(raw, notLetter), c, 1)
				changed = true
				break
			}
		}
	}
	if !changed {
		return "", nil
	}
	return strings.Join(words, " "), nil
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// nearTitleWords returns title words within two edits of word, most frequent
// first, or known when word is itself a title word.
func nearTitleWords(reader index.IndexReader, word string) (candidates []string, known bool, err error) {
	fuzzy, ok := reader.(index.IndexReaderFuzzy)
	if !ok {
		return nil, false, nil // an index kind without fuzzy dictionaries proposes nothing
	}
	dict, err := fuzzy.FieldDictFuzzy("titlePlain", word, 2, "")
	if err != nil {
		return nil, false, err
	}
	defer dict.Close()
	type entry struct {
		term  string
		count uint64
	}
	var found []entry
	for {
		de, err := dict.Next()
		if err != nil {
			return nil, false, err
		}
		if de == nil {
			break
		}
		if de.Term == word {
			return nil, true, nil
		}
		found = append(found, entry{de.Term, de.Count})
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].count != found[j].count {
			return found[i].count > found[j].count
		}
		return found[i].term < found[j].term
	})
	for i := 0; i < len(found) && i < maxCandidates; i++ {
		candidates = append(candidates, found[i].term)
	}
	return candidates, false, nil
}

// visibleInTitles reports whether a title the searcher may see holds word.
func (e *bleveEngine) visibleInTitles(ctx context.Context, word string, access Access) (bool, error) {
	t := bleve.NewTermQuery(word)
	t.SetField("titlePlain")
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(t, accessFilter(access)), 0, 0, false)
	res, err := e.index.SearchInContext(ctx, req)
	if err != nil {
		return false, err
	}
	return res.Total > 0, nil
}

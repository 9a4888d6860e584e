package search

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

//go:embed testdata/relevance.json
var relevanceFile []byte

type relevanceSet struct {
	Docs []struct {
		ID, Type, Title, Text string
	} `json:"docs"`
	Queries []struct {
		Q        string   `json:"q"`
		Relevant []string `json:"relevant"`
	} `json:"queries"`
}

// RelevanceScores runs the kept query set and returns mean precision@5 and
// recall@10 (make bench prints them too).
func relevanceScores(t testing.TB) (precision5, recall10 float64, report []string) {
	t.Helper()
	var set relevanceSet
	if err := json.Unmarshal(relevanceFile, &set); err != nil {
		t.Fatal(err)
	}
	e, err := NewMemoryBleve()
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	docs := make([]Doc, len(set.Docs))
	for i, d := range set.Docs {
		docs[i] = Doc{ID: d.ID, Type: d.Type, NetworkID: "net", NetworkIDs: []string{"net"}, Title: d.Title, Text: d.Text,
			Date: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC)}
	}
	if err := e.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	for _, q := range set.Queries {
		res, err := e.Search(context.Background(), Query{Text: q.Q, Limit: 10, Access: Access{Admin: true}})
		if err != nil {
			t.Fatalf("%q: %v", q.Q, err)
		}
		relevant := map[string]bool{}
		for _, id := range q.Relevant {
			relevant[id] = true
		}
		var in5, in10 int
		var got []string
		for i, h := range res.Hits {
			if i >= 10 {
				break
			}
			got = append(got, h.ID)
			if relevant[h.ID] {
				in10++
				if i < 5 {
					in5++
				}
			}
		}
		p := float64(in5) / float64(min(5, len(q.Relevant)))
		r := float64(in10) / float64(min(10, len(q.Relevant)))
		precision5 += p
		recall10 += r
		if p < 1 || r < 1 {
			report = append(report, fmt.Sprintf("%-34q P@5 %.2f R@10 %.2f got %v want %v", q.Q, p, r, got, q.Relevant))
		}
	}
	n := float64(len(set.Queries))
	return precision5 / n, recall10 / n, report
}

// The relevance set is held to these scores; raise them as search improves.
const (
	minPrecision5 = 0.95
	minRecall10   = 0.95
)

func TestRelevance(t *testing.T) {
	p, r, report := relevanceScores(t)
	t.Logf("precision@5 %.3f, recall@10 %.3f over the kept query set", p, r)
	for _, line := range report {
		t.Log(line)
	}
	if p < minPrecision5 || r < minRecall10 {
		t.Errorf("relevance fell: precision@5 %.3f (min %.2f), recall@10 %.3f (min %.2f)\n%s", p, minPrecision5, r, minRecall10, strings.Join(report, "\n"))
	}
}

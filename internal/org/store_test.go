package org

import (
	"context"
	"errors"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/storetest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

// forEachStore runs one conformance test against both adapters.
func forEachStore(t *testing.T, test func(t *testing.T, s store)) {
	storetest.Each(t, SQLiteSchema, MongoIndexes,
		func(db *sqlitedb.DB) store { return NewSQLiteStore(db) },
		func(db *mongo.Database) store { return NewMongoStore(db) }, test)
}

func seeded(t *testing.T, s store) *Service {
	t.Helper()
	svc := NewService(s)
	if err := svc.Seed(context.Background()); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return svc
}

func names(orgs []Org) []string {
	out := make([]string, len(orgs))
	for i, o := range orgs {
		out[i] = o.Name
	}
	return out
}

func TestStoreSeedIsIdempotentAndKeepsIDs(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		svc := seeded(t, s)
		before, err := svc.ByKey(ctx, "municipality:5612")
		if err != nil {
			t.Fatal(err)
		}
		if before.Name != "Kautokeino" || before.CountyNumber != "56" || before.OfficialName != "Guovdageaidnu - Kautokeino" {
			t.Fatalf("Kautokeino = %+v", before)
		}
		if err := svc.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		after, err := svc.ByKey(ctx, "municipality:5612")
		if err != nil {
			t.Fatal(err)
		}
		if after.ID != before.ID {
			t.Errorf("id changed on re-seed: %s → %s", before.ID, after.ID)
		}
		got, err := svc.Get(ctx, before.ID)
		if err != nil || got.Name != "Kautokeino" || len(got.OtherNames) != 1 || got.OtherNames[0] != "Guovdageaidnu" {
			t.Errorf("Get = %+v, %v", got, err)
		}
		// Walk every page: each organisation exactly once.
		total := 0
		seen := map[string]bool{}
		cursor := ""
		for {
			page, err := svc.List(ctx, ListInput{Limit: 100, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range page.Items {
				if seen[o.ID] {
					t.Fatalf("%s twice", o.Name)
				}
				seen[o.ID] = true
			}
			total += len(page.Items)
			if page.NextCursor == "" {
				break
			}
			cursor = page.NextCursor
		}
		if want := 357 + 15 + len(others); total != want {
			t.Errorf("listed %d organisations, want %d", total, want)
		}
	})
}

func TestStoreSearch(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		svc := seeded(t, s)
		cases := []struct {
			name   string
			in     ListInput
			want   []string // exactly these names, in this order
			has    string   // or: at least this name is in the first page
			absent string
		}{
			{name: "sami name finds Kautokeino", in: ListInput{Query: "Guovdageaidnu"}, want: []string{"Kautokeino"}},
			{name: "prefix of the Norwegian name", in: ListInput{Query: "kautok"}, want: []string{"Kautokeino"}},
			{name: "sami letters folded", in: ListInput{Query: "karasjohka"}, want: []string{"Karasjok"}},
			{name: "case and accents ignored", in: ListInput{Query: "KÁRÁŠ"}, want: []string{"Karasjok"}},
			{name: "kven name", in: ListInput{Query: "porsanki"}, want: []string{"Porsanger"}},
			{name: "later word of a name", in: ListInput{Query: "fron"}, has: "Nord-Fron"},
			{name: "æøå typed", in: ListInput{Query: "åle"}, want: []string{"Ålesund"}},
			{name: "æøå without Norwegian letters", in: ListInput{Query: "alesund"}, want: []string{"Ålesund"}},
			{name: "municipality and county both named Oslo", in: ListInput{Query: "oslo"}, want: []string{"Oslo", "Oslo"}},
			{name: "kind filter", in: ListInput{Query: "oslo", Kind: KindCounty}, want: []string{"Oslo"}},
			{name: "county filter", in: ListInput{County: "39", Kind: KindMunicipality}, want: []string{"Færder", "Holmestrand", "Horten", "Larvik", "Sandefjord", "Tønsberg"}},
			{name: "state partners", in: ListInput{Kind: KindState}, has: "Kulturrådet (Arts Council Norway)", absent: "Bergen"},
			{name: "regex characters are literal", in: ListInput{Query: ".*"}, want: []string{}},
			{name: "no match", in: ListInput{Query: "zzzz"}, want: []string{}},
		}
		for _, c := range cases {
			page, err := svc.List(ctx, c.in)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			got := names(page.Items)
			if c.want != nil {
				if len(got) != len(c.want) {
					t.Errorf("%s: got %v, want %v", c.name, got, c.want)
					continue
				}
				for i := range got {
					if got[i] != c.want[i] {
						t.Errorf("%s: got %v, want %v", c.name, got, c.want)
						break
					}
				}
			}
			if c.has != "" && !contains(got, c.has) {
				t.Errorf("%s: %v lacks %s", c.name, got, c.has)
			}
			if c.absent != "" && contains(got, c.absent) {
				t.Errorf("%s: %v has %s", c.name, got, c.absent)
			}
		}
	})
}

func TestStoreNorwegianOrderAndPaging(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		svc := seeded(t, s)
		// Agder's municipalities: Åmli and Åseral come last, after Vennesla.
		var all []string
		cursor := ""
		for i := 0; ; i++ {
			page, err := svc.List(ctx, ListInput{County: "42", Kind: KindMunicipality, Limit: 7, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Items) > 7 {
				t.Fatalf("page of %d items, limit 7", len(page.Items))
			}
			all = append(all, names(page.Items)...)
			if page.NextCursor == "" {
				break
			}
			cursor = page.NextCursor
		}
		if len(all) != 25 {
			t.Fatalf("Agder has 25 municipalities, listed %d: %v", len(all), all)
		}
		if all[0] != "Arendal" || all[23] != "Åmli" || all[24] != "Åseral" || all[22] != "Vennesla" {
			t.Errorf("not in Norwegian order: %v", all)
		}
	})
}

func TestStoreNotFound(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		for _, id := range []string{"0123456789abcdef01234567", "not-an-id", ""} {
			if _, err := s.Get(ctx, id); !errors.Is(err, apperr.ErrNotFound) {
				t.Errorf("Get(%q) = %v, want not found", id, err)
			}
		}
		if _, err := s.GetByKey(ctx, "municipality:9999"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("GetByKey = %v", err)
		}
		got, err := s.GetMany(ctx, []string{"0123456789abcdef01234567", "bad"})
		if err != nil || len(got) != 0 {
			t.Errorf("GetMany of unknown ids = %v, %v", got, err)
		}
	})
}

func TestListRejectsBadInput(t *testing.T) {
	svc := NewService(NewSQLiteStore(sqlitedb.TestDB(t, SQLiteSchema)))
	ctx := context.Background()
	for _, in := range []ListInput{
		{Kind: "village"},
		{Limit: 101},
		{Limit: -1},
		{Cursor: "not a cursor"},
	} {
		if _, err := svc.List(ctx, in); !errors.Is(err, apperr.ErrInvalid) {
			t.Errorf("List(%+v) = %v, want invalid", in, err)
		}
	}
}

// Every list query shape is served by an index on SQLite.
func TestSQLiteListQueriesUseIndexes(t *testing.T) {
	db := sqlitedb.TestDB(t, SQLiteSchema)
	if err := NewService(NewSQLiteStore(db)).Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	after := &paging.Cursor{Key: "m", ID: "0123456789abcdef01234567"}
	for _, q := range []listQuery{
		{Limit: 20},
		{Limit: 20, After: after},
		{Kind: KindMunicipality, Limit: 20, After: after},
		{County: "46", Limit: 20},
		{Kind: KindMunicipality, County: "46", Limit: 20, After: after},
		{Prefix: "ber", Limit: 20},
		{Prefix: "ber", Kind: KindMunicipality, Limit: 20},
	} {
		query, args := listSQL(q)
		// A prefix search finds its few matches through org_terms and sorts them.
		plan := sqlitedb.AssertUsesIndex(t, db, q.Prefix == "", query, args...)
		t.Logf("%+v:\n%s", q, plan)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

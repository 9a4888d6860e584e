package library

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/storetest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

func forEachStore(t *testing.T, test func(t *testing.T, s store)) {
	storetest.Each(t, SQLiteSchema, MongoIndexes,
		func(db *sqlitedb.DB) store { return NewSQLiteStore(db) },
		func(db *mongo.Database) store { return NewMongoStore(db) }, test)
}

// race runs fn n times at once where single-record updates are atomic (SQLite,
// real MongoDB), and one by one on FerretDB, which does not make them atomic.
func race(t *testing.T, s store, n int, fn func(i int)) {
	t.Helper()
	if _, onMongo := s.(*mongoStore); onMongo && !mongotest.AtomicUpdates(t) {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	done := make(chan struct{})
	for i := 0; i < n; i++ {
		go func() { fn(i); done <- struct{}{} }()
	}
	for i := 0; i < n; i++ {
		<-done
	}
}

var t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func sha(i int) string { return fmt.Sprintf("%064x", i) }

func newResource(net, title string, kind Kind, topics []string, org, county string, year int, at time.Time) Resource {
	return Resource{ID: sqlitedb.NewID(), NetworkID: net, Title: title, sortTitle: sortKey(title), Description: "Om " + title,
		DescriptionHTML: "<p>Om " + title + "</p>", Excerpt: "Om " + title, Kind: kind, Topics: topics, OrgID: org, OrgName: "Org " + org,
		CountyNumber: county, Year: year, Licence: "cc_by_4", UploaderID: "kari", UploaderName: "Kari", CreatedAt: at, UpdatedAt: at}
}

func firstVersion(r Resource, blob int) *Version {
	return &Version{File: File{Version: 1, FileName: r.Title + ".pdf", Format: PDF, MediaType: PDF.MediaType(), Size: 1000,
		SHA256: sha(blob), UploadedAt: r.CreatedAt}, ID: sqlitedb.NewID(), ResourceID: r.ID, NetworkID: r.NetworkID,
		UploaderID: "kari", UploaderName: "Kari"}
}

func titles(rs []Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Title
	}
	return out
}

func TestStoreListsFiltersAndSorts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		// A (oldest) … F (newest); G is in another network.
		specs := []struct {
			title  string
			kind   Kind
			topics []string
			org    string
			county string
			year   int
		}{
			{"Årsrapport", "report", []string{"library"}, "bergen", "46", 2024},
			{"Budsjettmal", "template", []string{"culture_school", "funding"}, "voss", "46", 2025},
			{"Kulturplan", "plan", []string{"culture_planning"}, "bergen", "46", 2025},
			{"Østre plan", "plan", []string{"culture_planning", "library"}, "fyresdal", "40", 2026},
			{"Ærlig guide", "guide", []string{"library"}, "state", "", 0},
			{"angrefrist", "other", nil, "voss", "46", 2025},
		}
		var rs []Resource
		for i, sp := range specs {
			r := newResource("net", sp.title, sp.kind, sp.topics, sp.org, sp.county, sp.year, t0.Add(time.Duration(i)*time.Hour))
			if r.Topics == nil {
				r.Topics = []string{}
			}
			var v *Version
			if i%2 == 0 {
				v = firstVersion(r, i)
			} else {
				r.Link = "https://example.no/" + strconv.Itoa(i)
			}
			if err := s.CreateResource(ctx, r, v); err != nil {
				t.Fatal(err)
			}
			rs = append(rs, r)
		}
		other := newResource("other", "Annet nettverk", "plan", []string{"library"}, "bergen", "46", 2025, t0)
		if err := s.CreateResource(ctx, other, nil); err != nil {
			t.Fatal(err)
		}
		// Downloads: Kulturplan 3, Årsrapport 1.
		race(t, s, 3, func(int) {
			if err := s.CountDownload(ctx, rs[2].ID); err != nil {
				t.Error(err)
			}
		})
		if err := s.CountDownload(ctx, rs[0].ID); err != nil {
			t.Fatal(err)
		}

		list := func(sortBy string, after *paging.Cursor, limit int, facets ...string) []Resource {
			t.Helper()
			if len(facets) == 0 {
				facets = []string{"all"}
			}
			got, err := s.ListResources(ctx, resourceQuery{NetworkID: "net", Facets: facets, Sort: sortBy, Limit: limit, After: after})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		for _, c := range []struct {
			name   string
			sort   string
			facets []string
			want   []string
		}{
			{"newest", SortNewest, nil, []string{"angrefrist", "Ærlig guide", "Østre plan", "Kulturplan", "Budsjettmal", "Årsrapport"}},
			{"most downloaded", SortDownloads, nil, []string{"Kulturplan", "Årsrapport", "angrefrist", "Ærlig guide", "Østre plan", "Budsjettmal"}},
			{"by title, æøå last", SortTitle, nil, []string{"angrefrist", "Budsjettmal", "Kulturplan", "Ærlig guide", "Østre plan", "Årsrapport"}},
			{"kind", SortNewest, []string{"kind:plan"}, []string{"Østre plan", "Kulturplan"}},
			{"topic", SortTitle, []string{"topic:library"}, []string{"Ærlig guide", "Østre plan", "Årsrapport"}},
			{"organisation", SortNewest, []string{"org:bergen"}, []string{"Kulturplan", "Årsrapport"}},
			{"county", SortNewest, []string{"county:46"}, []string{"angrefrist", "Kulturplan", "Budsjettmal", "Årsrapport"}},
			{"year", SortNewest, []string{"year:2025"}, []string{"angrefrist", "Kulturplan", "Budsjettmal"}},
			{"year and kind", SortNewest, []string{"year:2025", "kind:plan"}, []string{"Kulturplan"}},
			{"org, county and topic", SortDownloads, []string{"org:bergen", "county:46", "topic:library"}, []string{"Årsrapport"}},
			{"nothing matches", SortNewest, []string{"topic:museum_heritage"}, nil},
		} {
			if got := titles(list(c.sort, nil, 10, c.facets...)); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
		// Paging through each order gives every resource once, in order.
		for _, sortBy := range []string{SortNewest, SortDownloads, SortTitle} {
			var seen []string
			var after *paging.Cursor
			for page := 0; page < 10; page++ {
				got := list(sortBy, after, 2)
				if len(got) > 2 {
					last := got[1]
					after = &paging.Cursor{Key: resourceCursor(last, sortBy).Key, ID: last.ID}
					got = got[:2]
				} else {
					after = nil
				}
				seen = append(seen, titles(got)...)
				if after == nil {
					break
				}
			}
			if want := titles(list(sortBy, nil, 10)); !slices.Equal(seen, want) {
				t.Errorf("paging by %s: %v, want %v", sortBy, seen, want)
			}
		}
		if _, err := s.ListResources(ctx, resourceQuery{NetworkID: "net", Facets: []string{"all"}, Sort: SortNewest, Limit: 5,
			After: &paging.Cursor{Key: "not a number", ID: rs[0].ID}}); !errors.Is(err, apperr.ErrInvalid) {
			t.Errorf("a bad cursor: %v", err)
		}

		// A change of description moves the resource between filters and keeps its counts.
		changed := rs[2]
		changed.Kind, changed.Topics, changed.Title, changed.sortTitle = "report", []string{"museum_heritage"}, "Kulturrapport", sortKey("Kulturrapport")
		changed.UpdatedAt = t0.Add(time.Hour * 24)
		if err := s.UpdateResource(ctx, changed); err != nil {
			t.Fatal(err)
		}
		if got := titles(list(SortNewest, nil, 10, "kind:plan")); !slices.Equal(got, []string{"Østre plan"}) {
			t.Errorf("plans after the change: %v", got)
		}
		if got := list(SortDownloads, nil, 10, "topic:museum_heritage"); len(got) != 1 || got[0].Downloads != 3 || got[0].Title != "Kulturrapport" {
			t.Errorf("after the change: %+v", got)
		}
		got, err := s.Resource(ctx, rs[2].ID)
		if err != nil || got.Downloads != 3 || got.File == nil || got.File.SHA256 != sha(2) || got.VersionCount != 1 || !got.UpdatedAt.Equal(changed.UpdatedAt) {
			t.Errorf("resource after the change: %+v %v", got, err)
		}
		link, _ := s.Resource(ctx, rs[1].ID)
		if link.File != nil || link.Link != "https://example.no/1" || link.VersionCount != 0 || len(link.Topics) != 2 {
			t.Errorf("link: %+v", link)
		}
		if _, err := s.Resource(ctx, "0123456789abcdef01234567"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("unknown resource: %v", err)
		}
		if err := s.UpdateResource(ctx, newResource("net", "x", "plan", nil, "o", "", 0, t0)); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("updating an unknown resource: %v", err)
		}
		byID, err := s.ResourcesByID(ctx, "net", []string{rs[0].ID, other.ID, "nonsense", rs[3].ID})
		if err != nil || len(byID) != 2 {
			t.Errorf("by id, other networks left out: %v %v", titles(byID), err)
		}
	})
}

func TestStoreVersionsAndBlobs(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		r := newResource("net", "Kulturplan", "plan", []string{}, "o", "46", 2025, t0)
		if err := s.CreateResource(ctx, r, firstVersion(r, 1)); err != nil {
			t.Fatal(err)
		}
		// New versions racing each other get distinct numbers; the newest is the file.
		race(t, s, 5, func(i int) {
			v := Version{File: File{FileName: fmt.Sprintf("v%d.pdf", i), Format: PDF, Size: int64(100 + i), SHA256: sha(10 + i),
				UploadedAt: t0.Add(time.Duration(i+1) * time.Minute)}, ID: sqlitedb.NewID(), ResourceID: r.ID, NetworkID: "net",
				UploaderID: "ola", UploaderName: "Ola", Note: "ny"}
			if _, err := s.AddVersion(ctx, v); err != nil {
				t.Error(err)
			}
		})
		vs, err := s.Versions(ctx, r.ID)
		if err != nil || len(vs) != 6 {
			t.Fatalf("%d versions, %v", len(vs), err)
		}
		for i, v := range vs {
			if v.Version != 6-i || v.MediaType != "application/pdf" {
				t.Errorf("version %d: %+v", i, v)
			}
		}
		got, _ := s.Resource(ctx, r.ID)
		if got.File == nil || got.File.Version != 6 || got.File.SHA256 != vs[0].SHA256 || got.VersionCount != 6 {
			t.Errorf("current file %+v (%d versions)", got.File, got.VersionCount)
		}
		v1, err := s.Version(ctx, r.ID, 1)
		if err != nil || v1.SHA256 != sha(1) || v1.UploaderName != "Kari" || v1.FileName != "Kulturplan.pdf" {
			t.Errorf("version 1: %+v %v", v1, err)
		}
		if _, err := s.Version(ctx, r.ID, 7); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("version 7: %v", err)
		}
		if _, err := s.AddVersion(ctx, Version{ID: sqlitedb.NewID(), ResourceID: "0123456789abcdef01234567"}); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("a version of nothing: %v", err)
		}

		// The same file in another resource and another network.
		twin := newResource("net", "Kopi", "plan", []string{}, "o", "", 0, t0.Add(time.Hour))
		if err := s.CreateResource(ctx, twin, firstVersion(twin, 1)); err != nil {
			t.Fatal(err)
		}
		far := newResource("far", "Langt unna", "plan", []string{}, "o", "", 0, t0)
		if err := s.CreateResource(ctx, far, firstVersion(far, 1)); err != nil {
			t.Fatal(err)
		}
		same, err := s.ResourcesWithFile(ctx, "net", sha(1), 10)
		if err != nil || !slices.Equal(titles(same), []string{"Kopi", "Kulturplan"}) {
			t.Errorf("with file: %v %v", titles(same), err)
		}
		if inUse, err := s.BlobInUse(ctx, sha(12)); !inUse || err != nil {
			t.Errorf("blob 12 in use: %v %v", inUse, err)
		}

		// Deleting returns the blobs the versions used; they are no longer in use
		// unless another resource has them.
		shas, err := s.DeleteResource(ctx, r.ID)
		slices.Sort(shas)
		if err != nil || len(shas) != 6 || shas[0] != sha(1) {
			t.Errorf("deleted blobs %v %v", shas, err)
		}
		if _, err := s.Resource(ctx, r.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("deleted resource: %v", err)
		}
		if vs, _ := s.Versions(ctx, r.ID); len(vs) != 0 {
			t.Errorf("%d versions left", len(vs))
		}
		if inUse, _ := s.BlobInUse(ctx, sha(12)); inUse {
			t.Error("blob 12 still in use")
		}
		if inUse, _ := s.BlobInUse(ctx, sha(1)); !inUse {
			t.Error("blob 1 is used by the copy")
		}
		if _, err := s.DeleteResource(ctx, r.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("deleting twice: %v", err)
		}
		if got, _ := s.ListResources(ctx, resourceQuery{NetworkID: "net", Facets: []string{"all"}, Sort: SortNewest, Limit: 10}); len(got) != 1 {
			t.Errorf("list after delete: %v", titles(got))
		}

		// Unused blobs wait for the sweeper.
		if err := s.MarkUnused(ctx, []string{sha(12), sha(13)}, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkUnused(ctx, []string{sha(13)}, t0.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		due, err := s.Unused(ctx, t0.Add(time.Hour), 10)
		if err != nil || !slices.Equal(due, []string{sha(12)}) {
			t.Errorf("unused before t0+1h: %v %v", due, err)
		}
		if err := s.ForgetUnused(ctx, sha(12)); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.Unused(ctx, t0.Add(3*time.Hour), 10); !slices.Equal(due, []string{sha(13)}) {
			t.Errorf("unused after forgetting: %v", due)
		}
	})
}

func TestStoreCollections(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		mk := func(name string, ids ...string) Collection {
			return Collection{ID: sqlitedb.NewID(), NetworkID: "net", Name: name, sortName: sortKey(name), ResourceIDs: ids,
				Revision: 1, CreatedBy: "mod", CreatedAt: t0, UpdatedAt: t0}
		}
		a, b := mk("Maler for søknader", "r1", "r2", "r3"), mk("Årsrapporter", "r2")
		for _, c := range []Collection{b, a, mk("Andre", "r9")} {
			c := c
			if c.Name == "Andre" {
				c.NetworkID = "other"
			}
			if err := s.CreateCollection(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		cs, err := s.Collections(ctx, "net")
		if err != nil || len(cs) != 2 || cs[0].Name != "Maler for søknader" || cs[1].Name != "Årsrapporter" {
			t.Fatalf("collections %+v %v", cs, err)
		}
		a.Name, a.sortName, a.ResourceIDs, a.Revision = "Maler", sortKey("Maler"), []string{"r3", "r1"}, 2
		if ok, err := s.UpdateCollection(ctx, a); !ok || err != nil {
			t.Fatalf("update: %v %v", ok, err)
		}
		if ok, _ := s.UpdateCollection(ctx, a); ok {
			t.Error("a stale revision was saved")
		}
		got, err := s.Collection(ctx, a.ID)
		if err != nil || got.Name != "Maler" || !slices.Equal(got.ResourceIDs, []string{"r3", "r1"}) || got.Revision != 2 {
			t.Errorf("after update %+v %v", got, err)
		}
		if err := s.RemoveFromCollections(ctx, "net", "r1"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Collection(ctx, a.ID); !slices.Equal(got.ResourceIDs, []string{"r3"}) || got.Revision != 3 {
			t.Errorf("after removing r1: %+v", got)
		}
		if got, _ := s.Collection(ctx, b.ID); !slices.Equal(got.ResourceIDs, []string{"r2"}) || got.Revision != 1 {
			t.Errorf("an unrelated collection changed: %+v", got)
		}
		if err := s.DeleteCollection(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Collection(ctx, a.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("deleted collection: %v", err)
		}
		if err := s.DeleteCollection(ctx, a.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("deleting twice: %v", err)
		}
	})
}

// Every list query reads an index, in order, on SQLite.
func TestSQLiteListQueriesUseIndexes(t *testing.T) {
	db := sqlitedb.TestDB(t, SQLiteSchema)
	for _, sortBy := range []string{SortNewest, SortDownloads, SortTitle} {
		key := "1795000000000"
		if sortBy == SortTitle {
			key = "kulturplan"
		}
		after := &paging.Cursor{Key: key, ID: "0123456789abcdef01234567"}
		for _, q := range []resourceQuery{
			{NetworkID: "n", Facets: []string{"all"}, Sort: sortBy, Limit: 20},
			{NetworkID: "n", Facets: []string{"all"}, Sort: sortBy, Limit: 20, After: after},
			{NetworkID: "n", Facets: []string{"topic:library"}, Sort: sortBy, Limit: 20, After: after},
			{NetworkID: "n", Facets: []string{"org:x", "year:2025", "kind:plan"}, Sort: sortBy, Limit: 20, After: after},
		} {
			query, args, err := listResourcesSQL(q)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s\n%s", query, sqlitedb.AssertUsesIndex(t, db, true, query, args...))
		}
	}
	q, args := resourcesWithFileSQL("n", sha(1), 10)
	sqlitedb.AssertUsesIndex(t, db, false, q, args...)
	q, args = collectionsSQL("n")
	sqlitedb.AssertUsesIndex(t, db, true, q, args...)
	q, args = allResourcesSQL("0123456789abcdef01234567", 200)
	sqlitedb.AssertUsesIndex(t, db, true, q, args...)
}

func TestStoreSearchSupport(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		var ids []string
		for i := 0; i < 5; i++ {
			r := newResource(fmt.Sprintf("net%d", i%2), fmt.Sprintf("Ressurs %d", i), "plan", []string{}, "o", "46", 2025, t0)
			if err := s.CreateResource(ctx, r, nil); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
		}
		sort.Strings(ids)
		// Walking in pages of two sees every resource of every network once, in id order.
		var walked []string
		for after := ""; ; {
			rs, err := s.AllResources(ctx, after, 2)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				walked = append(walked, r.ID)
			}
			if len(rs) < 2 {
				break
			}
			after = rs[len(rs)-1].ID
		}
		if !slices.Equal(walked, ids) {
			t.Errorf("walked %v, want %v", walked, ids)
		}

		if _, ok, err := s.FileText(ctx, sha(1)); ok || err != nil {
			t.Errorf("text before extraction: %v %v", ok, err)
		}
		for _, text := range []string{"Kulturplan for Fyresdal", ""} { // saved again: the newer text wins
			if err := s.SaveFileText(ctx, sha(1), text); err != nil {
				t.Fatal(err)
			}
			if got, ok, err := s.FileText(ctx, sha(1)); got != text || !ok || err != nil {
				t.Errorf("text %q %v %v, want %q", got, ok, err, text)
			}
		}
		if err := s.ForgetFileText(ctx, sha(1)); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.FileText(ctx, sha(1)); ok || err != nil {
			t.Errorf("text after forgetting: %v %v", ok, err)
		}
	})
}

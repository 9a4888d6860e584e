package network

import (
	"context"
	"errors"
	"fmt"
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

var t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func testNetwork(name string, vis Visibility, topics []string, national bool, counties ...string) Network {
	return Network{ID: sqlitedb.NewID(), Slug: Slugify(name), Name: name, sortName: sortKey(name),
		Description: "Om " + name, DescriptionHTML: "<p>Om " + name + "</p>", excerpt: "Om " + name, Topics: topics, National: national,
		Counties: nonNil(counties), Visibility: vis, CreatedBy: "creator", CreatedAt: t0, UpdatedAt: t0}
}

func person(id, name, county, kind, field string) Membership {
	return Membership{UserID: id, Role: Member, JoinedAt: t0, Profile: Profile{Name: name, JobField: field,
		OrgID: "org-" + county + "-" + kind, OrgName: "Org " + county, OrgKind: kind, CountyNumber: county, CountyName: "Fylke " + county}}
}

func names[T any](items []T, name func(T) string) []string {
	out := make([]string, len(items))
	for i, x := range items {
		out[i] = name(x)
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestStoreNetworks(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		nets := []Network{
			testNetwork("Øst kultur", Open, []string{"library"}, false, "31"),
			testNetwork("Bibliotekutvikling Nord", Open, []string{"library", "digital"}, false, "18", "55", "56"),
			testNetwork("Kultur for framtida", Closed, []string{"culture_planning"}, true),
			testNetwork("Ålesund og omegn", OnRequest, []string{"culture_school"}, false, "15"),
			testNetwork("Alle kulturskoler", OnRequest, []string{"culture_school"}, true),
		}
		for i, n := range nets {
			owner := person(fmt.Sprintf("owner-%d", i), "Eier", "46", "municipality", "adviser")
			owner.NetworkID, owner.Role = n.ID, Owner
			if err := s.CreateNetwork(ctx, n, owner); err != nil {
				t.Fatal(err)
			}
		}
		dup := testNetwork("Øst kultur", Open, nil, true)
		if err := s.CreateNetwork(ctx, dup, Membership{NetworkID: dup.ID, UserID: "x", Role: Owner, JoinedAt: t0}); apperr.CodeOf(err) != "network.slug_taken" {
			t.Errorf("duplicate slug: %v", err)
		}
		if _, err := s.NetworkBySlug(ctx, "ost-kultur"); err != nil {
			t.Fatalf("the first network was lost: %v", err)
		}

		got, err := s.NetworkBySlug(ctx, "bibliotekutvikling-nord")
		if err != nil {
			t.Fatal(err)
		}
		want := nets[1]
		want.MemberCount = 1
		if got.ID != want.ID || got.Name != want.Name || got.sortName != want.sortName || got.MemberCount != 1 ||
			!equal(got.Topics, want.Topics) || !equal(got.Counties, want.Counties) || got.Visibility != Open ||
			!got.CreatedAt.Equal(t0) || got.DescriptionHTML != want.DescriptionHTML || got.excerpt != want.excerpt || got.National {
			t.Errorf("read back %+v\nwant %+v", got, want)
		}
		if _, err := s.NetworkBySlug(ctx, "nope"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("unknown slug: %v", err)
		}

		list := func(q networkQuery) []string {
			t.Helper()
			q.Limit = 10
			ns, err := s.ListNetworks(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			return names(ns, func(n Network) string { return n.Name })
		}
		cases := []struct {
			name string
			q    networkQuery
			want []string
		}{
			{"listed, Norwegian order", networkQuery{}, []string{"Alle kulturskoler", "Bibliotekutvikling Nord", "Øst kultur", "Ålesund og omegn"}},
			{"all, closed too", networkQuery{All: true}, []string{"Alle kulturskoler", "Bibliotekutvikling Nord", "Kultur for framtida", "Øst kultur", "Ålesund og omegn"}},
			{"topic", networkQuery{Topic: "culture_school"}, []string{"Alle kulturskoler", "Ålesund og omegn"}},
			{"county with national", networkQuery{Regions: []string{"15", "national"}}, []string{"Alle kulturskoler", "Ålesund og omegn"}},
			{"county of several", networkQuery{Regions: []string{"55"}}, []string{"Bibliotekutvikling Nord"}},
			{"search in name", networkQuery{Search: "kultur"}, []string{"Alle kulturskoler", "Øst kultur"}},
			{"search is literal", networkQuery{Search: ".*"}, []string{}},
			{"topic and region", networkQuery{Topic: "library", Regions: []string{"31"}}, []string{"Øst kultur"}},
		}
		for _, c := range cases {
			if got := list(c.q); !equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
		// Paging walks the list once.
		var walked []string
		var after *paging.Cursor
		for {
			ns, err := s.ListNetworks(ctx, networkQuery{All: true, Limit: 2, After: after})
			if err != nil {
				t.Fatal(err)
			}
			if len(ns) > 2 {
				walked = append(walked, ns[0].Name, ns[1].Name)
				after = &paging.Cursor{Key: ns[1].sortName, ID: ns[1].ID}
				continue
			}
			walked = append(walked, names(ns, func(n Network) string { return n.Name })...)
			break
		}
		if len(walked) != 5 || walked[4] != "Ålesund og omegn" {
			t.Errorf("walked %v", walked)
		}

		// Update moves the network between filters.
		n := got
		n.Name, n.sortName, n.Topics, n.National, n.Counties, n.Visibility = "Bibliotek i nord", sortKey("Bibliotek i nord"), []string{"funding"}, true, nil, Closed
		n.UpdatedAt = t0.Add(time.Hour)
		if err := s.UpdateNetwork(ctx, n); err != nil {
			t.Fatal(err)
		}
		if got := list(networkQuery{Topic: "library"}); !equal(got, []string{"Øst kultur"}) {
			t.Errorf("after update, library: %v", got)
		}
		if got := list(networkQuery{All: true, Regions: []string{"national"}}); !equal(got, []string{"Alle kulturskoler", "Bibliotek i nord", "Kultur for framtida"}) {
			t.Errorf("after update, national: %v", got)
		}
		byID, err := s.NetworksByID(ctx, []string{n.ID, nets[0].ID, "0123456789abcdef01234567", "junk"})
		if err != nil || len(byID) != 2 {
			t.Errorf("NetworksByID: %d, %v", len(byID), err)
		}
		if err := s.UpdateNetwork(ctx, Network{ID: "0123456789abcdef01234567", Visibility: Open}); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("updating a missing network: %v", err)
		}
	})
}

func TestStoreMemberships(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		n := testNetwork("Kulturskoleledere i Vestland", OnRequest, nil, false, "46")
		owner := person("u-owner", "Ingrid Haugen", "", "ks", "adviser")
		owner.NetworkID, owner.Role = n.ID, Owner
		if err := s.CreateNetwork(ctx, n, owner); err != nil {
			t.Fatal(err)
		}
		people := []Membership{
			person("u-1", "Ola Berg", "46", "municipality", "culture_school_leader"),
			person("u-2", "Åse Ås", "46", "municipality", "culture_head"),
			person("u-3", "Anne Aarre", "46", "county", "adviser"),
			person("u-4", "Kari Nordmann", "40", "municipality", "culture_head"),
			person("u-5", "Émile Olsen", "46", "municipality", "librarian"),
		}
		for i, m := range people {
			m.NetworkID, m.JoinedAt = n.ID, t0.Add(time.Duration(i+1)*time.Minute)
			if err := s.AddMember(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddMember(ctx, Membership{NetworkID: n.ID, UserID: "u-1", Role: Member, JoinedAt: t0}); apperr.CodeOf(err) != "network.already_member" {
			t.Errorf("joining twice: %v", err)
		}
		got, _ := s.NetworkBySlug(ctx, n.Slug)
		if got.MemberCount != 6 {
			t.Errorf("member count %d, want 6", got.MemberCount)
		}

		members := func(q memberQuery) []string {
			t.Helper()
			q.NetworkID, q.Limit = n.ID, 10
			ms, err := s.ListMembers(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			return names(ms, func(m Membership) string { return m.Name })
		}
		for _, c := range []struct {
			name string
			q    memberQuery
			want []string
		}{
			{"name order, æøå last, accents folded", memberQuery{}, []string{"Anne Aarre", "Émile Olsen", "Ingrid Haugen", "Kari Nordmann", "Ola Berg", "Åse Ås"}},
			{"county", memberQuery{County: "46"}, []string{"Anne Aarre", "Émile Olsen", "Ola Berg", "Åse Ås"}},
			{"county and kind", memberQuery{County: "46", OrgKind: "municipality"}, []string{"Émile Olsen", "Ola Berg", "Åse Ås"}},
			{"job field", memberQuery{JobField: "culture_head"}, []string{"Kari Nordmann", "Åse Ås"}},
			{"name search", memberQuery{Search: "ols"}, []string{"Émile Olsen"}},
			{"name search is literal", memberQuery{Search: "a.*"}, []string{}},
			{"after a cursor", memberQuery{After: &paging.Cursor{Key: sortKey("Ingrid Haugen"), ID: "u-owner"}}, []string{"Kari Nordmann", "Ola Berg", "Åse Ås"}},
		} {
			if got := members(c.q); !equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}

		m, err := s.Membership(ctx, n.ID, "u-2")
		if err != nil || m.Role != Member || m.Name != "Åse Ås" || m.CountyNumber != "46" || !m.JoinedAt.Equal(t0.Add(2*time.Minute)) {
			t.Errorf("Membership = %+v, %v", m, err)
		}
		if _, err := s.Membership(ctx, n.ID, "nobody"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("non-member: %v", err)
		}
		if err := s.SetRole(ctx, n.ID, "u-2", Owner); err != nil {
			t.Fatal(err)
		}
		if c, err := s.CountOwners(ctx, n.ID); err != nil || c != 2 {
			t.Errorf("owners %d, %v", c, err)
		}
		if err := s.SetRole(ctx, n.ID, "nobody", Owner); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("role of a non-member: %v", err)
		}
		counts, err := s.CountByOrg(ctx, n.ID, "46")
		if err != nil {
			t.Fatal(err)
		}
		if counts["org-46-municipality"] != 3 || counts["org-46-county"] != 1 || len(counts) != 2 {
			t.Errorf("CountByOrg = %v", counts)
		}

		// Profile changes reach the directory.
		p := people[3].Profile
		p.Name, p.CountyNumber = "Kari Nordmann-Lie", "46"
		if err := s.UpdateProfile(ctx, "u-4", p); err != nil {
			t.Fatal(err)
		}
		if got := members(memberQuery{County: "46", Search: "nordmann"}); !equal(got, []string{"Kari Nordmann-Lie"}) {
			t.Errorf("after the profile change: %v", got)
		}

		// Memberships of one person, newest first, and shared networks.
		other := testNetwork("Bibliotekutvikling Nord", Open, nil, false, "18")
		om := person("u-x", "Xen", "18", "municipality", "librarian")
		om.NetworkID, om.Role = other.ID, Owner
		if err := s.CreateNetwork(ctx, other, om); err != nil {
			t.Fatal(err)
		}
		late := person("u-1", "Ola Berg", "46", "municipality", "culture_school_leader")
		late.NetworkID, late.JoinedAt = other.ID, t0.Add(time.Hour)
		if err := s.AddMember(ctx, late); err != nil {
			t.Fatal(err)
		}
		mine, err := s.MembershipsOf(ctx, "u-1", 10, nil)
		if err != nil || len(mine) != 2 || mine[0].NetworkID != other.ID || mine[1].NetworkID != n.ID {
			t.Fatalf("MembershipsOf = %+v, %v", mine, err)
		}
		page2, err := s.MembershipsOf(ctx, "u-1", 10, &paging.Cursor{Key: joinedKey(mine[0].JoinedAt), ID: mine[0].NetworkID})
		if err != nil || len(page2) != 1 || page2[0].NetworkID != n.ID {
			t.Errorf("MembershipsOf after a cursor = %+v, %v", page2, err)
		}
		shared, err := s.MembershipsIn(ctx, "u-1", []string{other.ID, "elsewhere"})
		if err != nil || len(shared) != 1 || shared[0].NetworkID != other.ID {
			t.Errorf("MembershipsIn = %+v, %v", shared, err)
		}

		if err := s.RemoveMember(ctx, n.ID, "u-1"); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveMember(ctx, n.ID, "u-1"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("removing twice: %v", err)
		}
		if got, _ := s.NetworkBySlug(ctx, n.Slug); got.MemberCount != 5 {
			t.Errorf("member count after removal %d", got.MemberCount)
		}
	})
}

func TestStoreRequestsInvitationsAudit(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		n := testNetwork("Kulturskoleledere i Vestland", OnRequest, nil, false, "46")
		if err := s.CreateNetwork(ctx, n, Membership{NetworkID: n.ID, UserID: "owner", Role: Owner, JoinedAt: t0, Profile: Profile{Name: "Eier"}}); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for i := 0; i < 3; i++ {
			r := JoinRequest{ID: sqlitedb.NewID(), NetworkID: n.ID, UserID: fmt.Sprintf("u-%d", i), Message: "Hei",
				Status: Pending, CreatedAt: t0.Add(time.Duration(i) * time.Minute), Profile: Profile{Name: fmt.Sprintf("Person %d", i), CountyNumber: "46"}}
			if err := s.SaveRequest(ctx, r); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
		}
		r0, err := s.RequestOf(ctx, n.ID, "u-0")
		if err != nil || r0.ID != ids[0] || r0.Message != "Hei" || r0.Status != Pending || r0.DecidedAt != nil || r0.Profile.Name != "Person 0" {
			t.Fatalf("RequestOf = %+v, %v", r0, err)
		}
		decided := t0.Add(time.Hour)
		r0.Status, r0.Reason, r0.DecidedBy, r0.DecidedByName, r0.DecidedAt = Declined, "Ikke nå", "owner", "Eier", &decided
		if won, err := s.DecideRequest(ctx, r0); err != nil || !won {
			t.Fatalf("decide: %v %v", won, err)
		}
		if won, err := s.DecideRequest(ctx, r0); err != nil || won {
			t.Errorf("deciding twice: won=%v err=%v", won, err)
		}
		back, _ := s.RequestByID(ctx, ids[0])
		if back.Status != Declined || back.Reason != "Ikke nå" || back.DecidedByName != "Eier" || back.DecidedAt == nil || !back.DecidedAt.Equal(decided) {
			t.Errorf("after deciding: %+v", back)
		}
		// Asking again reopens the same request.
		again := JoinRequest{ID: sqlitedb.NewID(), NetworkID: n.ID, UserID: "u-0", Message: "Nytt forsøk", Status: Pending, CreatedAt: t0.Add(2 * time.Hour), Profile: back.Profile}
		if err := s.SaveRequest(ctx, again); err != nil {
			t.Fatal(err)
		}
		if r, _ := s.RequestOf(ctx, n.ID, "u-0"); r.ID != ids[0] || r.Status != Pending || r.Message != "Nytt forsøk" || r.DecidedAt != nil {
			t.Errorf("reopened request %+v", r)
		}
		if c, err := s.CountRequests(ctx, n.ID, Pending); err != nil || c != 3 {
			t.Errorf("pending count %d, %v", c, err)
		}
		pending, err := s.ListRequests(ctx, n.ID, Pending, 2, nil)
		if err != nil || len(pending) != 3 || pending[0].UserID != "u-1" || pending[2].UserID != "u-0" {
			t.Fatalf("pending (limit 2 + 1) = %v, %v", names(pending, func(r JoinRequest) string { return r.UserID }), err)
		}
		rest, err := s.ListRequests(ctx, n.ID, Pending, 2, &paging.Cursor{Key: joinedKey(pending[1].CreatedAt), ID: pending[1].ID})
		if err != nil || len(rest) != 1 || rest[0].UserID != "u-0" {
			t.Errorf("second page %v, %v", rest, err)
		}
		if _, err := s.RequestByID(ctx, "0123456789abcdef01234567"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("unknown request: %v", err)
		}
		if err := s.UpdateProfile(ctx, "u-1", Profile{Name: "Nytt Navn"}); err != nil {
			t.Fatal(err)
		}
		if r, _ := s.RequestOf(ctx, n.ID, "u-1"); r.Profile.Name != "Nytt Navn" {
			t.Errorf("profile copy in request: %+v", r.Profile)
		}

		// Invitations.
		inv := Invitation{ID: sqlitedb.NewID(), NetworkID: n.ID, Email: "ny@bergen.kommune.no", InvitedBy: "owner", InvitedByName: "Eier",
			CreatedAt: t0, ExpiresAt: t0.Add(InvitationTTL)}
		if err := s.CreateInvitation(ctx, inv); err != nil {
			t.Fatal(err)
		}
		if got, err := s.OpenInvitation(ctx, n.ID, inv.Email, t0.Add(time.Hour)); err != nil || got.ID != inv.ID {
			t.Errorf("open invitation: %+v %v", got, err)
		}
		if _, err := s.OpenInvitation(ctx, n.ID, inv.Email, t0.Add(InvitationTTL+time.Second)); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("expired invitation is open: %v", err)
		}
		used := make(chan bool, 4)
		race(t, s, 4, func() {
			won, err := s.UseInvitation(ctx, inv.ID, "new-user", "Nora Ny", t0.Add(time.Hour))
			if err != nil {
				t.Error(err)
			}
			used <- won
		})
		close(used)
		wins := 0
		for w := range used {
			if w {
				wins++
			}
		}
		if wins != 1 {
			t.Errorf("%d uses of a single-use invitation", wins)
		}
		got, _ := s.Invitation(ctx, inv.ID)
		if got.UsedAt == nil || got.UsedBy != "new-user" || got.UsedByName != "Nora Ny" || got.InvitedByName != "Eier" || !got.ExpiresAt.Equal(inv.ExpiresAt) {
			t.Errorf("used invitation %+v", got)
		}
		if _, err := s.OpenInvitation(ctx, n.ID, inv.Email, t0); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("a used invitation is open: %v", err)
		}
		if err := s.RevokeInvitation(ctx, inv.ID, t0); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("revoking a used invitation: %v", err)
		}
		inv2 := Invitation{ID: sqlitedb.NewID(), NetworkID: n.ID, Email: "to@voss.no", InvitedBy: "owner", CreatedAt: t0.Add(time.Minute), ExpiresAt: t0.Add(InvitationTTL)}
		if err := s.CreateInvitation(ctx, inv2); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeInvitation(ctx, inv2.ID, t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if won, _ := s.UseInvitation(ctx, inv2.ID, "x", "X", t0.Add(3*time.Minute)); won {
			t.Error("a revoked invitation was used")
		}
		invs, err := s.ListInvitations(ctx, n.ID, 10, nil)
		if err != nil || len(invs) != 2 || invs[0].ID != inv2.ID || invs[0].RevokedAt == nil {
			t.Errorf("ListInvitations %+v, %v", invs, err)
		}

		// Audit, newest first.
		for i := 0; i < 3; i++ {
			if err := s.AddAudit(ctx, AuditEntry{ID: sqlitedb.NewID(), NetworkID: n.ID, ActorID: "owner", ActorName: "Eier",
				Action: ActMemberJoined, TargetID: fmt.Sprint(i), CreatedAt: t0.Add(time.Duration(i) * time.Second)}); err != nil {
				t.Fatal(err)
			}
		}
		es, err := s.ListAudit(ctx, n.ID, 1, nil)
		if err != nil || len(es) != 2 || es[0].TargetID != "2" {
			t.Fatalf("audit page %+v, %v", es, err)
		}
		es, err = s.ListAudit(ctx, n.ID, 5, &paging.Cursor{Key: joinedKey(es[0].CreatedAt), ID: es[0].ID})
		if err != nil || len(es) != 2 || es[0].TargetID != "1" || es[1].TargetID != "0" || es[0].ActorName != "Eier" {
			t.Errorf("audit second page %+v, %v", es, err)
		}
	})
}

// race runs fn n times at once where single-record updates are atomic (SQLite,
// real MongoDB), and one by one on FerretDB, which does not make them atomic.
func race(t *testing.T, s store, n int, fn func()) {
	t.Helper()
	if _, onMongo := s.(*mongoStore); onMongo && !mongotest.AtomicUpdates(t) {
		for i := 0; i < n; i++ {
			fn()
		}
		return
	}
	done := make(chan struct{})
	for i := 0; i < n; i++ {
		go func() { fn(); done <- struct{}{} }()
	}
	for i := 0; i < n; i++ {
		<-done
	}
}

// Every list query shape reads an index on SQLite, and the paginated ones read
// it in order.
func TestSQLiteListQueriesUseIndexes(t *testing.T) {
	db := sqlitedb.TestDB(t, SQLiteSchema)
	after := &paging.Cursor{Key: "m", ID: "0123456789abcdef01234567"}
	timeAfter := &paging.Cursor{Key: "1795000000000", ID: "0123456789abcdef01234567"}
	var queries []struct {
		q    string
		args []any
	}
	add := func(q string, args []any) {
		queries = append(queries, struct {
			q    string
			args []any
		}{q, args})
	}
	for _, q := range []networkQuery{
		{Limit: 20}, {All: true, Limit: 20, After: after}, {Topic: "library", Limit: 20},
		{Regions: []string{"46", "national"}, Limit: 20, After: after}, {Search: "kultur", Limit: 20},
	} {
		add(listNetworksSQL(q))
	}
	for _, q := range []memberQuery{
		{NetworkID: "n", Limit: 20}, {NetworkID: "n", County: "46", Limit: 20, After: after},
		{NetworkID: "n", OrgKind: "municipality", JobField: "librarian", Search: "ola", Limit: 20},
	} {
		add(listMembersSQL(q))
	}
	for _, c := range []*paging.Cursor{nil, timeAfter} {
		q, args, _ := membershipsOfSQL("u", 20, c)
		add(q, args)
		q, args, _ = listRequestsSQL("n", Pending, 20, c)
		add(q, args)
		q, args, _ = newestFirstSQL("invitations", invitationColumns, "n", 20, c)
		add(q, args)
		q, args, _ = newestFirstSQL("network_audit", auditColumns, "n", 20, c)
		add(q, args)
	}
	for _, q := range queries {
		plan := sqlitedb.AssertUsesIndex(t, db, true, q.q, q.args...)
		t.Logf("%s\n%s", q.q, plan)
	}
}

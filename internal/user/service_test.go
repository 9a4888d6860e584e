package user_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/user"
)

func newService(t *testing.T) (*user.Service, org.Org) {
	t.Helper()
	db := sqlitedb.TestDB(t, org.SQLiteSchema, user.SQLiteSchema)
	orgs := org.NewService(org.NewSQLiteStore(db))
	if err := orgs.Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	voss, err := orgs.ByKey(context.Background(), "municipality:4621")
	if err != nil {
		t.Fatal(err)
	}
	return user.NewService(user.NewSQLiteStore(db), orgs, time.Now), voss
}

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	if ae, ok := apperr.As(err); ok {
		for _, f := range ae.Fields {
			out[f.Field] = f.Code
		}
	}
	return out
}

func TestCreateValidates(t *testing.T) {
	svc, voss := newService(t)
	ctx := context.Background()
	_, err := svc.Create(ctx, user.NewUser{Email: "not an email", Name: " ", OrgID: "", JobTitle: strings.Repeat("x", 121),
		JobField: "juggler", SiteRole: "king", Language: "de", Password: "short"})
	want := map[string]string{"email": "invalid", "name": "required", "orgId": "required", "jobTitle": "too_long",
		"jobField": "invalid", "siteRole": "invalid", "language": "invalid", "password": "too_short"}
	got := fieldCodes(err)
	for f, c := range want {
		if got[f] != c {
			t.Errorf("field %s: %q, want %q (all: %v)", f, got[f], c, got)
		}
	}
	_, err = svc.Create(ctx, user.NewUser{Email: "ola@voss.no", Name: "Ola", OrgID: "0123456789abcdef01234567",
		JobField: user.JobOther, SiteRole: auth.RoleMember, Language: "nb", Password: "langt-nok-passord"})
	if fieldCodes(err)["orgId"] != "invalid" {
		t.Errorf("unknown organisation: %v", err)
	}
	u, err := svc.Create(ctx, user.NewUser{Email: " Ola@Voss.no ", Name: " Ola Berg ", OrgID: voss.ID,
		JobField: user.JobCultureSchoolLeader, SiteRole: auth.RoleMember, Language: "nb", Password: "langt-nok-passord"})
	if err != nil {
		t.Fatal(err)
	}
	if u.Email != "Ola@Voss.no" || u.Name != "Ola Berg" || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
		t.Errorf("created %+v", u)
	}
	if _, err := svc.Create(ctx, user.NewUser{Email: "ola@voss.NO", Name: "Ola", OrgID: voss.ID,
		JobField: user.JobOther, SiteRole: auth.RoleMember, Language: "nb", Password: "langt-nok-passord"}); !errors.Is(err, apperr.ErrConflict) {
		t.Errorf("same email again: %v", err)
	}
}

func TestMeAndUpdateMe(t *testing.T) {
	svc, voss := newService(t)
	ctx := context.Background()
	if _, err := svc.Me(ctx); apperr.CodeOf(err) != "auth.required" {
		t.Errorf("anonymous Me: %v", err)
	}
	u, err := svc.Create(ctx, user.NewUser{Email: "ola@voss.no", Name: "Ola Berg", OrgID: voss.ID,
		JobField: user.JobCultureSchoolLeader, SiteRole: auth.RoleMember, Language: "nb", Password: "langt-nok-passord"})
	if err != nil {
		t.Fatal(err)
	}
	as := auth.WithPrincipal(ctx, auth.Principal{UserID: u.ID, Role: auth.RoleMember})
	me, err := svc.Me(as)
	if err != nil {
		t.Fatal(err)
	}
	if me.Org.Name != "Voss" || me.Org.CountyName != "Vestland" || me.Email != "ola@voss.no" || me.JobField != user.JobCultureSchoolLeader {
		t.Errorf("Me = %+v", me)
	}
	nn, title := "nn", "  Rektor  "
	me, err = svc.UpdateMe(as, user.UpdateMe{Language: &nn, JobTitle: &title})
	if err != nil {
		t.Fatal(err)
	}
	if me.Language != "nn" || me.JobTitle != "Rektor" || me.Name != "Ola Berg" {
		t.Errorf("after update: %+v", me)
	}
	bad, empty, field := "se", "", user.JobField("x")
	_, err = svc.UpdateMe(as, user.UpdateMe{Language: &bad, Name: &empty, JobField: &field})
	got := fieldCodes(err)
	if got["language"] != "invalid" || got["name"] != "required" || got["jobField"] != "invalid" {
		t.Errorf("bad update: %v", err)
	}
	if me, _ := svc.Me(as); me.Language != "nn" {
		t.Error("a refused update changed something")
	}
	// A token that outlived its account.
	gone := auth.WithPrincipal(ctx, auth.Principal{UserID: "0123456789abcdef01234567", Role: auth.RoleMember})
	if _, err := svc.Me(gone); apperr.CodeOf(err) != "auth.token_invalid" {
		t.Errorf("deleted account: %v", err)
	}
}

// Package demo fills a fresh installation with people and content that make the
// product look alive for a demo or a pilot's first look (SAMSPILL_DEMO=1). Every
// step is idempotent: restarting with demo data on adds nothing twice.
package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/user"
)

// Password is every demo account's password. It is printed at start-up, which is
// why demo data is refused on MongoDB unless forced.
const Password = "samspill-demo-2026"

// Login is a demo account to print.
type Login struct {
	Name  string
	Email string
	About string
}

type person struct {
	email, name, orgKey, jobTitle string
	jobField                      user.JobField
	role                          auth.Role
	about                         string
}

var people = []person{
	{"kari.nordmann@demo.samspill.no", "Kari Nordmann", "municipality:4032", "Kultursjef", user.JobCultureHead, auth.RoleMember, "culture officer, Fyresdal"},
	{"ola.berg@demo.samspill.no", "Ola Berg", "municipality:4621", "Kulturskolerektor", user.JobCultureSchoolLeader, auth.RoleMember, "culture-school leader, Voss"},
	{"ingrid.haugen@demo.samspill.no", "Ingrid Haugen", "ks", "Seniorrådgiver", user.JobAdviser, auth.RoleAdviser, "KS adviser"},
	{"per.olsen@demo.samspill.no", "Per Olsen", "state:kulturradet", "Seniorrådgiver", user.JobAdviser, auth.RoleMember, "state partner, Kulturrådet"},
	{"admin@demo.samspill.no", "Siri Admin", "ks", "Systemansvarlig", user.JobOther, auth.RoleAdmin, "administrator"},
	{"laas.test@demo.samspill.no", "Lars Låstest", "municipality:0301", "Bibliotekar", user.JobLibrarian, auth.RoleMember, "for trying the login lockout"},
}

// Seed creates the demo accounts, colleagues and networks that do not exist yet
// and returns the accounts to print.
func Seed(ctx context.Context, orgs *org.Service, users *user.Service, networks *network.Service, forums *forum.Service) ([]Login, error) {
	logins, err := seedPeople(ctx, orgs, users)
	if err != nil {
		return nil, err
	}
	if err := seedNetworks(ctx, orgs, users, networks); err != nil {
		return nil, err
	}
	if err := seedForums(ctx, users, forums); err != nil {
		return nil, err
	}
	return logins, nil
}

func seedPeople(ctx context.Context, orgs *org.Service, users *user.Service) ([]Login, error) {
	logins := make([]Login, 0, len(people))
	for _, p := range people {
		logins = append(logins, Login{Name: p.name, Email: p.email, About: p.about})
		_, err := users.ByEmail(ctx, p.email)
		if err == nil {
			continue
		}
		if !errors.Is(err, apperr.ErrNotFound) {
			return nil, err
		}
		o, err := orgs.ByKey(ctx, p.orgKey)
		if err != nil {
			return nil, fmt.Errorf("demo organisation %s: %w", p.orgKey, err)
		}
		_, err = users.Create(ctx, user.NewUser{Email: p.email, Name: p.name, OrgID: o.ID, JobTitle: p.jobTitle,
			JobField: p.jobField, SiteRole: p.role, Language: "nb", Password: Password})
		if err != nil {
			return nil, fmt.Errorf("demo user %s: %w", p.email, err)
		}
	}
	return logins, nil
}

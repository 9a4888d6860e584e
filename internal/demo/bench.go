package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/user"
)

// BenchPassword is every benchmark account's password.
const BenchPassword = "bench-password-2026"

// BenchEmail is the email of benchmark account i (1-based).
func BenchEmail(i int) string { return fmt.Sprintf("bench-%06d@bench.samspill.no", i) }

// SeedBench adds benchmark accounts 1..n that do not exist yet, spread over the
// municipalities, and reports how many it added. All share one password hash:
// hashing n passwords would take minutes and measure nothing.
func SeedBench(ctx context.Context, orgs *org.Service, users *user.Service, n int) (int, error) {
	var municipalities []org.Org
	cursor := ""
	for {
		page, err := orgs.List(ctx, org.ListInput{Kind: org.KindMunicipality, Limit: 100, Cursor: cursor})
		if err != nil {
			return 0, err
		}
		municipalities = append(municipalities, page.Items...)
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	if len(municipalities) == 0 {
		return 0, errors.New("no municipalities: reference data missing")
	}
	hash, err := auth.HashPassword(BenchPassword)
	if err != nil {
		return 0, err
	}
	added := 0
	for i := 1; i <= n; i++ {
		email := BenchEmail(i)
		if _, err := users.ByEmail(ctx, email); err == nil {
			continue
		} else if !errors.Is(err, apperr.ErrNotFound) {
			return added, err
		}
		o := municipalities[i%len(municipalities)]
		_, err := users.CreateWithHash(ctx, user.NewUser{Email: email, Name: fmt.Sprintf("Benk Bruker %d", i),
			OrgID: o.ID, JobField: user.JobCultureHead, SiteRole: auth.RoleMember, Language: "nb"}, hash)
		if err != nil {
			return added, fmt.Errorf("bench user %d: %w", i, err)
		}
		added++
	}
	return added, nil
}

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

// BigNetworkSlug is the benchmark network whose member directory make bench reads.
const BigNetworkSlug = "benknettverk-stort"

// SeedBenchNetworks adds n benchmark networks owned by bench user 1 (made a KS
// adviser), spread over topics, counties and visibilities, and one open network
// whose members are bench users 1..members. It skips what exists and reports how
// many networks it added.
func SeedBenchNetworks(ctx context.Context, users *user.Service, networks *network.Service, n, members int) (int, error) {
	owner, err := users.ByEmail(ctx, BenchEmail(1))
	if err != nil {
		return 0, fmt.Errorf("bench user 1 (seed users first): %w", err)
	}
	if err := users.SetRole(ctx, owner.ID, auth.RoleAdviser); err != nil {
		return 0, err
	}
	as := auth.WithPrincipal(ctx, auth.Principal{UserID: owner.ID, Role: auth.RoleAdviser})
	counties := []string{"03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"}
	visibilities := []network.Visibility{network.Open, network.OnRequest, network.Open, network.Closed}
	added := 0
	create := func(in network.NetworkInput) error {
		if _, err := networks.Get(as, in.Slug); err == nil {
			return nil
		} else if !errors.Is(err, apperr.ErrNotFound) {
			return err
		}
		if _, err := networks.Create(as, in); err != nil {
			return fmt.Errorf("bench network %s: %w", in.Slug, err)
		}
		added++
		return nil
	}
	for i := 1; i <= n; i++ {
		in := network.NetworkInput{
			Name:        fmt.Sprintf("Benknettverk %04d", i),
			Slug:        fmt.Sprintf("benknettverk-%04d", i),
			Description: "Et nettverk for å måle hvor raskt katalogen svarer.",
			Topics:      []string{network.Topics[i%len(network.Topics)]},
			Visibility:  visibilities[i%len(visibilities)],
		}
		if i%10 == 0 {
			in.National = true
		} else {
			in.Counties = []string{counties[i%len(counties)]}
		}
		if err := create(in); err != nil {
			return added, err
		}
	}
	if err := create(network.NetworkInput{Name: "Benknettverk stort", Slug: BigNetworkSlug, Visibility: network.Open,
		National: true, Topics: []string{"culture_planning"}, Description: "Det store nettverket i make bench."}); err != nil {
		return added, err
	}
	for i := 2; i <= members; i++ {
		u, err := users.ByEmail(ctx, BenchEmail(i))
		if err != nil {
			return added, fmt.Errorf("bench user %d: %w", i, err)
		}
		if err := networks.AddMemberDirectly(ctx, BigNetworkSlug, u.ID, network.Member); err != nil {
			return added, err
		}
	}
	return added, nil
}

// BenchLongThread is the title of the benchmark thread with many posts.
const BenchLongThread = "Benktråd med mange innlegg"

// SeedBenchForum fills the big benchmark network's forum: threads × posts, and
// one thread of longPosts posts. Posts are written by bench users 1..20 in turn
// through the real service, so counters, numbering and rendering are as in use.
// It does nothing when the forum already has threads.
func SeedBenchForum(ctx context.Context, users *user.Service, forums *forum.Service, threads, posts, longPosts int) (int, error) {
	authors := make([]context.Context, 0, 20)
	for i := 1; i <= 20; i++ {
		u, err := users.ByEmail(ctx, BenchEmail(i))
		if err != nil {
			return 0, fmt.Errorf("bench user %d (seed users and networks first): %w", i, err)
		}
		authors = append(authors, auth.WithPrincipal(ctx, auth.Principal{UserID: u.ID, Role: u.SiteRole}))
	}
	owner := authors[0]
	cats, err := forums.Categories(owner, BigNetworkSlug)
	if err != nil {
		return 0, err
	}
	if len(cats) > 0 {
		return 0, nil
	}
	var categoryIDs []string
	for _, name := range []string{"Generelt", "Spørsmål og svar", "Kulturplan", "Kulturskole", "Bibliotek"} {
		c, err := forums.CreateCategory(owner, BigNetworkSlug, forum.CategoryInput{Name: name})
		if err != nil {
			return 0, err
		}
		categoryIDs = append(categoryIDs, c.ID)
	}
	const body = "Vi har jobbet med dette i kommunen i et år nå. **Erfaringene** er gode, men vi trenger " +
		"bedre rutiner for samarbeid med skolene. Hvordan har dere organisert det?\n\n- punkt én\n- punkt to"
	total := 0
	thread := func(title string, n int, i int) error {
		kind := forum.Discussion
		if i%3 == 0 {
			kind = forum.Question
		}
		th, err := forums.CreateThread(authors[i%len(authors)], BigNetworkSlug, forum.NewThread{
			CategoryID: categoryIDs[i%len(categoryIDs)], Kind: kind, Title: title, Body: body})
		if err != nil {
			return err
		}
		total++
		for j := 1; j < n; j++ {
			if _, err := forums.Reply(authors[(i+j)%len(authors)], th.ID, forum.ReplyInput{Body: fmt.Sprintf("Svar %d: %s", j, body)}); err != nil {
				return err
			}
			total++
		}
		return nil
	}
	for i := 0; i < threads; i++ {
		if err := thread(fmt.Sprintf("Benktråd %05d om kulturarbeid", i+1), posts, i); err != nil {
			return total, err
		}
	}
	if longPosts > 0 {
		if err := thread(BenchLongThread, longPosts, 1); err != nil {
			return total, err
		}
	}
	return total, nil
}

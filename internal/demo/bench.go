package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/library"
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
	total := 0
	thread := func(title string, n int, i int) error {
		kind := forum.Discussion
		if i%3 == 0 {
			kind = forum.Question
		}
		th, err := forums.CreateThread(authors[i%len(authors)], BigNetworkSlug, forum.NewThread{
			CategoryID: categoryIDs[i%len(categoryIDs)], Kind: kind, Title: title, Body: benchBody(i, 0)})
		if err != nil {
			return err
		}
		total++
		for j := 1; j < n; j++ {
			if _, err := forums.Reply(authors[(i+j)%len(authors)], th.ID, forum.ReplyInput{Body: benchBody(i, j)}); err != nil {
				return err
			}
			total++
		}
		return nil
	}
	for i := 0; i < threads; i++ {
		if err := thread(fmt.Sprintf("Benktråd %05d om %s", i+1, benchTopics[i%len(benchTopics)]), posts, i); err != nil {
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

// SeedBenchLibrary fills the big benchmark network's library with n
// resources through the real service, spread over kinds, topics, years and
// the authors' organisations (bench users 1..20 in turn). Every fourth is a
// file, the same small PDF each time, so the blob store keeps one copy and
// the seeding measures the database; the rest are web links. It does nothing
// when the library already has resources.
func SeedBenchLibrary(ctx context.Context, users *user.Service, lib *library.Service, n int) (int, error) {
	authors := make([]context.Context, 0, 20)
	for i := 1; i <= 20; i++ {
		u, err := users.ByEmail(ctx, BenchEmail(i))
		if err != nil {
			return 0, fmt.Errorf("bench user %d (seed users and networks first): %w", i, err)
		}
		authors = append(authors, auth.WithPrincipal(ctx, auth.Principal{UserID: u.ID, Role: u.SiteRole}))
	}
	existing, err := lib.Resources(authors[0], BigNetworkSlug, library.ListInput{Limit: 1})
	if err != nil {
		return 0, err
	}
	if len(existing.Items) > 0 {
		return 0, nil
	}
	pdf := demoPDF("Benkdokument", "Et lite dokument som mange ressurser deler.")
	topics := network.Topics
	for i := 0; i < n; i++ {
		in := library.ResourceInput{
			Title:       fmt.Sprintf("Benkressurs %05d – %s", i+1, []string{"kulturplan", "rapport", "søknadsmal", "veileder", "presentasjon"}[i%5]),
			Description: "Et dokument for å måle hvor raskt biblioteket svarer.",
			Kind:        library.Kinds[i%len(library.Kinds)],
			Topics:      []string{topics[i%len(topics)], topics[(i/7)%len(topics)]},
			Year:        2015 + i%12,
			Licence:     library.Licences[i%len(library.Licences)],
		}
		if in.Topics[0] == in.Topics[1] {
			in.Topics = in.Topics[:1]
		}
		who := authors[i%len(authors)]
		if i%4 == 0 {
			_, err = lib.CreateFile(who, BigNetworkSlug, in, fmt.Sprintf("benk-%05d.pdf", i+1), bytes.NewReader(pdf))
		} else {
			in.Link = fmt.Sprintf("https://example.no/benk/%d", i+1)
			_, err = lib.CreateLink(who, BigNetworkSlug, in)
		}
		if err != nil {
			return i, fmt.Errorf("bench resource %d: %w", i+1, err)
		}
	}
	return n, nil
}

// The benchmark's posts are varied like real ones, so a search matches some of
// them rather than all: three sentences from a pool and a topic word, chosen by
// the thread and post number.
var (
	benchTopics = []string{"kulturplan", "venteliste", "bibliotekplan", "frivillighet", "tilskudd", "kulturhus",
		"korps", "den kulturelle skolesekken", "museum", "kulturminner", "meråpent bibliotek", "rammeplan",
		"kulturkort", "folkehelse", "integrering", "lokalhistorie", "festival", "scenekunst", "leseløft", "arrangement"}
	benchSentences = []string{
		"Vi har jobbet med %s i kommunen i et år nå.",
		"Erfaringene med %s er gode, men vi trenger bedre rutiner.",
		"Hvordan har dere organisert arbeidet med %s?",
		"Kulturskolen samarbeider med grunnskolen om %s.",
		"Biblioteket har fått ny plan for %s etter høringen.",
		"Frivillige lag og foreninger spør om %s hvert år.",
		"Vi søkte fylkeskommunen om midler til %s.",
		"Kommunestyret vedtok en ny strategi for %s i juni.",
		"Har noen en mal for %s som vi kan bruke?",
		"Eg lurer på korleis de har løyst %s hos dykk.",
		"Ungdomsrådet ønsker mer %s i sentrum.",
		"Det kom mange innspill om %s på samlingen i Bergen.",
		"Rapporten om %s viser at tilbudet er ujevnt fordelt.",
		"Vi har lang venteliste, og %s hjelper lite.",
		"Budsjettet for %s ble kuttet med ti prosent.",
		"Museet vil gjerne samarbeide om %s med skolene.",
	}
)

func benchBody(thread, post int) string {
	topic := benchTopics[(thread*7+post*3)%len(benchTopics)]
	var b []string
	for k := 0; k < 3; k++ {
		b = append(b, fmt.Sprintf(benchSentences[(thread*5+post*11+k*3)%len(benchSentences)], topic))
	}
	return strings.Join(b, " ")
}

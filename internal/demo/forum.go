package demo

import (
	"context"
	"fmt"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/user"
)

type demoPost struct {
	author string // email
	body   string
	react  []string // emails of people who find it helpful
}

type demoThread struct {
	category, title string
	kind            forum.Kind
	posts           []demoPost // the first is the opening post
	accept          int        // index of the accepted answer, 0 for none
	pin             bool
}

type demoForum struct {
	network    string
	categories []string
	threads    []demoThread
}

func demoForums() []demoForum {
	c := colleagueEmail
	const ola, ingridE, kariE, perE = "ola.berg@demo.samspill.no", "ingrid.haugen@demo.samspill.no", "kari.nordmann@demo.samspill.no", "per.olsen@demo.samspill.no"
	return []demoForum{
		{
			network:    "kulturskoleledere-i-vestland",
			categories: []string{"Spørsmål og svar", "Rammeplan og undervisning", "Samlinger"},
			threads: []demoThread{
				{category: "Samlinger", title: "Velkommen til nettverket – les dette først", kind: forum.Discussion, pin: true,
					posts: []demoPost{{author: ingridE, body: "Velkommen! Her deler vi erfaringer fra kulturskolene i Vestland.\n\n" +
						"- Still spørsmål i **Spørsmål og svar**\n- Merk svaret som hjalp deg som godkjent svar\n- Neste samling er i Bergen i mars"}}},
				{category: "Spørsmål og svar", title: "Ventelister i kulturskolen – hvordan prioriterer dere?", kind: forum.Question, accept: 1,
					posts: []demoPost{
						{author: ola, body: "Vi har nå **140 elever** på venteliste, mest på piano og gitar. Hvordan prioriterer dere? " +
							"Søskenmoderasjon, loddtrekning eller ansiennitet?"},
						{author: c(1), body: "Vi gikk over til loddtrekning i fjor, men gir plass først til elever som står i kø til et " +
							"instrument kulturskolen trenger i korps og orkester. Det har gjort ventelista mer rettferdig.", react: []string{ola, c(2), c(3)}},
						{author: c(2), body: "Hos oss prioriterer vi elever som ikke har andre fritidstilbud i nærmiljøet. Vi samarbeider med NAV om friplasser."},
					}},
				{category: "Rammeplan og undervisning", title: "Samarbeid med grunnskolen om kulturskoletimen", kind: forum.Discussion,
					posts: []demoPost{
						{author: c(2), body: "Er det flere som har prøvd kulturskoletime i SFO? Vi starter opp etter jul og vil gjerne høre erfaringer."},
						{author: c(4), body: "Ja! Vi har hatt det i to år. Viktigst: én fast kontaktperson på hver skole.", react: []string{c(2)}},
						{author: ola, body: "Vi lagde en enkel avtalemal for samarbeidet. Jeg kan dele den i biblioteket når det er på plass."},
					}},
			},
		},
		{
			network:    "bibliotekutvikling-nord",
			categories: []string{"Generelt", "Samisk litteratur og formidling"},
			threads: []demoThread{
				{category: "Generelt", title: "Meråpent bibliotek – erfaringer med selvbetjening?", kind: forum.Question,
					posts: []demoPost{
						{author: c(10), body: "Vi vurderer meråpent bibliotek i Bodø. Hvordan har dere løst tilsyn på kveldstid?"},
						{author: c(12), body: "Narvik har hatt meråpent i tre år. Kameraovervåking av inngangen og tydelige regler har fungert godt."},
					}},
				{category: "Samisk litteratur og formidling", title: "Nye bøker på nordsamisk høsten 2026", kind: forum.Discussion,
					posts: []demoPost{{author: c(8), body: "Tips gjerne om nye bøker på nordsamisk som egner seg for høytlesning for barn."}}},
			},
		},
		{
			network:    "kultur-for-framtida-medlemsdialog",
			categories: []string{"Medlemsdialog"},
			threads: []demoThread{
				{category: "Medlemsdialog", title: "Innspill: hva trenger dere fra KS i kulturarbeidet?", kind: forum.Discussion,
					posts: []demoPost{
						{author: ingridE, body: "KS vil styrke kompetansedeling og nettverk på kulturfeltet. Hva trenger dere mest: nettverk, kurs eller maler?"},
						{author: kariE, body: "I en liten kommune er jeg alene om kultur. Nettverk med kolleger i fylket betyr mest for meg.", react: []string{ingridE, perE}},
						{author: perE, body: "Fra Kulturrådet: vi deltar gjerne og svarer på spørsmål om tilskuddsordningene."},
					}},
			},
		},
	}
}

// seedForums adds the demo forum content to demo networks that have none yet.
func seedForums(ctx context.Context, users *user.Service, forums *forum.Service) error {
	as := func(email string) (context.Context, error) {
		u, err := users.ByEmail(ctx, email)
		if err != nil {
			return nil, fmt.Errorf("demo author %s: %w", email, err)
		}
		return auth.WithPrincipal(ctx, auth.Principal{UserID: u.ID, Role: u.SiteRole}), nil
	}
	ingrid, err := as("ingrid.haugen@demo.samspill.no")
	if err != nil {
		return err
	}
	for _, f := range demoForums() {
		existing, err := forums.Categories(ingrid, f.network)
		if err != nil {
			return fmt.Errorf("demo forum %s: %w", f.network, err)
		}
		if len(existing) > 0 {
			continue // seeded on an earlier start
		}
		categories := map[string]string{}
		for _, name := range f.categories {
			c, err := forums.CreateCategory(ingrid, f.network, forum.CategoryInput{Name: name})
			if err != nil {
				return err
			}
			categories[name] = c.ID
		}
		for _, t := range f.threads {
			author, err := as(t.posts[0].author)
			if err != nil {
				return err
			}
			th, err := forums.CreateThread(author, f.network, forum.NewThread{CategoryID: categories[t.category], Kind: t.kind,
				Title: t.title, Body: t.posts[0].body})
			if err != nil {
				return fmt.Errorf("demo thread %q: %w", t.title, err)
			}
			var postIDs []string
			for _, p := range t.posts[1:] {
				ctxAuthor, err := as(p.author)
				if err != nil {
					return err
				}
				reply, err := forums.Reply(ctxAuthor, th.ID, forum.ReplyInput{Body: p.body})
				if err != nil {
					return fmt.Errorf("demo reply in %q: %w", t.title, err)
				}
				postIDs = append(postIDs, reply.ID)
				for _, email := range p.react {
					reactor, err := as(email)
					if err != nil {
						return err
					}
					if err := forums.React(reactor, reply.ID, forum.ReactInput{Reaction: "helpful"}); err != nil {
						return err
					}
				}
			}
			if t.accept > 0 {
				if _, err := forums.Accept(author, th.ID, postIDs[t.accept-1]); err != nil {
					return err
				}
			}
			if t.pin {
				pinned := true
				if _, err := forums.Moderate(ingrid, th.ID, forum.ModerateInput{Pinned: &pinned}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

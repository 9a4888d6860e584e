package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/user"
)

// colleague is a demo member who only fills directories (same demo password).
type colleague struct {
	name, municipality, jobTitle string
	jobField                     user.JobField
}

// colleagues are spread over real municipalities so directories and the county
// coverage view show something.
var colleagues = []colleague{
	{"Marit Lie", "4614", "Kulturskolerektor", user.JobCultureSchoolLeader},             // Stord
	{"Jon Håkonsen", "4601", "Rektor, Bergen kulturskole", user.JobCultureSchoolLeader}, // Bergen
	{"Siv Aarre", "4640", "Kulturskoleleiar", user.JobCultureSchoolLeader},              // Sogndal
	{"Eirik Nesheim", "4647", "Kultursjef", user.JobCultureHead},                        // Sunnfjord
	{"Gunn Vik", "4602", "Kulturskolerektor", user.JobCultureSchoolLeader},              // Kinn
	{"Trond Myklebust", "4650", "Kulturskoleleiar", user.JobCultureSchoolLeader},        // Gloppen
	{"Hilde Bjørke", "4626", "Kulturskulerektor", user.JobCultureSchoolLeader},          // Øygarden
	{"Anne Marie Tveit", "4613", "Kulturleiar", user.JobCultureHead},                    // Bømlo
	{"Mari Sara", "5612", "Biblioteksjef", user.JobLibrarian},                           // Kautokeino
	{"Nils Aslak Eira", "5610", "Bibliotekar", user.JobLibrarian},                       // Karasjok
	{"Linn Pedersen", "1804", "Biblioteksjef", user.JobLibrarian},                       // Bodø
	{"Tor Arne Olsen", "5501", "Avdelingsleder, Tromsø bibliotek", user.JobLibrarian},   // Tromsø
	{"Kristin Johansen", "1806", "Bibliotekleder", user.JobLibrarian},                   // Narvik
	{"Ragnhild Berg", "5601", "Kulturleder", user.JobCultureHead},                       // Alta
	{"Sverre Hansen", "1820", "Bibliotekar", user.JobLibrarian},                         // Alstahaug
	{"Ingvild Strand", "3205", "Kultursjef", user.JobCultureHead},                       // Lillestrøm
	{"Petter Nygård", "3403", "Museumsleder", user.JobMuseumHeritage},                   // Hamar
	{"Camilla Dahl", "1103", "Frivilligkoordinator", user.JobVolunteering},              // Stavanger
	{"Ahmed Karimi", "0301", "Rådgiver kultur", user.JobAdviser},                        // Oslo
	{"Elin Solberg", "5001", "Kultursjef", user.JobCultureHead},                         // Trondheim
}

func colleagueEmail(i int) string { return fmt.Sprintf("kollega-%02d@demo.samspill.no", i+1) }

type demoNetwork struct {
	input   network.NetworkInput
	members []string // emails of demo people
	pending []string // emails that have asked to join
}

func demoNetworks() []demoNetwork {
	c := func(i int) string { return colleagueEmail(i) }
	return []demoNetwork{
		{
			input: network.NetworkInput{Name: "Kulturskoleledere i Vestland", Visibility: network.OnRequest,
				Topics: []string{"culture_school", "arts_for_children"}, Counties: []string{"46"},
				Description: "Nettverk for rektorer og ledere i kulturskolene i Vestland.\n\n" +
					"Vi deler erfaringer om **ventelister**, opptak, samarbeid med grunnskolen og rammeplanen. " +
					"Nettverket drives av KS, og vi møtes på samlinger to ganger i året."},
			members: []string{"ola.berg@demo.samspill.no", c(1), c(2), c(3), c(4), c(5), c(6), c(7)},
			pending: []string{c(0)},
		},
		{
			input: network.NetworkInput{Name: "Bibliotekutvikling Nord", Visibility: network.Open,
				Topics: []string{"library", "participation_inclusion"}, Counties: []string{"18", "55", "56"},
				Description: "Åpent nettverk for folkebibliotekene i Nordland, Troms og Finnmark.\n\n" +
					"- bibliotekplaner og meråpne bibliotek\n- samisk litteratur og formidling\n- arrangementer og skolesamarbeid"},
			members: []string{c(8), c(9), c(10), c(11), c(12), c(13), c(14), "per.olsen@demo.samspill.no"},
		},
		{
			input: network.NetworkInput{Name: "Kultur for framtida – medlemsdialog", Visibility: network.Closed, National: true,
				Topics: []string{"culture_planning", "participation_inclusion"},
				Description: "Lukket nettverk for medlemsdialogen *Kultur for framtida*: hvordan kan KS løfte lokal og " +
					"regional kulturpolitikk, og styrke samarbeidet mellom kommuner, fylkeskommuner og staten?"},
			members: []string{"kari.nordmann@demo.samspill.no", "per.olsen@demo.samspill.no", c(15), c(18), c(19)},
		},
		{
			input: network.NetworkInput{Name: "Museum og kulturarv i Innlandet", Visibility: network.Open,
				Topics: []string{"museum_heritage"}, Counties: []string{"34"},
				Description: "For alle som arbeider med museer, kulturminner og lokalhistorie i Innlandet."},
			members: []string{c(16)},
		},
	}
}

// seedNetworks creates the demo colleagues and networks that do not exist yet,
// with KS adviser Ingrid Haugen as their owner.
func seedNetworks(ctx context.Context, orgs *org.Service, users *user.Service, networks *network.Service) error {
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return err
	}
	for i, c := range colleagues {
		if _, err := users.ByEmail(ctx, colleagueEmail(i)); err == nil {
			continue
		} else if !errors.Is(err, apperr.ErrNotFound) {
			return err
		}
		o, err := orgs.ByKey(ctx, "municipality:"+c.municipality)
		if err != nil {
			return fmt.Errorf("demo municipality %s: %w", c.municipality, err)
		}
		if _, err := users.CreateWithHash(ctx, user.NewUser{Email: colleagueEmail(i), Name: c.name, OrgID: o.ID,
			JobTitle: c.jobTitle, JobField: c.jobField, SiteRole: auth.RoleMember, Language: "nb"}, hash); err != nil {
			return fmt.Errorf("demo colleague %s: %w", c.name, err)
		}
	}
	ingrid, err := users.ByEmail(ctx, "ingrid.haugen@demo.samspill.no")
	if err != nil {
		return err
	}
	asIngrid := auth.WithPrincipal(ctx, auth.Principal{UserID: ingrid.ID, Role: ingrid.SiteRole})
	for _, d := range demoNetworks() {
		slug := network.Slugify(d.input.Name)
		if _, err := networks.Get(asIngrid, slug); errors.Is(err, apperr.ErrNotFound) {
			if _, err := networks.Create(asIngrid, d.input); err != nil {
				return fmt.Errorf("demo network %s: %w", d.input.Name, err)
			}
		} else if err != nil {
			return err
		} else {
			continue // seeded on an earlier start
		}
		for _, email := range d.members {
			u, err := users.ByEmail(ctx, email)
			if err != nil {
				return err
			}
			if err := networks.AddMemberDirectly(ctx, slug, u.ID, network.Member); err != nil {
				return err
			}
		}
		for _, email := range d.pending {
			u, err := users.ByEmail(ctx, email)
			if err != nil {
				return err
			}
			asThem := auth.WithPrincipal(ctx, auth.Principal{UserID: u.ID, Role: u.SiteRole})
			if _, err := networks.RequestToJoin(asThem, slug, network.RequestInput{
				Message: "Hei! Jeg er ny kulturskolerektor og vil gjerne være med i nettverket."}); err != nil {
				return err
			}
		}
	}
	return nil
}

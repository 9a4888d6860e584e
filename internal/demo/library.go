package demo

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/library"
	"github.com/samspill/samspill/internal/user"
)

type demoResource struct {
	uploader string // email
	input    library.ResourceInput
	fileName string // "" for a web link
	file     []byte
}

type demoLibrary struct {
	network     string
	resources   []demoResource
	collections []struct {
		name, description string
		titles            []string
	}
}

func demoLibraries() []demoLibrary {
	const ola, ingridE, kariE = "ola.berg@demo.samspill.no", "ingrid.haugen@demo.samspill.no", "kari.nordmann@demo.samspill.no"
	vestland := demoLibrary{network: "kulturskoleledere-i-vestland", resources: []demoResource{
		{uploader: ingridE, fileName: "Kulturplan 2025–2030 (mal).pdf", file: demoPDF("Kulturplan 2025–2030 (mal)",
			"1. Innledning og mål for kulturfeltet", "2. Kulturskolen: tilbud, ventelister og opptak",
			"3. Bibliotek, kulturhus og frivillighet", "4. Tiltak, ansvar og økonomi 2025–2030"),
			input: library.ResourceInput{Title: "Kulturplan 2025–2030 (mal)", Kind: "template", Licence: "cc_by_4", Year: 2025,
				Topics:      []string{"culture_planning", "culture_school"},
				Description: "En mal for **kommunal kulturplan** med kapitler for kulturskole, bibliotek og frivillighet. Fyll inn og tilpass."}},
		{uploader: ola, fileName: "Avtalemal kulturskoletime i SFO.txt", file: []byte("AVTALE OM KULTURSKOLETIME I SFO\r\n\r\n" +
			"Partene: ____ kulturskole og ____ skole/SFO\r\n\r\n1. Formål\r\n2. Kontaktpersoner (én fast på hver skole)\r\n" +
			"3. Timeplan og rom\r\n4. Økonomi\r\n5. Evaluering etter første halvår\r\n"),
			input: library.ResourceInput{Title: "Avtalemal for kulturskoletime i SFO", Kind: "template", Licence: "public_sector_reuse", Year: 2026,
				Topics:      []string{"culture_school", "arts_for_children"},
				Description: "Avtalemalen vi bruker på Voss for samarbeidet mellom kulturskolen og SFO."}},
		{uploader: ingridE, input: library.ResourceInput{Title: "Rammeplan for kulturskolen", Kind: "guide", Licence: "all_rights_reserved",
			Topics: []string{"culture_school"}, Link: "https://www.kulturskoleradet.no/rammeplan",
			Description: "Kulturskolerådets rammeplan «Mangfold og fordypning»."}},
	}}
	vestland.collections = append(vestland.collections, struct {
		name, description string
		titles            []string
	}{"Maler for søknader", "Maler og avtaler andre kommuner har delt.", []string{"Kulturplan 2025–2030 (mal)", "Avtalemal for kulturskoletime i SFO"}})
	return []demoLibrary{
		vestland,
		{network: "bibliotekutvikling-nord", resources: []demoResource{
			{uploader: colleagueEmail(12), fileName: "Besøk meråpne bibliotek 2025.csv",
				file: []byte("kommune;bibliotek;besøk betjent;besøk meråpent\nNarvik;Narvik bibliotek;41200;9800\nBodø;Stormen bibliotek;188000;22500\n"),
				input: library.ResourceInput{Title: "Besøkstall for meråpne bibliotek 2025", Kind: "report", Licence: "cc_by_4", Year: 2025,
					Topics: []string{"library"}, Description: "Besøk i betjent og meråpen tid, fra bibliotekstatistikken."}},
			{uploader: colleagueEmail(10), input: library.ResourceInput{Title: "Nasjonal bibliotekstrategi", Kind: "plan",
				Licence: "public_sector_reuse", Topics: []string{"library", "participation_inclusion"},
				Link: "https://www.regjeringen.no/no/dokumenter/nasjonal-bibliotekstrategi/id2832045/"}},
		}},
		{network: "kultur-for-framtida-medlemsdialog", resources: []demoResource{
			{uploader: kariE, fileName: "Innspill Fyresdal.pdf", file: demoPDF("Innspill fra Fyresdal kommune",
				"Nettverk med kolleger i fylket betyr mest for en liten kommune.", "Vi ønsker maler for kulturplan og søknader."),
				input: library.ResourceInput{Title: "Innspill til medlemsdialogen fra Fyresdal", Kind: "report", Licence: "all_rights_reserved", Year: 2026,
					Topics: []string{"culture_planning"}}},
		}},
	}
}

// SeedLibrary adds the demo libraries' resources and collections through the
// real service, to demo networks whose library is still empty.
func SeedLibrary(ctx context.Context, users *user.Service, lib *library.Service) error {
	as := func(email string) (context.Context, error) {
		u, err := users.ByEmail(ctx, email)
		if err != nil {
			return nil, fmt.Errorf("demo uploader %s: %w", email, err)
		}
		return auth.WithPrincipal(ctx, auth.Principal{UserID: u.ID, Role: u.SiteRole}), nil
	}
	ingrid, err := as("ingrid.haugen@demo.samspill.no")
	if err != nil {
		return err
	}
	for _, l := range demoLibraries() {
		existing, err := lib.Resources(ingrid, l.network, library.ListInput{Limit: 1})
		if err != nil {
			return fmt.Errorf("demo library %s: %w", l.network, err)
		}
		if len(existing.Items) > 0 {
			continue // seeded on an earlier start
		}
		ids := map[string]string{}
		for _, r := range l.resources {
			who, err := as(r.uploader)
			if err != nil {
				return err
			}
			var v library.ResourceView
			if r.fileName == "" {
				v, err = lib.CreateLink(who, l.network, r.input)
			} else {
				v, err = lib.CreateFile(who, l.network, r.input, r.fileName, bytes.NewReader(r.file))
			}
			if err != nil {
				return fmt.Errorf("demo resource %q: %w", r.input.Title, err)
			}
			ids[r.input.Title] = v.ID
		}
		for _, c := range l.collections {
			in := library.CollectionInput{Name: c.name, Description: c.description}
			for _, t := range c.titles {
				in.ResourceIDs = append(in.ResourceIDs, ids[t])
			}
			if _, err := lib.CreateCollection(ingrid, l.network, in); err != nil {
				return fmt.Errorf("demo collection %q: %w", c.name, err)
			}
		}
	}
	return nil
}

// demoPDF makes a one-page PDF with a title and lines of text in Helvetica
// (WinAnsi encoding, so æ, ø, å and dashes show).
func demoPDF(title string, lines ...string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 20 Tf 72 760 Td (" + pdfText(title) + ") Tj ET\n")
	for i, l := range lines {
		fmt.Fprintf(&content, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", 720-22*i, pdfText(l))
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// pdfText writes s as a PDF string in WinAnsi: Latin-1 letters as bytes,
// dashes as their WinAnsi codes, the string's own delimiters escaped.
func pdfText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '–':
			b.WriteByte(0x96)
		case r == '—':
			b.WriteByte(0x97)
		case r == '«':
			b.WriteByte(0xab)
		case r == '»':
			b.WriteByte(0xbb)
		case r < 0x100:
			b.WriteByte(byte(r))
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

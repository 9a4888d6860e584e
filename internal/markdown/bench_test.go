package markdown

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// realisticDoc returns a network description / forum post of at least n
// runes: Norwegian prose with headings, lists, links, autolinks, a table,
// code and quotes, as users write them.
func realisticDoc(n int) string {
	var b strings.Builder
	for i := 1; utf8.RuneCountInString(b.String()) < n; i++ {
		fmt.Fprintf(&b, `## Samling %d: erfaringer fra nettverket

Vi møttes på **rådhuset** i Ålesund og gikk gjennom status for *digitalisering av byggesak*.
Referatet ligger på [nettverkssiden](/nettverk/%d/referat) og presentasjonen på
https://kommune.no/byggesak/%d.pdf. Spørsmål kan sendes til post@kommune.no eller til
[sekretariatet](mailto:sekretariat@ks.no "Sekretariatet i KS").

> «Vi hadde aldri klart dette alene», sa prosjektlederen.
> Neste steg er å dele maler på tvers av kommunene.

### Vedtak

1. Arbeidsgruppen fortsetter ut %d.
2. Hver kommune melder inn **én** kontaktperson.
3. Vi bruker ~~e-post~~ forumet til diskusjon.

- [x] Sende ut referat
- [ ] Oppdatere malene
- [ ] Avtale neste møte, se www.ks.no/arrangement

| Kommune | Deltakere | Status |
|:--------|----------:|:------:|
| Ålesund | 4 | ferdig |
| Bodø | 2 | i gang |
| Tromsø | 3 | planlagt |

Eksempel på uttrekk fra fagsystemet:

`+"```sql"+`
SELECT saksnr, tittel FROM byggesak WHERE status = 'åpen' AND kommune < 5000;
`+"```"+`

Husk at `+"`<tittel>`"+` må fylles ut, og at skjemaet krever **samtykke** før innsending. Les mer i
veilederen[^1] eller på ![skjermbilde av skjemaet](/bilder/skjema-%d.png).

---

`, i, i, i, 2024+i%3, i)
	}
	return b.String()
}

func TestRealisticDocRendersSafely(t *testing.T) {
	doc := realisticDoc(50_000)
	out := Render(doc)
	if err := checkSafe(out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h4>Samling 1:", "<table>", `<a href="https://kommune.no/byggesak/1.pdf" ` + rel, "☑ Sende ut referat", "<code class=\"language-sql\">"} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered document lacks %q", want)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	doc := realisticDoc(50_000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Render(doc)
	}
}

func BenchmarkPlain(b *testing.B) {
	doc := realisticDoc(50_000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Plain(doc, 200)
	}
}

// BenchmarkRenderPathological is the worst of what we know (see
// TestRenderPathological), for comparison with BenchmarkRender.
func BenchmarkRenderPathological(b *testing.B) {
	cases := pathological(50_000)
	for _, name := range []string{"blockquotes", "unclosed links", "nested lists"} {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			for b.Loop() {
				_ = Render(cases[name])
			}
		})
	}
}

package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// zipOf builds a zip container from name → content.
func zipOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := z.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[i+1]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pdfOf writes a minimal, valid PDF with one line of text per page (WinAnsi
// encoded, so æ, ø and å are bytes 0xe6, 0xf8, 0xe5).
func pdfOf(pages ...string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	n := len(pages)
	// 1 catalog, 2 pages, 3 font, then a page and a content stream per page.
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i, text := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		win := strings.NewReplacer("æ", "\\346", "ø", "\\370", "å", "\\345", "Æ", "\\306", "Ø", "\\330", "Å", "\\305").Replace(text)
		stream := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", win)
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

func extract(t *testing.T, data []byte, mediaType string, lim Limits) (string, error) {
	t.Helper()
	return Text(context.Background(), bytes.NewReader(data), int64(len(data)), mediaType, lim)
}

func TestFormats(t *testing.T) {
	docx := zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml",
		`<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Kulturplan for</w:t></w:r><w:r><w:t xml:space="preserve"> Voss herad</w:t></w:r></w:p><w:p><w:r><w:t>Mål og tiltak</w:t></w:r></w:p></w:body></w:document>`)
	pptx := zipOf(t, "ppt/slides/slide2.xml", `<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>Andre lysbilde</a:t></a:r></a:p></p:sld>`,
		"ppt/slides/slide1.xml", `<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>Første lysbilde</a:t></a:r></a:p></p:sld>`,
		"ppt/slides/slide10.xml", `<p:sld xmlns:a="a"><a:p><a:t>Tiende</a:t></a:p></p:sld>`)
	xlsx := zipOf(t, "xl/sharedStrings.xml", `<sst><si><t>Budsjett</t></si><si><r><t>Kulturhus</t></r><r><t>leie</t></r></si></sst>`)
	odt := zipOf(t, "mimetype", ODT, "content.xml",
		`<office:document-content xmlns:office="o" xmlns:text="t"><office:body><text:h>Bibliotekplan</text:h><text:p>Meråpent bibliotek<text:tab/>i Narvik</text:p></office:body></office:document-content>`)
	for _, c := range []struct {
		name, mediaType string
		data            []byte
		want            string
	}{
		{"docx", DOCX, docx, "Kulturplan for Voss herad Mål og tiltak"},
		{"pptx in slide order", PPTX, pptx, "Første lysbilde Andre lysbilde Tiende"},
		{"xlsx shared strings", XLSX, xlsx, "Budsjett Kulturhusleie"},
		{"odt", ODT, odt, "Bibliotekplan Meråpent bibliotek i Narvik"},
		{"txt", TXT, []byte("Ventelister i\nkulturskolen"), "Ventelister i kulturskolen"},
		{"pdf", PDF, pdfOf("Kulturplan for Fyresdal", "Side to: bibliotek og kulturskole"), "Kulturplan for Fyresdal"},
	} {
		got, err := extract(t, c.data, c.mediaType, DefaultLimits)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %q does not contain %q", c.name, got, c.want)
		}
	}
	got, _ := extract(t, pdfOf("Side en", "Side to"), PDF, DefaultLimits)
	if !strings.Contains(got, "Side to") {
		t.Errorf("second PDF page missing: %q", got)
	}
}

func TestNorwegianLettersInPDF(t *testing.T) {
	got, err := extract(t, pdfOf("Kulturskolen på Bømlo og Ålesund"), PDF, DefaultLimits)
	if err != nil || !strings.Contains(got, "Kulturskolen på Bømlo og Ålesund") {
		t.Errorf("%q %v", got, err)
	}
}

func TestBrokenAndUnsupported(t *testing.T) {
	for _, c := range []struct {
		name, mediaType string
		data            []byte
	}{
		{"truncated pdf", PDF, pdfOf("Kulturplan")[:60]},
		{"not a pdf", PDF, []byte("MZ this is an exe")},
		{"docx that is not a zip", DOCX, []byte("PK\x03\x04 broken")},
		{"docx without a document", DOCX, zipOf(t, "other.xml", "<x/>")},
		{"broken xml", ODT, zipOf(t, "content.xml", "<a><b>tekst</a>")},
	} {
		got, err := extract(t, c.data, c.mediaType, DefaultLimits)
		if err == nil && got != "" && c.name != "broken xml" {
			t.Errorf("%s: extracted %q", c.name, got)
		}
	}
	if _, err := extract(t, []byte("\x89PNG\r\n"), "image/png", DefaultLimits); !errors.Is(err, ErrUnsupported) {
		t.Errorf("png: %v", err)
	}
}

// A 500-page report: only the first MaxPages pages are read, within the time.
func TestLimits(t *testing.T) {
	pages := make([]string, 500)
	for i := range pages {
		pages[i] = fmt.Sprintf("Side %d av rapporten om kulturarbeid", i+1)
	}
	big := pdfOf(pages...)
	start := time.Now()
	got, err := extract(t, big, PDF, Limits{MaxText: 1 << 20, MaxPages: 300, MaxPart: 1 << 20, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "Side 300 av") || strings.Contains(got, "Side 301 av") {
		t.Errorf("pages read: %q…", got[len(got)-80:])
	}
	t.Logf("300 of 500 pages in %s", time.Since(start))
	got, _ = extract(t, big, PDF, Limits{MaxText: 100, MaxPages: 500, MaxPart: 1 << 20, Timeout: time.Minute})
	if len(got) > 100 {
		t.Errorf("text limit: %d bytes", len(got))
	}
	got, _ = extract(t, []byte(strings.Repeat("æ", 1000)), TXT, Limits{MaxText: 101, MaxPages: 1, MaxPart: 1, Timeout: time.Second})
	if len(got) != 100 || !strings.HasSuffix(got, "æ") {
		t.Errorf("cut inside a letter: %d bytes", len(got))
	}
}

func FuzzText(f *testing.F) {
	f.Add([]byte("%PDF-1.4\n"), 0)
	f.Add(pdfOf("Kulturplan"), 0)
	f.Add(zipOf(f, "word/document.xml", "<w:t>x</w:t>"), 1)
	f.Add(zipOf(f, "content.xml", "<text:p>y</text:p>"), 2)
	types := []string{PDF, DOCX, ODT, PPTX, XLSX, TXT}
	f.Fuzz(func(t *testing.T, data []byte, kind int) {
		if kind < 0 {
			kind = -kind
		}
		lim := Limits{MaxText: 1 << 16, MaxPages: 20, MaxPart: 1 << 20, Timeout: 2 * time.Second}
		got, _ := Text(context.Background(), bytes.NewReader(data), int64(len(data)), types[kind%len(types)], lim)
		if len(got) > lim.MaxText {
			t.Fatalf("%d bytes over the limit", len(got))
		}
	})
}

func TestMain(m *testing.M) {
	ChildMain()
	os.Exit(m.Run())
}

func TestIsolated(t *testing.T) {
	iso := Isolated{Limits: Limits{MaxText: 1 << 20, MaxPages: 10, MaxPart: 1 << 20, Timeout: 5 * time.Second}}
	got, err := iso.Text(context.Background(), bytes.NewReader(pdfOf("Kulturplan for Fyresdal")), PDF)
	if err != nil || !strings.Contains(got, "Kulturplan for Fyresdal") {
		t.Errorf("%q %v", got, err)
	}
	if _, err := iso.Text(context.Background(), bytes.NewReader([]byte("\x89PNG")), "image/png"); !errors.Is(err, ErrUnsupported) {
		t.Errorf("png: %v", err)
	}
	// A page tree whose kids point at themselves ends quickly with no text.
	cyclic := bytes.Replace(pdfOf("Kulturplan"), []byte("/Kids [4 0 R]"), []byte("/Kids [2 0 R]"), 1)
	start := time.Now()
	got, _ = iso.Text(context.Background(), bytes.NewReader(cyclic), PDF)
	if got != "" || time.Since(start) > 5*time.Second {
		t.Errorf("cyclic page tree: %q after %s", got, time.Since(start))
	}
}

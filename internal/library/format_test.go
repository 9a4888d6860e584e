package library

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/samspill/samspill/internal/apperr"
)

// zipOf builds a ZIP archive; members whose name starts with "=" are stored
// uncompressed (the "=" dropped).
func zipOf(t testing.TB, members ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := 0; i+1 < len(members); i += 2 {
		h := &zip.FileHeader{Name: members[i], Method: zip.Deflate}
		if strings.HasPrefix(h.Name, "=") {
			h.Name, h.Method = h.Name[1:], zip.Store
		}
		fw, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(fw, members[i+1])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func ooxml(t testing.TB, folder string, extra ...string) []byte {
	return zipOf(t, append([]string{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels", "<Relationships/>", folder + "/main.xml", "<main/>"}, extra...)...)
}

func odf(t testing.TB, mediaType string) []byte {
	return zipOf(t, "=mimetype", mediaType, "content.xml", "<office:document-content/>", "META-INF/manifest.xml", "<manifest/>")
}

// lyingZip declares sizes its data does not have, as zip bombs do.
func lyingZip(t testing.TB, names []string, compressed, uncompressed uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, name := range names {
		fw, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: compressed, UncompressedSize64: uncompressed})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(bytes.Repeat([]byte{0}, int(compressed)))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflatedZeros is a DOCX whose document.xml really unpacks to n zero bytes.
func deflatedZeros(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	w.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) { return flate.NewWriter(out, flate.BestCompression) })
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		fw, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "word/document.xml" {
			zeros := make([]byte, 1<<20)
			for i := 0; i < n>>20; i++ {
				fw.Write(zeros)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func manyEntries(t testing.TB, n int) []byte {
	members := []string{"[Content_Types].xml", "x"}
	for i := 0; i < n; i++ {
		members = append(members, fmt.Sprintf("word/media/%d.xml", i), "")
	}
	return zipOf(t, members...)
}

func detect(b []byte, name string) (Format, error) {
	return Detect(bytes.NewReader(b), int64(len(b)), name)
}

func TestDetect(t *testing.T) {
	pe := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 200)...)
	cases := []struct {
		name, file string
		data       []byte
		want       Format
		code       string
	}{
		{"pdf", "Kulturplan.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), PDF, ""},
		{"pdf named docx", "plan.docx", []byte("%PDF-1.4\n"), PDF, ""},
		{"png", "logo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), PNG, ""},
		{"jpeg", "bilde.JPG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), JPEG, ""},
		{"docx", "Søknad.docx", ooxml(t, "word"), DOCX, ""},
		{"xlsx", "Budsjett.xlsx", ooxml(t, "xl"), XLSX, ""},
		{"pptx", "Samling.pptx", ooxml(t, "ppt"), PPTX, ""},
		{"odt", "plan.odt", odf(t, "application/vnd.oasis.opendocument.text"), ODT, ""},
		{"ods", "tall.ods", odf(t, "application/vnd.oasis.opendocument.spreadsheet"), ODS, ""},
		{"odp", "foiler.odp", odf(t, "application/vnd.oasis.opendocument.presentation"), ODP, ""},
		{"text", "notat.txt", []byte("Kulturskolen i Ålesund – plan for 2025–2030\r\n"), TXT, ""},
		{"text with a BOM", "notat.txt", []byte("\xef\xbb\xbfBlåbærsyltetøy"), TXT, ""},
		{"csv with semicolons", "besøk.csv", []byte("kommune;besøk\nBergen;1200\nVoss;340\n"), CSV, ""},
		{"csv with quotes", "tall.CSV", []byte("\xef\xbb\xbf\"navn\",\"antall\"\n\"Ola, Kari\",2\n"), CSV, ""},
		{"csv that does not parse is text", "rot.csv", []byte("a;b\n\"uavsluttet;c\n"), TXT, ""},
		{"csv-shaped text without the name is text", "tall.txt", []byte("a;b\n1;2\n"), TXT, ""},

		{"empty", "tom.pdf", nil, "", "library.empty_file"},
		{"exe renamed pdf", "faktura.pdf", pe, "", "library.type_not_allowed"},
		{"elf", "rapport.pdf", []byte("\x7fELF\x02\x01\x01\x00"), "", "library.type_not_allowed"},
		{"old word", "plan.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), "", "library.type_not_allowed"},
		{"latin-1 text", "gammel.txt", []byte("bl\xe5b\xe6r"), "", "library.type_not_allowed"},
		{"nul in text", "notat.txt", []byte("hei\x00du"), "", "library.type_not_allowed"},
		{"utf-16 text", "notat.txt", []byte("\xff\xfeh\x00e\x00i\x00"), "", "library.type_not_allowed"},
		{"html is text, not a page", "side.html", []byte("<script>alert(1)</script>"), TXT, ""},
		{"plain zip", "arkiv.zip", zipOf(t, "readme.txt", "hei"), "", "library.type_not_allowed"},
		{"word with macros", "makro.docx", ooxml(t, "word", "word/vbaProject.bin", "xx"), "", "library.type_not_allowed"},
		{"jar renamed docx", "app.docx", zipOf(t, "META-INF/MANIFEST.MF", "Main-Class: x", "App.class", "\xca\xfe"), "", "library.type_not_allowed"},
		{"two office folders", "rar.docx", ooxml(t, "word", "xl/x.xml", "x"), "", "library.type_not_allowed"},
		{"odf of another type", "tegning.odg", odf(t, "application/vnd.oasis.opendocument.graphics"), "", "library.type_not_allowed"},
		{"odf with compressed mimetype", "plan.odt", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "x"), "", "library.type_not_allowed"},
		{"truncated zip", "plan.docx", ooxml(t, "word")[:60], "", "library.type_not_allowed"},
		{"empty zip", "tom.docx", []byte("PK\x05\x06" + strings.Repeat("\x00", 18)), "", "library.type_not_allowed"},

		{"bomb: declared 10 GiB", "bombe.docx", lyingZip(t, []string{"[Content_Types].xml", "word/document.xml"}, 1000, 10<<30), "", "library.zip_bomb"},
		{"bomb: from nothing", "bombe.docx", lyingZip(t, []string{"[Content_Types].xml", "word/document.xml"}, 0, 5<<20), "", "library.zip_bomb"},
		{"bomb: ratio beyond deflate", "bombe.xlsx", lyingZip(t, []string{"[Content_Types].xml", "xl/workbook.xml"}, 100, 500<<20), "", "library.zip_bomb"},
		{"bomb: too many entries", "mange.docx", manyEntries(t, maxZipEntries+1), "", "library.zip_bomb"},
		{"bomb: really 100 MiB of zeros", "nuller.docx", deflatedZeros(t, 100<<20), "", "library.zip_bomb"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := detect(c.data, c.file)
			if c.code != "" {
				if apperr.CodeOf(err) != c.code || got != "" {
					t.Errorf("%s: %q %v, want %s", c.file, got, err, c.code)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("%s: %q %v, want %q", c.file, got, err, c.want)
			}
		})
	}
	// An honest, highly compressible sheet passes: 20 MiB of XML in a small file.
	var sheet bytes.Buffer
	w := zip.NewWriter(&sheet)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
		fw, _ := w.Create(name)
		for i := 0; name == "xl/worksheets/sheet1.xml" && i < 400_000; i++ {
			fmt.Fprintf(fw, `<row r="%d"><c t="n"><v>%d</v></c></row>`, i, i%97)
		}
	}
	w.Close()
	if got, err := detect(sheet.Bytes(), "stor.xlsx"); got != XLSX || err != nil {
		t.Errorf("a large honest sheet: %q %v", got, err)
	}
}

func TestOverlappingEntriesAreABomb(t *testing.T) {
	// Two directory entries pointing at the same data, as "overlapping" zip
	// bombs do: together they claim more packed bytes than the archive has.
	data := ooxml(t, "word")
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	big := bytes.Repeat([]byte("x"), 4096)
	for i := 0; i < 2; i++ {
		for _, f := range r.File {
			fw, _ := w.CreateRaw(&zip.FileHeader{Name: fmt.Sprint(i, f.Name), Method: zip.Store, CompressedSize64: 4096, UncompressedSize64: 4096})
			fw.Write(big)
		}
	}
	w.Close()
	out := buf.Bytes()
	// Point every directory entry at the first member's data.
	dir := bytes.Index(out, []byte("PK\x01\x02"))
	for i := dir; i >= 0 && i < len(out); {
		copy(out[i+42:i+46], []byte{0, 0, 0, 0})
		next := bytes.Index(out[i+4:], []byte("PK\x01\x02"))
		if next < 0 {
			break
		}
		i += 4 + next
	}
	if _, err := detect(out, "overlap.docx"); apperr.CodeOf(err) != "library.zip_bomb" && apperr.CodeOf(err) != "library.type_not_allowed" {
		t.Errorf("overlapping entries: %v", err)
	}
}

func TestTextCheckAcrossWrites(t *testing.T) {
	samples := []string{"Blåbærsyltetøy på skiva – 2025–2030 ✓ 😀", "ascii only", "\xef\xbb\xbfmed BOM", "bad \xe5 latin", "cut \xe2\x82", "nul\x00", "\xf0\x9f\x98"}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range samples {
		want := utf8.ValidString(s) && !strings.Contains(s, "\x00")
		for trial := 0; trial < 50; trial++ {
			var tc textCheck
			rest := []byte(s)
			for len(rest) > 0 {
				n := 1 + rng.IntN(len(rest))
				tc.Write(rest[:n])
				rest = rest[n:]
			}
			if got := tc.verdict() == nil; got != want {
				t.Errorf("%q split at random: valid %v, want %v", s, got, want)
				break
			}
		}
	}
}

func TestSanitizeFileName(t *testing.T) {
	cases := []struct {
		in   string
		f    Format
		want string
	}{
		{"Kulturplan Ålesund 2025–2030.pdf", PDF, "Kulturplan Ålesund 2025–2030.pdf"},
		{"../../etc/passwd", TXT, "passwd.txt"},
		{`C:\Users\kari\Documents\plan.docx`, DOCX, "plan.docx"},
		{"..", PDF, "fil.pdf"},
		{".htaccess", TXT, "htaccess.txt"},
		{"rapport\x00.exe.pdf", PDF, "rapport.exe.pdf"},
		{"linje\nskift\r\t.pdf", PDF, "linjeskift.pdf"},
		{"faktura\u202Efdp.exe", PDF, "fakturafdp.exe.pdf"},
		{"CON.pdf", PDF, "_CON.pdf"},
		{"lpt1.tar.pdf", PDF, "_lpt1.tar.pdf"},
		{"aux", TXT, "_aux.txt"},
		{`spørsmål: "hvorfor?" <svar>|*.txt`, TXT, "spørsmål_ _hvorfor__ _svar___.txt"},
		{"bilde.JPEG", JPEG, "bilde.JPEG"},
		{"bilde.png", JPEG, "bilde.png.jpg"},
		{"plan.pdf. . ", PDF, "plan.pdf"},
		{"Søknad.DOCX", DOCX, "Søknad.DOCX"},
		{"a\u0308pple.pdf", PDF, "äpple.pdf"}, // NFD becomes NFC
		{"\xff\xfe.pdf", PDF, "fil.pdf"},
		{"   ", CSV, "fil.csv"},
		{"side.html", TXT, "side.html.txt"},
	}
	for _, c := range cases {
		if got := SanitizeFileName(c.in, c.f); got != c.want {
			t.Errorf("SanitizeFileName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	long := SanitizeFileName(strings.Repeat("æ", 500)+".pdf", PDF)
	if len(long) > maxFileName || !strings.HasSuffix(long, ".pdf") || !utf8.ValidString(long) {
		t.Errorf("long name: %d bytes %q", len(long), long)
	}
}

func TestContentDisposition(t *testing.T) {
	got := ContentDisposition("attachment", "Kulturplan Ålesund 2025–2030.pdf")
	want := `attachment; filename="Kulturplan Alesund 2025-2030.pdf"; filename*=UTF-8''Kulturplan%20%C3%85lesund%202025%E2%80%932030.pdf`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := ContentDisposition("inline", "résumé 100%.pdf"); got != `inline; filename="resume 100_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20100%25.pdf` {
		t.Errorf("got %s", got)
	}
}

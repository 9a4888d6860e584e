package library

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzDetect feeds arbitrary bytes and names to the type detection and the
// file-name sanitiser. Neither may panic or hang, and what they accept must
// hold what they promise. The corpus in testdata/fuzz/FuzzDetect is kept.
func FuzzDetect(f *testing.F) {
	f.Add([]byte("%PDF-1.7\n"), "plan.pdf")
	f.Add([]byte("\x89PNG\r\n\x1a\n"), "a.png")
	f.Add([]byte("kommune;besøk\nBergen;1\n"), "tall.csv")
	f.Add([]byte("MZ\x90\x00"), "x.pdf")
	f.Add(ooxml(f, "word"), "Søknad.docx")
	f.Add(odf(f, "application/vnd.oasis.opendocument.text"), "plan.odt")
	f.Add(lyingZip(f, []string{"[Content_Types].xml", "word/document.xml"}, 10, 10<<30), "bombe.docx")
	f.Add([]byte("PK\x05\x06\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00\x00"), "z.docx")
	f.Add([]byte("\xef\xbb\xbf\"a\"\n"), "../../CON.csv")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		got, err := detect(data, name)
		if err == nil {
			if _, ok := formats[got]; !ok {
				t.Fatalf("unknown format %q", got)
			}
			switch got {
			case PDF:
				if !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Fatal("PDF without %PDF-")
				}
			case DOCX, XLSX, PPTX, ODT, ODS, ODP:
				if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
					t.Fatal("an office format that is not a ZIP")
				}
			case TXT, CSV:
				if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
					t.Fatal("text that is not UTF-8 without NUL")
				}
				if got == CSV && !strings.HasSuffix(strings.ToLower(name), ".csv") {
					t.Fatal("CSV without the name saying so")
				}
			}
		}
		for _, f := range []Format{PDF, TXT, JPEG} {
			s := SanitizeFileName(name, f)
			if !utf8.ValidString(s) || len(s) > maxFileName || s == "" {
				t.Fatalf("SanitizeFileName(%q) = %q", name, s)
			}
			if strings.ContainsAny(s, "/\\<>:\"|?*\x00") || strings.HasPrefix(s, ".") || strings.HasSuffix(s, " ") {
				t.Fatalf("SanitizeFileName(%q) = %q", name, s)
			}
			for _, r := range s {
				if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
					t.Fatalf("SanitizeFileName(%q) = %q has %U", name, s, r)
				}
			}
			if stem, _, _ := strings.Cut(s, "."); windowsReserved[strings.ToUpper(strings.TrimSpace(stem))] {
				t.Fatalf("SanitizeFileName(%q) = %q is a device name", name, s)
			}
			cd := ContentDisposition("attachment", s)
			for i := 0; i < len(cd); i++ {
				if cd[i] < 0x20 || cd[i] >= 0x7f {
					t.Fatalf("Content-Disposition %q has byte %#x", cd, cd[i])
				}
			}
		}
	})
}

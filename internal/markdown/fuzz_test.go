package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRender checks the safety contract (checkSafe) on every input. The
// hand-written seeds live in testdata/fuzz/FuzzRender; run with
//
//	go test -run='^$' -fuzz=FuzzRender -fuzztime=3m ./internal/markdown/
func FuzzRender(f *testing.F) {
	f.Add("# Hei\n\n*du* [x](/y) https://kommune.no/x")
	f.Fuzz(func(t *testing.T, src string) {
		out := Render(src)
		if err := checkSafe(out); err != nil {
			t.Fatalf("%v\n in: %q\nout: %q", err, src, out)
		}
	})
}

func FuzzPlain(f *testing.F) {
	f.Add("# Tittel\n\nHei *du*, se [lenke](/x).", 20)
	f.Add("æøå æøå æøå", 5)
	f.Add("| a | b |\n|---|---|\n| 1 | 2 |", 3)
	f.Fuzz(func(t *testing.T, src string, max int) {
		out := Plain(src, max)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 %q", out)
		}
		if max > 0 && utf8.RuneCountInString(out) > max+1 {
			t.Fatalf("Plain(%q, %d) = %q has %d runes", src, max, out, utf8.RuneCountInString(out))
		}
		if out != strings.TrimSpace(out) || strings.Contains(out, "  ") || strings.ContainsAny(out, "\n\t\r") {
			t.Fatalf("whitespace not collapsed: %q", out)
		}
	})
}

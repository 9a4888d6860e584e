package markdown

import (
	"testing"
	"unicode/utf8"
)

func TestPlain(t *testing.T) {
	cases := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"empty", "", 10, ""},
		{"markup removed", "# Tittel\n\nHei *du*, se [lenke](/x) og `kode`.", 0, "Tittel Hei du, se lenke og kode."},
		{"whitespace collapsed", "  en\n\n\n to\t\ttre  \n", 0, "en to tre"},
		{"lists and quotes", "- en\n- to\n\n> tre", 0, "en to tre"},
		{"table cells separated", "| a | b |\n|---|---|\n| 1 | 2 |", 0, "a b 1 2"},
		{"task markers dropped", "- [x] ferdig\n- [ ] igjen", 0, "ferdig igjen"},
		{"raw html dropped", "a <b>fet</b> c\n\n<div>\nblokk\n</div>\n\nd", 0, "a fet c d"},
		{"entities resolved", "&amp; &lt;x&gt; &copy; \\*", 0, "& <x> © *"},
		{"code kept literally", "`<b>&amp;` og\n\n```\nlinje 1\nlinje 2\n```", 0, "<b>&amp; og linje 1 linje 2"},
		{"image alt text", "![Kart over Bergen](/k.png)", 0, "Kart over Bergen"},
		{"autolink label", "se https://kommune.no/x", 0, "se https://kommune.no/x"},
		{"unsafe link keeps text", "[klikk](javascript:alert(1))", 0, "klikk"},
		{"norwegian", "Blåbær og «sitat»", 0, "Blåbær og «sitat»"},
		{"no limit when short", "en to tre", 9, "en to tre"},
		{"cut at word boundary", "en to tre fire", 7, "en to…"},
		{"cut exactly before space", "en to tre fire", 9, "en to tre…"},
		{"cut counts runes not bytes", "æøå æøå æøå", 5, "æøå…"},
		{"long word is cut hard", "abcdefghij klm", 4, "abcd…"},
		{"trailing punctuation trimmed", "Hei, du der", 4, "Hei…"},
		{"max 1", "hei du", 1, "h…"},
		{"negative max is no limit", "en to tre", -1, "en to tre"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Plain(tc.in, tc.max)
			if got != tc.want {
				t.Errorf("Plain(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
			if tc.max > 0 && utf8.RuneCountInString(got) > tc.max+1 {
				t.Errorf("Plain(%q, %d) has %d runes", tc.in, tc.max, utf8.RuneCountInString(got))
			}
		})
	}
}

package markdown

import (
	"bufio"
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Plain returns the text of the Markdown document without any markup, for
// lists and search snippets: whitespace is collapsed to single spaces, raw
// HTML and task-list markers are left out, images contribute their alt text.
// If the text is longer than maxRunes runes it is cut at the last word
// boundary that fits and "…" is appended, so the result has at most
// maxRunes+1 runes. maxRunes <= 0 means no limit (the whole text, e.g. for a
// search index).
//
// The result is plain text, not HTML: escape it when putting it in a page
// (html/template and React do).
func Plain(src string, maxRunes int) string {
	source := normalise(src)
	if len(source) == 0 {
		return ""
	}
	doc := md.Parser().Parse(text.NewReader(source))

	// Collect HTML-escaped text, because that is what goldmark's writer
	// produces when it resolves backslash escapes and entities, then
	// unescape the lot once.
	var buf bytes.Buffer
	buf.Grow(len(source))
	w := bufio.NewWriter(&buf)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				_ = w.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
				_ = w.WriteByte(' ')
			}
			return ast.WalkSkipChildren, nil
		}
		if n.Type() != ast.TypeInline {
			_ = w.WriteByte(' ')
			return ast.WalkContinue, nil
		}
		// An inline node: write the text of it and its children in one go.
		writeInlineText(w, source, n)
		return ast.WalkSkipChildren, nil
	})
	_ = w.Flush()

	return truncate(strings.Join(strings.Fields(html.UnescapeString(buf.String())), " "), maxRunes)
}

// truncate cuts s (words separated by single spaces) to at most max runes
// plus "…", at a space where there is one.
func truncate(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, runes := 0, 0
	for cut < len(s) && runes < max {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
		runes++
	}
	kept := s[:cut]
	if s[cut] != ' ' { // cut inside a word: back off to its start
		if sp := strings.LastIndexByte(kept, ' '); sp > 0 {
			kept = kept[:sp]
		}
	}
	return strings.TrimRight(kept, " ,;:") + "…"
}

package markdown

import (
	"bufio"
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// headingOffset is how many levels user headings are pushed down.
const headingOffset = 2

// headingShift is an AST transformer that moves headings down by
// headingOffset levels, capped at 6, so "#" renders as <h3>.
type headingShift struct{}

func (headingShift) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+headingOffset, 6)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			return ast.WalkSkipChildren, nil // only inlines below: no headings
		}
		return ast.WalkContinue, nil
	})
}

// safeRenderer replaces goldmark's HTML renderers for the node kinds that
// can carry URLs or markup of their own; see the package doc.
type safeRenderer struct{}

func (safeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindImage, renderImage)
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(east.KindTaskCheckBox, renderTaskCheckBox)
}

func renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	href, ok := safeURL(n.Destination, true)
	if !ok || insideLink(n) {
		return ast.WalkContinue, nil // the text alone
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	openAnchor(w, href, n.Title)
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	label := n.Label(source)
	dest := n.URL(source)
	if n.AutoLinkType == ast.AutoLinkEmail && !hasPrefixFold(dest, "mailto:") {
		dest = append([]byte("mailto:"), dest...)
	}
	href, ok := safeURL(dest, false)
	if ok && !insideLink(n) {
		openAnchor(w, href, nil)
		_, _ = w.Write(util.EscapeHTML(label))
		_, _ = w.WriteString("</a>")
	} else {
		_, _ = w.Write(util.EscapeHTML(label))
	}
	return ast.WalkSkipChildren, nil
}

// renderImage writes a link to the image instead of an <img>.
func renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	href, ok := safeURL(n.Destination, true)
	if !ok || insideLink(n) {
		writeText(w, source, n)
		return ast.WalkSkipChildren, nil
	}
	var alt bytes.Buffer
	aw := bufio.NewWriter(&alt)
	writeText(aw, source, n)
	_ = aw.Flush()
	label := alt.Bytes()
	if len(bytes.TrimSpace(label)) == 0 {
		label = util.EscapeHTML([]byte(href))
	}
	openAnchor(w, href, n.Title)
	_, _ = w.Write(label)
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}

// renderRawHTML shows inline HTML as the text the user typed.
func renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock shows an HTML block as a paragraph of the text the user
// typed, one <br> per line.
func renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	var lines []text.Segment
	for i := range n.Lines().Len() {
		lines = append(lines, n.Lines().At(i))
	}
	if n.HasClosure() {
		lines = append(lines, n.ClosureLine)
	}
	_, _ = w.WriteString("<p>")
	first := true
	for _, seg := range lines {
		line := strings.TrimRight(string(seg.Value(source)), "\r\n")
		if !first {
			_, _ = w.WriteString("<br>\n")
		}
		first = false
		_, _ = w.Write(util.EscapeHTML([]byte(line)))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

func renderTaskCheckBox(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if node.(*east.TaskCheckBox).IsChecked {
		_, _ = w.WriteString("☑ ")
	} else {
		_, _ = w.WriteString("☐ ")
	}
	return ast.WalkContinue, nil
}

// openAnchor writes <a href=… rel=…[ title=…]>. href must come from safeURL.
func openAnchor(w util.BufWriter, href string, title []byte) {
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML([]byte(href)))
	_, _ = w.WriteString(`" rel="` + linkRel + `"`)
	if len(title) > 0 {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, title) // resolves escapes and entities, escapes HTML
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
}

// safeURL returns the link target to write for a Markdown destination and
// whether it may be linked at all: http(s) with a host, mailto, or a path on
// our own site ("/…" but not "//…"). resolve says whether Markdown backslash
// escapes and character references are still in dest (true for
// [text](dest), false for autolinks).
//
// The destination is percent-encoded first, so tabs, newlines and spaces
// cannot hide a scheme, and it is checked in the form net/url gives it back,
// which is also the form bluemonday writes, so the two layers agree. The
// rule is an allowlist of prefixes: unknown schemes fail.
func safeURL(dest []byte, resolve bool) (string, bool) {
	u, err := url.Parse(string(util.URLEscape(dest, resolve)))
	if err != nil {
		return "", false
	}
	s := u.String()
	switch {
	case hasPrefixFold(s, "https://"), hasPrefixFold(s, "http://"):
		if u.Host == "" {
			return "", false
		}
	case hasPrefixFold(s, "mailto:"):
	case len(s) >= 1 && s[0] == '/' && (len(s) == 1 || (s[1] != '/' && s[1] != '\\')):
	default:
		return "", false
	}
	return s, true
}

// insideLink reports whether n is nested in a link or image, where another
// <a> would be invalid HTML.
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image:
			return true
		}
		if p.Type() == ast.TypeBlock {
			return false
		}
	}
	return false
}

// writeText writes the inline text under n, HTML-escaped, without markup:
// what an image's alt attribute would hold.
func writeText(w util.BufWriter, source []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeInlineText(w, source, c)
	}
}

// writeInlineText writes the text of one inline node and its children.
func writeInlineText(w util.BufWriter, source []byte, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			_, _ = w.Write(util.EscapeHTML(n.Segment.Value(source)))
		} else {
			html.DefaultWriter.Write(w, n.Segment.Value(source))
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			_ = w.WriteByte(' ')
		}
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			_, _ = w.Write(util.EscapeHTML(n.Value))
		} else {
			html.DefaultWriter.Write(w, n.Value)
		}
	case *ast.AutoLink:
		_, _ = w.Write(util.EscapeHTML(n.Label(source)))
	case *ast.RawHTML, *east.TaskCheckBox:
		// markup, not text
	case *ast.CodeSpan:
		for t := n.FirstChild(); t != nil; t = t.NextSibling() {
			if t, ok := t.(*ast.Text); ok {
				_, _ = w.Write(util.EscapeHTML(t.Segment.Value(source)))
			}
		}
	default:
		writeText(w, source, n)
	}
}

func hasPrefixFold[T string | []byte](s T, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(string(s[:len(prefix)]), prefix)
}

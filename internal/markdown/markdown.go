// Package markdown turns user-written Markdown into safe HTML and plain-text
// excerpts. Every feature that shows user text (network descriptions, forum
// posts, resource descriptions) goes through Render or Plain; nothing else in
// Samspill should parse or sanitise Markdown.
//
// # Dialect
//
// CommonMark plus the GitHub extensions for tables, strikethrough, task lists
// and bare-URL autolinks (http, https, www. and e-mail addresses).
//
// # Safety: two independent layers
//
//  1. goldmark renders without raw HTML (no html.WithUnsafe) and with our own
//     renderers for links, autolinks, images, raw HTML and task-list boxes:
//     a link becomes an <a> only when its URL is http(s) with a host, mailto,
//     or a path on our own site ("/…", but not "//…"); every <a> carries
//     rel="nofollow ugc noopener" and no target, so links open in the same
//     tab. Raw HTML is not dropped but escaped, so a user who writes <b> sees
//     "<b>" as text.
//  2. A strict bluemonday allowlist then sanitises the HTML: only the elements
//     goldmark can produce, no style or event-handler attributes, no
//     script/iframe/object/form/input elements, and the same URL rules again.
//
// # Deliberate differences from GitHub
//
//   - Headings are shifted down two levels so they sit below the page's own
//     <h1>/<h2>: "#" becomes <h3>, "##" <h4>, and "####" or deeper <h6>.
//     Headings get no id attributes.
//   - Images are rendered as links (an <a> whose text is the alt text, or the
//     URL when there is none), never as <img>: we do not want remote images
//     loaded into our pages, and the Content-Security-Policy forbids images
//     from other origins anyway. An image inside a link renders as its alt text.
//   - Task-list items get a plain-text marker, "☐ " or "☑ ", instead of an
//     <input type="checkbox">, so the sanitiser never has to allow <input>.
//   - Links to anything else (relative paths without a leading "/", "#frag",
//     ftp:, javascript:, data: …) render as their text without an <a>.
//
// # Concurrency
//
// The goldmark.Markdown and the bluemonday.Policy are built once, as package
// variables, and are only read afterwards. Both are safe for concurrent use:
// goldmark keeps per-document state in a parser.Context created for each call
// (its author confirms Convert is safe across goroutines in
// gohugoio/hugo#6484), and bluemonday's README says a finished Policy may be
// used from many goroutines. TestRenderConcurrent checks this under -race.
//
// # Length
//
// Limiting input length is the caller's job. A realistic 50,000-character
// post renders in a few milliseconds (BenchmarkRender). Adversarial input is
// slower because goldmark's parser is quadratic for deep nesting and for
// many unclosed link destinations: 50,000 '>' take about 0.7 s
// (BenchmarkRenderPathological), 100,000 about four times that. Keep limits
// near 50,000 characters.
//
// # Later: mentions and quotes
//
// @mentions will be an inline parser (trigger '@') that makes a Mention node,
// plus a renderer for that node that writes a link to the user's page (and an
// AST transformer or a post-render step that collects the mentioned users for
// notifications); both go in newMarkdown as a goldmark.Extender. Quoting a
// post needs nothing new to render (it is a blockquote); an attribution line
// ("X wrote:") would be an AST transformer that recognises the quote's marker.
// Neither exists yet.
package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// linkRel is the rel attribute of every link in rendered user content.
const linkRel = "nofollow ugc noopener"

// Built once and then only read; see "Concurrency" in the package doc.
var (
	md     = newMarkdown()
	policy = newPolicy()
)

// Render converts Markdown to sanitised HTML, safe to insert into a page
// without further escaping. Invalid UTF-8 is replaced with U+FFFD.
func Render(src string) string {
	source := normalise(src)
	if len(source) == 0 {
		return ""
	}
	var buf bytes.Buffer
	buf.Grow(len(source) + len(source)/4)
	if err := md.Convert(source, &buf); err != nil {
		// goldmark only fails when the writer fails, and a bytes.Buffer does
		// not. Should that ever change, show the text instead of nothing.
		buf.Reset()
		buf.WriteString("<p>")
		buf.Write(util.EscapeHTML(source))
		buf.WriteString("</p>")
	}
	return policy.Sanitize(buf.String())
}

// newMarkdown builds the goldmark converter: CommonMark + GFM extensions,
// raw HTML off, heading shift, and our renderers for links and friends.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.TaskList,
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:"})),
		),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(util.Prioritized(headingShift{}, 100)),
		),
		goldmark.WithRendererOptions(
			// Priority 1 beats the default HTML renderer (1000) and the
			// task-list renderer (500) for the node kinds we take over.
			renderer.WithNodeRenderers(util.Prioritized(safeRenderer{}, 1)),
		),
	)
}

// newPolicy is the allowlist for what goldmark plus safeRenderer can emit,
// and nothing more.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"p", "br", "hr", "blockquote", "pre", "code",
		"h3", "h4", "h5", "h6",
		"em", "strong", "del",
		"ul", "ol", "li",
		"table", "thead", "tbody", "tr", "th", "td",
	)
	p.AllowAttrs("start").Matching(olStart).OnElements("ol")
	p.AllowAttrs("align").Matching(cellAlign).OnElements("th", "td")
	p.AllowAttrs("class").Matching(codeClass).OnElements("code")

	p.AllowAttrs("href").Matching(hrefPattern).OnElements("a")
	p.AllowAttrs("rel").Matching(relPattern).OnElements("a")
	p.AllowAttrs("title").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(true)
	return p
}

// Attribute values the policy accepts. hrefPattern repeats safeURL's rule
// (http, https, mailto, or a path starting with one "/") as the second layer.
var (
	olStart     = regexp.MustCompile(`^[0-9]{1,9}$`)
	cellAlign   = regexp.MustCompile(`^(?:left|center|right)$`)
	codeClass   = regexp.MustCompile(`^language-[A-Za-z0-9_+#.-]{1,40}$`)
	relPattern  = regexp.MustCompile(`^` + linkRel + `$`)
	hrefPattern = regexp.MustCompile(`(?i)^(?:https?://|mailto:|/(?:[^/\\]|$))`)
)

// normalise makes the input valid UTF-8 and replaces NUL, as CommonMark asks.
func normalise(src string) []byte {
	if !utf8.ValidString(src) {
		src = strings.ToValidUTF8(src, "\uFFFD")
	}
	if strings.IndexByte(src, 0) >= 0 {
		src = strings.ReplaceAll(src, "\x00", "\uFFFD")
	}
	return []byte(src)
}

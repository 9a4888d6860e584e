package markdown

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

const rel = `rel="nofollow ugc noopener"`

type renderCase struct {
	name, in, want string
}

func runRenderCases(t *testing.T, cases []renderCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Render(tc.in)
			if got != tc.want {
				t.Errorf("Render(%q)\n got: %q\nwant: %q", tc.in, got, tc.want)
			}
			if err := checkSafe(got); err != nil {
				t.Errorf("Render(%q) = %q: %v", tc.in, got, err)
			}
		})
	}
}

func TestRenderCommonMark(t *testing.T) {
	runRenderCases(t, []renderCase{
		{"empty", "", ""},
		{"emphasis", "Hei *du* og **dere** og _deg_", "<p>Hei <em>du</em> og <strong>dere</strong> og <em>deg</em></p>\n"},
		{"paragraphs", "en\n\nto", "<p>en</p>\n<p>to</p>\n"},
		{"line breaks", "a  \nb\\\nc\nd", "<p>a<br>\nb<br>\nc\nd</p>\n"},
		{"bullet list", "- en\n- to", "<ul>\n<li>en</li>\n<li>to</li>\n</ul>\n"},
		{"ordered list", "1. en\n2. to", "<ol>\n<li>en</li>\n<li>to</li>\n</ol>\n"},
		{"ordered list start", "3. tre\n4. fire", "<ol start=\"3\">\n<li>tre</li>\n<li>fire</li>\n</ol>\n"},
		{"blockquote", "> sitat\n> videre", "<blockquote>\n<p>sitat\nvidere</p>\n</blockquote>\n"},
		{"thematic break", "a\n\n---\n\nb", "<p>a</p>\n<hr>\n<p>b</p>\n"},
		{"code span", "bruk `a & b`", "<p>bruk <code>a &amp; b</code></p>\n"},
		{"entities", "&amp; &copy; &#65; &lt;x&gt;", "<p>&amp; © A &lt;x&gt;</p>\n"},
		{"backslash escapes", `\*ikke kursiv\*`, "<p>*ikke kursiv*</p>\n"},
		{"link", "[Nettverk](/nettverk/42)", `<p><a href="/nettverk/42" ` + rel + ">Nettverk</a></p>\n"},
		{"link with title", `[a](https://kommune.no "Tittel")`, `<p><a href="https://kommune.no" ` + rel + ` title="Tittel">a</a></p>` + "\n"},
		{"reference link", "[a]\n\n[a]: https://kommune.no/r", `<p><a href="https://kommune.no/r" ` + rel + ">a</a></p>\n"},
		{"mailto link", "[skriv](mailto:post@kommune.no)", `<p><a href="mailto:post@kommune.no" ` + rel + ">skriv</a></p>\n"},
		{"link with space", "[a](<https://a.no/b c>)", `<p><a href="https://a.no/b%20c" ` + rel + ">a</a></p>\n"},
		{"link with emphasis", "[*a*](/b)", `<p><a href="/b" ` + rel + "><em>a</em></a></p>\n"},
		{"relative link without slash is text", "[a](side/1)", "<p>a</p>\n"},
		{"fragment link is text", "[a](#del-2)", "<p>a</p>\n"},
		{"protocol-relative link is text", "[a](//evil.example/x)", "<p>a</p>\n"},
		{"ftp link is text", "[a](ftp://a.no/f)", "<p>a</p>\n"},
		{"strikethrough", "~~borte~~", "<p><del>borte</del></p>\n"},
		{"task list", "- [ ] gjøre\n- [x] gjort", "<ul>\n<li>☐ gjøre</li>\n<li>☑ gjort</li>\n</ul>\n"},
		{"norwegian", "Blåbærsyltetøy på «skiva» – ÆØÅ æøå.", "<p>Blåbærsyltetøy på «skiva» – ÆØÅ æøå.</p>\n"},
		{"invalid utf-8 and NUL", "a\xffb\x00c", "<p>a\uFFFDb\uFFFDc</p>\n"},
	})
}

func TestRenderTables(t *testing.T) {
	runRenderCases(t, []renderCase{
		{"plain", "| a | b |\n|---|---|\n| 1 | 2 |",
			"<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n"},
		{"aligned", "| v | m | h |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
			"<table>\n<thead>\n<tr>\n<th align=\"left\">v</th>\n<th align=\"center\">m</th>\n<th align=\"right\">h</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td align=\"left\">1</td>\n<td align=\"center\">2</td>\n<td align=\"right\">3</td>\n</tr>\n</tbody>\n</table>\n"},
		{"inline markup in cells", "| a |\n|---|\n| **x** [l](/l) <b>y</b> |",
			"<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><strong>x</strong> <a href=\"/l\" " + rel + ">l</a> &lt;b&gt;y&lt;/b&gt;</td>\n</tr>\n</tbody>\n</table>\n"},
	})
}

func TestRenderAutolinks(t *testing.T) {
	runRenderCases(t, []renderCase{
		{"bare https", "Se https://kommune.no/x nå", `<p>Se <a href="https://kommune.no/x" ` + rel + `>https://kommune.no/x</a> nå</p>` + "\n"},
		{"bare http with trailing dot", "Se http://kommune.no/x.", `<p>Se <a href="http://kommune.no/x" ` + rel + `>http://kommune.no/x</a>.</p>` + "\n"},
		{"www", "www.nav.no", `<p><a href="http://www.nav.no" ` + rel + `>www.nav.no</a></p>` + "\n"},
		{"email", "post@kommune.no", `<p><a href="mailto:post@kommune.no" ` + rel + `>post@kommune.no</a></p>` + "\n"},
		{"angle brackets", "<https://kommune.no>", `<p><a href="https://kommune.no" ` + rel + `>https://kommune.no</a></p>` + "\n"},
		{"angle email", "<post@kommune.no>", `<p><a href="mailto:post@kommune.no" ` + rel + `>post@kommune.no</a></p>` + "\n"},
		{"bare ftp is text", "ftp://a.no/f", "<p>ftp://a.no/f</p>\n"},
		{"angle ftp is text", "<ftp://a.no/f>", "<p>ftp://a.no/f</p>\n"},
		{"quote in url is encoded", `<https://a.no/"onmouseover=x>`, `<p><a href="https://a.no/%22onmouseover=x" ` + rel + `>https://a.no/&#34;onmouseover=x</a></p>` + "\n"},
		{"inside link text stays text", "[https://a.no](/b)", `<p><a href="/b" ` + rel + `>https://a.no</a></p>` + "\n"},
	})
}

func TestRenderHeadingsShift(t *testing.T) {
	runRenderCases(t, []renderCase{
		{"h1", "# a", "<h3>a</h3>\n"},
		{"h2", "## a", "<h4>a</h4>\n"},
		{"h3", "### a", "<h5>a</h5>\n"},
		{"h4 capped", "#### a", "<h6>a</h6>\n"},
		{"h5 capped", "##### a", "<h6>a</h6>\n"},
		{"h6 capped", "###### a", "<h6>a</h6>\n"},
		{"setext 1", "a\n===", "<h3>a</h3>\n"},
		{"setext 2", "a\n---", "<h4>a</h4>\n"},
		{"in blockquote", "> # a", "<blockquote>\n<h3>a</h3>\n</blockquote>\n"},
		{"in list", "- ## a", "<ul>\n<li>\n<h4>a</h4>\n</li>\n</ul>\n"},
		{"no id attribute", "# a {#x}", "<h3>a {#x}</h3>\n"},
	})
}

func TestRenderCode(t *testing.T) {
	runRenderCases(t, []renderCase{
		{"fenced with language", "```go\nfmt.Println(\"<b>\")\n```",
			"<pre><code class=\"language-go\">fmt.Println(&#34;&lt;b&gt;&#34;)\n</code></pre>\n"},
		{"fenced script", "```html\n<script>alert(1)</script>\n```",
			"<pre><code class=\"language-html\">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"},
		{"odd language dropped", "```\" onclick=\"x\n1\n```", "<pre><code>1\n</code></pre>\n"},
		{"indented", "    <img src=x onerror=alert(1)>\n", "<pre><code>&lt;img src=x onerror=alert(1)&gt;\n</code></pre>\n"},
		{"span", "`<iframe>`", "<p><code>&lt;iframe&gt;</code></p>\n"},
	})
}

func TestRenderImagesAsLinks(t *testing.T) {
	runRenderCases(t, []renderCase{
		{"with alt", "![Kart over *Bergen*](https://kommune.no/kart.png)", `<p><a href="https://kommune.no/kart.png" ` + rel + `>Kart over Bergen</a></p>` + "\n"},
		{"without alt", "![](/bilder/1.png)", `<p><a href="/bilder/1.png" ` + rel + `>/bilder/1.png</a></p>` + "\n"},
		{"with title", `![a](/b.png "T")`, `<p><a href="/b.png" ` + rel + ` title="T">a</a></p>` + "\n"},
		{"inside link", "[![logo](/logo.png)](https://kommune.no)", `<p><a href="https://kommune.no" ` + rel + `>logo</a></p>` + "\n"},
		{"data image is text", "![a](data:image/png;base64,iVBORw0KGgo=)", "<p>a</p>\n"},
		{"javascript image is text", "![a](javascript:alert(1))", "<p>a</p>\n"},
	})
}

// TestRenderNeutralises feeds known XSS vectors through Render. Raw HTML is
// shown as the escaped text the user typed; unsafe link targets lose their
// <a> and keep their text.
func TestRenderNeutralises(t *testing.T) {
	runRenderCases(t, []renderCase{
		{"script block", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
		{"script inline", "a <script>alert(1)</script> b", "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>\n"},
		{"img onerror block", "<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"},
		{"img onerror inline", "hei <img src=x onerror=alert(1)> du", "<p>hei &lt;img src=x onerror=alert(1)&gt; du</p>\n"},
		{"svg onload", "<svg onload=alert(1)>", "<p>&lt;svg onload=alert(1)&gt;</p>\n"},
		{"html anchor javascript", `<a href="javascript:alert(1)">x</a>`, "<p>&lt;a href=&#34;javascript:alert(1)&#34;&gt;x&lt;/a&gt;</p>\n"},
		{"md link javascript", "[x](javascript:alert(1))", "<p>x</p>\n"},
		{"md link mixed case", "[x](JaVaScRiPt:alert(1))", "<p>x</p>\n"},
		{"md link tab entity", "[x](java&#x09;script:alert(1))", "<p>x</p>\n"},
		{"md link raw tab", "[x](<java\tscript:alert(1)>)", "<p>x</p>\n"},
		{"md link newline entity", "[x](java&#10;script:alert(1))", "<p>x</p>\n"},
		{"md link entity j", "[x](&#106;avascript:alert(1))", "<p>x</p>\n"},
		{"md link named entity colon", "[x](javascript&colon;alert(1))", "<p>x</p>\n"},
		{"md link leading space", "[x]( javascript:alert(1))", "<p>x</p>\n"},
		{"md link vbscript", "[x](vbscript:msgbox(1))", "<p>x</p>\n"},
		{"md link file", "[x](file:///etc/passwd)", "<p>x</p>\n"},
		{"md link data html", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "<p>x</p>\n"},
		{"md link backslash host", `[x](/\evil.example)`, `<p><a href="/%5Cevil.example" ` + rel + ">x</a></p>\n"},
		{"reference javascript", "[x]\n\n[x]: javascript:alert(1)", "<p>x</p>\n"},
		{"angle autolink javascript", "<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"},
		{"iframe", `<iframe src="https://evil.example"></iframe>`, "<p>&lt;iframe src=&#34;https://evil.example&#34;&gt;&lt;/iframe&gt;</p>\n"},
		{"style", "<style>body{display:none}</style>", "<p>&lt;style&gt;body{display:none}&lt;/style&gt;</p>\n"},
		{"object", "<object data=x></object>", "<p>&lt;object data=x&gt;&lt;/object&gt;</p>\n"},
		{"form and input", "<form action=/x><input name=a></form>", "<p>&lt;form action=/x&gt;&lt;input name=a&gt;&lt;/form&gt;</p>\n"},
		{"comment", "a\n<!-- skjult -->", "<p>a</p>\n<p>&lt;!-- skjult --&gt;</p>\n"},
		{"multi-line html block", "<div>\n*x*\n</div>", "<p>&lt;div&gt;<br>\n*x*<br>\n&lt;/div&gt;</p>\n"},
		{"title with quotes", `[x](/a "sa \"hei\" onmouseover=alert(1)")`,
			`<p><a href="/a" ` + rel + ` title="sa &#34;hei&#34; onmouseover=alert(1)">x</a></p>` + "\n"},
		{"title with single quotes", `[x](/a 'it"s' )`, `<p><a href="/a" ` + rel + ` title="it&#34;s">x</a></p>` + "\n"},
		{"quote breaking out of href", `[x](https://a.no/"onmouseover="alert(1))`,
			`<p><a href="https://a.no/%22onmouseover=%22alert(1)" ` + rel + ">x</a></p>\n"},
		{"linkify then html", `www.a.no/"><script>alert(1)</script>`,
			`<p><a href="http://www.a.no/%22%3E" ` + rel + `>www.a.no/&#34;&gt;</a>&lt;script&gt;alert(1)&lt;/script&gt;</p>` + "\n"},
	})
}

func TestRenderConcurrent(t *testing.T) {
	docs := []string{realisticDoc(5_000), "# a\n\n[x](/y) https://kommune.no", "| a |\n|---|\n| b |"}
	want := make([]string, len(docs))
	for i, d := range docs {
		want[i] = Render(d)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 16 {
		wg.Go(func() {
			for k := range 20 {
				i := (g + k) % len(docs)
				if got := Render(docs[i]); got != want[i] {
					errs <- fmt.Errorf("goroutine %d: doc %d rendered differently", g, i)
					return
				}
				_ = Plain(docs[i], 100)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestRenderPathological renders inputs known to be slow in Markdown
// parsers. It asserts safety and logs the time; the worst cases (deep
// nesting, unclosed link destinations) are quadratic inside goldmark, so the
// test uses 10,000 characters to stay quick under -race, and
// BenchmarkRenderPathological times them at 50,000.
func TestRenderPathological(t *testing.T) {
	for name, src := range pathological(10_000) {
		start := time.Now()
		out := Render(src)
		d := time.Since(start)
		if err := checkSafe(out); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if p := Plain(src, 200); len([]rune(p)) > 201 {
			t.Errorf("%s: Plain too long: %d runes", name, len([]rune(p)))
		}
		t.Logf("%-18s %8d bytes in, %8d out, %v", name, len(src), len(out), d.Round(time.Millisecond))
	}
}

func pathological(n int) map[string]string {
	return map[string]string{
		"brackets":         strings.Repeat("[", n),
		"nested brackets":  strings.Repeat("[", n/2) + strings.Repeat("]", n/2),
		"unclosed links":   strings.Repeat("[a](", n/4),
		"emphasis":         strings.Repeat("*a", n/2),
		"strong":           strings.Repeat("**a", n/3),
		"backticks":        strings.Repeat("`a", n/2),
		"less-than":        strings.Repeat("<", n),
		"open tags":        strings.Repeat("<a ", n/3),
		"images":           strings.Repeat("![", n/2),
		"blockquotes":      strings.Repeat(">", n),
		"nested lists":     strings.Repeat("1. ", n/3),
		"quoted lists":     strings.Repeat("> - ", n/4),
		"wide table":       "|" + strings.Repeat("a|", n/4) + "\n|" + strings.Repeat("-|", n/4) + "\n",
		"long table":       "|a|b|\n|-|-|\n" + strings.Repeat("|x|y|\n", n/6),
		"autolinks":        strings.Repeat("https://a.no/x ", n/15),
		"linkify parens":   "https://a.no/" + strings.Repeat("(", n),
		"entities":         strings.Repeat("&#x", n/3),
		"html blocks":      strings.Repeat("<div>\n", n/6),
		"many definitions": strings.Repeat("[a]: /b\n", n/8) + strings.Repeat("[a]", 100),
	}
}

package forum

import (
	"regexp"
	"strings"
	"testing"

	"github.com/samspill/samspill/internal/markdown"
)

var (
	onAttr   = regexp.MustCompile(`<[^>]*\son[a-z]+=`)
	hrefAttr = regexp.MustCompile(`href="([^"]*)"`)
)

const (
	memberID   = "aaaaaaaaaaaaaaaaaaaaaaaa"
	outsiderID = "bbbbbbbbbbbbbbbbbbbbbbbb"
)

func TestExpandMentions(t *testing.T) {
	members := map[string]bool{memberID: true}
	body := "Takk @[Kari Nordmann](" + memberID + ")! Spør @[Per *Utenfor*](" + outsiderID + "), og @[Kari Nordmann](" + memberID + ") igjen."
	got, mentioned := expandMentions(body, members)
	if len(mentioned) != 1 || mentioned[0] != memberID {
		t.Errorf("mentioned %v", mentioned)
	}
	html := markdown.Render(got)
	if !strings.Contains(html, `<a href="/personer/`+memberID+`" rel="nofollow ugc noopener">@Kari Nordmann</a>`) {
		t.Errorf("member not linked: %s", html)
	}
	if strings.Contains(html, outsiderID) || !strings.Contains(html, "@Per *Utenfor*") {
		t.Errorf("non-member linked or name turned into Markdown: %s", html)
	}
}

// FuzzMentionsAndMarkdown feeds post bodies through mention expansion and the
// renderer, as a post is saved, and checks that the result stays safe.
func FuzzMentionsAndMarkdown(f *testing.F) {
	for _, seed := range []string{
		"@[Kari](" + memberID + ") hei",
		"@[<script>alert(1)</script>](" + memberID + ")",
		"@[x](javascript:alert(1))",
		"@[x](" + memberID + ")(javascript:alert(1))",
		"[@[a](" + memberID + ")](javascript:evil)",
		"@[](" + memberID + ")",
		"> sitat @[Ola](" + outsiderID + ")\n\nsvar",
		"<a href=\"javascript:x\">@[K](" + memberID + ")</a>",
		"@[K](" + memberID + ")<img src=x onerror=alert(1)>",
	} {
		f.Add(seed)
	}
	members := map[string]bool{memberID: true}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > MaxBody {
			return
		}
		expanded, mentioned := expandMentions(body, members)
		for _, id := range mentioned {
			if id != memberID {
				t.Fatalf("mentioned a non-member %q", id)
			}
		}
		html := strings.ToLower(markdown.Render(expanded))
		for _, tag := range []string{"<script", "<iframe", "<img", "<svg", " on", " style="} {
			if tag == " on" {
				if onAttr.MatchString(html) {
					t.Fatalf("event handler attribute in %s", html)
				}
				continue
			}
			if strings.Contains(html, tag) {
				t.Fatalf("unsafe %q in %s", tag, html)
			}
		}
		// Text may say "javascript:"; a link may only go to our pages, http(s) or mailto.
		for _, m := range hrefAttr.FindAllStringSubmatch(html, -1) {
			if !(strings.HasPrefix(m[1], "/") && !strings.HasPrefix(m[1], "//") || strings.HasPrefix(m[1], "http://") ||
				strings.HasPrefix(m[1], "https://") || strings.HasPrefix(m[1], "mailto:")) {
				t.Fatalf("unsafe link %q in %s", m[1], html)
			}
		}
		if strings.Contains(html, outsiderID+"\"") {
			t.Fatalf("a non-member was linked: %s", html)
		}
	})
}

package markdown

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

// checkSafe is the safety contract of Render's output, used by the table
// tests and the fuzzer. It reads the output the way bluemonday writes it:
// every '<' opens a tag (text '<' is always escaped), attribute values are
// double-quoted with '"' escaped.
func checkSafe(out string) error {
	lower := strings.ToLower(out)
	for _, bad := range []string{"<script", "<iframe", "<style", "<object", "<embed", "<form", "<input", "<img", "<svg", "<math", "<!--"} {
		if strings.Contains(lower, bad) {
			return fmt.Errorf("output contains %q", bad)
		}
	}
	for i := 0; ; {
		j := strings.IndexByte(out[i:], '<')
		if j < 0 {
			return nil
		}
		i += j
		m := tagPattern.FindStringSubmatch(out[i:])
		if m == nil {
			return fmt.Errorf("'<' that does not start a well-formed tag: %.60q", out[i:])
		}
		i += len(m[0])
		closing, name, attrs := m[1] == "/", m[2], m[3]
		allowed, ok := allowedAttrs[name]
		if !ok {
			return fmt.Errorf("element <%s> is not allowed", name)
		}
		if closing {
			if attrs != "" {
				return fmt.Errorf("closing tag with attributes: %q", m[0])
			}
			continue
		}
		rel, hasRel := "", false
		for _, a := range attrPattern.FindAllStringSubmatch(attrs, -1) {
			key, val := strings.ToLower(a[1]), html.UnescapeString(a[2])
			switch {
			case strings.HasPrefix(key, "on"):
				return fmt.Errorf("event-handler attribute in %q", m[0])
			case key == "style":
				return fmt.Errorf("style attribute in %q", m[0])
			case !allowed[key]:
				return fmt.Errorf("attribute %q not allowed on <%s>", key, name)
			}
			// Every attribute but title (text, never fetched or run) is
			// checked as if it were a URL.
			norm := normaliseURL(val)
			for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
				if key != "title" && strings.HasPrefix(norm, scheme) {
					return fmt.Errorf("%s URL in %q", scheme, m[0])
				}
			}
			if key == "href" && !allowedHref(norm) {
				return fmt.Errorf("href not http(s), mailto or /path: %q", m[0])
			}
			if key == "rel" {
				rel, hasRel = val, true
			}
		}
		if name == "a" && (!hasRel || rel != linkRel) {
			return fmt.Errorf("link without rel=%q: %q", linkRel, m[0])
		}
	}
}

var (
	tagPattern  = regexp.MustCompile(`^<(/?)([a-z][a-z0-9]*)((?:\s+[^\s="'<>/]+="[^"<>]*")*)\s*/?>`)
	attrPattern = regexp.MustCompile(`\s+([^\s="'<>/]+)="([^"<>]*)"`)

	allowedAttrs = map[string]map[string]bool{
		"a":  {"href": true, "rel": true, "title": true},
		"ol": {"start": true},
		"th": {"align": true}, "td": {"align": true},
		"code": {"class": true},
		"p":    {}, "br": {}, "hr": {}, "blockquote": {}, "pre": {},
		"h3": {}, "h4": {}, "h5": {}, "h6": {},
		"em": {}, "strong": {}, "del": {},
		"ul": {}, "li": {},
		"table": {}, "thead": {}, "tbody": {}, "tr": {},
	}
)

// normaliseURL approximates what a browser does before looking at a URL's
// scheme: it drops ASCII whitespace and control characters and ignores case.
func normaliseURL(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	return strings.ToLower(b.String())
}

func allowedHref(norm string) bool {
	for _, p := range []string{"https://", "http://", "mailto:"} {
		if strings.HasPrefix(norm, p) {
			return true
		}
	}
	return strings.HasPrefix(norm, "/") && !strings.HasPrefix(norm, "//") && !strings.HasPrefix(norm, `/\`)
}

// TestCheckSafeRejects makes sure the fuzz oracle would notice the failures
// it is meant to catch.
func TestCheckSafeRejects(t *testing.T) {
	for _, out := range []string{
		"<script>alert(1)</script>",
		"<p onclick=\"x\">a</p>",
		"<p style=\"color:red\">a</p>",
		"<iframe src=\"/x\"></iframe>",
		"<img src=\"/x\">",
		"<input type=\"checkbox\">",
		`<a href="javascript:alert(1)" rel="nofollow ugc noopener">x</a>`,
		`<a href="&#106;ava&#x09;script:alert(1)" rel="nofollow ugc noopener">x</a>`,
		`<a href=" JaVaScRiPt:alert(1)" rel="nofollow ugc noopener">x</a>`,
		`<a href="data:text/html,x" rel="nofollow ugc noopener">x</a>`,
		`<a href="//evil.example" rel="nofollow ugc noopener">x</a>`,
		`<a href="ftp://a.no" rel="nofollow ugc noopener">x</a>`,
		`<a href="https://a.no">x</a>`,
		`<a href="https://a.no" rel="nofollow">x</a>`,
		`<a href="https://a.no" rel="nofollow ugc noopener" target="_blank">x</a>`,
		`<h1>x</h1>`,
		`<p>a <!-- x --></p>`,
		`<p>a < b</p>`,
	} {
		if checkSafe(out) == nil {
			t.Errorf("checkSafe(%q) = nil, want an error", out)
		}
	}
	if err := checkSafe(`<p>a &lt; b <a href="https://a.no/javascript:x" rel="nofollow ugc noopener" title="javascript:">c</a></p>`); err != nil {
		t.Errorf("safe output rejected: %v", err)
	}
}

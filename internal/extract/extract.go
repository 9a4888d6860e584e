// Package extract pulls the plain text out of uploaded documents so search can
// find what is inside them: PDF, the Office Open XML formats (DOCX, XLSX, PPTX),
// the OpenDocument formats (ODT, ODS, ODP) and plain text. It never trusts a
// file: sizes, pages and time are bounded, a broken or locked document gives an
// error (the resource is then found by its title and description alone), and a
// panic inside a parser is caught.
package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// Media types this package reads.
const (
	PDF  = "application/pdf"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	ODT  = "application/vnd.oasis.opendocument.text"
	ODS  = "application/vnd.oasis.opendocument.spreadsheet"
	ODP  = "application/vnd.oasis.opendocument.presentation"
	TXT  = "text/plain"
	CSV  = "text/csv"
)

// Limits bound one extraction.
type Limits struct {
	MaxText  int           // bytes of text kept
	MaxPages int           // PDF pages read
	MaxPart  int64         // bytes of one XML part read from a zip
	Timeout  time.Duration // for the whole document
}

// DefaultLimits keep a search index useful and an upload of a 500-page report
// from taking the server's time: the first 300 pages or 1 MB of text, whichever
// comes first, within 20 seconds.
var DefaultLimits = Limits{MaxText: 1 << 20, MaxPages: 300, MaxPart: 64 << 20, Timeout: 20 * time.Second}

// ErrUnsupported is returned for types without text (images) or unknown ones.
var ErrUnsupported = errors.New("no text to extract from this type")

// Text returns the text of a document of the given media type.
func Text(ctx context.Context, r io.ReaderAt, size int64, mediaType string, lim Limits) (text string, err error) {
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			text, err = "", fmt.Errorf("unreadable %s: %v", mediaType, p)
		}
	}()
	out := &limited{max: lim.MaxText}
	switch mediaType {
	case PDF:
		err = pdfText(ctx, r, size, lim, out)
	case DOCX:
		err = zipText(ctx, r, size, lim, out, []string{"word/document.xml"}, map[string]bool{"t": true}, map[string]bool{"p": true, "tab": true, "br": true})
	case PPTX:
		err = zipText(ctx, r, size, lim, out, numbered(r, size, "ppt/slides/slide"), map[string]bool{"t": true}, map[string]bool{"p": true})
	case XLSX:
		err = zipText(ctx, r, size, lim, out, []string{"xl/sharedStrings.xml"}, map[string]bool{"t": true}, map[string]bool{"si": true})
	case ODT, ODS, ODP:
		err = zipText(ctx, r, size, lim, out, []string{"content.xml"}, nil, map[string]bool{"p": true, "h": true, "tab": true, "line-break": true})
	case TXT, CSV:
		_, err = io.Copy(out, io.NewSectionReader(r, 0, size))
	default:
		return "", ErrUnsupported
	}
	if errors.Is(err, errFull) {
		err = nil
	}
	text = strings.Join(strings.Fields(strings.ToValidUTF8(out.b.String(), " ")), " ")
	if err != nil && text == "" {
		return "", err
	}
	return text, nil // what was read before a broken part is still worth finding
}

var errFull = errors.New("text limit reached")

// limited collects text up to max bytes.
type limited struct {
	b   bytes.Buffer
	max int
}

func (l *limited) Write(p []byte) (int, error) {
	room := l.max - l.b.Len()
	if room <= 0 {
		return 0, errFull
	}
	if len(p) > room {
		// Cut on a rune boundary.
		cut := room
		for cut > 0 && !utf8.RuneStart(p[cut]) {
			cut--
		}
		l.b.Write(p[:cut])
		return cut, errFull
	}
	return l.b.Write(p)
}

func (l *limited) WriteString(s string) error {
	_, err := l.Write([]byte(s))
	return err
}

func pdfText(ctx context.Context, r io.ReaderAt, size int64, lim Limits, out *limited) error {
	doc, err := pdf.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("open pdf: %w", err)
	}
	for _, p := range pdfPages(doc, lim.MaxPages) {
		if err := ctx.Err(); err != nil {
			return nil // keep what the time allowed
		}
		t, err := p.GetPlainText(nil)
		if err != nil {
			continue // one unreadable page does not spoil the rest
		}
		if err := out.WriteString(t + "\n"); err != nil {
			return err
		}
	}
	return nil
}

// pdfPages walks the page tree itself, with limits on depth and on the nodes
// visited: a tree whose kids point back at their parent would otherwise send
// the library's own page lookup round in circles.
func pdfPages(doc *pdf.Reader, max int) []pdf.Page {
	var out []pdf.Page
	visits := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if len(out) >= max || depth > 32 || visits > 100_000 {
			return
		}
		visits++
		switch v.Key("Type").Name() {
		case "Pages":
			kids := v.Key("Kids")
			for i := 0; i < kids.Len() && len(out) < max; i++ {
				walk(kids.Index(i), depth+1)
			}
		case "Page":
			out = append(out, pdf.Page{V: v})
		}
	}
	walk(doc.Trailer().Key("Root").Key("Pages"), 0)
	return out
}

// numbered lists zip entries like ppt/slides/slide12.xml in slide order.
func numbered(r io.ReaderAt, size int64, prefix string) []string {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil
	}
	type entry struct {
		name string
		n    int
	}
	var es []entry
	for _, f := range z.File {
		rest, ok := strings.CutPrefix(f.Name, prefix)
		if !ok || !strings.HasSuffix(rest, ".xml") {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSuffix(rest, ".xml")); err == nil {
			es = append(es, entry{f.Name, n})
		}
	}
	sort.Slice(es, func(i, j int) bool { return es[i].n < es[j].n })
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.name
	}
	return out
}

// zipText reads the named XML parts of a zip container and writes the
// character data inside the given elements (all character data when textIn is
// nil), with a line break after each breakAfter element.
func zipText(ctx context.Context, r io.ReaderAt, size int64, lim Limits, out *limited, parts []string, textIn, breakAfter map[string]bool) error {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("open zip container: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range z.File {
		files[path.Clean(f.Name)] = f
	}
	for _, name := range parts {
		if err := ctx.Err(); err != nil {
			return nil
		}
		f, ok := files[name]
		if !ok {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		err = xmlText(ctx, io.LimitReader(rc, lim.MaxPart), out, textIn, breakAfter)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func xmlText(ctx context.Context, r io.Reader, out *limited, textIn, breakAfter map[string]bool) error {
	d := xml.NewDecoder(r)
	d.Strict = false
	depth := 0 // how deep inside a text element we are
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil
		}
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if textIn[t.Name.Local] {
				depth++
			}
		case xml.EndElement:
			if textIn[t.Name.Local] && depth > 0 {
				depth--
			}
			if breakAfter[t.Name.Local] {
				if err := out.WriteString("\n"); err != nil {
					return err
				}
			}
		case xml.CharData:
			if textIn == nil || depth > 0 {
				if _, err := out.Write(t); err != nil {
					return err
				}
			}
		}
	}
}

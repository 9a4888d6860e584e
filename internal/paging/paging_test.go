package paging_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/paging"
)

// invalidField checks that err is an ErrInvalid naming exactly field.
func invalidField(t *testing.T, err error, field string) {
	t.Helper()
	if !errors.Is(err, apperr.ErrInvalid) {
		t.Fatalf("error = %v, want an ErrInvalid", err)
	}
	e, _ := apperr.As(err)
	if e.Code != "validation.failed" {
		t.Errorf("code = %q, want validation.failed", e.Code)
	}
	if len(e.Fields) != 1 || e.Fields[0].Field != field || e.Fields[0].Code != apperr.FieldInvalid {
		t.Errorf("fields = %+v, want one invalid %q", e.Fields, field)
	}
}

func TestNewRequest(t *testing.T) {
	t.Parallel()
	after := paging.Cursor{Key: "2026-11-25T10:00:00Z", ID: "6744b0c0a1b2c3d4e5f60718"}
	tests := []struct {
		name      string
		limit     int
		cursor    string
		wantLimit int
		wantAfter *paging.Cursor
		badField  string
	}{
		{"default limit", 0, "", paging.DefaultLimit, nil, ""},
		{"limit 1", 1, "", 1, nil, ""},
		{"max limit", 100, "", 100, nil, ""},
		{"with cursor", 50, after.Encode(), 50, &after, ""},
		{"limit over max", 101, "", 0, nil, "limit"},
		{"negative limit", -1, "", 0, nil, "limit"},
		{"bad cursor", 10, "not a cursor!", 0, nil, "cursor"},
		{"base64 of non-JSON", 10, base64.RawURLEncoding.EncodeToString([]byte("hello")), 0, nil, "cursor"},
		{"cursor without id", 10, base64.RawURLEncoding.EncodeToString([]byte(`{"k":"x"}`)), 0, nil, "cursor"},
		{"cursor with padding", 10, base64.URLEncoding.EncodeToString([]byte(`{"k":"x","i":"y"}`)), 0, nil, "cursor"},
		{"cursor of the wrong type", 10, base64.RawURLEncoding.EncodeToString([]byte(`{"k":1,"i":"y"}`)), 0, nil, "cursor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req, err := paging.NewRequest(tt.limit, tt.cursor)
			if tt.badField != "" {
				invalidField(t, err, tt.badField)
				return
			}
			if err != nil {
				t.Fatalf("NewRequest(%d, %q) error: %v", tt.limit, tt.cursor, err)
			}
			if req.Limit != tt.wantLimit {
				t.Errorf("Limit = %d, want %d", req.Limit, tt.wantLimit)
			}
			switch {
			case tt.wantAfter == nil && req.After != nil:
				t.Errorf("After = %+v, want nil", req.After)
			case tt.wantAfter != nil && (req.After == nil || *req.After != *tt.wantAfter):
				t.Errorf("After = %+v, want %+v", req.After, tt.wantAfter)
			}
		})
	}
}

func TestNewRequestBadLimitAndCursor(t *testing.T) {
	t.Parallel()
	// Both wrong: the request is refused; which field is named first is not a
	// promise, but it must be one of the two.
	_, err := paging.NewRequest(1000, "%%%")
	if !errors.Is(err, apperr.ErrInvalid) {
		t.Fatalf("error = %v, want ErrInvalid", err)
	}
	e, _ := apperr.As(err)
	if len(e.Fields) == 0 || (e.Fields[0].Field != "limit" && e.Fields[0].Field != "cursor") {
		t.Errorf("fields = %+v", e.Fields)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []paging.Cursor{
		{Key: "", ID: "a"},
		{Key: "2026-11-25T10:00:00.123Z", ID: "6744b0c0a1b2c3d4e5f60718"},
		{Key: "Ålesund kulturhus", ID: "x"},
		{Key: `quotes " and \ backslash`, ID: "id/with+chars="},
		{Key: "<script>&</script>", ID: "\u2028"},
		{Key: "00000000000000000042", ID: "0"},
	}
	for _, c := range tests {
		s := c.Encode()
		for _, r := range s {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				t.Errorf("Encode(%+v) = %q: %q is not URL-safe", c, s, r)
				break
			}
		}
		got, err := paging.Decode(s)
		if err != nil {
			t.Errorf("Decode(Encode(%+v)) error: %v", c, err)
			continue
		}
		if got == nil || *got != c {
			t.Errorf("Decode(Encode(%+v)) = %+v", c, got)
		}
	}
}

func TestDecodeEmptyIsFirstPage(t *testing.T) {
	t.Parallel()
	c, err := paging.Decode("")
	if err != nil || c != nil {
		t.Errorf("Decode(\"\") = %+v, %v; want nil, nil", c, err)
	}
}

type item struct {
	Name string
	ID   int
}

func cursorOf(it item) paging.Cursor {
	return paging.Cursor{Key: it.Name, ID: strconv.Itoa(it.ID)}
}

func items(n int) []item {
	out := make([]item, n)
	for i := range out {
		out[i] = item{Name: "item" + strconv.Itoa(i), ID: i}
	}
	return out
}

func TestBuild(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		items      []item
		limit      int
		wantLen    int
		wantCursor *paging.Cursor
	}{
		{"nil", nil, 20, 0, nil},
		{"empty", []item{}, 20, 0, nil},
		{"fewer than limit", items(3), 20, 3, nil},
		{"exactly limit", items(20), 20, 20, nil},
		{"limit plus one", items(21), 20, 20, &paging.Cursor{Key: "item19", ID: "19"}},
		{"limit one of two", items(2), 1, 1, &paging.Cursor{Key: "item0", ID: "0"}},
		{"limit one of one", items(1), 1, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := paging.Build(tt.items, tt.limit, cursorOf)
			if p.Items == nil {
				t.Fatal("Items is nil; want an empty, non-nil slice")
			}
			if len(p.Items) != tt.wantLen {
				t.Fatalf("len(Items) = %d, want %d", len(p.Items), tt.wantLen)
			}
			for i, it := range p.Items {
				if it != tt.items[i] {
					t.Errorf("Items[%d] = %+v, want %+v (order kept)", i, it, tt.items[i])
				}
			}
			if tt.wantCursor == nil {
				if p.NextCursor != "" {
					t.Errorf("NextCursor = %q, want none", p.NextCursor)
				}
				return
			}
			got, err := paging.Decode(p.NextCursor)
			if err != nil {
				t.Fatalf("NextCursor %q does not decode: %v", p.NextCursor, err)
			}
			if *got != *tt.wantCursor {
				t.Errorf("NextCursor = %+v, want %+v", *got, *tt.wantCursor)
			}
		})
	}
}

func TestPageJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		page paging.Page[item]
		want string
	}{
		{"empty list is [] and no cursor", paging.Build[item](nil, 20, cursorOf), `{"items":[]}`},
		{"cursor when more follow", paging.Build(items(2), 1, cursorOf),
			`{"items":[{"Name":"item0","ID":0}],"nextCursor":"` + paging.Cursor{Key: "item0", ID: "0"}.Encode() + `"}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.page)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, b, tt.want)
		}
	}
}

// TestPagesWalkEverything reads a sorted list page by page through the cursor,
// as a store does, and checks every item is seen exactly once.
func TestPagesWalkEverything(t *testing.T) {
	t.Parallel()
	all := items(53)
	readAfter := func(after *paging.Cursor, n int) []item {
		start := 0
		if after != nil {
			id, err := strconv.Atoi(after.ID)
			if err != nil {
				t.Fatalf("cursor id %q: %v", after.ID, err)
			}
			start = id + 1
		}
		return all[start:min(start+n, len(all))]
	}
	var seen []item
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("too many pages: the cursor does not advance")
		}
		req, err := paging.NewRequest(10, cursor)
		if err != nil {
			t.Fatal(err)
		}
		p := paging.Build(readAfter(req.After, req.Limit+1), req.Limit, cursorOf)
		seen = append(seen, p.Items...)
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	if len(seen) != len(all) {
		t.Fatalf("saw %d items, want %d", len(seen), len(all))
	}
	for i := range all {
		if seen[i] != all[i] {
			t.Fatalf("item %d = %+v, want %+v", i, seen[i], all[i])
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		"",
		paging.Cursor{Key: "2026-11-25T10:00:00Z", ID: "6744b0c0a1b2c3d4e5f60718"}.Encode(),
		paging.Cursor{Key: "", ID: "x"}.Encode(),
		paging.Cursor{Key: "Ålesund", ID: "1"}.Encode(),
		base64.RawURLEncoding.EncodeToString([]byte(`{"k":"a","i":"b","extra":1}`)),
		base64.RawURLEncoding.EncodeToString([]byte(`{"i":"\ud800"}`)),
		base64.RawURLEncoding.EncodeToString([]byte(`null`)),
		base64.RawURLEncoding.EncodeToString([]byte(`{"k":null,"i":"z"}`)),
		"e30", // {}
		"not a cursor",
		"====",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := paging.Decode(s)
		if err != nil {
			if c != nil {
				t.Fatalf("Decode(%q) = %+v with error %v", s, c, err)
			}
			if !errors.Is(err, apperr.ErrInvalid) {
				t.Fatalf("Decode(%q) error %v is not ErrInvalid", s, err)
			}
			return
		}
		if s == "" {
			if c != nil {
				t.Fatalf("Decode(\"\") = %+v, want nil", c)
			}
			return
		}
		if c == nil || c.ID == "" {
			t.Fatalf("Decode(%q) = %+v, nil: accepted a cursor without id", s, c)
		}
		again, err := paging.Decode(c.Encode())
		if err != nil {
			t.Fatalf("Decode(%q) = %+v, whose encoding %q does not decode: %v", s, c, c.Encode(), err)
		}
		// encoding/json replaces invalid UTF-8 with U+FFFD, so equality holds
		// only for valid strings; what was decoded is always valid.
		if !utf8.ValidString(c.Key) || !utf8.ValidString(c.ID) {
			t.Fatalf("Decode(%q) produced invalid UTF-8: %+v", s, c)
		}
		if *again != *c {
			t.Fatalf("round trip of %q: %+v became %+v", s, c, again)
		}
	})
}

func TestNewRequestReportsEveryBadField(t *testing.T) {
	_, err := paging.NewRequest(500, "not a cursor!")
	e, ok := apperr.As(err)
	if !ok || len(e.Fields) != 2 || e.Fields[0].Field != "limit" || e.Fields[1].Field != "cursor" {
		t.Fatalf("NewRequest(500, bad cursor) = %v, want both limit and cursor reported", err)
	}
}

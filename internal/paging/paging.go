// Package paging is the cursor pagination every list in the API uses: a page of at
// most MaxLimit items and an opaque cursor holding the sort key and id of the last
// item, so the next page is one indexed range read however deep the reader goes.
package paging

import (
	"encoding/base64"
	"encoding/json"

	"github.com/samspill/samspill/internal/apperr"
)

const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Cursor marks the position after the last item of a page: its sort key and id
// (the id breaks ties between equal keys).
type Cursor struct {
	Key string `json:"k"`
	ID  string `json:"i"`
}

// Encode makes the opaque form given to clients.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Decode parses a client's cursor; an empty string means the first page.
func Decode(s string) (*Cursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c Cursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return nil, apperr.Invalid("validation.failed", "the cursor is not valid",
			apperr.FieldError{Field: "cursor", Code: apperr.FieldInvalid, Message: "not a cursor from this API; start from the first page"})
	}
	return &c, nil
}

// Request is a validated page request.
type Request struct {
	Limit int
	After *Cursor
}

// NewRequest validates limit and cursor from a client (limit 0 means the default).
func NewRequest(limit int, cursor string) (Request, error) {
	var v apperr.Validation
	v.Check(limit >= 0 && limit <= MaxLimit, "limit", apperr.FieldInvalid, "limit must be between 1 and 100")
	c, err := Decode(cursor)
	if err != nil {
		v.Add("cursor", apperr.FieldInvalid, "not a cursor from this API; start from the first page")
	}
	if err := v.Err(); err != nil {
		return Request{}, err
	}
	if limit == 0 {
		limit = DefaultLimit
	}
	return Request{Limit: limit, After: c}, nil
}

// Page is one page of a list, in the shape every list in the API answers.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"nextCursor,omitempty"`
}

// Build trims items, read with limit+1 so we know whether more follow, to one page
// and makes the cursor from the last item kept.
func Build[T any](items []T, limit int, cursorOf func(T) Cursor) Page[T] {
	p := Page[T]{Items: items}
	if p.Items == nil {
		p.Items = []T{}
	}
	if len(items) > limit {
		p.Items = items[:limit]
		p.NextCursor = cursorOf(p.Items[limit-1]).Encode()
	}
	return p
}

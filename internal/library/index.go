package library

import (
	"context"
	"errors"
	"io"
)

// Changes records that something searchable changed (the search feature's
// change log). Kind: "resource".
type Changes interface {
	Changed(ctx context.Context, kind, ref string) error
}

func (s *Service) changed(ctx context.Context, id string) error {
	if s.Changes == nil {
		return nil
	}
	return s.Changes.Changed(ctx, "resource", id)
}

// Extractor returns the text inside a document; it must give up on its own
// on documents that would take too long or too much memory.
type Extractor func(ctx context.Context, r io.Reader, mediaType string) (string, error)

// ErrNoText is what an Extractor returns for a format without text (images).
var ErrNoText = errors.New("no text in this format")

// The methods below serve the search indexer. They read without a principal:
// the search decides per searcher what may be shown.

// ResourceForIndex returns a resource.
func (s *Service) ResourceForIndex(ctx context.Context, id string) (Resource, error) {
	return s.store.Resource(ctx, id)
}

// WalkResources calls fn with every resource, in id order.
func (s *Service) WalkResources(ctx context.Context, fn func(Resource) error) error {
	const batch = 200
	after := ""
	for {
		rs, err := s.store.AllResources(ctx, after, batch)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(rs) < batch {
			return nil
		}
		after = rs[len(rs)-1].ID
	}
}

// FileText returns the text inside a resource's current file ("" for web
// links and images). Text is extracted once per file content and kept by its
// SHA-256, so every replica's indexer and every rebuild reuse it; a file
// whose extraction fails is kept with no text rather than tried again and
// again.
func (s *Service) FileText(ctx context.Context, r Resource) (string, error) {
	if r.File == nil || s.Extract == nil {
		return "", nil
	}
	sha := r.File.SHA256
	if text, ok, err := s.store.FileText(ctx, sha); err != nil || ok {
		return text, err
	}
	o, err := s.Blobs.Open(ctx, sha)
	if err != nil {
		return "", err
	}
	text, err := s.Extract(ctx, o, r.File.MediaType)
	o.Close()
	switch {
	case errors.Is(err, ErrNoText):
		text = ""
	case ctx.Err() != nil:
		return "", ctx.Err()
	case err != nil:
		s.Log.WarnContext(ctx, "no text extracted from a library file; it is found by its title and description only",
			"resource", r.ID, "sha256", sha, "error", err)
		text = ""
	}
	return text, s.store.SaveFileText(ctx, sha, text)
}

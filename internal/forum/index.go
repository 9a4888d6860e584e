package forum

import "context"

// Changes records that something searchable changed (the search feature's
// change log). Kinds: "thread" (the thread and all its posts), "post".
type Changes interface {
	Changed(ctx context.Context, kind, ref string) error
}

func (s *Service) changed(ctx context.Context, kind, ref string) error {
	if s.Changes == nil {
		return nil
	}
	return s.Changes.Changed(ctx, kind, ref)
}

// The methods below serve the search indexer. They read without a principal:
// the search decides per searcher what may be shown.

// ThreadForIndex returns a thread and all its posts.
func (s *Service) ThreadForIndex(ctx context.Context, id string) (Thread, []Post, error) {
	t, err := s.store.Thread(ctx, id)
	if err != nil {
		return Thread{}, nil, err
	}
	var posts []Post
	from := 1
	for {
		page, err := s.store.ListPosts(ctx, id, from, 500)
		if err != nil {
			return Thread{}, nil, err
		}
		if len(page) > 500 {
			posts = append(posts, page[:500]...)
			from = page[499].Number + 1
			continue
		}
		return t, append(posts, page...), nil
	}
}

// PostForIndex returns one post and its thread.
func (s *Service) PostForIndex(ctx context.Context, id string) (Thread, Post, error) {
	p, err := s.store.Post(ctx, id)
	if err != nil {
		return Thread{}, Post{}, err
	}
	t, err := s.store.Thread(ctx, p.ThreadID)
	return t, p, err
}

// WalkThreads calls fn with every thread, in id order.
func (s *Service) WalkThreads(ctx context.Context, fn func(Thread) error) error {
	after := ""
	for {
		ts, err := s.store.AllThreads(ctx, after, 200)
		if err != nil {
			return err
		}
		for _, t := range ts {
			if err := fn(t); err != nil {
				return err
			}
		}
		if len(ts) < 200 {
			return nil
		}
		after = ts[len(ts)-1].ID
	}
}

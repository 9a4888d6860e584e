package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// FileStore keeps blobs as files under a directory (<data dir>/blobs):
// ab/cd/<sha256>. An upload is written to tmp/ and renamed into place only when
// it is complete, synced and hashed, so a blob file is never partial.
//
// One server process owns the data dir (the embedded database's lock file), so
// a mutex is enough to order the last step of Put against Delete.
type FileStore struct {
	dir string
	mu  sync.Mutex
}

var _ Store = (*FileStore)(nil)

// NewFileStore opens (creating) the store in dir.
func NewFileStore(dir string) (*FileStore, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o750); err != nil {
		return nil, fmt.Errorf("create blob dir: %w", err)
	}
	return &FileStore{dir: dir}, nil
}

func (s *FileStore) path(sha string) string {
	return filepath.Join(s.dir, sha[:2], sha[2:4], sha)
}

// Put implements Store.
func (s *FileStore) Put(ctx context.Context, r io.Reader, limit int64) (Info, error) {
	f, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), "upload-*")
	if err != nil {
		return Info{}, fmt.Errorf("blob temp file: %w", err)
	}
	tmp := f.Name()
	fail := func(err error) (Info, error) {
		f.Close()
		_ = os.Remove(tmp)
		return Info{}, err
	}
	hr := newHashingReader(ctx, r, limit)
	if _, err := io.Copy(f, hr); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(fmt.Errorf("blob sync: %w", err))
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return Info{}, fmt.Errorf("blob close: %w", err)
	}
	info := Info{SHA256: hr.sum(), Size: hr.n}
	final := s.path(info.SHA256)

	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := os.Stat(final); err == nil {
		// Stored before: keep that copy and mark it as used now, so a Delete
		// deciding on its age leaves it alone.
		now := time.Now()
		if err := os.Chtimes(final, now, now); err != nil {
			_ = os.Remove(tmp)
			return Info{}, fmt.Errorf("blob touch: %w", err)
		}
		_ = os.Remove(tmp)
		return info, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		_ = os.Remove(tmp)
		return Info{}, fmt.Errorf("blob dir: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		_ = os.Remove(tmp)
		return Info{}, fmt.Errorf("blob rename: %w", err)
	}
	syncDir(filepath.Dir(final))
	info.Created = true
	return info, nil
}

// syncDir makes a rename durable; where a directory cannot be synced the
// rename is still atomic, only possibly lost in a power cut.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Open implements Store.
func (s *FileStore) Open(_ context.Context, sha string) (Object, error) {
	if !ValidSHA256(sha) {
		return nil, ErrNotFound
	}
	f, err := os.Open(s.path(sha))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("open blob: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("stat blob: %w", err)
	}
	return fileObject{File: f, size: fi.Size()}, nil
}

type fileObject struct {
	*os.File
	size int64
}

func (o fileObject) Size() int64 { return o.size }

// Delete implements Store.
func (s *FileStore) Delete(_ context.Context, sha string, unusedSince time.Time) (bool, error) {
	if !ValidSHA256(sha) {
		return false, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.path(sha)
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.ModTime().Before(unusedSince) {
		return false, nil
	}
	if err := os.Remove(p); err != nil {
		return false, err
	}
	return true, nil
}

// Sweep implements Store: temporary files a crash left behind. A temporary
// file still being written is newer than before (its modification time moves
// with every write).
func (s *FileStore) Sweep(_ context.Context, before time.Time) (int, error) {
	entries, err := os.ReadDir(filepath.Join(s.dir, "tmp"))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "upload-") {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.ModTime().Before(before) {
			continue
		}
		if os.Remove(filepath.Join(s.dir, "tmp", e.Name())) == nil {
			n++
		}
	}
	return n, nil
}

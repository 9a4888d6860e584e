// Package blob keeps file contents, addressed by their SHA-256: in the data dir
// on the embedded database, in MongoDB GridFS otherwise (replicated and in the
// database's backups). Contents are streamed in and out, never held in memory
// whole; the same bytes are stored once.
//
// Nothing here knows who may read what: the features that keep files (the
// library) record which blobs they use and check access before they open one.
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"time"
)

var (
	// ErrNotFound: no blob has that hash.
	ErrNotFound = errors.New("blob: not found")
	// ErrTooLarge: the content was longer than the limit Put was given.
	ErrTooLarge = errors.New("blob: content over the limit")
)

// Info describes a stored blob.
type Info struct {
	SHA256 string // lower-case hex
	Size   int64
	// Created is true when this Put stored the bytes; false when the same
	// bytes were already there (they are stored once).
	Created bool
}

// Object is an open blob: read it, seek in it (for ranges), close it.
type Object interface {
	io.ReadSeekCloser
	Size() int64
}

// Store keeps blobs. Both implementations pass the same conformance suite.
type Store interface {
	// Put reads r to its end and stores what it read, at most limit bytes:
	// a longer r fails with ErrTooLarge, and a failed Put (too large, a read
	// error, a cancelled ctx) leaves nothing behind. Storing bytes that are
	// already there keeps one copy and marks it as just used.
	Put(ctx context.Context, r io.Reader, limit int64) (Info, error)
	// Open opens a blob for reading; ErrNotFound when there is none.
	Open(ctx context.Context, sha string) (Object, error)
	// Delete removes a blob unless it was stored, or put again, at or after
	// unusedSince; it reports whether it removed it. The caller makes sure
	// nothing refers to the blob: a Put of the same bytes racing the delete
	// either keeps the blob or stores it anew, never loses it.
	Delete(ctx context.Context, sha string, unusedSince time.Time) (bool, error)
	// Sweep removes what uploads interrupted by a crash left behind, if they
	// started before the given time, and reports how many it removed.
	Sweep(ctx context.Context, before time.Time) (int, error)
}

// ValidSHA256 reports whether s is a blob address: 64 lower-case hex digits.
func ValidSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Sum returns the address of b.
func Sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// hashingReader hashes and counts what passes through, stops at limit+1 bytes
// and fails when ctx ends, so every store streams the same way.
type hashingReader struct {
	ctx   context.Context
	r     io.Reader
	h     hash.Hash
	n     int64
	limit int64
}

func newHashingReader(ctx context.Context, r io.Reader, limit int64) *hashingReader {
	return &hashingReader{ctx: ctx, r: r, h: sha256.New(), limit: limit}
}

func (hr *hashingReader) Read(p []byte) (int, error) {
	if err := hr.ctx.Err(); err != nil {
		return 0, err
	}
	if hr.n > hr.limit {
		return 0, ErrTooLarge
	}
	if rest := hr.limit + 1 - hr.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := hr.r.Read(p)
	hr.h.Write(p[:n])
	hr.n += int64(n)
	if hr.n > hr.limit {
		return n, ErrTooLarge
	}
	return n, err
}

func (hr *hashingReader) sum() string { return hex.EncodeToString(hr.h.Sum(nil)) }

// cleanupContext outlives a cancelled request, so a failed upload is still
// removed.
func cleanupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
}

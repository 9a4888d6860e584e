// Package webui serves the web app that Vite builds into dist/ (embedded in the
// binary at build time): hashed assets with long-lived caching, precompressed, and
// index.html for every other page path so the app's router can take over.
package webui

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
)

//go:embed all:dist
var dist embed.FS

type file struct {
	body  []byte
	gzip  []byte // nil when compression does not pay
	ctype string
	etag  string
}

// Handler serves the app. API paths never reach index.html: an unknown API route
// must answer 404 problem+json, not a web page.
func Handler(apiPrefix string) (fiber.Handler, error) {
	files := map[string]*file{}
	err := fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "dist")
		sum := sha256.Sum256(body)
		f := &file{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		f.ctype = mime.TypeByExtension(path.Ext(name))
		if f.ctype == "" {
			f.ctype = "application/octet-stream"
		}
		if compressible(f.ctype) && len(body) > 512 {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			_, _ = zw.Write(body)
			_ = zw.Close()
			if b.Len() < len(body) {
				f.gzip = b.Bytes()
			}
		}
		files[name] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	index := files["/index.html"]
	return func(c *fiber.Ctx) error {
		p := c.Path()
		if strings.HasPrefix(p, apiPrefix+"/") || p == apiPrefix || (c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead) {
			return fiber.ErrNotFound
		}
		f, ok := files[path.Clean(p)]
		cache := "no-cache"
		switch {
		case ok && strings.HasPrefix(p, "/assets/"):
			// Vite puts a content hash in every asset name: a new build is a new URL.
			cache = "public, max-age=31536000, immutable"
		case !ok && strings.HasPrefix(p, "/assets/"):
			return fiber.ErrNotFound // a stale asset URL must not get index.html
		case !ok || index == nil:
			f = index
		}
		if f == nil {
			return fiber.ErrNotFound
		}
		c.Set(fiber.HeaderCacheControl, cache)
		c.Set(fiber.HeaderETag, f.etag)
		c.Set(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
		c.Set(fiber.HeaderContentType, f.ctype)
		if c.Get(fiber.HeaderIfNoneMatch) == f.etag {
			return c.SendStatus(fiber.StatusNotModified)
		}
		if f.gzip != nil && strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip") {
			c.Set(fiber.HeaderContentEncoding, "gzip")
			return c.Send(f.gzip)
		}
		return c.Send(f.body)
	}, nil
}

func compressible(ctype string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json", "image/svg+xml", "application/manifest+json"} {
		if strings.HasPrefix(ctype, p) {
			return true
		}
	}
	return false
}

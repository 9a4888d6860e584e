package web

import (
	"bytes"
	"errors"
	"io"
	"net"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samspill/samspill/internal/apperr"
)

const (
	// readTimeout is how long a request may take to arrive, body included; a
	// streamed upload instead gets it anew with every piece that arrives, so a
	// slow but steady upload finishes and a stalled one is cut off.
	readTimeout = 30 * time.Second
	// writeTimeout is how long an answer may take to leave; a streamed download
	// gets it anew with every piece written.
	writeTimeout = 60 * time.Second
)

func errBodyTooLarge() error {
	return apperr.TooLarge("request.too_large", "the request body is too large")
}

func errBodyUnreadable() error {
	return apperr.Malformed("request.malformed", "the request body could not be read")
}

type streamedKey struct{}

// limitBodies keeps BodyLimit for every route that does not stream its body:
// fasthttp streams all bodies (Config.StreamRequestBody), so the body is read
// here, refused past the limit, and handed on as a buffered stream, as huma
// reads it. A streamed route gets the stream as it arrives (StreamedBody).
//
// An answer sent before the body was read to its end closes the connection:
// the unread rest would otherwise be taken for the next request.
func limitBodies(limit int, streamed func(method, path string) int64) fiber.Handler {
	return func(c *fiber.Ctx) error {
		req := c.Request()
		if streamed != nil {
			if max := streamed(c.Method(), c.Path()); max > 0 {
				b := &streamBody{r: req.BodyStream(), limit: max, conn: c.Context().Conn()}
				c.Locals(streamedKey{}, b)
				err := c.Next()
				if !b.finished() {
					c.Context().SetConnectionClose()
				}
				return err
			}
		}
		length := req.Header.ContentLength() // -1: chunked
		if length > limit {
			c.Context().SetConnectionClose()
			return errBodyTooLarge()
		}
		var body []byte
		if stream := req.BodyStream(); stream != nil {
			var err error
			if length >= 0 {
				body = make([]byte, length)
				_, err = io.ReadFull(stream, body)
			} else {
				body, err = io.ReadAll(io.LimitReader(stream, int64(limit)+1))
				if err == nil && len(body) > limit {
					c.Context().SetConnectionClose()
					return errBodyTooLarge()
				}
			}
			if err != nil {
				c.Context().SetConnectionClose()
				return errBodyUnreadable()
			}
		}
		req.SetBodyStream(bytes.NewReader(body), len(body))
		return c.Next()
	}
}

// StreamedBody returns the body of a request to a streamed route (see
// Options.StreamedBody) as it arrives. Reading past the route's limit fails
// with a request.too_large error; a client that stops sending fails the read
// after the read timeout. Other routes get an empty reader.
func StreamedBody(c *fiber.Ctx) io.Reader {
	if b, ok := c.Locals(streamedKey{}).(*streamBody); ok {
		return b
	}
	return bytes.NewReader(nil)
}

// streamBody counts what a streamed route reads and notices its end.
type streamBody struct {
	r     io.Reader // nil: the request has no body
	limit int64
	n     int64
	eof   bool
	conn  net.Conn
}

func (b *streamBody) Read(p []byte) (int, error) {
	if b.r == nil || b.eof {
		b.eof = true
		return 0, io.EOF
	}
	if b.conn != nil {
		_ = b.conn.SetReadDeadline(time.Now().Add(readTimeout))
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	if b.n > b.limit {
		return n, errBodyTooLarge()
	}
	if errors.Is(err, io.EOF) {
		b.eof = true
	}
	return n, err
}

func (b *streamBody) finished() bool { return b.r == nil || b.eof }

// SendStream answers with size bytes read from r, which is closed afterwards.
// The write timeout starts again with every piece, so a large file reaches a
// slow client; r is read while the answer is written, after the handler has
// returned.
func SendStream(c *fiber.Ctx, r io.ReadCloser, size int64) {
	c.Context().SetBodyStream(&sendBody{r: r, conn: c.Context().Conn()}, int(size))
}

type sendBody struct {
	r    io.ReadCloser
	conn net.Conn
}

func (s *sendBody) Read(p []byte) (int, error) {
	if s.conn != nil {
		_ = s.conn.SetWriteDeadline(time.Now().Add(writeTimeout))
	}
	return s.r.Read(p)
}

func (s *sendBody) Close() error { return s.r.Close() }

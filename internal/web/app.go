// Package web builds the HTTP edge: the Fiber app, the huma API that generates the
// OpenAPI document, the one place errors become RFC 9457 problems, request ids,
// access logs and security headers.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"

	"github.com/samspill/samspill/internal/apperr"
)

// APIPrefix is where every API operation lives.
const APIPrefix = "/api/v1"

// Options configure the HTTP edge.
type Options struct {
	Logger         *slog.Logger
	BodyLimit      int
	TrustedProxies []netip.Prefix
	HTTPS          bool
	Version        string
	// StreamedBody names the routes whose handlers read the request body as a
	// stream (file uploads), with the most bytes each accepts; it returns 0 for
	// every other route, whose body is read into memory, at most BodyLimit
	// bytes, before any handler runs. nil: no route streams.
	StreamedBody func(method, path string) int64
}

// NewApp builds the Fiber app with its middleware and the huma API on it. Feature
// packages register their operations on the API; routes.go in package server
// lists them all.
func NewApp(opts Options) (*fiber.App, huma.API) {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	installHumaErrors(log)

	proxies := make([]string, len(opts.TrustedProxies))
	for i, p := range opts.TrustedProxies {
		proxies[i] = p.String()
	}
	app := fiber.New(fiber.Config{
		AppName:               "samspill",
		DisableStartupMessage: true,
		// Path parameters arrive decoded, so "thread%3Aid" (as browsers' URL
		// encoders write it) means the same as "thread:id".
		UnescapePath: true,
		// fasthttp hands every body to the app as a stream; limitBodies reads it
		// into memory (up to opts.BodyLimit) for every route but the streamed
		// ones, so a file upload never sits in memory and other routes keep the
		// limit. With streaming, fasthttp waits for min(BodyLimit, 8 KiB) bytes of
		// the body before it calls the app; 1 lets limitBodies answer an
		// announced oversized body at once. Multipart forms are not parsed ahead
		// either: uploads parse them as they arrive.
		BodyLimit:                    1,
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		ReadTimeout:                  readTimeout,
		WriteTimeout:                 writeTimeout,
		IdleTimeout:                  120 * time.Second,
		EnableTrustedProxyCheck:      len(proxies) > 0,
		TrustedProxies:               proxies,
		ProxyHeader:                  proxyHeader(proxies),
		ErrorHandler:                 errorHandler(log, opts.HTTPS),
	})
	// accessLog sits outside recover so a panicking request is logged with its 500.
	app.Use(withLogger(log), requestIDMiddleware, accessLog(log), recoverMiddleware(log), securityHeaders(opts.HTTPS),
		limitBodies(opts.BodyLimit, opts.StreamedBody))

	cfg := huma.DefaultConfig("Samspill API", opts.Version)
	cfg.Info.Description = "Knowledge-sharing networks for Norway's municipal and county culture staff."
	cfg.OpenAPIPath = APIPrefix + "/openapi"
	cfg.DocsPath = ""    // the docs page loads scripts from a CDN, which our CSP forbids
	cfg.SchemasPath = "" // schemas are inside openapi.json
	cfg.CreateHooks = nil
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", BearerFormat: "JWT"},
	}
	api := humafiber.New(app, cfg)
	return app, api
}

func proxyHeader(proxies []string) string {
	if len(proxies) > 0 {
		return fiber.HeaderXForwardedFor
	}
	return ""
}

var humaErrorsOnce sync.Once

// installHumaErrors routes huma's errors through problemFor. huma keeps its error
// constructor in a package variable, so it is set once per process.
func installHumaErrors(log *slog.Logger) {
	humaErrorsOnce.Do(func() {
		// Lists are never null in our answers (paging.Build makes them empty).
		huma.DefaultArrayNullable = false
		huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
			if status == 0 { // huma asks for an example to document the error schema
				return &Problem{}
			}
			return problemFor(context.Background(), log, fromHuma(status, msg, errs), "")
		}
		huma.NewErrorWithContext = func(hctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
			if hctx == nil {
				return huma.NewError(status, msg, errs...)
			}
			ctx := hctx.Context()
			p := problemFor(ctx, loggerFrom(ctx, log), fromHuma(status, msg, errs), hctx.URL().Path)
			if ra := retryAfterHeader(p); ra != "" {
				hctx.SetHeader("Retry-After", ra)
			}
			return p
		}
	})
}

type loggerKey struct{}

// withLogger puts the app's logger in the request context: huma's error hook is
// installed once per process, and must log with the logger of the app that
// served the request, not the first app's.
func withLogger(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.SetUserContext(context.WithValue(c.UserContext(), loggerKey{}, log))
		return c.Next()
	}
}

// loggerFrom returns the logger withLogger put in ctx, or def.
func loggerFrom(ctx context.Context, def *slog.Logger) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return def
}

// errorHandler answers what never reached a huma operation (unknown routes, body
// too large, middleware errors, panics) with the same problem documents.
func errorHandler(log *slog.Logger, https bool) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		// fasthttp refuses an oversized body before any middleware ran; the
		// answer still gets the headers every answer has.
		setSecurityHeaders(c, https)
		var fe *fiber.Error
		if errors.As(err, &fe) {
			switch fe.Code {
			case fiber.StatusNotFound, fiber.StatusMethodNotAllowed:
				err = apperr.NotFound("route.not_found", "there is no such page or API route")
			case fiber.StatusRequestEntityTooLarge:
				err = apperr.TooLarge("request.too_large", "the request body is too large")
			case fiber.StatusBadRequest:
				err = apperr.Malformed("request.malformed", "the request could not be read")
			case fiber.StatusRequestTimeout:
				err = apperr.Malformed("request.timeout", "the request took too long to arrive")
			default:
				if fe.Code < 500 {
					err = &apperr.Error{Kind: errors.New("http"), Code: "request.rejected", Message: fe.Message}
				}
			}
		}
		// Errors fasthttp raises before any middleware ran (a body over the limit)
		// have no request id yet.
		if RequestID(c.UserContext()) == "" {
			id := newRequestID()
			c.Set(HeaderRequestID, id)
			c.SetUserContext(context.WithValue(c.UserContext(), requestIDKey{}, id))
		}
		p := problemFor(c.UserContext(), log, err, c.Path())
		if _, ok := apperr.As(err); !ok && fe != nil && fe.Code < 500 {
			p.Status = fe.Code
		}
		return WriteProblem(c, p)
	}
}

// WriteProblem sends p as application/problem+json.
func WriteProblem(c *fiber.Ctx, p *Problem) error {
	if ra := retryAfterHeader(p); ra != "" {
		c.Set(fiber.HeaderRetryAfter, ra)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Status(p.Status)
	c.Set(fiber.HeaderContentType, "application/problem+json")
	return c.JSON(p, "application/problem+json")
}

// Fail sends err as a problem from a plain Fiber handler (file streaming and
// other routes outside huma).
func Fail(c *fiber.Ctx, log *slog.Logger, err error) error {
	return WriteProblem(c, problemFor(c.UserContext(), log, err, c.Path()))
}

func recoverMiddleware(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) (err error) {
		defer func() {
			if r := recover(); r != nil {
				log.ErrorContext(c.UserContext(), "panic", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = alreadyLogged{fmt.Errorf("panic: %v", r)}
			}
		}()
		return c.Next()
	}
}

func accessLog(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		if err != nil {
			// Write the problem now so the status we log is the status sent.
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		path := c.Path()
		if path == "/healthz" || path == "/readyz" {
			return nil
		}
		// A streamed answer (a file download) is counted by its length, never
		// read: Body() would pull the whole stream into memory.
		size := c.Response().Header.ContentLength()
		if !c.Response().IsBodyStream() {
			size = len(c.Response().Body())
		}
		log.LogAttrs(c.UserContext(), slog.LevelInfo, "request",
			slog.String("method", c.Method()),
			slog.String("path", strings.Clone(path)),
			slog.Int("status", c.Response().StatusCode()),
			slog.Int("bytes", size),
			slog.Duration("duration", time.Since(start)),
		)
		return nil
	}
}

const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(https bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		setSecurityHeaders(c, https)
		return c.Next()
	}
}

func setSecurityHeaders(c *fiber.Ctx, https bool) {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	if https {
		h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
	if strings.HasPrefix(c.Path(), APIPrefix+"/") {
		h.Set(fiber.HeaderCacheControl, "no-store")
	}
}

// alreadyLogged marks an error whose cause was logged where it happened (a
// panic, with its stack), so the problem mapping does not log it again.
type alreadyLogged struct{ error }

func (e alreadyLogged) Unwrap() error { return e.error }

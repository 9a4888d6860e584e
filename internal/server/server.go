// Package server is the composition root: it opens storage, builds the services,
// mounts their routes on the HTTP app and runs it until asked to stop.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/demo"
	"github.com/samspill/samspill/internal/library"
	"github.com/samspill/samspill/internal/web"
	"github.com/samspill/samspill/internal/webui"
)

// Version is set at build time with -ldflags "-X …server.Version=…".
var Version = "dev"

// Server is a running Samspill: storage, services and the HTTP app on them.
type Server struct {
	Config   config.Config
	Storage  *Storage
	Services *Services
	App      *fiber.App
	API      huma.API
	// DemoLogins are the demo accounts, when SAMSPILL_DEMO=1.
	DemoLogins []demo.Login
	log        *slog.Logger
}

// New opens storage, seeds reference data (and demo data when configured) and
// builds the HTTP app. Close releases what it opened.
func New(ctx context.Context, cfg config.Config, log *slog.Logger) (*Server, error) {
	st, err := OpenStorage(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	s, err := build(ctx, cfg, st, time.Now, log)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	return s, nil
}

// OpenServices builds the services on st and seeds the reference data, as the
// server does at start (the operator CLI uses it too).
func OpenServices(ctx context.Context, cfg config.Config, st *Storage, log *slog.Logger) (*Services, error) {
	return openServices(ctx, cfg, st, time.Now, log)
}

func openServices(ctx context.Context, cfg config.Config, st *Storage, now func() time.Time, log *slog.Logger) (*Services, error) {
	secret, err := jwtSecret(cfg)
	if err != nil {
		return nil, err
	}
	svc, err := NewServices(cfg, st, secret, now, log)
	if err != nil {
		return nil, err
	}
	if err := svc.Orgs.Seed(ctx); err != nil {
		return nil, fmt.Errorf("seed organisations: %w", err)
	}
	return svc, nil
}

func build(ctx context.Context, cfg config.Config, st *Storage, now func() time.Time, log *slog.Logger) (*Server, error) {
	svc, err := openServices(ctx, cfg, st, now, log)
	if err != nil {
		return nil, err
	}
	var logins []demo.Login
	if cfg.Demo {
		if logins, err = demo.Seed(ctx, svc.Orgs, svc.Users, svc.Networks, svc.Forum); err != nil {
			return nil, fmt.Errorf("seed demo data: %w", err)
		}
		if err := demo.SeedLibrary(ctx, svc.Users, svc.Library); err != nil {
			return nil, fmt.Errorf("seed demo library: %w", err)
		}
	}
	app, api := NewHTTP(cfg, st, svc, log)
	return &Server{Config: cfg, Storage: st, Services: svc, App: app, API: api, DemoLogins: logins, log: log}, nil
}

// NewHTTP builds the Fiber app with every route.
func NewHTTP(cfg config.Config, st *Storage, svc *Services, log *slog.Logger) (*fiber.App, huma.API) {
	app, api := web.NewApp(web.Options{
		Logger:         log,
		BodyLimit:      cfg.BodyLimit,
		TrustedProxies: cfg.TrustedProxies,
		HTTPS:          cfg.HTTPS(),
		Version:        Version,
		StreamedBody:   library.StreamedBody(cfg.MaxUploadBytes),
	})
	app.Use(web.APIPrefix, auth.Middleware(svc.Auth, log))
	registerProbes(app, st, log)
	registerRoutes(app, api, svc, cfg, log)
	spa, err := webui.Handler(web.APIPrefix)
	if err != nil {
		// The files are embedded at build time; reading them cannot fail at run time.
		panic(fmt.Sprintf("read embedded web app: %v", err))
	}
	app.Use(spa)
	return app, api
}

// Close releases storage.
func (s *Server) Close() error { return s.Storage.Close() }

// Run serves until ctx ends, then drains in-flight requests for up to the
// shutdown timeout. ready, if not nil, is called with the listening address.
func (s *Server) Run(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.Config.Addr, err)
	}
	// Background work (the sweeper, the mail worker) stops after the HTTP server
	// has drained, and Run waits for it: a mail being sent is finished first.
	bgCtx, stopBackground := context.WithCancel(context.Background())
	var background sync.WaitGroup
	defer func() {
		stopBackground()
		background.Wait()
	}()
	background.Go(func() { s.sweep(bgCtx) })
	background.Go(func() { s.Services.Mail.Run(bgCtx) })
	background.Go(func() { s.Services.SearchIndexer.Run(bgCtx) })

	served := make(chan error, 1)
	go func() { served <- s.App.Listener(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down: draining requests", "timeout", s.Config.ShutdownTimeout.String())
	err = s.App.ShutdownWithTimeout(s.Config.ShutdownTimeout)
	// When the signal came before fasthttp started serving, Shutdown found nothing
	// to stop; closing the listener ends that late Serve too.
	_ = ln.Close()
	<-served // after a shutdown, Serve's error only says the listener closed
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// sweep removes expired sessions, login counters, old outbox mail and library
// files nothing uses any more every ten minutes.
func (s *Server) sweep(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		for _, sweep := range []func(context.Context) error{s.Services.Auth.Sweep, s.Services.Mail.Sweep, s.Services.SearchSweep} {
			if err := sweep(ctx); err != nil && !errors.Is(err, context.Canceled) {
				s.log.Warn("sweep failed", "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// jwtSecret is SAMSPILL_JWT_SECRET, or on the embedded database a secret made once
// and kept in the data dir, so sessions survive restarts without any setup.
func jwtSecret(cfg config.Config) ([]byte, error) {
	if len(cfg.JWTSecret) > 0 {
		return cfg.JWTSecret, nil
	}
	if !cfg.Embedded() {
		return nil, errors.New("SAMSPILL_JWT_SECRET is required with MONGODB_URI")
	}
	path := filepath.Join(cfg.DataDir, "jwt-secret")
	if b, err := os.ReadFile(path); err == nil {
		secret := []byte(strings.TrimSpace(string(b)))
		if len(secret) < config.MinJWTSecret {
			return nil, fmt.Errorf("%s holds fewer than %d bytes; delete it to make a new one", path, config.MinJWTSecret)
		}
		return secret, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read JWT secret: %w", err)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	secret := []byte(hex.EncodeToString(b[:]))
	if err := os.WriteFile(path, append(secret, '\n'), 0o600); err != nil {
		return nil, fmt.Errorf("write JWT secret: %w", err)
	}
	return secret, nil
}

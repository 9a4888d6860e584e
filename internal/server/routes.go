package server

import (
	"log/slog"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/library"
	"github.com/samspill/samspill/internal/mail"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/search"
	"github.com/samspill/samspill/internal/user"
	"github.com/samspill/samspill/internal/web"
)

// registerRoutes mounts every API operation: the one place to see what the API has.
func registerRoutes(app *fiber.App, api huma.API, svc *Services, cfg config.Config, log *slog.Logger) {
	auth.Register(api, auth.Handlers{Service: svc.Auth, SecureCookies: cfg.SecureCookies()}) // POST /auth/login, /auth/refresh, /auth/logout
	user.Register(api, svc.Users)                                                            // GET, PATCH /me
	org.Register(api, svc.Orgs)                                                              // GET /orgs, /orgs/{id}
	network.Register(api, svc.Networks)                                                      // /networks/…, /me/networks, /invitations/{token}, /people/{id}
	forum.Register(api, svc.Forum)                                                           // /networks/{slug}/forum/…, /threads/…, /posts/…, /drafts/…
	library.Register(api, svc.Library)                                                       // /networks/{slug}/library/…, /library/resources/…, /library/collections/…
	forum.RegisterDiscussions(api, svc.Forum)                                                // GET /library/resources/{id}/discussions: the posts that attach a resource
	library.RegisterFiles(app, api, svc.Library, log)                                        // uploads and downloads, streamed (plain Fiber, in the OpenAPI document too)
	search.Register(api, svc.Search)                                                         // GET /search, /search/suggest, /search/insight
	mail.Register(api, svc.Mail)                                                             // GET /admin/outbox… (administrators)
}

// registerProbes mounts the liveness and readiness probes outside the API.
func registerProbes(app *fiber.App, st *Storage, log *slog.Logger) {
	app.Get("/healthz", func(c *fiber.Ctx) error {
		return c.JSON(fiber.Map{"status": "ok"})
	})
	app.Get("/readyz", func(c *fiber.Ctx) error {
		if err := st.Ping(c.UserContext()); err != nil {
			log.WarnContext(c.UserContext(), "not ready", "error", err)
			return web.Fail(c, log, apperr.Unavailable("server.not_ready", "the database does not answer"))
		}
		return c.JSON(fiber.Map{"status": "ready"})
	})
}

package auth

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"

	"github.com/samspill/samspill/internal/web"
)

// RefreshCookie holds the refresh token. It is only ever sent to the auth routes.
const (
	RefreshCookie     = "samspill_refresh"
	refreshCookiePath = "/api/v1/auth"
)

// SessionUser is who logged in, as the login and refresh answers show it. The
// full profile with the organisation is at GET /api/v1/me.
type SessionUser struct {
	ID       string `json:"id"`
	Email    string `json:"email"`
	Name     string `json:"name"`
	SiteRole Role   `json:"siteRole" enum:"member,adviser,admin"`
	Language string `json:"language" enum:"nb,nn,en"`
	OrgID    string `json:"orgId"`
}

type sessionBody struct {
	AccessToken string      `json:"accessToken" doc:"Send as 'Authorization: Bearer …'; lives about 10 minutes"`
	ExpiresAt   time.Time   `json:"expiresAt"`
	User        SessionUser `json:"user"`
}

type sessionOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
	Body      sessionBody
}

type loginInput struct {
	Body LoginInput
}

type cookieInput struct {
	Refresh string `cookie:"samspill_refresh" doc:"The refresh token cookie set by login"`
}

type logoutOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
}

// Handlers holds what the auth operations need besides the service.
type Handlers struct {
	Service       *Service
	SecureCookies bool
}

func (h Handlers) cookie(value string, expires time.Time) http.Cookie {
	c := http.Cookie{
		Name:     RefreshCookie,
		Value:    value,
		Path:     refreshCookiePath,
		HttpOnly: true,
		Secure:   h.SecureCookies,
		SameSite: http.SameSiteStrictMode,
	}
	if value == "" {
		c.MaxAge = -1
	} else {
		c.Expires = expires
		c.MaxAge = int(time.Until(expires).Seconds())
	}
	return c
}

func (h Handlers) sessionOutput(s Session) *sessionOutput {
	return &sessionOutput{
		SetCookie: h.cookie(s.RefreshToken, time.Now().Add(RefreshTokenTTL)),
		Body: sessionBody{
			AccessToken: s.AccessToken,
			ExpiresAt:   s.ExpiresAt,
			User: SessionUser{ID: s.Account.ID, Email: s.Account.Email, Name: s.Account.Name,
				SiteRole: s.Account.Role, Language: s.Account.Language, OrgID: s.Account.OrgID},
		},
	}
}

// Register mounts login, refresh and logout.
func Register(api huma.API, h Handlers) {
	huma.Register(api, huma.Operation{
		OperationID: "login",
		Method:      http.MethodPost,
		Path:        "/api/v1/auth/login",
		Summary:     "Log in with email and password",
		Description: "Answers with an access token and sets the refresh token cookie. After 5 failed " +
			"logins in 15 minutes an account answers 429 with Retry-After, whether or not it exists.",
		Tags:   []string{"Auth"},
		Errors: []int{401, 422, 429},
	}, func(ctx context.Context, in *loginInput) (*sessionOutput, error) {
		s, err := h.Service.Login(ctx, in.Body, web.ClientIP(ctx))
		if err != nil {
			return nil, err
		}
		return h.sessionOutput(s), nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "refresh",
		Method:      http.MethodPost,
		Path:        "/api/v1/auth/refresh",
		Summary:     "Exchange the refresh cookie for a new access token",
		Description: "Rotates the refresh token. Presenting a token that was already exchanged ends the session.",
		Tags:        []string{"Auth"},
		Errors:      []int{401},
	}, func(ctx context.Context, in *cookieInput) (*sessionOutput, error) {
		s, err := h.Service.Refresh(ctx, in.Refresh)
		if err != nil {
			return nil, err
		}
		return h.sessionOutput(s), nil
	})
	huma.Register(api, huma.Operation{
		OperationID:   "logout",
		Method:        http.MethodPost,
		Path:          "/api/v1/auth/logout",
		Summary:       "End the session",
		Tags:          []string{"Auth"},
		DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *cookieInput) (*logoutOutput, error) {
		if err := h.Service.Logout(ctx, in.Refresh); err != nil {
			return nil, err
		}
		return &logoutOutput{SetCookie: h.cookie("", time.Time{})}, nil
	})
}

// Middleware reads a bearer token, when there is one, and puts its principal in
// the request context. A request without a token goes on anonymously (services
// decide what anonymous people may do); a bad token is refused at once, so the
// client knows to refresh instead of seeing a confusing 404 or 403.
func Middleware(s *Service, log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		header := c.Get(fiber.HeaderAuthorization)
		if header == "" {
			return c.Next()
		}
		scheme, token, ok := strings.Cut(header, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return web.Fail(c, log, errBadScheme())
		}
		p, err := s.Authenticate(strings.TrimSpace(token))
		if err != nil {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer error="invalid_token"`)
			return web.Fail(c, log, err)
		}
		c.SetUserContext(WithPrincipal(c.UserContext(), p))
		return c.Next()
	}
}

// Package config reads the server's settings from the environment once, at start-up,
// and refuses to start with a clear message when something is wrong.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is everything the server and the operator CLI need to know.
type Config struct {
	Addr      string // SAMSPILL_ADDR
	MongoURI  string // MONGODB_URI; empty means the embedded SQLite database
	DataDir   string // SAMSPILL_DATA_DIR
	BaseURL   string // SAMSPILL_BASE_URL: where users reach the web app
	JWTSecret []byte // SAMSPILL_JWT_SECRET; generated and kept in DataDir when embedded
	LogLevel  slog.Level
	Demo      bool // SAMSPILL_DEMO=1 seeds demo users and content
	// DemoForce allows demo data on MongoDB (SAMSPILL_DEMO_FORCE=1); a production
	// database must never receive known passwords by accident.
	DemoForce bool
	// TrustedProxies are the networks whose X-Forwarded-For header is believed
	// (SAMSPILL_TRUSTED_PROXIES, comma-separated CIDRs). Login rate limits per IP
	// depend on the real client address, so this matters behind an ingress.
	TrustedProxies []netip.Prefix
	// BodyLimit caps a request body (SAMSPILL_BODY_LIMIT_BYTES, default 1 MiB).
	BodyLimit int
	// MaxUploadBytes caps a file uploaded to a library (SAMSPILL_MAX_UPLOAD_BYTES,
	// default 50 MiB). Uploads stream to storage, so it does not cost memory.
	MaxUploadBytes int64
	// ShutdownTimeout is how long in-flight requests may take to finish on SIGTERM.
	ShutdownTimeout time.Duration
	// SMTPURL sends email through SMTP (SAMSPILL_SMTP_URL, e.g.
	// smtp://user:pass@smtp.example.no:587?from=noreply@example.no). Empty: email
	// stays in the outbox, where administrators read it.
	SMTPURL string
}

// Embedded reports whether the server runs on the embedded SQLite database.
func (c Config) Embedded() bool { return c.MongoURI == "" }

// SecureCookies reports whether cookies carry the Secure attribute. Browsers treat
// http://localhost and http://127.0.0.1 as secure contexts and accept Secure cookies
// there, so only a plain-http base URL on some other host turns it off (and such a
// deployment should not exist outside a lab).
func (c Config) SecureCookies() bool {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Scheme == "https" {
		return true
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// HTTPS reports whether users reach the server over https (HSTS is sent then).
// The scheme is case-insensitive, as FromEnv's check (url.Parse) treats it.
func (c Config) HTTPS() bool {
	return len(c.BaseURL) >= len("https://") && strings.EqualFold(c.BaseURL[:len("https://")], "https://")
}

// MinJWTSecret is the shortest HMAC key accepted: 256 bits, as HS256 needs.
const MinJWTSecret = 32

// FromEnv builds a Config from getenv (os.Getenv in main, a map in tests) and
// validates it. Every problem is reported at once.
func FromEnv(getenv func(string) string) (Config, error) {
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	var errs []error
	c := Config{
		Addr:            get("SAMSPILL_ADDR", "127.0.0.1:8080"),
		MongoURI:        get("MONGODB_URI", ""),
		DataDir:         get("SAMSPILL_DATA_DIR", "./data"),
		JWTSecret:       []byte(getenv("SAMSPILL_JWT_SECRET")),
		BodyLimit:       1 << 20,
		MaxUploadBytes:  50 << 20,
		ShutdownTimeout: 20 * time.Second,
		SMTPURL:         get("SAMSPILL_SMTP_URL", ""),
	}
	c.BaseURL = strings.TrimRight(get("SAMSPILL_BASE_URL", defaultBaseURL(c.Addr)), "/")

	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("SAMSPILL_ADDR %q is not host:port: %w", c.Addr, err))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("SAMSPILL_BASE_URL %q must be an absolute http(s) URL", c.BaseURL))
	}
	if c.MongoURI != "" {
		if !strings.HasPrefix(c.MongoURI, "mongodb://") && !strings.HasPrefix(c.MongoURI, "mongodb+srv://") {
			errs = append(errs, errors.New("MONGODB_URI must start with mongodb:// or mongodb+srv://"))
		}
		if len(c.JWTSecret) < MinJWTSecret {
			errs = append(errs, fmt.Errorf("SAMSPILL_JWT_SECRET is required with MONGODB_URI and must be at least %d bytes (all server replicas share it)", MinJWTSecret))
		}
	} else if len(c.JWTSecret) > 0 && len(c.JWTSecret) < MinJWTSecret {
		errs = append(errs, fmt.Errorf("SAMSPILL_JWT_SECRET must be at least %d bytes (or unset, to generate one in the data dir)", MinJWTSecret))
	}

	switch strings.ToLower(get("SAMSPILL_LOG_LEVEL", "info")) {
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "info":
		c.LogLevel = slog.LevelInfo
	case "warn", "warning":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		errs = append(errs, fmt.Errorf("SAMSPILL_LOG_LEVEL %q must be debug, info, warn or error", getenv("SAMSPILL_LOG_LEVEL")))
	}

	var err error
	if c.Demo, err = parseBool(get("SAMSPILL_DEMO", "0")); err != nil {
		errs = append(errs, fmt.Errorf("SAMSPILL_DEMO: %w", err))
	}
	if c.DemoForce, err = parseBool(get("SAMSPILL_DEMO_FORCE", "0")); err != nil {
		errs = append(errs, fmt.Errorf("SAMSPILL_DEMO_FORCE: %w", err))
	}
	if c.Demo && c.MongoURI != "" && !c.DemoForce {
		errs = append(errs, errors.New("SAMSPILL_DEMO=1 is refused with MONGODB_URI (demo users have published passwords); set SAMSPILL_DEMO_FORCE=1 if this really is a demo database"))
	}

	if v := get("SAMSPILL_TRUSTED_PROXIES", ""); v != "" {
		for _, s := range strings.Split(v, ",") {
			p, err := netip.ParsePrefix(strings.TrimSpace(s))
			if err != nil {
				errs = append(errs, fmt.Errorf("SAMSPILL_TRUSTED_PROXIES: %q is not a CIDR prefix", s))
				continue
			}
			c.TrustedProxies = append(c.TrustedProxies, p)
		}
	}
	if v := get("SAMSPILL_BODY_LIMIT_BYTES", ""); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1024 {
			errs = append(errs, fmt.Errorf("SAMSPILL_BODY_LIMIT_BYTES %q must be a number of bytes ≥ 1024", v))
		} else {
			c.BodyLimit = n
		}
	}
	if v := get("SAMSPILL_MAX_UPLOAD_BYTES", ""); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1024 || n > 1<<30 {
			errs = append(errs, fmt.Errorf("SAMSPILL_MAX_UPLOAD_BYTES %q must be a number of bytes from 1024 to 1073741824 (1 GiB)", v))
		} else {
			c.MaxUploadBytes = n
		}
	}
	return c, errors.Join(errs...)
}

// defaultBaseURL is where a browser on this machine reaches addr: a server on all
// interfaces (":8080", "0.0.0.0:8080") is reached through localhost.
func defaultBaseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off", "":
		return false, nil
	}
	return false, fmt.Errorf("%q is not 0 or 1", s)
}

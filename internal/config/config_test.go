package config_test

import (
	"log/slog"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/samspill/samspill/internal/config"
)

// env is a map-backed getenv.
type env map[string]string

func (e env) get(key string) string { return e[key] }

var secret32 = strings.Repeat("s", config.MinJWTSecret)

func TestFromEnvDefaults(t *testing.T) {
	t.Parallel()
	c, err := config.FromEnv(env{}.get)
	if err != nil {
		t.Fatalf("FromEnv(empty) error: %v", err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Addr", c.Addr, "127.0.0.1:8080"},
		{"DataDir", c.DataDir, "./data"},
		{"BaseURL", c.BaseURL, "http://127.0.0.1:8080"},
		{"LogLevel", c.LogLevel, slog.LevelInfo},
		{"BodyLimit", c.BodyLimit, 1 << 20},
		{"MaxUploadBytes", c.MaxUploadBytes, int64(50 << 20)},
		{"ShutdownTimeout", c.ShutdownTimeout, 20 * time.Second},
		{"MongoURI", c.MongoURI, ""},
		{"Embedded", c.Embedded(), true},
		{"Demo", c.Demo, false},
		{"DemoForce", c.DemoForce, false},
		{"JWTSecret length", len(c.JWTSecret), 0},
		{"TrustedProxies length", len(c.TrustedProxies), 0},
		{"HTTPS", c.HTTPS(), false},
		{"SecureCookies", c.SecureCookies(), true},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.name, ch.got, ch.want)
		}
	}
}

func TestFromEnvValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		env   env
		check func(t *testing.T, c config.Config)
	}{
		{
			name: "base URL derived from addr",
			env:  env{"SAMSPILL_ADDR": "127.0.0.2:9000"},
			check: func(t *testing.T, c config.Config) {
				if c.Addr != "127.0.0.2:9000" || c.BaseURL != "http://127.0.0.2:9000" {
					t.Errorf("Addr, BaseURL = %q, %q", c.Addr, c.BaseURL)
				}
			},
		},
		{
			name: "a server on all interfaces is reached through localhost",
			env:  env{"SAMSPILL_ADDR": "0.0.0.0:9000"},
			check: func(t *testing.T, c config.Config) {
				if c.BaseURL != "http://localhost:9000" {
					t.Errorf("BaseURL = %q", c.BaseURL)
				}
			},
		},
		{
			name: "no host at all",
			env:  env{"SAMSPILL_ADDR": ":8081"},
			check: func(t *testing.T, c config.Config) {
				if c.BaseURL != "http://localhost:8081" {
					t.Errorf("BaseURL = %q", c.BaseURL)
				}
			},
		},
		{
			name: "values are trimmed and the base URL loses its trailing slashes",
			env:  env{"SAMSPILL_ADDR": "  127.0.0.1:1234 ", "SAMSPILL_BASE_URL": "https://samspill.example.org//", "SAMSPILL_DATA_DIR": " /srv/samspill "},
			check: func(t *testing.T, c config.Config) {
				if c.Addr != "127.0.0.1:1234" {
					t.Errorf("Addr = %q", c.Addr)
				}
				if c.BaseURL != "https://samspill.example.org" {
					t.Errorf("BaseURL = %q", c.BaseURL)
				}
				if c.DataDir != "/srv/samspill" {
					t.Errorf("DataDir = %q", c.DataDir)
				}
				if !c.HTTPS() {
					t.Error("HTTPS() = false for an https base URL")
				}
			},
		},
		{
			name: "MongoDB with a long enough secret",
			env:  env{"MONGODB_URI": "mongodb://db:27017/samspill", "SAMSPILL_JWT_SECRET": secret32},
			check: func(t *testing.T, c config.Config) {
				if c.Embedded() {
					t.Error("Embedded() = true with MONGODB_URI")
				}
				if c.MongoURI != "mongodb://db:27017/samspill" {
					t.Errorf("MongoURI = %q", c.MongoURI)
				}
				if string(c.JWTSecret) != secret32 {
					t.Errorf("JWTSecret = %q", c.JWTSecret)
				}
			},
		},
		{
			name: "mongodb+srv is accepted",
			env:  env{"MONGODB_URI": "mongodb+srv://cluster.example.org/samspill", "SAMSPILL_JWT_SECRET": secret32},
			check: func(t *testing.T, c config.Config) {
				if c.Embedded() {
					t.Error("Embedded() = true with MONGODB_URI")
				}
			},
		},
		{
			name: "embedded with its own secret",
			env:  env{"SAMSPILL_JWT_SECRET": secret32},
			check: func(t *testing.T, c config.Config) {
				if !c.Embedded() || string(c.JWTSecret) != secret32 {
					t.Errorf("Embedded, JWTSecret = %v, %q", c.Embedded(), c.JWTSecret)
				}
			},
		},
		{
			name: "demo on the embedded database",
			env:  env{"SAMSPILL_DEMO": "1"},
			check: func(t *testing.T, c config.Config) {
				if !c.Demo || c.DemoForce {
					t.Errorf("Demo, DemoForce = %v, %v", c.Demo, c.DemoForce)
				}
			},
		},
		{
			name: "demo on MongoDB when forced",
			env:  env{"SAMSPILL_DEMO": "true", "SAMSPILL_DEMO_FORCE": "yes", "MONGODB_URI": "mongodb://db/demo", "SAMSPILL_JWT_SECRET": secret32},
			check: func(t *testing.T, c config.Config) {
				if !c.Demo || !c.DemoForce {
					t.Errorf("Demo, DemoForce = %v, %v", c.Demo, c.DemoForce)
				}
			},
		},
		{
			name: "demo off spelled out",
			env:  env{"SAMSPILL_DEMO": "off", "SAMSPILL_DEMO_FORCE": "FALSE"},
			check: func(t *testing.T, c config.Config) {
				if c.Demo || c.DemoForce {
					t.Errorf("Demo, DemoForce = %v, %v", c.Demo, c.DemoForce)
				}
			},
		},
		{
			name: "trusted proxies",
			env:  env{"SAMSPILL_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.0/24,fd00::/8"},
			check: func(t *testing.T, c config.Config) {
				want := []netip.Prefix{
					netip.MustParsePrefix("10.0.0.0/8"),
					netip.MustParsePrefix("192.168.1.0/24"),
					netip.MustParsePrefix("fd00::/8"),
				}
				if len(c.TrustedProxies) != len(want) {
					t.Fatalf("TrustedProxies = %v, want %v", c.TrustedProxies, want)
				}
				for i := range want {
					if c.TrustedProxies[i] != want[i] {
						t.Errorf("TrustedProxies[%d] = %v, want %v", i, c.TrustedProxies[i], want[i])
					}
				}
			},
		},
		{
			name: "body limit",
			env:  env{"SAMSPILL_BODY_LIMIT_BYTES": "1024"},
			check: func(t *testing.T, c config.Config) {
				if c.BodyLimit != 1024 {
					t.Errorf("BodyLimit = %d, want 1024", c.BodyLimit)
				}
			},
		},
		{
			name: "upload limit",
			env:  env{"SAMSPILL_MAX_UPLOAD_BYTES": "20971520"},
			check: func(t *testing.T, c config.Config) {
				if c.MaxUploadBytes != 20<<20 || c.BodyLimit != 1<<20 {
					t.Errorf("MaxUploadBytes = %d, BodyLimit = %d", c.MaxUploadBytes, c.BodyLimit)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := config.FromEnv(tt.env.get)
			if err != nil {
				t.Fatalf("FromEnv error: %v", err)
			}
			tt.check(t, c)
		})
	}
}

func TestFromEnvLogLevels(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want slog.Level
	}{
		{"debug", slog.LevelDebug},
		{"DEBUG", slog.LevelDebug},
		{"info", slog.LevelInfo},
		{"warn", slog.LevelWarn},
		{"warning", slog.LevelWarn},
		{" Error ", slog.LevelError},
		{"", slog.LevelInfo},
	}
	for _, tt := range tests {
		c, err := config.FromEnv(env{"SAMSPILL_LOG_LEVEL": tt.in}.get)
		if err != nil {
			t.Errorf("SAMSPILL_LOG_LEVEL=%q: error %v", tt.in, err)
			continue
		}
		if c.LogLevel != tt.want {
			t.Errorf("SAMSPILL_LOG_LEVEL=%q: LogLevel = %v, want %v", tt.in, c.LogLevel, tt.want)
		}
	}
}

func TestFromEnvErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  env
		want string // a part of the message
	}{
		{"addr without port", env{"SAMSPILL_ADDR": "localhost"}, `SAMSPILL_ADDR "localhost" is not host:port`},
		{"addr with too many colons", env{"SAMSPILL_ADDR": "a:b:c"}, "SAMSPILL_ADDR"},
		{"base URL without scheme", env{"SAMSPILL_BASE_URL": "samspill.example.org"}, "SAMSPILL_BASE_URL"},
		{"base URL with another scheme", env{"SAMSPILL_BASE_URL": "ftp://samspill.example.org"}, "must be an absolute http(s) URL"},
		{"base URL without host", env{"SAMSPILL_BASE_URL": "https://"}, "SAMSPILL_BASE_URL"},
		{"base URL that does not parse", env{"SAMSPILL_BASE_URL": "http://[::1"}, "SAMSPILL_BASE_URL"},
		{"MongoDB URI with another scheme", env{"MONGODB_URI": "postgres://db", "SAMSPILL_JWT_SECRET": secret32}, "MONGODB_URI must start with mongodb://"},
		{"MongoDB without a secret", env{"MONGODB_URI": "mongodb://db"}, "SAMSPILL_JWT_SECRET is required with MONGODB_URI"},
		{"MongoDB with a short secret", env{"MONGODB_URI": "mongodb://db", "SAMSPILL_JWT_SECRET": secret32[1:]}, "SAMSPILL_JWT_SECRET is required with MONGODB_URI and must be at least 32 bytes"},
		{"embedded with a short secret", env{"SAMSPILL_JWT_SECRET": "short"}, "SAMSPILL_JWT_SECRET must be at least 32 bytes"},
		{"bad log level", env{"SAMSPILL_LOG_LEVEL": "loud"}, `SAMSPILL_LOG_LEVEL "loud" must be debug, info, warn or error`},
		{"bad demo flag", env{"SAMSPILL_DEMO": "maybe"}, `SAMSPILL_DEMO: "maybe" is not 0 or 1`},
		{"bad demo force flag", env{"SAMSPILL_DEMO_FORCE": "2"}, "SAMSPILL_DEMO_FORCE"},
		{"demo on MongoDB", env{"SAMSPILL_DEMO": "1", "MONGODB_URI": "mongodb://db", "SAMSPILL_JWT_SECRET": secret32}, "SAMSPILL_DEMO=1 is refused with MONGODB_URI"},
		{"bad trusted proxy", env{"SAMSPILL_TRUSTED_PROXIES": "10.0.0.0/8,10.0.0.1"}, `SAMSPILL_TRUSTED_PROXIES: "10.0.0.1" is not a CIDR prefix`},
		{"bad trusted proxy text", env{"SAMSPILL_TRUSTED_PROXIES": "ingress"}, "SAMSPILL_TRUSTED_PROXIES"},
		{"body limit not a number", env{"SAMSPILL_BODY_LIMIT_BYTES": "1MiB"}, `SAMSPILL_BODY_LIMIT_BYTES "1MiB" must be a number of bytes`},
		{"body limit too small", env{"SAMSPILL_BODY_LIMIT_BYTES": "1023"}, "SAMSPILL_BODY_LIMIT_BYTES"},
		{"body limit negative", env{"SAMSPILL_BODY_LIMIT_BYTES": "-5"}, "SAMSPILL_BODY_LIMIT_BYTES"},
		{"upload limit not a number", env{"SAMSPILL_MAX_UPLOAD_BYTES": "50MB"}, `SAMSPILL_MAX_UPLOAD_BYTES "50MB" must be a number of bytes`},
		{"upload limit too small", env{"SAMSPILL_MAX_UPLOAD_BYTES": "1000"}, "SAMSPILL_MAX_UPLOAD_BYTES"},
		{"upload limit too large", env{"SAMSPILL_MAX_UPLOAD_BYTES": "2147483648"}, "SAMSPILL_MAX_UPLOAD_BYTES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := config.FromEnv(tt.env.get)
			if err == nil {
				t.Fatalf("FromEnv(%v) = nil error, want one containing %q", tt.env, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("FromEnv(%v) error = %q, want it to contain %q", tt.env, err, tt.want)
			}
		})
	}
}

func TestFromEnvReportsEveryErrorAtOnce(t *testing.T) {
	t.Parallel()
	_, err := config.FromEnv(env{
		"SAMSPILL_ADDR":             "nope",
		"SAMSPILL_BASE_URL":         "ftp://x",
		"MONGODB_URI":               "mongodb://db",
		"SAMSPILL_LOG_LEVEL":        "chatty",
		"SAMSPILL_DEMO":             "1",
		"SAMSPILL_TRUSTED_PROXIES":  "not-a-cidr",
		"SAMSPILL_BODY_LIMIT_BYTES": "tiny",
	}.get)
	if err == nil {
		t.Fatal("FromEnv = nil error for a thoroughly broken environment")
	}
	msg := err.Error()
	for _, want := range []string{
		"SAMSPILL_ADDR",
		"SAMSPILL_BASE_URL",
		"SAMSPILL_JWT_SECRET is required with MONGODB_URI",
		"SAMSPILL_LOG_LEVEL",
		"SAMSPILL_DEMO=1 is refused",
		"SAMSPILL_TRUSTED_PROXIES",
		"SAMSPILL_BODY_LIMIT_BYTES",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %q:\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "\n") + 1; n != 7 {
		t.Errorf("error has %d lines, want one per problem (7):\n%s", n, msg)
	}
}

func TestSecureCookies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		baseURL string
		want    bool
	}{
		{"https://samspill.example.org", true},
		{"https://10.0.0.5:8443", true},
		{"HTTPS://samspill.example.org", true},
		{"http://localhost:8080", true},
		{"http://127.0.0.1:8080", true},
		{"http://127.1.2.3", true},
		{"http://[::1]:8080", true},
		{"http://samspill.example.org", false},
		{"http://10.0.0.5:8080", false},
		{"http://0.0.0.0:8080", false},
		{"http://localhost.example.org", false},
		{"http://[::1", true}, // unparsable: err on the safe side
	}
	for _, tt := range tests {
		c := config.Config{BaseURL: tt.baseURL}
		if got := c.SecureCookies(); got != tt.want {
			t.Errorf("Config{BaseURL: %q}.SecureCookies() = %v, want %v", tt.baseURL, got, tt.want)
		}
	}
}

func TestHTTPS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		baseURL string
		want    bool
	}{
		{"https://samspill.example.org", true},
		{"https://localhost:8443", true},
		{"HTTPS://samspill.example.org", true}, // FromEnv accepts any case of the scheme
		{"http://samspill.example.org", false},
		{"http://https.example.org", false},
		{"http://localhost:8080", false},
		{"", false},
	}
	for _, tt := range tests {
		c := config.Config{BaseURL: tt.baseURL}
		if got := c.HTTPS(); got != tt.want {
			t.Errorf("Config{BaseURL: %q}.HTTPS() = %v, want %v", tt.baseURL, got, tt.want)
		}
	}
}

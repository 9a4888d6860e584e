// Command samspill runs the Samspill server: the API and the web app, on the
// embedded database by default or on MongoDB when MONGODB_URI is set.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/demo"
	"github.com/samspill/samspill/internal/extract"
	"github.com/samspill/samspill/internal/server"
	"github.com/samspill/samspill/internal/web"
)

func main() {
	// Document text extraction runs in a child process of this binary.
	extract.ChildMain()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Getenv, os.Stdout, os.Stderr))
}

// run is main without the process: testable, and every exit path returns a code.
func run(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) int {
	start := time.Now()
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "samspill: configuration is not valid:\n%v\n", err)
		return 2
	}
	log := slog.New(web.LogHandler(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel})))
	srv, err := server.New(ctx, cfg, log)
	if err != nil {
		log.Error("cannot start", "error", err)
		fmt.Fprintf(stderr, "samspill: cannot start: %v\n", err)
		return 1
	}
	defer srv.Close()
	err = srv.Run(ctx, func(addr string) {
		log.Info("ready", "addr", addr, "base_url", cfg.BaseURL, "startup_ms", time.Since(start).Milliseconds(), "version", server.Version)
		fmt.Fprintf(stdout, "\nSamspill is running at %s\n", cfg.BaseURL)
		if len(srv.DemoLogins) > 0 {
			fmt.Fprintf(stdout, "\nDemo logins (password for all: %s):\n", demo.Password)
			for _, l := range srv.DemoLogins {
				fmt.Fprintf(stdout, "  %-34s %s (%s)\n", l.Email, l.Name, l.About)
			}
		}
		fmt.Fprintln(stdout)
	})
	if err != nil {
		log.Error("server stopped with an error", "error", err)
		return 1
	}
	log.Info("stopped")
	return 0
}

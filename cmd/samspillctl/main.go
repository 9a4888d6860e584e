// Command samspillctl is the operator's tool: it runs against the same
// configuration (environment) as the server.
//
//	samspillctl create-admin --email E --name N [--org KEY]   password from SAMSPILL_ADMIN_PASSWORD or the terminal
//	samspillctl ensure-indexes                                 create MongoDB indexes (SQLite migrates at start)
//	samspillctl seed-demo                                      add the demo accounts and content
//	samspillctl seed-bench --users N                           add N benchmark accounts (make bench)
//	samspillctl reindex                                        rebuild the search index in the data dir
//	samspillctl openapi                                        print the OpenAPI document
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/extract"
	"github.com/samspill/samspill/internal/server"
)

func main() {
	extract.ChildMain() // reindex extracts the text of library files in child processes
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage: samspillctl <command> [flags]

commands:
  create-admin --email E --name N [--org KEY]  create an administrator (or make an existing account one);
                                               the password comes from SAMSPILL_ADMIN_PASSWORD or is asked for
  ensure-indexes                               create every declared MongoDB index
  seed-demo                                    add the demo accounts (as SAMSPILL_DEMO=1 does)
  seed-bench --users N                         add N benchmark accounts for make bench
  reindex                                      rebuild this replica's search index from the database
  openapi                                      print the API's OpenAPI 3.1 document

It reads the same environment as the server (MONGODB_URI, SAMSPILL_DATA_DIR, …).
With the embedded database, stop the server first: one process owns the data dir.
`

type env struct {
	ctx    context.Context
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	e := env{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	commands := map[string]func(env, []string) error{
		"create-admin":   createAdmin,
		"ensure-indexes": ensureIndexes,
		"seed-demo":      seedDemo,
		"seed-bench":     seedBench,
		"openapi":        printOpenAPI,
		"reindex":        reindex,
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "samspillctl: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err := cmd(e, args[1:]); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "samspillctl %s: %v\n", args[0], err)
			return 2
		}
		fmt.Fprintf(stderr, "samspillctl %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// open loads the configuration and the services on its storage.
func (e env) open() (*server.Storage, *server.Services, config.Config, error) {
	cfg, err := config.FromEnv(e.getenv)
	if err != nil {
		return nil, nil, cfg, fmt.Errorf("configuration is not valid:\n%w", err)
	}
	st, err := server.OpenStorage(e.ctx, cfg, e.log)
	if err != nil {
		return nil, nil, cfg, err
	}
	svc, err := server.OpenServices(e.ctx, cfg, st, e.log)
	if err != nil {
		_ = st.Close()
		return nil, nil, cfg, err
	}
	return st, svc, cfg, nil
}

func newFlags(name string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// readPassword takes the password from SAMSPILL_ADMIN_PASSWORD, else asks on the
// terminal without echo (twice), else reads a line from stdin.
func (e env) readPassword() (string, error) {
	if p := e.getenv("SAMSPILL_ADMIN_PASSWORD"); p != "" {
		return p, nil
	}
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Password: ")
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(e.stderr, "Repeat password: ")
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		if string(p1) != string(p2) {
			return "", errors.New("the passwords differ")
		}
		return string(p1), nil
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password: set SAMSPILL_ADMIN_PASSWORD or run in a terminal")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

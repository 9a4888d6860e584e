package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/demo"
	"github.com/samspill/samspill/internal/search"
	"github.com/samspill/samspill/internal/server"
	"github.com/samspill/samspill/internal/user"
)

func createAdmin(e env, args []string) error {
	fs := newFlags("create-admin", e)
	email := fs.String("email", "", "the administrator's email address")
	name := fs.String("name", "", "the administrator's name")
	orgKey := fs.String("org", "ks", `the organisation: "ks", "municipality:<number>", "county:<number>" or "state:<name>"`)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *email == "" {
		return usageError{"--email is required"}
	}
	st, svc, _, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()

	existing, err := svc.Users.ByEmail(e.ctx, *email)
	switch {
	case err == nil:
		if err := svc.Users.SetRole(e.ctx, existing.ID, auth.RoleAdmin); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s already had an account; it is now an administrator (password unchanged)\n", existing.Email)
		return nil
	case !errors.Is(err, apperr.ErrNotFound):
		return err
	}
	if *name == "" {
		return usageError{"--name is required for a new account"}
	}
	o, err := svc.Orgs.ByKey(e.ctx, *orgKey)
	if err != nil {
		return fmt.Errorf("organisation %q: %w", *orgKey, err)
	}
	password, err := e.readPassword()
	if err != nil {
		return err
	}
	u, err := svc.Users.Create(e.ctx, user.NewUser{Email: *email, Name: *name, OrgID: o.ID,
		JobField: user.JobOther, SiteRole: auth.RoleAdmin, Language: "nb", Password: password})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(e.stdout, "created administrator %s <%s> (id %s)\n", u.Name, u.Email, u.ID)
	return nil
}

// describe spells out validation errors for a terminal.
func describe(err error) error {
	if ae, ok := apperr.As(err); ok && len(ae.Fields) > 0 {
		var b bytes.Buffer
		b.WriteString(ae.Message)
		for _, f := range ae.Fields {
			fmt.Fprintf(&b, "\n  %s: %s", f.Field, f.Message)
		}
		return errors.New(b.String())
	}
	return err
}

func ensureIndexes(e env, args []string) error {
	if len(args) > 0 {
		return usageError{"ensure-indexes takes no arguments"}
	}
	cfg, err := config.FromEnv(e.getenv)
	if err != nil {
		return fmt.Errorf("configuration is not valid:\n%w", err)
	}
	st, err := server.OpenStorage(e.ctx, cfg, e.log) // ensures indexes (MongoDB) or migrates (SQLite)
	if err != nil {
		return err
	}
	defer st.Close()
	if st.Mongo == nil {
		fmt.Fprintln(e.stdout, "embedded database: indexes are part of the migrations, which are applied")
		return nil
	}
	fmt.Fprintf(e.stdout, "MongoDB indexes ensured on database %s\n", st.Mongo.Name())
	return nil
}

func seedDemo(e env, args []string) error {
	if len(args) > 0 {
		return usageError{"seed-demo takes no arguments"}
	}
	cfg, err := config.FromEnv(e.getenv)
	if err != nil {
		return fmt.Errorf("configuration is not valid:\n%w", err)
	}
	if !cfg.Embedded() && !cfg.DemoForce {
		return errors.New("refusing to add demo accounts (published passwords) to MongoDB; set SAMSPILL_DEMO_FORCE=1 if this really is a demo database")
	}
	st, svc, _, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	logins, err := demo.Seed(e.ctx, svc.Orgs, svc.Users, svc.Networks, svc.Forum)
	if err != nil {
		return err
	}
	if err := demo.SeedLibrary(e.ctx, svc.Users, svc.Library); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "demo accounts (password %s):\n", demo.Password)
	for _, l := range logins {
		fmt.Fprintf(e.stdout, "  %s\n", l.Email)
	}
	return nil
}

func seedBench(e env, args []string) error {
	fs := newFlags("seed-bench", e)
	n := fs.Int("users", 1000, "how many benchmark accounts to add")
	nets := fs.Int("networks", 0, "how many benchmark networks to add")
	members := fs.Int("network-members", 0, "members of the one big benchmark network (at most --users)")
	threads := fs.Int("forum-threads", 0, "threads in the big network's forum")
	posts := fs.Int("forum-posts", 20, "posts per thread")
	longPosts := fs.Int("forum-long", 0, "posts in one extra long thread")
	resources := fs.Int("library-resources", 0, "resources in the big network's library (every fourth a file, the same one)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *n < 1 || *n > 1_000_000 {
		return usageError{"--users must be between 1 and 1000000"}
	}
	if *resources < 0 || *resources > 1_000_000 {
		return usageError{"--library-resources must be between 0 and 1000000"}
	}
	if *nets < 0 || *nets > 100_000 || *members < 0 {
		return usageError{"--networks must be between 0 and 100000, --network-members not negative"}
	}
	st, svc, cfg, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if !cfg.Embedded() && !cfg.DemoForce {
		return errors.New("refusing to add benchmark accounts to MongoDB; set SAMSPILL_DEMO_FORCE=1 if this is a test database")
	}
	start := time.Now()
	added, err := demo.SeedBench(e.ctx, svc.Orgs, svc.Users, *n)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "benchmark accounts: %d added, %d wanted (%s; password %s) in %s\n",
		added, *n, demo.BenchEmail(1), demo.BenchPassword, time.Since(start).Round(time.Millisecond))
	if *nets > 0 || *members > 0 {
		start = time.Now()
		addedNets, err := demo.SeedBenchNetworks(e.ctx, svc.Users, svc.Networks, *nets, min(*members, *n))
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "benchmark networks: %d added, %d wanted, %q has %d members, in %s\n",
			addedNets, *nets+1, demo.BigNetworkSlug, max(1, min(*members, *n)), time.Since(start).Round(time.Millisecond))
	}
	if *threads > 0 || *longPosts > 0 {
		start = time.Now()
		added, err := demo.SeedBenchForum(e.ctx, svc.Users, svc.Forum, *threads, max(*posts, 1), *longPosts)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "benchmark forum: %d posts added in %s\n", added, time.Since(start).Round(time.Millisecond))
	}
	if *resources > 0 {
		start = time.Now()
		added, err := demo.SeedBenchLibrary(e.ctx, svc.Users, svc.Library, *resources)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "benchmark library: %d resources added in %s\n", added, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

func reindex(e env, args []string) error {
	if len(args) > 0 {
		return usageError{"reindex takes no arguments"}
	}
	cfg, err := config.FromEnv(e.getenv)
	if err != nil {
		return fmt.Errorf("configuration is not valid:\n%w", err)
	}
	// The index belongs to one replica's data dir; with the embedded database
	// the data-dir lock already says the server is stopped.
	if err := search.RemoveBleve(server.SearchIndexPath(cfg)); err != nil {
		return err
	}
	st, svc, _, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	if err := svc.SearchIndexer.Rebuild(e.ctx); err != nil {
		return err
	}
	n, err := st.Search.Count()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "search index rebuilt: %d documents in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

func printOpenAPI(e env, args []string) error {
	if len(args) > 0 {
		return usageError{"openapi takes no arguments"}
	}
	// The document comes from the real operations, built on a throwaway database.
	dir, err := os.MkdirTemp("", "samspill-openapi-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg, err := config.FromEnv(func(k string) string {
		if k == "SAMSPILL_DATA_DIR" {
			return dir
		}
		return ""
	})
	if err != nil {
		return err
	}
	quiet := slog.New(slog.DiscardHandler)
	st, err := server.OpenStorage(e.ctx, cfg, quiet)
	if err != nil {
		return err
	}
	defer st.Close()
	svc, err := server.OpenServices(e.ctx, cfg, st, quiet)
	if err != nil {
		return err
	}
	_, api := server.NewHTTP(cfg, st, svc, quiet)
	raw, err := json.Marshal(api.OpenAPI())
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = out.WriteTo(e.stdout)
	return err
}

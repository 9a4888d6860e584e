// Command samspillbench measures the real server under load. It seeds a fresh data
// dir with a stated number of users, starts the server binary on loopback, drives
// each scenario (scenarios.go) with N concurrent clients and prints one row per
// scenario — latency percentiles, throughput, errors and the server's peak RSS —
// so two runs can be compared line by line. See README.md beside this file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"
)

func main() {
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line flags.
type options struct {
	server, ctl     string
	users           int
	networks        int
	networkMembers  int
	forumThreads    int
	forumPosts      int
	forumLong       int
	libraryItems    int
	concurrency     int
	duration        time.Duration
	warmup          time.Duration
	requests        int
	scenarios       string
	keep            bool
	jsonOut         string
	seed            bool
	accounts        string
	readyTimeout    time.Duration
	seedTimeout     time.Duration
	shutdownTimeout time.Duration
	list            bool
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("samspillbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.server, "server", "bin/samspill", "server binary to start")
	fs.StringVar(&o.ctl, "ctl", "bin/samspillctl", "operator CLI used to seed the data dir")
	fs.IntVar(&o.users, "users", 10000, "data size: bench users seeded by `samspillctl seed-bench`")
	fs.IntVar(&o.networks, "networks", 500, "data size: networks seeded by `samspillctl seed-bench` (the catalogue scenarios page through them)")
	fs.IntVar(&o.networkMembers, "network-members", 2000, "data size: members of the one big network (at most -users) the directory scenarios read")
	fs.IntVar(&o.forumThreads, "forum-threads", 1000, "data size: threads in the big network's forum")
	fs.IntVar(&o.forumPosts, "forum-posts", 20, "data size: posts per forum thread")
	fs.IntVar(&o.forumLong, "forum-long", 2000, "data size: posts in the one long forum thread")
	fs.IntVar(&o.libraryItems, "library-resources", 20000, "data size: resources in the big network's library")
	fs.IntVar(&o.concurrency, "concurrency", 16, "concurrent clients per scenario")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "measured time per scenario")
	fs.DurationVar(&o.warmup, "warmup", time.Second, "uncounted warm-up per scenario")
	fs.IntVar(&o.requests, "requests", 1_000_000, "most requests measured per scenario (whichever of -duration and -requests ends first)")
	fs.StringVar(&o.scenarios, "scenario", "", "comma-separated scenarios to run (default all; -list shows them)")
	fs.BoolVar(&o.keep, "keep", false, "keep the data dir (and the server log in it) afterwards")
	fs.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file")
	fs.BoolVar(&o.seed, "seed", true, "seed bench users with `samspillctl seed-bench`; -seed=false starts on the demo data alone (use with -accounts)")
	fs.StringVar(&o.accounts, "accounts", "", "log in as these accounts instead of the bench users: email:password,email:password")
	fs.DurationVar(&o.readyTimeout, "ready-timeout", time.Minute, "how long the server may take to answer /readyz")
	fs.DurationVar(&o.seedTimeout, "seed-timeout", 15*time.Minute, "how long seeding may take")
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 25*time.Second, "how long the server may take to exit after SIGTERM")
	fs.BoolVar(&o.list, "list", false, "list the scenarios and exit")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	var errs []error
	if o.concurrency < 1 || o.concurrency > 4096 {
		errs = append(errs, errors.New("-concurrency must be between 1 and 4096"))
	}
	if o.duration <= 0 {
		errs = append(errs, errors.New("-duration must be positive"))
	}
	if o.warmup < 0 {
		errs = append(errs, errors.New("-warmup must not be negative"))
	}
	if o.requests < 1 {
		errs = append(errs, errors.New("-requests must be at least 1: every run is bounded in count"))
	}
	if o.users < 0 {
		errs = append(errs, errors.New("-users must not be negative"))
	}
	if o.accounts == "" && (!o.seed || o.users == 0) {
		errs = append(errs, errors.New("no accounts to log in as: seed bench users (-users N) or name some with -accounts"))
	}
	return o, errors.Join(errs...)
}

// Main runs the bench and returns the process exit code: 0 when every scenario ran
// with an error rate of at most 1% and the server started and stopped cleanly.
func Main(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "samspillbench:", err)
		return 2
	}
	if o.list {
		for _, s := range scenarios {
			fmt.Fprintf(stdout, "%-12s %s\n", s.Name, s.About)
		}
		return 0
	}
	selected, err := selectScenarios(scenarios, o.scenarios)
	if err != nil {
		fmt.Fprintln(stderr, "samspillbench:", err)
		return 2
	}
	accts, err := makeAccounts(o)
	if err != nil {
		fmt.Fprintln(stderr, "samspillbench:", err)
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := run(ctx, o, selected, accts, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "samspillbench:", err)
		return 1
	}
	rep.Print(stdout)
	if o.jsonOut != "" {
		if err := rep.WriteJSON(o.jsonOut); err != nil {
			fmt.Fprintln(stderr, "samspillbench:", err)
			return 1
		}
	}
	if len(rep.Failures) > 0 {
		return 1
	}
	return 0
}

// run does the work: seed, start, drive every scenario, stop. An error means there
// is nothing to report (no binary, seeding failed, the server never got ready);
// once scenarios ran, every failure is in the report instead.
func run(ctx context.Context, o options, selected []Scenario, accts accounts, logw io.Writer) (*Report, error) {
	serverPath, err := findBinary(o.server)
	if err != nil {
		return nil, err
	}
	ctlPath := ""
	if o.seed {
		if ctlPath, err = findBinary(o.ctl); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp("", "samspillbench-*")
	if err != nil {
		return nil, err
	}
	if o.keep {
		defer fmt.Fprintln(logw, "data dir kept:", dir)
	} else {
		defer os.RemoveAll(dir)
	}

	rep := &Report{
		Date:        time.Now().UTC().Truncate(time.Second),
		Commit:      gitCommit(),
		ServerBuild: binaryBuild(serverPath),
		GOOS:        runtime.GOOS,
		GOARCH:      runtime.GOARCH,
		NumCPU:      runtime.NumCPU(),
		Users:       o.users,
		Networks:    o.networks,
		BigNetwork:  min(o.networkMembers, o.users),
		Forum:       fmt.Sprintf("%d threads × %d posts + one of %d, library %d resources", o.forumThreads, o.forumPosts, o.forumLong, o.libraryItems),
		Seeded:      o.seed,
		Accounts:    accts.n(),
		Concurrency: o.concurrency,
		Duration:    o.duration,
		Requests:    o.requests,
	}
	if !o.seed {
		rep.Users = 0
	}

	if o.seed {
		fmt.Fprintf(logw, "seeding %d bench users, %d networks…\n", o.users, o.networks)
		took, err := seed(ctx, ctlPath, dir, seedSize{o.users, o.networks, o.networkMembers, o.forumThreads, o.forumPosts, o.forumLong, o.libraryItems}, o.seedTimeout)
		if err != nil {
			return nil, err
		}
		rep.SeedTime = took
		fmt.Fprintln(logw, "rebuilding the search index…")
		if rep.Index, err = reindex(ctx, ctlPath, dir, o.seedTimeout); err != nil {
			return nil, err
		}
	}

	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	srv, err := startServer(serverPath, dir, addr)
	if err != nil {
		return nil, err
	}
	defer srv.kill() // only does something when stop was never reached
	env := newEnv("http://"+addr, o.concurrency, accts)
	defer env.close()

	startup, err := srv.waitReady(ctx, env, o.readyTimeout)
	if err != nil {
		srv.printLogTail(logw)
		return nil, err
	}
	rep.Startup = startup
	fmt.Fprintf(logw, "server ready on %s after %s\n", addr, startup.Round(time.Millisecond))

	// A server that dies mid-run ends the scenarios at once instead of letting the
	// clients spin on refused connections until the deadline.
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		select {
		case <-srv.done:
			cancel(errors.New("the server exited during the run"))
		case <-runCtx.Done():
		}
	}()

	for _, sc := range selected {
		if runCtx.Err() != nil {
			break
		}
		fmt.Fprintf(logw, "%-12s warm-up %s, then up to %s or %d requests with %d clients…\n",
			sc.Name, o.warmup, o.duration, o.requests, o.concurrency)
		row := runScenario(runCtx, sc, env, srv.pid(), runConfig{
			concurrency: o.concurrency, warmup: o.warmup, duration: o.duration, requests: o.requests,
		})
		rep.Rows = append(rep.Rows, row)
	}
	if cause := context.Cause(runCtx); cause != nil && !errors.Is(cause, context.Canceled) {
		rep.Failures = append(rep.Failures, cause.Error())
	} else if ctx.Err() != nil {
		rep.Failures = append(rep.Failures, "interrupted")
	}
	var lastHWM int64
	if _, hwm, err := readProcStatus(srv.pid()); err == nil {
		lastHWM = hwm
	}
	rep.ServerHWM = wholeRunPeak(lastHWM, rep.Rows)

	rep.Shutdown = srv.stop(o.shutdownTimeout)
	if rep.Shutdown.Err != "" || rep.Shutdown.ExitCode != 0 {
		srv.printLogTail(logw)
	}
	rep.judge()
	return rep, nil
}

// selectScenarios picks the scenarios named in filter (comma-separated), keeping
// the order of the list so runs stay comparable; an empty filter picks all.
func selectScenarios(all []Scenario, filter string) ([]Scenario, error) {
	if strings.TrimSpace(filter) == "" {
		return all, nil
	}
	want := map[string]bool{}
	for _, name := range strings.Split(filter, ",") {
		if name = strings.TrimSpace(name); name != "" {
			want[name] = true
		}
	}
	var out []Scenario
	for _, s := range all {
		if want[s.Name] {
			out = append(out, s)
			delete(want, s.Name)
		}
	}
	if len(want) > 0 {
		var unknown, names []string
		for n := range want {
			unknown = append(unknown, n)
		}
		for _, s := range all {
			names = append(names, s.Name)
		}
		return nil, fmt.Errorf("unknown scenario %s (have %s)", strings.Join(unknown, ", "), strings.Join(names, ", "))
	}
	return out, nil
}

// findBinary checks that a binary exists before anything is seeded, with a hint
// on how to get it.
func findBinary(path string) (string, error) {
	p, err := exec.LookPath(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w (build it first: make build)", path, err)
	}
	return p, nil
}

// gitCommit names the checked-out commit, marked +dirty when tracked files have
// changed, so a reader knows what a row measured.
func gitCommit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(strings.TrimSpace(string(st))) > 0 {
		c += "+dirty"
	}
	return c
}

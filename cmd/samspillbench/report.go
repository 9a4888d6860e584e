package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// maxErrorRate is the share of failed requests above which a scenario, and so the
// whole run, fails.
const maxErrorRate = 0.01

// Latency is the exact distribution summary of one scenario's requests.
type Latency struct {
	P50, P90, P99, Max time.Duration
}

// summarize sorts d in place and returns its percentiles.
func summarize(d []time.Duration) Latency {
	slices.Sort(d)
	return Latency{
		P50: percentile(d, 50),
		P90: percentile(d, 90),
		P99: percentile(d, 99),
		Max: percentile(d, 100),
	}
}

// percentile returns the p-th percentile (0 < p ≤ 100) of sorted by the
// nearest-rank method: the smallest value with at least p% of the values at or
// below it. It is always one of the measured values, never an interpolation.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// ErrorKind is one kind of failure and how often it happened.
type ErrorKind struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// sortedKinds orders failures most frequent first (then by key, for stable output).
func sortedKinds(m map[string]int) []ErrorKind {
	out := make([]ErrorKind, 0, len(m))
	for k, n := range m {
		out = append(out, ErrorKind{k, n})
	}
	slices.SortFunc(out, func(a, b ErrorKind) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// Row is one scenario's result.
type Row struct {
	Scenario    string
	Concurrency int
	Requests    int // completed, failed ones included
	Errors      int
	Elapsed     time.Duration
	Latency
	PeakRSS    int64 // bytes; -1 when it could not be read
	ErrorKinds []ErrorKind
	SetupErr   string // the scenario could not start (e.g. its clients could not log in)
	Bytes      int64  // file data moved by completed requests (uploads, downloads)
	priorHWM   int64  // the server's VmHWM before this scenario reset it
}

// RPS is completed requests per second of wall time.
func (r Row) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// MBps is the file data moved per second of wall time, in MB (2^20 bytes).
func (r Row) MBps() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Bytes) / (1 << 20) / r.Elapsed.Seconds()
}

// ErrorRate is the share of failed requests.
func (r Row) ErrorRate() float64 {
	if r.Requests == 0 {
		return 0
	}
	return float64(r.Errors) / float64(r.Requests)
}

// failure says why the row fails the run, or "".
func (r Row) failure() string {
	switch {
	case r.SetupErr != "":
		return fmt.Sprintf("%s: could not start: %s", r.Scenario, r.SetupErr)
	case r.Requests == 0:
		return fmt.Sprintf("%s: no request completed", r.Scenario)
	case r.ErrorRate() > maxErrorRate:
		return fmt.Sprintf("%s: %.1f%% of requests failed (limit %.0f%%)", r.Scenario, 100*r.ErrorRate(), 100*maxErrorRate)
	}
	return ""
}

// column is one column of the table.
type column struct {
	head  string
	left  bool
	value func(Row) string
}

func msText(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }

var columns = []column{
	{"scenario", true, func(r Row) string { return r.Scenario }},
	{"conc", false, func(r Row) string { return fmt.Sprint(r.Concurrency) }},
	{"requests", false, func(r Row) string { return fmt.Sprint(r.Requests) }},
	{"errors", false, func(r Row) string { return fmt.Sprint(r.Errors) }},
	{"req/s", false, func(r Row) string { return fmt.Sprintf("%.1f", r.RPS()) }},
	{"p50 ms", false, func(r Row) string { return msText(r.P50) }},
	{"p90 ms", false, func(r Row) string { return msText(r.P90) }},
	{"p99 ms", false, func(r Row) string { return msText(r.P99) }},
	{"max ms", false, func(r Row) string { return msText(r.Max) }},
	{"peak RSS MB", false, func(r Row) string { return mbText(r.PeakRSS) }},
}

func mbText(b int64) string {
	if b < 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", float64(b)/(1<<20))
}

// writeTable prints rows as an aligned plain-text table: the scenario name
// left-aligned, numbers right-aligned, two spaces between columns, no trailing
// spaces. A scenario that could not start shows "-" for its numbers.
func writeTable(w io.Writer, rows []Row) {
	cells := make([][]string, 0, len(rows)+1)
	head := make([]string, len(columns))
	for i, c := range columns {
		head[i] = c.head
	}
	cells = append(cells, head)
	for _, r := range rows {
		line := make([]string, len(columns))
		for i, c := range columns {
			line[i] = c.value(r)
			if r.SetupErr != "" && i > 1 {
				line[i] = "-"
			}
		}
		cells = append(cells, line)
	}
	width := make([]int, len(columns))
	for _, line := range cells {
		for i, s := range line {
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	for _, line := range cells {
		var b strings.Builder
		for i, s := range line {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(s))
			if columns[i].left {
				b.WriteString(s + pad)
			} else {
				b.WriteString(pad + s)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// Report is everything a run found.
type Report struct {
	Date        time.Time
	Commit      string
	ServerBuild string
	GOOS        string
	GOARCH      string
	NumCPU      int
	Users       int
	Networks    int
	BigNetwork  int
	Forum       string
	Index       *IndexStats
	Seeded      bool
	Accounts    int
	Concurrency int
	Duration    time.Duration
	Requests    int
	SeedTime    time.Duration
	Startup     time.Duration
	Rows        []Row
	ServerHWM   int64 // the server's peak RSS over its whole life, bytes
	Shutdown    Shutdown
	Failures    []string
}

// judge collects the reasons the run fails.
func (rep *Report) judge() {
	for _, r := range rep.Rows {
		if f := r.failure(); f != "" {
			rep.Failures = append(rep.Failures, f)
		}
	}
	if rep.Shutdown.Err != "" {
		rep.Failures = append(rep.Failures, "shutdown: "+rep.Shutdown.Err)
	}
}

// wholeRunPeak is the server's peak RSS over the whole run. Each scenario resets
// VmHWM, so it is the largest of the values read before each reset, the
// scenarios' own peaks and the last VmHWM read (lastHWM, 0 if unknown).
func wholeRunPeak(lastHWM int64, rows []Row) int64 {
	peak := lastHWM
	for _, r := range rows {
		peak = max(peak, r.priorHWM, r.PeakRSS)
	}
	return peak
}

// maxKinds is how many kinds of failure are listed per scenario.
const maxKinds = 5

// Print writes the human-readable report.
func (rep *Report) Print(w io.Writer) {
	data := fmt.Sprintf("%d bench users, %d networks (one with %d members)", rep.Users, rep.Networks, rep.BigNetwork)
	if rep.Forum != "" {
		data += ", forum " + rep.Forum
	}
	if !rep.Seeded {
		data = fmt.Sprintf("not seeded, -accounts lists %d", rep.Accounts)
	}
	fmt.Fprintf(w, "samspillbench %s  commit %s  %s/%s  %d CPUs  data: %s + demo\n",
		rep.Date.Format(time.RFC3339), rep.Commit, rep.GOOS, rep.GOARCH, rep.NumCPU, data)
	if rep.ServerBuild != "" {
		fmt.Fprintf(w, "server binary: %s\n", rep.ServerBuild)
	}
	fmt.Fprintf(w, "per scenario: %s or %d requests, %d clients", rep.Duration, rep.Requests, rep.Concurrency)
	if rep.Seeded {
		fmt.Fprintf(w, "; seed %s", rep.SeedTime.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "; start-up to ready %s\n", rep.Startup.Round(time.Millisecond))
	if ix := rep.Index; ix != nil && ix.Took > 0 {
		fmt.Fprintf(w, "search index: %d documents rebuilt in %s (%.0f documents/s), %.1f MB on disk\n",
			ix.Documents, ix.Took.Round(time.Millisecond), float64(ix.Documents)/ix.Took.Seconds(), float64(ix.Bytes)/(1<<20))
	}
	fmt.Fprintln(w)

	writeTable(w, rep.Rows)

	var notes []string
	for _, r := range rep.Rows {
		if r.SetupErr != "" {
			notes = append(notes, fmt.Sprintf("%s: setup failed: %s", r.Scenario, r.SetupErr))
		}
		for i, k := range r.ErrorKinds {
			if i == maxKinds {
				notes = append(notes, fmt.Sprintf("%s: … %d more kinds", r.Scenario, len(r.ErrorKinds)-maxKinds))
				break
			}
			notes = append(notes, fmt.Sprintf("%s: %d× %s", r.Scenario, k.Count, k.Key))
		}
		if r.Scenario == "login" && r.has429() {
			notes = append(notes,
				"login: 429 means the login rate limiter throttled the bench. Bench users log in with the right password,",
				"  so no attempt fails and the limiter should never trip; if it does, it counts successful logins too or",
				"  limits per IP (every bench client is 127.0.0.1): fix the limiter, not the bench. (Unless -accounts",
				"  named a wrong password: failed logins are what the limiter is for.)")
		}
	}
	var moved []string
	for _, r := range rep.Rows {
		if r.Bytes > 0 {
			moved = append(moved, fmt.Sprintf("  %s: %.1f MB/s (%.0f MB in %s)", r.Scenario, r.MBps(), float64(r.Bytes)/(1<<20), r.Elapsed.Round(time.Millisecond)))
		}
	}
	if len(moved) > 0 {
		fmt.Fprintln(w, "\nfile throughput:")
		for _, m := range moved {
			fmt.Fprintln(w, m)
		}
	}
	if len(notes) > 0 {
		fmt.Fprintln(w, "\nfailed requests:")
		for _, n := range notes {
			fmt.Fprintln(w, "  "+n)
		}
	}

	fmt.Fprintln(w)
	if rep.ServerHWM > 0 {
		fmt.Fprintf(w, "server peak RSS over the whole run, start-up and warm-ups included: %s MB\n", mbText(rep.ServerHWM))
	}
	if rep.Shutdown.Err == "" {
		fmt.Fprintf(w, "shutdown: SIGTERM → exit 0 in %s\n", rep.Shutdown.Elapsed.Round(time.Millisecond))
	} else {
		fmt.Fprintf(w, "shutdown: %s\n", rep.Shutdown.Err)
	}
	if len(rep.Failures) == 0 {
		fmt.Fprintln(w, "PASS")
		return
	}
	for _, f := range rep.Failures {
		fmt.Fprintln(w, "FAIL: "+f)
	}
}

func (r Row) has429() bool {
	for _, k := range r.ErrorKinds {
		if strings.HasPrefix(k.Key, "429") {
			return true
		}
	}
	return false
}

// ms is a duration written to JSON as milliseconds.
type ms time.Duration

func (d ms) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("%.3f", float64(d)/float64(time.Millisecond))), nil
}

type jsonRow struct {
	Scenario    string      `json:"scenario"`
	Concurrency int         `json:"concurrency"`
	Requests    int         `json:"requests"`
	Errors      int         `json:"errors"`
	RPS         float64     `json:"requestsPerSecond"`
	ElapsedMs   ms          `json:"elapsedMs"`
	P50Ms       ms          `json:"p50Ms"`
	P90Ms       ms          `json:"p90Ms"`
	P99Ms       ms          `json:"p99Ms"`
	MaxMs       ms          `json:"maxMs"`
	PeakRSS     int64       `json:"peakRssBytes"` // -1: unknown
	MBps        float64     `json:"megabytesPerSecond,omitempty"`
	ErrorKinds  []ErrorKind `json:"errorKinds,omitempty"`
	SetupError  string      `json:"setupError,omitempty"`
}

type jsonReport struct {
	Date          time.Time `json:"date"`
	Commit        string    `json:"commit"`
	ServerBuild   string    `json:"serverBuild,omitempty"`
	GOOS          string    `json:"goos"`
	GOARCH        string    `json:"goarch"`
	NumCPU        int       `json:"numCpu"`
	Users         int       `json:"users"`
	Seeded        bool      `json:"seeded"`
	Concurrency   int       `json:"concurrency"`
	DurationMs    ms        `json:"durationMs"`
	RequestCap    int       `json:"requestCap"`
	SeedMs        ms        `json:"seedMs"`
	StartupMs     ms        `json:"startupMs"`
	Scenarios     []jsonRow `json:"scenarios"`
	ServerHWM     int64     `json:"serverPeakRssBytes"`
	ShutdownExit  int       `json:"shutdownExitCode"`
	ShutdownMs    ms        `json:"shutdownMs"`
	ShutdownError string    `json:"shutdownError,omitempty"`
	Failures      []string  `json:"failures"`
	Pass          bool      `json:"pass"`
}

// MarshalJSON gives the machine-readable form written by -json.
func (rep *Report) MarshalJSON() ([]byte, error) {
	out := jsonReport{
		Date: rep.Date, Commit: rep.Commit, ServerBuild: rep.ServerBuild,
		GOOS: rep.GOOS, GOARCH: rep.GOARCH, NumCPU: rep.NumCPU,
		Users: rep.Users, Seeded: rep.Seeded, Concurrency: rep.Concurrency,
		DurationMs: ms(rep.Duration), RequestCap: rep.Requests,
		SeedMs: ms(rep.SeedTime), StartupMs: ms(rep.Startup),
		Scenarios: []jsonRow{}, ServerHWM: rep.ServerHWM,
		ShutdownExit: rep.Shutdown.ExitCode, ShutdownMs: ms(rep.Shutdown.Elapsed), ShutdownError: rep.Shutdown.Err,
		Failures: append([]string{}, rep.Failures...), Pass: len(rep.Failures) == 0,
	}
	for _, r := range rep.Rows {
		out.Scenarios = append(out.Scenarios, jsonRow{
			Scenario: r.Scenario, Concurrency: r.Concurrency, Requests: r.Requests, Errors: r.Errors,
			RPS: math.Round(r.RPS()*10) / 10, ElapsedMs: ms(r.Elapsed),
			P50Ms: ms(r.P50), P90Ms: ms(r.P90), P99Ms: ms(r.P99), MaxMs: ms(r.Max),
			PeakRSS: r.PeakRSS, MBps: math.Round(r.MBps()*10) / 10, ErrorKinds: r.ErrorKinds, SetupError: r.SetupErr,
		})
	}
	return json.Marshal(out)
}

// WriteJSON writes the report as JSON to path.
func (rep *Report) WriteJSON(path string) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

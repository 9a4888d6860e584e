package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func durations(ms ...int) []time.Duration {
	out := make([]time.Duration, len(ms))
	for i, m := range ms {
		out[i] = time.Duration(m) * time.Millisecond
	}
	return out
}

func TestPercentileNearestRank(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value is every percentile", durations(7), 1, 7 * time.Millisecond},
		{"one value p100", durations(7), 100, 7 * time.Millisecond},
		{"p50 of 1..10", durations(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 50, 5 * time.Millisecond},
		{"p90 of 1..10", durations(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9 * time.Millisecond},
		{"p99 of 1..10 is the max", durations(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{"p50 of an odd count is the median", durations(1, 2, 3), 50, 2 * time.Millisecond},
		{"p99 of 1..100", hundred, 99, 99 * time.Millisecond},
		{"p100 of 1..100", hundred, 100, 100 * time.Millisecond},
		{"tiny p picks the smallest", hundred, 0.001, 1 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("percentile(%v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

func TestSummarizeSortsAndIsExact(t *testing.T) {
	d := durations(9, 1, 5, 3, 7, 2, 8, 4, 10, 6)
	got := summarize(d)
	want := Latency{P50: 5 * time.Millisecond, P90: 9 * time.Millisecond, P99: 10 * time.Millisecond, Max: 10 * time.Millisecond}
	if got != want {
		t.Errorf("summarize = %+v, want %+v", got, want)
	}
	if d[0] != time.Millisecond || d[9] != 10*time.Millisecond {
		t.Errorf("not sorted in place: %v", d)
	}
	if (summarize(nil) != Latency{}) {
		t.Error("summarize(nil) should be zero")
	}
}

func TestSortedKinds(t *testing.T) {
	got := sortedKinds(map[string]int{"500 internal": 2, "429 auth.rate_limited": 5, "401 auth.invalid_credentials": 2})
	want := []ErrorKind{{"429 auth.rate_limited", 5}, {"401 auth.invalid_credentials", 2}, {"500 internal", 2}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestRowRatesAndFailure(t *testing.T) {
	tests := []struct {
		name    string
		row     Row
		rps     float64
		failure string // substring; "" means the row passes
	}{
		{"clean", Row{Scenario: "me", Requests: 1000, Elapsed: 2 * time.Second}, 500, ""},
		{"exactly 1% passes", Row{Scenario: "me", Requests: 1000, Errors: 10, Elapsed: time.Second}, 1000, ""},
		{"over 1% fails", Row{Scenario: "me", Requests: 1000, Errors: 11, Elapsed: time.Second}, 1000, "1.1% of requests failed"},
		{"nothing completed", Row{Scenario: "me"}, 0, "no request completed"},
		{"setup failed", Row{Scenario: "me", SetupErr: "log in as x: 401"}, 0, "could not start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.row.RPS(); got != tt.rps {
				t.Errorf("RPS = %v, want %v", got, tt.rps)
			}
			got := tt.row.failure()
			if (tt.failure == "") != (got == "") || !strings.Contains(got, tt.failure) {
				t.Errorf("failure = %q, want %q", got, tt.failure)
			}
		})
	}
}

func TestWriteTableAligns(t *testing.T) {
	rows := []Row{
		{Scenario: "login", Concurrency: 16, Requests: 420, Errors: 0, Elapsed: 10 * time.Second,
			Latency: Latency{P50: 371_500 * time.Microsecond, P90: 420 * time.Millisecond, P99: 480 * time.Millisecond, Max: 512 * time.Millisecond},
			PeakRSS: 300 << 20},
		{Scenario: "orgs-search", Concurrency: 16, Requests: 123456, Errors: 3, Elapsed: 10 * time.Second,
			Latency: Latency{P50: 1200 * time.Microsecond, P90: 2 * time.Millisecond, P99: 5 * time.Millisecond, Max: 31 * time.Millisecond},
			PeakRSS: -1},
		{Scenario: "me", Concurrency: 16, SetupErr: "log in: 401"},
	}
	var b bytes.Buffer
	writeTable(&b, rows)
	want := "" +
		"scenario     conc  requests  errors    req/s  p50 ms  p90 ms  p99 ms  max ms  peak RSS MB\n" +
		"login          16       420       0     42.0  371.50  420.00  480.00  512.00        300.0\n" +
		"orgs-search    16    123456       3  12345.6    1.20    2.00    5.00   31.00            -\n" +
		"me             16         -       -        -       -       -       -       -            -\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestReportPrintAndJSON(t *testing.T) {
	rep := &Report{
		Date: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), Commit: "abc1234", GOOS: "linux", GOARCH: "amd64", NumCPU: 2,
		Users: 2000, Seeded: true, Concurrency: 4, Duration: 5 * time.Second, Requests: 1000,
		Startup: 850 * time.Millisecond,
		Rows: []Row{{
			Scenario: "login", Concurrency: 4, Requests: 100, Errors: 5, Elapsed: 5 * time.Second,
			ErrorKinds: []ErrorKind{{"429 auth.too_many_attempts", 5}}, PeakRSS: 64 << 20,
		}},
		Shutdown: Shutdown{Elapsed: 40 * time.Millisecond},
	}
	rep.judge()
	var b bytes.Buffer
	rep.Print(&b)
	out := b.String()
	for _, want := range []string{
		"samspillbench 2026-11-25T12:00:00Z  commit abc1234  linux/amd64  2 CPUs  data: 2000 bench users, 0 networks (one with 0 members) + demo",
		"start-up to ready 850ms",
		"login: 5× 429 auth.too_many_attempts",
		"login: 429 means the login rate limiter throttled the bench",
		"shutdown: SIGTERM → exit 0 in 40ms",
		"FAIL: login: 5.0% of requests failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}

	raw, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Users     int     `json:"users"`
		StartupMs float64 `json:"startupMs"`
		Pass      bool    `json:"pass"`
		Scenarios []struct {
			Scenario string  `json:"scenario"`
			RPS      float64 `json:"requestsPerSecond"`
			PeakRSS  int64   `json:"peakRssBytes"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%v in %s", err, raw)
	}
	if got.Users != 2000 || got.StartupMs != 850 || got.Pass || len(got.Scenarios) != 1 ||
		got.Scenarios[0].Scenario != "login" || got.Scenarios[0].RPS != 20 || got.Scenarios[0].PeakRSS != 64<<20 {
		t.Errorf("json = %+v from %s", got, raw)
	}
}

func TestWholeRunPeak(t *testing.T) {
	rows := []Row{
		{PeakRSS: 600 << 20, priorHWM: 40 << 20}, // login: the largest scenario peak
		{PeakRSS: 30 << 20, priorHWM: 650 << 20}, // me: VmHWM before its reset saw a warm-up spike
		{PeakRSS: -1},                            // RSS unknown
	}
	if got := wholeRunPeak(35<<20, rows); got != 650<<20 {
		t.Errorf("wholeRunPeak = %d MB, want 650", got>>20)
	}
	if got := wholeRunPeak(0, nil); got != 0 {
		t.Errorf("no data: %d", got)
	}
}

func TestParseProcStatus(t *testing.T) {
	status := "Name:\tsamspill\nVmPeak:\t 1300000 kB\nVmHWM:\t   81920 kB\nVmRSS:\t   40960 kB\nThreads:\t9\n"
	rss, hwm, err := parseProcStatus([]byte(status))
	if err != nil || rss != 40<<20 || hwm != 80<<20 {
		t.Errorf("got rss=%d hwm=%d err=%v", rss, hwm, err)
	}
	if _, _, err := parseProcStatus([]byte("Name:\tx\n")); err == nil {
		t.Error("want an error without VmRSS/VmHWM (a kernel thread, or not Linux)")
	}
}

func TestSelectScenarios(t *testing.T) {
	all, err := selectScenarios(scenarios, "")
	if err != nil || len(all) != len(scenarios) {
		t.Fatalf("empty filter: %v %v", all, err)
	}
	got, err := selectScenarios(scenarios, " login, me ")
	if err != nil || len(got) != 2 || got[0].Name != "me" || got[1].Name != "login" {
		t.Errorf("filter keeps list order: %v %v", got, err)
	}
	if _, err := selectScenarios(scenarios, "login,nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown scenario: %v", err)
	}
}

func TestScenarioNamesAreUniqueAndComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range scenarios {
		if s.Name == "" || s.About == "" || s.Start == nil || strings.ContainsAny(s.Name, ", ") {
			t.Errorf("scenario %q needs a name without commas or spaces, an About and a Start", s.Name)
		}
		if seen[s.Name] {
			t.Errorf("scenario %q listed twice", s.Name)
		}
		seen[s.Name] = true
	}
}

func TestAccounts(t *testing.T) {
	a, err := makeAccounts(options{users: 3})
	if err != nil || a.n() != 3 {
		t.Fatal(a, err)
	}
	if got := a.at(0); got.Email != "bench-000001@bench.samspill.no" || got.Password != BenchPassword {
		t.Errorf("at(0) = %+v", got)
	}
	if got := a.at(5).Email; got != "bench-000003@bench.samspill.no" {
		t.Errorf("at(5) wraps to the third user, got %s", got)
	}
	l, err := makeAccounts(options{accounts: "a@x.no:pw1, b@x.no:pw:2"})
	if err != nil || l.n() != 2 || l.at(1) != (Account{"b@x.no", "pw:2"}) {
		t.Errorf("list: %+v %v", l, err)
	}
	if _, err := makeAccounts(options{accounts: "nopassword"}); err == nil {
		t.Error("want an error for an entry without a password")
	}
}

func TestParseFlagsBoundsEveryRun(t *testing.T) {
	if _, err := parseFlags([]string{"-requests", "0"}, &bytes.Buffer{}); err == nil {
		t.Error("-requests 0 must be refused: runs are bounded in count")
	}
	if _, err := parseFlags([]string{"-seed=false"}, &bytes.Buffer{}); err == nil {
		t.Error("no seed and no -accounts leaves nobody to log in as")
	}
	o, err := parseFlags([]string{"-users", "2000", "-duration", "5s", "-scenario", "me"}, &bytes.Buffer{})
	if err != nil || o.users != 2000 || o.duration != 5*time.Second || o.server != "bin/samspill" || o.concurrency != 16 {
		t.Errorf("%+v %v", o, err)
	}
}

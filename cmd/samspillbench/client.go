package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Env is what a scenario gets to work with: the server's base URL, one shared
// HTTP client and the accounts it may log in as.
type Env struct {
	base   string
	client *http.Client
	accts  accounts
}

func newEnv(base string, concurrency int, accts accounts) *Env {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy: nil, // never through a proxy: the target is on this machine
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			// The bench only ever talks to loopback; refuse anything else outright.
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				return nil, fmt.Errorf("refusing non-loopback address %s", addr)
			}
			return dialer.DialContext(ctx, network, addr)
		},
		// One idle connection kept per client, so no request waits on a dial.
		MaxIdleConns:        2 * concurrency,
		MaxIdleConnsPerHost: concurrency,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   false,
	}
	return &Env{
		base:   base,
		client: &http.Client{Transport: tr, Timeout: 60 * time.Second},
		accts:  accts,
	}
}

func (e *Env) close() { e.client.CloseIdleConnections() }

// Rand gives a client its own random source, seeded by its number so two runs
// send the same sequence of requests.
func (e *Env) Rand(client int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(client)+1, 0x53616d7370696c6c))
}

// Accounts is how many accounts there are to log in as.
func (e *Env) Accounts() int { return e.accts.n() }

// Account returns account i (0 ≤ i < Accounts()).
func (e *Env) Account(i int) Account { return e.accts.at(i) }

// Result is one HTTP request as measured: status, time from sending to having
// read the whole body, the body, and what went wrong if anything did.
type Result struct {
	Status  int
	Elapsed time.Duration
	Body    []byte
	// Problem says what failed: the problem+json code of a non-2xx answer, a
	// transport error, or a check of a 2xx body made by the scenario.
	Problem string
	// Bytes is the file data a request moved (uploads and downloads), for
	// their throughput.
	Bytes int64
}

// OK reports a 2xx answer that passed the scenario's checks.
func (r Result) OK() bool { return r.Status >= 200 && r.Status < 300 && r.Problem == "" }

// Decode parses a 2xx JSON body into v; a body that does not parse marks the
// result failed.
func (r *Result) Decode(v any) bool {
	if !r.OK() {
		return false
	}
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.Problem = "bench.bad_json"
		return false
	}
	return true
}

// Fail marks a 2xx result as failed by a scenario's check.
func (r *Result) Fail(problem string) { r.Problem = problem }

// errorKey groups failures for the report: "401 auth.invalid_credentials",
// "200 bench.empty_page", "transport: connection refused".
func errorKey(r Result) string {
	if r.Status == 0 {
		return "transport: " + r.Problem
	}
	if r.Problem == "" {
		return fmt.Sprintf("%d", r.Status)
	}
	return fmt.Sprintf("%d %s", r.Status, r.Problem)
}

// Get sends GET path with an optional bearer token.
func (e *Env) Get(ctx context.Context, path, token string) Result {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.base+path, nil)
	if err != nil {
		return Result{Problem: err.Error()}
	}
	return e.do(req, token)
}

// PostJSON sends POST path with v as its JSON body and an optional bearer token.
func (e *Env) PostJSON(ctx context.Context, path string, v any, token string) Result {
	b, err := json.Marshal(v)
	if err != nil {
		return Result{Problem: err.Error()}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.base+path, bytes.NewReader(b))
	if err != nil {
		return Result{Problem: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	return e.do(req, token)
}

func (e *Env) do(req *http.Request, token string) Result {
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	t0 := time.Now()
	resp, err := e.client.Do(req)
	if err != nil {
		return Result{Elapsed: time.Since(t0), Problem: transportProblem(err)}
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	r := Result{Status: resp.StatusCode, Elapsed: time.Since(t0), Body: body}
	if err != nil {
		r.Status, r.Problem = 0, transportProblem(err)
		return r
	}
	if !(r.Status >= 200 && r.Status < 300) {
		var p struct {
			Code string `json:"code"`
		}
		if json.Unmarshal(body, &p) == nil && p.Code != "" {
			r.Problem = p.Code
		}
	}
	return r
}

// transportProblem shortens a transport error to its cause, so equal failures
// group together in the report.
func transportProblem(err error) string {
	var ne *net.OpError
	if errors.As(err, &ne) {
		return ne.Op + ": " + ne.Err.Error()
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// Login logs in as a and returns the access token.
func (e *Env) Login(ctx context.Context, a Account) (string, error) {
	r := e.PostJSON(ctx, "/api/v1/auth/login", loginRequest{Email: a.Email, Password: a.Password}, "")
	var out loginResponse
	if !r.Decode(&out) || out.AccessToken == "" {
		return "", fmt.Errorf("log in as %s: %s", a.Email, errorKey(r))
	}
	return out.AccessToken, nil
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type loginResponse struct {
	AccessToken string `json:"accessToken"`
}

// Account is a user the bench logs in as.
type Account struct {
	Email, Password string
}

// BenchPassword is the password `samspillctl seed-bench` gives every bench user.
const BenchPassword = "bench-password-2026"

// BenchEmail is the address of seeded bench user i (1-based).
func BenchEmail(i int) string { return fmt.Sprintf("bench-%06d@bench.samspill.no", i) }

// accounts are either the seeded bench users or a list from -accounts.
type accounts struct {
	bench int
	list  []Account
}

func (a accounts) n() int {
	if a.list != nil {
		return len(a.list)
	}
	return a.bench
}

func (a accounts) at(i int) Account {
	if a.list != nil {
		return a.list[i%len(a.list)]
	}
	return Account{Email: BenchEmail(i%a.bench + 1), Password: BenchPassword}
}

func makeAccounts(o options) (accounts, error) {
	if o.accounts == "" {
		return accounts{bench: o.users}, nil
	}
	var a accounts
	for _, s := range strings.Split(o.accounts, ",") {
		email, pw, ok := strings.Cut(strings.TrimSpace(s), ":")
		if !ok || email == "" || pw == "" {
			return a, fmt.Errorf("-accounts: %q is not email:password", s)
		}
		a.list = append(a.list, Account{Email: email, Password: pw})
	}
	return a, nil
}

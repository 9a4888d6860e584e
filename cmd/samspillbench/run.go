package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

type runConfig struct {
	concurrency int
	warmup      time.Duration
	duration    time.Duration
	requests    int
}

// rssEvery is how often the server's VmRSS is sampled during a scenario.
const rssEvery = 50 * time.Millisecond

// runScenario starts one Op per client, warms up without counting, then measures
// until the duration or the request cap runs out and summarises the results.
func runScenario(ctx context.Context, sc Scenario, e *Env, pid int, rc runConfig) Row {
	row := Row{Scenario: sc.Name, Concurrency: rc.concurrency, PeakRSS: -1}

	// One client after the other: a Start that logs in hashes a password, and
	// sixteen argon2id hashes at once would inflate the heap this row measures.
	ops := make([]Op, rc.concurrency)
	for i := range ops {
		op, err := sc.Start(ctx, e, i)
		if err != nil {
			row.SetupErr = err.Error()
			return row
		}
		ops[i] = op
	}

	if rc.warmup > 0 {
		drive(ctx, ops, rc.warmup, 0)
	}

	// VmHWM so far (start-up, set-up, warm-up) counts towards the whole run's peak
	// before it is reset to measure this scenario alone.
	if _, hwm, err := readProcStatus(pid); err == nil {
		row.priorHWM = hwm
	}
	reset := resetPeakRSS(pid) == nil
	sampler := sampleRSS(pid, rssEvery)
	m := drive(ctx, ops, rc.duration, rc.requests)
	if peak, ok := sampler.stop(); ok {
		row.PeakRSS = peak
		if _, hwm, err := readProcStatus(pid); err == nil && reset {
			row.PeakRSS = max(peak, hwm)
		}
	}

	row.Requests = len(m.durations)
	row.Bytes = m.bytes
	row.Errors = m.failed
	row.ErrorKinds = sortedKinds(m.kinds)
	row.Elapsed = m.elapsed
	row.Latency = summarize(m.durations)
	return row
}

// measured is what drive records.
type measured struct {
	durations []time.Duration // one per completed request, failed ones included
	failed    int
	kinds     map[string]int
	bytes     int64
	elapsed   time.Duration
}

// drive calls every client's Op in its own goroutine until d has passed or limit
// requests have been started (0: no limit), then waits for the requests in flight
// to finish: they are counted, so the wall time runs until the last one returns.
// A request cut off by ctx (an interrupt) is not counted.
func drive(ctx context.Context, ops []Op, d time.Duration, limit int) measured {
	var started atomic.Int64
	type local struct {
		durations []time.Duration
		failed    int
		kinds     map[string]int
		bytes     int64
	}
	locals := make([]local, len(ops))
	t0 := time.Now()
	deadline := t0.Add(d)
	var wg sync.WaitGroup
	for i, op := range ops {
		wg.Go(func() {
			l := &locals[i]
			l.kinds = map[string]int{}
			for ctx.Err() == nil && time.Now().Before(deadline) {
				if limit > 0 && started.Add(1) > int64(limit) {
					return
				}
				r := op(ctx)
				if ctx.Err() != nil {
					return
				}
				l.durations = append(l.durations, r.Elapsed)
				l.bytes += r.Bytes
				if !r.OK() {
					l.failed++
					l.kinds[errorKey(r)]++
				}
			}
		})
	}
	wg.Wait()
	m := measured{elapsed: time.Since(t0), kinds: map[string]int{}}
	for _, l := range locals {
		m.durations = append(m.durations, l.durations...)
		m.failed += l.failed
		m.bytes += l.bytes
		for k, n := range l.kinds {
			m.kinds[k] += n
		}
	}
	return m
}

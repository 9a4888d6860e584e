package main

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// benchEnv is the environment for the server and the CLI: the caller's, minus
// every Samspill and MongoDB setting (a bench always runs on a fresh embedded
// database), plus the given settings.
func benchEnv(set ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "SAMSPILL_") || strings.HasPrefix(kv, "MONGODB_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, set...)
}

// seedSize is the data a run is measured on.
type seedSize struct {
	users, networks, networkMembers, forumThreads, forumPosts, forumLong, libraryResources int
}

// seed fills the data dir with the reference data, bench users and networks.
func seed(ctx context.Context, ctl, dir string, size seedSize, timeout time.Duration) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	n := size.users
	cmd := exec.CommandContext(ctx, ctl, "seed-bench", "--users", strconv.Itoa(n),
		"--networks", strconv.Itoa(size.networks), "--network-members", strconv.Itoa(size.networkMembers),
		"--forum-threads", strconv.Itoa(size.forumThreads), "--forum-posts", strconv.Itoa(size.forumPosts),
		"--forum-long", strconv.Itoa(size.forumLong), "--library-resources", strconv.Itoa(size.libraryResources))
	cmd.Env = benchEnv("SAMSPILL_DATA_DIR="+dir, "SAMSPILL_LOG_LEVEL=warn")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%s seed-bench --users %d: %w\n%s", ctl, n, err, tail(out.Bytes(), 20))
	}
	return time.Since(t0), nil
}

// freeLoopbackAddr asks the kernel for a free port on 127.0.0.1. Another process
// could take it before the server binds it; the server then fails to start and
// says so, which is rare enough not to retry.
func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// server is the running server process.
type server struct {
	cmd     *exec.Cmd
	logPath string
	started time.Time
	done    chan struct{} // closed when the process has exited
	waitErr error         // set before done is closed
	once    sync.Once
}

func startServer(path, dir, addr string) (*server, error) {
	logPath := filepath.Join(dir, "server.log")
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(path)
	cmd.Env = benchEnv(
		"SAMSPILL_DATA_DIR="+dir,
		"SAMSPILL_ADDR="+addr,
		"SAMSPILL_DEMO=1",
		"SAMSPILL_LOG_LEVEL=warn",
	)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = detachedProcAttr()
	s := &server{cmd: cmd, logPath: logPath, done: make(chan struct{})}
	// Linux sends Pdeathsig when the OS thread that started the child exits, not
	// the process (go.dev/issue/27505), and Go may end threads. So the server is
	// started and waited for on one locked thread that lives as long as it does.
	started := make(chan error)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		s.started = time.Now()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		s.waitErr = cmd.Wait()
		logf.Close()
		close(s.done)
	}()
	if err := <-started; err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s: %w", path, err)
	}
	return s, nil
}

func (s *server) pid() int { return s.cmd.Process.Pid }

func (s *server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// waitReady polls GET /readyz until it answers 200 and returns the time from
// process start to that answer.
func (s *server) waitReady(ctx context.Context, e *Env, timeout time.Duration) (time.Duration, error) {
	deadline := time.Now().Add(timeout)
	last := "no answer yet"
	for time.Now().Before(deadline) {
		if s.exited() {
			return 0, fmt.Errorf("the server exited before it was ready: %v", s.waitErr)
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		rctx, cancel := context.WithTimeout(ctx, time.Second)
		r := e.Get(rctx, "/readyz", "")
		cancel()
		if r.Status == 200 {
			return time.Since(s.started), nil
		}
		last = errorKey(r)
		time.Sleep(20 * time.Millisecond)
	}
	return 0, fmt.Errorf("the server was not ready within %s (last /readyz: %s)", timeout, last)
}

// Shutdown is how the server ended after SIGTERM.
type Shutdown struct {
	ExitCode int           `json:"exitCode"`
	Elapsed  time.Duration `json:"-"`
	Err      string        `json:"error,omitempty"`
}

// stop sends SIGTERM and waits up to timeout for the process to exit; past that
// it is killed and the stop counts as failed.
func (s *server) stop(timeout time.Duration) Shutdown {
	if s.exited() {
		return Shutdown{ExitCode: s.cmd.ProcessState.ExitCode(), Err: fmt.Sprintf("the server had exited before SIGTERM (%v)", s.waitErr)}
	}
	t0 := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.kill()
		return Shutdown{ExitCode: -1, Err: "SIGTERM: " + err.Error()}
	}
	select {
	case <-s.done:
	case <-time.After(timeout):
		s.kill()
		return Shutdown{ExitCode: -1, Elapsed: time.Since(t0), Err: fmt.Sprintf("no exit within %s of SIGTERM; killed", timeout)}
	}
	sd := Shutdown{ExitCode: s.cmd.ProcessState.ExitCode(), Elapsed: time.Since(t0)}
	if sd.ExitCode != 0 {
		sd.Err = fmt.Sprintf("exit status %d after SIGTERM (want 0)", sd.ExitCode)
	}
	return sd
}

// kill ends the process if it still runs and waits for it; for error paths.
func (s *server) kill() {
	s.once.Do(func() {
		if !s.exited() {
			_ = s.cmd.Process.Kill()
		}
		<-s.done
	})
}

func (s *server) printLogTail(w io.Writer) {
	b, err := os.ReadFile(s.logPath)
	if err != nil || len(bytes.TrimSpace(b)) == 0 {
		return
	}
	fmt.Fprintf(w, "--- last lines of the server log ---\n%s\n---\n", tail(b, 20))
}

// tail returns the last n lines of b.
func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// binaryBuild describes how the server binary was built (Go version, VCS revision),
// which can differ from the checked-out commit when bin/ is stale.
func binaryBuild(path string) string {
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return ""
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	out := bi.GoVersion
	if rev != "" {
		if len(rev) > 7 {
			rev = rev[:7]
		}
		out += " rev " + rev
		if modified == "true" {
			out += "+dirty"
		}
	}
	return out
}

// readProcStatus reads the current and peak resident set size (VmRSS, VmHWM) of
// a process from /proc, in bytes. It fails where there is no /proc (not Linux).
func readProcStatus(pid int) (rss, hwm int64, err error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0, err
	}
	return parseProcStatus(b)
}

// parseProcStatus picks VmRSS and VmHWM (in kB) out of /proc/<pid>/status.
func parseProcStatus(b []byte) (rss, hwm int64, err error) {
	found := 0
	for _, line := range strings.Split(string(b), "\n") {
		key, val, ok := strings.Cut(line, ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		f := strings.Fields(val)
		if len(f) != 2 || f[1] != "kB" {
			return 0, 0, fmt.Errorf("unexpected %s line %q", key, line)
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", key, err)
		}
		if key == "VmRSS" {
			rss = n * 1024
		} else {
			hwm = n * 1024
		}
		found++
	}
	if found != 2 {
		return 0, 0, errors.New("no VmRSS/VmHWM in status")
	}
	return rss, hwm, nil
}

// resetPeakRSS sets the process's VmHWM back to its current RSS (Linux ≥ 4.0), so
// the VmHWM read after a scenario is that scenario's own peak, including spikes
// shorter than the sampling interval.
func resetPeakRSS(pid int) error {
	return os.WriteFile("/proc/"+strconv.Itoa(pid)+"/clear_refs", []byte("5"), 0)
}

// rssSampler reads VmRSS every interval until stopped and keeps the largest value.
type rssSampler struct {
	stopc chan struct{}
	done  chan struct{}
	peak  int64
	n     int
}

func sampleRSS(pid int, every time.Duration) *rssSampler {
	s := &rssSampler{stopc: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if rss, _, err := readProcStatus(pid); err == nil {
				s.peak = max(s.peak, rss)
				s.n++
			}
			select {
			case <-s.stopc:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// stop ends sampling and returns the peak seen; ok is false if no sample was read.
func (s *rssSampler) stop() (peak int64, ok bool) {
	close(s.stopc)
	<-s.done
	return s.peak, s.n > 0
}

// IndexStats describe the search index after a rebuild.
type IndexStats struct {
	Documents int           `json:"documents"`
	Took      time.Duration `json:"took"`
	Bytes     int64         `json:"bytes"`
}

// reindex rebuilds the search index with samspillctl and measures it.
func reindex(ctx context.Context, ctl, dir string, timeout time.Duration) (*IndexStats, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, ctl, "reindex")
	cmd.Env = benchEnv("SAMSPILL_DATA_DIR="+dir, "SAMSPILL_LOG_LEVEL=warn")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s reindex: %w\n%s", ctl, err, tail(out.Bytes(), 20))
	}
	st := &IndexStats{Took: time.Since(t0)}
	var took string
	if _, err := fmt.Sscanf(out.String(), "search index rebuilt: %d documents in %s", &st.Documents, &took); err != nil {
		return nil, fmt.Errorf("reindex said %q", out.String())
	}
	err := filepath.WalkDir(filepath.Join(dir, "search.bleve"), func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			st.Bytes += info.Size()
		}
		return err
	})
	return st, err
}

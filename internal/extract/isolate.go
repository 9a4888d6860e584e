package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"syscall"
	"time"
)

// Parsers of untrusted documents can loop or swell. Isolated runs each
// extraction in a child process of the same executable, so the time limit is
// enforced by killing it and its memory is capped by the kernel, whatever the
// parser does.

const childEnv = "SAMSPILL_EXTRACT_CHILD"

// childMemory caps the child's data memory (RLIMIT_DATA: its writable
// private mappings). Not the address space: the Go runtime reserves address
// space far beyond what it uses, and a cap on it crashes the collector.
const childMemory = 1 << 30

// ChildMain turns the process into an extraction child when it was started as
// one, and does nothing otherwise. Call it first in main (and in TestMain of
// packages that extract).
func ChildMain() {
	if os.Getenv(childEnv) != "1" {
		childReady = true
		return
	}
	os.Exit(child(os.Stdin, os.Stdout, os.Args[1:]))
}

// childReady says that ChildMain ran in this process, so this executable
// can be started as a child. Without it (a test binary whose TestMain does
// not call ChildMain) the child would run the program itself again.
var childReady bool

// ErrNoChild is returned by Isolated when the executable cannot act as a
// child because ChildMain was not called.
var ErrNoChild = errors.New("extraction needs extract.ChildMain at the start of the program")

// child reads a document from stdin and writes its text to stdout. Arguments:
// media type, max text bytes, max pages, timeout in milliseconds.
func child(stdin io.Reader, stdout io.Writer, args []string) int {
	if capChildMemory {
		_ = syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: childMemory, Max: childMemory})
		// The collector works harder well before the kernel refuses memory.
		debug.SetMemoryLimit(childMemory / 2)
	}
	if len(args) != 4 {
		return 2
	}
	maxText, _ := strconv.Atoi(args[1])
	maxPages, _ := strconv.Atoi(args[2])
	ms, _ := strconv.Atoi(args[3])
	data, err := io.ReadAll(stdin)
	if err != nil {
		return 1
	}
	lim := Limits{MaxText: maxText, MaxPages: maxPages, MaxPart: DefaultLimits.MaxPart, Timeout: time.Duration(ms) * time.Millisecond}
	text, err := Text(context.Background(), bytes.NewReader(data), int64(len(data)), args[0], lim)
	if errors.Is(err, ErrUnsupported) {
		return 3
	}
	if err != nil {
		fmt.Fprint(os.Stderr, err)
		return 1
	}
	_, _ = io.WriteString(stdout, text)
	return 0
}

// Isolated extracts text in a child process.
type Isolated struct {
	// Exe is the executable to run as the child; os.Executable by default.
	Exe    string
	Limits Limits
}

// Text extracts the text of a document of at most size bytes read from r.
func (iso Isolated) Text(ctx context.Context, r io.Reader, mediaType string) (string, error) {
	exe := iso.Exe
	if exe == "" {
		if !childReady {
			return "", ErrNoChild
		}
		var err error
		if exe, err = os.Executable(); err != nil {
			return "", err
		}
	}
	lim := iso.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout+5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, mediaType, strconv.Itoa(lim.MaxText), strconv.Itoa(lim.MaxPages), strconv.FormatInt(lim.Timeout.Milliseconds(), 10))
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdin = r
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &limitedBuffer{b: &out, max: lim.MaxText}, &limitedBuffer{b: &errOut, max: 4096}
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), nil
	case errors.As(err, &exit) && exit.ExitCode() == 3:
		return "", ErrUnsupported
	case ctx.Err() != nil:
		return "", fmt.Errorf("extraction of %s took too long and was stopped", mediaType)
	default:
		return "", fmt.Errorf("extract %s: %v %s", mediaType, err, errOut.String())
	}
}

type limitedBuffer struct {
	b   *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

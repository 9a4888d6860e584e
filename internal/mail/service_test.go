package mail

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// clock is a time source the test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newTestService(t *testing.T, sender Sender, now func() time.Time) (*Service, store) {
	t.Helper()
	st := NewSQLiteStore(sqlitedb.TestDB(t, SQLiteSchema))
	return NewService(st, sender, now, quietLog()), st
}

// run starts the worker and stops it, waiting for it, when the test ends.
func run(t *testing.T, s *Service) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

// waitFor polls the store until cond holds for message id, or fails the test.
func waitFor(t *testing.T, st store, id string, what string, cond func(outboxMessage) bool) outboxMessage {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		m, err := st.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if cond(m) {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited in vain for %s; the message is %+v", what, m)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// onlyMessage returns the one message in the outbox.
func onlyMessage(t *testing.T, st store) outboxMessage {
	t.Helper()
	ms, err := st.List(context.Background(), listQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 {
		t.Fatalf("%d messages in the outbox, want 1", len(ms))
	}
	return ms[0]
}

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	if ae, ok := apperr.As(err); ok {
		for _, f := range ae.Fields {
			out[f.Field] = f.Code
		}
	}
	return out
}

func TestSendValidates(t *testing.T) {
	s, st := newTestService(t, nil, time.Now)
	for _, tc := range []struct {
		name  string
		edit  func(*Message)
		field string
		code  string
	}{
		{"no recipient", func(m *Message) { m.To = " " }, "to", apperr.FieldRequired},
		{"not an address", func(m *Message) { m.To = "kari.nordmann" }, "to", apperr.FieldInvalid},
		{"two addresses", func(m *Message) { m.To = "a@example.no, b@example.no" }, "to", apperr.FieldInvalid},
		{"display name", func(m *Message) { m.To = "Kari <kari@example.no>" }, "to", apperr.FieldInvalid},
		{"spaces around", func(m *Message) { m.To = " kari@example.no" }, "to", apperr.FieldInvalid},
		{"header injection in To", func(m *Message) { m.To = "kari@example.no\r\nBcc: all@example.no" }, "to", apperr.FieldInvalid},
		{"bare LF in To", func(m *Message) { m.To = "kari@example.no\nBcc: all@example.no" }, "to", apperr.FieldInvalid},
		{"no subject", func(m *Message) { m.Subject = "  " }, "subject", apperr.FieldRequired},
		{"header injection in Subject", func(m *Message) { m.Subject = "Hei\r\nBcc: all@example.no" }, "subject", apperr.FieldInvalid},
		{"subject too long", func(m *Message) { m.Subject = strings.Repeat("æ", 251) }, "subject", apperr.FieldTooLong},
		{"no text", func(m *Message) { m.Text = "" }, "text", apperr.FieldRequired},
		{"text too long", func(m *Message) { m.Text = strings.Repeat("x", MaxTextBytes+1) }, "text", apperr.FieldTooLong},
		{"text not UTF-8", func(m *Message) { m.Text = "hei \xff" }, "text", apperr.FieldInvalid},
		{"html too long", func(m *Message) { m.HTML = strings.Repeat("x", MaxHTMLBytes+1) }, "html", apperr.FieldTooLong},
		{"kind with spaces", func(m *Message) { m.Kind = "network invitation" }, "kind", apperr.FieldInvalid},
	} {
		m := invitation
		tc.edit(&m)
		err := s.Send(context.Background(), m)
		if !errors.Is(err, apperr.ErrInvalid) {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := fieldCodes(err); got[tc.field] != tc.code || len(got) != 1 {
			t.Errorf("%s: field errors %v, want %s: %s", tc.name, got, tc.field, tc.code)
		}
	}
	if ms, _ := st.List(context.Background(), listQuery{Limit: 10}); len(ms) != 0 {
		t.Errorf("%d invalid messages were queued", len(ms))
	}

	// At the limits, and with the plain-text body alone, a message is fine.
	m := invitation
	m.Text, m.HTML, m.Kind = strings.Repeat("x", MaxTextBytes), "", ""
	if err := s.Send(context.Background(), m); err != nil {
		t.Errorf("a message at the limits: %v", err)
	}
}

func TestWithoutSMTPMessagesAreStoredNotSent(t *testing.T) {
	clk := &clock{now: t0}
	var typedNil *SMTP
	s, st := newTestService(t, typedNil, clk.Now)
	if s.Sending() {
		t.Fatal("a nil *SMTP counts as configured")
	}
	if err := s.Send(context.Background(), invitation); err != nil {
		t.Fatal(err)
	}
	m := onlyMessage(t, st)
	if m.Status != StatusStored || m.To != invitation.To || m.Subject != invitation.Subject ||
		m.Text != invitation.Text || m.HTML != invitation.HTML || m.Kind != invitation.Kind ||
		!m.CreatedAt.Equal(t0) || m.Attempts != 0 || !m.NextAttemptAt.IsZero() {
		t.Errorf("stored %+v", m)
	}
	// Run has nothing to do without a sender and returns; nothing can claim the message.
	s.Run(context.Background())
	if c, ok, err := st.Claim(context.Background(), t0.Add(24*time.Hour), t0.Add(25*time.Hour)); ok || err != nil {
		t.Errorf("a stored message was claimed: %+v %v", c, err)
	}
	if got := mustGet(t, st, m.ID); got.Status != StatusStored {
		t.Errorf("status %s", got.Status)
	}
}

func TestRunSendsQueuedMessages(t *testing.T) {
	ts := startSMTPServer(t, serverOptions{user: "samspill", pass: "hemmelig"})
	smtpSender, err := NewSMTP(ts.url("smtp", "from=Samspill%20<noreply@example.no>&insecure=1"))
	if err != nil {
		t.Fatal(err)
	}
	s, st := newTestService(t, smtpSender, time.Now)
	s.poll = time.Hour // only Send's wake-up can start the worker in time
	run(t, s)

	recipients := []string{"a@example.no", "b@example.no", "c@example.no"}
	for _, to := range recipients {
		m := invitation
		m.To = to
		if err := s.Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := st.List(context.Background(), listQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		got := waitFor(t, st, m.ID, "the message to be sent", func(m outboxMessage) bool { return m.Status == StatusSent })
		if got.Attempts != 1 || got.SentAt.IsZero() || got.LastError != "" || !got.LeaseUntil.IsZero() {
			t.Errorf("sent message: %+v", got)
		}
	}
	got := map[string]bool{}
	for _, r := range ts.messages() {
		got[r.to] = true
		if p := parse(t, r.data); p.subject != invitation.Subject || p.text != invitation.Text {
			t.Errorf("received %q %q", p.subject, p.text)
		}
	}
	if len(got) != len(recipients) || len(ts.messages()) != len(recipients) {
		t.Errorf("the server received %d messages for %v", len(ts.messages()), got)
	}
}

func TestRunRetriesWithBackoffThenGivesUp(t *testing.T) {
	ts := startSMTPServer(t, serverOptions{rcptErr: &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "greylisted, try again later"}})
	smtpSender, err := NewSMTP(ts.url("smtp", "from=noreply@example.no&insecure=1"))
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{now: t0}
	s, st := newTestService(t, smtpSender, clk.Now)
	s.poll = 10 * time.Millisecond // the worker notices quickly when the clock moved
	if err := s.Send(context.Background(), invitation); err != nil {
		t.Fatal(err)
	}
	id := onlyMessage(t, st).ID
	run(t, s)

	// The clock stands still while the worker tries, so each attempt happens at
	// the time the test set and the next is due exactly one backoff later.
	at := t0
	for attempt := 1; attempt < MaxAttempts; attempt++ {
		m := waitFor(t, st, id, "a failed attempt", func(m outboxMessage) bool {
			return m.Attempts == attempt && m.Status == StatusQueued
		})
		if want := at.Add(backoff[attempt-1]); !m.NextAttemptAt.Equal(want) || !m.LastAttemptAt.Equal(at) {
			t.Errorf("attempt %d: next %v, want %v; last %v", attempt, m.NextAttemptAt, want, m.LastAttemptAt)
		}
		if !strings.Contains(m.LastError, "greylisted") {
			t.Errorf("attempt %d: lastError %q", attempt, m.LastError)
		}
		at = m.NextAttemptAt
		clk.Advance(backoff[attempt-1])
	}
	m := waitFor(t, st, id, "the message to fail for good", func(m outboxMessage) bool { return m.Status == StatusFailed })
	if m.Attempts != MaxAttempts || !m.NextAttemptAt.IsZero() || !m.LastAttemptAt.Equal(at) || !strings.Contains(m.LastError, "451") {
		t.Errorf("failed message: %+v", m)
	}
	if n := len(ts.messages()); n != 0 {
		t.Errorf("the server accepted %d messages", n)
	}
}

func TestRunGivesUpAtOnceOnARejectedRecipient(t *testing.T) {
	ts := startSMTPServer(t, serverOptions{rcptErr: &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}})
	smtpSender, err := NewSMTP(ts.url("smtp", "from=noreply@example.no&insecure=1"))
	if err != nil {
		t.Fatal(err)
	}
	s, st := newTestService(t, smtpSender, time.Now)
	run(t, s)
	if err := s.Send(context.Background(), invitation); err != nil {
		t.Fatal(err)
	}
	m := waitFor(t, st, onlyMessage(t, st).ID, "the message to fail", func(m outboxMessage) bool { return m.Status == StatusFailed })
	if m.Attempts != 1 || !strings.Contains(m.LastError, "no such user") {
		t.Errorf("failed message: %+v", m)
	}
}

func TestSweepKeepsNinetyDays(t *testing.T) {
	clk := &clock{now: t0}
	s, st := newTestService(t, nil, clk.Now)
	if err := s.Send(context.Background(), invitation); err != nil {
		t.Fatal(err)
	}
	clk.Advance(Keep)
	if err := s.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	onlyMessage(t, st)
	clk.Advance(time.Millisecond)
	if err := s.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ms, _ := st.List(context.Background(), listQuery{Limit: 10}); len(ms) != 0 {
		t.Errorf("%d messages left after 90 days", len(ms))
	}
}

var (
	admin  = auth.Principal{UserID: "0123456789abcdef01234567", Role: auth.RoleAdmin}
	member = auth.Principal{UserID: "0123456789abcdef01234568", Role: auth.RoleMember}
)

func TestOutboxIsForAdministrators(t *testing.T) {
	s, st := newTestService(t, nil, time.Now)
	if err := s.Send(context.Background(), invitation); err != nil {
		t.Fatal(err)
	}
	id := onlyMessage(t, st).ID
	for _, tc := range []struct {
		name string
		ctx  context.Context
		kind error
		code string
	}{
		{"anonymous", context.Background(), apperr.ErrUnauthenticated, "auth.required"},
		{"member", auth.WithPrincipal(context.Background(), member), apperr.ErrForbidden, "mail.admin_only"},
		{"adviser", auth.WithPrincipal(context.Background(), auth.Principal{UserID: member.UserID, Role: auth.RoleAdviser}), apperr.ErrForbidden, "mail.admin_only"},
	} {
		if _, err := s.Outbox(tc.ctx, ListInput{}); !errors.Is(err, tc.kind) || apperr.CodeOf(err) != tc.code {
			t.Errorf("%s lists the outbox: %v", tc.name, err)
		}
		if _, err := s.Get(tc.ctx, id); !errors.Is(err, tc.kind) || apperr.CodeOf(err) != tc.code {
			t.Errorf("%s reads a message: %v", tc.name, err)
		}
	}

	ctx := auth.WithPrincipal(context.Background(), admin)
	page, err := s.Outbox(ctx, ListInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != id || page.Items[0].Status != StatusStored || page.NextCursor != "" {
		t.Errorf("admin's page: %+v", page)
	}
	got, err := s.Get(ctx, id)
	if err != nil || got != page.Items[0] {
		t.Errorf("Get = %+v %v", got, err)
	}
	if _, err := s.Get(ctx, sqlitedb.NewID()); !isNotFound(err) {
		t.Errorf("unknown id: %v", err)
	}
	for _, in := range []ListInput{{Status: "lost"}, {Limit: 101}, {Cursor: "???"}} {
		if _, err := s.Outbox(ctx, in); !errors.Is(err, apperr.ErrInvalid) {
			t.Errorf("%+v: %v", in, err)
		}
	}
}

func TestOutboxPages(t *testing.T) {
	clk := &clock{now: t0}
	s, _ := newTestService(t, nil, clk.Now)
	for range 5 {
		if err := s.Send(context.Background(), invitation); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Second)
	}
	ctx := auth.WithPrincipal(context.Background(), admin)
	var created []time.Time
	in := ListInput{Status: StatusStored, Limit: 2}
	for {
		page, err := s.Outbox(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range page.Items {
			created = append(created, m.CreatedAt)
		}
		if page.NextCursor == "" {
			break
		}
		in.Cursor = page.NextCursor
	}
	if len(created) != 5 {
		t.Fatalf("listed %d messages, want 5", len(created))
	}
	for i, c := range created {
		if want := t0.Add(time.Duration(4-i) * time.Second); !c.Equal(want) {
			t.Errorf("item %d created %v, want %v (newest first)", i, c, want)
		}
	}
	if page, err := s.Outbox(ctx, ListInput{Status: StatusSent}); err != nil || len(page.Items) != 0 {
		t.Errorf("sent messages: %+v %v", page, err)
	}
}

package mail

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
)

// Sending schedule: a failed attempt is retried after each of these waits in
// turn; the attempt after the last wait is the final one.
var backoff = [...]time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour}

// MaxAttempts is how often a message is tried before it is marked failed.
const MaxAttempts = len(backoff) + 1

const (
	// Keep is how long sent, failed and stored messages stay in the outbox.
	Keep = 90 * 24 * time.Hour
	// lease is how long a claimed message is reserved for its worker. It is far
	// longer than a send can take (sendTimeout), so a message is sent twice only
	// when a server died mid-send.
	lease       = 5 * time.Minute
	sendTimeout = 30 * time.Second
	// idlePoll is how often an idle worker looks for messages enqueued by other
	// replicas and for retries that came due.
	idlePoll = 10 * time.Second
	// maxErrorText bounds the server reply kept in lastError.
	maxErrorText = 1000
)

// Service queues mail and, with a Sender, sends it.
type Service struct {
	store  store
	sender Sender
	now    func() time.Time
	log    *slog.Logger
	wake   chan struct{}
	poll   time.Duration
}

// NewService returns the mail service. sender is nil when no SMTP server is
// configured: messages are then stored for administrators to read. now is
// time.Now outside tests.
func NewService(s store, sender Sender, now func() time.Time, log *slog.Logger) *Service {
	if smtp, ok := sender.(*SMTP); ok && smtp == nil {
		sender = nil // a nil *SMTP in the interface would look configured
	}
	return &Service{store: s, sender: sender, now: now, log: log, wake: make(chan struct{}, 1), poll: idlePoll}
}

// Sending reports whether messages are sent (SMTP is configured) rather than stored.
func (s *Service) Sending() bool { return s.sender != nil }

// Send validates m and puts it in the outbox. It never waits for the mail
// server: the worker (Run) sends it moments later.
func (s *Service) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	now := s.now()
	om := outboxMessage{
		ID: sqlitedb.NewID(), To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML, Kind: m.Kind,
		Status: StatusStored, CreatedAt: now,
	}
	if s.sender != nil {
		om.Status, om.NextAttemptAt = StatusQueued, now
	}
	if err := s.store.Enqueue(ctx, om); err != nil {
		return fmt.Errorf("enqueue mail: %w", err)
	}
	if s.sender != nil {
		select {
		case s.wake <- struct{}{}:
		default: // the worker is already awake or has a wake-up waiting
		}
	}
	return nil
}

// Run sends due messages until ctx ends. The server starts it in a goroutine
// (on every replica: claims keep them from sending a message twice) and waits
// for it to return on shutdown. Without a Sender it returns at once.
func (s *Service) Run(ctx context.Context) {
	if s.sender == nil {
		return
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		claimed := s.sendNext(ctx)
		if ctx.Err() != nil {
			return
		}
		if claimed {
			continue
		}
		timer.Reset(s.poll)
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-timer.C:
		}
	}
}

// sendNext claims one due message and sends it. It reports whether it claimed
// one (so the caller looks for the next at once) and logs what went wrong.
func (s *Service) sendNext(ctx context.Context) bool {
	now := s.now()
	m, ok, err := s.store.Claim(ctx, now, now.Add(lease))
	if err != nil {
		if ctx.Err() == nil {
			s.log.WarnContext(ctx, "mail: claiming from the outbox failed", "error", err)
		}
		return false
	}
	if !ok {
		return false
	}
	// A send that started finishes even when the server is shutting down, and
	// its outcome is recorded, so the message is neither lost nor sent twice.
	work, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	sendErr := s.sender.Send(work, Message{To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML, Kind: m.Kind})
	at := s.now()
	if sendErr == nil {
		if err := s.store.MarkSent(work, m.ID, at); err != nil {
			s.log.ErrorContext(ctx, "mail: sent, but recording it failed", "id", m.ID, "error", err)
		}
		return true
	}
	final := m.Attempts >= MaxAttempts || isPermanent(sendErr)
	var next time.Time
	if !final {
		next = at.Add(backoff[max(m.Attempts-1, 0)])
	}
	if err := s.store.MarkFailed(work, m.ID, at, errorText(sendErr), next, final); err != nil {
		s.log.ErrorContext(ctx, "mail: recording a failed send failed", "id", m.ID, "error", err, "sendError", sendErr)
		return true
	}
	if final {
		s.log.ErrorContext(ctx, "mail: giving up on a message", "id", m.ID, "kind", m.Kind,
			"attempts", m.Attempts, "error", sendErr)
	} else {
		s.log.WarnContext(ctx, "mail: sending failed; will retry", "id", m.ID, "kind", m.Kind,
			"attempts", m.Attempts, "retryAt", next, "error", sendErr)
	}
	return true
}

func errorText(err error) string {
	t := err.Error()
	if len(t) > maxErrorText {
		t = t[:maxErrorText] + "…"
	}
	return t
}

// Sweep deletes sent, failed and stored messages older than Keep. The server
// calls it on a timer (MongoDB TTL indexes are not used: FerretDB lacks them).
func (s *Service) Sweep(ctx context.Context) error {
	if _, err := s.store.DeleteOlderThan(ctx, s.now().Add(-Keep)); err != nil {
		return fmt.Errorf("sweep mail outbox: %w", err)
	}
	return nil
}

// ListInput is a request for a page of the outbox.
type ListInput struct {
	Status Status `query:"status" enum:"stored,queued,sending,sent,failed" doc:"Only messages with this status"`
	Limit  int    `query:"limit" minimum:"0" maximum:"100" doc:"Page size, 20 by default"`
	Cursor string `query:"cursor" doc:"nextCursor from the previous page"`
}

func requireAdmin(ctx context.Context) error {
	p, err := auth.Require(ctx)
	if err != nil {
		return err
	}
	if !p.IsAdmin() {
		return apperr.Forbidden("mail.admin_only", "only administrators can read the outbox")
	}
	return nil
}

// Outbox returns a page of the outbox, newest first. Administrators only: the
// messages hold other people's addresses and invitation links.
func (s *Service) Outbox(ctx context.Context, in ListInput) (paging.Page[OutboxMessage], error) {
	if err := requireAdmin(ctx); err != nil {
		return paging.Page[OutboxMessage]{}, err
	}
	if in.Status != "" && !in.Status.Valid() {
		return paging.Page[OutboxMessage]{}, apperr.Invalid("validation.failed", "some fields are not valid",
			apperr.FieldError{Field: "status", Code: apperr.FieldInvalid, Message: "status must be stored, queued, sending, sent or failed"})
	}
	req, err := paging.NewRequest(in.Limit, in.Cursor)
	if err != nil {
		return paging.Page[OutboxMessage]{}, err
	}
	ms, err := s.store.List(ctx, listQuery{Status: in.Status, Limit: req.Limit, After: req.After})
	if err != nil {
		return paging.Page[OutboxMessage]{}, err
	}
	page := paging.Build(ms, req.Limit, cursorOf)
	out := paging.Page[OutboxMessage]{Items: make([]OutboxMessage, len(page.Items)), NextCursor: page.NextCursor}
	for i, m := range page.Items {
		out.Items[i] = m.public()
	}
	return out, nil
}

// Get returns one message of the outbox. Administrators only.
func (s *Service) Get(ctx context.Context, id string) (OutboxMessage, error) {
	if err := requireAdmin(ctx); err != nil {
		return OutboxMessage{}, err
	}
	m, err := s.store.Get(ctx, id)
	if err != nil {
		return OutboxMessage{}, err
	}
	return m.public(), nil
}

func (m outboxMessage) public() OutboxMessage {
	o := OutboxMessage{
		ID: m.ID, To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML, Kind: m.Kind, Status: m.Status,
		Attempts: m.Attempts, LastError: m.LastError, CreatedAt: m.CreatedAt,
		LastAttemptAt: m.LastAttemptAt, SentAt: m.SentAt,
	}
	if m.Status == StatusQueued {
		o.NextAttemptAt = m.NextAttemptAt
	}
	return o
}

package mail

import (
	"context"
	"strconv"
	"time"

	"github.com/samspill/samspill/internal/paging"
)

// outboxMessage is a message with its sending state. Unset times are zero.
type outboxMessage struct {
	ID            string
	To            string
	Subject       string
	Text          string
	HTML          string
	Kind          string
	Status        Status
	Attempts      int
	LastError     string
	CreatedAt     time.Time
	NextAttemptAt time.Time // when a queued message is due
	LeaseUntil    time.Time // when a sending message may be claimed again
	LastAttemptAt time.Time
	SentAt        time.Time
}

type listQuery struct {
	Status Status // empty: every status
	Limit  int
	After  *paging.Cursor
}

// store is what the mail service needs from a database.
type store interface {
	Enqueue(ctx context.Context, m outboxMessage) error
	// Claim takes the message that is due for sending — a sending message whose
	// lease ended before now (its worker died), else the queued message with the
	// earliest NextAttemptAt ≤ now — marks it sending until leaseUntil, counts
	// one more attempt and returns it. The bool is false when nothing is due.
	// Two workers (server replicas) never claim the same message while a lease
	// holds: the claim is one conditional single-document update.
	Claim(ctx context.Context, now, leaseUntil time.Time) (outboxMessage, bool, error)
	MarkSent(ctx context.Context, id string, at time.Time) error
	// MarkFailed records a failed attempt: the message is queued again for
	// nextAttemptAt, or with final it is failed for good.
	MarkFailed(ctx context.Context, id string, at time.Time, errText string, nextAttemptAt time.Time, final bool) error
	// List returns up to q.Limit+1 messages, newest first (createdAt, id descending).
	List(ctx context.Context, q listQuery) ([]outboxMessage, error)
	// Get returns an error with code mail.not_found when there is no such message.
	Get(ctx context.Context, id string) (outboxMessage, error)
	// DeleteOlderThan removes stored, sent and failed messages created before
	// before; messages still to be sent are kept whatever their age.
	DeleteOlderThan(ctx context.Context, before time.Time) (int64, error)
}

// The list cursor is (createdAt in Unix ms, id).
func cursorOf(m outboxMessage) paging.Cursor {
	return paging.Cursor{Key: strconv.FormatInt(m.CreatedAt.UnixMilli(), 10), ID: m.ID}
}

func cursorMillis(c *paging.Cursor) (int64, error) {
	ms, err := strconv.ParseInt(c.Key, 10, 64)
	if err != nil {
		return 0, errBadCursor()
	}
	return ms, nil
}

// Package mail sends Samspill's email through one small interface. Every message
// first lands in an outbox in the database. With SMTP configured a worker (Run)
// sends it from there, retrying with backoff, so a slow or failing mail server
// never slows down or breaks a request. Without SMTP the message stays in the
// outbox as "stored", where administrators read it in the web app: invitations
// work on a fresh install with nothing set up.
package mail

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
)

// Message is one email to one person.
type Message struct {
	To      string // one plain address, no display name
	Subject string
	Text    string // the plain-text body, always sent
	HTML    string // optional HTML alternative
	Kind    string // what the message is about, e.g. "network.invitation"
}

// Limits on a message. A mail server refuses much larger ones anyway, and the
// outbox is read in the browser.
const (
	MaxSubjectBytes = 500
	MaxTextBytes    = 100 << 10
	MaxHTMLBytes    = 200 << 10
	MaxKindBytes    = 64
)

// Validate checks a message before it is queued. Header fields (To, Subject) may
// hold no line breaks or other control characters: a "\r\nBcc: …" smuggled into
// them would otherwise add headers or recipients.
func (m Message) Validate() error {
	var v apperr.Validation
	switch {
	case strings.TrimSpace(m.To) == "":
		v.Add("to", apperr.FieldRequired, "a recipient is required")
	case hasControl(m.To):
		v.Add("to", apperr.FieldInvalid, "the address may not contain line breaks or control characters")
	case !auth.ValidEmail(m.To) || strings.TrimSpace(m.To) != m.To:
		v.Add("to", apperr.FieldInvalid, "not a plain email address")
	}
	switch {
	case strings.TrimSpace(m.Subject) == "":
		v.Add("subject", apperr.FieldRequired, "a subject is required")
	case hasControl(m.Subject) || !utf8.ValidString(m.Subject):
		v.Add("subject", apperr.FieldInvalid, "the subject may not contain line breaks or control characters")
	case len(m.Subject) > MaxSubjectBytes:
		v.Add("subject", apperr.FieldTooLong, "the subject can have at most 500 bytes")
	}
	switch {
	case strings.TrimSpace(m.Text) == "":
		v.Add("text", apperr.FieldRequired, "a plain-text body is required")
	case len(m.Text) > MaxTextBytes:
		v.Add("text", apperr.FieldTooLong, "the text can have at most 100 KB")
	case !utf8.ValidString(m.Text):
		v.Add("text", apperr.FieldInvalid, "the text is not valid UTF-8")
	}
	v.Check(len(m.HTML) <= MaxHTMLBytes, "html", apperr.FieldTooLong, "the HTML can have at most 200 KB")
	v.Check(utf8.ValidString(m.HTML), "html", apperr.FieldInvalid, "the HTML is not valid UTF-8")
	v.Check(validKind(m.Kind), "kind", apperr.FieldInvalid, "kind is lower-case letters, digits, '.', '_' and '-', at most 64 bytes")
	return v.Err()
}

func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}

func validKind(k string) bool {
	if len(k) > MaxKindBytes {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// Status is where a message is in the outbox.
type Status string

const (
	// StatusStored: no SMTP is configured; the message is kept for administrators
	// to read and is never sent.
	StatusStored  Status = "stored"
	StatusQueued  Status = "queued"  // waiting to be sent (first time or a retry)
	StatusSending Status = "sending" // claimed by a worker until its lease ends
	StatusSent    Status = "sent"
	StatusFailed  Status = "failed" // gave up: see lastError
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case StatusStored, StatusQueued, StatusSending, StatusSent, StatusFailed:
		return true
	}
	return false
}

// OutboxMessage is a message as administrators see it in the outbox.
type OutboxMessage struct {
	ID            string    `json:"id"`
	To            string    `json:"to"`
	Subject       string    `json:"subject"`
	Text          string    `json:"text"`
	HTML          string    `json:"html,omitempty"`
	Kind          string    `json:"kind" doc:"What the message is about, e.g. network.invitation"`
	Status        Status    `json:"status" enum:"stored,queued,sending,sent,failed" doc:"stored: no SMTP is configured, so the message is only kept here"`
	Attempts      int       `json:"attempts" doc:"Sending attempts so far"`
	LastError     string    `json:"lastError,omitempty" doc:"Why the last attempt failed"`
	CreatedAt     time.Time `json:"createdAt"`
	LastAttemptAt time.Time `json:"lastAttemptAt,omitzero"`
	NextAttemptAt time.Time `json:"nextAttemptAt,omitzero" doc:"When a queued message is (re)tried"`
	SentAt        time.Time `json:"sentAt,omitzero"`
}

func errNotFound() error {
	return apperr.NotFound("mail.not_found", "no message in the outbox has that id")
}

func errBadCursor() error {
	return apperr.Invalid("validation.failed", "the cursor is not valid",
		apperr.FieldError{Field: "cursor", Code: apperr.FieldInvalid, Message: "not a cursor from this API"})
}

package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	// go-mail builds and sends the messages: correct MIME (multipart/alternative
	// for the HTML part, quoted-printable bodies), RFC 2047 encoding of non-ASCII
	// headers such as "Invitasjon til «Kulturskoleledere i Vestland»", STARTTLS and
	// implicit TLS, and SMTP AUTH with mechanism negotiation. It is actively kept,
	// MIT-licensed and depends only on golang.org/x; doing this by hand over
	// net/smtp (frozen) is where encoding and header bugs come from.
	gomail "github.com/wneessen/go-mail"
)

// Sender delivers one message. *SMTP is the real one.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// DefaultTimeout bounds connecting to the mail server and each step of a send.
const DefaultTimeout = 10 * time.Second

// SMTP sends mail through an SMTP server, configured by a URL:
//
//	smtp://user:pass@host:587?from=Samspill%20<noreply@example.no>   STARTTLS, required
//	smtps://user:pass@host:465?from=noreply@example.no               implicit TLS
//	smtp://localhost:1025?from=noreply@example.no&insecure=1         no TLS (local test servers only)
//
// The port defaults to 587 (smtp) or 465 (smtps). User and password are optional
// (a relay that trusts the network); with them the strongest mechanism the server
// offers is used, and never PLAIN or LOGIN without TLS unless insecure=1.
type SMTP struct {
	host     string
	port     int
	implicit bool // smtps
	insecure bool
	user     string
	pass     string
	from     *netmail.Address
	timeout  time.Duration
	tls      *tls.Config // nil: the system roots; tests set their own
}

var _ Sender = (*SMTP)(nil)

// NewSMTP parses and checks an SMTP URL. Its errors say what is wrong and never
// repeat the URL, which holds a password.
func NewSMTP(rawURL string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error's text repeats the URL
		}
		return nil, fmt.Errorf("SMTP URL is not a URL: %v", err)
	}
	s := &SMTP{timeout: DefaultTimeout}
	switch u.Scheme {
	case "smtp":
		s.port = 587
	case "smtps":
		s.port, s.implicit = 465, true
	default:
		return nil, fmt.Errorf("SMTP URL: the scheme must be smtp (STARTTLS) or smtps (implicit TLS), not %q", u.Scheme)
	}
	s.host = u.Hostname()
	if s.host == "" {
		return nil, errors.New("SMTP URL: the host is missing, as in smtp://user:pass@smtp.example.no:587")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("SMTP URL: the port must be a number from 1 to 65535, not %q", p)
		}
		s.port = n
	}
	if u.Path != "" && u.Path != "/" {
		return nil, errors.New("SMTP URL: there may be no path after the host and port")
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
		if s.user == "" {
			return nil, errors.New("SMTP URL: a password is given without a user name")
		}
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, errors.New("SMTP URL: the query is malformed")
	}
	for k, v := range q {
		switch k {
		case "from":
		case "insecure":
			switch strings.Join(v, "") {
			case "1", "true":
				s.insecure = true
			case "0", "false":
			default:
				return nil, errors.New("SMTP URL: insecure must be 1 or 0")
			}
		default:
			return nil, fmt.Errorf("SMTP URL: unknown option %q; the options are from and insecure", k)
		}
	}
	if s.implicit && s.insecure {
		return nil, errors.New("SMTP URL: smtps is always encrypted; use smtp://…?insecure=1 for a plain test server")
	}
	from := q.Get("from")
	if from == "" {
		return nil, errors.New("SMTP URL: the sender address is missing: add ?from=Samspill%20<noreply@example.no>")
	}
	if hasControl(from) {
		return nil, errors.New("SMTP URL: the from address may not contain line breaks")
	}
	s.from, err = netmail.ParseAddress(from)
	if err != nil || !strings.Contains(s.from.Address[strings.LastIndex(s.from.Address, "@"):], ".") {
		return nil, fmt.Errorf("SMTP URL: from=%q is not an email address like Samspill <noreply@example.no>", from)
	}
	if _, err := s.client(); err != nil {
		return nil, fmt.Errorf("SMTP URL: %w", err)
	}
	return s, nil
}

// String describes the server without the password, for logs.
func (s *SMTP) String() string {
	u := url.URL{Scheme: "smtp", Host: s.host + ":" + strconv.Itoa(s.port)}
	if s.implicit {
		u.Scheme = "smtps"
	}
	if s.user != "" {
		u.User = url.User(s.user)
	}
	if s.insecure {
		u.RawQuery = "insecure=1"
	}
	return u.String()
}

// From is the sender address every message carries.
func (s *SMTP) From() string { return s.from.String() }

func (s *SMTP) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.port), gomail.WithTimeout(s.timeout)}
	switch {
	case s.implicit:
		opts = append(opts, gomail.WithSSL())
	case s.insecure:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.tls != nil {
		opts = append(opts, gomail.WithTLSConfig(s.tls))
	}
	if s.user != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if s.insecure {
			// Only the plain mechanisms are left without TLS; the operator asked
			// for that with insecure=1.
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(s.user), gomail.WithPassword(s.pass))
	}
	return gomail.NewClient(s.host, opts...)
}

// Send delivers m over one new connection. An error means the message was not
// accepted; the outbox retries it. A recipient the server refuses for good (5xx
// to RCPT TO) is reported as permanent, so the outbox stops trying.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := s.message(m)
	if err != nil {
		return permanent{err}
	}
	c, err := s.client()
	if err != nil {
		return err
	}
	err = c.DialAndSendWithContext(ctx, msg)
	if err == nil {
		return nil
	}
	var se *gomail.SendError
	if errors.As(err, &se) && se.Reason == gomail.ErrSMTPRcptTo && !se.IsTemp() {
		return permanent{err}
	}
	return err
}

func (s *SMTP) message(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("recipient: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(messageID(s.from.Address))
	// RFC 3834: tells auto-responders (vacation replies) not to answer.
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// messageID is random at the sender's domain rather than the host name, which in
// a container says nothing and may not resolve.
func messageID(from string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:]) + from[strings.LastIndex(from, "@"):]
}

// permanent marks a send error that retrying cannot fix.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

func isPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

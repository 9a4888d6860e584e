package mail

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

func TestNewSMTPReadsTheURL(t *testing.T) {
	for _, tc := range []struct {
		url                string
		host               string
		port               int
		implicit, insecure bool
		user, pass, from   string
	}{
		{url: "smtp://user:pa%40ss@smtp.example.no:587?from=Samspill%20<noreply@example.no>",
			host: "smtp.example.no", port: 587, user: "user", pass: "pa@ss", from: `"Samspill" <noreply@example.no>`},
		{url: "smtp://smtp.example.no?from=noreply@example.no",
			host: "smtp.example.no", port: 587, from: "<noreply@example.no>"},
		{url: "smtps://u:p@smtp.example.no?from=noreply@example.no",
			host: "smtps.example.no", port: 465, implicit: true, user: "u", pass: "p", from: "<noreply@example.no>"},
		{url: "smtp://localhost:1025?from=noreply@samspill.test&insecure=1",
			host: "localhost", port: 1025, insecure: true, from: "<noreply@samspill.test>"},
		{url: "smtp://[::1]:2525?from=noreply@samspill.test&insecure=true",
			host: "::1", port: 2525, insecure: true, from: "<noreply@samspill.test>"},
	} {
		s, err := NewSMTP(tc.url)
		if err != nil {
			t.Errorf("%s: %v", tc.url, err)
			continue
		}
		if tc.host == "smtps.example.no" {
			tc.host = "smtp.example.no"
		}
		if s.host != tc.host || s.port != tc.port || s.implicit != tc.implicit || s.insecure != tc.insecure ||
			s.user != tc.user || s.pass != tc.pass || s.From() != tc.from || s.timeout != DefaultTimeout {
			t.Errorf("%s: read %+v (from %s)", tc.url, *s, s.From())
		}
		if strings.Contains(s.String(), "pa@ss") || strings.Contains(s.String(), ":p@") {
			t.Errorf("String() shows the password: %s", s)
		}
	}
}

func TestNewSMTPSaysWhatIsWrong(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"", "scheme"},
		{"smtp.example.no:587", "scheme"},
		{"http://smtp.example.no?from=a@example.no", "scheme must be smtp"},
		{"smtp://?from=a@example.no", "host is missing"},
		{"smtp://:s3cret@smtp.example.no?from=a@example.no", "without a user name"},
		{"smtp://u:s3cret@smtp.example.no:99999?from=a@example.no", "port"},
		{"smtp://u:s3cret@smtp.example.no:smtp?from=a@example.no", "port"},
		{"smtp://u:s3cret@smtp.example.no/path?from=a@example.no", "no path"},
		{"smtp://u:s3cret@smtp.example.no", "sender address is missing"},
		{"smtp://u:s3cret@smtp.example.no?from=", "sender address is missing"},
		{"smtp://u:s3cret@smtp.example.no?from=not-an-address", "not an email address"},
		{"smtp://u:s3cret@smtp.example.no?from=noreply@localhost", "not an email address"},
		{"smtp://u:s3cret@smtp.example.no?from=a@example.no%0D%0ABcc:%20x@example.no", "line breaks"},
		{"smtp://u:s3cret@smtp.example.no?from=a@example.no&form=x", `unknown option "form"`},
		{"smtp://u:s3cret@smtp.example.no?from=a@example.no&insecure=yes", "insecure must be"},
		{"smtps://u:s3cret@smtp.example.no?from=a@example.no&insecure=1", "smtps is always encrypted"},
		{"smtp://u:s3cret@smtp.example.no%zz?from=a@example.no", "not a URL"},
		{"smtp://u:s3cret@smtp.example.no?from=a@example.no&%zz", "query is malformed"},
	} {
		_, err := NewSMTP(tc.url)
		if err == nil {
			t.Errorf("%q was accepted", tc.url)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v; want it to say %q", tc.url, err, tc.want)
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%q: the error shows the password: %v", tc.url, err)
		}
	}
}

// parsed is a received message taken apart the way a mail client would.
type parsed struct {
	header            netmail.Header
	subject           string
	text, html        string
	contentType       string
	alternativeParts  int
	rawSubjectIsASCII bool
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read message: %v\n%s", err, data)
	}
	p := parsed{header: msg.Header}
	raw := msg.Header.Get("Subject")
	p.rawSubjectIsASCII = isASCII(raw)
	if p.subject, err = new(mime.WordDecoder).DecodeHeader(raw); err != nil {
		t.Fatalf("decode subject %q: %v", raw, err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	p.contentType = mediaType
	if mediaType != "multipart/alternative" {
		p.text = decodeBody(t, msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
		return p
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		p.alternativeParts++
		// multipart.Reader already undoes quoted-printable and drops the header.
		body := decodeBody(t, part.Header.Get("Content-Transfer-Encoding"), part)
		ct, cp, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if !strings.EqualFold(cp["charset"], "utf-8") {
			t.Errorf("part %s has charset %q", ct, cp["charset"])
		}
		switch ct {
		case "text/plain":
			p.text = body
		case "text/html":
			p.html = body
		default:
			t.Errorf("unexpected part %s", ct)
		}
	}
	return p
}

func decodeBody(t *testing.T, encoding string, r io.Reader) string {
	t.Helper()
	if strings.EqualFold(encoding, "quoted-printable") {
		r = quotedprintable.NewReader(r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var invitation = Message{
	To:      "kari.nordmann@example.no",
	Subject: "Invitasjon til «Kulturskoleledere i Vestland»",
	Text:    "Hei Kari!\n\nDu er invitert til nettverket «Kulturskoleledere i Vestland».\nBli med: https://samspill.example.no/i/abc123\n\nHilsen Åse Ødegård\n",
	HTML:    `<p>Hei Kari!</p><p>Du er invitert til nettverket «Kulturskoleledere i Vestland».</p><p><a href="https://samspill.example.no/i/abc123">Bli med</a></p>`,
	Kind:    "network.invitation",
}

func TestSMTPSendsNorwegianMailWithHTMLAlternative(t *testing.T) {
	ts := startSMTPServer(t, serverOptions{user: "samspill", pass: "hemmelig"})
	s, err := NewSMTP(ts.url("smtp", "from=Samspill%20<noreply@example.no>&insecure=1"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), invitation); err != nil {
		t.Fatal(err)
	}
	got := ts.messages()
	if len(got) != 1 {
		t.Fatalf("the server received %d messages", len(got))
	}
	r := got[0]
	if r.from != "noreply@example.no" || r.to != invitation.To {
		t.Errorf("envelope from %q to %q", r.from, r.to)
	}
	p := parse(t, r.data)
	from, err := p.header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "Samspill" || from[0].Address != "noreply@example.no" {
		t.Errorf("From: %v %v", from, err)
	}
	to, err := p.header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != invitation.To {
		t.Errorf("To: %v %v", to, err)
	}
	if !p.rawSubjectIsASCII || !strings.Contains(strings.ToLower(p.header.Get("Subject")), "=?utf-8?") {
		t.Errorf("the subject is not RFC 2047-encoded: %q", p.header.Get("Subject"))
	}
	if p.subject != invitation.Subject {
		t.Errorf("subject decodes to %q, want %q", p.subject, invitation.Subject)
	}
	if p.contentType != "multipart/alternative" || p.alternativeParts != 2 {
		t.Errorf("content type %s with %d parts", p.contentType, p.alternativeParts)
	}
	if p.text != invitation.Text {
		t.Errorf("text:\n%q\nwant\n%q", p.text, invitation.Text)
	}
	if p.html != invitation.HTML {
		t.Errorf("html:\n%q\nwant\n%q", p.html, invitation.HTML)
	}
	if got := p.header.Get("Auto-Submitted"); got != "auto-generated" {
		t.Errorf("Auto-Submitted: %q", got)
	}
	if id := p.header.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@example.no>") {
		t.Errorf("Message-ID: %q", id)
	}
	if p.header.Get("Date") == "" {
		t.Error("no Date header")
	}
}

func TestSMTPSendsPlainTextAlone(t *testing.T) {
	ts := startSMTPServer(t, serverOptions{})
	s, err := NewSMTP(ts.url("smtp", "from=noreply@example.no&insecure=1"))
	if err != nil {
		t.Fatal(err)
	}
	m := invitation
	m.HTML = ""
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	p := parse(t, ts.messages()[0].data)
	if p.contentType != "text/plain" || p.text != m.Text || p.html != "" {
		t.Errorf("got %s: %q", p.contentType, p.text)
	}
}

func TestSMTPWrongPassword(t *testing.T) {
	ts := startSMTPServer(t, serverOptions{user: "samspill", pass: "hemmelig"})
	ts.pass = "feil"
	s, err := NewSMTP(ts.url("smtp", "from=noreply@example.no&insecure=1"))
	if err != nil {
		t.Fatal(err)
	}
	ts.pass = "hemmelig"
	if err := s.Send(context.Background(), invitation); err == nil {
		t.Fatal("sent with a wrong password")
	}
	if n := len(ts.messages()); n != 0 {
		t.Errorf("the server received %d messages", n)
	}
}

func TestSMTPRejectedRecipient(t *testing.T) {
	for _, tc := range []struct {
		reject    *smtp.SMTPError
		permanent bool
	}{
		{&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}, true},
		{&smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}, false},
	} {
		ts := startSMTPServer(t, serverOptions{rcptErr: tc.reject})
		s, err := NewSMTP(ts.url("smtp", "from=noreply@example.no&insecure=1"))
		if err != nil {
			t.Fatal(err)
		}
		err = s.Send(context.Background(), invitation)
		if err == nil {
			t.Fatalf("%d to RCPT: Send succeeded", tc.reject.Code)
		}
		if isPermanent(err) != tc.permanent {
			t.Errorf("%d to RCPT: permanent = %v, want %v (%v)", tc.reject.Code, isPermanent(err), tc.permanent, err)
		}
		if !strings.Contains(err.Error(), tc.reject.Message) {
			t.Errorf("the error does not carry the server's reply: %v", err)
		}
	}
}

func TestSMTPServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s, err := NewSMTP("smtp://" + addr + "?from=noreply@example.no&insecure=1")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), invitation); err == nil || isPermanent(err) {
		t.Errorf("sending to a closed port: %v", err)
	}
}

func TestSMTPServerThatNeverAnswersTimesOut(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := l.Accept()
		if err == nil {
			accepted <- c // hold the connection open and say nothing
		}
	}()
	t.Cleanup(func() {
		select {
		case c := <-accepted:
			c.Close()
		default:
		}
	})
	s, err := NewSMTP("smtp://" + l.Addr().String() + "?from=noreply@example.no&insecure=1")
	if err != nil {
		t.Fatal(err)
	}
	s.timeout = 200 * time.Millisecond // DefaultTimeout in production
	if err := s.Send(context.Background(), invitation); err == nil {
		t.Error("a server that never greets did not make Send fail")
	}
}

func TestSMTPRequiresTLSUnlessInsecure(t *testing.T) {
	serverTLS, clientTLS := testCert(t)

	// A server that offers no STARTTLS is refused: credentials never go out in clear.
	plain := startSMTPServer(t, serverOptions{user: "samspill", pass: "hemmelig"})
	s, err := NewSMTP(plain.url("smtp", "from=noreply@example.no"))
	if err != nil {
		t.Fatal(err)
	}
	s.tls = clientTLS
	if err := s.Send(context.Background(), invitation); err == nil {
		t.Error("sent without TLS to a server that does not offer STARTTLS")
	}
	if n := len(plain.messages()); n != 0 {
		t.Errorf("the plain server received %d messages", n)
	}

	for _, tc := range []struct {
		scheme string
		opts   serverOptions
	}{
		{"smtp", serverOptions{user: "samspill", pass: "hemmelig", startTLS: serverTLS}},
		{"smtps", serverOptions{user: "samspill", pass: "hemmelig", implicit: serverTLS}},
	} {
		ts := startSMTPServer(t, tc.opts)
		s, err := NewSMTP(ts.url(tc.scheme, "from=noreply@example.no"))
		if err != nil {
			t.Fatal(err)
		}
		s.tls = clientTLS
		if err := s.Send(context.Background(), invitation); err != nil {
			t.Fatalf("%s: %v", tc.scheme, err)
		}
		got := ts.messages()
		if len(got) != 1 || !got[0].tls {
			t.Errorf("%s: received %d messages, over TLS: %v", tc.scheme, len(got), len(got) == 1 && got[0].tls)
		}
		if p := parse(t, got[0].data); p.subject != invitation.Subject {
			t.Errorf("%s: subject %q", tc.scheme, p.subject)
		}
	}

	// The system roots do not trust the test certificate.
	ts := startSMTPServer(t, serverOptions{startTLS: serverTLS})
	s, err = NewSMTP(ts.url("smtp", "from=noreply@example.no"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), invitation); err == nil {
		t.Error("sent to a server whose certificate is not trusted")
	}
}

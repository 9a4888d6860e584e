package library

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/blob"
)

func errTooLarge(limit int64) error {
	return apperr.TooLarge("library.too_large", fmt.Sprintf("the file is larger than %d MB", limit>>20))
}

func errIncomplete() error {
	return apperr.Malformed("library.upload_incomplete", "the upload ended before the file did")
}

// received is a file stored in the blob store, before any resource uses it.
type received struct {
	File
	created bool
}

// sourceReader remembers the error reading the upload gave, to tell a client
// that went away from a blob store that failed.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		s.err = err
	}
	return n, err
}

// receive streams an upload into the blob store and decides its format: the
// first bytes refuse what cannot be allowed before anything is stored; text
// is checked as it passes; a ZIP's directory and a CSV's rows are read back
// from the store. A file refused after it was stored is deleted at once.
func (s *Service) receive(ctx context.Context, name string, file io.Reader) (received, error) {
	src := &sourceReader{r: file}
	br := bufio.NewReaderSize(src, headSize)
	head, err := br.Peek(headSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return received{}, s.readError(err)
	}
	fam, err := sniffHead(head)
	if err != nil {
		return received{}, err
	}
	var text *textCheck
	var in io.Reader = br
	if fam == famText {
		text = &textCheck{}
		in = io.TeeReader(br, text)
	}
	info, err := s.Blobs.Put(ctx, in, s.MaxUpload)
	switch {
	case errors.Is(err, blob.ErrTooLarge):
		return received{}, errTooLarge(s.MaxUpload)
	case err != nil && src.err != nil:
		return received{}, s.readError(src.err)
	case err != nil:
		return received{}, fmt.Errorf("store upload: %w", err)
	}
	format, err := s.finish(ctx, fam, text, info, name)
	if err == nil && src.err != nil {
		err = s.readError(src.err) // the store must not have kept a cut-off upload; never keep it here either
	}
	if err != nil {
		if info.Created {
			if _, derr := s.Blobs.Delete(ctx, info.SHA256, s.Now().Add(time.Hour)); derr != nil {
				s.Log.WarnContext(ctx, "delete refused upload", "sha256", info.SHA256, "error", derr)
			}
		}
		return received{}, err
	}
	return received{File: File{FileName: SanitizeFileName(name, format), Format: format, MediaType: format.MediaType(),
		Size: info.Size, SHA256: info.SHA256}, created: info.Created}, nil
}

// readError says what went wrong reading the upload: its own limit, or an
// upload cut short.
func (s *Service) readError(err error) error {
	if _, ok := apperr.As(err); ok {
		return err
	}
	return errIncomplete()
}

func (s *Service) finish(ctx context.Context, fam family, text *textCheck, info blob.Info, name string) (Format, error) {
	if fam != famZip && fam != famText {
		return finish(fam, text, nil, info.Size, name)
	}
	o, err := s.Blobs.Open(ctx, info.SHA256)
	if err != nil {
		return "", fmt.Errorf("read back upload: %w", err)
	}
	defer o.Close()
	return finish(fam, text, o, info.Size, name)
}

// abandon notes a stored upload that no resource took, for the sweeper.
func (s *Service) abandon(ctx context.Context, f received) {
	if err := s.store.MarkUnused(context.WithoutCancel(ctx), []string{f.SHA256}, s.now()); err != nil {
		s.Log.WarnContext(ctx, "note unused blob", "sha256", f.SHA256, "error", err)
	}
}

// ---- downloads

// Download is an open file to send.
type Download struct {
	Resource Resource
	File     File
	Object   blob.Object // the caller closes it
}

// Open opens a version of a resource's file (0: the newest) for someone who
// may read the resource.
func (s *Service) Open(ctx context.Context, id string, version int) (Download, error) {
	r, _, _, err := s.readable(ctx, id)
	if err != nil {
		return Download{}, err
	}
	if r.File == nil {
		return Download{}, apperr.NotFound("library.no_file", "a web link has no file")
	}
	f := *r.File
	if version != 0 && version != f.Version {
		v, err := s.store.Version(ctx, id, version)
		if err != nil {
			return Download{}, err
		}
		f = v.File
	}
	o, err := s.Blobs.Open(ctx, f.SHA256)
	if err != nil {
		return Download{}, fmt.Errorf("open %s version %d: %w", id, f.Version, err)
	}
	return Download{Resource: r, File: f, Object: o}, nil
}

// CountDownload counts one download of a resource.
func (s *Service) CountDownload(ctx context.Context, id string) error {
	return s.store.CountDownload(ctx, id)
}

// DownloadLink is an address that downloads a file without an Authorization
// header, for links, image tags and the PDF preview frame.
type DownloadLink struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// linkTTL is how long a download link works; access is checked again when it
// is used.
const linkTTL = 10 * time.Minute

// LinkInput asks for a download link.
type LinkInput struct {
	Version int  `query:"version" minimum:"0" doc:"A version number; the newest when left out"`
	Inline  bool `query:"inline" doc:"Show PDFs and images in the page instead of downloading them"`
}

// Link makes a download link for a file the asker may read. The link
// carries the asker's identity for ten minutes, signed, and works for this
// resource only.
func (s *Service) Link(ctx context.Context, id string, in LinkInput) (DownloadLink, error) {
	r, _, p, err := s.readable(ctx, id)
	if err != nil {
		return DownloadLink{}, err
	}
	if r.File == nil {
		return DownloadLink{}, apperr.NotFound("library.no_file", "a web link has no file")
	}
	if in.Version != 0 {
		if _, err := s.store.Version(ctx, id, in.Version); err != nil {
			return DownloadLink{}, err
		}
	}
	exp := s.now().Add(linkTTL)
	path := "/api/v1/library/resources/" + id + "/download"
	if in.Version != 0 {
		path = "/api/v1/library/resources/" + id + "/versions/" + strconv.Itoa(in.Version) + "/download"
	}
	q := url.Values{"token": {s.signLink(p, id, exp)}}
	if in.Inline {
		q.Set("inline", "1")
	}
	return DownloadLink{URL: path + "?" + q.Encode(), ExpiresAt: exp}, nil
}

func (s *Service) linkMAC(payload string) []byte {
	m := hmac.New(sha256.New, s.LinkKey)
	m.Write([]byte("library download link\x00" + payload))
	return m.Sum(nil)
}

func (s *Service) signLink(p auth.Principal, resourceID string, exp time.Time) string {
	payload := strings.Join([]string{p.UserID, string(p.Role), resourceID, strconv.FormatInt(exp.Unix(), 10)}, "|")
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(s.linkMAC(payload))
}

// LinkPrincipal checks a download link's token for the resource and returns
// whom it was made for.
func (s *Service) LinkPrincipal(token, resourceID string) (auth.Principal, error) {
	bad := apperr.Unauthenticated("library.link_invalid", "the download link is not valid or has expired")
	enc, mac, ok := strings.Cut(token, ".")
	if !ok {
		return auth.Principal{}, bad
	}
	payload, err1 := base64.RawURLEncoding.DecodeString(enc)
	sum, err2 := base64.RawURLEncoding.DecodeString(mac)
	if err1 != nil || err2 != nil || !hmac.Equal(sum, s.linkMAC(string(payload))) {
		return auth.Principal{}, bad
	}
	parts := strings.Split(string(payload), "|")
	if len(parts) != 4 || parts[2] != resourceID {
		return auth.Principal{}, bad
	}
	exp, err := strconv.ParseInt(parts[3], 10, 64)
	if err != nil || s.Now().Unix() > exp {
		return auth.Principal{}, bad
	}
	return auth.Principal{UserID: parts[0], Role: auth.Role(parts[1])}, nil
}

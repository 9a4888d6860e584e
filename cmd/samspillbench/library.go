package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"sync"
	"time"
)

// The library scenarios: browsing a big library, and moving a 20 MB file in
// and out. Uploads and downloads count the bytes they move, so the report
// shows their throughput in MB/s beside the server's peak RSS: a server that
// streams keeps its RSS far below the data in flight (16 clients × 20 MB).

// benchLibrary is the big network's library path.
const benchLibrary = "/api/v1/networks/benknettverk-stort/library"

// benchFileSize is the file the upload and download scenarios move (smaller
// in the scenario tests).
var benchFileSize = 20 << 20

var (
	uploadOnce sync.Once
	uploadBody []byte
	uploadType string
)

// benchUpload is a multipart upload of a 20 MB PDF, made once and shared by
// every client: the same bytes each time, so the blob store keeps one copy
// while each upload still streams through hashing, a temporary file and an
// fsync, and makes a resource.
func benchUpload() ([]byte, string) {
	uploadOnce.Do(func() {
		file := make([]byte, benchFileSize)
		copy(file, "%PDF-1.7\n")
		state := uint32(2463534242)
		for i := 9; i < len(file); i++ { // xorshift: not compressible, made quickly
			state ^= state << 13
			state ^= state >> 17
			state ^= state << 5
			file[i] = byte(state)
		}
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="metadata"`)
		h.Set("Content-Type", "application/json")
		part, _ := w.CreatePart(h)
		io.WriteString(part, `{"title":"Benkfil på 20 MB","kind":"report","licence":"cc_by_4"}`)
		part, _ = w.CreateFormFile("file", "Benkfil 20 MB.pdf")
		part.Write(file)
		w.Close()
		uploadBody, uploadType = b.Bytes(), w.FormDataContentType()
	})
	return uploadBody, uploadType
}

// Upload POSTs a prepared body and counts its bytes.
func (e *Env) Upload(ctx context.Context, path string, body []byte, contentType, token string) Result {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.base+path, bytes.NewReader(body))
	if err != nil {
		return Result{Problem: err.Error()}
	}
	req.Header.Set("Content-Type", contentType)
	r := e.do(req, token)
	if r.OK() {
		r.Bytes = int64(len(body))
	}
	return r
}

// Download GETs path and counts its body without keeping it.
func (e *Env) Download(ctx context.Context, path, token string) Result {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.base+path, nil)
	if err != nil {
		return Result{Problem: err.Error()}
	}
	req.Header.Set("Authorization", "Bearer "+token)
	t0 := time.Now()
	resp, err := e.client.Do(req)
	if err != nil {
		return Result{Elapsed: time.Since(t0), Problem: transportProblem(err)}
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	r := Result{Status: resp.StatusCode, Elapsed: time.Since(t0), Bytes: n}
	switch {
	case err != nil:
		r.Status, r.Problem = 0, transportProblem(err)
	case resp.StatusCode != http.StatusOK:
		r.Problem = "bench.download_failed"
	case n != int64(benchFileSize):
		r.Problem = "bench.short_download"
	}
	return r
}

var (
	benchKinds = []string{"plan", "report", "template", "guide", "presentation", "decision", "other"}
	benchSorts = []string{"newest", "downloads", "title"}
)

// startLibraryBrowse reads the first page of the library with a random
// filter (none, kind, topic, year, or year and kind) in a random order.
func startLibraryBrowse(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	rng := e.Rand(client)
	return func(ctx context.Context) Result {
		q := url.Values{"limit": {"30"}, "sort": {benchSorts[rng.IntN(len(benchSorts))]}}
		switch rng.IntN(5) {
		case 1:
			q.Set("kind", benchKinds[rng.IntN(len(benchKinds))])
		case 2:
			q.Set("topic", benchTopics[rng.IntN(len(benchTopics))])
		case 3:
			q.Set("year", fmt.Sprint(2015+rng.IntN(12)))
		case 4:
			q.Set("year", fmt.Sprint(2015+rng.IntN(12)))
			q.Set("kind", benchKinds[rng.IntN(len(benchKinds))])
		}
		r := e.Get(ctx, benchLibrary+"/resources?"+q.Encode(), token)
		var p listPage
		if r.Decode(&p) && len(p.Items) == 0 && q.Get("year") == "" {
			r.Fail("bench.empty_page")
		}
		return r
	}, nil
}

func startLibraryUpload(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	body, ct := benchUpload()
	return func(ctx context.Context) Result {
		return e.Upload(ctx, benchLibrary+"/files", body, ct, token)
	}, nil
}

// startLibraryDownload uploads the 20 MB file once per client (the same
// bytes, stored once) and downloads it again and again.
func startLibraryDownload(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	body, ct := benchUpload()
	r := e.Upload(ctx, benchLibrary+"/files", body, ct, token)
	var v struct {
		ID string `json:"id"`
	}
	if !r.Decode(&v) || v.ID == "" {
		return nil, fmt.Errorf("upload the file to download: %s", errorKey(r))
	}
	path := "/api/v1/library/resources/" + v.ID + "/download"
	return func(ctx context.Context) Result { return e.Download(ctx, path, token) }, nil
}

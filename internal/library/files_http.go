package library

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/web"
)

// The file routes are plain Fiber handlers: huma reads a body into memory
// before an operation runs, and an upload must stream into the blob store.
// They are described in the OpenAPI document all the same (documentFiles).
//
// An upload is multipart/form-data with two parts, in this order: "metadata",
// JSON (ResourceInput for a new resource, VersionInput for a new version;
// optional for a version), then "file". One request creates the resource with
// its file, or nothing: the description is checked before the file is read,
// so a refused upload costs no more than its first bytes.
const (
	uploadPath  = "/api/v1/networks/:slug/library/files"
	versionPath = "/api/v1/library/resources/:resourceId/versions"
	filePath    = "/api/v1/library/resources/:resourceId/download"
	versionFile = "/api/v1/library/resources/:resourceId/versions/:version/download"
)

// uploadOverhead is what a multipart body may add to the file: its metadata
// part, part headers and boundaries.
const uploadOverhead = maxMetadata + 64<<10

// StreamedBody tells the HTTP edge which requests are uploads, which read
// their body as a stream, and how long those bodies may be (see
// web.Options.StreamedBody).
func StreamedBody(maxUpload int64) func(method, path string) int64 {
	return func(method, path string) int64 {
		if method != http.MethodPost {
			return 0
		}
		p := strings.TrimSuffix(strings.ToLower(path), "/")
		parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
		switch {
		case len(parts) == 6 && parts[0] == "api" && parts[1] == "v1" && parts[2] == "networks" && parts[4] == "library" && parts[5] == "files",
			len(parts) == 6 && parts[0] == "api" && parts[1] == "v1" && parts[2] == "library" && parts[3] == "resources" && parts[5] == "versions":
			return maxUpload + uploadOverhead
		}
		return 0
	}
}

type fileRoutes struct {
	s   *Service
	log *slog.Logger
}

// RegisterFiles mounts the upload and download routes on app and describes
// them in api's OpenAPI document.
func RegisterFiles(app *fiber.App, api huma.API, s *Service, log *slog.Logger) {
	h := fileRoutes{s: s, log: log}
	app.Post(uploadPath, h.upload)
	app.Post(versionPath, h.uploadVersion)
	app.Get(filePath, h.download)
	app.Get(versionFile, h.download)
	documentFiles(api.OpenAPI())
}

func (h fileRoutes) fail(c *fiber.Ctx, err error) error { return web.Fail(c, h.log, err) }

// ---- uploads

func (h fileRoutes) upload(c *fiber.Ctx) error {
	ctx := c.UserContext()
	slug := utils.CopyString(c.Params("slug"))
	if err := h.s.UploadAccess(ctx, slug); err != nil {
		return h.fail(c, err)
	}
	mr, err := h.multipart(c)
	if err != nil {
		return h.fail(c, err)
	}
	var in ResourceInput
	part, err := metadata(mr, &in, true)
	if err != nil {
		return h.fail(c, err)
	}
	name, err := filePart(part)
	if err != nil {
		return h.fail(c, err)
	}
	view, err := h.s.CreateFile(ctx, slug, in, name, part)
	if err != nil {
		return h.fail(c, err)
	}
	drain(mr)
	return c.Status(http.StatusCreated).JSON(view)
}

func (h fileRoutes) uploadVersion(c *fiber.Ctx) error {
	ctx := c.UserContext()
	id := utils.CopyString(c.Params("resourceId"))
	if err := h.s.VersionAccess(ctx, id); err != nil {
		return h.fail(c, err)
	}
	mr, err := h.multipart(c)
	if err != nil {
		return h.fail(c, err)
	}
	var in VersionInput
	part, err := metadata(mr, &in, false)
	if err != nil {
		return h.fail(c, err)
	}
	name, err := filePart(part)
	if err != nil {
		return h.fail(c, err)
	}
	view, err := h.s.AddVersion(ctx, id, in, name, part)
	if err != nil {
		return h.fail(c, err)
	}
	drain(mr)
	return c.Status(http.StatusCreated).JSON(view)
}

// multipart checks the request's announced size and type and starts reading
// its parts.
func (h fileRoutes) multipart(c *fiber.Ctx) (*multipart.Reader, error) {
	if n := c.Request().Header.ContentLength(); n > 0 && int64(n) > h.s.MaxUpload+uploadOverhead {
		return nil, errTooLarge(h.s.MaxUpload)
	}
	mt, params, err := mime.ParseMediaType(string(c.Request().Header.ContentType()))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, apperr.Malformed("library.multipart_required", "send the upload as multipart/form-data: a metadata part, then a file part")
	}
	return multipart.NewReader(web.StreamedBody(c), params["boundary"]), nil
}

// metadata reads the optional (or required) metadata part into v and returns
// the part after it, which must be the file.
func metadata(mr *multipart.Reader, v any, required bool) (*multipart.Part, error) {
	part, err := nextPart(mr)
	if err != nil {
		return nil, err
	}
	if part.FormName() != "metadata" {
		if required {
			return nil, apperr.Malformed("library.metadata_first", `the first part must be "metadata" (JSON), the second "file"`)
		}
		return part, nil
	}
	b, err := io.ReadAll(io.LimitReader(part, maxMetadata+1))
	if err != nil {
		return nil, uploadReadError(err)
	}
	if len(b) > maxMetadata {
		return nil, apperr.TooLarge("library.metadata_too_large", "the metadata part is too large")
	}
	if err := decodeStrict(b, v); err != nil {
		return nil, err
	}
	return nextPart(mr)
}

func nextPart(mr *multipart.Reader) (*multipart.Part, error) {
	part, err := mr.NextPart()
	if errors.Is(err, io.EOF) {
		return nil, apperr.Invalid("validation.failed", "the file is missing",
			apperr.FieldError{Field: "file", Code: apperr.FieldRequired, Message: `a "file" part is required`})
	}
	if err != nil {
		return nil, uploadReadError(err)
	}
	return part, nil
}

// uploadReadError is a body that stopped early or broke the multipart format;
// the edge's own limit passes through.
func uploadReadError(err error) error {
	if _, ok := apperr.As(err); ok {
		return err
	}
	return errIncomplete()
}

// decodeStrict decodes JSON metadata as huma decodes bodies: unknown fields
// and wrong types are field errors.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typeErr):
		return apperr.Invalid("validation.failed", "some fields are not valid",
			apperr.FieldError{Field: typeErr.Field, Code: apperr.FieldInvalid, Message: "expected " + typeErr.Type.String()})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return apperr.Invalid("validation.failed", "some fields are not valid",
			apperr.FieldError{Field: field, Code: apperr.FieldNotAllowed, Message: "unexpected property"})
	}
	return apperr.Malformed("request.malformed", "the metadata part is not valid JSON")
}

// filePart checks that part is the file and returns the name the uploader
// gave it, unsanitised (the service sanitises it once it knows the format).
func filePart(part *multipart.Part) (string, error) {
	if part.FormName() != "file" {
		return "", apperr.Malformed("library.file_part", `the part after "metadata" must be "file"`)
	}
	_, params, err := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
	if err != nil {
		return "", apperr.Malformed("library.file_part", "the file part's Content-Disposition cannot be read")
	}
	return params["filename"], nil
}

// drain reads what follows the file part (at most a little), so the
// connection can serve the next request.
func drain(mr *multipart.Reader) {
	for i := 0; i < 4; i++ {
		part, err := mr.NextPart()
		if err != nil {
			return
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(part, 64<<10))
	}
}

// ---- downloads

// principal lets a download link stand in for the Authorization header.
func (h fileRoutes) principal(c *fiber.Ctx, resourceID string) (context.Context, error) {
	ctx := c.UserContext()
	if _, ok := auth.FromContext(ctx); ok {
		return ctx, nil
	}
	token := c.Query("token")
	if token == "" {
		return ctx, nil
	}
	p, err := h.s.LinkPrincipal(token, resourceID)
	if err != nil {
		return nil, err
	}
	return auth.WithPrincipal(ctx, p), nil
}

// previewPolicy replaces the app's policy on an inline PDF or image: the web
// app may frame it, and it may load nothing.
const previewPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"

func (h fileRoutes) download(c *fiber.Ctx) error {
	id := utils.CopyString(c.Params("resourceId"))
	ctx, err := h.principal(c, id)
	if err != nil {
		return h.fail(c, err)
	}
	version := 0
	if v := c.Params("version"); v != "" {
		if version, err = strconv.Atoi(v); err != nil || version < 1 {
			return h.fail(c, errVersionNotFound())
		}
	}
	d, err := h.s.Open(ctx, id, version)
	if err != nil {
		return h.fail(c, err)
	}
	f := d.File
	inline := c.Query("inline") == "1" && f.Format.Inline()
	etag := `"` + f.SHA256 + `"`
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	c.Set(fiber.HeaderAcceptRanges, "bytes")
	c.Set(fiber.HeaderContentType, f.MediaType)
	disposition := "attachment"
	if inline {
		disposition = "inline"
		c.Set(fiber.HeaderContentSecurityPolicy, previewPolicy)
		c.Set(fiber.HeaderXFrameOptions, "SAMEORIGIN")
	}
	c.Set(fiber.HeaderContentDisposition, ContentDisposition(disposition, f.FileName))
	if matchETag(c.Get(fiber.HeaderIfNoneMatch), etag) {
		d.Object.Close()
		return c.SendStatus(http.StatusNotModified)
	}

	start, length, status := int64(0), f.Size, http.StatusOK
	if spec := c.Get(fiber.HeaderRange); spec != "" && ifRange(c.Get(fiber.HeaderIfRange), etag) {
		s, n, ok := parseRange(spec, f.Size)
		switch {
		case !ok:
			d.Object.Close()
			c.Set(fiber.HeaderContentRange, fmt.Sprintf("bytes */%d", f.Size))
			return h.rangeNotSatisfiable(c)
		case n >= 0:
			start, length, status = s, n, http.StatusPartialContent
			c.Set(fiber.HeaderContentRange, fmt.Sprintf("bytes %d-%d/%d", s, s+n-1, f.Size))
		}
	}
	if start > 0 {
		if _, err := d.Object.Seek(start, io.SeekStart); err != nil {
			d.Object.Close()
			return h.fail(c, fmt.Errorf("seek %s: %w", id, err))
		}
	}
	c.Status(status)
	web.SendStream(c, limitedObject{Reader: io.LimitReader(d.Object, length), Closer: d.Object}, length)
	if status == http.StatusOK && !inline && c.Method() == http.MethodGet {
		if err := h.s.CountDownload(ctx, id); err != nil {
			h.log.WarnContext(ctx, "count download", "resource", id, "error", err)
		}
	}
	return nil
}

type limitedObject struct {
	io.Reader
	io.Closer
}

// rangeNotSatisfiable answers 416 as a problem; no error kind maps to it, as
// only downloads have ranges.
func (h fileRoutes) rangeNotSatisfiable(c *fiber.Ctx) error {
	return web.WriteProblem(c, &web.Problem{Type: "about:blank", Title: http.StatusText(http.StatusRequestedRangeNotSatisfiable),
		Status: http.StatusRequestedRangeNotSatisfiable, Code: "library.range_not_satisfiable",
		Detail: "the range is outside the file", Instance: c.Path(), RequestID: web.RequestID(c.UserContext())})
}

// matchETag reports whether an If-None-Match header names etag (or is *).
func matchETag(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// ifRange reports whether a Range applies: no If-Range, or the current ETag.
// (A date in If-Range is not trusted: the range is ignored, the whole file sent.)
func ifRange(header, etag string) bool {
	return header == "" || strings.TrimSpace(header) == etag
}

// parseRange reads a single byte range of a file of size bytes. It returns
// the start and length to send; length -1 means "send the whole file" (a
// header this server does not serve as a range, e.g. several ranges); ok is
// false for a range that cannot be satisfied (416).
func parseRange(spec string, size int64) (start, length int64, ok bool) {
	unit, set, found := strings.Cut(spec, "=")
	if !found || strings.TrimSpace(unit) != "bytes" || strings.Contains(set, ",") {
		return 0, -1, true
	}
	first, last, found := strings.Cut(strings.TrimSpace(set), "-")
	if !found {
		return 0, -1, true
	}
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	num := func(s string) (int64, bool) {
		if s == "" || strings.TrimLeft(s, "0123456789") != "" || len(s) > 18 {
			return 0, false
		}
		n, err := strconv.ParseInt(s, 10, 64)
		return n, err == nil
	}
	if first == "" { // the last n bytes
		n, valid := num(last)
		if !valid {
			return 0, -1, true
		}
		if n == 0 || size == 0 {
			return 0, 0, false
		}
		n = min(n, size)
		return size - n, n, true
	}
	s, valid := num(first)
	if !valid {
		return 0, -1, true
	}
	if s >= size {
		return 0, 0, false
	}
	end := size - 1
	if last != "" {
		e, valid := num(last)
		if !valid || e < s {
			return 0, -1, true
		}
		end = min(e, size-1)
	}
	return s, end - s + 1, true
}

// ---- OpenAPI

// documentFiles adds the file routes to the OpenAPI document, so the web
// app's typed client knows them, without huma handling their bodies.
func documentFiles(o *huma.OpenAPI) {
	reg := o.Components.Schemas
	schema := func(t reflect.Type) *huma.Schema { return reg.Schema(t, true, "") }
	problem := &huma.MediaType{Schema: schema(reflect.TypeFor[web.Problem]())}
	errs := func(responses map[string]*huma.Response, codes ...int) map[string]*huma.Response {
		for _, code := range codes {
			responses[strconv.Itoa(code)] = &huma.Response{Description: http.StatusText(code),
				Content: map[string]*huma.MediaType{"application/problem+json": problem}}
		}
		return responses
	}
	created := &huma.Response{Description: "Created: the resource with its new file, and the network's other resources with the same file",
		Content: map[string]*huma.MediaType{"application/json": {Schema: schema(reflect.TypeFor[ResourceView]())}}}
	binary := &huma.Schema{Type: "string", Format: "binary"}
	form := func(meta reflect.Type, metaRequired bool) *huma.RequestBody {
		required := []string{"file"}
		if metaRequired {
			required = []string{"metadata", "file"}
		}
		return &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{"multipart/form-data": {
			Schema: &huma.Schema{Type: "object", Required: required, Properties: map[string]*huma.Schema{
				"metadata": schema(meta),
				"file": {Type: "string", Format: "binary", Description: "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TXT, CSV, PNG or JPEG; " +
					"the type is decided from the bytes. Send it after metadata."},
			}},
			Encoding: map[string]*huma.Encoding{"metadata": {ContentType: "application/json"}},
		}}}
	}
	path := func(name string) *huma.Param {
		return &huma.Param{Name: name, In: "path", Required: true, Schema: &huma.Schema{Type: "string"}}
	}
	o.AddOperation(&huma.Operation{OperationID: "uploadFile", Method: http.MethodPost, Path: "/api/v1/networks/{slug}/library/files",
		Summary: "Upload a file to the library (members), streamed: multipart/form-data with a metadata part (JSON), then the file",
		Tags:    []string{"Library"}, Security: web.Bearer, Parameters: []*huma.Param{path("slug")},
		RequestBody: form(reflect.TypeFor[ResourceInput](), true),
		Responses:   errs(map[string]*huma.Response{"201": created}, 400, 401, 403, 404, 413, 422, 500)})
	o.AddOperation(&huma.Operation{OperationID: "uploadVersion", Method: http.MethodPost, Path: "/api/v1/library/resources/{resourceId}/versions",
		Summary: "Upload a new version of a resource's file (its uploader, moderators); the same file as the newest version gets 409 library.same_file",
		Tags:    []string{"Library"}, Security: web.Bearer, Parameters: []*huma.Param{path("resourceId")},
		RequestBody: form(reflect.TypeFor[VersionInput](), false),
		Responses:   errs(map[string]*huma.Response{"201": created}, 400, 401, 403, 404, 409, 413, 422, 500)})

	header := func(name, desc string) *huma.Param {
		return &huma.Param{Name: name, In: "header", Description: desc, Schema: &huma.Schema{Type: "string"}}
	}
	file := &huma.Response{Description: "The file, with the Content-Type of its format and Content-Disposition naming it (RFC 6266)",
		Headers: map[string]*huma.Param{
			"ETag":                {Schema: &huma.Schema{Type: "string"}, Description: "The file's SHA-256, quoted"},
			"Content-Disposition": {Schema: &huma.Schema{Type: "string"}},
			"Accept-Ranges":       {Schema: &huma.Schema{Type: "string"}},
		},
		Content: map[string]*huma.MediaType{"application/octet-stream": {Schema: binary}}}
	partial := &huma.Response{Description: "Part of the file (a single Range)", Headers: map[string]*huma.Param{
		"Content-Range": {Schema: &huma.Schema{Type: "string"}}}, Content: map[string]*huma.MediaType{"application/octet-stream": {Schema: binary}}}
	params := func(extra ...*huma.Param) []*huma.Param {
		return append(extra,
			&huma.Param{Name: "inline", In: "query", Description: "1: show a PDF or an image in the page instead of downloading it (not counted as a download)",
				Schema: &huma.Schema{Type: "string", Enum: []any{"1"}}},
			&huma.Param{Name: "token", In: "query", Description: "A download link's token (see downloadLink), instead of the Authorization header",
				Schema: &huma.Schema{Type: "string"}},
			header("Range", "One byte range, e.g. bytes=0-1023"),
			header("If-None-Match", "The ETag you have: 304 when it is current"),
			header("If-Range", "The ETag the Range is for"))
	}
	responses := func() map[string]*huma.Response {
		return errs(map[string]*huma.Response{"200": file, "206": partial, "304": {Description: "Not Modified"}}, 401, 403, 404, 416, 500)
	}
	o.AddOperation(&huma.Operation{OperationID: "download", Method: http.MethodGet, Path: "/api/v1/library/resources/{resourceId}/download",
		Summary: "Download the newest version of a resource's file (readers of the network)", Tags: []string{"Library"}, Security: web.Bearer,
		Parameters: params(path("resourceId")), Responses: responses()})
	o.AddOperation(&huma.Operation{OperationID: "downloadVersion", Method: http.MethodGet, Path: "/api/v1/library/resources/{resourceId}/versions/{version}/download",
		Summary: "Download a version of a resource's file (readers of the network)", Tags: []string{"Library"}, Security: web.Bearer,
		Parameters: params(path("resourceId"), &huma.Param{Name: "version", In: "path", Required: true, Schema: &huma.Schema{Type: "integer", Minimum: ptr(1.0)}}),
		Responses:  responses()})
}

func ptr[T any](v T) *T { return &v }

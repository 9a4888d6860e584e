package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samspill/samspill/internal/apperr"
)

// Problem is the RFC 9457 body of every error the API sends, with our stable
// machine code (also the web app's translation key) and the request id that
// ties the answer to the server's log line.
type Problem struct {
	Type       string              `json:"type" doc:"A URI reference for the problem type; about:blank, since code says it all"`
	Title      string              `json:"title" doc:"The HTTP status text"`
	Status     int                 `json:"status"`
	Detail     string              `json:"detail,omitempty" doc:"What went wrong, in English; the web app shows a translation of code instead"`
	Code       string              `json:"code" doc:"Stable machine code, e.g. auth.invalid_credentials"`
	Instance   string              `json:"instance,omitempty" doc:"The request path"`
	RequestID  string              `json:"requestId,omitempty"`
	Errors     []apperr.FieldError `json:"errors,omitempty" doc:"One entry per invalid field"`
	RetryAfter int                 `json:"retryAfter,omitempty" doc:"Seconds to wait before trying again (with status 429)"`
}

func (p *Problem) Error() string  { return p.Code + ": " + p.Detail }
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes huma send problems as application/problem+json.
func (p *Problem) ContentType(string) string { return "application/problem+json" }

// statusOf is THE mapping from error kind to HTTP status. Nothing else in the code
// base decides a status for an error.
var statusOf = []struct {
	kind   error
	status int
}{
	{apperr.ErrMalformed, http.StatusBadRequest},
	{apperr.ErrInvalid, http.StatusUnprocessableEntity},
	{apperr.ErrUnauthenticated, http.StatusUnauthorized},
	{apperr.ErrForbidden, http.StatusForbidden},
	{apperr.ErrNotFound, http.StatusNotFound},
	{apperr.ErrConflict, http.StatusConflict},
	{apperr.ErrTooLarge, http.StatusRequestEntityTooLarge},
	{apperr.ErrTooManyRequests, http.StatusTooManyRequests},
	{apperr.ErrUnavailable, http.StatusServiceUnavailable},
}

// internalProblem never carries the underlying error's text: it may hold SQL,
// file paths or other users' data.
func internalProblem() *apperr.Error {
	return &apperr.Error{Kind: errors.New("internal"), Code: "internal", Message: "something went wrong on our side; try again, and contact support with the request id if it persists"}
}

// problemFor turns any error into the problem to send. Errors that are not
// *apperr.Error become a 500 whose cause is logged (once, here) with the request id.
func problemFor(ctx context.Context, log *slog.Logger, err error, instance string) *Problem {
	status := http.StatusInternalServerError
	e, ok := apperr.As(err)
	if ok {
		status = 0
		for _, m := range statusOf {
			if errors.Is(e, m.kind) {
				status = m.status
				break
			}
		}
		if status == 0 {
			status = http.StatusInternalServerError
		}
	}
	var logged alreadyLogged
	if status >= 500 && !errors.As(err, &logged) {
		log.ErrorContext(ctx, "request failed", "error", err, "path", instance)
	}
	if status >= 500 {
		if status == http.StatusInternalServerError {
			e = internalProblem()
		}
	}
	p := &Problem{
		Type:      "about:blank",
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    e.Message,
		Code:      e.Code,
		Instance:  instance,
		RequestID: RequestID(ctx),
		Errors:    e.Fields,
	}
	if e.RetryAfter > 0 {
		p.RetryAfter = int((e.RetryAfter + 999_999_999) / 1_000_000_000) // round up to whole seconds
	}
	return p
}

// fromHuma turns what huma reports (schema validation, unreadable bodies, our own
// errors returned by operations) into an error of ours, keeping field details.
func fromHuma(status int, msg string, errs []error) error {
	for _, err := range errs {
		if _, ok := apperr.As(err); ok {
			return err
		}
	}
	var fields []apperr.FieldError
	for _, err := range errs {
		var d *huma.ErrorDetail
		if errors.As(err, &d) {
			fields = append(fields, fieldFromHuma(d))
		}
	}
	switch {
	case status == http.StatusRequestEntityTooLarge:
		return apperr.TooLarge("request.too_large", "the request body is too large")
	case status == http.StatusUnsupportedMediaType:
		return apperr.Malformed("request.unsupported_media_type", "send the body as application/json")
	case status == http.StatusNotAcceptable:
		return apperr.Malformed("request.not_acceptable", "this API answers in application/json")
	case len(fields) > 0 && (status == http.StatusUnprocessableEntity || status == http.StatusBadRequest):
		if status == http.StatusBadRequest && len(fields) == 1 && fields[0].Field == "body" {
			return apperr.Malformed("request.malformed", "the request body is not valid JSON")
		}
		return apperr.Invalid("validation.failed", "some fields are not valid", fields...)
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity:
		return apperr.Malformed("request.malformed", "the request could not be read: "+msg)
	case status >= 500 || status == 0:
		if len(errs) > 0 && errs[0] != nil {
			return errs[0]
		}
		return errors.New(msg)
	}
	return &apperr.Error{Kind: errors.New("http"), Code: "request.rejected", Message: msg}
}

// fieldFromHuma names the field by its JSON path without the "body." prefix and
// gives the message a code the web app can translate.
func fieldFromHuma(d *huma.ErrorDetail) apperr.FieldError {
	loc := d.Location
	for _, prefix := range []string{"body.", "query.", "path.", "header.", "cookie."} {
		loc = strings.TrimPrefix(loc, prefix)
	}
	msg := d.Message
	code := apperr.FieldInvalid
	switch {
	case strings.HasPrefix(msg, "expected required property "):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "expected required property "), " to be present")
		if loc == "body" || loc == "" {
			loc = name
		} else {
			loc = loc + "." + name
		}
		code = apperr.FieldRequired
	case msg == "unexpected property":
		code = apperr.FieldNotAllowed
	case strings.HasPrefix(msg, "expected length <=") || strings.HasPrefix(msg, "expected array length <="):
		code = apperr.FieldTooLong
	case strings.HasPrefix(msg, "expected length >=") || strings.HasPrefix(msg, "expected array length >="):
		code = apperr.FieldTooShort
	case strings.HasPrefix(msg, "expected number <=") || strings.HasPrefix(msg, "expected number >="):
		code = apperr.FieldInvalid
	}
	if loc == "body" {
		loc = "body"
	}
	return apperr.FieldError{Field: loc, Code: code, Message: msg}
}

// retryAfterHeader is the Retry-After value for a problem, or "".
func retryAfterHeader(p *Problem) string {
	if p.RetryAfter > 0 {
		return strconv.Itoa(p.RetryAfter)
	}
	return ""
}

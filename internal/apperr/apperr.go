// Package apperr defines the kinds of error the application speaks about and a coded
// error type that carries a stable machine code. Codes double as translation keys in the
// web app, so they never change once published. HTTP status codes live in package web,
// not here: the domain says what went wrong, the edge decides how to say it over HTTP.
package apperr

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The kinds. Every *Error unwraps to exactly one of these, so callers can ask
// errors.Is(err, apperr.ErrNotFound) without knowing the feature that failed.
var (
	ErrMalformed       = errors.New("malformed request")
	ErrInvalid         = errors.New("invalid input")
	ErrUnauthenticated = errors.New("not authenticated")
	ErrForbidden       = errors.New("forbidden")
	ErrNotFound        = errors.New("not found")
	ErrConflict        = errors.New("conflict")
	ErrTooManyRequests = errors.New("too many requests")
	ErrTooLarge        = errors.New("too large")
	ErrUnavailable     = errors.New("unavailable")
)

// FieldError says which input field is wrong and why. Field uses the JSON name
// (dotted for nested fields); Code is one of the FieldCode constants.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Field error codes, shared by every feature so the web app can translate them once.
const (
	FieldRequired   = "required"
	FieldInvalid    = "invalid"
	FieldTooLong    = "too_long"
	FieldTooShort   = "too_short"
	FieldNotAllowed = "not_allowed"
)

// Error is an error with a kind, a stable code and a message that is safe to show.
type Error struct {
	Kind    error
	Code    string
	Message string
	Fields  []FieldError
	// RetryAfter is set on ErrTooManyRequests errors.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Code + ": " + e.Message
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + " " + f.Code
	}
	return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, strings.Join(parts, ", "))
}

func (e *Error) Unwrap() error { return e.Kind }

func newErr(kind error, code, msg string) *Error {
	return &Error{Kind: kind, Code: code, Message: msg}
}

func Invalid(code, msg string, fields ...FieldError) *Error {
	e := newErr(ErrInvalid, code, msg)
	e.Fields = fields
	return e
}

// Malformed is a request that cannot be read at all (broken JSON, wrong content type).
func Malformed(code, msg string) *Error { return newErr(ErrMalformed, code, msg) }

func Unauthenticated(code, msg string) *Error { return newErr(ErrUnauthenticated, code, msg) }
func Forbidden(code, msg string) *Error       { return newErr(ErrForbidden, code, msg) }
func NotFound(code, msg string) *Error        { return newErr(ErrNotFound, code, msg) }
func Conflict(code, msg string) *Error        { return newErr(ErrConflict, code, msg) }
func TooLarge(code, msg string) *Error        { return newErr(ErrTooLarge, code, msg) }
func Unavailable(code, msg string) *Error     { return newErr(ErrUnavailable, code, msg) }

func TooManyRequests(code, msg string, retryAfter time.Duration) *Error {
	e := newErr(ErrTooManyRequests, code, msg)
	e.RetryAfter = retryAfter
	return e
}

// As returns the *Error inside err, if there is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// CodeOf returns the code of the *Error inside err, or "" when there is none.
func CodeOf(err error) string {
	if e, ok := As(err); ok {
		return e.Code
	}
	return ""
}

// Validation collects field errors while an input is checked, then becomes one
// ErrInvalid error that lists them all, so a form shows every problem at once.
type Validation struct {
	fields []FieldError
}

// Add records a problem with one field.
func (v *Validation) Add(field, code, msg string) {
	v.fields = append(v.fields, FieldError{Field: field, Code: code, Message: msg})
}

// Check records a problem when ok is false and reports ok.
func (v *Validation) Check(ok bool, field, code, msg string) bool {
	if !ok {
		v.Add(field, code, msg)
	}
	return ok
}

// Err returns nil when no problem was recorded.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return Invalid("validation.failed", "some fields are not valid", v.fields...)
}

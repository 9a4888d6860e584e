package auth

import (
	"runtime"
	"sync"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"

	"github.com/samspill/samspill/internal/apperr"
)

// passwordParams follow OWASP's Password Storage Cheat Sheet for argon2id
// (m=19 MiB, t=2, p=1). `make bench` reports what a login costs with them.
var passwordParams = &argon2id.Params{
	Memory:      19 * 1024,
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

const (
	MinPasswordLength = 10
	MaxPasswordLength = 256
)

// hashing admits as many argon2id computations at once as there are cores. Each
// takes 19 MiB and a core's worth of time, so more at once only adds memory (a
// burst of 16 logins took the server from 35 MB to 640 MB) without adding speed.
var hashing = make(chan struct{}, runtime.NumCPU())

// HashPassword returns the argon2id hash of password in PHC string format.
func HashPassword(password string) (string, error) {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2id.CreateHash(password, passwordParams)
}

// CheckPassword reports whether password matches hash, in constant time.
func CheckPassword(password, hash string) bool {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	return err == nil && ok
}

var (
	dummyOnce sync.Once
	dummyHash string
)

// burnPasswordCheck does the work of a password check against nothing, so a
// login for an unknown email takes as long as one for a known email.
func burnPasswordCheck(password string) {
	dummyOnce.Do(func() {
		dummyHash, _ = HashPassword("no account has this password, it only costs time")
	})
	CheckPassword(password, dummyHash)
}

// ValidatePassword checks a new password and says what is wrong with it.
func ValidatePassword(v *apperr.Validation, field, password string) {
	n := utf8.RuneCountInString(password)
	v.Check(n >= MinPasswordLength, field, apperr.FieldTooShort, "the password must have at least 10 characters")
	v.Check(len(password) <= MaxPasswordLength, field, apperr.FieldTooLong, "the password can have at most 256 bytes")
}

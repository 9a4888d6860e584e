package network

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// An invitation link carries a token signed with the server's key:
// base64url(invitation id (12 bytes) | expiry in Unix seconds (8 bytes) | HMAC-SHA256
// of both). Nothing secret is stored, so a copy of the database cannot be turned
// into working links, and a moderator can copy an invitation's link again at any
// time. Single use and revocation are enforced by the invitation record.

const tokenPurpose = "samspill invitation v1\x00"

func signToken(key []byte, invitationID string, expires time.Time) string {
	id, err := hex.DecodeString(invitationID)
	if err != nil || len(id) != 12 {
		return ""
	}
	msg := make([]byte, 0, 20)
	msg = append(msg, id...)
	msg = binary.BigEndian.AppendUint64(msg, uint64(expires.Unix()))
	return base64.RawURLEncoding.EncodeToString(append(msg, mac(key, msg)...))
}

// parseToken returns the invitation id and expiry of a token with a valid signature.
func parseToken(key []byte, token string) (id string, expires time.Time, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != 12+8+sha256.Size {
		return "", time.Time{}, false
	}
	msg, sig := raw[:20], raw[20:]
	if !hmac.Equal(sig, mac(key, msg)) {
		return "", time.Time{}, false
	}
	return hex.EncodeToString(msg[:12]), time.Unix(int64(binary.BigEndian.Uint64(msg[12:20])), 0).UTC(), true
}

func mac(key, msg []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(tokenPurpose))
	h.Write(msg)
	return h.Sum(nil)
}

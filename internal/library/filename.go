package library

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxFileName is the longest stored name in bytes, extension included: well
// under what file systems and Content-Disposition headers carry.
const maxFileName = 180

// windowsReserved are device names Windows will not open as files, whatever
// their extension.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// SanitizeFileName makes an uploader's file name safe to store and to send
// back in a download: the last path element only, NFC, no control or
// direction-changing characters, none of the characters Windows forbids, no
// leading dots or trailing dots and spaces, not a Windows device name, at
// most maxFileName bytes, and ending in the extension of the format the bytes
// are. Norwegian letters and dashes stay as they are.
func SanitizeFileName(name string, f Format) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = norm.NFC.String(name)
	var b strings.Builder
	space := false
	for _, r := range name {
		switch {
		case r == 0 || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) ||
			r == '\u200b' || r == '\u2028' || r == '\u2029' || r == '\ufeff':
			continue
		case strings.ContainsRune(`<>:"|?*`, r):
			r = '_'
		case unicode.IsSpace(r):
			if space {
				continue
			}
			r = ' '
		}
		space = r == ' '
		b.WriteRune(r)
	}
	name = strings.TrimRight(strings.TrimSpace(b.String()), ". ")

	info := formats[f]
	ext := path.Ext(name)
	keep := strings.EqualFold(ext, info.ext)
	for _, e := range info.alsoExt {
		keep = keep || strings.EqualFold(ext, e)
	}
	base := name
	if keep {
		base = name[:len(name)-len(ext)]
	} else {
		ext = info.ext
	}
	base = strings.TrimRight(strings.TrimLeft(base, ". "), ". ")
	if stem, _, _ := strings.Cut(base, "."); windowsReserved[strings.ToUpper(strings.TrimSpace(stem))] {
		base = "_" + base
	}
	if base == "" {
		base = "fil"
	}
	for len(base)+len(ext) > maxFileName {
		_, size := utf8.DecodeLastRuneInString(base)
		base = base[:len(base)-size]
	}
	base = strings.TrimRight(base, ". ")
	if base == "" {
		base = "fil"
	}
	return base + ext
}

// ContentDisposition is the header value for sending name (RFC 6266): an
// ASCII fallback for old clients and the exact UTF-8 name in filename*
// (RFC 5987/8187).
func ContentDisposition(disposition, name string) string {
	return disposition + `; filename="` + asciiName(name) + `"; filename*=UTF-8''` + encodeExtValue(name)
}

// asciiName spells name in ASCII: Norwegian letters as they are usually
// written without them, other letters without accents, the rest as "_".
func asciiName(name string) string {
	name = strings.NewReplacer("æ", "ae", "Æ", "Ae", "ø", "o", "Ø", "O", "å", "a", "Å", "A", "–", "-", "—", "-").Replace(name)
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // accents
		case r == '"' || r == '\\' || r == '%' || r < 0x20 || r >= 0x7f:
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// encodeExtValue percent-encodes everything but RFC 5987's attr-char.
func encodeExtValue(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

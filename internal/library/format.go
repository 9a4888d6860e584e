package library

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/samspill/samspill/internal/apperr"
)

// Format is a kind of file the library accepts. It is decided from the file's
// bytes, never from its name or the Content-Type the client sent.
type Format string

const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
	XLSX Format = "xlsx"
	PPTX Format = "pptx"
	ODT  Format = "odt"
	ODS  Format = "ods"
	ODP  Format = "odp"
	TXT  Format = "txt"
	CSV  Format = "csv"
	PNG  Format = "png"
	JPEG Format = "jpeg"
)

type formatInfo struct {
	mediaType string
	ext       string   // the extension a stored name gets
	alsoExt   []string // other extensions kept as they are
	inline    bool     // browsers may show it in the page (previews)
}

var formats = map[Format]formatInfo{
	PDF:  {mediaType: "application/pdf", ext: ".pdf", inline: true},
	DOCX: {mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: ".docx"},
	XLSX: {mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: ".xlsx"},
	PPTX: {mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", ext: ".pptx"},
	ODT:  {mediaType: "application/vnd.oasis.opendocument.text", ext: ".odt"},
	ODS:  {mediaType: "application/vnd.oasis.opendocument.spreadsheet", ext: ".ods"},
	ODP:  {mediaType: "application/vnd.oasis.opendocument.presentation", ext: ".odp"},
	TXT:  {mediaType: "text/plain; charset=utf-8", ext: ".txt"},
	CSV:  {mediaType: "text/csv; charset=utf-8", ext: ".csv"},
	PNG:  {mediaType: "image/png", ext: ".png", inline: true},
	JPEG: {mediaType: "image/jpeg", ext: ".jpg", alsoExt: []string{".jpeg"}, inline: true},
}

// Formats lists the accepted formats in the order they are named to users.
var Formats = []Format{PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TXT, CSV, PNG, JPEG}

// MediaType is what downloads of the format are served as.
func (f Format) MediaType() string { return formats[f].mediaType }

// Inline reports whether a browser may show the format inside the web app.
func (f Format) Inline() bool { return formats[f].inline }

// Limits of what a ZIP-based document may declare. Deflate cannot compress more
// than about 1032:1, so a higher ratio is a lie told by the directory; the
// totals stop archives that would fill a disk or a reader's memory when opened.
const (
	maxZipEntries      = 10_000
	maxZipUnzipped     = 1 << 30 // all entries together
	maxEntryRatio      = 1100
	maxArchiveRatio    = 200 // unzipped total : archive size, checked above ratioFloor
	ratioFloor         = 64 << 20
	maxCSVLine         = 1 << 20
	headSize           = 512
	zipEndSize         = 22
	zipEndMaxComment   = 65535
	zip64LocatorSize   = 20
	zip64EndSize       = 56
	zipDirHeaderSize   = 46
	zipLocalHeaderSize = 30
)

func errTypeNotAllowed(why string) error {
	return apperr.Invalid("library.type_not_allowed",
		"this kind of file is not accepted ("+why+"); upload PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, PNG or JPEG",
		apperr.FieldError{Field: "file", Code: apperr.FieldInvalid, Message: why})
}

func errZipBomb(why string) error {
	return apperr.Invalid("library.zip_bomb", "the file unpacks to far more than it can hold ("+why+")",
		apperr.FieldError{Field: "file", Code: apperr.FieldInvalid, Message: why})
}

func errEmptyFile() error {
	return apperr.Invalid("library.empty_file", "the file is empty",
		apperr.FieldError{Field: "file", Code: apperr.FieldRequired, Message: "the file is empty"})
}

// family is what the first bytes of a file say it can be.
type family int

const (
	famPDF family = iota + 1
	famPNG
	famJPEG
	famZip
	famText
)

// sniffHead decides from the first bytes (up to headSize) which family a file
// belongs to, or refuses it before anything is stored.
func sniffHead(head []byte) (family, error) {
	switch {
	case len(head) == 0:
		return 0, errEmptyFile()
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return famPDF, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return famPNG, nil
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return famJPEG, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return famZip, nil
	case bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return 0, errTypeNotAllowed("an empty ZIP archive")
	case bytes.HasPrefix(head, []byte("MZ")):
		return 0, errTypeNotAllowed("a Windows program")
	case bytes.HasPrefix(head, []byte("\x7fELF")):
		return 0, errTypeNotAllowed("a program")
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return 0, errTypeNotAllowed("an old Office format: save it as .docx, .xlsx or .pptx")
	}
	var t textCheck
	t.Write(head)
	if t.bad != "" {
		return 0, errTypeNotAllowed(t.bad)
	}
	return famText, nil
}

// textCheck validates UTF-8 text written to it in pieces of any size: no
// invalid sequences, no NUL bytes. A leading byte-order mark is fine.
type textCheck struct {
	pending []byte // the start of a character cut off at the end of a write
	bad     string
}

func (t *textCheck) Write(p []byte) (int, error) {
	n := len(p)
	if t.bad != "" {
		return n, nil
	}
	if len(t.pending) > 0 {
		// Complete the cut-off character from the start of p.
		need := 0
		for need < len(p) && need < utf8.UTFMax-len(t.pending) && !utf8.FullRune(append(t.pending, p[:need]...)) {
			need++
		}
		joined := append(t.pending, p[:need]...)
		if !utf8.FullRune(joined) {
			t.pending = joined
			return n, nil
		}
		if r, size := utf8.DecodeRune(joined); r == utf8.RuneError && size <= 1 {
			t.bad = "not valid UTF-8 text"
			return n, nil
		}
		p, t.pending = p[need:], nil
	}
	// Keep back a character cut off at the end.
	cut := len(p)
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				cut = i
			}
			break
		}
	}
	if bytes.IndexByte(p[:cut], 0) >= 0 {
		t.bad = "binary data, not text"
		return n, nil
	}
	if !utf8.Valid(p[:cut]) {
		t.bad = "not valid UTF-8 text"
		return n, nil
	}
	t.pending = append(t.pending[:0], p[cut:]...)
	return n, nil
}

// verdict is the check's result once everything was written.
func (t *textCheck) verdict() error {
	if t.bad == "" && len(t.pending) > 0 {
		t.bad = "not valid UTF-8 text"
	}
	if t.bad != "" {
		return errTypeNotAllowed(t.bad)
	}
	return nil
}

// isCSV reports whether r parses as CSV: the same number of fields on every
// row, with the delimiter its first line uses most (Norwegian spreadsheets
// write semicolons), no line longer than maxCSVLine.
func isCSV(r io.Reader) bool {
	br := bufio.NewReader(&lineLimit{r: r})
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	first, _ := br.Peek(4096)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	delim, most := ',', bytes.Count(first, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if n := bytes.Count(first, []byte(string(d))); n > most {
			delim, most = d, n
		}
	}
	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.ReuseRecord = true
	rows := 0
	for {
		_, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows > 0
		}
		if err != nil {
			return false
		}
		rows++
	}
}

// lineLimit fails a read once a line grows past maxCSVLine, so a file with
// no line breaks is not read into one record.
type lineLimit struct {
	r   io.Reader
	run int
}

var errLineTooLong = errors.New("line too long")

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.run = 0
		} else if l.run++; l.run > maxCSVLine {
			return n, errLineTooLong
		}
	}
	return n, err
}

// zipEntry is what the central directory says about one member.
type zipEntry struct {
	name         string
	method       uint16
	flags        uint16
	compressed   uint64
	uncompressed uint64
	offset       uint64
}

// readAt reads len(p) bytes at off from a ReadSeeker.
func readAt(r io.ReadSeeker, p []byte, off int64) error {
	if _, err := r.Seek(off, io.SeekStart); err != nil {
		return err
	}
	_, err := io.ReadFull(r, p)
	return err
}

var errNotZip = errTypeNotAllowed("a damaged or unsupported ZIP archive")

// inspectZip reads a ZIP archive's central directory, never its contents:
// refuses archives that declare absurd sizes, too many entries or
// overlapping entries, and tells the Office and OpenDocument formats apart.
func inspectZip(r io.ReadSeeker, size int64) (Format, error) {
	entries, dirOffset, err := zipDirectory(r, size)
	if err != nil {
		return "", err
	}
	var total, packed uint64
	for _, e := range entries {
		if e.flags&0x1 != 0 {
			return "", errTypeNotAllowed("an encrypted archive")
		}
		if e.method != 0 && e.method != 8 {
			return "", errTypeNotAllowed(fmt.Sprintf("compression method %d", e.method))
		}
		if e.offset >= dirOffset || e.compressed > dirOffset-e.offset {
			return "", errNotZip
		}
		if e.uncompressed > 0 && e.compressed == 0 {
			return "", errZipBomb("an entry unpacks from nothing")
		}
		if e.compressed > 0 && e.uncompressed > 1<<20 && e.uncompressed/e.compressed > maxEntryRatio {
			return "", errZipBomb("an entry claims more than deflate can pack")
		}
		total += e.uncompressed
		packed += e.compressed
		if total > maxZipUnzipped {
			return "", errZipBomb("more than 1 GiB unpacked")
		}
	}
	if packed > uint64(size) {
		return "", errZipBomb("entries overlap")
	}
	if total > ratioFloor && total/uint64(size) > maxArchiveRatio {
		return "", errZipBomb("unpacks to more than 200 times its size")
	}
	return classifyZip(r, entries)
}

// zipDirectory finds the end record (ZIP64 too), checks the entry count before
// anything is read, and reads at most that many directory headers.
func zipDirectory(r io.ReadSeeker, size int64) ([]zipEntry, uint64, error) {
	if size < zipEndSize {
		return nil, 0, errNotZip
	}
	tailLen := min(size, zipEndSize+zipEndMaxComment)
	tail := make([]byte, tailLen)
	if err := readAt(r, tail, size-tailLen); err != nil {
		return nil, 0, err
	}
	end := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if end < 0 || len(tail)-end < zipEndSize {
		return nil, 0, errNotZip
	}
	rec := tail[end:]
	le := binary.LittleEndian
	if le.Uint16(rec[4:]) != 0 || le.Uint16(rec[6:]) != 0 {
		return nil, 0, errTypeNotAllowed("a multi-part archive")
	}
	count := uint64(le.Uint16(rec[10:]))
	dirSize := uint64(le.Uint32(rec[12:]))
	dirOffset := uint64(le.Uint32(rec[16:]))
	if count == 0xffff || dirSize == 0xffffffff || dirOffset == 0xffffffff {
		locAt := size - tailLen + int64(end) - zip64LocatorSize
		if locAt < 0 {
			return nil, 0, errNotZip
		}
		loc := make([]byte, zip64LocatorSize)
		if err := readAt(r, loc, locAt); err != nil || !bytes.HasPrefix(loc, []byte("PK\x06\x07")) {
			return nil, 0, errNotZip
		}
		at := le.Uint64(loc[8:])
		if at > uint64(size)-zip64EndSize {
			return nil, 0, errNotZip
		}
		rec64 := make([]byte, zip64EndSize)
		if err := readAt(r, rec64, int64(at)); err != nil || !bytes.HasPrefix(rec64, []byte("PK\x06\x06")) {
			return nil, 0, errNotZip
		}
		count, dirSize, dirOffset = le.Uint64(rec64[32:]), le.Uint64(rec64[40:]), le.Uint64(rec64[48:])
	}
	if count > maxZipEntries {
		return nil, 0, errZipBomb(fmt.Sprintf("more than %d entries", maxZipEntries))
	}
	if count == 0 {
		return nil, 0, errTypeNotAllowed("an empty ZIP archive")
	}
	if dirOffset > uint64(size) || dirSize > uint64(size)-dirOffset {
		return nil, 0, errNotZip
	}
	if _, err := r.Seek(int64(dirOffset), io.SeekStart); err != nil {
		return nil, 0, err
	}
	dir := bufio.NewReader(io.LimitReader(r, int64(dirSize)))
	entries := make([]zipEntry, 0, min(count, dirSize/zipDirHeaderSize)) // the count is the archive's word; the size is checked
	head := make([]byte, zipDirHeaderSize)
	for i := uint64(0); i < count; i++ {
		if _, err := io.ReadFull(dir, head); err != nil || !bytes.HasPrefix(head, []byte("PK\x01\x02")) {
			return nil, 0, errNotZip
		}
		e := zipEntry{flags: le.Uint16(head[8:]), method: le.Uint16(head[10:]),
			compressed: uint64(le.Uint32(head[20:])), uncompressed: uint64(le.Uint32(head[24:])),
			offset: uint64(le.Uint32(head[42:]))}
		nameLen, extraLen, commentLen := int(le.Uint16(head[28:])), int(le.Uint16(head[30:])), int(le.Uint16(head[32:]))
		name := make([]byte, nameLen)
		extra := make([]byte, extraLen)
		if _, err := io.ReadFull(dir, name); err != nil {
			return nil, 0, errNotZip
		}
		if _, err := io.ReadFull(dir, extra); err != nil {
			return nil, 0, errNotZip
		}
		if _, err := dir.Discard(commentLen); err != nil {
			return nil, 0, errNotZip
		}
		e.name = string(name)
		if err := zip64Sizes(&e, extra); err != nil {
			return nil, 0, err
		}
		entries = append(entries, e)
	}
	return entries, dirOffset, nil
}

// zip64Sizes replaces sizes and offset saturated at 0xffffffff with their
// 64-bit values from the ZIP64 extra field.
func zip64Sizes(e *zipEntry, extra []byte) error {
	le := binary.LittleEndian
	for len(extra) >= 4 {
		id, n := le.Uint16(extra), int(le.Uint16(extra[2:]))
		if len(extra) < 4+n {
			return errNotZip
		}
		field := extra[4 : 4+n]
		extra = extra[4+n:]
		if id != 0x0001 {
			continue
		}
		for _, v := range []*uint64{&e.uncompressed, &e.compressed, &e.offset} {
			if *v != 0xffffffff {
				continue
			}
			if len(field) < 8 {
				return errNotZip
			}
			*v, field = le.Uint64(field), field[8:]
		}
	}
	return nil
}

var odfTypes = map[string]Format{
	"application/vnd.oasis.opendocument.text":         ODT,
	"application/vnd.oasis.opendocument.spreadsheet":  ODS,
	"application/vnd.oasis.opendocument.presentation": ODP,
}

// classifyZip tells an Office Open XML document (a [Content_Types].xml and
// the main part's folder) from an OpenDocument one (its first member is the
// stored file "mimetype" naming the type), from names and one tiny stored
// member only.
func classifyZip(r io.ReadSeeker, entries []zipEntry) (Format, error) {
	first := entries[0]
	for _, e := range entries {
		if e.offset < first.offset {
			first = e
		}
	}
	if first.name == "mimetype" && first.offset == 0 {
		if first.method != 0 || first.compressed > 100 || first.compressed != first.uncompressed {
			return "", errTypeNotAllowed("a damaged OpenDocument file")
		}
		local := make([]byte, zipLocalHeaderSize)
		if err := readAt(r, local, 0); err != nil {
			return "", errNotZip
		}
		le := binary.LittleEndian
		at := int64(zipLocalHeaderSize) + int64(le.Uint16(local[26:])) + int64(le.Uint16(local[28:]))
		mt := make([]byte, first.compressed)
		if err := readAt(r, mt, at); err != nil {
			return "", errNotZip
		}
		if f, ok := odfTypes[string(mt)]; ok {
			return f, nil
		}
		return "", errTypeNotAllowed("an OpenDocument type other than text, spreadsheet or presentation")
	}
	contentTypes := false
	found := map[Format]bool{}
	for _, e := range entries {
		switch {
		case e.name == "[Content_Types].xml":
			contentTypes = true
		case strings.HasSuffix(strings.ToLower(e.name), "vbaproject.bin"):
			return "", errTypeNotAllowed("an Office file with macros")
		case strings.HasPrefix(e.name, "word/"):
			found[DOCX] = true
		case strings.HasPrefix(e.name, "xl/"):
			found[XLSX] = true
		case strings.HasPrefix(e.name, "ppt/"):
			found[PPTX] = true
		}
	}
	if contentTypes && len(found) == 1 {
		for f := range found {
			return f, nil
		}
	}
	return "", errTypeNotAllowed("a ZIP archive that is not a Word, Excel, PowerPoint or OpenDocument file")
}

// Detect decides the format of a whole file: r holds size bytes and name is
// what the uploader called it (CSV is only CSV when the name says so). Uploads
// run the same steps as they stream (see upload); Detect is them in one call.
func Detect(r io.ReadSeeker, size int64, name string) (Format, error) {
	head := make([]byte, min(size, headSize))
	if err := readAt(r, head, 0); err != nil {
		return "", err
	}
	fam, err := sniffHead(head)
	if err != nil {
		return "", err
	}
	var text *textCheck
	if fam == famText {
		text = &textCheck{}
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return "", err
		}
		if _, err := io.Copy(text, r); err != nil {
			return "", err
		}
	}
	return finish(fam, text, r, size, name)
}

// finish completes detection once the whole file has been seen: the ZIP
// directory of a ZIP, the text check of text, the CSV parse of a .csv.
func finish(fam family, text *textCheck, r io.ReadSeeker, size int64, name string) (Format, error) {
	switch fam {
	case famPDF:
		return PDF, nil
	case famPNG:
		return PNG, nil
	case famJPEG:
		return JPEG, nil
	case famZip:
		return inspectZip(r, size)
	}
	if err := text.verdict(); err != nil {
		return "", err
	}
	if strings.HasSuffix(strings.ToLower(name), ".csv") {
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return "", err
		}
		if isCSV(r) {
			return CSV, nil
		}
	}
	return TXT, nil
}

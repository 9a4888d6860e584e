package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/mongodb"
)

// GridFS layout (the GridFS specification, so mongofiles and the drivers'
// buckets read these blobs too): <bucket>.files holds one document per blob,
// named by its SHA-256; <bucket>.chunks holds its bytes in 255 KiB pieces.
//
// The driver's own upload stream buffers 16 MiB per upload and its download
// stream reads the chunks in batches of up to 16 MB; this store writes and
// reads a few chunks at a time instead, and starts a ranged read at the chunk
// that holds its first byte.
const (
	chunkSize   = 255 * 1024
	chunksBatch = 4 // chunks written or read per round trip: about 1 MiB
	tmpPrefix   = "tmp-"
)

// GridFSIndexes are the indexes the store's queries need on bucket: blobs by
// name (unique, which also settles two identical uploads racing), chunks by
// blob and number.
func GridFSIndexes(bucket string) []mongodb.Index {
	return []mongodb.Index{
		{Collection: bucket + ".files", Keys: bson.D{{Key: "filename", Value: 1}}, Unique: true},
		{Collection: bucket + ".chunks", Keys: bson.D{{Key: "files_id", Value: 1}, {Key: "n", Value: 1}}, Unique: true},
	}
}

// GridFSStore keeps blobs in a GridFS bucket.
type GridFSStore struct {
	files, chunks *mongo.Collection
	now           func() time.Time
}

var _ Store = (*GridFSStore)(nil)

// NewGridFSStore returns the store on db's bucket (its indexes are ensured with
// the other MongoDB indexes, see GridFSIndexes).
func NewGridFSStore(db *mongo.Database, bucket string) *GridFSStore {
	return &GridFSStore{files: db.Collection(bucket + ".files"), chunks: db.Collection(bucket + ".chunks"), now: time.Now}
}

type gridFile struct {
	ID         bson.ObjectID `bson:"_id"`
	Length     int64         `bson:"length"`
	ChunkSize  int32         `bson:"chunkSize"`
	UploadDate time.Time     `bson:"uploadDate"`
	Filename   string        `bson:"filename"`
	Metadata   gridMetadata  `bson:"metadata"`
}

type gridMetadata struct {
	SHA256 string `bson:"sha256,omitempty"`
	// TouchedAt is when the blob was last stored or put again (see Delete).
	TouchedAt time.Time `bson:"touchedAt"`
	Partial   bool      `bson:"partial,omitempty"`
}

type gridChunk struct {
	FilesID bson.ObjectID `bson:"files_id"`
	N       int32         `bson:"n"`
	Data    []byte        `bson:"data"`
}

// Put implements Store. The upload is written under a temporary name first;
// once the whole content is in and hashed, it either becomes the blob (a
// rename) or, when the same bytes are already stored, is removed again. The
// temporary files document comes first, so what a crash leaves behind is
// findable by its name (Sweep).
func (s *GridFSStore) Put(ctx context.Context, r io.Reader, limit int64) (Info, error) {
	id := bson.NewObjectID()
	now := mongodb.Millis(s.now())
	if _, err := s.files.InsertOne(ctx, gridFile{ID: id, ChunkSize: chunkSize, UploadDate: now,
		Filename: tmpPrefix + id.Hex(), Metadata: gridMetadata{TouchedAt: now, Partial: true}}); err != nil {
		return Info{}, fmt.Errorf("start blob upload: %w", err)
	}
	fail := func(err error) (Info, error) {
		s.remove(ctx, id)
		return Info{}, err
	}
	hr := newHashingReader(ctx, r, limit)
	buf := make([]byte, chunkSize*chunksBatch)
	var n int32
	for done := false; !done; {
		k, err := fill(hr, buf)
		if err != nil {
			return fail(err)
		}
		done = k < len(buf)
		if k > 0 {
			docs := make([]any, 0, chunksBatch)
			for off := 0; off < k; off += chunkSize {
				docs = append(docs, gridChunk{FilesID: id, N: n, Data: buf[off:min(off+chunkSize, k)]})
				n++
			}
			if _, werr := s.chunks.InsertMany(ctx, docs); werr != nil {
				return fail(fmt.Errorf("write blob chunks: %w", werr))
			}
		}
	}
	info := Info{SHA256: hr.sum(), Size: hr.n}
	if ok, err := s.touch(ctx, info.SHA256); err != nil {
		return fail(err)
	} else if ok {
		s.remove(ctx, id)
		return info, nil
	}
	_, err := s.files.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{
		{Key: "filename", Value: info.SHA256}, {Key: "length", Value: info.Size},
		{Key: "metadata", Value: gridMetadata{SHA256: info.SHA256, TouchedAt: mongodb.Millis(s.now())}}}}})
	if mongodb.IsDuplicate(err) {
		// The same bytes finished uploading just before: keep theirs.
		s.remove(ctx, id)
		if _, err := s.touch(ctx, info.SHA256); err != nil {
			return Info{}, err
		}
		return info, nil
	}
	if err != nil {
		return fail(fmt.Errorf("name blob: %w", err))
	}
	info.Created = true
	return info, nil
}

// fill reads into buf until it is full or r ends (io.EOF, and only io.EOF:
// io.ReadFull would turn a source's own io.ErrUnexpectedEOF, a cut-off upload,
// into a normal short read).
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		k, err := r.Read(buf[n:])
		n += k
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// touch marks a stored blob as used now and reports whether there is one.
func (s *GridFSStore) touch(ctx context.Context, sha string) (bool, error) {
	res, err := s.files.UpdateOne(ctx, bson.D{{Key: "filename", Value: sha}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "metadata.touchedAt", Value: mongodb.Millis(s.now())}}}})
	if err != nil {
		return false, fmt.Errorf("touch blob: %w", err)
	}
	return res.MatchedCount > 0, nil
}

// remove deletes an upload's chunks and files document, even after ctx ended.
func (s *GridFSStore) remove(ctx context.Context, id bson.ObjectID) {
	ctx, cancel := cleanupContext(ctx)
	defer cancel()
	_, _ = s.chunks.DeleteMany(ctx, bson.D{{Key: "files_id", Value: id}})
	_, _ = s.files.DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
}

// Open implements Store.
func (s *GridFSStore) Open(ctx context.Context, sha string) (Object, error) {
	if !ValidSHA256(sha) {
		return nil, ErrNotFound
	}
	var f gridFile
	err := s.files.FindOne(ctx, bson.D{{Key: "filename", Value: sha}}).Decode(&f)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("open blob: %w", err)
	}
	if f.ChunkSize <= 0 {
		return nil, fmt.Errorf("blob %s: chunk size %d", sha, f.ChunkSize)
	}
	return &gridObject{chunks: s.chunks, ctx: context.WithoutCancel(ctx), id: f.ID, size: f.Length, chunkSize: int64(f.ChunkSize)}, nil
}

// gridObject reads a blob's chunks in order from pos; a seek closes the
// cursor, and the next read opens one at the chunk that holds pos.
type gridObject struct {
	chunks    *mongo.Collection
	ctx       context.Context
	id        bson.ObjectID
	size      int64
	chunkSize int64

	pos    int64
	cursor *mongo.Cursor
	next   int32  // the chunk number the cursor gives next
	buf    []byte // the rest of the current chunk
}

// readTimeout bounds each round trip of a download.
const readTimeout = 30 * time.Second

func (o *gridObject) Size() int64 { return o.size }

func (o *gridObject) Read(p []byte) (int, error) {
	if o.pos >= o.size {
		return 0, io.EOF
	}
	if len(o.buf) == 0 {
		if err := o.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, o.buf)
	if rest := o.size - o.pos; int64(n) > rest {
		n = int(rest)
	}
	o.buf = o.buf[n:]
	o.pos += int64(n)
	return n, nil
}

// fill loads the chunk that holds pos into buf.
func (o *gridObject) fill() error {
	ctx, cancel := context.WithTimeout(o.ctx, readTimeout)
	defer cancel()
	want := int32(o.pos / o.chunkSize)
	if o.cursor == nil {
		cur, err := o.chunks.Find(ctx, bson.D{{Key: "files_id", Value: o.id}, {Key: "n", Value: bson.D{{Key: "$gte", Value: want}}}},
			options.Find().SetSort(bson.D{{Key: "n", Value: 1}}).SetBatchSize(chunksBatch))
		if err != nil {
			return fmt.Errorf("read blob: %w", err)
		}
		o.cursor, o.next = cur, want
	}
	if !o.cursor.Next(ctx) {
		if err := o.cursor.Err(); err != nil {
			return fmt.Errorf("read blob: %w", err)
		}
		return fmt.Errorf("read blob: chunk %d of %s is missing", want, o.id.Hex())
	}
	var c gridChunk
	if err := o.cursor.Decode(&c); err != nil {
		return fmt.Errorf("read blob chunk: %w", err)
	}
	if c.N != o.next {
		return fmt.Errorf("read blob: chunk %d of %s is missing", o.next, o.id.Hex())
	}
	o.next++
	skip := o.pos - int64(c.N)*o.chunkSize
	if skip < 0 || skip > int64(len(c.Data)) {
		return fmt.Errorf("read blob: chunk %d of %s has the wrong size", c.N, o.id.Hex())
	}
	o.buf = c.Data[skip:]
	if len(o.buf) == 0 {
		return fmt.Errorf("read blob: chunk %d of %s is empty", c.N, o.id.Hex())
	}
	return nil
}

func (o *gridObject) Seek(offset int64, whence int) (int64, error) {
	var pos int64
	switch whence {
	case io.SeekStart:
		pos = offset
	case io.SeekCurrent:
		pos = o.pos + offset
	case io.SeekEnd:
		pos = o.size + offset
	default:
		return o.pos, errors.New("blob: bad whence")
	}
	if pos < 0 {
		return o.pos, errors.New("blob: seek before the start")
	}
	if pos != o.pos {
		o.closeCursor()
		o.pos, o.buf = pos, nil
	}
	return pos, nil
}

func (o *gridObject) closeCursor() {
	if o.cursor != nil {
		_ = o.cursor.Close(context.WithoutCancel(o.ctx))
		o.cursor = nil
	}
}

func (o *gridObject) Close() error {
	o.closeCursor()
	return nil
}

// Delete implements Store. The files document goes first, on the condition
// that it was not touched since unusedSince; a Put of the same bytes that
// comes after finds no blob and names its own upload instead.
func (s *GridFSStore) Delete(ctx context.Context, sha string, unusedSince time.Time) (bool, error) {
	if !ValidSHA256(sha) {
		return false, nil
	}
	var f gridFile
	err := s.files.FindOne(ctx, bson.D{{Key: "filename", Value: sha}}).Decode(&f)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	res, err := s.files.DeleteOne(ctx, bson.D{{Key: "_id", Value: f.ID}, {Key: "filename", Value: sha},
		{Key: "metadata.touchedAt", Value: bson.D{{Key: "$lt", Value: mongodb.Millis(unusedSince)}}}})
	if err != nil || res.DeletedCount == 0 {
		return false, err
	}
	if _, err := s.chunks.DeleteMany(ctx, bson.D{{Key: "files_id", Value: f.ID}}); err != nil {
		return true, fmt.Errorf("delete blob chunks: %w", err)
	}
	return true, nil
}

// Sweep implements Store: uploads still under their temporary name that
// started before the given time.
func (s *GridFSStore) Sweep(ctx context.Context, before time.Time) (int, error) {
	cur, err := s.files.Find(ctx, bson.D{
		{Key: "filename", Value: bson.D{{Key: "$regex", Value: "^" + tmpPrefix}}},
		{Key: "uploadDate", Value: bson.D{{Key: "$lt", Value: mongodb.Millis(before)}}},
	}, options.Find().SetLimit(1000))
	if err != nil {
		return 0, err
	}
	var stale []gridFile
	if err := cur.All(ctx, &stale); err != nil {
		return 0, err
	}
	for _, f := range stale {
		s.remove(ctx, f.ID)
	}
	return len(stale), nil
}

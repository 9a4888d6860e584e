package blob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samspill/samspill/internal/mongodb"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

// backend is one store under test with what the suite needs to look inside it.
type backend struct {
	Store
	// leftovers counts what is stored besides whole blobs: temporary files,
	// chunks of no blob, partial uploads.
	leftovers func(t *testing.T) int
	// blobs counts the stored blobs.
	blobs func(t *testing.T) int
	// abandon leaves behind what a crash in the middle of an upload would.
	abandon func(t *testing.T, at time.Time)
	// atomic: concurrent writes may race (not on FerretDB, see mongotest).
	atomic bool
}

func forEachStore(t *testing.T, test func(t *testing.T, b backend)) {
	t.Run("file", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		s, err := NewFileStore(dir)
		if err != nil {
			t.Fatal(err)
		}
		count := func(t *testing.T, tmp bool) int {
			n := 0
			err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				if inTmp := filepath.Base(filepath.Dir(p)) == "tmp"; inTmp == tmp {
					n++
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		test(t, backend{Store: s, atomic: true,
			leftovers: func(t *testing.T) int { return count(t, true) },
			blobs:     func(t *testing.T) int { return count(t, false) },
			abandon: func(t *testing.T, at time.Time) {
				p := filepath.Join(dir, "tmp", "upload-crashed")
				if err := os.WriteFile(p, []byte("half a file"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(p, at, at); err != nil {
					t.Fatal(err)
				}
			}})
	})
	t.Run("gridfs", func(t *testing.T) {
		t.Parallel()
		db := mongotest.DB(t)
		if err := mongodb.EnsureIndexes(context.Background(), db, GridFSIndexes("blobs")); err != nil {
			t.Fatal(err)
		}
		s := NewGridFSStore(db, "blobs")
		countDocs := func(t *testing.T, c *mongo.Collection, filter bson.D) int {
			n, err := c.CountDocuments(context.Background(), filter)
			if err != nil {
				t.Fatal(err)
			}
			return int(n)
		}
		test(t, backend{Store: s, atomic: mongotest.AtomicUpdates(t),
			leftovers: func(t *testing.T) int {
				// Chunks that belong to no named blob, and files still partial.
				var named []gridFile
				cur, err := s.files.Find(context.Background(), bson.D{})
				if err != nil {
					t.Fatal(err)
				}
				if err := cur.All(context.Background(), &named); err != nil {
					t.Fatal(err)
				}
				n, ids := 0, bson.A{}
				for _, f := range named {
					if f.Metadata.Partial || f.Filename != f.Metadata.SHA256 {
						n++
					}
					ids = append(ids, f.ID)
				}
				return n + countDocs(t, s.chunks, bson.D{{Key: "files_id", Value: bson.D{{Key: "$nin", Value: ids}}}})
			},
			blobs: func(t *testing.T) int { return countDocs(t, s.files, bson.D{}) },
			abandon: func(t *testing.T, at time.Time) {
				old := s.now
				s.now = func() time.Time { return at }
				defer func() { s.now = old }()
				// An upload whose reader never ends stands for a crash: stop it
				// after its first chunks are written, without the cleanup.
				id := bson.NewObjectID()
				ctx := context.Background()
				if _, err := s.files.InsertOne(ctx, gridFile{ID: id, ChunkSize: chunkSize, UploadDate: at,
					Filename: tmpPrefix + id.Hex(), Metadata: gridMetadata{TouchedAt: at, Partial: true}}); err != nil {
					t.Fatal(err)
				}
				if _, err := s.chunks.InsertOne(ctx, gridChunk{FilesID: id, N: 0, Data: []byte("half a file")}); err != nil {
					t.Fatal(err)
				}
			}})
	})
}

func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func readAll(t *testing.T, s Store, sha string) []byte {
	t.Helper()
	o, err := s.Open(context.Background(), sha)
	if err != nil {
		t.Fatalf("open %s: %v", sha, err)
	}
	defer o.Close()
	b, err := io.ReadAll(o)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(b)) != o.Size() {
		t.Errorf("read %d bytes, size says %d", len(b), o.Size())
	}
	return b
}

func TestPutOpenAndDeduplicate(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		// Sizes around GridFS's chunk boundaries and batches.
		for i, n := range []int{0, 1, 1000, chunkSize - 1, chunkSize, chunkSize + 1, chunkSize*chunksBatch + 7, 3 << 20} {
			data := randomBytes(n, uint64(i))
			info, err := b.Put(ctx, bytes.NewReader(data), 10<<20)
			if err != nil {
				t.Fatalf("put %d bytes: %v", n, err)
			}
			if info.SHA256 != Sum(data) || info.Size != int64(n) || !info.Created {
				t.Errorf("put %d bytes: %+v", n, info)
			}
			if got := readAll(t, b, info.SHA256); !bytes.Equal(got, data) {
				t.Errorf("%d bytes: read back %d different bytes", n, len(got))
			}
			again, err := b.Put(ctx, bytes.NewReader(data), int64(n))
			if err != nil || again.SHA256 != info.SHA256 || again.Created {
				t.Errorf("second put of %d bytes: %+v %v", n, again, err)
			}
		}
		if n := b.blobs(t); n != 8 {
			t.Errorf("%d blobs stored, want 8 (one per content)", n)
		}
		if n := b.leftovers(t); n != 0 {
			t.Errorf("%d leftovers", n)
		}
		for _, sha := range []string{Sum([]byte("never stored")), "../../etc/passwd", "", "ABCDEF"} {
			if _, err := b.Open(ctx, sha); !errors.Is(err, ErrNotFound) {
				t.Errorf("open %q: %v", sha, err)
			}
		}
	})
}

func TestSeek(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		data := randomBytes(2*chunkSize*chunksBatch+123, 7)
		info, err := b.Put(context.Background(), bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		o, err := b.Open(context.Background(), info.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		defer o.Close()
		for _, c := range []struct {
			off   int64
			whnc  int
			start int64
			n     int
		}{
			{10, io.SeekStart, 10, 100},
			{chunkSize - 5, io.SeekStart, chunkSize - 5, 10}, // across a chunk boundary
			{-50, io.SeekEnd, int64(len(data)) - 50, 50},
			{3 * chunkSize, io.SeekStart, 3 * chunkSize, chunkSize * 2},
			{0, io.SeekStart, 0, 1}, // back to the start
			{chunkSize, io.SeekCurrent, chunkSize + 1, 3},
		} {
			pos, err := o.Seek(c.off, c.whnc)
			if err != nil || pos != c.start {
				t.Fatalf("seek %d/%d: %d %v", c.off, c.whnc, pos, err)
			}
			got := make([]byte, c.n)
			if _, err := io.ReadFull(o, got); err != nil {
				t.Fatalf("read %d at %d: %v", c.n, c.start, err)
			}
			if !bytes.Equal(got, data[c.start:c.start+int64(c.n)]) {
				t.Errorf("%d bytes at %d differ", c.n, c.start)
			}
		}
		if _, err := o.Seek(0, io.SeekEnd); err != nil {
			t.Fatal(err)
		}
		if n, err := o.Read(make([]byte, 10)); n != 0 || err != io.EOF {
			t.Errorf("read at the end: %d %v", n, err)
		}
	})
}

// failingReader gives n bytes, then fails like a client that went away.
type failingReader struct {
	r   io.Reader
	n   int
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, f.err
	}
	if len(p) > f.n {
		p = p[:f.n]
	}
	n, err := f.r.Read(p)
	f.n -= n
	return n, err
}

func TestFailedPutsLeaveNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		data := randomBytes(3*chunkSize*chunksBatch, 3)
		ctx := context.Background()
		if _, err := b.Put(ctx, bytes.NewReader(data), int64(len(data))-1); !errors.Is(err, ErrTooLarge) {
			t.Errorf("one byte over the limit: %v", err)
		}
		broken := errors.New("connection reset by peer")
		for _, cut := range []error{broken, io.ErrUnexpectedEOF} {
			// io.ErrUnexpectedEOF is what a multipart part says when the body stops early.
			if _, err := b.Put(ctx, &failingReader{r: bytes.NewReader(data), n: len(data)/2 + 17, err: cut}, int64(len(data))); !errors.Is(err, cut) {
				t.Errorf("interrupted (%v): %v", cut, err)
			}
		}
		cctx, cancel := context.WithCancel(ctx)
		r := &failingReader{r: bytes.NewReader(data), n: len(data) / 3, err: io.EOF}
		cancelling := io.MultiReader(r, readerFunc(func(p []byte) (int, error) { cancel(); return 0, nil }), bytes.NewReader(data))
		if _, err := b.Put(cctx, cancelling, 10*int64(len(data))); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled: %v", err)
		}
		if n := b.leftovers(t); n != 0 {
			t.Errorf("%d leftovers after failed uploads", n)
		}
		if n := b.blobs(t); n != 0 {
			t.Errorf("%d blobs after failed uploads", n)
		}
		// The limit itself is allowed.
		if _, err := b.Put(ctx, bytes.NewReader(data), int64(len(data))); err != nil {
			t.Errorf("at the limit: %v", err)
		}
	})
}

type readerFunc func(p []byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

func TestConcurrentIdenticalPutsStoreOneBlob(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		data := randomBytes(chunkSize*2+1, 11)
		const n = 6
		var mu sync.Mutex
		created := 0
		put := func() {
			info, err := b.Put(context.Background(), bytes.NewReader(data), int64(len(data)))
			if err != nil || info.SHA256 != Sum(data) {
				t.Errorf("put: %+v %v", info, err)
			}
			mu.Lock()
			if info.Created {
				created++
			}
			mu.Unlock()
		}
		if b.atomic {
			var wg sync.WaitGroup
			for i := 0; i < n; i++ {
				wg.Go(put)
			}
			wg.Wait()
		} else {
			for i := 0; i < n; i++ {
				put()
			}
		}
		if created != 1 || b.blobs(t) != 1 || b.leftovers(t) != 0 {
			t.Errorf("created %d times, %d blobs, %d leftovers", created, b.blobs(t), b.leftovers(t))
		}
		if got := readAll(t, b, Sum(data)); !bytes.Equal(got, data) {
			t.Error("content differs")
		}
	})
}

func TestDeleteSparesRecentlyUsedBlobs(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		data := []byte("Kulturplan 2025–2030")
		before := time.Now().Add(-time.Minute)
		info, err := b.Put(ctx, bytes.NewReader(data), 100)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := b.Delete(ctx, info.SHA256, before); ok || err != nil {
			t.Errorf("deleted a blob stored after the cut-off: %v %v", ok, err)
		}
		if ok, err := b.Delete(ctx, info.SHA256, time.Now().Add(time.Minute)); !ok || err != nil {
			t.Errorf("delete: %v %v", ok, err)
		}
		if _, err := b.Open(ctx, info.SHA256); !errors.Is(err, ErrNotFound) {
			t.Errorf("open after delete: %v", err)
		}
		if ok, err := b.Delete(ctx, info.SHA256, time.Now().Add(time.Minute)); ok || err != nil {
			t.Errorf("second delete: %v %v", ok, err)
		}
		// Stored again, it is a new blob.
		if again, err := b.Put(ctx, bytes.NewReader(data), 100); err != nil || !again.Created {
			t.Errorf("put after delete: %+v %v", again, err)
		}
		if b.blobs(t) != 1 || b.leftovers(t) != 0 {
			t.Errorf("%d blobs, %d leftovers", b.blobs(t), b.leftovers(t))
		}
		if ok, _ := b.Delete(ctx, "not-a-hash", time.Now()); ok {
			t.Error("deleted a bad name")
		}
	})
}

func TestSweepRemovesAbandonedUploads(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		b.abandon(t, time.Now().Add(-48*time.Hour))
		if _, err := b.Put(ctx, bytes.NewReader([]byte("whole")), 100); err != nil {
			t.Fatal(err)
		}
		if n := b.leftovers(t); n == 0 {
			t.Fatal("the abandoned upload left nothing to sweep")
		}
		if n, err := b.Sweep(ctx, time.Now().Add(-72*time.Hour)); n != 0 || err != nil {
			t.Errorf("sweeping older than the abandoned upload: %d %v", n, err)
		}
		if n, err := b.Sweep(ctx, time.Now().Add(-24*time.Hour)); n != 1 || err != nil {
			t.Errorf("sweep: %d %v", n, err)
		}
		if n := b.leftovers(t); n != 0 {
			t.Errorf("%d leftovers after the sweep", n)
		}
		if got := readAll(t, b, Sum([]byte("whole"))); string(got) != "whole" {
			t.Errorf("the sweep touched a whole blob: %q", got)
		}
	})
}

// Blobs in GridFS follow the specification: the driver's own bucket reads them.
func TestGridFSBucketReadsOurBlobs(t *testing.T) {
	db := mongotest.DB(t)
	ctx := context.Background()
	if err := mongodb.EnsureIndexes(ctx, db, GridFSIndexes("library")); err != nil {
		t.Fatal(err)
	}
	s := NewGridFSStore(db, "library")
	data := randomBytes(chunkSize*5+99, 5)
	info, err := s.Put(ctx, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := db.GridFSBucket(options.GridFSBucket().SetName("library")).DownloadToStreamByName(ctx, info.SHA256, &out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Errorf("the driver read %d different bytes", out.Len())
	}
}

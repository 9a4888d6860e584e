package mail

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/storetest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

// forEachStore runs one conformance test against both adapters.
func forEachStore(t *testing.T, test func(t *testing.T, s store)) {
	storetest.Each(t, SQLiteSchema, MongoIndexes,
		func(db *sqlitedb.DB) store { return NewSQLiteStore(db) },
		func(db *mongo.Database) store { return NewMongoStore(db) }, test)
}

// race runs fn n times at once where the store promises atomic single-document
// updates (SQLite, real MongoDB), and one after another on FerretDB, which does
// not (see mongotest.AtomicUpdates): the claiming logic is checked everywhere,
// the race where it can be.
func race(t *testing.T, s store, n int, fn func()) {
	t.Helper()
	if _, onMongo := s.(*mongoStore); onMongo && !mongotest.AtomicUpdates(t) {
		t.Log("FerretDB updates are not atomic: running the racing calls one by one")
		for i := 0; i < n; i++ {
			fn()
		}
		return
	}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn()
		}()
	}
	wg.Wait()
}

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newMessage(status Status, created, next time.Time) outboxMessage {
	return outboxMessage{
		ID: sqlitedb.NewID(), To: "kari.nordmann@example.no", Subject: "Invitasjon til «Kulturskoleledere i Vestland»",
		Text: "Hei!\nDu er invitert.", HTML: "<p>Hei!</p>", Kind: "network.invitation",
		Status: status, CreatedAt: created, NextAttemptAt: next,
	}
}

func enqueue(t *testing.T, s store, ms ...outboxMessage) {
	t.Helper()
	for _, m := range ms {
		if err := s.Enqueue(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
}

func mustGet(t *testing.T, s store, id string) outboxMessage {
	t.Helper()
	m, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func claim(t *testing.T, s store, now time.Time) (outboxMessage, bool) {
	t.Helper()
	m, ok, err := s.Claim(context.Background(), now, now.Add(lease))
	if err != nil {
		t.Fatal(err)
	}
	return m, ok
}

func isNotFound(err error) bool {
	return errors.Is(err, apperr.ErrNotFound) && apperr.CodeOf(err) == "mail.not_found"
}

func TestStoreEnqueueGetAndClaimOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		late := newMessage(StatusQueued, t0, t0.Add(2*time.Second))
		early := newMessage(StatusQueued, t0.Add(time.Second), t0.Add(time.Second))
		stored := newMessage(StatusStored, t0, time.Time{})
		future := newMessage(StatusQueued, t0, t0.Add(time.Hour))
		plain := newMessage(StatusQueued, t0, t0.Add(3*time.Second))
		plain.HTML, plain.Kind = "", ""
		enqueue(t, s, late, early, stored, future, plain)

		if got := mustGet(t, s, late.ID); got != late {
			t.Errorf("read back\n%+v\nwrote\n%+v", got, late)
		}
		if got := mustGet(t, s, plain.ID); got != plain {
			t.Errorf("read back\n%+v\nwrote\n%+v", got, plain)
		}
		if err := s.Enqueue(ctx, late); err == nil {
			t.Error("a second message with the same id was accepted")
		}

		// Due messages come out in due order; stored and future ones never.
		now := t0.Add(10 * time.Second)
		var order []string
		for {
			m, ok := claim(t, s, now)
			if !ok {
				break
			}
			if m.Status != StatusSending || !m.LeaseUntil.Equal(now.Add(lease)) || m.Attempts != 1 {
				t.Errorf("claimed %+v", m)
			}
			order = append(order, m.ID)
		}
		if want := []string{early.ID, late.ID, plain.ID}; !slices.Equal(order, want) {
			t.Errorf("claimed %v, want %v", order, want)
		}
		got := mustGet(t, s, early.ID)
		if got.Status != StatusSending || got.Attempts != 1 || !got.LeaseUntil.Equal(now.Add(lease)) {
			t.Errorf("after claim: %+v", got)
		}
		if got := mustGet(t, s, stored.ID); got.Status != StatusStored || got.Attempts != 0 {
			t.Errorf("a stored message was touched: %+v", got)
		}
		for _, id := range order {
			if err := s.MarkSent(ctx, id, now); err != nil {
				t.Fatal(err)
			}
		}
		if m, ok := claim(t, s, t0.Add(time.Hour)); !ok || m.ID != future.ID {
			t.Errorf("the future message when due: %v %+v", ok, m)
		}
	})
}

func TestStoreNotFound(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		for _, id := range []string{sqlitedb.NewID(), "not-an-id"} {
			if _, err := s.Get(ctx, id); !isNotFound(err) {
				t.Errorf("Get(%q): %v", id, err)
			}
			if err := s.MarkSent(ctx, id, t0); !isNotFound(err) {
				t.Errorf("MarkSent(%q): %v", id, err)
			}
			if err := s.MarkFailed(ctx, id, t0, "x", t0, false); !isNotFound(err) {
				t.Errorf("MarkFailed(%q): %v", id, err)
			}
		}
	})
}

func TestStoreLease(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		m := newMessage(StatusQueued, t0, t0)
		enqueue(t, s, m)
		if got, ok := claim(t, s, t0); !ok || got.ID != m.ID {
			t.Fatalf("first claim: %v %+v", ok, got)
		}
		// While the lease holds, nobody else gets it.
		for _, at := range []time.Time{t0, t0.Add(time.Minute), t0.Add(lease - time.Millisecond)} {
			if got, ok := claim(t, s, at); ok {
				t.Errorf("claimed again at %v, before the lease ended: %+v", at, got)
			}
		}
		// The worker died: when the lease ends, the message is claimed again.
		again, ok := claim(t, s, t0.Add(lease))
		if !ok || again.ID != m.ID || again.Attempts != 2 || !again.LeaseUntil.Equal(t0.Add(2*lease)) {
			t.Fatalf("after the lease: %v %+v", ok, again)
		}
		if _, ok := claim(t, s, t0.Add(lease+time.Second)); ok {
			t.Error("claimed during the new lease")
		}
	})
}

func TestStoreRacingClaims(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		const n = 8
		want := make([]string, n)
		for i := range n {
			m := newMessage(StatusQueued, t0, t0.Add(time.Duration(i)*time.Millisecond))
			enqueue(t, s, m)
			want[i] = m.ID
		}
		var mu sync.Mutex
		var got []string
		race(t, s, 2*n, func() {
			m, ok, err := s.Claim(context.Background(), t0.Add(time.Second), t0.Add(time.Minute))
			if err != nil {
				t.Error(err)
				return
			}
			if ok {
				mu.Lock()
				got = append(got, m.ID)
				mu.Unlock()
			}
		})
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%d racing claims took %v, want each of %v once", 2*n, got, want)
		}
	})
}

func TestStoreMarkFailedAndSent(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		m := newMessage(StatusQueued, t0, t0)
		enqueue(t, s, m)
		claim(t, s, t0)

		at, retry := t0.Add(3*time.Second), t0.Add(3*time.Second+time.Minute)
		if err := s.MarkFailed(ctx, m.ID, at, "451 try later", retry, false); err != nil {
			t.Fatal(err)
		}
		got := mustGet(t, s, m.ID)
		if got.Status != StatusQueued || got.LastError != "451 try later" || !got.NextAttemptAt.Equal(retry) ||
			!got.LastAttemptAt.Equal(at) || !got.LeaseUntil.IsZero() || got.Attempts != 1 {
			t.Errorf("after a failed attempt: %+v", got)
		}
		if _, ok := claim(t, s, retry.Add(-time.Millisecond)); ok {
			t.Error("claimed before the retry was due")
		}
		if c, ok := claim(t, s, retry); !ok || c.Attempts != 2 {
			t.Fatalf("retry: %v %+v", ok, c)
		}

		if err := s.MarkFailed(ctx, m.ID, retry.Add(time.Second), "550 no such user", time.Time{}, true); err != nil {
			t.Fatal(err)
		}
		got = mustGet(t, s, m.ID)
		if got.Status != StatusFailed || got.LastError != "550 no such user" || !got.NextAttemptAt.IsZero() ||
			!got.LeaseUntil.IsZero() || got.Attempts != 2 {
			t.Errorf("after the final failure: %+v", got)
		}
		if c, ok := claim(t, s, t0.Add(24*time.Hour)); ok {
			t.Errorf("a failed message was claimed: %+v", c)
		}

		// A message that failed once and then went out.
		ok := newMessage(StatusQueued, t0, t0)
		enqueue(t, s, ok)
		claim(t, s, t0)
		if err := s.MarkFailed(ctx, ok.ID, t0, "timeout", t0.Add(time.Minute), false); err != nil {
			t.Fatal(err)
		}
		claim(t, s, t0.Add(time.Minute))
		sent := t0.Add(time.Minute + time.Second)
		if err := s.MarkSent(ctx, ok.ID, sent); err != nil {
			t.Fatal(err)
		}
		got = mustGet(t, s, ok.ID)
		if got.Status != StatusSent || !got.SentAt.Equal(sent) || !got.LastAttemptAt.Equal(sent) ||
			got.LastError != "" || got.Attempts != 2 || !got.LeaseUntil.IsZero() || !got.NextAttemptAt.IsZero() {
			t.Errorf("after sending: %+v", got)
		}
		if c, ok := claim(t, s, t0.Add(24*time.Hour)); ok {
			t.Errorf("a sent message was claimed: %+v", c)
		}
	})
}

func TestStoreListNewestFirstAcrossPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		statuses := []Status{StatusStored, StatusQueued, StatusSent, StatusFailed}
		var all []outboxMessage
		for i := range 23 {
			// Pairs share a creation time, so the id decides between them.
			m := newMessage(statuses[i%len(statuses)], t0.Add(time.Duration(i/2)*time.Second), time.Time{})
			m.Subject = fmt.Sprintf("message %d", i)
			all = append(all, m)
		}
		enqueue(t, s, all...)
		sort.Slice(all, func(i, j int) bool {
			if !all[i].CreatedAt.Equal(all[j].CreatedAt) {
				return all[i].CreatedAt.After(all[j].CreatedAt)
			}
			return all[i].ID > all[j].ID
		})

		for _, status := range []Status{"", StatusQueued, StatusSending} {
			var want []string
			for _, m := range all {
				if status == "" || m.Status == status {
					want = append(want, m.ID)
				}
			}
			var got []string
			var after *paging.Cursor
			for pages := 0; ; pages++ {
				if pages > 30 {
					t.Fatal("paging does not end")
				}
				ms, err := s.List(ctx, listQuery{Status: status, Limit: 4, After: after})
				if err != nil {
					t.Fatal(err)
				}
				page := paging.Build(ms, 4, cursorOf)
				for _, m := range page.Items {
					got = append(got, m.ID)
				}
				if page.NextCursor == "" {
					break
				}
				if after, err = paging.Decode(page.NextCursor); err != nil {
					t.Fatal(err)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("status %q: listed\n%v\nwant\n%v", status, got, want)
			}
		}

		for _, bad := range []paging.Cursor{{Key: "yesterday", ID: all[0].ID}} {
			if _, err := s.List(ctx, listQuery{Limit: 4, After: &bad}); !errors.Is(err, apperr.ErrInvalid) {
				t.Errorf("cursor %+v: %v", bad, err)
			}
		}
	})
}

func TestStoreDeleteOlderThan(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		cut := t0.Add(-Keep)
		old := cut.Add(-time.Hour)
		var oldDone []outboxMessage
		for _, st := range []Status{StatusStored, StatusSent, StatusFailed} {
			oldDone = append(oldDone, newMessage(st, old, time.Time{}))
		}
		oldQueued := newMessage(StatusQueued, old, t0)
		young := newMessage(StatusSent, cut, time.Time{})
		enqueue(t, s, append(oldDone, oldQueued, young)...)

		n, err := s.DeleteOlderThan(ctx, cut)
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("deleted %d messages, want 3", n)
		}
		for _, m := range oldDone {
			if _, err := s.Get(ctx, m.ID); !isNotFound(err) {
				t.Errorf("old %s message kept: %v", m.Status, err)
			}
		}
		mustGet(t, s, oldQueued.ID) // still to be sent: kept
		mustGet(t, s, young.ID)
	})
}

func TestSQLiteQueriesUseIndexes(t *testing.T) {
	db := sqlitedb.TestDB(t, SQLiteSchema)
	s := NewSQLiteStore(db)
	for i := range 50 {
		enqueue(t, s, newMessage([]Status{StatusSent, StatusQueued}[i%2], t0.Add(time.Duration(i)*time.Second), t0))
	}
	if _, err := db.Write.Exec(`ANALYZE`); err != nil {
		t.Fatal(err)
	}
	after := &paging.Cursor{Key: "1795608000000", ID: "0123456789abcdef01234567"}
	for _, q := range []listQuery{
		{Limit: 20},
		{Limit: 20, After: after},
		{Status: StatusFailed, Limit: 20},
		{Status: StatusQueued, Limit: 20, After: after},
	} {
		query, args, err := listSQL(q)
		if err != nil {
			t.Fatal(err)
		}
		plan := sqlitedb.AssertUsesIndex(t, db, true, query, args...)
		t.Logf("%+v:\n%s", q, plan)
	}
	now := sqlitedb.Millis(t0)
	for _, query := range []string{claimExpiredSQL, claimQueuedSQL} {
		plan := sqlitedb.AssertUsesIndex(t, db, true, query, sql.Named("now", now), sql.Named("lease", now))
		t.Logf("%s\n%s", query, plan)
	}
	plan := sqlitedb.AssertUsesIndex(t, db, false, deleteOlderSQL, now)
	t.Logf("%s\n%s", deleteOlderSQL, plan)
}

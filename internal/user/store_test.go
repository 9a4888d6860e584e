package user

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/mongodb/mongotest"
	"github.com/samspill/samspill/internal/sqlitedb"
	"github.com/samspill/samspill/internal/storetest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

func forEachStore(t *testing.T, test func(t *testing.T, s store)) {
	storetest.Each(t, SQLiteSchema, MongoIndexes,
		func(db *sqlitedb.DB) store { return NewSQLiteStore(db) },
		func(db *mongo.Database) store { return NewMongoStore(db) }, test)
}

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 123_000_000, time.UTC)

func sample(email string) User {
	return User{ID: sqlitedb.NewID(), Email: email, Name: "Kari Nordmann", OrgID: "0123456789abcdef01234567",
		JobTitle: "Kultursjef", JobField: JobCultureHead, SiteRole: auth.RoleMember, Language: "nb",
		PasswordHash: "$argon2id$…", CreatedAt: t0, UpdatedAt: t0}
}

func TestStoreUsers(t *testing.T) {
	forEachStore(t, func(t *testing.T, s store) {
		ctx := context.Background()
		kari := sample("Kari.Nordmann@Fyresdal.kommune.no")
		if err := s.Create(ctx, kari); err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, kari.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got != kari {
			t.Errorf("read back\n%+v\nwrote\n%+v", got, kari)
		}
		byEmail, err := s.GetByEmail(ctx, "kari.nordmann@fyresdal.kommune.no")
		if err != nil || byEmail.ID != kari.ID || byEmail.Email != kari.Email {
			t.Errorf("GetByEmail = %+v, %v", byEmail, err)
		}

		// Email is unique whatever its case.
		dup := sample("KARI.NORDMANN@fyresdal.kommune.no")
		if err := s.Create(ctx, dup); apperr.CodeOf(err) != "user.email_taken" || !errors.Is(err, apperr.ErrConflict) {
			t.Errorf("duplicate email: %v", err)
		}

		kari.Name, kari.JobTitle, kari.JobField, kari.Language, kari.SiteRole = "Kari N.", "Kulturrådgiver", JobAdviser, "nn", auth.RoleAdviser
		kari.UpdatedAt = t0.Add(time.Hour)
		if err := s.Update(ctx, kari); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPassword(ctx, kari.ID, "$argon2id$new"); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Get(ctx, kari.ID)
		kari.PasswordHash = "$argon2id$new"
		if got != kari {
			t.Errorf("after update\n%+v\nwant\n%+v", got, kari)
		}

		other := sample("ola@voss.kommune.no")
		if err := s.Create(ctx, other); err != nil {
			t.Fatal(err)
		}
		if n, err := s.Count(ctx); err != nil || n != 2 {
			t.Errorf("Count = %d, %v", n, err)
		}

		for _, id := range []string{"0123456789abcdef01234567", "junk"} {
			if _, err := s.Get(ctx, id); !errors.Is(err, apperr.ErrNotFound) {
				t.Errorf("Get(%s) = %v", id, err)
			}
			if err := s.Update(ctx, User{ID: id, UpdatedAt: t0}); !errors.Is(err, apperr.ErrNotFound) {
				t.Errorf("Update(%s) = %v", id, err)
			}
			if err := s.SetPassword(ctx, id, "x"); !errors.Is(err, apperr.ErrNotFound) {
				t.Errorf("SetPassword(%s) = %v", id, err)
			}
		}
		if _, err := s.GetByEmail(ctx, "nobody@example.no"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("GetByEmail unknown = %v", err)
		}
	})
}

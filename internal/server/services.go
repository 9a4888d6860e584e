package server

import (
	"log/slog"
	"time"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/user"
)

// Services are the features, wired to their stores.
type Services struct {
	Orgs  *org.Service
	Users *user.Service
	Auth  *auth.Service
}

// NewServices builds every service on st. now is time.Now outside tests.
func NewServices(st *Storage, jwtSecret []byte, now func() time.Time, log *slog.Logger) *Services {
	var s Services
	if st.SQLite != nil {
		s.Orgs = org.NewService(org.NewSQLiteStore(st.SQLite))
		s.Users = user.NewService(user.NewSQLiteStore(st.SQLite), s.Orgs, now)
		s.Auth = auth.NewService(auth.NewSQLiteStore(st.SQLite), s.Users, auth.NewTokens(jwtSecret, now), now, log)
	} else {
		s.Orgs = org.NewService(org.NewMongoStore(st.Mongo))
		s.Users = user.NewService(user.NewMongoStore(st.Mongo), s.Orgs, now)
		s.Auth = auth.NewService(auth.NewMongoStore(st.Mongo), s.Users, auth.NewTokens(jwtSecret, now), now, log)
	}
	return &s
}

package server

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/config"
	"github.com/samspill/samspill/internal/extract"
	"github.com/samspill/samspill/internal/forum"
	"github.com/samspill/samspill/internal/library"
	"github.com/samspill/samspill/internal/mail"
	"github.com/samspill/samspill/internal/markdown"
	"github.com/samspill/samspill/internal/network"
	"github.com/samspill/samspill/internal/org"
	"github.com/samspill/samspill/internal/search"
	"github.com/samspill/samspill/internal/user"
)

// Services are the features, wired to their stores and to each other.
type Services struct {
	Orgs     *org.Service
	Users    *user.Service
	Auth     *auth.Service
	Mail     *mail.Service
	Networks *network.Service
	Forum    *forum.Service
	Library  *library.Service
	Search   *search.Service
	// SearchIndexer follows the change log into this replica's index.
	SearchIndexer *search.Indexer
	searchChanges *search.Changes
}

// NewServices builds every service on st. now is time.Now outside tests.
func NewServices(cfg config.Config, st *Storage, jwtSecret []byte, now func() time.Time, log *slog.Logger) (*Services, error) {
	var sender mail.Sender
	if cfg.SMTPURL != "" {
		smtp, err := mail.NewSMTP(cfg.SMTPURL)
		if err != nil {
			return nil, fmt.Errorf("SAMSPILL_SMTP_URL: %w", err)
		}
		sender = smtp
	}
	var s Services
	tokens := auth.NewTokens(jwtSecret, now)
	var searchStore search.Store
	if st.SQLite != nil {
		searchStore = search.NewSQLiteStore(st.SQLite)
	} else {
		searchStore = search.NewMongoStore(st.Mongo)
	}
	s.searchChanges = search.NewChanges(searchStore, now, log)
	if st.SQLite != nil {
		s.Orgs = org.NewService(org.NewSQLiteStore(st.SQLite))
		s.Users = user.NewService(user.NewSQLiteStore(st.SQLite), s.Orgs, now)
		s.Auth = auth.NewService(auth.NewSQLiteStore(st.SQLite), s.Users, tokens, now, log)
		s.Mail = mail.NewService(mail.NewSQLiteStore(st.SQLite), sender, now, log)
		s.Networks = network.NewService(network.NewSQLiteStore(st.SQLite), networkDeps(cfg, &s, jwtSecret, now, log))
		s.Forum = forum.NewService(forum.NewSQLiteStore(st.SQLite), forumDeps(&s, now, log))
		s.Library = library.NewService(library.NewSQLiteStore(st.SQLite), libraryDeps(cfg, &s, st, jwtSecret, now, log))
	} else {
		s.Orgs = org.NewService(org.NewMongoStore(st.Mongo))
		s.Users = user.NewService(user.NewMongoStore(st.Mongo), s.Orgs, now)
		s.Auth = auth.NewService(auth.NewMongoStore(st.Mongo), s.Users, tokens, now, log)
		s.Mail = mail.NewService(mail.NewMongoStore(st.Mongo), sender, now, log)
		s.Networks = network.NewService(network.NewMongoStore(st.Mongo), networkDeps(cfg, &s, jwtSecret, now, log))
		s.Forum = forum.NewService(forum.NewMongoStore(st.Mongo), forumDeps(&s, now, log))
		s.Library = library.NewService(library.NewMongoStore(st.Mongo), libraryDeps(cfg, &s, st, jwtSecret, now, log))
	}
	s.Users.OnProfileChange(s.Networks.ProfileChanged)
	s.Search = search.NewService(st.Search, searchStore, searchNetworks{networks: s.Networks}, searchOrgs{orgs: s.Orgs}, now)
	s.SearchIndexer = search.NewIndexer(searchStore, st.Search,
		searchSource{forum: s.Forum, library: s.Library, networks: s.Networks, users: s.Users, orgs: s.Orgs}, s.searchChanges, now, log)
	return &s, nil
}

func networkDeps(cfg config.Config, s *Services, jwtSecret []byte, now func() time.Time, log *slog.Logger) network.Deps {
	return network.Deps{
		People:        people{users: s.Users, orgs: s.Orgs},
		Orgs:          orgDirectory{orgs: s.Orgs},
		Mail:          mailer{mail: s.Mail},
		Render:        markdown.Render,
		Excerpt:       markdown.Plain,
		InvitationKey: subKey(jwtSecret, "network invitations"),
		BaseURL:       cfg.BaseURL,
		Now:           now,
		Log:           log,
		Changes:       s.searchChanges,
	}
}

func forumDeps(s *Services, now func() time.Time, log *slog.Logger) forum.Deps {
	return forum.Deps{
		Networks: forumNetworks{networks: s.Networks},
		People:   forumPeople{people{users: s.Users, orgs: s.Orgs}},
		Changes:  s.searchChanges,
		// The library is built after the forum: the adapter reads s.Library when called.
		Attachments: forumAttachments{svc: s},
		Render:      markdown.Render,
		Excerpt:     markdown.Plain,
		Now:         now,
		Log:         log,
	}
}

func libraryDeps(cfg config.Config, s *Services, st *Storage, jwtSecret []byte, now func() time.Time, log *slog.Logger) library.Deps {
	return library.Deps{
		Networks:  libraryNetworks{networks: s.Networks},
		People:    libraryPeople{people{users: s.Users, orgs: s.Orgs}},
		Blobs:     st.Blobs,
		Topics:    network.Topics,
		Render:    markdown.Render,
		Excerpt:   markdown.Plain,
		MaxUpload: cfg.MaxUploadBytes,
		LinkKey:   subKey(jwtSecret, "library download links"),
		Changes:   s.searchChanges,
		Extract:   extractText,
		Now:       now,
		Log:       log,
	}
}

// subKey derives a key for one purpose from the server secret, so a key used for
// one kind of token can never verify another kind.
func subKey(secret []byte, purpose string) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(purpose))
	return h.Sum(nil)
}

// SearchSweep trims the search change log to a week: every replica has applied
// it long before, and a replica that was away longer rebuilds its index.
func (s *Services) SearchSweep(ctx context.Context) error {
	return s.searchChanges.Trim(ctx, 7*24*time.Hour)
}

// extractText reads the text inside a library file in a child process (see
// extract.Isolated), so a hostile document cannot hang or exhaust the server.
func extractText(ctx context.Context, r io.Reader, mediaType string) (string, error) {
	text, err := extract.Isolated{}.Text(ctx, r, mediaType)
	if errors.Is(err, extract.ErrUnsupported) {
		return "", library.ErrNoText
	}
	return text, err
}

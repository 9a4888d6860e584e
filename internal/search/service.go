package search

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
)

// Networks tells the search what the searcher may see, from the live network
// data (never from the index, which may lag).
type Networks interface {
	SearchAccess(ctx context.Context) (Access, error)
	// Names returns the current names of networks, by id.
	Names(ctx context.Context, ids []string) (map[string]string, error)
}

// Orgs names organisations for the organisation filter's counts.
type Orgs interface {
	OrgNames(ctx context.Context, ids []string) (map[string]string, error)
}

// Service answers searches.
type Service struct {
	engine   Engine
	store    store
	networks Networks
	orgs     Orgs
	now      func() time.Time
}

// NewService returns the search service.
func NewService(e Engine, s store, n Networks, o Orgs, now func() time.Time) *Service {
	return &Service{engine: e, store: s, networks: n, orgs: o, now: now}
}

// MaxQuery is the longest query accepted, in characters.
const MaxQuery = 500

// SearchInput is a search from the web app.
type SearchInput struct {
	Query string `query:"q" maxLength:"500" doc:"What to look for; \"quoted words\" must appear together"`
	// The filters take comma-separated values: a result matches one of the
	// values of each filter given.
	Types    []string `query:"type" maxItems:"5" enum:"thread,post,resource,network,person" doc:"Only these kinds of result"`
	Networks []string `query:"network" maxItems:"20" doc:"Only in these networks (ids)"`
	Counties []string `query:"county" maxItems:"20" pattern:"^[0-9]{2}$" doc:"Only from organisations in these counties (county numbers)"`
	OrgIDs   []string `query:"org" maxItems:"20" doc:"Only from these organisations"`
	Kinds    []string `query:"kind" maxItems:"20" doc:"Resource kinds or thread kinds"`
	Topics   []string `query:"topic" maxItems:"20"`
	Years    []int    `query:"year" maxItems:"20" minimum:"1900" maximum:"3000"`
	Sort     string   `query:"sort" enum:"relevance,date" doc:"relevance by default"`
	Limit    int      `query:"limit" minimum:"0" maximum:"50"`
	Cursor   string   `query:"cursor"`
}

// filtered reports whether any filter is in use.
func (in SearchInput) filtered() bool {
	return len(in.Types)+len(in.Networks)+len(in.Counties)+len(in.OrgIDs)+len(in.Kinds)+len(in.Topics)+len(in.Years) > 0
}

// Result is a hit as the web app shows it.
type Result struct {
	ID          string    `json:"id"`
	Type        string    `json:"type" enum:"thread,post,resource,network,person"`
	Title       string    `json:"title"`
	Snippet     string    `json:"snippet" doc:"Safe HTML with the matching words in <mark>"`
	Link        string    `json:"link" doc:"Path in the web app"`
	NetworkID   string    `json:"networkId,omitempty"`
	NetworkName string    `json:"networkName,omitempty"`
	OrgName     string    `json:"orgName,omitempty"`
	County      string    `json:"county,omitempty"`
	Kind        string    `json:"kind,omitempty"`
	Year        int       `json:"year,omitempty"`
	Date        time.Time `json:"date"`
}

// Page is a page of results with counts per filter value.
type Page struct {
	Items      []Result           `json:"items"`
	NextCursor string             `json:"nextCursor,omitempty"`
	Total      uint64             `json:"total"`
	Facets     map[string][]Facet `json:"facets" doc:"Counts per value of type, networkId, county, orgId, kind, topics and year; networks and organisations are labelled with their names"`
	// Hint helps when nothing was found.
	Hint string `json:"hint,omitempty" enum:"remove_filters,check_spelling"`
	// Correction is the query spelled as titles you may read spell it, offered
	// when nothing was found and it finds something.
	Correction string `json:"correction,omitempty"`
}

func (in SearchInput) validate() error {
	var v apperr.Validation
	q := strings.TrimSpace(in.Query)
	if v.Check(q != "", "q", apperr.FieldRequired, "type what to look for") {
		v.Check(utf8.RuneCountInString(q) <= MaxQuery, "q", apperr.FieldTooLong, "the search text can have at most 500 characters")
	}
	for _, t := range in.Types {
		if !v.Check(validType(t), "type", apperr.FieldInvalid, "unknown result type") {
			break
		}
	}
	v.Check(in.Sort == "" || in.Sort == "relevance" || in.Sort == "date", "sort", apperr.FieldInvalid, "relevance or date")
	return v.Err()
}

func validType(t string) bool {
	for _, x := range Types {
		if x == t {
			return true
		}
	}
	return false
}

// Search runs a search as the asker.
func (s *Service) Search(ctx context.Context, in SearchInput) (Page, error) {
	if _, err := auth.Require(ctx); err != nil {
		return Page{}, err
	}
	if err := in.validate(); err != nil {
		return Page{}, err
	}
	after, err := decodeCursor(in.Cursor)
	if err != nil {
		return Page{}, err
	}
	limit := in.Limit
	if limit == 0 {
		limit = 20
	}
	access, err := s.networks.SearchAccess(ctx)
	if err != nil {
		return Page{}, err
	}
	res, err := s.engine.Search(ctx, Query{Text: in.Query, Types: in.Types, Networks: in.Networks, Counties: in.Counties,
		OrgIDs: in.OrgIDs, Kinds: in.Kinds, Topics: in.Topics, Years: in.Years, Sort: in.Sort, Limit: limit, After: after, Access: access})
	if err != nil {
		return Page{}, err
	}
	page := Page{Items: []Result{}, Total: res.Total, Facets: res.Facets}
	hits := res.Hits
	if len(hits) > limit {
		hits = hits[:limit]
		page.NextCursor = encodeCursor(hits[limit-1].Sort)
	}
	var ids []string
	for _, h := range hits {
		if h.NetworkID != "" {
			ids = append(ids, h.NetworkID)
		}
	}
	for _, f := range res.Facets["networkId"] {
		ids = append(ids, f.Value)
	}
	names, err := s.networks.Names(ctx, ids)
	if err != nil {
		return Page{}, err
	}
	for i, f := range res.Facets["networkId"] {
		res.Facets["networkId"][i].Label = names[f.Value]
	}
	if orgs := res.Facets["orgId"]; len(orgs) > 0 {
		ids := make([]string, len(orgs))
		for i, f := range orgs {
			ids[i] = f.Value
		}
		orgNames, err := s.orgs.OrgNames(ctx, ids)
		if err != nil {
			return Page{}, err
		}
		for i, f := range orgs {
			orgs[i].Label = orgNames[f.Value]
		}
	}
	for _, h := range hits {
		page.Items = append(page.Items, Result{ID: h.ID, Type: h.Type, Title: h.Title, Snippet: h.Snippet, Link: h.Link,
			NetworkID: h.NetworkID, NetworkName: names[h.NetworkID], OrgName: h.OrgName, County: h.County, Kind: h.Kind,
			Year: h.Year, Date: h.Date})
	}
	if res.Total == 0 {
		page.Hint = "check_spelling"
		if in.filtered() {
			page.Hint = "remove_filters"
		}
		if page.Correction, err = s.correction(ctx, in.Query, access); err != nil {
			return Page{}, err
		}
	}
	if in.Cursor == "" {
		s.count(ctx, in, res.Total == 0)
	}
	return page, nil
}

// correction is a respelling of q that finds something, or "".
func (s *Service) correction(ctx context.Context, q string, access Access) (string, error) {
	c, err := s.engine.Correct(ctx, q, access)
	if err != nil || c == "" {
		return "", err
	}
	res, err := s.engine.Search(ctx, Query{Text: c, Limit: 0, Access: access})
	if err != nil || res.Total == 0 {
		return "", err
	}
	return c, nil
}

// count keeps the search statistics: no names, only what was searched.
func (s *Service) count(ctx context.Context, in SearchInput, empty bool) {
	q := strings.Join(strings.Fields(strings.ToLower(in.Query)), " ")
	if len(q) > 200 {
		return // long texts are not "searches people make" and only bloat the list
	}
	day := s.now().UTC().Truncate(24 * time.Hour)
	_ = s.store.CountQuery(context.WithoutCancel(ctx), "", q, day, empty)
	for _, network := range in.Networks {
		_ = s.store.CountQuery(context.WithoutCancel(ctx), network, q, day, empty)
	}
}

func encodeCursor(sort []string) string {
	b, _ := json.Marshal(sort)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	var v []string
	if err == nil {
		err = json.Unmarshal(b, &v)
	}
	if err != nil || len(v) != 2 {
		return nil, apperr.Invalid("validation.failed", "the cursor is not valid",
			apperr.FieldError{Field: "cursor", Code: apperr.FieldInvalid, Message: "not a cursor of this search"})
	}
	return v, nil
}

// Suggestion is a title that starts with what has been typed.
type Suggestion struct {
	Type  string `json:"type" enum:"thread,post,resource,network,person"`
	Title string `json:"title"`
	Link  string `json:"link"`
}

// Suggest returns up to eight titles for what has been typed (two characters on).
func (s *Service) Suggest(ctx context.Context, q string) ([]Suggestion, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(q) > 100 {
		return []Suggestion{}, nil
	}
	access, err := s.networks.SearchAccess(ctx)
	if err != nil {
		return nil, err
	}
	hits, err := s.engine.Suggest(ctx, q, access, 8)
	if err != nil {
		return nil, err
	}
	out := make([]Suggestion, len(hits))
	for i, h := range hits {
		out[i] = Suggestion{Type: h.Type, Title: h.Title, Link: h.Link}
	}
	return out, nil
}

// Insight lists the most frequent searches and those that found nothing.
type Insight struct {
	Top   []QueryCount `json:"top"`
	Empty []QueryCount `json:"empty" doc:"Searches that found nothing: what knowledge is missing"`
}

// Insight shows search statistics to KS advisers and administrators, overall
// or for one network (whose searches were made inside it).
func (s *Service) Insight(ctx context.Context, networkID string, days int) (Insight, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return Insight{}, err
	}
	if !p.IsAdviser() {
		return Insight{}, apperr.Forbidden("search.advisers_only", "search statistics are for KS advisers and administrators")
	}
	if days <= 0 || days > 365 {
		days = 90
	}
	since := s.now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -days)
	top, err := s.store.TopQueries(ctx, networkID, since, false, 20)
	if err != nil {
		return Insight{}, err
	}
	empty, err := s.store.TopQueries(ctx, networkID, since, true, 20)
	return Insight{Top: top, Empty: empty}, err
}

package main

import (
	"context"
	"net/url"
)

// Scenario is one kind of load. Start is called once per client before the
// warm-up (log in, pick a random source, …) and returns that client's Op; the
// runner then calls Op in a loop, one HTTP request per call, and times it.
type Scenario struct {
	Name  string
	About string
	Start func(ctx context.Context, e *Env, client int) (Op, error)
}

// Op sends one request and returns its Result (Env.Get and Env.PostJSON make one).
// An Op may keep state between calls: each client has its own.
type Op func(ctx context.Context) Result

// scenarios is every load the bench knows, in the order it runs them. To add one,
// append an entry here and write its Start below; nothing else needs to change.
// login stays last: its argon2id hashes grow the server's heap, and Go hands
// memory back to the OS only slowly, so any row after it would show login's RSS.
var scenarios = []Scenario{
	{Name: "me", About: "GET /me with a bearer token per client, obtained before the warm-up", Start: startMe},
	{Name: "orgs-list", About: "GET /orgs?limit=50, the first page", Start: startOrgsList},
	{Name: "orgs-search", About: "GET /orgs?q=<random prefix from a fixed list>", Start: startOrgsSearch},
	{Name: "orgs-page", About: "GET /orgs?limit=50 following nextCursor through every page, then again", Start: startOrgsPage},
	{Name: "catalogue", About: "GET /networks?limit=50, the first page of the catalogue (500 networks)", Start: startLoggedIn("/api/v1/networks?limit=50")},
	{Name: "catalogue-page", About: "GET /networks?limit=50 following nextCursor through the whole catalogue", Start: startWalk("/api/v1/networks?limit=50")},
	{Name: "catalogue-filter", About: "GET /networks?topic=…&county=… with a random topic and county", Start: startCatalogueFilter},
	{Name: "directory", About: "GET /networks/{big}/members?limit=50, the first page of a 2,000-member directory", Start: startLoggedIn("/api/v1/networks/benknettverk-stort/members?limit=50")},
	{Name: "directory-page", About: "the 2,000-member directory, following nextCursor through every page", Start: startWalk("/api/v1/networks/benknettverk-stort/members?limit=50")},
	{Name: "directory-filter", About: "the 2,000-member directory filtered by a random county, or a name search", Start: startDirectoryFilter},
	{Name: "login", About: "POST /auth/login as a random bench user (argon2id: CPU-bound on purpose)", Start: startLogin},
}

func startLogin(_ context.Context, e *Env, client int) (Op, error) {
	rng := e.Rand(client)
	return func(ctx context.Context) Result {
		a := e.Account(rng.IntN(e.Accounts()))
		r := e.PostJSON(ctx, "/api/v1/auth/login", loginRequest{Email: a.Email, Password: a.Password}, "")
		var out loginResponse
		if r.Decode(&out) && out.AccessToken == "" {
			r.Fail("bench.no_access_token")
		}
		return r
	}, nil
}

func startMe(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) Result {
		r := e.Get(ctx, "/api/v1/me", token)
		var me struct {
			ID string `json:"id"`
		}
		if r.Decode(&me) && me.ID == "" {
			r.Fail("bench.no_user_id")
		}
		return r
	}, nil
}

// orgPage is the part of GET /orgs the scenarios look at.
type orgPage struct {
	Items      []struct{} `json:"items"`
	NextCursor string     `json:"nextCursor"`
}

func startOrgsList(_ context.Context, e *Env, _ int) (Op, error) {
	return func(ctx context.Context) Result {
		r := e.Get(ctx, "/api/v1/orgs?limit=50", "")
		var p orgPage
		if r.Decode(&p) && len(p.Items) == 0 {
			r.Fail("bench.empty_page")
		}
		return r
	}, nil
}

// searchPrefixes are what a person types first when looking for a municipality
// or county; "ål" checks that non-ASCII prefixes work.
var searchPrefixes = []string{"kr", "ber", "gu", "sto", "nord", "ål", "tr", "sa", "os", "ha", "ve", "lil"}

func startOrgsSearch(_ context.Context, e *Env, client int) (Op, error) {
	rng := e.Rand(client)
	return func(ctx context.Context) Result {
		q := searchPrefixes[rng.IntN(len(searchPrefixes))]
		r := e.Get(ctx, "/api/v1/orgs?q="+url.QueryEscape(q), "")
		var p orgPage
		r.Decode(&p) // an empty result is an answer too; only the shape is checked
		return r
	}, nil
}

// maxPages stops a walk whose cursors never end (a paging bug) from looping.
const maxPages = 100

func startOrgsPage(_ context.Context, e *Env, _ int) (Op, error) {
	cursor, pages := "", 0
	return func(ctx context.Context) Result {
		path := "/api/v1/orgs?limit=50"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		r := e.Get(ctx, path, "")
		var p orgPage
		if !r.Decode(&p) {
			cursor, pages = "", 0 // start again from the first page
			return r
		}
		pages++
		switch {
		case p.NextCursor == "":
			cursor, pages = "", 0
		case pages >= maxPages || p.NextCursor == cursor:
			r.Fail("bench.cursor_loop")
			cursor, pages = "", 0
		case len(p.Items) == 0:
			r.Fail("bench.empty_page_with_cursor")
			cursor, pages = "", 0
		default:
			cursor = p.NextCursor
		}
		return r
	}, nil
}

// listPage is the part of any list answer the scenarios look at.
type listPage struct {
	Items      []struct{} `json:"items"`
	NextCursor string     `json:"nextCursor"`
}

// startLoggedIn GETs one path as a logged-in client.
func startLoggedIn(path string) func(context.Context, *Env, int) (Op, error) {
	return func(ctx context.Context, e *Env, client int) (Op, error) {
		token, err := e.Login(ctx, e.Account(client))
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) Result {
			r := e.Get(ctx, path, token)
			var p listPage
			if r.Decode(&p) && len(p.Items) == 0 {
				r.Fail("bench.empty_page")
			}
			return r
		}, nil
	}
}

// startWalk follows a list's cursors to the end and starts again, as a logged-in client.
func startWalk(path string) func(context.Context, *Env, int) (Op, error) {
	return func(ctx context.Context, e *Env, client int) (Op, error) {
		token, err := e.Login(ctx, e.Account(client))
		if err != nil {
			return nil, err
		}
		cursor, pages := "", 0
		return func(ctx context.Context) Result {
			p := path
			if cursor != "" {
				p += "&cursor=" + url.QueryEscape(cursor)
			}
			r := e.Get(ctx, p, token)
			var page listPage
			if !r.Decode(&page) {
				cursor, pages = "", 0
				return r
			}
			pages++
			switch {
			case page.NextCursor == "":
				cursor, pages = "", 0
			case pages >= maxPages || page.NextCursor == cursor:
				r.Fail("bench.cursor_loop")
				cursor, pages = "", 0
			default:
				cursor = page.NextCursor
			}
			return r
		}, nil
	}
}

var (
	benchTopics   = []string{"culture_school", "library", "museum_heritage", "volunteering", "culture_planning", "arts_for_children"}
	benchCounties = []string{"03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"}
	nameSearches  = []string{"benk", "bruker 1", "99", "ker 5"}
)

func startCatalogueFilter(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	rng := e.Rand(client)
	return func(ctx context.Context) Result {
		path := "/api/v1/networks?limit=50&topic=" + benchTopics[rng.IntN(len(benchTopics))] +
			"&county=" + benchCounties[rng.IntN(len(benchCounties))]
		r := e.Get(ctx, path, token)
		var p listPage
		r.Decode(&p)
		return r
	}, nil
}

func startDirectoryFilter(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	rng := e.Rand(client)
	return func(ctx context.Context) Result {
		path := "/api/v1/networks/benknettverk-stort/members?limit=50"
		if rng.IntN(2) == 0 {
			path += "&county=" + benchCounties[rng.IntN(len(benchCounties))]
		} else {
			path += "&q=" + url.QueryEscape(nameSearches[rng.IntN(len(nameSearches))])
		}
		r := e.Get(ctx, path, token)
		var p listPage
		r.Decode(&p)
		return r
	}, nil
}

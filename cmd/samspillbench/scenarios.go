package main

import (
	"context"
	"fmt"
	"net/url"
	"time"
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
	{Name: "forum-threads", About: "GET the big network's thread list (latest activity, 30 a page)", Start: startLoggedIn("/api/v1/networks/benknettverk-stort/forum/threads?limit=30")},
	{Name: "forum-threads-page", About: "the thread list, following nextCursor deep into it", Start: startWalk("/api/v1/networks/benknettverk-stort/forum/threads?limit=30")},
	{Name: "forum-thread", About: "GET the long thread (the thread page's header)", Start: startLongThread(func(int) string { return "" })},
	{Name: "forum-posts-first", About: "GET the long thread's first 50 posts", Start: startLongThread(func(int) string { return "/posts?limit=50" })},
	{Name: "forum-posts-deep", About: "GET the long thread's last 50 posts (from number 1,951 of 2,000)", Start: startLongThread(func(n int) string {
		return fmt.Sprintf("/posts?limit=50&from=%d", max(1, n-49))
	})},
	{Name: "forum-reply", About: "POST a reply to one of the 30 most active threads (a write)", Start: startReply},
	{Name: "library", About: "GET the big network's library (20,000 resources), first page, random filter and order", Start: startLibraryBrowse},
	{Name: "library-page", About: "the library, newest first, following nextCursor deep into it", Start: startWalk(benchLibrary + "/resources?limit=30")},
	{Name: "library-upload", About: "POST a 20 MB PDF to the library, multipart, streamed (MB/s and the server's RSS)", Start: startLibraryUpload},
	{Name: "library-download", About: "GET a 20 MB file from the library, streamed (MB/s and the server's RSS)", Start: startLibraryDownload},
	{Name: "search", About: "GET /search with a random Norwegian query (relevance order, 20 hits, facets)", Start: startSearch},
	{Name: "search-suggest", About: "GET /search/suggest with a random two-to-five-letter prefix", Start: startSuggest},
	{Name: "search-lag", About: "write a reply with a new word, then search until it is found: the time is the lag", Start: startSearchLag},
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

// maxPages is how deep a walk goes before it starts again from the first page.
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
			case page.NextCursor == "" || pages >= maxPages:
				cursor, pages = "", 0 // the end, or deep enough: start again
			case page.NextCursor == cursor:
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

// threadList is the part of a thread list the forum scenarios read.
type threadList struct {
	Items []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"items"`
}

// longThreadID finds the bench thread with many posts.
func longThreadID(ctx context.Context, e *Env, token string) (string, error) {
	for _, sort := range []string{"activity", "newest"} {
		r := e.Get(ctx, "/api/v1/networks/benknettverk-stort/forum/threads?limit=100&sort="+sort, token)
		var l threadList
		if !r.Decode(&l) {
			return "", fmt.Errorf("list threads: %s", errorKey(r))
		}
		for _, t := range l.Items {
			if t.Title == benchLongThread {
				return t.ID, nil
			}
		}
	}
	return "", fmt.Errorf("no thread %q: seed with -forum-long", benchLongThread)
}

// benchLongThread is the title samspillctl seed-bench gives the long thread.
const benchLongThread = "Benktråd med mange innlegg"

// startLongThread GETs a path under the long thread; suffix gets its post count.
func startLongThread(suffix func(posts int) string) func(context.Context, *Env, int) (Op, error) {
	return func(ctx context.Context, e *Env, client int) (Op, error) {
		token, err := e.Login(ctx, e.Account(client))
		if err != nil {
			return nil, err
		}
		id, err := longThreadID(ctx, e, token)
		if err != nil {
			return nil, err
		}
		var t struct {
			PostCount int `json:"postCount"`
		}
		if r := e.Get(ctx, "/api/v1/threads/"+id, token); !r.Decode(&t) {
			return nil, fmt.Errorf("read the long thread: %s", errorKey(r))
		}
		path := "/api/v1/threads/" + id + suffix(t.PostCount)
		return func(ctx context.Context) Result {
			r := e.Get(ctx, path, token)
			var v struct {
				ID    string     `json:"id"`
				Items []struct{} `json:"items"`
			}
			if r.Decode(&v) && v.ID == "" && len(v.Items) == 0 {
				r.Fail("bench.empty_answer")
			}
			return r
		}, nil
	}
}

func startReply(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	r := e.Get(ctx, "/api/v1/networks/benknettverk-stort/forum/threads?limit=30", token)
	var l threadList
	if !r.Decode(&l) || len(l.Items) == 0 {
		return nil, fmt.Errorf("list threads: %s", errorKey(r))
	}
	rng := e.Rand(client)
	return func(ctx context.Context) Result {
		id := l.Items[rng.IntN(len(l.Items))].ID
		return e.PostJSON(ctx, "/api/v1/threads/"+id+"/posts", map[string]string{
			"body": "Et svar fra benken: **takk** for tipset, vi prøver det hos oss.",
		}, token)
	}, nil
}

// benchQueries are searches people make, with inflections, Nynorsk and typos.
var benchQueries = []string{"kulturskole", "kulturarbeid", "erfaringer", "samarbeid med skolene", "rutiner",
	"kommunen", "kulturskolen", "kulturskular", "erfaringane", "samarbeide", "rutinar for samarbeid",
	"\"bedre rutiner\"", "kultrarbeid", "benktråd", "punkt", "kulturplan", "bibliotek", "frivillighet", "tilskudd", "venteliste"}

var benchPrefixes = []string{"ku", "kul", "benk", "ben", "bi", "kultu", "fr", "ve"}

func startSearch(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	rng := e.Rand(client)
	return func(ctx context.Context) Result {
		r := e.Get(ctx, "/api/v1/search?q="+url.QueryEscape(benchQueries[rng.IntN(len(benchQueries))]), token)
		var p struct {
			Items []struct{} `json:"items"`
		}
		r.Decode(&p)
		return r
	}, nil
}

func startSuggest(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	rng := e.Rand(client)
	return func(ctx context.Context) Result {
		r := e.Get(ctx, "/api/v1/search/suggest?q="+url.QueryEscape(benchPrefixes[rng.IntN(len(benchPrefixes))]), token)
		var sg []struct{}
		r.Decode(&sg)
		return r
	}, nil
}

// startSearchLag measures how long a new post takes to become findable: it
// writes a reply with a word never used before and searches until it is found.
func startSearchLag(ctx context.Context, e *Env, client int) (Op, error) {
	token, err := e.Login(ctx, e.Account(client))
	if err != nil {
		return nil, err
	}
	r := e.Get(ctx, "/api/v1/networks/benknettverk-stort/forum/threads?limit=30", token)
	var l threadList
	if !r.Decode(&l) || len(l.Items) == 0 {
		return nil, fmt.Errorf("list threads: %s", errorKey(r))
	}
	rng := e.Rand(client)
	n := 0
	return func(ctx context.Context) Result {
		n++
		word := fmt.Sprintf("lagprobe%dx%dx%d", client, n, rng.IntN(1_000_000))
		w := e.PostJSON(ctx, "/api/v1/threads/"+l.Items[rng.IntN(len(l.Items))].ID+"/posts", map[string]string{"body": "Målord " + word}, token)
		if !w.OK() {
			return w
		}
		start := time.Now()
		deadline := start.Add(10 * time.Second)
		for {
			s := e.Get(ctx, "/api/v1/search?q="+word, token)
			var p struct {
				Total int `json:"total"`
			}
			if !s.Decode(&p) {
				return s
			}
			if p.Total > 0 {
				s.Elapsed = time.Since(start)
				return s
			}
			if time.Now().After(deadline) {
				s.Fail("bench.not_found_in_10s")
				s.Elapsed = time.Since(start)
				return s
			}
			time.Sleep(20 * time.Millisecond)
		}
	}, nil
}

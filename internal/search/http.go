package search

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samspill/samspill/internal/web"
)

// Register mounts the search operations.
func Register(api huma.API, s *Service) {
	huma.Register(api, huma.Operation{OperationID: "search", Method: http.MethodGet, Path: "/api/v1/search",
		Summary: "Search threads, posts, resources, networks and people you may see", Tags: []string{"Search"},
		Security: web.Bearer, Errors: []int{401, 422}},
		func(ctx context.Context, in *SearchInput) (*struct{ Body Page }, error) {
			p, err := s.Search(ctx, *in)
			if err != nil {
				return nil, err
			}
			return &struct{ Body Page }{p}, nil
		})
	huma.Register(api, huma.Operation{OperationID: "suggest", Method: http.MethodGet, Path: "/api/v1/search/suggest",
		Summary: "Titles that start with what has been typed", Tags: []string{"Search"}, Security: web.Bearer, Errors: []int{401, 422}},
		func(ctx context.Context, in *struct {
			Query string `query:"q" maxLength:"100"`
		}) (*struct{ Body []Suggestion }, error) {
			sg, err := s.Suggest(ctx, in.Query)
			if err != nil {
				return nil, err
			}
			return &struct{ Body []Suggestion }{sg}, nil
		})
	huma.Register(api, huma.Operation{OperationID: "searchInsight", Method: http.MethodGet, Path: "/api/v1/search/insight",
		Summary: "The most frequent searches and those that found nothing (KS advisers and administrators)",
		Tags:    []string{"Search"}, Security: web.Bearer, Errors: []int{401, 403}},
		func(ctx context.Context, in *struct {
			Network string `query:"network" doc:"A network id; all networks when left out"`
			Days    int    `query:"days" minimum:"0" maximum:"365" doc:"The last this many days (90 by default)"`
		}) (*struct{ Body Insight }, error) {
			i, err := s.Insight(ctx, in.Network, in.Days)
			if err != nil {
				return nil, err
			}
			return &struct{ Body Insight }{i}, nil
		})
}

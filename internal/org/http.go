package org

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samspill/samspill/internal/paging"
)

type listOutput struct {
	Body paging.Page[Org]
}

type getInput struct {
	ID string `path:"id" doc:"Organisation id"`
}

type getOutput struct {
	Body Org
}

// Register mounts the organisation operations. The list is public: people pick
// their organisation while registering, before they have an account.
func Register(api huma.API, s *Service) {
	huma.Register(api, huma.Operation{
		OperationID: "listOrgs",
		Method:      http.MethodGet,
		Path:        "/api/v1/orgs",
		Summary:     "List and search organisations",
		Tags:        []string{"Organisations"},
	}, func(ctx context.Context, in *ListInput) (*listOutput, error) {
		page, err := s.List(ctx, *in)
		if err != nil {
			return nil, err
		}
		return &listOutput{Body: page}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "getOrg",
		Method:      http.MethodGet,
		Path:        "/api/v1/orgs/{id}",
		Summary:     "Get one organisation",
		Tags:        []string{"Organisations"},
	}, func(ctx context.Context, in *getInput) (*getOutput, error) {
		o, err := s.Get(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return &getOutput{Body: o}, nil
	})
}

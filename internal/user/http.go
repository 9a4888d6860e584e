package user

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samspill/samspill/internal/web"
)

type meOutput struct {
	Body Me
}

type updateMeInput struct {
	Body UpdateMe
}

// Register mounts the profile operations.
func Register(api huma.API, s *Service) {
	huma.Register(api, huma.Operation{
		OperationID: "getMe",
		Method:      http.MethodGet,
		Path:        "/api/v1/me",
		Summary:     "Who am I",
		Tags:        []string{"Profile"},
		Security:    web.Bearer,
		Errors:      []int{401},
	}, func(ctx context.Context, _ *struct{}) (*meOutput, error) {
		me, err := s.Me(ctx)
		if err != nil {
			return nil, err
		}
		return &meOutput{Body: me}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "updateMe",
		Method:      http.MethodPatch,
		Path:        "/api/v1/me",
		Summary:     "Change my profile",
		Tags:        []string{"Profile"},
		Security:    web.Bearer,
		Errors:      []int{401, 422},
	}, func(ctx context.Context, in *updateMeInput) (*meOutput, error) {
		me, err := s.UpdateMe(ctx, in.Body)
		if err != nil {
			return nil, err
		}
		return &meOutput{Body: me}, nil
	})
}

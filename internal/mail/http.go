package mail

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/web"
)

type outboxOutput struct {
	Body paging.Page[OutboxMessage]
}

type getInput struct {
	ID string `path:"id" doc:"Message id"`
}

type getOutput struct {
	Body OutboxMessage
}

// Register mounts the outbox operations, for administrators.
func Register(api huma.API, s *Service) {
	huma.Register(api, huma.Operation{
		OperationID: "listOutbox",
		Method:      http.MethodGet,
		Path:        "/api/v1/admin/outbox",
		Summary:     "List outgoing email, newest first",
		Description: "Every email the server sends passes through the outbox. Without SMTP configured, messages stay here with status stored, for administrators to read and pass on.",
		Tags:        []string{"Administration"},
		Security:    web.Bearer,
		Errors:      []int{401, 403, 422},
	}, func(ctx context.Context, in *ListInput) (*outboxOutput, error) {
		page, err := s.Outbox(ctx, *in)
		if err != nil {
			return nil, err
		}
		return &outboxOutput{Body: page}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "getOutboxMessage",
		Method:      http.MethodGet,
		Path:        "/api/v1/admin/outbox/{id}",
		Summary:     "Get one outgoing email",
		Tags:        []string{"Administration"},
		Security:    web.Bearer,
		Errors:      []int{401, 403, 404},
	}, func(ctx context.Context, in *getInput) (*getOutput, error) {
		m, err := s.Get(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return &getOutput{Body: m}, nil
	})
}

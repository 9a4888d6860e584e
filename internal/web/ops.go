package web

// Helpers the features' huma operations share.

// Bearer is the security requirement of an operation for logged-in users
// (the scheme is declared in the API document).
var Bearer = []map[string][]string{{"bearer": {}}}

// Body is an operation's JSON answer.
type Body[T any] struct{ Body T }

// Out turns a service's answer into an operation's output.
func Out[T any](v T, err error) (*Body[T], error) {
	if err != nil {
		return nil, err
	}
	return &Body[T]{Body: v}, nil
}

// NoContent is the output of an operation that answers with its status only.
func NoContent(err error) (*struct{}, error) { return nil, err }

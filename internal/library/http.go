package library

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samspill/samspill/internal/paging"
	"github.com/samspill/samspill/internal/web"
)

func operation(id, method, path, summary string, status int, errors ...int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: []string{"Library"},
		Security: web.Bearer, DefaultStatus: status, Errors: errors}
}

// NetworkPath names a network in a library route.
type NetworkPath struct {
	Slug string `path:"slug" maxLength:"80"`
}

// ResourcePath names a resource.
type ResourcePath struct {
	ResourceID string `path:"resourceId"`
}

// CollectionPath names a collection.
type CollectionPath struct {
	CollectionID string `path:"collectionId"`
}

// Register mounts the library's JSON operations. The file routes (uploads and
// downloads) are plain Fiber handlers, see RegisterFiles.
func Register(api huma.API, s *Service) {
	const net = "/api/v1/networks/{slug}/library"
	huma.Register(api, operation("librarySettings", http.MethodGet, "/api/v1/library/settings",
		"Upload limits: the largest file and the accepted file name extensions", 0, 401),
		func(ctx context.Context, _ *struct{}) (*web.Body[Settings], error) { return web.Out(s.Settings(ctx)) })
	huma.Register(api, operation("listResources", http.MethodGet, net+"/resources",
		"A network's library, filtered by kind, topic, organisation, county or year; newest, most downloaded or by title", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			ListInput
		}) (*web.Body[paging.Page[ResourceItem]], error) {
			return web.Out(s.Resources(ctx, in.Slug, in.ListInput))
		})
	huma.Register(api, operation("createLink", http.MethodPost, net+"/links", "Add a web link to the library (members)", http.StatusCreated, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			Body ResourceInput
		}) (*web.Body[ResourceView], error) {
			return web.Out(s.CreateLink(ctx, in.Slug, in.Body))
		})
	huma.Register(api, operation("findFile", http.MethodGet, net+"/files/{sha256}",
		"The network's resources with this very file (its SHA-256), to point out a duplicate before uploading", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			SHA256 string `path:"sha256" minLength:"64" maxLength:"64"`
		}) (*web.Body[[]Ref], error) {
			return web.Out(s.WithFile(ctx, in.Slug, in.SHA256))
		})
	huma.Register(api, operation("listCollections", http.MethodGet, net+"/collections", "A network's collections, by name", 0, 401, 403, 404),
		func(ctx context.Context, in *NetworkPath) (*web.Body[[]CollectionSummary], error) {
			return web.Out(s.Collections(ctx, in.Slug))
		})
	huma.Register(api, operation("createCollection", http.MethodPost, net+"/collections", "Add a collection (moderators)", http.StatusCreated, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			NetworkPath
			Body CollectionInput
		}) (*web.Body[CollectionView], error) {
			return web.Out(s.CreateCollection(ctx, in.Slug, in.Body))
		})

	const res = "/api/v1/library/resources/{resourceId}"
	huma.Register(api, operation("getResource", http.MethodGet, res, "A resource, with its newest file and what you may do", 0, 401, 403, 404),
		func(ctx context.Context, in *ResourcePath) (*web.Body[ResourceView], error) {
			return web.Out(s.Resource(ctx, in.ResourceID))
		})
	huma.Register(api, operation("updateResource", http.MethodPut, res, "Change a resource's description (its uploader, moderators)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			ResourcePath
			Body ResourceInput
		}) (*web.Body[ResourceView], error) {
			return web.Out(s.UpdateResource(ctx, in.ResourceID, in.Body))
		})
	huma.Register(api, operation("deleteResource", http.MethodDelete, res, "Delete a resource with all its versions (its uploader, moderators)", http.StatusNoContent, 401, 403, 404),
		func(ctx context.Context, in *ResourcePath) (*struct{}, error) {
			return web.NoContent(s.DeleteResource(ctx, in.ResourceID))
		})
	huma.Register(api, operation("listVersions", http.MethodGet, res+"/versions", "A resource's file versions with who uploaded them, newest first", 0, 401, 403, 404),
		func(ctx context.Context, in *ResourcePath) (*web.Body[[]Version], error) {
			return web.Out(s.Versions(ctx, in.ResourceID))
		})
	huma.Register(api, operation("downloadLink", http.MethodGet, res+"/link",
		"A download address that works without the Authorization header for ten minutes (links, image tags, the PDF preview)", 0, 401, 403, 404, 422),
		func(ctx context.Context, in *struct {
			ResourcePath
			LinkInput
		}) (*web.Body[DownloadLink], error) {
			return web.Out(s.Link(ctx, in.ResourceID, in.LinkInput))
		})

	const col = "/api/v1/library/collections/{collectionId}"
	huma.Register(api, operation("getCollection", http.MethodGet, col, "A collection with its resources, in order", 0, 401, 403, 404),
		func(ctx context.Context, in *CollectionPath) (*web.Body[CollectionView], error) {
			return web.Out(s.Collection(ctx, in.CollectionID))
		})
	huma.Register(api, operation("updateCollection", http.MethodPut, col, "Rename, describe or reorder a collection (moderators)", 0, 401, 403, 404, 409, 422),
		func(ctx context.Context, in *struct {
			CollectionPath
			Body CollectionInput
		}) (*web.Body[CollectionView], error) {
			return web.Out(s.UpdateCollection(ctx, in.CollectionID, in.Body))
		})
	huma.Register(api, operation("deleteCollection", http.MethodDelete, col, "Delete a collection, not its resources (moderators)", http.StatusNoContent, 401, 403, 404),
		func(ctx context.Context, in *CollectionPath) (*struct{}, error) {
			return web.NoContent(s.DeleteCollection(ctx, in.CollectionID))
		})
}

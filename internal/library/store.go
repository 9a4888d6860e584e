package library

import (
	"context"
	"time"

	"github.com/samspill/samspill/internal/paging"
)

// store is what the library service needs from a database. A resource with
// its first version, or a new version with the resource's current file, is
// one transaction on SQLite and ordered single-document steps on MongoDB.
type store interface {
	// CreateResource stores r, and v as its version 1 when r is a file.
	CreateResource(ctx context.Context, r Resource, v *Version) error
	Resource(ctx context.Context, id string) (Resource, error)
	// UpdateResource replaces the described fields (not the file, counts or
	// uploader) and the list keys derived from them.
	UpdateResource(ctx context.Context, r Resource) error
	// DeleteResource removes a resource and its versions and returns the
	// blobs its versions used.
	DeleteResource(ctx context.Context, id string) ([]string, error)
	// ListResources returns up to q.Limit+1 resources in q's order.
	ListResources(ctx context.Context, q resourceQuery) ([]Resource, error)
	// ResourcesByID returns those of ids that are resources of the network.
	ResourcesByID(ctx context.Context, networkID string, ids []string) ([]Resource, error)
	// ResourcesWithFile returns the network's resources with a version of
	// the blob sha (at most limit).
	ResourcesWithFile(ctx context.Context, networkID, sha string, limit int) ([]Resource, error)
	// AllResources returns up to limit resources after the id, in id order
	// (the search rebuild walks them).
	AllResources(ctx context.Context, afterID string, limit int) ([]Resource, error)
	// CountDownload adds one download to a resource.
	CountDownload(ctx context.Context, id string) error

	// AddVersion numbers v after the resource's last version, stores it and
	// makes it the resource's file; it returns v as stored.
	AddVersion(ctx context.Context, v Version) (Version, error)
	// Versions returns a resource's versions, newest first.
	Versions(ctx context.Context, resourceID string) ([]Version, error)
	Version(ctx context.Context, resourceID string, number int) (Version, error)
	// BlobInUse reports whether any version of any resource uses the blob.
	BlobInUse(ctx context.Context, sha string) (bool, error)

	// MarkUnused notes blobs that may have no version left, for the sweeper.
	MarkUnused(ctx context.Context, shas []string, at time.Time) error
	// Unused returns blobs noted before the given time (at most limit).
	Unused(ctx context.Context, before time.Time, limit int) ([]string, error)
	ForgetUnused(ctx context.Context, sha string) error

	// FileText returns the text extracted from a blob, and whether it has
	// been extracted; SaveFileText keeps it; ForgetFileText drops it with
	// the blob.
	FileText(ctx context.Context, sha string) (string, bool, error)
	SaveFileText(ctx context.Context, sha, text string) error
	ForgetFileText(ctx context.Context, sha string) error

	CreateCollection(ctx context.Context, c Collection) error
	Collection(ctx context.Context, id string) (Collection, error)
	// Collections returns a network's collections by name (a short list).
	Collections(ctx context.Context, networkID string) ([]Collection, error)
	// UpdateCollection saves c if it is still at revision c.Revision-1 and
	// reports whether it did.
	UpdateCollection(ctx context.Context, c Collection) (bool, error)
	DeleteCollection(ctx context.Context, id string) error
	// RemoveFromCollections takes a deleted resource out of the network's
	// collections.
	RemoveFromCollections(ctx context.Context, networkID, resourceID string) error
}

// Sort orders of resource lists.
const (
	SortNewest    = "newest"
	SortDownloads = "downloads"
	SortTitle     = "title"
)

// resourceQuery lists a network's resources with the given facets (at least
// "all"); the first facet drives the indexed read.
type resourceQuery struct {
	NetworkID string
	Facets    []string
	Sort      string
	Limit     int
	After     *paging.Cursor
}

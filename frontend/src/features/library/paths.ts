// The library's addresses: /nettverk/<slug>/bibliotek, …/bibliotek/ny,
// …/bibliotek/<resource id>, …/bibliotek/<resource id>/endre,
// …/bibliotek/mapper/ny and …/bibliotek/mapper/<collection id>.

export const libraryPath = (slug: string) => `/nettverk/${slug}/bibliotek`;

export const newResourcePath = (slug: string) => `${libraryPath(slug)}/ny`;

export const resourcePath = (slug: string, resourceId: string) => `${libraryPath(slug)}/${resourceId}`;

export const editResourcePath = (slug: string, resourceId: string) => `${resourcePath(slug, resourceId)}/endre`;

export const collectionPath = (slug: string, collectionId: string) => `${libraryPath(slug)}/mapper/${collectionId}`;

export const newCollectionPath = (slug: string) => `${libraryPath(slug)}/mapper/ny`;

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import type { UploadOptions } from '../../lib/api';
import type {
  CollectionInput,
  CollectionView,
  DiscussionItem,
  Org,
  Page,
  ResourceInput,
  ResourceItem,
  ResourceKind,
  ResourceSort,
  ResourceView,
  VersionInput,
} from '../../lib/api-types';
import { ACCEPT, acceptFrom, formatFileSize, formatMegabytes } from './format';
import { LIBRARY_NS } from './i18n';

export const RESOURCES_PAGE = 20;

/** The list's filters, as the API takes them. */
export type ResourceFilters = {
  kind?: ResourceKind;
  topic?: string;
  org?: string;
  county?: string;
  year?: number;
  sort?: ResourceSort;
};

export const libraryKeys = {
  all: ['library'] as const,
  resourcesOf: (slug: string) => ['library', 'resources', slug] as const,
  resources: (slug: string, filters: ResourceFilters) => ['library', 'resources', slug, filters] as const,
  choices: (slug: string) => ['library', 'resources', slug, 'choices'] as const,
  resource: (id: string) => ['library', 'resource', id] as const,
  versions: (id: string) => ['library', 'versions', id] as const,
  link: (id: string, version: number, inline: boolean) => ['library', 'link', id, version, inline] as const,
  duplicates: (slug: string, sha: string) => ['library', 'duplicates', slug, sha] as const,
  collections: (slug: string) => ['library', 'collections', slug] as const,
  collection: (id: string) => ['library', 'collection', id] as const,
  discussions: (id: string) => ['library', 'discussions', id] as const,
  settings: ['library', 'settings'] as const,
};

export const DISCUSSIONS_PAGE = 10;

/** A network's library, one page at a time ("Vis flere"). */
export function useResources(slug: string, filters: ResourceFilters, enabled = true) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: libraryKeys.resources(slug, filters),
    queryFn: ({ pageParam }) => client.listResources(slug, { ...filters, limit: RESOURCES_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<ResourceItem>) => last.nextCursor || undefined,
    enabled,
  });
}

/**
 * The organisations that own resources in the network's lists loaded so far,
 * with mine first in line: what the organisation filter offers (the API has no
 * list of a library's owners). Read from the cache on each render.
 */
export function useOrgsSeen(slug: string, mine: Pick<Org, 'id' | 'name'> | undefined): Map<string, string> {
  const queryClient = useQueryClient();
  const seen = new Map<string, string>();
  if (mine) seen.set(mine.id, mine.name);
  const cached = queryClient.getQueriesData<InfiniteData<Page<ResourceItem>> | Page<ResourceItem>>({
    queryKey: libraryKeys.resourcesOf(slug),
  });
  for (const [, data] of cached) {
    const pages = !data ? [] : 'pages' in data ? data.pages : [data];
    for (const page of pages) for (const r of page.items) if (!seen.has(r.orgId)) seen.set(r.orgId, r.orgName);
  }
  return seen;
}

/** The library by title, to choose resources from for a collection (the first 100). */
export function useResourceChoices(slug: string, enabled: boolean) {
  const { client } = useAuth();
  return useQuery({
    queryKey: libraryKeys.choices(slug),
    queryFn: () => client.listResources(slug, { sort: 'title', limit: 100 }),
    enabled,
  });
}

export function useResource(id: string) {
  const { client } = useAuth();
  return useQuery({ queryKey: libraryKeys.resource(id), queryFn: () => client.getResource(id) });
}

export function useVersions(id: string, enabled: boolean) {
  const { client } = useAuth();
  return useQuery({ queryKey: libraryKeys.versions(id), queryFn: () => client.listVersions(id), enabled });
}

/** A link that shows a PDF or an image in the page; it works for ten minutes, so it is fetched again after five. */
export function useInlineLink(id: string, version: number, enabled: boolean) {
  const { client } = useAuth();
  return useQuery({
    queryKey: libraryKeys.link(id, version, true),
    queryFn: () => client.downloadLink(id, { version, inline: true }),
    enabled,
    staleTime: 5 * 60_000,
    refetchInterval: 5 * 60_000,
  });
}

/** The network's resources that already have a file with this SHA-256. */
export function useDuplicates(slug: string, sha: string | undefined) {
  const { client } = useAuth();
  return useQuery({
    queryKey: libraryKeys.duplicates(slug, sha ?? ''),
    queryFn: () => client.findFile(slug, sha ?? ''),
    enabled: sha !== undefined,
    staleTime: 60_000,
  });
}

/** After a resource was added or changed: it, and the lists that show it. */
function useResourceChanged() {
  const queryClient = useQueryClient();
  return (view: ResourceView) => {
    queryClient.setQueryData(libraryKeys.resource(view.id), view);
    void queryClient.invalidateQueries({ queryKey: libraryKeys.resourcesOf(view.networkSlug) });
    void queryClient.invalidateQueries({ queryKey: libraryKeys.versions(view.id) });
    void queryClient.invalidateQueries({ queryKey: ['library', 'collection'] });
  };
}

export type UploadVariables = { metadata: ResourceInput; file: File } & UploadOptions;

export function useUploadFile(slug: string) {
  const { client } = useAuth();
  const changed = useResourceChanged();
  return useMutation({
    mutationFn: ({ metadata, file, ...options }: UploadVariables) => client.uploadFile({ slug, metadata }, file, options),
    onSuccess: changed,
  });
}

export function useCreateLink(slug: string) {
  const { client } = useAuth();
  const changed = useResourceChanged();
  return useMutation({ mutationFn: (input: ResourceInput) => client.createLink(slug, input), onSuccess: changed });
}

export type VersionVariables = { metadata: VersionInput; file: File } & UploadOptions;

export function useUploadVersion(resourceId: string) {
  const { client } = useAuth();
  const changed = useResourceChanged();
  return useMutation({
    mutationFn: ({ metadata, file, ...options }: VersionVariables) =>
      client.uploadFile({ resourceId, metadata }, file, options),
    onSuccess: changed,
  });
}

export function useUpdateResource(resourceId: string) {
  const { client } = useAuth();
  const changed = useResourceChanged();
  return useMutation({ mutationFn: (input: ResourceInput) => client.updateResource(resourceId, input), onSuccess: changed });
}

export function useDeleteResource(slug: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (resourceId: string) => client.deleteResource(resourceId),
    onSuccess: (_, resourceId) => {
      queryClient.removeQueries({ queryKey: libraryKeys.resource(resourceId) });
      void queryClient.invalidateQueries({ queryKey: libraryKeys.resourcesOf(slug) });
      void queryClient.invalidateQueries({ queryKey: libraryKeys.collections(slug) });
      void queryClient.invalidateQueries({ queryKey: ['library', 'collection'] });
    },
  });
}

/**
 * Saves a file: asks for a download link (which carries the right to read it for
 * ten minutes, instead of the Authorization header) and lets the browser fetch
 * it, so the server's file name (Content-Disposition) and its download count hold,
 * and a large file streams to disk instead of into memory.
 */
export function useDownload() {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ resourceId, version }: { resourceId: string; version?: number }) => {
      const link = await client.downloadLink(resourceId, version ? { version } : {});
      const a = document.createElement('a');
      a.href = link.url;
      a.download = '';
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
    },
    onSuccess: (_, { resourceId }) => {
      // The server counts the download once it has sent the file: show the new count a little later.
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: libraryKeys.resource(resourceId) }), 1500);
    },
  });
}

export function useCollections(slug: string, enabled = true) {
  const { client } = useAuth();
  return useQuery({ queryKey: libraryKeys.collections(slug), queryFn: () => client.listCollections(slug), enabled });
}

export function useCollection(id: string) {
  const { client } = useAuth();
  return useQuery({ queryKey: libraryKeys.collection(id), queryFn: () => client.getCollection(id) });
}

export function useCreateCollection(slug: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CollectionInput) => client.createCollection(slug, input),
    onSuccess: (view) => {
      queryClient.setQueryData(libraryKeys.collection(view.id), view);
      void queryClient.invalidateQueries({ queryKey: libraryKeys.collections(slug) });
    },
  });
}

/** Changes a collection: its name, description, or resources and their order; `revision` guards against lost changes. */
export function useUpdateCollection(collectionId: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CollectionInput) => client.updateCollection(collectionId, input),
    onSuccess: (view: CollectionView) => {
      queryClient.setQueryData(libraryKeys.collection(view.id), view);
      void queryClient.invalidateQueries({ queryKey: libraryKeys.collections(view.networkSlug) });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: libraryKeys.collection(collectionId) }),
  });
}

export function useDeleteCollection(slug: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (collectionId: string) => client.deleteCollection(collectionId),
    onSuccess: (_, collectionId) => {
      queryClient.removeQueries({ queryKey: libraryKeys.collection(collectionId) });
      void queryClient.invalidateQueries({ queryKey: libraryKeys.collections(slug) });
    },
  });
}

/** The forum posts that attach a resource ("Diskutert i"), newest first, one page at a time ("Vis flere"). */
export function useDiscussions(resourceId: string) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: libraryKeys.discussions(resourceId),
    queryFn: ({ pageParam }) => client.listDiscussions(resourceId, { limit: DISCUSSIONS_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<DiscussionItem>) => last.nextCursor || undefined,
  });
}

/** The upload limits (the largest file, the accepted extensions): the same for every library, so fetched once. */
export function useLibrarySettings() {
  const { client } = useAuth();
  return useQuery({ queryKey: libraryKeys.settings, queryFn: () => client.librarySettings(), staleTime: Infinity });
}

/**
 * What the file field takes and how large a file may be, from the server's
 * settings: `accept` for the file dialog (the default list until they are
 * loaded), and `tooLarge`, which says what is wrong with a file over the limit
 * (undefined while the limit is unknown: the server checks it all the same).
 */
export function useUploadLimits(): { accept: string; tooLarge: (file: File) => string | undefined } {
  const settings = useLibrarySettings();
  const { t } = useTranslation(LIBRARY_NS);
  const data = settings.data;
  const accept = data && data.extensions.length > 0 ? acceptFrom(data.extensions) : ACCEPT;
  const tooLarge = (file: File) =>
    data && file.size > data.maxUploadBytes
      ? t('form.fileTooLarge', { max: formatMegabytes(data.maxUploadBytes), size: formatFileSize(file.size) })
      : undefined;
  return { accept, tooLarge };
}

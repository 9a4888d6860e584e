// Made-up library data and a stand-in XMLHttpRequest for the library's tests (not part of the app).
import { networkView } from '../../test-utils';
import type { NetworkView, ResourceItem, ResourceVersion, ResourceView } from '../../lib/api-types';

export const SLUG = 'kulturskoleledere-i-vestland';
export const RESOURCE_ID = '6b06f602a4353d9159289470';
export const LIBRARY = `/nettverk/${SLUG}/bibliotek`;

export const member: NetworkView = networkView({
  myRole: 'member',
  permissions: { join: false, request: false, leave: true, viewMembers: true, moderate: false, manage: false },
});

export function resourceItem(over: Partial<ResourceItem> = {}): ResourceItem {
  return {
    id: RESOURCE_ID,
    title: 'Kulturplan 2025–2030 (mal)',
    excerpt: 'En mal for kommunal kulturplan.',
    kind: 'template',
    topics: ['culture_planning'],
    orgId: 'o-voss',
    orgName: 'Voss herad',
    countyNumber: '46',
    year: 2025,
    licence: 'cc_by_4',
    file: {
      version: 2,
      fileName: 'kulturplan.pdf',
      format: 'pdf',
      mediaType: 'application/pdf',
      size: 1_572_864,
      sha256: 'a'.repeat(64),
      uploadedAt: '2026-11-20T09:00:00Z',
    },
    versionCount: 2,
    downloads: 1234,
    uploaderName: 'Ola Berg',
    createdAt: '2026-11-01T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    ...over,
  };
}

export function resourceView(over: Partial<ResourceView> = {}): ResourceView {
  return {
    ...resourceItem(),
    networkId: 'n1',
    networkSlug: SLUG,
    description: 'En mal for **kommunal kulturplan**.',
    descriptionHtml: '<p>En mal for <strong>kommunal kulturplan</strong>.</p>',
    uploaderId: 'u9',
    permissions: { edit: false, delete: false, collection: false },
    ...over,
  };
}

export function version(n: number, over: Partial<ResourceVersion> = {}): ResourceVersion {
  return {
    id: `v${n}`,
    resourceId: RESOURCE_ID,
    uploaderId: 'u9',
    uploaderName: 'Ola Berg',
    version: n,
    fileName: `kulturplan-v${n}.pdf`,
    format: 'pdf',
    mediaType: 'application/pdf',
    size: 2048 * n,
    sha256: String(n).repeat(64),
    uploadedAt: `2026-11-${String(10 + n).padStart(2, '0')}T09:00:00Z`,
    ...over,
  };
}

/**
 * A stand-in for XMLHttpRequest: each request waits until the test answers it
 * (`finish`), and can report upload progress (`progress`) before that.
 */
export class FakeXhr {
  static sent: FakeXhr[] = [];
  /** Answers each request as it is sent, if set; otherwise the test answers. */
  static auto: ((xhr: FakeXhr) => void) | null = null;

  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  private responseHeaders = '';
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  static reset() {
    FakeXhr.sent = [];
    FakeXhr.auto = null;
  }

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  getAllResponseHeaders() {
    return this.responseHeaders;
  }

  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
    const auto = FakeXhr.auto;
    if (auto) setTimeout(() => auto(this), 0);
  }

  abort() {
    this.onabort?.();
  }

  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }

  finish(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    this.responseHeaders = Object.entries({ 'Content-Type': type, ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    this.onload?.();
  }
}

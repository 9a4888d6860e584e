// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import type { Session } from '../../lib/api-types';
import { FakeXhr, resourceView } from './library-test-data';

const BASE = 'http://127.0.0.1:4180';

const session = (token: string): Session => ({
  accessToken: token,
  expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', email: 'ola.berg@demo.samspill.no', name: 'Ola Berg', language: 'nb', siteRole: 'member', orgId: 'o1' },
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A client logged in with token t1; refreshing gives t2. */
async function loggedInClient() {
  const refreshes: string[] = [];
  const client = createApiClient({
    baseUrl: BASE,
    fetch: async (request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/auth/login') return json(200, session('t1'));
      if (path === '/api/v1/auth/refresh') {
        refreshes.push(path);
        return json(200, session('t2'));
      }
      return json(404, { code: 'route.not_found' });
    },
  });
  await client.login('ola.berg@demo.samspill.no', 'pw');
  return { client, refreshes };
}

const pdf = () => new File(['%PDF-1.4 test'], 'plan.pdf', { type: 'application/pdf' });

beforeEach(() => {
  FakeXhr.reset();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

describe('api client: uploadFile', () => {
  it('sends the metadata part first, then the file, with the bearer token, and reports progress', async () => {
    const { client } = await loggedInClient();
    const progress: [number, number][] = [];
    const done = client.uploadFile(
      { slug: 'kulturskoleledere-i-vestland', metadata: { title: 'Plan', kind: 'plan', licence: 'cc_by_4' } },
      pdf(),
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );
    await vi.waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(`${BASE}/api/v1/networks/kulturskoleledere-i-vestland/library/files`);
    expect(xhr.headers.Authorization).toBe('Bearer t1');
    const form = xhr.body as FormData;
    expect([...form.keys()]).toEqual(['metadata', 'file']);
    const metadata = form.get('metadata') as Blob;
    expect(metadata.type).toBe('application/json');
    expect(JSON.parse(await metadata.text())).toEqual({ title: 'Plan', kind: 'plan', licence: 'cc_by_4' });
    expect((form.get('file') as File).name).toBe('plan.pdf');

    xhr.progress(5, 10);
    xhr.progress(10, 10);
    xhr.finish(201, resourceView({ title: 'Plan' }));
    await expect(done).resolves.toMatchObject({ title: 'Plan' });
    expect(progress).toEqual([
      [5, 10],
      [10, 10],
    ]);
  });

  it('refreshes an expired token once and sends the file again', async () => {
    const { client, refreshes } = await loggedInClient();
    FakeXhr.auto = (xhr) =>
      xhr.headers.Authorization === 'Bearer t1'
        ? xhr.finish(401, { status: 401, code: 'auth.token_expired' })
        : xhr.finish(201, resourceView());
    const view = await client.uploadFile({ resourceId: 'r1', metadata: { note: 'Nye tall' } }, pdf());
    expect(view.id).toBe(resourceView().id);
    expect(refreshes).toHaveLength(1);
    expect(FakeXhr.sent.map((x) => [x.url, x.headers.Authorization])).toEqual([
      [`${BASE}/api/v1/library/resources/r1/versions`, 'Bearer t1'],
      [`${BASE}/api/v1/library/resources/r1/versions`, 'Bearer t2'],
    ]);
  });

  it('turns a problem document into an ApiError with its code, field errors and request id', async () => {
    const { client } = await loggedInClient();
    FakeXhr.auto = (xhr) =>
      xhr.finish(
        422,
        {
          status: 422,
          code: 'library.type_not_allowed',
          detail: 'no',
          errors: [{ field: 'file', code: 'invalid' }],
        },
        { 'X-Request-Id': 'req-9' },
      );
    const error = await client
      .uploadFile({ slug: 's', metadata: { title: 'T', kind: 'plan', licence: 'other' } }, pdf())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'library.type_not_allowed', requestId: 'req-9' });
    expect((error as ApiError).fieldError('file')?.code).toBe('invalid');
  });

  it('rejects with an AbortError when the upload is cancelled, and a network error when the connection fails', async () => {
    const { client } = await loggedInClient();
    const controller = new AbortController();
    const cancelled = client.uploadFile({ slug: 's', metadata: { title: 'T', kind: 'plan', licence: 'other' } }, pdf(), {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });

    FakeXhr.auto = (xhr) => xhr.onerror?.();
    await expect(
      client.uploadFile({ slug: 's', metadata: { title: 'T', kind: 'plan', licence: 'other' } }, pdf()),
    ).rejects.toMatchObject({ code: 'network' });
  });
});

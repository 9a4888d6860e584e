// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api';
import { ApiError } from './api-error';
import type { Me, Session } from './api-types';

const BASE = 'http://127.0.0.1:4180';

const me: Me = {
  id: 'u1',
  email: 'kari.nordmann@demo.samspill.no',
  name: 'Kari Nordmann',
  jobTitle: 'Kultursjef',
  jobField: 'culture_head',
  siteRole: 'member',
  language: 'nb',
  org: { id: 'o1', name: 'Fyresdal kommune', kind: 'municipality', number: '4032', countyName: 'Telemark' },
  createdAt: '2026-01-15T10:00:00Z',
};

const session = (token: string): Session => ({
  accessToken: token,
  expiresAt: '2026-11-25T12:10:00Z',
  user: { id: me.id, email: me.email, name: me.name, language: me.language, siteRole: me.siteRole, orgId: me.org.id },
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const problem = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, detail: 'x', code, requestId: 'req-1', ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

type Call = { method: string; path: string; auth: string | null; body: string };

/** A tiny fake server: `handle` answers each request; every request is recorded. */
function fakeServer(handle: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const call = {
      method: request.method,
      path: new URL(request.url).pathname,
      auth: request.headers.get('Authorization'),
      body: await request.text(),
    };
    calls.push(call);
    return handle(call);
  });
  return { calls, client: createApiClient({ baseUrl: BASE, fetch }) };
}

describe('api client: tokens', () => {
  it('keeps the access token from login in memory and sends it as a Bearer token', async () => {
    const { calls, client } = fakeServer(({ path }) =>
      path === '/api/v1/auth/login' ? json(200, session('t1')) : json(200, me),
    );
    const s = await client.login('kari.nordmann@demo.samspill.no', 'pw');
    expect(s.user.name).toBe('Kari Nordmann');
    expect(client.hasToken()).toBe(true);
    await client.getMe();
    expect(calls[0]).toMatchObject({ method: 'POST', auth: null });
    expect(JSON.parse(calls[0]!.body)).toEqual({ email: 'kari.nordmann@demo.samspill.no', password: 'pw' });
    expect(calls[1]).toMatchObject({ method: 'GET', path: '/api/v1/me', auth: 'Bearer t1' });
  });

  it('refreshes once on 401 auth.token_expired and retries the request with the new token', async () => {
    const { calls, client } = fakeServer(({ path, auth }) => {
      if (path === '/api/v1/auth/login') return json(200, session('old'));
      if (path === '/api/v1/auth/refresh') return json(200, session('new'));
      return auth === 'Bearer new' ? json(200, me) : problem(401, 'auth.token_expired');
    });
    await client.login('a@b.no', 'pw');
    await expect(client.getMe()).resolves.toMatchObject({ name: 'Kari Nordmann' });
    expect(calls.map((c) => `${c.method} ${c.path} ${c.auth}`)).toEqual([
      'POST /api/v1/auth/login null',
      'GET /api/v1/me Bearer old',
      'POST /api/v1/auth/refresh null',
      'GET /api/v1/me Bearer new',
    ]);
  });

  it('also refreshes on auth.token_invalid, and replays the request body', async () => {
    const { calls, client } = fakeServer(({ path, auth }) => {
      if (path === '/api/v1/auth/login') return json(200, session('old'));
      if (path === '/api/v1/auth/refresh') return json(200, session('new'));
      return auth === 'Bearer new' ? json(200, { ...me, name: 'Kari N.' }) : problem(401, 'auth.token_invalid');
    });
    await client.login('a@b.no', 'pw');
    await expect(client.updateMe({ name: 'Kari N.' })).resolves.toMatchObject({ name: 'Kari N.' });
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches.map((c) => JSON.parse(c.body))).toEqual([{ name: 'Kari N.' }, { name: 'Kari N.' }]);
  });

  it('makes ONE refresh call for two concurrent 401s (single-flight) and retries both', async () => {
    let releaseRefresh!: () => void;
    const refreshGate = new Promise<void>((r) => (releaseRefresh = r));
    const { calls, client } = fakeServer(async ({ path, auth }) => {
      if (path === '/api/v1/auth/login') return json(200, session('old'));
      if (path === '/api/v1/auth/refresh') {
        await refreshGate; // keep the refresh in flight until both requests have failed
        return json(200, session('new'));
      }
      return auth === 'Bearer new' ? json(200, me) : problem(401, 'auth.token_expired');
    });
    await client.login('a@b.no', 'pw');
    const a = client.getMe();
    const b = client.updateMe({ jobTitle: 'Kultursjef' });
    await vi.waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1));
    await vi.waitFor(() => expect(calls.filter((c) => c.auth === 'Bearer old')).toHaveLength(2));
    releaseRefresh();
    await expect(Promise.all([a, b])).resolves.toHaveLength(2);
    expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls.filter((c) => c.auth === 'Bearer new')).toHaveLength(2);
  });

  it('does not refresh again when a late 401 arrives after another request already refreshed', async () => {
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((r) => (releaseSlow = r));
    const { calls, client } = fakeServer(async ({ method, path, auth }) => {
      if (path === '/api/v1/auth/login') return json(200, session('old'));
      if (path === '/api/v1/auth/refresh') return json(200, session('new'));
      if (auth === 'Bearer new') return json(200, me);
      if (method === 'PATCH') await slowGate; // this 401 arrives late
      return problem(401, 'auth.token_expired');
    });
    await client.login('a@b.no', 'pw');
    const slow = client.updateMe({ jobTitle: 'x' });
    await client.getMe(); // 401, refresh, retry: now holds "new"
    releaseSlow();
    await expect(slow).resolves.toMatchObject({ name: 'Kari Nordmann' });
    expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.auth)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('retries only once: a second 401 is returned to the caller', async () => {
    const { calls, client } = fakeServer(({ path }) => {
      if (path === '/api/v1/auth/login') return json(200, session('old'));
      if (path === '/api/v1/auth/refresh') return json(200, session('new'));
      return problem(401, 'auth.token_expired');
    });
    await client.login('a@b.no', 'pw');
    await expect(client.getMe()).rejects.toMatchObject({ status: 401, code: 'auth.token_expired' });
    expect(calls.filter((c) => c.path === '/api/v1/me')).toHaveLength(2);
    expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh fails, and tells the listeners', async () => {
    const { client } = fakeServer(({ path }) => {
      if (path === '/api/v1/auth/login') return json(200, session('old'));
      if (path === '/api/v1/auth/refresh') return problem(401, 'auth.refresh_invalid');
      return problem(401, 'auth.token_expired');
    });
    const events: (string | null)[] = [];
    client.onSession((s) => events.push(s ? s.accessToken : null));
    await client.login('a@b.no', 'pw');
    await expect(client.getMe()).rejects.toMatchObject({ code: 'auth.token_expired' });
    expect(client.hasToken()).toBe(false);
    expect(events).toEqual(['old', null]);
  });

  it('does not refresh on other 401 codes', async () => {
    const { calls, client } = fakeServer(({ path }) =>
      path === '/api/v1/auth/login' ? problem(401, 'auth.invalid_credentials') : json(500, {}),
    );
    await expect(client.login('a@b.no', 'wrong')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    expect(calls).toHaveLength(1);
  });

  it('restores a session with refresh at start-up; 401 there just means logged out', async () => {
    const ok = fakeServer(() => json(200, session('t')));
    await expect(ok.client.refresh()).resolves.toMatchObject({ accessToken: 't' });
    expect(ok.client.hasToken()).toBe(true);

    const none = fakeServer(() => problem(401, 'auth.refresh_invalid'));
    await expect(none.client.refresh()).resolves.toBeNull();
    expect(none.client.hasToken()).toBe(false);
  });

  it('forgets the token on logout, even when the server cannot be reached', async () => {
    let up = true;
    const { client } = fakeServer(({ path }) => {
      if (!up) throw new TypeError('Failed to fetch');
      return path === '/api/v1/auth/login' ? json(200, session('t')) : new Response(null, { status: 204 });
    });
    await client.login('a@b.no', 'pw');
    await client.logout();
    expect(client.hasToken()).toBe(false);
    await client.login('a@b.no', 'pw');
    up = false;
    await expect(client.logout()).rejects.toMatchObject({ code: 'network' });
    expect(client.hasToken()).toBe(false);
  });
});

describe('api client: errors', () => {
  it('turns problem+json into an ApiError with code, request id and field errors', async () => {
    const { client } = fakeServer(() =>
      problem(422, 'validation.failed', {
        errors: [
          { field: 'email', code: 'required', message: 'email is required' },
          { field: 'password', code: 'too_short', message: 'too short' },
        ],
      }),
    );
    const error = await client.login('', '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation.failed');
    expect(e.requestId).toBe('req-1');
    expect(e.fieldError('email')).toMatchObject({ code: 'required' });
    expect(e.fieldErrors.map((f) => f.field)).toEqual(['email', 'password']);
  });

  it('reads retryAfter from the problem body, or else from the Retry-After header', async () => {
    const body = fakeServer(() => problem(429, 'auth.too_many_attempts', { retryAfter: 300 }, { 'Retry-After': '300' }));
    await expect(body.client.login('a@b.no', 'x')).rejects.toMatchObject({ code: 'auth.too_many_attempts', retryAfter: 300 });
    const header = fakeServer(() => problem(429, 'auth.too_many_attempts', {}, { 'Retry-After': '120' }));
    await expect(header.client.login('a@b.no', 'x')).rejects.toMatchObject({ retryAfter: 120 });
  });

  it('gives code "unknown" when the answer is not a problem document', async () => {
    const { client } = fakeServer(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(client.getMe()).rejects.toMatchObject({ status: 502, code: 'unknown' });
  });

  it('gives code "network" when the server cannot be reached', async () => {
    const { client } = fakeServer(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.getMe()).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});

describe('api client: forum', () => {
  it('sends draft keys with their colon as it is (the server does not decode %3A), the rest encoded', async () => {
    const { calls, client } = fakeServer(() => new Response(null, { status: 204 }));
    await client.discardDraft('thread:6b06f602a4353d9159289469');
    await client.discardDraft('new:kulturskoleledere-i-vestland');
    expect(calls.map((c) => c.path)).toEqual([
      '/api/v1/drafts/thread:6b06f602a4353d9159289469',
      '/api/v1/drafts/new:kulturskoleledere-i-vestland',
    ]);
  });

  it('takes a reaction back by its name in the path, and answers 404 reaction_not_found as an ApiError', async () => {
    const { calls, client } = fakeServer(() => problem(404, 'forum.reaction_not_found'));
    await expect(client.unreact('p1', 'thanks')).rejects.toMatchObject({ status: 404, code: 'forum.reaction_not_found' });
    expect(calls[0]).toMatchObject({ method: 'DELETE', path: '/api/v1/posts/p1/reactions/thanks' });
  });
});

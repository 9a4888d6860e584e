import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { App } from './app/App';
import { Providers } from './app/providers';
import { createQueryClient } from './app/query-client';
import { createApiClient } from './lib/api';
import type { Me, NetworkSummary, NetworkView, Org, Session } from './lib/api-types';

export const kari: Me = {
  id: 'u1',
  email: 'kari.nordmann@demo.samspill.no',
  name: 'Kari Nordmann',
  jobTitle: 'Kultursjef',
  jobField: 'culture_head',
  siteRole: 'member',
  language: 'nb',
  org: { id: 'o1', name: 'Fyresdal kommune', kind: 'municipality', number: '4831', countyNumber: '40', countyName: 'Telemark' },
  createdAt: '2026-01-15T10:00:00Z',
};

export const ingrid: Me = {
  id: 'u2',
  email: 'ingrid.haugen@demo.samspill.no',
  name: 'Ingrid Haugen',
  jobTitle: 'Seniorrådgiver',
  jobField: 'adviser',
  siteRole: 'adviser',
  language: 'nb',
  org: { id: 'o-ks', name: 'KS – Kommunesektorens organisasjon', kind: 'ks' },
  createdAt: '2026-01-10T10:00:00Z',
};

export const counties: Org[] = [
  { id: 'c46', name: 'Vestland', kind: 'county', number: '46', countyNumber: '46', countyName: 'Vestland' },
  { id: 'c40', name: 'Telemark', kind: 'county', number: '40', countyNumber: '40', countyName: 'Telemark' },
  { id: 'c34', name: 'Innlandet', kind: 'county', number: '34', countyNumber: '34', countyName: 'Innlandet' },
];

export function summary(over: Partial<NetworkSummary> = {}): NetworkSummary {
  return {
    id: 'n1',
    slug: 'kulturskoleledere-i-vestland',
    name: 'Kulturskoleledere i Vestland',
    excerpt: 'Nettverk for rektorer og ledere i kulturskolene i Vestland.',
    topics: ['culture_school', 'arts_for_children'],
    national: false,
    counties: ['46'],
    visibility: 'on_request',
    memberCount: 9,
    ...over,
  };
}

export function networkView(over: Partial<NetworkView> = {}): NetworkView {
  return {
    id: 'n1',
    slug: 'kulturskoleledere-i-vestland',
    name: 'Kulturskoleledere i Vestland',
    description: 'Nettverk for **rektorer**.',
    descriptionHtml: '<p>Nettverk for <strong>rektorer</strong>.</p>',
    topics: ['culture_school'],
    national: false,
    counties: ['46'],
    visibility: 'on_request',
    memberCount: 9,
    createdBy: 'u2',
    createdAt: '2026-01-20T10:00:00Z',
    updatedAt: '2026-01-20T10:00:00Z',
    permissions: { join: false, request: false, leave: false, viewMembers: false, moderate: false, manage: false },
    pendingRequests: 0,
    ...over,
  };
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ title: 'x', status, detail: 'x', code, requestId: 'req-1', ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

export const session = (user: Me = kari): Session => ({
  accessToken: 't',
  expiresAt: '2030-01-01T00:00:00Z',
  user: { id: user.id, email: user.email, name: user.name, language: user.language, siteRole: user.siteRole, orgId: user.org.id },
});

export type Handler = (request: Request) => Response | Promise<Response>;

/** A server that is logged in as `user` (refresh succeeds) unless a handler says otherwise. */
export function loggedIn(user: Me = kari, overrides: Record<string, Handler> = {}): Handler {
  return (request) => {
    const path = new URL(request.url).pathname;
    const key = `${request.method} ${path}`;
    const override = overrides[key];
    if (override) return override(request);
    if (path === '/api/v1/auth/refresh' || path === '/api/v1/auth/login') return json(200, session(user));
    if (path === '/api/v1/auth/logout') return new Response(null, { status: 204 });
    if (key === 'GET /api/v1/me') return json(200, user);
    // What the shell asks for on every page: my networks (menu) and the counties.
    if (key === 'GET /api/v1/me/networks') return json(200, { items: [] });
    if (key === 'GET /api/v1/orgs' && new URL(request.url).searchParams.get('kind') === 'county')
      return json(200, { items: counties });
    return problem(404, 'route.not_found');
  };
}

export function loggedOut(overrides: Record<string, Handler> = {}): Handler {
  return (request) => {
    const path = new URL(request.url).pathname;
    const override = overrides[`${request.method} ${path}`];
    if (override) return override(request);
    return problem(401, path === '/api/v1/auth/refresh' ? 'auth.refresh_invalid' : 'auth.required');
  };
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

/** Renders the whole app at `path` against a fake server. */
export function renderApp(path: string, handler: Handler) {
  const requests: Request[] = [];
  const client = createApiClient({
    baseUrl: 'http://localhost',
    fetch: async (request) => {
      requests.push(request.clone());
      return handler(request);
    },
  });
  const result = render(
    <Providers client={client} queryClient={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <App />
        <LocationProbe />
      </MemoryRouter>
    </Providers>,
  );
  return { ...result, client, requests };
}

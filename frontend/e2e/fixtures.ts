import { test as base, expect, request, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { BASE_URL } from './server';

export const PASSWORD = 'samspill-demo-2026';
export const KARI = 'kari.nordmann@demo.samspill.no';
export const LOCKOUT = 'laas.test@demo.samspill.no';
export const INGRID = 'ingrid.haugen@demo.samspill.no';
export const ADMIN = 'admin@demo.samspill.no';
/** A demo colleague in no network and with no requests, until a test makes one. */
export const CAMILLA = 'kollega-18@demo.samspill.no';
export const VESTLAND = 'kulturskoleledere-i-vestland';
export const OLA = 'ola.berg@demo.samspill.no';
/** Jon Håkonsen, a member of «Kulturskoleledere i Vestland»; kollega-03 … -08 are members too. */
export const JON = 'kollega-02@demo.samspill.no';
export const colleague = (n: number) => `kollega-${String(n).padStart(2, '0')}@demo.samspill.no`;

/** Something unique per run, for names and emails: the suite shares one server and database. */
export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Every test also checks that no request left 127.0.0.1 (no fonts, CDNs or trackers). */
export const test = base.extend<{ offsite: string[] }>({
  offsite: [
    async ({ context }, use) => {
      const offsite: string[] = [];
      context.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol === 'data:' || url.protocol === 'blob:') return;
        if (url.hostname !== '127.0.0.1') offsite.push(request.url());
      });
      await use(offsite);
      expect(offsite, 'requests that left 127.0.0.1').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function login(page: Page, email = KARI, password = PASSWORD) {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hei, / })).toBeVisible();
}

export async function openUserMenuAndLogOut(page: Page, name = 'Kari Nordmann', logoutLabel = 'Logg ut') {
  await page.getByRole('button', { name }).click();
  await page.getByRole('button', { name: logoutLabel }).click();
}

/** WCAG 2.1 A/AA scan of the page as it is now. */
export async function expectNoAxeViolations(page: Page, label: string) {
  // A dialog or popover fading in is half transparent: wait until it has settled,
  // or axe measures the contrast of a frame of the animation.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .filter((a) => a.effect?.getTiming().iterations !== Infinity)
      .every((a) => a.playState !== 'running'),
  );
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** The API as one demo user, for setting up data a test needs (not for what it tests). */
export async function apiAs(email: string) {
  const ctx = await request.newContext({ baseURL: BASE_URL });
  const res = await ctx.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(res.status(), `log in ${email}`).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  return {
    async createNetwork(name: string, visibility: 'open' | 'on_request' | 'closed'): Promise<string> {
      const r = await ctx.post('/api/v1/networks', {
        headers,
        data: { name, visibility, counties: ['46'], topics: ['culture_school'], description: `Et testnettverk: **${name}**.` },
      });
      expect(r.status(), `create ${name}`).toBe(201);
      return ((await r.json()) as { slug: string }).slug;
    },
    async invite(slug: string, email: string): Promise<string> {
      const r = await ctx.post(`/api/v1/networks/${slug}/invitations`, { headers, data: { emails: email } });
      expect(r.status(), `invite ${email}`).toBe(200);
      const body = (await r.json()) as { invited: { link: string }[] };
      return new URL(body.invited[0]!.link).pathname;
    },
    /** Starts a thread in the category with this name; returns its id, slug and opening post's id. */
    async createThread(
      slug: string,
      category: string,
      title: string,
      body: string,
      kind: 'discussion' | 'question' = 'discussion',
    ): Promise<{ id: string; slug: string; path: string }> {
      const cats = await ctx.get(`/api/v1/networks/${slug}/forum/categories`, { headers });
      expect(cats.status(), 'categories').toBe(200);
      const found = ((await cats.json()) as { id: string; name: string }[]).find((c) => c.name === category);
      expect(found, `category ${category}`).toBeTruthy();
      const r = await ctx.post(`/api/v1/networks/${slug}/forum/threads`, {
        headers,
        data: { categoryId: found!.id, kind, title, body },
      });
      expect(r.status(), `create thread ${title}`).toBe(201);
      const t = (await r.json()) as { id: string; slug: string };
      return { ...t, path: `/nettverk/${slug}/forum/${t.id}-${t.slug}` };
    },
    async reply(threadId: string, body: string): Promise<{ id: string; number: number; revision: number }> {
      const r = await ctx.post(`/api/v1/threads/${threadId}/posts`, { headers, data: { body } });
      expect(r.status(), 'reply').toBe(201);
      return (await r.json()) as { id: string; number: number; revision: number };
    },
    async posts(threadId: string): Promise<{ id: string; number: number; revision: number }[]> {
      const r = await ctx.get(`/api/v1/threads/${threadId}/posts`, { headers });
      expect(r.status(), 'posts').toBe(200);
      return ((await r.json()) as { items: { id: string; number: number; revision: number }[] }).items;
    },
    async editPost(postId: string, body: string, revision: number) {
      const r = await ctx.patch(`/api/v1/posts/${postId}`, { headers, data: { body, revision } });
      expect(r.status(), 'edit').toBe(200);
    },
    async report(postId: string, reason: 'spam' | 'off_topic' | 'inappropriate' | 'other', note = '') {
      const r = await ctx.post(`/api/v1/posts/${postId}/flags`, { headers, data: note ? { reason, note } : { reason } });
      expect(r.status(), 'report').toBe(201);
    },
    dispose: () => ctx.dispose(),
  };
}

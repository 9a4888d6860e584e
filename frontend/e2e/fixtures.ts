import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'samspill-demo-2026';
export const KARI = 'kari.nordmann@demo.samspill.no';
export const LOCKOUT = 'laas.test@demo.samspill.no';

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
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

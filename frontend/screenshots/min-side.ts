// `npm run screenshots`: logs in as Kari, opens Min side in nb and nn, writes PNGs
// to $SCREENSHOT_DIR (default: the system temp folder) and prints axe's result per page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';

const dir = process.env.SCREENSHOT_DIR || os.tmpdir();

async function shoot(page: Page, name: string) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = axe.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
  console.log(`${name}: ${file}`);
  console.log(`  axe: ${violations.length} violations${violations.length ? ': ' + violations.join('; ') : ''}, ${axe.passes.length} passes, ${axe.incomplete.length} incomplete`);
}

test('Min side in nb and nn', async ({ page }) => {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill('kari.nordmann@demo.samspill.no');
  await page.getByLabel('Passord').fill('samspill-demo-2026');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Kari!' })).toBeVisible();

  await page.goto('/min-side');
  await expect(page.getByRole('heading', { level: 1, name: 'Min side' })).toBeVisible();
  await shoot(page, 'min-side-nb');

  const language = page.getByLabel('Språk', { exact: true });
  await language.selectOption('nn');
  await expect(page.getByRole('heading', { level: 1, name: 'Mi side' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Kari Nordmann' })).toContainText('Nynorsk');
  await shoot(page, 'min-side-nn');

  await language.selectOption('nb'); // leave Kari as she was
  await expect(page.getByRole('region', { name: 'Kari Nordmann' })).toContainText('Bokmål');
});

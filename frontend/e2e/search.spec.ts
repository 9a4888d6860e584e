import type { Locator } from '@playwright/test';
import { test, expect, login } from './fixtures';

/** The number in a filter's label, e.g. 3 in «Bibliotekutvikling Nord (3)». */
async function countOf(checkbox: Locator): Promise<number> {
  const id = await checkbox.getAttribute('id');
  const label = await checkbox.page().locator(`label[for="${id}"]`).textContent();
  const match = /\((\d+)\)$/.exec(label?.trim() ?? '');
  expect(match, `a count in «${label}»`).not.toBeNull();
  return Number(match![1]);
}

test('the header suggests titles while typing, and a suggestion is picked with the keyboard', async ({ page }) => {
  await login(page);
  const box = page.getByRole('combobox', { name: 'Søk' });
  await expect(box).toHaveAttribute('aria-expanded', 'false');

  // One character: no suggestions yet.
  await box.pressSequentially('m');
  await page.waitForTimeout(500);
  await expect(page.getByRole('listbox', { name: 'Forslag' })).toBeHidden();

  await box.pressSequentially('erå');
  const list = page.getByRole('listbox', { name: 'Forslag' });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const option = list.getByRole('option', { name: /Meråpent bibliotek – erfaringer med selvbetjening\?/ });
  await expect(option).toBeVisible();
  await expect(option).toContainText('Tråd');

  await box.press('ArrowDown');
  const first = list.getByRole('option').first();
  await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(box).toBeFocused();
  // Move to the thread's suggestion and open it.
  const options = await list.getByRole('option').all();
  for (const o of options) {
    if ((await o.getAttribute('aria-selected')) === 'true' && (await o.textContent())?.includes('Meråpent bibliotek')) break;
    await box.press('ArrowDown');
  }
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/nettverk\/bibliotekutvikling-nord\/forum\/[^/]+-merapent-bibliotek/);
  await expect(page.getByRole('heading', { level: 2, name: 'Meråpent bibliotek – erfaringer med selvbetjening?' })).toBeVisible();
  await expect(box).toHaveValue('');
});

test('search for a word, filter by type with a checkbox, and see the counts change', async ({ page }) => {
  await login(page);
  const box = page.getByRole('combobox', { name: 'Søk' });
  await box.fill('bibliotek');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/sok\?q=bibliotek$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Treff for «bibliotek»' })).toBeVisible();
  const status = page.getByRole('status').filter({ hasText: /^Fant \d+ treff for «bibliotek»\./ });
  await expect(status).toBeVisible();

  // The demo network and its thread are among the results, each with its type.
  const results = page.getByRole('region', { name: 'Treff', exact: true });
  const threadLink = results.getByRole('link', { name: 'Meråpent bibliotek – erfaringer med selvbetjening?' }).first();
  await expect(threadLink).toHaveAttribute('href', /^\/nettverk\/bibliotekutvikling-nord\/forum\//);
  await expect(results.locator('li', { has: page.getByRole('link', { name: 'Bibliotekutvikling Nord', exact: true }) })).toContainText('Nettverk');
  await expect(results.locator('mark').first()).toBeVisible();

  const nord = page.getByRole('checkbox', { name: /^Bibliotekutvikling Nord \(\d+\)$/ });
  const before = await countOf(nord);
  const threads = page.getByRole('checkbox', { name: /^Tråder \(\d+\)$/ });
  await threads.check();
  await expect(page).toHaveURL(/\/sok\?q=bibliotek&type=thread$/);
  await expect(threads).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: /^Fant \d+ treff/ })).toBeVisible();
  // The network counts only the threads now; the type counts stay (a filter is counted without itself).
  await expect.poll(() => countOf(nord)).toBeLessThan(before);
  await expect(page.getByRole('checkbox', { name: /^Nettverk \(\d+\)$/ })).not.toBeChecked();
  for (const item of await results.locator('li.search-result').all()) {
    await expect(item.locator('.ds-tag')).toHaveText('Tråd');
  }

  // Sorting goes into the address too, and the filter stays.
  await page.getByLabel('Sorter etter').selectOption('date');
  await expect(page).toHaveURL(/\/sok\?q=bibliotek&type=thread&sort=date$/);
  await expect(threads).toBeChecked();

  // Reloading keeps it all.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: /^Tråder \(\d+\)$/ })).toBeChecked();
  await expect(page.getByLabel('Sorter etter')).toHaveValue('date');
  await expect(page.getByRole('combobox', { name: 'Søk' })).toHaveValue('bibliotek');
});

test('filter by organisation: its name and count are shown, and ticking it narrows the results', async ({ page }) => {
  await login(page);
  const box = page.getByRole('combobox', { name: 'Søk' });
  await box.fill('bibliotek');
  await box.press('Enter');
  const results = page.getByRole('region', { name: 'Treff', exact: true });
  const status = results.getByRole('status');
  await expect(status).toHaveText(/^Fant \d+ treff for «bibliotek»\.$/);
  const total = Number(/^Fant (\d+)/.exec((await status.textContent()) ?? '')![1]);

  // The demo library's resources come from Bodø and Narvik: each organisation by its name, with its count.
  const orgs = page.getByRole('group', { name: 'Organisasjon' });
  const bodo = orgs.getByRole('checkbox', { name: /^Bodø \(\d+\)$/ });
  const narvik = orgs.getByRole('checkbox', { name: /^Narvik \(\d+\)$/ });
  await expect(bodo).not.toBeChecked();
  await expect(narvik).toBeVisible();
  const count = await countOf(bodo);
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(total);

  await bodo.check();
  await expect(page).toHaveURL(/\/sok\?q=bibliotek&org=[\w:-]+$/);
  await expect(status).toHaveText(`Fant ${count} treff for «bibliotek».`);
  await expect(bodo).toBeChecked();
  expect(await countOf(bodo)).toBe(count);
  // The other organisation is still offered (a filter is counted without itself).
  await expect(narvik).not.toBeChecked();
  const items = results.locator('li.search-result');
  await expect(items).toHaveCount(count);
  for (const item of await items.all()) await expect(item).toContainText('Bodø');

  // Reloading keeps the organisation ticked, by its name; unticking it brings all the results back.
  await page.reload();
  await expect(bodo).toBeChecked();
  await bodo.uncheck();
  await expect(page).toHaveURL(/\/sok\?q=bibliotek$/);
  await expect(status).toHaveText(`Fant ${total} treff for «bibliotek».`);
});

test('a misspelt word offers a correction, and filters that find nothing can be removed', async ({ page }) => {
  await login(page);
  const box = page.getByRole('combobox', { name: 'Søk' });
  await box.fill('meråpnet');
  await box.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Fant ingen treff for «meråpnet».' })).toBeVisible();
  await expect(page.getByText('Sjekk stavemåten, eller prøv andre eller færre ord.')).toBeVisible();
  const correction = page.getByRole('link', { name: 'meråpent', exact: true });
  await expect(correction.locator('..')).toHaveText('Mente du meråpent?');
  await correction.click();
  await expect(page).toHaveURL(/\/sok\?q=mer%C3%A5pent$/);
  await expect(page.getByRole('status').filter({ hasText: /^Fant \d+ treff for «meråpent»\./ })).toBeVisible();

  // Filters that rule everything out: the empty state offers to remove them.
  await page.goto('/sok?q=mer%C3%A5pent&type=person');
  await expect(page.getByRole('status').filter({ hasText: 'Fant ingen treff for «meråpent».' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Personer (0)' })).toBeChecked();
  await page.getByRole('region', { name: 'Treff', exact: true }).getByRole('button', { name: 'Fjern alle filtrene' }).click();
  await expect(page).toHaveURL(/\/sok\?q=mer%C3%A5pent$/);
  await expect(page.getByRole('status').filter({ hasText: /^Fant \d+ treff for «meråpent»\./ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Treff', exact: true })).toBeFocused();
});

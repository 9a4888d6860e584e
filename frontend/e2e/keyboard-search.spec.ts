import type { Page, Locator } from '@playwright/test';
import { test, expect, login } from './fixtures';

/** Presses Tab until `target` has focus (and fails if it never does). */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/**
 * Whether the focused element shows a focus indicator (an outline or a box shadow),
 * on itself or, for a checkbox, on the field around it with its label.
 */
async function showsFocus(target: Locator) {
  return target.evaluate((el) =>
    [el, el.closest('.ds-field')].some((e) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    }),
  );
}

test('search with the keyboard only: suggestions, results, a filter, a result and back', async ({ page }) => {
  await login(page);
  const box = page.getByRole('combobox', { name: 'Søk' });

  // Tab to the header's search field: it shows that it has focus.
  await tabTo(page, box);
  expect(await showsFocus(box)).toBe(true);

  // Type: the suggestions come; arrows move through them, Escape closes them.
  await page.keyboard.type('bibl');
  const list = page.getByRole('listbox', { name: 'Forslag' });
  await expect(list).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const first = list.getByRole('option').first();
  await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  await page.keyboard.press('ArrowUp'); // wraps to the last
  const last = list.getByRole('option').last();
  await expect(box).toHaveAttribute('aria-activedescendant', (await last.getAttribute('id'))!);
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).not.toHaveAttribute('aria-activedescendant');
  await expect(box).toHaveValue('bibl');
  await expect(box).toBeFocused();

  // Finish the word; Enter with no suggestion chosen opens the results page.
  await page.keyboard.type('iotek');
  await expect(list).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sok\?q=bibliotek$/);
  const heading = page.getByRole('heading', { level: 1, name: 'Treff for «bibliotek»' });
  await expect(heading).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: /^Fant \d+ treff for «bibliotek»\./ })).toBeVisible();

  // Tab to a filter and tick it with Space: focus stays on it while the results change.
  const threads = page.getByRole('checkbox', { name: /^Tråder \(\d+\)$/ });
  await tabTo(page, threads);
  expect(await showsFocus(threads)).toBe(true);
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/type=thread$/);
  await expect(threads).toBeChecked();
  await expect(threads).toBeFocused();

  // On to the sort order, then to the first result, and open it.
  const sort = page.getByLabel('Sorter etter');
  await tabTo(page, sort);
  const result = page.getByRole('region', { name: 'Treff', exact: true }).getByRole('link', { name: 'Meråpent bibliotek – erfaringer med selvbetjening?' });
  await tabTo(page, result, 10);
  expect(await showsFocus(result)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/nettverk\/bibliotekutvikling-nord\/forum\//);
  await expect(page.getByRole('heading', { level: 2, name: 'Meråpent bibliotek – erfaringer med selvbetjening?' })).toBeVisible();

  // Back to the results: the filter is still ticked.
  await page.goBack();
  await expect(page.getByRole('checkbox', { name: /^Tråder \(\d+\)$/ })).toBeChecked();

  // Pick a suggestion with the keyboard: it opens the page, and focus goes to its heading.
  await tabTo(page, box);
  await page.keyboard.press('Escape'); // clears the field
  await expect(box).toHaveValue('');
  await page.keyboard.type('Bibliotekutv');
  const network = list.getByRole('option', { name: /^Bibliotekutvikling Nord/ });
  await expect(network).toBeVisible();
  while ((await network.getAttribute('aria-selected')) !== 'true') await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/nettverk\/bibliotekutvikling-nord$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Bibliotekutvikling Nord' })).toBeFocused();
});

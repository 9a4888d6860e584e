import type { Page, Locator } from '@playwright/test';
import { test, expect, login, apiAs, colleague, INGRID, unique, VESTLAND } from './fixtures';

/** Presses Tab until `target` has focus (and fails if it never does). */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('the forum with the keyboard only: react, open and close the report dialog, write and post a reply', async ({ page }) => {
  const stamp = unique();
  const ingrid = await apiAs(INGRID);
  const thread = await ingrid.createThread(VESTLAND, 'Samlinger', `Tastaturtråd ${stamp}`, 'Hvem har erfaring med digitale samlinger?');
  await ingrid.dispose();
  const other = await apiAs(colleague(6));
  await other.reply(thread.id, 'Vi bruker Teams, og det fungerer greit.');
  await other.dispose();

  await login(page, colleague(7));
  await page.goto(thread.path);
  await expect(page.getByRole('heading', { level: 2, name: `Tastaturtråd ${stamp}` })).toBeVisible();

  // React with "Takk" on the reply: a toggle button.
  const thanks = page.getByRole('button', { name: /^Takk på innlegg 2 fra / });
  await tabTo(page, thanks);
  await expect(thanks).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Enter');
  const given = page.getByRole('button', { name: /^Takk 1 på innlegg 2 fra / });
  await expect(given).toHaveAttribute('aria-pressed', 'true');
  await expect(given).toBeFocused();

  // Open the report dialog, close it with Escape: focus comes back to the button.
  const report = page.getByRole('button', { name: /^Rapporter innlegg 2 fra / });
  await tabTo(page, report, 20);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^Rapporter innlegg fra / });
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(report).toBeFocused();

  // Write a reply and post it.
  const reply = page.getByLabel('Svaret ditt');
  await tabTo(page, reply, 30);
  await page.keyboard.type(`Vi har gode erfaringer med korte økter. ${stamp}`);
  await tabTo(page, page.getByRole('button', { name: 'Publiser svaret' }), 10);
  await page.keyboard.press('Enter');
  const posted = page.getByRole('article', { name: /^Innlegg 3 av / });
  await expect(posted).toContainText(`Vi har gode erfaringer med korte økter. ${stamp}`);
  await expect(posted).toBeFocused();
  await expect(reply).toHaveValue('');
});

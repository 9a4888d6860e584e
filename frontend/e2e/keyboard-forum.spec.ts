import type { Page, Locator } from '@playwright/test';
import { test, expect, login, apiAs, colleague, INGRID, unique, VESTLAND } from './fixtures';

const FORUM = `/nettverk/${VESTLAND}/forum`;

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

test('a moderator with the keyboard only: from the badge on the queue link to the reported post in its thread', async ({ page }) => {
  const stamp = unique();
  const author = await apiAs(colleague(3));
  const thread = await author.createThread(VESTLAND, 'Samlinger', `Tastaturrapport ${stamp}`, 'Hvem har ledige lokaler i april?');
  await author.dispose();
  const other = await apiAs(colleague(4));
  const reply = await other.reply(thread.id, `Kjøp billige klokker her! ${stamp}`);
  await other.dispose();
  const reporter = await apiAs(colleague(6));
  await reporter.report(reply.id, 'spam');
  await reporter.dispose();

  await login(page, INGRID);
  await page.goto(FORUM);
  const queue = page.getByRole('link', { name: /^Rapporterte innlegg \(\d+ rapporte?r? venter\)$/ });
  await tabTo(page, queue);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Rapporterte innlegg' })).toBeFocused();

  const post = page.getByRole('link', { name: new RegExp(`^Innlegg 2 fra .+ i «Tastaturrapport ${stamp}»$`) });
  await tabTo(page, post);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${thread.path}#innlegg-2$`));
  await expect(page.getByRole('article', { name: /^Innlegg 2 av / })).toBeFocused();
});

test('following a category with the keyboard only: the choice is saved and focus stays', async ({ page }) => {
  await login(page, colleague(7));
  await page.goto(FORUM);
  const select = page.getByLabel('Varsler for kategorien Spørsmål og svar');
  await tabTo(page, select);
  await expect(select).toHaveValue('normal');
  await page.keyboard.press('ArrowUp');
  await expect(select).toHaveValue('watching');
  await expect(page.getByText('Du følger nå Spørsmål og svar.')).toBeVisible();
  await expect(select).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByText('Spørsmål og svar varsler deg som vanlig.')).toBeVisible();
  await expect(select).toHaveValue('normal');
  await expect(select).toBeFocused();
});

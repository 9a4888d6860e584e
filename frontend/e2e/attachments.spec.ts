import type { Locator, Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, login, apiAs, colleague, JON, OLA, unique, VESTLAND } from './fixtures';

const LIBRARY = `/nettverk/${VESTLAND}/bibliotek`;
/** A demo resource of «Kulturskoleledere i Vestland» (internal/demo/library.go). */
const RESOURCE = 'Avtalemal for kulturskoletime i SFO';

/** Presses Tab until `target` has focus (and fails if it never does). */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('a member attaches a library resource to a reply; the resource page lists the thread under «Diskutert i» and links back to the post', async ({
  page,
}) => {
  const title = `Samarbeid med SFO ${unique()}`;
  const author = await apiAs(colleague(4));
  const thread = await author.createThread(VESTLAND, 'Samlinger', title, 'Har noen en avtale med SFO om kulturskoletimen?');
  await author.dispose();

  await login(page, JON);
  await page.goto(thread.path);
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();

  // Choose the resource in the picker, filtered by its title.
  await page.getByRole('button', { name: 'Legg ved fra biblioteket' }).click();
  const dialog = page.getByRole('dialog', { name: 'Legg ved fra biblioteket' });
  await dialog.getByLabel('Søk etter tittel').fill('avtalemal');
  await expect(dialog.getByText(/^1 av \d+ ressurser passer\./)).toBeVisible();
  await dialog.getByRole('checkbox', { name: new RegExp(RESOURCE) }).check();
  await expect(dialog.getByText('Du har valgt 1 av 10.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Ferdig' }).click();
  await expect(dialog).toBeHidden();
  const chosen = page.getByRole('list', { name: 'Vedlegg fra biblioteket' });
  await expect(chosen.getByRole('listitem')).toHaveCount(1);
  await expect(chosen).toContainText(RESOURCE);

  // The choice is kept in the draft with the text: it comes back after a reload.
  await page.getByLabel('Svaret ditt').fill('Vi bruker denne avtalemalen, se vedlegget.');
  await expect(page.getByText(/^Utkastet er lagret kl\./)).toBeVisible();
  await page.reload();
  await expect(page.getByText('Vi hentet fram utkastet du skrev sist.')).toBeVisible();
  await expect(page.getByLabel('Svaret ditt')).toHaveValue('Vi bruker denne avtalemalen, se vedlegget.');
  await expect(page.getByRole('list', { name: 'Vedlegg fra biblioteket' })).toContainText(RESOURCE);

  await page.getByRole('button', { name: 'Publiser svaret' }).click();
  const answer = page.getByRole('article', { name: /Innlegg 2 av Jon Håkonsen/ });
  await expect(answer).toContainText('Vi bruker denne avtalemalen');
  const link = answer.getByRole('link', { name: RESOURCE });
  await expect(link).toHaveAttribute('href', new RegExp(`^${LIBRARY}/[0-9a-f]{24}$`));
  await expect(answer).toContainText('(Mal, Avtalemal kulturskoletime i SFO.txt)');

  // The resource page says where it is discussed, and links back to the post.
  await link.click();
  await expect(page.getByRole('heading', { level: 2, name: RESOURCE })).toBeVisible();
  const discussed = page.getByRole('region', { name: 'Diskutert i' });
  const back = discussed.getByRole('link', { name: title });
  await expect(back).toHaveAttribute('href', `${thread.path}#innlegg-2`);
  await expect(discussed).toContainText('Innlegg 2 fra Jon Håkonsen');
  await back.click();
  await expect(page).toHaveURL(new RegExp(`${thread.path}#innlegg-2$`));
  await expect(page.getByRole('article', { name: /Innlegg 2 av Jon Håkonsen/ })).toBeFocused();
});

test('picking and removing an attachment with the keyboard only', async ({ page }) => {
  const title = `Tastatur og vedlegg ${unique()}`;
  const author = await apiAs(colleague(5));
  const thread = await author.createThread(VESTLAND, 'Samlinger', title, 'Hvilke maler bruker dere?');
  await author.dispose();

  await login(page, OLA);
  await page.goto(thread.path);
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();

  const open = page.getByRole('button', { name: 'Legg ved fra biblioteket' });
  await tabTo(page, open, 150);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Legg ved fra biblioteket' });
  const search = dialog.getByLabel('Søk etter tittel');
  await expect(search).toBeFocused();
  await page.keyboard.type('Kulturplan');
  // Enter in the filter does not post the reply.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('checkbox', { name: /Kulturplan 2025–2030 \(mal\)/ });
  await tabTo(page, box, 5);
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await tabTo(page, dialog.getByRole('button', { name: 'Ferdig' }), 5);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  const chosen = page.getByRole('list', { name: 'Vedlegg fra biblioteket' });
  await expect(chosen).toContainText('Kulturplan 2025–2030 (mal)');

  // Remove it again: focus goes back to the picker's button, and the removal is announced.
  await page.keyboard.press('Shift+Tab');
  const remove = page.getByRole('button', { name: 'Fjern vedlegget «Kulturplan 2025–2030 (mal)»' });
  await expect(remove).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Vedlegg fra biblioteket' })).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: '«Kulturplan 2025–2030 (mal)» er fjernet fra vedleggene.' })).toHaveCount(1);
});

// The composer with the picker open, and a resource page with its discussions, in light and dark.
for (const scheme of ['light', 'dark'] as const) {
  test(`attachments have no WCAG 2.1 A/AA violations (nb, ${scheme})`, async ({ page }) => {
    const title = `Axe-vedlegg ${scheme} ${unique()}`;
    const author = await apiAs(colleague(6));
    const thread = await author.createThread(VESTLAND, 'Samlinger', title, 'Et innlegg med vedlegg.');
    await author.dispose();
    await page.emulateMedia({ colorScheme: scheme });

    await login(page, OLA);
    await page.goto(thread.path);
    await page.getByRole('button', { name: 'Legg ved fra biblioteket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Legg ved fra biblioteket' });
    await dialog.getByRole('checkbox', { name: new RegExp(RESOURCE) }).check();
    await expect(dialog.getByText('Du har valgt 1 av 10.')).toBeVisible();
    await expectNoAxeViolations(page, `attachment picker open (${scheme})`);
    await dialog.getByRole('button', { name: 'Ferdig' }).click();
    await page.getByLabel('Svaret ditt').fill('Se malen i vedlegget.');
    await expectNoAxeViolations(page, `composer with a chosen attachment (${scheme})`);
    await page.getByRole('button', { name: 'Publiser svaret' }).click();
    const answer = page.getByRole('article', { name: /Innlegg 2 av Ola Berg/ });
    await expect(answer.getByRole('link', { name: RESOURCE })).toBeVisible();
    await expectNoAxeViolations(page, `post with an attachment (${scheme})`);

    await answer.getByRole('link', { name: RESOURCE }).click();
    const discussed = page.getByRole('region', { name: 'Diskutert i' });
    await expect(discussed.getByRole('link', { name: title })).toBeVisible();
    await expectNoAxeViolations(page, `resource page with discussions (${scheme})`);
  });
}

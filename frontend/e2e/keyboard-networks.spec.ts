import type { Page, Locator } from '@playwright/test';
import { test, expect, login, apiAs, CAMILLA, INGRID, unique } from './fixtures';

/** Presses Tab until `target` has focus (and fails if it never does). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('ask to join with the keyboard only: open the dialog, Escape, open again, write and send', async ({ page }) => {
  const ingrid = await apiAs(INGRID);
  const name = `Tastatur ${unique()}`;
  const slug = await ingrid.createNetwork(name, 'on_request');
  await ingrid.dispose();

  await login(page, CAMILLA);
  await page.goto(`/nettverk/${slug}`);
  const ask = page.getByRole('button', { name: 'Be om å bli med' });
  await tabTo(page, ask);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Be om å bli med i ${name}` });
  await expect(dialog).toBeVisible();
  // Focus is inside the dialog; Escape closes it and gives focus back to the button.
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(ask).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  const message = dialog.getByLabel('Melding til moderatorene (valgfritt)');
  await tabTo(page, message, 10);
  await page.keyboard.type('Hei! Jeg jobber med frivillighet i Stavanger.');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Send forespørselen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Forespørselen er sendt/)).toBeVisible();
  // Focus lands on the membership heading, right above the news, not on <body>.
  await expect(page.getByRole('heading', { level: 3, name: 'Ditt medlemskap' })).toBeFocused();
  await expect(page.getByText('Du har bedt om å bli med. Moderatorene svarer deg så snart de kan.')).toBeVisible();
});

test('join an open network and invite people with the keyboard only', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const stamp = unique();
  const ingrid = await apiAs(INGRID);
  const openName = `Åpent tastatur ${stamp}`;
  const openSlug = await ingrid.createNetwork(openName, 'open');
  await ingrid.dispose();

  // Join an open network.
  await login(page, CAMILLA);
  await page.goto(`/nettverk/${openSlug}`);
  const join = page.getByRole('button', { name: 'Bli med', exact: true });
  await tabTo(page, join);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Velkommen! Du er nå medlem av nettverket.')).toBeVisible();
  await expect(page.getByText('Du er medlem av nettverket.')).toBeVisible();

  // Ingrid owns it: she invites two addresses, one of them wrong.
  await page.context().clearCookies();
  await login(page, INGRID);
  await page.goto(`/nettverk/${openSlug}`);
  const tab = page.getByRole('navigation', { name: 'Nettverket' }).getByRole('link', { name: 'Invitasjoner' });
  await tabTo(page, tab);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Invitasjoner' })).toBeFocused();
  const emails = page.getByLabel('E-postadresser');
  await tabTo(page, emails, 10);
  const invitee = `tast.${stamp}@example.no`;
  await page.keyboard.type(invitee);
  await page.keyboard.press('Enter');
  await page.keyboard.type('feil@');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send invitasjoner' })).toBeFocused();
  await page.keyboard.press('Enter');

  // The result takes focus; the link field and its copy button come next.
  await expect(page.getByRole('heading', { level: 3, name: 'Resultat' })).toBeFocused();
  await expect(page.getByRole('list', { name: '1 linje ble ikke invitert:' })).toContainText('feil@');
  await page.keyboard.press('Tab');
  const field = page.getByRole('region', { name: 'Resultat' }).getByLabel(`Invitasjonslenke til ${invitee}`);
  await expect(field).toBeFocused();
  // The read-only field selects the link, ready for Ctrl+C.
  expect(await field.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!)).toBe((await field.inputValue()).length);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: `Kopier lenke til ${invitee}` }).first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Lenken til ${invitee} er kopiert.`).first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await field.inputValue());
});

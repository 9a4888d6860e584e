import { test, expect, expectNoAxeViolations, login, apiAs, colleague, INGRID, JON, OLA, unique, VESTLAND } from './fixtures';

const FORUM = `/nettverk/${VESTLAND}/forum`;

// Every forum page and dialog, scanned for WCAG 2.1 A/AA, in light and dark.
for (const scheme of ['light', 'dark'] as const) {
  test(`forum pages have no WCAG 2.1 A/AA violations (nb, ${scheme})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    const stamp = unique();
    // A thread with an edited reply (for the history) and a reported post (for the queue).
    const ola = await apiAs(OLA);
    const thread = await ola.createThread(VESTLAND, 'Rammeplan og undervisning', `Axe-tråd ${scheme} ${stamp}`, 'Hva synes dere om **rammeplanen**?');
    await ola.dispose();
    const jon = await apiAs(JON);
    const answer = await jon.reply(thread.id, 'Den er god, men krevende.');
    await jon.editPost(answer.id, 'Den er god, men krevende å følge opp i små kommuner.', answer.revision);
    await jon.dispose();
    const reporter = await apiAs(colleague(3));
    await reporter.report(answer.id, 'off_topic', `Axe ${stamp}`);
    await reporter.dispose();
    await page.emulateMedia({ colorScheme: scheme });

    await login(page, OLA);
    await page.goto(FORUM);
    await expect(page.getByRole('link', { name: /Ventelister i kulturskolen/ })).toBeVisible();
    await expectNoAxeViolations(page, `thread list (${scheme})`);

    await page.goto(`${FORUM}/ny`);
    await expect(page.getByRole('heading', { level: 2, name: 'Ny tråd' })).toBeVisible();
    await expectNoAxeViolations(page, `new thread form, empty (${scheme})`);
    await page.getByRole('button', { name: 'Start diskusjonen' }).click();
    await expect(page.getByText('Skriv en tittel.').first()).toBeVisible();
    await expectNoAxeViolations(page, `new thread form with errors (${scheme})`);

    // The demo question with an accepted answer; the composer is open at the end.
    await page.goto(FORUM);
    await page.getByRole('link', { name: /Ventelister i kulturskolen/ }).click();
    await expect(page.getByRole('region', { name: 'Godkjent svar' })).toBeVisible();
    await expect(page.getByLabel('Svaret ditt')).toBeVisible();
    await expectNoAxeViolations(page, `thread with accepted answer and composer (${scheme})`);
    await page.getByLabel('Svaret ditt').fill('Takk! Dette var nyttig, @Jo');
    await expect(page.getByRole('option', { name: /Jon Håkonsen/ })).toBeVisible();
    await expectNoAxeViolations(page, `composer with mention suggestions (${scheme})`);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Forhåndsvis' }).click();
    await expect(page.getByRole('region', { name: 'Forhåndsvisning' })).toContainText('Takk! Dette var nyttig');
    await expectNoAxeViolations(page, `composer, preview tab (${scheme})`);
    await page.getByRole('tab', { name: 'Skriv' }).click();
    await page.getByRole('button', { name: /^Rapporter innlegg 3 fra / }).click();
    await expect(page.getByRole('dialog', { name: /^Rapporter innlegg fra / })).toBeVisible();
    await expectNoAxeViolations(page, `report dialog (${scheme})`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Forkast utkastet' }).click();
    await page.getByRole('dialog', { name: 'Vil du forkaste utkastet?' }).getByRole('button', { name: 'Ja, forkast utkastet' }).click();

    // An edited post's history.
    await page.goto(thread.path);
    await page.getByRole('button', { name: 'Redigert: se tidligere versjoner av innlegg 2 fra Jon Håkonsen' }).click();
    const history = page.getByRole('dialog', { name: 'Versjoner av innlegg 2 fra Jon Håkonsen' });
    await expect(history.getByRole('heading', { name: 'Versjon 1' })).toBeVisible();
    await expect(history).toContainText('Den er god, men krevende.');
    await expectNoAxeViolations(page, `history dialog (${scheme})`);
    await page.keyboard.press('Escape');

    // The moderators' queue, and the category list in the forum tab.
    const ingridContext = await browser.newContext({ colorScheme: scheme });
    const ingrid = await ingridContext.newPage();
    await login(ingrid, INGRID);
    await ingrid.goto(`${FORUM}/moderering`);
    await expect(ingrid.locator('.flag-card').filter({ hasText: `Axe ${stamp}` })).toBeVisible();
    await expectNoAxeViolations(ingrid, `moderator queue (${scheme})`);
    await ingrid.goto(FORUM);
    await ingrid.getByText('Kategorier', { exact: true }).click();
    await expect(ingrid.getByRole('button', { name: 'Endre kategorien Samlinger' })).toBeVisible();
    await expectNoAxeViolations(ingrid, `thread list with categories for moderators (${scheme})`);
    await ingridContext.close();
  });
}

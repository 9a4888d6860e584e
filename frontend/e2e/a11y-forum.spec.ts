import { test, expect, expectNoAxeViolations, login, apiAs, colleague, CAMILLA, INGRID, JON, OLA, unique, VESTLAND } from './fixtures';

const FORUM = `/nettverk/${VESTLAND}/forum`;

/** Another report on a new post, so that one waits in the queue. */
async function colleagueReports(stamp: string, scheme: string) {
  const author = await apiAs(colleague(5));
  const thread = await author.createThread(VESTLAND, 'Samlinger', `Axe-rapport ${scheme} ${stamp}`, 'Et innlegg som blir rapportert.');
  const [opening] = await author.posts(thread.id);
  await author.dispose();
  const reporter = await apiAs(colleague(3));
  await reporter.report(opening!.id, 'off_topic', `Axe-badge ${stamp}`);
  await reporter.dispose();
}

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
    await expect(page.getByRole('region', { name: 'Følg kategorier' }).getByLabel('Varsler for kategorien Samlinger')).toBeVisible();
    await expectNoAxeViolations(page, `thread list with the categories to follow (${scheme})`);
    await page.getByRole('region', { name: 'Følg kategorier' }).getByLabel('Varsler for kategorien Samlinger').selectOption('muted');
    await expect(page.getByText('Samlinger er dempet.')).toBeVisible();
    await expectNoAxeViolations(page, `thread list, a category muted (${scheme})`);
    await page.getByRole('region', { name: 'Følg kategorier' }).getByLabel('Varsler for kategorien Samlinger').selectOption('normal');
    await expect(page.getByText('Samlinger varsler deg som vanlig.')).toBeVisible();

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
    // Dismiss the report: the dismissed ones say who did it, and when.
    await ingrid
      .locator('.flag-card')
      .filter({ hasText: `Axe ${stamp}` })
      .getByRole('button', { name: /^Avvis rapporten fra / })
      .click();
    await expect(ingrid.getByText(/^Rapporten fra .+ er avvist\.$/)).toBeVisible();
    await ingrid.getByLabel('Vis', { exact: true }).selectOption('dismissed');
    await expect(ingrid.locator('.flag-card').filter({ hasText: `Axe ${stamp}` })).toContainText('Avvist av');
    await expectNoAxeViolations(ingrid, `dismissed reports (${scheme})`);
    await ingrid.goto(FORUM);
    // The link to the queue with its badge, when reports wait.
    await colleagueReports(stamp, scheme);
    await ingrid.reload();
    await expect(ingrid.getByRole('link', { name: /^Rapporterte innlegg \(\d+ rapporte?r? venter\)$/ }).locator('.ds-badge')).toBeVisible();
    await ingrid.getByText('Kategorier', { exact: true }).click();
    await expect(ingrid.getByRole('button', { name: 'Endre kategorien Samlinger' })).toBeVisible();
    await expectNoAxeViolations(ingrid, `thread list with categories and the reports badge for moderators (${scheme})`);
    await ingridContext.close();

    // Someone outside the network: the forum is for members.
    const camillaContext = await browser.newContext({ colorScheme: scheme });
    const camilla = await camillaContext.newPage();
    await login(camilla, CAMILLA);
    await camilla.goto(thread.path);
    await expect(camilla.getByRole('link', { name: 'Slik blir du med i nettverket' })).toBeVisible();
    await expectNoAxeViolations(camilla, `thread for members only (${scheme})`);
    await camillaContext.close();
  });
}

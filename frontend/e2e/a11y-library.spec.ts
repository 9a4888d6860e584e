import { test, expect, expectNoAxeViolations, login, INGRID, OLA, unique, VESTLAND } from './fixtures';

const LIBRARY = `/nettverk/${VESTLAND}/bibliotek`;

// Every library page, scanned for WCAG 2.1 A/AA, in light and dark.
for (const scheme of ['light', 'dark'] as const) {
  test(`library pages have no WCAG 2.1 A/AA violations (nb, ${scheme})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    const stamp = unique();
    await page.emulateMedia({ colorScheme: scheme });

    await login(page, OLA);
    await page.goto(LIBRARY);
    await expect(page.getByRole('link', { name: 'Kulturplan 2025–2030 (mal)' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Maler for søknader' })).toBeVisible();
    await expectNoAxeViolations(page, `library list (${scheme})`);
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Mal' });
    await expect(page).toHaveURL(/\?type=template$/);
    await expect(page.getByRole('button', { name: 'Fjern filtrene' })).toBeVisible();
    await expectNoAxeViolations(page, `library list, filtered (${scheme})`);

    await page.goto(`${LIBRARY}/ny`);
    await expect(page.getByRole('heading', { level: 2, name: 'Del i biblioteket' })).toBeVisible();
    await expectNoAxeViolations(page, `upload form, empty (${scheme})`);
    await page.getByRole('button', { name: 'Last opp' }).click();
    await expect(page.getByText('Skriv en tittel.').first()).toBeVisible();
    await expectNoAxeViolations(page, `upload form with errors (${scheme})`);
    await page.getByLabel('Den tilhører en annen organisasjon').check();
    await page.getByLabel('En nettlenke').check();
    await expect(page.getByLabel('Adresse')).toBeVisible();
    await expectNoAxeViolations(page, `upload form, web link and other owner (${scheme})`);

    // A demo resource with a file, its versions and the form for a new one (Ola uploaded it).
    await page.goto(LIBRARY);
    await page.getByRole('link', { name: 'Avtalemal for kulturskoletime i SFO' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Avtalemal for kulturskoletime i SFO' })).toBeVisible();
    await expect(page.getByRole('table')).toContainText('Versjon 1');
    await expect(page.getByRole('heading', { name: 'Last opp ny versjon' })).toBeVisible();
    await expectNoAxeViolations(page, `resource page with versions (${scheme})`);
    await page.getByRole('link', { name: 'Endre' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Endre ressursen' })).toBeVisible();
    await expectNoAxeViolations(page, `edit form (${scheme})`);

    // A PDF with its preview open. Chromium shows PDFs with its built-in viewer, which
    // loads chrome:// pages of its own (the offsite check counts them, and axe cannot
    // judge them): the frame gets a stand-in page here; library.spec.ts checks the real file.
    await page.route(/\/download\?.*inline=1/, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="nb"><title>PDF</title><p>PDF</p></html>' }),
    );
    await page.goto(LIBRARY);
    await page.getByRole('link', { name: 'Kulturplan 2025–2030 (mal)' }).click();
    await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
    await expect(page.locator('iframe[title^="Forhåndsvisning av"]')).toBeVisible();
    await expectNoAxeViolations(page, `resource page with PDF preview (${scheme})`);

    // The moderator's views: a collection to curate, the new-collection form, the delete dialog.
    const ingridContext = await browser.newContext({ colorScheme: scheme });
    const ingrid = await ingridContext.newPage();
    await login(ingrid, INGRID);
    await ingrid.goto(LIBRARY);
    await ingrid.getByRole('link', { name: 'Maler for søknader' }).click();
    await expect(ingrid.getByRole('heading', { level: 2, name: 'Maler for søknader' })).toBeVisible();
    await expect(ingrid.getByRole('button', { name: 'Flytt ned: Kulturplan 2025–2030 (mal)' })).toBeVisible();
    await expectNoAxeViolations(ingrid, `collection for moderators (${scheme})`);
    await ingrid.getByRole('button', { name: 'Slett mappen' }).click();
    await expect(ingrid.getByRole('dialog', { name: 'Vil du slette mappen «Maler for søknader»?' })).toBeVisible();
    await expectNoAxeViolations(ingrid, `delete collection dialog (${scheme})`);
    await ingrid.keyboard.press('Escape');
    await ingrid.goto(`${LIBRARY}/mapper/ny`);
    await expect(ingrid.getByRole('heading', { level: 2, name: 'Ny mappe' })).toBeVisible();
    await ingrid.getByLabel('Navn').fill(`Axe-mappe ${scheme} ${stamp}`);
    await ingrid.getByRole('button', { name: 'Lag mappen' }).click();
    await expect(ingrid.getByRole('heading', { level: 2, name: `Axe-mappe ${scheme} ${stamp}` })).toBeVisible();
    await expect(ingrid.getByText('Mappen er tom.', { exact: false })).toBeVisible();
    await expectNoAxeViolations(ingrid, `new, empty collection (${scheme})`);
    await ingridContext.close();
  });
}

import { test, expect, expectNoAxeViolations, login, INGRID } from './fixtures';

// The search pages, scanned for WCAG 2.1 A/AA, in light and dark.
for (const scheme of ['light', 'dark'] as const) {
  test(`search pages have no WCAG 2.1 A/AA violations (nb, ${scheme})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await login(page);

    // The header's field with its suggestions open.
    const box = page.getByRole('combobox', { name: 'Søk' });
    await box.pressSequentially('bibl');
    await expect(page.getByRole('listbox', { name: 'Forslag' })).toBeVisible();
    await box.press('ArrowDown');
    await expectNoAxeViolations(page, `header suggestions (${scheme})`);

    // Results with filters.
    await box.press('Escape');
    await box.fill('bibliotek');
    await box.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: /^Fant \d+ treff/ })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /^Tråder \(\d+\)$/ })).toBeVisible();
    await expectNoAxeViolations(page, `results (${scheme})`);
    await page.getByRole('checkbox', { name: /^Tråder \(\d+\)$/ }).check();
    await expect(page).toHaveURL(/type=thread/);
    await expect(page.getByRole('status').filter({ hasText: /^Fant \d+ treff/ })).toBeVisible();
    await expectNoAxeViolations(page, `results with a filter (${scheme})`);

    // Nothing found: the correction, and filters to remove.
    await page.goto('/sok?q=mer%C3%A5pnet&type=thread');
    await expect(page.getByRole('status').filter({ hasText: 'Fant ingen treff for «meråpnet».' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'meråpent', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Treff', exact: true }).getByRole('button', { name: 'Fjern alle filtrene' })).toBeVisible();
    await expectNoAxeViolations(page, `empty state with filters and correction (${scheme})`);
    await page.goto('/sok?q=xyzzyqwv');
    await expect(page.getByRole('status').filter({ hasText: 'Fant ingen treff for «xyzzyqwv».' })).toBeVisible();
    await expectNoAxeViolations(page, `empty state (${scheme})`);

    // On a phone: the field has a row of its own, and the filters fold away.
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/sok?q=bibliotek');
    await expect(page.getByRole('status').filter({ hasText: /^Fant \d+ treff/ })).toBeVisible();
    const field = await page.getByRole('combobox', { name: 'Søk' }).boundingBox();
    expect(field, 'the search field is on screen').not.toBeNull();
    expect(field!.x).toBeGreaterThanOrEqual(0);
    expect(field!.x + field!.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expect(page.getByRole('checkbox', { name: /^Tråder \(\d+\)$/ })).toBeHidden();
    await page.getByText('Filtrer treffene', { exact: true }).click();
    await expect(page.getByRole('checkbox', { name: /^Tråder \(\d+\)$/ })).toBeVisible();
    await expectNoAxeViolations(page, `results on a phone, filters open (${scheme})`);

    // The insight page, as the demo KS adviser.
    const ingridContext = await browser.newContext({ colorScheme: scheme });
    const ingrid = await ingridContext.newPage();
    await login(ingrid, INGRID);
    await ingrid.getByRole('button', { name: 'Ingrid Haugen' }).click();
    await ingrid.getByRole('link', { name: 'Søkeinnsikt' }).click();
    await expect(ingrid.getByRole('heading', { level: 1, name: 'Søkeinnsikt' })).toBeVisible();
    const top = ingrid.getByRole('table', { name: 'Mest brukte søk' });
    await expect(top.getByRole('link', { name: 'Søk etter «bibliotek»' })).toBeVisible();
    await expect(ingrid.getByRole('table', { name: 'Søk som ikke fant noe' }).getByRole('link', { name: 'Søk etter «meråpnet»' })).toBeVisible();
    await expectNoAxeViolations(ingrid, `search insight (${scheme})`);
    await ingrid.getByLabel('Nettverk', { exact: true }).selectOption({ label: 'Bibliotekutvikling Nord' });
    await expect(ingrid.getByRole('heading', { level: 2, name: 'Mest brukte søk' })).toBeVisible();
    await expectNoAxeViolations(ingrid, `search insight for one network (${scheme})`);
    await ingridContext.close();
  });
}

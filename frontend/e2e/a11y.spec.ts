import { test, expect, expectNoAxeViolations, login } from './fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test(`every page has no WCAG 2.1 A/AA violations (nb, ${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/logg-inn');
    await expect(page.locator('html')).toHaveAttribute('data-color-scheme', 'auto');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.getByRole('heading', { level: 1, name: 'Logg inn' })).toBeVisible();
    await expectNoAxeViolations(page, `login, empty (${scheme})`);

    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByText('Skriv e-postadressen din.').first()).toBeVisible();
    await expectNoAxeViolations(page, `login, field errors (${scheme})`);

    await page.getByLabel('E-postadresse').fill('finnes.ikke@demo.samspill.no');
    await page.getByLabel('Passord').fill('feil-passord');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page, `login, wrong password (${scheme})`);

    await page.goto('/finnes-ikke');
    await expect(page.getByRole('heading', { level: 1, name: 'Vi fant ikke siden' })).toBeVisible();
    await expectNoAxeViolations(page, `not found, logged out (${scheme})`);

    await login(page);
    await expectNoAxeViolations(page, `home (${scheme})`);

    await page.goto('/min-side');
    await expect(page.getByRole('heading', { level: 1, name: 'Min side' })).toBeVisible();
    await expectNoAxeViolations(page, `Min side (${scheme})`);

    await page.getByLabel('Navn', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Lagre endringene' }).click();
    await expect(page.getByText('Skriv navnet ditt.').first()).toBeVisible();
    await expectNoAxeViolations(page, `Min side with errors (${scheme})`);

    await page.getByRole('button', { name: 'Kari Nordmann' }).click();
    await expect(page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
    await expectNoAxeViolations(page, `user menu open (${scheme})`);
    await page.keyboard.press('Escape');

    await page.goto('/finnes-ikke');
    await expect(page.getByRole('heading', { level: 1, name: 'Vi fant ikke siden' })).toBeVisible();
    await expectNoAxeViolations(page, `not found, logged in (${scheme})`);
  });
}

import { test, expect, expectNoAxeViolations, login, apiAs, ADMIN, CAMILLA, INGRID, unique, VESTLAND } from './fixtures';

// Every page of the networks feature, scanned for WCAG 2.1 A/AA, in light and dark.
for (const scheme of ['light', 'dark'] as const) {
  test(`networks pages have no WCAG 2.1 A/AA violations (nb, ${scheme})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    const stamp = unique();
    const ingridApi = await apiAs(INGRID);
    const link = await ingridApi.invite(VESTLAND, `axe.${scheme}.${stamp}@example.no`);
    await ingridApi.dispose();
    await page.emulateMedia({ colorScheme: scheme });

    // Logged out: the invitation page with its registration form, with errors, and a bad link.
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: 'Du er invitert til Kulturskoleledere i Vestland' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Lag konto og bli med' })).toBeVisible();
    await expectNoAxeViolations(page, `invitation, register form (${scheme})`);
    await page.getByLabel('Organisasjon').fill('Berg');
    await expect(page.getByRole('radio', { name: /^Bergen/ })).toBeVisible();
    await page.getByRole('button', { name: 'Lag konto og bli med' }).click();
    await expect(page.getByText('Skriv navnet ditt.').first()).toBeVisible();
    await expectNoAxeViolations(page, `invitation, register form with errors (${scheme})`);
    await page.goto('/invitasjon/ugyldig-lenke');
    await expect(page.getByRole('heading', { level: 1, name: 'Invitasjonen kan ikke brukes' })).toBeVisible();
    await expectNoAxeViolations(page, `invitation, invalid link (${scheme})`);

    // Ingrid, owner of «Kulturskoleledere i Vestland».
    await login(page, INGRID);
    await expectNoAxeViolations(page, `home with my networks (${scheme})`);
    await page.getByRole('button', { name: 'Mine nettverk' }).click();
    await expect(page.locator('[popover]').getByRole('link', { name: 'Kulturskoleledere i Vestland' })).toBeVisible();
    await expectNoAxeViolations(page, `my networks menu open (${scheme})`);
    await page.keyboard.press('Escape');

    await page.goto('/nettverk');
    await expect(page.getByRole('link', { name: 'Kulturskoleledere i Vestland' })).toBeVisible();
    await expectNoAxeViolations(page, `catalogue (${scheme})`);
    await page.getByLabel('Fylke', { exact: true }).selectOption({ label: 'Nordland' });
    await expect(page.getByRole('link', { name: 'Bibliotekutvikling Nord' })).toBeVisible();
    await expectNoAxeViolations(page, `catalogue filtered (${scheme})`);

    await page.goto('/nettverk/ny');
    await expect(page.getByRole('heading', { level: 1, name: 'Opprett nettverk' })).toBeVisible();
    await expectNoAxeViolations(page, `create form, empty (${scheme})`);
    await page.getByText('Slik formaterer du teksten').click();
    await page.getByRole('button', { name: 'Opprett nettverket' }).click();
    await expect(page.getByText('Skriv navnet på nettverket.').first()).toBeVisible();
    await expectNoAxeViolations(page, `create form with errors (${scheme})`);

    const base = `/nettverk/${VESTLAND}`;
    await page.goto(base);
    await expect(page.getByText('Du er eier av nettverket.')).toBeVisible();
    await expectNoAxeViolations(page, `network about, owner (${scheme})`);
    await page.getByRole('button', { name: 'Forlat nettverket' }).click();
    await expect(page.getByRole('dialog', { name: /Vil du forlate/ })).toBeVisible();
    await expectNoAxeViolations(page, `leave dialog (${scheme})`);
    await page.keyboard.press('Escape');

    await page.goto(`${base}/medlemmer`);
    await expect(page.getByRole('link', { name: 'Marit Lie' }).or(page.getByRole('link', { name: 'Jon Håkonsen' })).first()).toBeVisible();
    await page.getByRole('button', { name: 'Kommuner i fylket ditt' }).click();
    await page.locator('#coverage-panel').getByLabel('Fylke').selectOption({ label: 'Vestland' });
    await expect(page.getByText(/av 43 kommuner i Vestland er med i nettverket/)).toBeVisible();
    await expectNoAxeViolations(page, `members with coverage (${scheme})`);
    await page.getByRole('button', { name: /^Fjern / }).first().click();
    await expect(page.getByRole('dialog', { name: /Vil du fjerne/ })).toBeVisible();
    await expectNoAxeViolations(page, `remove member dialog (${scheme})`);
    await page.keyboard.press('Escape');

    await page.goto(`${base}/foresporsler`);
    await expect(page.getByRole('heading', { level: 2, name: 'Forespørsler om medlemskap' })).toBeVisible();
    await expect(page.locator('.results__status')).not.toBeEmpty();
    await expectNoAxeViolations(page, `requests (${scheme})`);
    const decline = page.getByRole('button', { name: /^Avslå / }).first();
    if (await decline.isVisible()) {
      await decline.click();
      await expect(page.getByRole('dialog', { name: /Avslå forespørselen fra/ })).toBeVisible();
      await expectNoAxeViolations(page, `decline dialog (${scheme})`);
      await page.keyboard.press('Escape');
    }

    await page.goto(`${base}/invitasjoner`);
    await page.getByLabel('E-postadresser').fill(`axe.resultat.${scheme}.${stamp}@example.no\nikke-en-epost`);
    await page.getByRole('button', { name: 'Send invitasjoner' }).click();
    await expect(page.getByRole('region', { name: 'Resultat' })).toContainText('1 person er invitert.');
    await expectNoAxeViolations(page, `invitations with a result (${scheme})`);

    await page.goto(`${base}/endringslogg`);
    await expect(page.getByRole('table', { name: /Endringslogg for/ })).toBeVisible();
    await expectNoAxeViolations(page, `audit log (${scheme})`);

    await page.goto(`${base}/innstillinger`);
    await expect(page.getByLabel('Navn på nettverket')).toHaveValue('Kulturskoleledere i Vestland');
    await expectNoAxeViolations(page, `settings (${scheme})`);

    await page.goto(`${base}/medlemmer`);
    await page.getByRole('link', { name: 'Jon Håkonsen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jon Håkonsen' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Kulturskoleledere i Vestland' })).toBeVisible();
    await expectNoAxeViolations(page, `person page (${scheme})`);

    // A demo colleague who is in no network: the about page with "ask to join", and the dialog.
    const other = await browser.newContext({ colorScheme: scheme });
    const camilla = await other.newPage();
    await login(camilla, CAMILLA);
    await camilla.goto(`/nettverk/${VESTLAND}`);
    await camilla.getByRole('button', { name: 'Be om å bli med' }).click();
    await expect(camilla.getByRole('dialog', { name: /Be om å bli med i/ })).toBeVisible();
    await expectNoAxeViolations(camilla, `ask-to-join dialog (${scheme})`);
    await camilla.keyboard.press('Escape');
    await expectNoAxeViolations(camilla, `network about, not a member (${scheme})`);
    await other.close();

    // The administrator's outbox, with one message open.
    const adminContext = await browser.newContext({ colorScheme: scheme });
    const admin = await adminContext.newPage();
    await login(admin, ADMIN);
    await admin.goto('/administrasjon/utboks');
    await admin.getByRole('button', { name: /Invitasjon til/ }).first().click();
    await expect(admin.locator('.mail-text')).toBeVisible();
    await expectNoAxeViolations(admin, `outbox (${scheme})`);
    await adminContext.close();
  });
}

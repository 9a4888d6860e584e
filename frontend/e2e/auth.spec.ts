import { test, expect, login, openUserMenuAndLogOut, KARI, LOCKOUT, PASSWORD } from './fixtures';

test('Kari logs in, sees Min side, switches to Nynorsk and English, and logs out', async ({ page }) => {
  await login(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Kari!' })).toBeVisible();
  await expect(page.getByText(/Fyresdal/).first()).toBeVisible();
  await expect(page).toHaveTitle('Hjem – Samspill');

  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Min side' }).click();
  await expect(page).toHaveURL(/\/min-side$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Min side' })).toBeVisible();
  await expect(page.getByText(KARI)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Organisasjonen din' })).toContainText('Fyresdal');

  const language = page.getByLabel(/^(Språk|Language)$/);
  try {
    await language.selectOption('nn');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
    await expect(page.getByRole('heading', { level: 1, name: 'Mi side' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Hovudmeny' })).toBeVisible();

    await language.selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'My page' })).toBeVisible();

    // The header switch saves the choice: it survives a reload.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'My page' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  } finally {
    await language.selectOption('nb');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  }
  // Let the save of "nb" finish before logging out.
  await expect(page.getByRole('region', { name: 'Kari Nordmann' })).toContainText('Bokmål');

  await openUserMenuAndLogOut(page);
  await expect(page).toHaveURL(/\/logg-inn$/);
  await expect(page.getByText('Du er logget ut.')).toBeVisible();

  // Logged out for real: a protected page sends us back to the login page.
  await page.goto('/min-side');
  await expect(page).toHaveURL(/\/logg-inn\?neste=%2Fmin-side$/);
});

test('a wrong password shows the error and keeps the email', async ({ page }) => {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill(KARI);
  await page.getByLabel('Passord').fill('feil-passord');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('alert')).toContainText('E-postadressen eller passordet er feil');
  await expect(page.getByLabel('E-postadresse')).toHaveValue(KARI);

  // And the right one still works.
  await page.getByLabel('Passord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Kari!' })).toBeVisible();
});

test('the lockout message appears after 5 wrong passwords', async ({ page }) => {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill(LOCKOUT);
  const submit = page.getByRole('button', { name: 'Logg inn' });
  const alert = page.getByRole('alert');
  const lockout = /Du har prøvd for mange ganger\. Prøv igjen om \d+ minutt(er)?\./;

  let lockedAfter = 0;
  for (let attempt = 1; attempt <= 6 && lockedAfter === 0; attempt++) {
    await page.getByLabel('Passord').fill(`feil-${attempt}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await submit.click();
    const status = (await answer).status();
    if (status === 429) lockedAfter = attempt;
    else {
      expect(status, `attempt ${attempt}`).toBe(401);
      await expect(alert).toContainText('E-postadressen eller passordet er feil');
    }
  }
  expect(lockedAfter, 'the server locks the account on the 5th or 6th wrong password').toBeGreaterThanOrEqual(5);
  await expect(alert).toHaveText(lockout);
  await expect(page.getByLabel('E-postadresse')).toHaveValue(LOCKOUT);
});

test('a reload and a new tab keep the user logged in, with no token in web storage', async ({ page, context }) => {
  const loginAnswer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
  await login(page);
  const { accessToken } = (await (await loginAnswer).json()) as { accessToken: string };
  expect(accessToken.length).toBeGreaterThan(10);

  await page.goto('/min-side');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Min side' })).toBeVisible();

  const other = await context.newPage();
  await other.goto('/min-side');
  await expect(other.getByRole('heading', { level: 1, name: 'Min side' })).toBeVisible();

  for (const p of [page, other]) {
    const storage = await p.evaluate(() => {
      const dump = (s: Storage) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)!).map((k) => [k, s.getItem(k)]));
      return { local: dump(localStorage), session: dump(sessionStorage) };
    });
    const text = JSON.stringify(storage);
    expect(text).not.toContain(accessToken);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // nothing that looks like a JWT
    expect(Object.keys(storage.session)).toEqual([]);
    expect(Object.keys(storage.local).filter((k) => k !== 'samspill.language')).toEqual([]);
  }

  // The refresh token is an HttpOnly cookie that scripts cannot read.
  const cookies = await context.cookies();
  const refresh = cookies.find((c) => c.name === 'samspill_refresh');
  expect(refresh?.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain('samspill_refresh');
  await other.close();
});

test('after login the user comes back to the page they asked for', async ({ page }) => {
  await page.goto('/min-side');
  await expect(page).toHaveURL(/\/logg-inn\?neste=%2Fmin-side$/);
  await page.getByLabel('E-postadresse').fill(KARI);
  await page.getByLabel('Passord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/min-side$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Min side' })).toBeVisible();
});

test('Min side keeps what the user typed when saving fails', async ({ page }) => {
  await login(page);
  await page.goto('/min-side');
  // Make the save fail the way an overloaded server would (this stays on 127.0.0.1).
  await page.route('**/api/v1/me', (route) =>
    route.request().method() === 'PATCH'
      ? route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({ title: 'Service Unavailable', status: 503, code: 'unavailable', requestId: 'e2e' }),
        })
      : route.fallback(),
  );
  await page.getByLabel('Stillingstittel').fill('Kulturrådgiver i Fyresdal');
  await page.getByLabel('Fagområde').selectOption('librarian');
  await page.getByRole('button', { name: 'Lagre endringene' }).click();
  await expect(page.getByRole('alert')).toContainText('Samspill er ikke tilgjengelig akkurat nå');
  await expect(page.getByLabel('Stillingstittel')).toHaveValue('Kulturrådgiver i Fyresdal');
  await expect(page.getByLabel('Fagområde')).toHaveValue('librarian');
});

test('unknown addresses show the not-found page', async ({ page }) => {
  await page.goto('/finnes-ikke');
  await expect(page.getByRole('heading', { level: 1, name: 'Vi fant ikke siden' })).toBeVisible();
});

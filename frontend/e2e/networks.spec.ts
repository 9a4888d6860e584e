import { test, expect, login, ADMIN, INGRID, KARI, PASSWORD, unique, VESTLAND } from './fixtures';
import { BASE_URL } from './server';

test('adviser flow: create a network, invite by a pasted list, the invitee registers and joins; the admin sees the mail', async ({
  page,
  browser,
  context,
}) => {
  const stamp = unique();
  const name = `Kulturnettverk ${stamp}`;
  const invitee = `ny.${stamp}@example.no`;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  // Ingrid creates the network.
  await login(page, INGRID);
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Nettverk' }).click();
  await page.getByRole('link', { name: 'Opprett nettverk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Opprett nettverk' })).toBeVisible();
  await page.getByLabel('Navn på nettverket').fill(name);
  await expect(page.getByLabel('Adresse')).toHaveValue(`kulturnettverk-${stamp}`);
  await page.getByLabel('Beskrivelse').fill('Et nettverk for **kulturskolene** i vest.\n\n- samlinger\n- erfaringer');
  await page.getByLabel('Kulturskole').check();
  await page.getByLabel('Vestland').check();
  await page.getByLabel('Etter forespørsel').check();
  await page.getByRole('button', { name: 'Opprett nettverket' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/nettverk/kulturnettverk-${stamp}$`));
  await expect(page.getByText('Du er eier av nettverket.')).toBeVisible();
  await expect(page.locator('.prose strong')).toHaveText('kulturskolene');

  // …and invites two lines, one of them not an address.
  await page.getByRole('navigation', { name: 'Nettverket' }).getByRole('link', { name: 'Invitasjoner' }).click();
  await page.getByLabel('E-postadresser').fill(`${invitee}\nikke-en-epost`);
  await page.getByRole('button', { name: 'Send invitasjoner' }).click();
  const result = page.getByRole('region', { name: 'Resultat' });
  await expect(result).toContainText('1 person er invitert.');
  await expect(result.getByRole('list', { name: '1 linje ble ikke invitert:' })).toHaveText('ikke-en-epost (linje 2): ikke en gyldig e-postadresse');
  await expect(page.getByLabel('E-postadresser')).toHaveValue('ikke-en-epost');
  const field = result.getByLabel(`Invitasjonslenke til ${invitee}`);
  const link = await field.inputValue();
  expect(link.startsWith(`${BASE_URL}/invitasjon/`)).toBe(true);
  expect(link).toMatch(/\/invitasjon\/[\w-]+$/);
  await result.getByRole('button', { name: `Kopier lenke til ${invitee}` }).click();
  await expect(result.getByText(`Lenken til ${invitee} er kopiert.`)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // The list below has it too, waiting.
  await expect(page.getByRole('region', { name: 'Sendte invitasjoner' })).toContainText(invitee);

  // The invitee, in a browser of their own, registers through the link.
  const theirs = await browser.newContext();
  const invited = await theirs.newPage();
  await invited.goto(new URL(link).pathname);
  await expect(invited.getByRole('heading', { level: 1, name: `Du er invitert til ${name}` })).toBeVisible();
  await expect(invited.getByLabel('E-postadresse')).toHaveValue(invitee);
  await invited.getByLabel('Navn', { exact: true }).fill(`Nora Ny ${stamp}`);
  await invited.getByLabel('Passord').fill('et langt passord');
  await invited.getByLabel('Organisasjon').fill('Stor');
  await invited.getByRole('group', { name: 'Velg organisasjon' }).getByRole('radio', { name: /^Stord/ }).check();
  await invited.getByLabel('Fagområde').selectOption('culture_school_leader');
  await invited.getByLabel('Stillingstittel (valgfritt)').fill('Kulturskolerektor');
  await invited.getByRole('button', { name: 'Lag konto og bli med' }).click();
  await expect(invited).toHaveURL(new RegExp(`/nettverk/kulturnettverk-${stamp}$`));
  await expect(invited.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await expect(invited.getByText('Du er medlem av nettverket.')).toBeVisible();
  await theirs.close();

  // Back as Ingrid: the new member is in the directory, and the invitation is used.
  await page.getByRole('navigation', { name: 'Nettverket' }).getByRole('link', { name: 'Medlemmer' }).click();
  const row = page.getByRole('row', { name: new RegExp(`Nora Ny ${stamp}`) });
  await expect(row).toContainText('Stord');
  await expect(row).toContainText('Kulturskoleleder');
  await page.getByRole('navigation', { name: 'Nettverket' }).getByRole('link', { name: 'Invitasjoner' }).click();
  await expect(page.getByRole('region', { name: 'Sendte invitasjoner' }).getByText('Brukt', { exact: true })).toBeVisible();

  // The administrator reads the invitation email in the outbox (no SMTP here).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await login(admin, ADMIN, PASSWORD);
  await admin.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Administrasjon' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Utboks' })).toBeVisible();
  const mail = admin.getByRole('row', { name: new RegExp(invitee.replace(/\./g, '\\.')) });
  await mail.getByRole('button', { name: `Invitasjon til «${name}» i Samspill` }).click();
  await expect(admin.locator('.mail-text')).toContainText(link);
  await adminContext.close();
});

test('officer flow: Kari finds a network by county, asks to join; Ingrid approves; it is in Kari\'s networks', async ({
  page,
  browser,
}) => {
  await login(page, KARI);
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Nettverk' }).click();
  await page.getByLabel('Fylke', { exact: true }).selectOption({ label: 'Vestland' });
  await expect(page).toHaveURL(/\?fylke=46$/);
  await page.getByLabel('Tema', { exact: true }).selectOption({ label: 'Kulturskole' });
  await page.getByRole('link', { name: 'Kulturskoleledere i Vestland' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kulturskoleledere i Vestland' })).toBeVisible();

  await page.getByRole('button', { name: 'Be om å bli med' }).click();
  const dialog = page.getByRole('dialog', { name: 'Be om å bli med i Kulturskoleledere i Vestland' });
  await dialog.getByLabel('Melding til moderatorene (valgfritt)').fill('Hei! Jeg er kultursjef i Fyresdal og vil lære av dere.');
  await dialog.getByRole('button', { name: 'Send forespørselen' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Forespørselen er sendt/)).toBeVisible();
  await expect(page.getByText('Du har bedt om å bli med. Moderatorene svarer deg så snart de kan.')).toBeVisible();

  // Ingrid approves it.
  const ingridContext = await browser.newContext();
  const ingrid = await ingridContext.newPage();
  await login(ingrid, INGRID);
  await ingrid.goto(`/nettverk/${VESTLAND}`);
  // The tab says that requests are waiting.
  await ingrid.getByRole('link', { name: /^Forespørsler \(\d+ venter på svar\)$/ }).click();
  await expect(ingrid.getByText('Hei! Jeg er kultursjef i Fyresdal og vil lære av dere.')).toBeVisible();
  await ingrid.getByRole('button', { name: 'Godkjenn Kari Nordmann' }).click();
  await expect(ingrid.getByText('Kari Nordmann er nå medlem av nettverket.')).toBeVisible();
  await ingrid.getByLabel('Vis', { exact: true }).selectOption('approved');
  await expect(ingrid.getByRole('heading', { name: 'Kari Nordmann' })).toBeVisible();
  await expect(ingrid.getByText(/ av Ingrid Haugen$/).first()).toBeVisible();
  await ingridContext.close();

  // Kari is a member now, and the network is in her "Mine nettverk".
  await page.reload();
  await expect(page.getByText('Du er medlem av nettverket.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Nettverket' }).getByRole('link', { name: 'Medlemmer' })).toBeVisible();
  // Members read the forum, and its tab comes first.
  await expect(page.getByRole('navigation', { name: 'Nettverket' }).getByRole('link').first()).toHaveText('Forum');
  await page.getByRole('button', { name: 'Mine nettverk' }).click();
  await page.locator('[popover]').getByRole('link', { name: 'Kulturskoleledere i Vestland' }).click();
  await expect(page).toHaveURL(new RegExp(`/nettverk/${VESTLAND}$`));
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Hjem' }).click();
  const mine = page.getByRole('region', { name: 'Mine nettverk' });
  await expect(mine.getByRole('link', { name: 'Kulturskoleledere i Vestland', exact: true })).toBeVisible();
  // …with a link to its forum.
  await expect(mine.getByRole('link', { name: 'Forum i Kulturskoleledere i Vestland' })).toHaveAttribute('href', `/nettverk/${VESTLAND}/forum`);
});

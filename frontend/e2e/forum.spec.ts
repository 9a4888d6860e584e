import type { Page } from '@playwright/test';
import { test, expect, login, apiAs, colleague, CAMILLA, INGRID, JON, OLA, unique, VESTLAND } from './fixtures';

const FORUM = `/nettverk/${VESTLAND}/forum`;

/** The reports waiting, as the link to the queue says them (0 when it shows none), checked against its badge. */
async function reportsWaiting(page: Page): Promise<number> {
  const link = page.getByRole('link', { name: /^Rapporterte innlegg/ });
  await expect(link).toBeVisible();
  const name = (await link.evaluate((a) => a.textContent ?? '')).trim();
  const m = /\((\d+) (?:rapport venter|rapporter venter)\)$/.exec(name);
  const badge = link.locator('.ds-badge');
  if (!m) {
    await expect(badge).toHaveCount(0);
    return 0;
  }
  await expect(badge).toHaveAttribute('data-count', m[1]!);
  return Number(m[1]);
}

test('an officer asks, a colleague answers with a quote and an @mention, and the asker accepts the answer', async ({
  page,
  browser,
}) => {
  const title = `Hvordan organiserer dere korpssamarbeid? ${unique()}`;

  // Ola asks a question from the forum tab.
  await login(page, OLA);
  await page.goto(`/nettverk/${VESTLAND}`);
  await page.getByRole('navigation', { name: 'Nettverket' }).getByRole('link', { name: 'Forum' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Forum' })).toBeVisible();
  await page.getByRole('link', { name: 'Ny tråd' }).click();
  await page.getByLabel('Spørsmål', { exact: true }).check();
  await page.getByLabel('Spørsmålet ditt, kort').fill(title);
  await page.getByLabel('Kategori').selectOption({ label: 'Spørsmål og svar' });
  await page.getByLabel('Beskriv spørsmålet').fill('Vi vil samarbeide tettere med **skolekorpset**. Hvordan gjør dere det?');
  await page.getByRole('button', { name: 'Still spørsmålet' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/forum\/[0-9a-f]{24}-hvordan-organiserer-dere-korpssamarbeid/);
  const threadUrl = new URL(page.url()).pathname;
  await expect(page.locator('.post--opening strong')).toHaveText('skolekorpset');

  // Jon Håkonsen answers: he quotes the question and mentions Ola through the suggestions.
  const jonContext = await browser.newContext();
  const jon = await jonContext.newPage();
  await login(jon, JON);
  await jon.goto(FORUM);
  await jon.getByRole('link', { name: title }).click();
  await jon.getByRole('button', { name: 'Siter innlegg 1 fra Ola Berg' }).click();
  const reply = jon.getByLabel('Svaret ditt');
  await expect(reply).toBeFocused();
  await expect(reply).toHaveValue(/^> \*\*Ola Berg\*\* skrev:\n>\n> Vi vil samarbeide tettere med skolekorpset/);
  await jon.keyboard.type('Hei @Ola');
  await expect(jon.getByRole('option', { name: /Ola Berg/ })).toBeVisible();
  await jon.keyboard.press('Enter');
  await jon.keyboard.type('– vi har en fast avtale med korpset om instrumentopplæring.');
  await expect(reply).toHaveValue(/Hei @\[Ola Berg\]\([0-9a-f]{24}\) – vi har en fast avtale/);
  // The preview shows the mention as the link it will be.
  await jon.getByRole('tab', { name: 'Forhåndsvis' }).click();
  await expect(jon.getByRole('region', { name: 'Forhåndsvisning' }).getByRole('link', { name: '@Ola Berg' })).toHaveAttribute(
    'href',
    /^\/personer\/[0-9a-f]{24}$/,
  );
  await jon.getByRole('tab', { name: 'Skriv' }).click();
  await jon.getByRole('button', { name: 'Publiser svaret' }).click();
  const answer = jon.getByRole('article', { name: /Innlegg 2 av Jon Håkonsen/ });
  await expect(answer).toBeFocused();
  await expect(answer.locator('blockquote')).toContainText('Ola Berg skrev:');
  await expect(answer.getByRole('link', { name: '@Ola Berg' })).toHaveAttribute('href', /^\/personer\/[0-9a-f]{24}$/);
  await jonContext.close();

  // Ola sees the answer and accepts it; it shows right under the question.
  await page.goto(threadUrl);
  await page.getByRole('button', { name: 'Merk som godkjent svar: innlegg 2 fra Jon Håkonsen' }).click();
  const accepted = page.getByRole('region', { name: 'Godkjent svar' });
  await expect(accepted).toContainText('vi har en fast avtale med korpset');
  await expect(accepted.getByRole('link', { name: 'Jon Håkonsen' })).toBeVisible();
  // …between the question and the replies.
  const order = await page.evaluate(() => {
    const q = document.getElementById('innlegg-1')!;
    const a = document.querySelector('.accepted')!;
    const r = document.getElementById('innlegg-2')!;
    const follows = (x: Node, y: Node) => Boolean(x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING);
    return [follows(q, a), follows(a, r)];
  });
  expect(order).toEqual([true, true]);

  // The list says it is answered, and "unanswered" leaves it out.
  await page.getByRole('link', { name: 'Til forumet' }).click();
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  await expect(row).toContainText('Besvart');
  await page.getByLabel('Sorter etter').selectOption('unanswered');
  await expect(page).toHaveURL(/\?sorter=unanswered$/);
  await expect(page.locator('.results__status')).not.toBeEmpty();
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);
});

test('a member reports a post; the moderator hides it from the queue and resolves the report; members see the placeholder', async ({
  page,
  browser,
}) => {
  const stamp = unique();
  const title = `Leie av lokaler ${stamp}`;
  const author = await apiAs(colleague(4));
  const thread = await author.createThread(VESTLAND, 'Samlinger', title, 'Hvem vet hvor vi kan leie lokaler i Bergen?');
  await author.reply(thread.id, `Ring meg på 99 99 99 99, så selger jeg deg et kurs! ${stamp}`);
  await author.dispose();

  // Ola reports the second post.
  await login(page, OLA);
  await page.goto(thread.path);
  await page.getByRole('button', { name: /^Rapporter innlegg 2 fra / }).click();
  const dialog = page.getByRole('dialog', { name: /^Rapporter innlegg fra / });
  await dialog.getByRole('button', { name: 'Send rapporten' }).click();
  await expect(dialog.getByText('Velg hvorfor du rapporterer innlegget.')).toBeVisible();
  await dialog.getByLabel('Annet').check();
  await dialog.getByRole('button', { name: 'Send rapporten' }).click();
  await expect(dialog.getByText('Skriv kort hva som er galt med innlegget.')).toBeVisible();
  await dialog.getByLabel('Kommentar til moderatorene').fill('Reklame for et kurs, med telefonnummer.');
  await dialog.getByRole('button', { name: 'Send rapporten' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('article', { name: /Innlegg 2 av/ })).toContainText('Takk! Moderatorene har fått rapporten.');

  // Ingrid finds it in the queue, hides the post with a reason and resolves the report.
  const ingridContext = await browser.newContext();
  const ingrid = await ingridContext.newPage();
  await login(ingrid, INGRID);
  await ingrid.goto(FORUM);
  // The link to the queue says how many reports wait, Ola's among them.
  const waiting = await reportsWaiting(ingrid);
  expect(waiting).toBeGreaterThanOrEqual(1);
  await ingrid.getByRole('link', { name: /^Rapporterte innlegg/ }).click();
  await expect(ingrid.getByRole('heading', { level: 2, name: 'Rapporterte innlegg' })).toBeVisible();
  const card = ingrid.locator('.flag-card').filter({ hasText: stamp });
  // Its heading links to the post in the thread.
  const postLink = new RegExp(`^Innlegg 2 fra .+ i «${title}»$`);
  await expect(card.getByRole('link', { name: postLink })).toHaveAttribute('href', `${thread.path}#innlegg-2`);
  await expect(card).toContainText('Reklame for et kurs, med telefonnummer.');
  await expect(card).toContainText('Ola Berg');
  await card.getByRole('button', { name: /^Skjul innlegg 2 fra / }).click();
  const hide = ingrid.getByRole('dialog', { name: /^Skjul innlegg 2 fra / });
  await hide.getByLabel('Begrunnelse').fill('Reklame hører ikke hjemme her.');
  await hide.getByRole('button', { name: 'Skjul innlegget' }).click();
  await expect(hide).toBeHidden();
  await expect(card).toContainText('Skjult av moderator: Reklame hører ikke hjemme her.');
  await card.getByRole('button', { name: 'Merk som behandlet: rapporten fra Ola Berg' }).click();
  await expect(ingrid.getByText('Rapporten fra Ola Berg er behandlet.')).toBeVisible();
  await expect(ingrid.locator('.flag-card').filter({ hasText: stamp })).toHaveCount(0);
  await ingrid.getByLabel('Vis', { exact: true }).selectOption('resolved');
  const resolved = ingrid.locator('.flag-card').filter({ hasText: stamp });
  await expect(resolved).toBeVisible();
  // Who handled it, and when.
  await expect(resolved.locator('dt', { hasText: 'Behandlet av' }).locator('xpath=following-sibling::dd[1]')).toHaveText(
    /^Ingrid Haugen, \d+\. [a-z]+ \d{4} kl\. \d\d:\d\d$/,
  );
  // The post's link opens the thread at the post.
  await resolved.getByRole('link', { name: postLink }).click();
  await expect(ingrid).toHaveURL(new RegExp(`${thread.path}#innlegg-2$`));
  await expect(ingrid.getByRole('article', { name: /Innlegg 2 av/ })).toBeFocused();
  // One report fewer waits.
  await ingrid.goto(FORUM);
  await expect.poll(() => reportsWaiting(ingrid)).toBe(waiting - 1);
  await ingridContext.close();

  // A member sees the placeholder with the reason, not the text.
  await page.reload();
  const post = page.getByRole('article', { name: /Innlegg 2 av/ });
  await expect(post).toContainText('Skjult av moderator: Reklame hører ikke hjemme her.');
  await expect(post).not.toContainText('99 99 99 99');
});

test('drafts survive a reload: a reply and a new thread', async ({ page }) => {
  const stamp = unique();
  const author = await apiAs(INGRID);
  const thread = await author.createThread(VESTLAND, 'Samlinger', `Samling i mars ${stamp}`, 'Hvem kommer til Bergen i mars?');
  await author.dispose();

  await login(page, colleague(5));
  await page.goto(thread.path);
  // A reply that quotes the question: the quote comes back with the draft.
  await page.getByRole('button', { name: 'Siter innlegg 1 fra Ingrid Haugen' }).click();
  await expect(page.getByText('Du siterer innlegg 1 fra Ingrid Haugen.')).toBeVisible();
  const reply = page.getByLabel('Svaret ditt');
  await expect(reply).toBeFocused();
  await page.keyboard.type(`Jeg kommer, og tar med to kolleger. ${stamp}`);
  const text = `> **Ingrid Haugen** skrev:\n>\n> Hvem kommer til Bergen i mars?\n\nJeg kommer, og tar med to kolleger. ${stamp}`;
  await expect(reply).toHaveValue(text);
  await expect(page.getByText(/^Utkastet er lagret kl\. \d\d:\d\d\.$/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Svaret ditt')).toHaveValue(text);
  await expect(page.getByText('Vi hentet fram utkastet du skrev sist.')).toBeVisible();
  await expect(page.getByText('Du siterer innlegg 1 fra Ingrid Haugen.')).toBeVisible();
  // Throwing it away asks first, and it stays away after a reload.
  await page.getByRole('button', { name: 'Forkast utkastet' }).click();
  await page.getByRole('dialog', { name: 'Vil du forkaste utkastet?' }).getByRole('button', { name: 'Ja, forkast utkastet' }).click();
  await expect(page.getByLabel('Svaret ditt')).toHaveValue('');
  await expect(page.getByText('Utkastet er forkastet.')).toBeVisible();
  await expect(page.getByText(/^Du siterer innlegg/)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: `Samling i mars ${stamp}` })).toBeVisible();
  await expect(page.getByLabel('Svaret ditt')).toHaveValue('');

  // A new thread: title, kind, category and text all come back.
  await page.goto(`${FORUM}/ny`);
  await page.getByLabel('Diskusjon', { exact: true }).check();
  await page.getByLabel('Tittel').fill(`Utkast til tråd ${stamp}`);
  await page.getByLabel('Kategori').selectOption({ label: 'Rammeplan og undervisning' });
  await page.getByLabel('Innlegget ditt').fill('Noen tanker om rammeplanen …');
  await expect(page.getByText(/^Utkastet er lagret kl\. \d\d:\d\d\.$/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Tittel')).toHaveValue(`Utkast til tråd ${stamp}`);
  await expect(page.getByLabel('Diskusjon', { exact: true })).toBeChecked();
  await expect(page.getByLabel('Kategori')).toHaveValue(/[0-9a-f]{24}/);
  await expect(page.getByLabel('Kategori').locator('option:checked')).toHaveText('Rammeplan og undervisning');
  await expect(page.getByLabel('Innlegget ditt')).toHaveValue('Noen tanker om rammeplanen …');
  await page.getByRole('button', { name: 'Forkast utkastet' }).click();
  await page.getByRole('dialog', { name: 'Vil du forkaste utkastet?' }).getByRole('button', { name: 'Ja, forkast utkastet' }).click();
  await expect(page.getByLabel('Tittel')).toHaveValue('');
});

test('a member follows one category and mutes another; the choices stay', async ({ page }) => {
  await login(page, colleague(8));
  await page.goto(FORUM);
  const list = page.getByRole('region', { name: 'Følg kategorier' });
  const samlinger = list.getByLabel('Varsler for kategorien Samlinger');
  const rammeplan = list.getByLabel('Varsler for kategorien Rammeplan og undervisning');
  await expect(samlinger).toHaveValue('normal');
  await samlinger.selectOption('watching');
  await expect(list.getByText('Du følger nå Samlinger.')).toBeVisible();
  await rammeplan.selectOption('muted');
  await expect(list.getByText('Rammeplan og undervisning er dempet.')).toBeVisible();

  await page.reload();
  await expect(samlinger).toHaveValue('watching');
  await expect(rammeplan).toHaveValue('muted');
  // The category's own panel shows the same choice.
  const filter = page.getByLabel('Kategori', { exact: true });
  await filter.selectOption((await filter.locator('option', { hasText: /^Samlinger \(/ }).getAttribute('value'))!);
  const panel = page.getByRole('region', { name: 'Samlinger' });
  await expect(panel.getByLabel('Varsler for kategorien Samlinger')).toHaveValue('watching');
  await panel.getByLabel('Varsler for kategorien Samlinger').selectOption('normal');
  await expect(panel.getByText('Samlinger varsler deg som vanlig.')).toBeVisible();
});

test('someone outside a network that is not open is told the forum is for members, and how to join', async ({ page }) => {
  const author = await apiAs(OLA);
  const thread = await author.createThread(VESTLAND, 'Samlinger', `Bare for medlemmer ${unique()}`, 'Et innlegg for medlemmene.');
  await author.dispose();

  await login(page, CAMILLA);
  await page.goto(thread.path);
  await expect(page.getByRole('heading', { level: 2, name: 'Bare for medlemmer' })).toBeVisible();
  await expect(page.getByText('Bare medlemmer kan lese forumet i dette nettverket.')).toBeVisible();
  await expect(page.getByText('Et innlegg for medlemmene.')).toHaveCount(0);

  await page.goto(FORUM);
  await expect(page.getByText('Bare medlemmer kan lese forumet i dette nettverket.')).toBeVisible();
  await page.getByRole('link', { name: 'Slik blir du med i nettverket' }).click();
  await expect(page).toHaveURL(new RegExp(`/nettverk/${VESTLAND}$`));
});

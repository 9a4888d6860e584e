import { test, expect, login, apiAs, colleague, INGRID, JON, OLA, unique, VESTLAND } from './fixtures';

const FORUM = `/nettverk/${VESTLAND}/forum`;

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
  await ingrid.getByRole('link', { name: 'Rapporterte innlegg' }).click();
  await expect(ingrid.getByRole('heading', { level: 2, name: 'Rapporterte innlegg' })).toBeVisible();
  const card = ingrid.locator('.flag-card').filter({ hasText: stamp });
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
  await expect(ingrid.locator('.flag-card').filter({ hasText: stamp })).toBeVisible();
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
  const reply = page.getByLabel('Svaret ditt');
  await reply.fill(`Jeg kommer, og tar med to kolleger. ${stamp}`);
  await expect(page.getByText(/^Utkastet er lagret kl\. \d\d:\d\d\.$/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Svaret ditt')).toHaveValue(`Jeg kommer, og tar med to kolleger. ${stamp}`);
  await expect(page.getByText('Vi hentet fram utkastet du skrev sist.')).toBeVisible();
  // Throwing it away asks first, and it stays away after a reload.
  await page.getByRole('button', { name: 'Forkast utkastet' }).click();
  await page.getByRole('dialog', { name: 'Vil du forkaste utkastet?' }).getByRole('button', { name: 'Ja, forkast utkastet' }).click();
  await expect(page.getByLabel('Svaret ditt')).toHaveValue('');
  await expect(page.getByText('Utkastet er forkastet.')).toBeVisible();
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

import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, login, OLA, unique, VESTLAND } from './fixtures';

const LIBRARY = `/nettverk/${VESTLAND}/bibliotek`;

/** A small, valid one-page PDF that says `text`; unique per test so no upload is a duplicate of another. */
function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Presses Tab until `target` has focus (and fails if it never does). */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('a member uploads a PDF, finds it by kind, opens it and downloads the very same bytes', async ({ page }) => {
  const stamp = unique();
  const title = `Kulturvedtak ${stamp}`;
  const pdf = minimalPdf(`Vedtak ${stamp}`);

  await login(page, OLA);
  await page.goto(`/nettverk/${VESTLAND}`);
  await page.getByRole('navigation', { name: 'Nettverket' }).getByRole('link', { name: 'Bibliotek' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Bibliotek' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Kulturplan 2025–2030 (mal)' })).toBeVisible();
  await page.getByRole('link', { name: 'Last opp' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Del i biblioteket' })).toBeVisible();

  // Sending the empty form: the errors show at the fields, and nothing is lost.
  await page.getByRole('button', { name: 'Last opp' }).click();
  await expect(page.getByText('Velg en fil.').first()).toBeVisible();
  await expect(page.getByText('Skriv en tittel.').first()).toBeVisible();

  await page.getByLabel('Fil', { exact: true }).setInputFiles({ name: `vedtak-${stamp}.pdf`, mimeType: 'application/pdf', buffer: pdf });
  await expect(page.getByText(`Valgt fil: vedtak-${stamp}.pdf`)).toBeVisible();
  // The title starts as the file's name.
  await expect(page.getByLabel('Tittel', { exact: true })).toHaveValue(`vedtak-${stamp}`);
  await page.getByLabel('Tittel', { exact: true }).fill(title);
  await page.getByLabel('Beskrivelse (valgfritt)').fill('Kommunestyrets vedtak om **kulturplanen**.');
  await page.getByLabel('Vedtak', { exact: true }).check();
  await page.getByLabel('Kulturplanlegging').check();
  await page.getByLabel('År (valgfritt)').fill('2026');
  await page.getByLabel('Fri bruk i offentlig sektor').check();
  await page.getByRole('button', { name: 'Last opp' }).click();

  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/bibliotek\/[0-9a-f]{24}$/);
  const resourceUrl = new URL(page.url()).pathname;
  await expect(page.locator('.prose strong')).toHaveText('kulturplanen');
  await expect(page.locator('.facts')).toContainText('Fri bruk i offentlig sektor');
  await expect(page.getByRole('table')).toContainText('Versjon 1');

  // In the library, filtered to decisions: it is there, the demo template is not.
  await page.getByRole('link', { name: 'Til biblioteket' }).first().click();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Vedtak' });
  await expect(page).toHaveURL(/\?type=decision$/);
  await expect(page.getByRole('link', { name: 'Kulturplan 2025–2030 (mal)' })).toHaveCount(0);
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  await expect(row).toContainText('Vedtak');
  await expect(row).toContainText('2026');
  await expect(row).toContainText('PDF');
  await expect(row).toContainText(/Nedlastinger\s*0/);

  // Open it and download it: the same bytes come back, under the file's name.
  await row.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${resourceUrl}$`));
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Last ned \(PDF, / }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`vedtak-${stamp}.pdf`);
  const saved = fs.readFileSync(await download.path());
  expect(saved.equals(pdf), 'the downloaded file is the uploaded one').toBe(true);
  await expect(page.locator('.facts')).toContainText(/Nedlastinger\s*1/);

  // The preview shows the PDF in a titled frame, from a link that needs no Authorization
  // header and asks for the file inline. (The frame gets a stand-in page: Chromium's own
  // PDF viewer loads chrome:// pages, which the offsite check would count.)
  await page.route(/\/download\?.*inline=1/, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="nb"><title>PDF</title></html>' }),
  );
  await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
  const frame = page.locator(`iframe[title="Forhåndsvisning av ${title}"]`);
  await expect(frame).toBeVisible();
  const src = await frame.getAttribute('src');
  expect(src).toMatch(/\/download\?(?=.*token=)(?=.*inline=1)/);
  const inline = await page.request.get(src!);
  expect(inline.status()).toBe(200);
  expect(inline.headers()['content-type']).toBe('application/pdf');
  expect(inline.headers()['content-disposition']).toMatch(/^inline;/);
  expect((await inline.body()).equals(pdf)).toBe(true);
});

test('upload with the keyboard only: choose the file, fill in the form and send it', async ({ page }) => {
  const stamp = unique();
  const title = `Tastaturrapport ${stamp}`;
  const pdf = minimalPdf(`Rapport ${stamp}`);

  await login(page, OLA);
  await page.goto(LIBRARY);
  const upload = page.getByRole('link', { name: 'Last opp' });
  await tabTo(page, upload);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Del i biblioteket' })).toBeFocused();

  // The ordinary file field opens the file dialog from the keyboard.
  const fileField = page.getByLabel('Fil', { exact: true });
  await tabTo(page, fileField, 20);
  const choosing = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  const chooser = await choosing;
  await chooser.setFiles({ name: `rapport-${stamp}.pdf`, mimeType: 'application/pdf', buffer: pdf });
  await expect(page.getByText(`Valgt fil: rapport-${stamp}.pdf`)).toBeVisible();

  await tabTo(page, page.getByLabel('Tittel', { exact: true }), 10);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(title);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Beskrivelse (valgfritt)')).toBeFocused();
  await page.keyboard.type('Årsrapport laget med tastaturet.');
  // Kind: the radio group takes Tab once, then Space chooses the focused one.
  const plan = page.getByLabel('Plan', { exact: true });
  await tabTo(page, plan, 10);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Rapport', { exact: true })).toBeChecked();
  const licence = page.getByLabel('CC BY 4.0');
  await tabTo(page, licence, 40);
  await page.keyboard.press('Space');
  await expect(licence).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Last opp' }), 5);
  await page.keyboard.press('Enter');

  const heading = page.getByRole('heading', { level: 2, name: title });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page.locator('.resource .tag-row')).toContainText('Rapport');
});

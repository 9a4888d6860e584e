import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, renderApp } from '../../../test-utils';
import { FakeXhr, LIBRARY, RESOURCE_ID, SLUG, member, resourceView, version } from '../library-test-data';

const MB = 1024 * 1024;
const settings = { 'GET /api/v1/library/settings': () => json(200, { maxUploadBytes: 50 * MB, extensions: ['.pdf', '.docx', 'txt'] }) };
const network = { [`GET /api/v1/networks/${SLUG}`]: () => json(200, member) };

/** A PDF that says it is `size` bytes (without holding them). */
function pdfOfSize(size: number) {
  const file = new File(['%PDF-1.4'], 'stor-plan.pdf', { type: 'application/pdf' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

// Queries see the non-breaking spaces in "50 MB" as plain spaces; the raw text is checked apart.
const tooLarge = 'Filen er for stor (60 MB). Du kan laste opp filer på opptil 50 MB. Velg en mindre fil.';
/** The same as a link's name, which keeps the non-breaking spaces. */
const tooLargeName = /^Filen er for stor \(60\sMB\)\. Du kan laste opp filer på opptil 50\sMB\. Velg en mindre fil\.$/;

beforeEach(() => {
  FakeXhr.reset();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

describe('Upload limits from the server', () => {
  it('new resource: the file field takes the server\'s extensions, and a file over the limit is refused before sending', { timeout: 15_000 }, async () => {
    const user = userEvent.setup();
    renderApp(`${LIBRARY}/ny`, loggedIn(kari, { ...network, ...settings }));
    const input = await screen.findByLabelText('Fil');
    await waitFor(() => expect(input).toHaveAttribute('accept', '.pdf,.docx,.txt'));
    await user.upload(input, pdfOfSize(60 * MB));
    // Said at the field at once, with the sizes in Norwegian format.
    expect(await screen.findByText(tooLarge)).toBeInTheDocument();
    expect(screen.getByText(tooLarge).textContent).toContain('opptil 50\u00a0MB');
    expect(input).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText('Tittel'), ' for Voss');
    await user.click(screen.getByLabelText('Plan'));
    await user.click(screen.getByLabelText('CC BY 4.0'));
    await user.click(screen.getByRole('button', { name: 'Last opp' }));
    // …and in the summary, linking to the field; nothing is sent.
    expect(await screen.findByRole('link', { name: tooLargeName })).toHaveAttribute('href', '#resource-file');
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('new resource: a file within the limit goes up', { timeout: 15_000 }, async () => {
    const user = userEvent.setup();
    renderApp(`${LIBRARY}/ny`, loggedIn(kari, { ...network, ...settings }));
    const input = await screen.findByLabelText('Fil');
    await waitFor(() => expect(input).toHaveAttribute('accept', '.pdf,.docx,.txt'));
    await user.upload(input, pdfOfSize(50 * MB));
    await user.click(screen.getByLabelText('Plan'));
    await user.click(screen.getByLabelText('CC BY 4.0'));
    await user.click(screen.getByRole('button', { name: 'Last opp' }));
    expect(screen.queryByText(/Filen er for stor/)).not.toBeInTheDocument();
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
  });

  it('new version: the same limit, said at the field, and nothing sent', { timeout: 15_000 }, async () => {
    const user = userEvent.setup();
    renderApp(
      `${LIBRARY}/${RESOURCE_ID}`,
      loggedIn(kari, {
        ...network,
        ...settings,
        [`GET /api/v1/library/resources/${RESOURCE_ID}`]: () =>
          json(200, resourceView({ permissions: { edit: true, delete: false, collection: false } })),
        [`GET /api/v1/library/resources/${RESOURCE_ID}/versions`]: () => json(200, [version(1)]),
        [`GET /api/v1/library/resources/${RESOURCE_ID}/discussions`]: () => json(200, { items: [] }),
      }),
    );
    const input = await screen.findByLabelText('Ny fil');
    await waitFor(() => expect(input).toHaveAttribute('accept', '.pdf,.docx,.txt'));
    await user.upload(input, pdfOfSize(60 * MB));
    expect(await screen.findByText(tooLarge)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Last opp ny versjon' }));
    expect(await screen.findByRole('link', { name: tooLargeName })).toHaveAttribute('href', '#version-file');
    expect(FakeXhr.sent).toHaveLength(0);
  });
});

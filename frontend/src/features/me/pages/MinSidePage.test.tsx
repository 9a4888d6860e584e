import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { json, kari, loggedIn, problem, renderApp } from '../../../test-utils';

beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

describe('MinSidePage', () => {
  it('shows who I am and my organisation', async () => {
    renderApp('/min-side', loggedIn());
    expect(await screen.findByRole('heading', { level: 1, name: 'Min side' })).toBeInTheDocument();
    const about = screen.getByRole('region', { name: 'Kari Nordmann' });
    expect(within(about).getByText('kari.nordmann@demo.samspill.no')).toBeInTheDocument();
    expect(within(about).getByText('Kultursjef/kulturleder')).toBeInTheDocument();
    expect(within(about).getByText('Medlem')).toBeInTheDocument();
    expect(within(about).getByText('15. januar 2026')).toBeInTheDocument();
    const org = screen.getByRole('region', { name: 'Organisasjonen din' });
    expect(within(org).getByText('Fyresdal kommune')).toBeInTheDocument();
    expect(within(org).getByText('Kommune')).toBeInTheDocument();
    expect(within(org).getByText('4831')).toBeInTheDocument();
    expect(within(org).getByText('Telemark')).toBeInTheDocument();
  });

  it('keeps what the user typed when saving fails, and shows field errors from the server', async () => {
    const { requests } = renderApp(
      '/min-side',
      loggedIn(kari, {
        'PATCH /api/v1/me': () =>
          problem(422, 'validation.failed', { errors: [{ field: 'name', code: 'too_long', message: 'too long' }] }),
      }),
    );
    const user = userEvent.setup();
    const name = await screen.findByLabelText('Navn');
    await user.clear(name);
    await user.type(name, 'Kari Nordmann-Fyresdal');
    await user.clear(screen.getByLabelText('Stillingstittel'));
    await user.type(screen.getByLabelText('Stillingstittel'), 'Kulturrådgiver');
    await user.selectOptions(screen.getByLabelText('Foretrukket språk'), 'nn');
    await user.click(screen.getByRole('button', { name: 'Lagre endringene' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Navn')).toHaveAccessibleDescription(expect.stringContaining('Teksten er for lang.')),
    );
    expect(screen.getByLabelText('Navn')).toHaveValue('Kari Nordmann-Fyresdal');
    expect(screen.getByLabelText('Stillingstittel')).toHaveValue('Kulturrådgiver');
    expect(screen.getByLabelText('Foretrukket språk')).toHaveValue('nn');
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(await patch.json()).toMatchObject({ name: 'Kari Nordmann-Fyresdal', jobTitle: 'Kulturrådgiver', language: 'nn' });
  });

  it('keeps the draft when the server cannot be reached', async () => {
    renderApp(
      '/min-side',
      loggedIn(kari, {
        'PATCH /api/v1/me': () => {
          throw new TypeError('Failed to fetch');
        },
      }),
    );
    const user = userEvent.setup();
    await user.clear(await screen.findByLabelText('Stillingstittel'));
    await user.type(screen.getByLabelText('Stillingstittel'), 'Kulturrådgiver');
    await user.click(screen.getByRole('button', { name: 'Lagre endringene' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Vi får ikke kontakt med Samspill');
    expect(screen.getByLabelText('Stillingstittel')).toHaveValue('Kulturrådgiver');
  });

  it('saves with PATCH /me and switches to the saved language', async () => {
    renderApp(
      '/min-side',
      loggedIn(kari, {
        'PATCH /api/v1/me': async (r) => json(200, { ...kari, ...(await r.json()) }),
      }),
    );
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Foretrukket språk'), 'nn');
    await user.click(screen.getByRole('button', { name: 'Lagre endringene' }));
    expect(await screen.findByText('Endringane er lagra.')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('nn');
    expect(screen.getByRole('heading', { level: 1, name: 'Mi side' })).toBeInTheDocument();
  });

  it('requires a name', async () => {
    const { requests } = renderApp('/min-side', loggedIn());
    const user = userEvent.setup();
    await user.clear(await screen.findByLabelText('Navn'));
    await user.click(screen.getByRole('button', { name: 'Lagre endringene' }));
    expect(screen.getByLabelText('Navn')).toHaveAccessibleDescription(expect.stringContaining('Skriv navnet ditt.'));
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, renderApp } from '../../../test-utils';
import type { Me } from '../../../lib/api-types';

const admin: Me = { ...kari, id: 'u-admin', name: 'Siri Admin', siteRole: 'admin' };

describe('OutboxPage', () => {
  it('lists the mail, opens one to read its text, and filters by status', async () => {
    const { requests } = renderApp(
      '/administrasjon/utboks',
      loggedIn(admin, {
        'GET /api/v1/admin/outbox': () =>
          json(200, {
            items: [
              {
                id: 'm1',
                to: 'ny@kommune.no',
                subject: 'Invitasjon til «Kultur i vest» i Samspill',
                text: 'Hei!\n\nBruk lenka:\nhttp://127.0.0.1/invitasjon/x',
                kind: 'network.invitation',
                status: 'stored',
                attempts: 0,
                createdAt: '2026-11-25T10:00:00Z',
              },
            ],
          }),
      }),
    );
    const user = userEvent.setup();
    const toggle = await screen.findByRole('button', { name: 'Invitasjon til «Kultur i vest» i Samspill' });
    expect(screen.getByText('Invitasjon til nettverk')).toBeInTheDocument();
    expect(screen.getByText('Lagret', { selector: '.ds-tag' })).toBeInTheDocument();
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(/Bruk lenka:/)).toHaveClass('mail-text');

    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await screen.findByRole('button', { name: /Invitasjon til/ });
    expect(requests.some((r) => new URL(r.url).searchParams.get('status') === 'failed')).toBe(true);
  });

  it('is for administrators only', async () => {
    renderApp('/administrasjon/utboks', loggedIn(kari));
    expect(await screen.findByText('Bare administratorer kan lese utboksen.')).toBeInTheDocument();
  });

  it('shows "Administrasjon" in the menu to administrators only', async () => {
    const { unmount } = renderApp('/', loggedIn(admin));
    expect(await screen.findByRole('link', { name: 'Administrasjon' })).toHaveAttribute('href', '/administrasjon/utboks');
    unmount();
    renderApp('/', loggedIn(kari));
    await screen.findByRole('heading', { level: 1, name: 'Hei, Kari!' });
    expect(screen.queryByRole('link', { name: 'Administrasjon' })).not.toBeInTheDocument();
  });
});

import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, renderApp } from '../../../test-utils';
import type { Suggestion } from '../../../lib/api-types';

const suggestions: Suggestion[] = [
  { type: 'network', title: 'Bibliotekutvikling Nord', link: '/nettverk/bibliotekutvikling-nord' },
  { type: 'thread', title: 'Meråpent bibliotek – erfaringer?', link: '/nettverk/bibliotekutvikling-nord/forum/t1-merapent' },
  { type: 'person', title: 'Bita Berg', link: '/personer/u9' },
];

const suggestCalls = (requests: Request[]) =>
  requests.filter((r) => new URL(r.url).pathname === '/api/v1/search/suggest').map((r) => new URL(r.url).searchParams.get('q'));

function setup() {
  const app = renderApp(
    '/',
    loggedIn(kari, {
      'GET /api/v1/search/suggest': (r) => json(200, new URL(r.url).searchParams.get('q') === 'bi' ? suggestions : []),
      'GET /api/v1/search': () => json(200, { items: [], total: 0, facets: {} }),
    }),
  );
  return { ...app, user: userEvent.setup() };
}

const location = () => screen.getByTestId('location').textContent;

describe('HeaderSearch', () => {
  it('is a labelled combobox that suggests from two characters on', async () => {
    const { user, requests } = setup();
    const box = await screen.findByRole('combobox', { name: 'Søk' });
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).toHaveAttribute('aria-autocomplete', 'list');
    const list = document.getElementById(box.getAttribute('aria-controls')!)!;
    expect(list).toHaveAttribute('role', 'listbox');
    expect(list).not.toBeVisible();

    await user.type(box, 'b');
    await new Promise((r) => setTimeout(r, 400));
    expect(suggestCalls(requests)).toEqual([]);

    await user.type(box, 'i');
    const listbox = await screen.findByRole('listbox', { name: 'Forslag' });
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(within(listbox).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Bibliotekutvikling Nord Nettverk',
      'Meråpent bibliotek – erfaringer? Tråd',
      'Bita Berg Person',
    ]);
    expect(suggestCalls(requests)).toEqual(['bi']);
    expect(box).not.toHaveAttribute('aria-activedescendant');
    expect(screen.getByText(/^3 forslag\. Bruk pil ned og pil opp/)).toBeInTheDocument();
  });

  it('moves through the suggestions with the arrow keys, keeping focus in the field, and opens one with Enter', async () => {
    const { user } = setup();
    const box = await screen.findByRole('combobox', { name: 'Søk' });
    await user.type(box, 'bi');
    const options = within(await screen.findByRole('listbox')).getAllByRole('option');
    const active = () => box.getAttribute('aria-activedescendant');

    await user.keyboard('{ArrowDown}');
    expect(active()).toBe(options[0]!.id);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(active()).toBe(options[2]!.id);
    expect(options[0]).toHaveAttribute('aria-selected', 'false');
    await user.keyboard('{ArrowDown}'); // wraps to the first
    expect(active()).toBe(options[0]!.id);
    await user.keyboard('{ArrowUp}'); // and back to the last
    expect(active()).toBe(options[2]!.id);
    await user.keyboard('{ArrowUp}');
    expect(active()).toBe(options[1]!.id);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(location()).toBe('/nettverk/bibliotekutvikling-nord/forum/t1-merapent'));
    expect(box).toHaveValue('');
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes the list with Escape, then clears the field with a second Escape', async () => {
    const { user } = setup();
    const box = await screen.findByRole('combobox', { name: 'Søk' });
    await user.type(box, 'bi');
    await screen.findByRole('listbox');
    await user.keyboard('{ArrowDown}{Escape}');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).not.toHaveAttribute('aria-activedescendant');
    expect(box).toHaveValue('bi');
    // Down opens the list again.
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(box.getAttribute('aria-activedescendant')).toBe(within(screen.getByRole('listbox')).getAllByRole('option')[0]!.id);
    await user.keyboard('{Escape}{Escape}');
    expect(box).toHaveValue('');
    expect(location()).toBe('/');
  });

  it('goes to the results page with Enter when no suggestion is chosen', async () => {
    const { user } = setup();
    const box = await screen.findByRole('combobox', { name: 'Søk' });
    await user.type(box, 'bi');
    await screen.findByRole('listbox');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(location()).toBe('/sok?q=bi'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Treff for «bi»' })).toBeInTheDocument();
    // On the results page the field shows the search in force.
    expect(box).toHaveValue('bi');
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('searches with the button too, and closes the list when focus leaves with Tab', async () => {
    const { user } = setup();
    const box = await screen.findByRole('combobox', { name: 'Søk' });
    await user.type(box, 'bi');
    await screen.findByRole('listbox');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Vis treff' })).toHaveFocus();
    expect(box).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(location()).toBe('/sok?q=bi'));
  });

  it('picks a suggestion with the mouse', async () => {
    const { user } = setup();
    const box = await screen.findByRole('combobox', { name: 'Søk' });
    await user.type(box, 'bi');
    await user.click(await screen.findByRole('option', { name: /Bita Berg/ }));
    await waitFor(() => expect(location()).toBe('/personer/u9'));
  });
});

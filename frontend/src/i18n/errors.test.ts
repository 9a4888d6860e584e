import { describe, expect, it } from 'vitest';
import i18n from './index';
import { ApiError } from '../lib/api-error';
import { errorMessage, fieldErrorMessage } from './errors';

const t = i18n.getFixedT('nb');
const tnn = i18n.getFixedT('nn');
const ten = i18n.getFixedT('en');

describe('errorMessage', () => {
  it('translates known codes in every language', () => {
    const e = new ApiError({ status: 401, code: 'auth.invalid_credentials' });
    expect(errorMessage(t, e)).toMatch(/E-postadressen eller passordet er feil/);
    expect(errorMessage(tnn, e)).toMatch(/E-postadressa eller passordet er feil/);
    expect(errorMessage(ten, e)).toMatch(/email address or password is wrong/);
  });

  it('says when to try again after too many attempts, in whole minutes', () => {
    const e = new ApiError({ status: 429, code: 'auth.too_many_attempts', retryAfter: 290 });
    expect(errorMessage(t, e)).toBe('Du har prøvd for mange ganger. Prøv igjen om 5 minutter.');
    const one = new ApiError({ status: 429, code: 'auth.too_many_attempts', retryAfter: 20 });
    expect(errorMessage(t, one)).toBe('Du har prøvd for mange ganger. Prøv igjen om 1 minutt.');
    expect(errorMessage(tnn, e)).toBe('Du har prøvd for mange gonger. Prøv igjen om 5 minutt.');
  });

  it('falls back to a generic text for unknown codes, non-API errors and network failures', () => {
    expect(errorMessage(t, new ApiError({ status: 418, code: 'teapot.brewing' }))).toBe(t('errors.generic'));
    expect(errorMessage(t, new Error('boom'))).toBe(t('errors.generic'));
    expect(errorMessage(t, ApiError.network(new TypeError('Failed to fetch')))).toMatch(/får ikke kontakt/);
  });
});

describe('errorMessage for networks and membership', () => {
  it('translates the network codes in every language, with the word table\'s words', () => {
    const e = new ApiError({ status: 409, code: 'network.last_owner' });
    expect(errorMessage(t, e)).toBe('Nettverket må ha minst én eier. Gjør noen andre til eier først.');
    expect(errorMessage(tnn, e)).toBe('Nettverket må ha minst éin eigar. Gjer nokon andre til eigar først.');
    expect(errorMessage(ten, e)).toBe('The network must have at least one owner. Make someone else an owner first.');
    const pending = new ApiError({ status: 409, code: 'network.request_pending' });
    expect(errorMessage(tnn, pending)).toMatch(/bede om å bli med/);
  });

  it('has a text for every code the network, user and mail features send', () => {
    const codes = [
      'network.not_found', 'network.slug_taken', 'network.create_forbidden', 'network.owners_only',
      'network.moderators_only', 'network.members_only', 'network.already_member', 'network.approval_required',
      'network.invitation_required', 'network.join_directly', 'network.request_pending', 'network.request_decided',
      'network.request_not_found', 'network.last_owner', 'network.member_not_found', 'network.not_member',
      'network.invitation_invalid', 'network.invitation_used', 'network.invitation_revoked', 'network.invitation_expired',
      'network.invitation_other_email', 'network.invitation_login', 'network.invitation_not_found',
      'network.person_not_found', 'user.email_taken', 'mail.admin_only', 'mail.not_found',
    ];
    for (const tr of [t, tnn, ten]) {
      for (const code of codes) {
        expect(errorMessage(tr, new ApiError({ status: 400, code })), code).not.toBe(tr('errors.generic'));
      }
    }
  });
});

describe('fieldErrorMessage', () => {
  it('uses the form\'s own words first: a network\'s name is not your name', () => {
    expect(fieldErrorMessage(t, { field: 'name', code: 'required' }, 'networkFields')).toBe('Skriv navnet på nettverket.');
    expect(fieldErrorMessage(t, { field: 'name', code: 'required' })).toBe('Skriv navnet ditt.');
    expect(fieldErrorMessage(tnn, { field: 'password', code: 'too_short' }, 'registrationFields')).toBe(
      'Passordet må ha minst 10 teikn.',
    );
    expect(fieldErrorMessage(t, { field: 'slug', code: 'weird' }, 'networkFields')).toBe('Verdien er ikke gyldig.');
  });

  it('prefers a field-specific text', () => {
    expect(fieldErrorMessage(t, { field: 'email', code: 'required' })).toBe('Skriv e-postadressen din.');
  });
  it('falls back to the general text for the code, then to "invalid"', () => {
    expect(fieldErrorMessage(t, { field: 'jobTitle', code: 'too_long' })).toBe('Teksten er for lang.');
    expect(fieldErrorMessage(t, { field: 'jobTitle', code: 'weird' })).toBe('Verdien er ikke gyldig.');
  });
});

describe('errorMessage for the forum', () => {
  it('has a text for every forum code, in every language', () => {
    const codes = [
      'thread_not_found', 'post_not_found', 'members_only', 'moderators_only', 'thread_locked', 'edit_conflict',
      'not_author', 'post_deleted', 'opening_post', 'not_a_question', 'not_asker', 'not_an_answer', 'already_reacted',
      'post_unavailable', 'already_flagged', 'flag_closed', 'flag_not_found', 'category_not_found', 'category_not_empty',
      'too_many_categories', 'draft_not_found', 'reaction_not_found',
    ].map((c) => `forum.${c}`);
    for (const tr of [t, tnn, ten]) {
      for (const code of codes) {
        expect(errorMessage(tr, new ApiError({ status: 409, code })), code).not.toBe(tr('errors.generic'));
      }
    }
  });

  it('says what to do about an edit conflict, with the word table\'s words', () => {
    const e = new ApiError({ status: 409, code: 'forum.edit_conflict' });
    expect(errorMessage(t, e)).toMatch(/^Innlegget er endret et annet sted mens du skrev\. Teksten din er tatt vare på\./);
    expect(errorMessage(tnn, e)).toMatch(/^Innlegget er endra ein annan stad medan du skreiv\./);
    expect(errorMessage(ten, e)).toMatch(/^The post was changed elsewhere/);
  });

  it('says a refusal to a non-member is for members, and where to join (reading or writing alike)', () => {
    const e = new ApiError({ status: 403, code: 'forum.members_only' });
    expect(errorMessage(t, e)).toBe('Bare medlemmer av nettverket kan gjøre dette i forumet. Under «Om nettverket» ser du hvordan du blir med.');
    expect(errorMessage(tnn, e)).toBe('Berre medlemmer av nettverket kan gjere dette i forumet. Under «Om nettverket» ser du korleis du blir med.');
    expect(errorMessage(ten, e)).toBe('Only members of the network can do this in the forum. “About the network” shows how to join.');
  });
});

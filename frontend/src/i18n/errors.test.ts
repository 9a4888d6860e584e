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

describe('fieldErrorMessage', () => {
  it('prefers a field-specific text', () => {
    expect(fieldErrorMessage(t, { field: 'email', code: 'required' })).toBe('Skriv e-postadressen din.');
  });
  it('falls back to the general text for the code, then to "invalid"', () => {
    expect(fieldErrorMessage(t, { field: 'jobTitle', code: 'too_long' })).toBe('Teksten er for lang.');
    expect(fieldErrorMessage(t, { field: 'jobTitle', code: 'weird' })).toBe('Verdien er ikke gyldig.');
  });
});

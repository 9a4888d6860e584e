// All dates, times and numbers are shown in Norwegian format and Norwegian time,
// whatever the UI language (nb, nn and en alike), as decided for Samspill.
const LOCALE = 'nb-NO';
const TIME_ZONE = 'Europe/Oslo';

const dateFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, dateStyle: 'long' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});
const timeFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, timeStyle: 'short' });
const numberFormat = new Intl.NumberFormat(LOCALE);

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** 16. januar 2026 */
export function formatDate(value: Date | string): string {
  return dateFormat.format(toDate(value));
}

/** 16. januar 2026 kl. 00:30 */
export function formatDateTime(value: Date | string): string {
  return dateTimeFormat.format(toDate(value));
}

/** 00:30 */
export function formatTime(value: Date | string): string {
  return timeFormat.format(toDate(value));
}

/** 1 234 567,5 (with a non-breaking space as the group separator) */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

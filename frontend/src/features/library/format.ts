import type { TFunction } from 'i18next';
import { isFileFormat, isLicence, isResourceKind, type ResourceFile } from '../../lib/api-types';
import { LIBRARY_NS } from './i18n';

// Sizes are shown in Norwegian format whatever the UI language, like every other
// number in Samspill (see lib/format.ts): 1,5 MB, 820 kB, 12 byte.
const LOCALE = 'nb-NO';
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const UNITS = ['kB', 'MB', 'GB'] as const;

/** 12 byte, 820 kB, 1,5 MB, 2 GB (powers of 1024, as the server counts its limit). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${whole.format(bytes)} byte`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 ? oneDecimal : whole;
  return `${digits.format(value)}\u00a0${UNITS[unit]}`;
}

/** A limit in megabytes (powers of 1024, as the server counts it), in Norwegian format: 50 MB, 2,5 MB. */
export function formatMegabytes(bytes: number): string {
  return `${oneDecimal.format(bytes / (1024 * 1024))}\u00a0MB`;
}

/** What the server takes; the type is decided from the bytes, this only guides the file dialog. */
export const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,.png,.jpg,.jpeg';

/** The file field's `accept` from the server's extensions (".pdf" or "pdf"). */
export const acceptFrom = (extensions: readonly string[]) =>
  extensions.map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase()).join(',');

// The API sends kinds, licences and formats as strings; unknown ones show as they are.
type T = TFunction<typeof LIBRARY_NS>;
export const kindLabel = (t: T, kind: string) => (isResourceKind(kind) ? t(`kind.${kind}`) : kind);
export const licenceLabel = (t: T, licence: string) => (isLicence(licence) ? t(`licence.${licence}`) : licence);
export const formatLabel = (t: T, format: string) => (isFileFormat(format) ? t(`format.${format}`) : format.toUpperCase());

/** "PDF, 1,5 MB" */
export const fileSummary = (t: T, file: Pick<ResourceFile, 'format' | 'size'>) =>
  `${formatLabel(t, file.format)}, ${formatFileSize(file.size)}`;

/** The host of a web link, for showing where it goes ("www.kulturskoleradet.no"). */
export function linkHost(link: string): string {
  try {
    return new URL(link).host;
  } catch {
    return link;
  }
}

/** Formats the browser can show in the page: PDF in a frame, images in <img>. */
export const previewable = (format: string): format is 'pdf' | 'png' | 'jpeg' =>
  format === 'pdf' || format === 'png' || format === 'jpeg';

/**
 * The SHA-256 of a file as 64 lower-case hex digits, to ask the server whether
 * the library has it already; undefined where the browser cannot hash (outside
 * a secure context) or the file is too large to read into memory for it.
 */
export async function sha256Hex(file: Blob, maxBytes = 100 * 1024 * 1024): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle || file.size > maxBytes || file.size === 0) return undefined;
  const digest = await subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'samspill.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag from the browser to one of our languages, if it is one. */
export function fromBrowserTag(tag: string): Language | undefined {
  const lower = tag.toLowerCase();
  if (lower === 'nn' || lower.startsWith('nn-')) return 'nn';
  if (lower === 'nb' || lower.startsWith('nb-') || lower === 'no' || lower.startsWith('no-')) return 'nb';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/**
 * The language to show before we know who the user is: what they picked in the
 * header on this device, else the browser's first language we speak, else Bokmål.
 * Once logged in, the user's own setting wins (see AuthProvider).
 */
export function detectLanguage(): Language {
  const stored = readStored();
  if (stored) return stored;
  const tags = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of tags) {
    const lang = tag ? fromBrowserTag(tag) : undefined;
    if (lang) return lang;
  }
  return 'nb';
}

function readStored(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers a language picked while logged out (not a secret: only "nb", "nn" or "en"). */
export function rememberLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode or storage disabled: the choice lasts for this page only
  }
}

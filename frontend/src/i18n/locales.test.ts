import { describe, expect, it } from 'vitest';
import nb from './locales/nb/common.json';
import nn from './locales/nn/common.json';
import en from './locales/en/common.json';
import nbForum from './locales/nb/forum.json';
import nnForum from './locales/nn/forum.json';
import enForum from './locales/en/forum.json';
import nbLibrary from './locales/nb/library.json';
import nnLibrary from './locales/nn/library.json';
import enLibrary from './locales/en/library.json';
import nbSearch from './locales/nb/search.json';
import nnSearch from './locales/nn/search.json';
import enSearch from './locales/en/search.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function values(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (v !== null && typeof v === 'object' ? values(v as object) : [v as string]));
}

// Every namespace: common (loaded at start) and forum (loaded with the forum).
const namespaces = {
  common: { nb, nn, en },
  forum: { nb: nbForum, nn: nnForum, en: enForum },
  library: { nb: nbLibrary, nn: nnLibrary, en: enLibrary },
  search: { nb: nbSearch, nn: nnSearch, en: enSearch },
};

describe.each(Object.entries(namespaces))('locales: %s', (_ns, locales) => {
  const nb = locales.nb;
  const nn = locales.nn;
  const en = locales.en;
  const all = new Set(Object.values(locales).flatMap((l) => keys(l)));

  it.each(Object.entries(locales))('%s has every key that any locale has', (_name, locale) => {
    const mine = new Set(keys(locale));
    const missing = [...all].filter((k) => !mine.has(k));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(locales))('%s has no empty texts', (_name, locale) => {
    expect(values(locale).filter((v) => typeof v !== 'string' || v.trim() === '')).toEqual([]);
  });

  it('uses the same interpolation variables in every locale', () => {
    const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const lookup = (l: object, key: string) =>
      key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], l) as string;
    for (const key of all) {
      const expected = vars(lookup(nb, key));
      expect(vars(lookup(nn, key)), `nn ${key}`).toEqual(expected);
      expect(vars(lookup(en, key)), `en ${key}`).toEqual(expected);
    }
  });
});

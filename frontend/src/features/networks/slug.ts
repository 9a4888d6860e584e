/**
 * A readable URL slug from a network's name, as the server makes one when no slug
 * is given: "Kulturskoleledere i Vestland" → "kulturskoleledere-i-vestland",
 * with æ → ae, ø → o, å → a and accents dropped.
 */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length > 80 ? slug.slice(0, 80).replace(/-+$/, '') : slug;
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * File names for scenario pages: stable (the same name always gives the same slug), safe on any
 * file system, and unique within a run.
 */

/** Long names are cut so that `<slug>-<n>.html` stays far below common path-length limits. */
const MAX_SLUG_LENGTH = 80;

/** Device names Windows refuses as file names whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/** The slug of one scenario name: lower-case ASCII letters, digits and single dashes. */
export function scenarioSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents go, their base letters stay: "Équipe" → "equipe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  if (slug === '') return 'scenario';
  return RESERVED.test(slug) ? `${slug}-scenario` : slug;
}

/**
 * One slug per name, in the same order. A slug already given gets a numeric suffix (`-2`, `-3`, …),
 * so scenarios sharing a name, or names that only differ in punctuation, get pages of their own.
 */
export function uniqueSlugs(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = scenarioSlug(name);
    let slug = base;
    for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  });
}

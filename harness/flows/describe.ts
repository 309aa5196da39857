import type { BodyPredicate, InternalMatcher, WireMatcher } from './types.ts';

/** One line a report can show, e.g. `car-manufacturer → csp GET TMF620 productOffering?category.name`. */
export function describeMatcher(m: WireMatcher | InternalMatcher): string {
  if (m.kind === 'journal') return `${m.actor.join('|')} journal ${m.type}`;
  const ends = `${m.from.join('|')} → ${m.ownUnit ? `its ${m.ownUnit}` : m.to.join('|')}`;
  switch (m.kind) {
    case 'call': {
      const query = m.query?.length ? `?${m.query.join('&')}` : '';
      return `${ends} ${m.method} ${m.api} ${m.resource}${query}${describeBody(m.body)}`;
    }
    case 'notification':
      return `${ends} ${m.api} event ${m.events.join('|')}${describeBody(m.body)}`;
    case 'party-api':
      return `${ends} ${m.api} ${m.path}${describeBody(m.body)}`;
  }
}

function describeBody(predicates: readonly BodyPredicate[] | undefined): string {
  if (!predicates?.length) return '';
  const one = (p: BodyPredicate) => (p.op === 'present' ? `${p.field} present` : `${p.field}${p.op === 'equals' ? '=' : '≠'}${p.values.map(String).join('|')}`);
  return ` [${predicates.map(one).join(', ')}]`;
}

import type { Resolver } from '../../trouble-tickets/domain/redirect.ts';

/** What kind of trouble the driver reports. */
export type TroubleNature = 'connectivity' | 'infotainment' | 'vehicle';

/** What the driver says on the phone (9.1). */
export interface SupportReport {
  description: string;
  symptoms?: string[];
}

/** Words that tell a trouble's nature, in the order ties are settled (connectivity first: the network is checked first). */
export const ROUTING_RULES: readonly { nature: TroubleNature; keywords: readonly string[] }[] = [
  {
    nature: 'connectivity',
    keywords: ['network', 'signal', 'coverage', 'mobile data', 'data connection', 'roaming', 'sim', '4g', '5g', 'internet', 'connectivity'],
  },
  { nature: 'infotainment', keywords: ['app', 'music', 'streaming', 'radio', 'navigation', 'screen', 'infotainment', 'media', 'podcast'] },
  { nature: 'vehicle', keywords: ['engine', 'brake', 'door', 'battery', 'tyre', 'tire', 'sensor', 'warning light', 'charging'] },
];

/** Who resolves each nature of trouble (FLOWS 9.3). */
export const RESOLVER_OF: Readonly<Record<TroubleNature, Resolver>> = {
  connectivity: 'csp',
  infotainment: 'car-manufacturer',
  vehicle: 'car-manufacturer',
};

/**
 * The nature of a reported trouble: the rule whose keywords the report names most often, ties to the
 * earlier rule. A report that names none is a vehicle trouble: the car maker is the driver's first line.
 */
export function natureOf(report: SupportReport): TroubleNature {
  const said = [report.description, ...(report.symptoms ?? [])].join(' ').toLowerCase();
  const hits = (keyword: string) => (said.match(new RegExp(`\\b${keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g')) ?? []).length;
  let best: { nature: TroubleNature; score: number } = { nature: 'vehicle', score: 0 };
  for (const rule of ROUTING_RULES) {
    const score = rule.keywords.reduce((n, k) => n + hits(k), 0);
    if (score > best.score) best = { nature: rule.nature, score };
  }
  return best.nature;
}

export function routeOf(report: SupportReport): { nature: TroubleNature; resolver: Resolver } {
  const nature = natureOf(report);
  return { nature, resolver: RESOLVER_OF[nature] };
}

import type { Ecosystem } from '../ecosystem.ts';
import { setClock } from './settle.ts';
import { trigger } from './trigger.ts';

/**
 * Figure 7 driven without Cucumber (the dashboard's button, the official-spec test): partner order,
 * service catalog, end of January, bill run. The Gherkin scenario drives the same triggers step by step.
 */
export async function driveFigure7(ecosystem: Ecosystem): Promise<void> {
  await setClock(ecosystem, new Date('2026-01-01T08:00:00Z'));
  await trigger(ecosystem, 'car-manufacturer', 'partner-order');
  await trigger(ecosystem, 'car-manufacturer', 'build-catalog');
  await setClock(ecosystem, new Date('2026-02-01T00:00:00Z'));
  await trigger(ecosystem, 'csp', 'billing-run', { period: '2026-01' });
}

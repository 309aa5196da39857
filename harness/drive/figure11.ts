import type { Entity } from '../../tmf/data.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { driveFigure10 } from './figure10.ts';
import { setClock } from './settle.ts';
import { trigger } from './trigger.ts';

/** The customer the OEM knows for the driver of the scripted run (seeded at the OEM). */
export const DRIVER_CUSTOMER = 'cust-alex';

/** The OEM's own catalog copy of a central converged offering (what its portal sells). */
export async function oemCopyOf(ecosystem: Ecosystem, centralId: string): Promise<Entity> {
  const { body } = await ecosystem.control('car-manufacturer').request<{ data: { resources: Record<string, Entity[]> } }>('GET', '/control/state');
  const copy = (body.data.resources['TMF620.productOffering'] ?? []).find((o) =>
    ((o.productOfferingRelationship as { id: string; relationshipType: string }[] | undefined) ?? []).some(
      (r) => r.id === centralId && r.relationshipType === 'distributedFrom',
    ),
  );
  if (!copy) throw new Error(`the OEM's catalog has no copy of ${centralId}`);
  return copy;
}

/** A driver's action (harness → driver control), then wait until the ecosystem is quiet. */
export const driverDoes = <T>(ecosystem: Ecosystem, operation: string, body: object): Promise<T> => trigger<T>(ecosystem, 'driver', operation, body);

/**
 * Figure 11 driven without Cucumber, after figure 10: the driver orders on the OEM portal, later asks
 * the provider for activation; January ends, the OEM bills the driver, the driver pays, and the OEM
 * settles with its partners from what was paid.
 */
export async function driveFigure11(ecosystem: Ecosystem): Promise<void> {
  const { central } = await driveFigure10(ecosystem);
  const copy = await oemCopyOf(ecosystem, central);
  await driverDoes(ecosystem, 'portal-order', { customerId: DRIVER_CUSTOMER, productOfferingId: copy.id });
  await setClock(ecosystem, new Date('2026-01-01T10:00:00Z'));
  await driverDoes(ecosystem, 'request-activation', { customerId: DRIVER_CUSTOMER });
  await setClock(ecosystem, new Date('2026-02-01T00:00:00Z'));
  await trigger(ecosystem, 'car-manufacturer', 'driver-billing-run', { period: '2026-01' });
  await driverDoes(ecosystem, 'pay-invoice', { customerId: DRIVER_CUSTOMER });
}

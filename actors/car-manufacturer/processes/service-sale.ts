import { createAtPeerOnce } from '../../kit/peer-create-once.ts';
import { seededFaker } from '../../../core/seeded-faker.ts';
import type { ProductOrder, Usage } from '../../../tmf/resources.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { PARTY_API } from '../../../core/party-api.ts';
import { collection, type Entity, findBy, items } from '../../../tmf/data.ts';
import { badRequest, conflict } from '../../../tmf/errors.ts';
import { addEntity } from '../../../tmf/resource.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { EffectKind } from '../../kit/effect-kind.ts';
import {
  type CspPayer,
  cspOfferingOf,
  cspOrderBody,
  ownOrderBody,
  type ServiceSelection,
  serviceOfferMessage,
  summariseUsage,
  usageStateOf,
  vehicleGroups,
  infotainmentProduct,
} from '../domain/service-sale.ts';
import type { OemData, SoldCar } from '../store.ts';

type Runtime = ActorRuntime<OemData>;

/** The OEM's infotainment services: its own catalog's offers that ride on a CSP connectivity offer. */
const servicesOf = (data: OemData) => items(data, 'TMF620', 'productOffering').filter((o) => o.lifecycleStatus === 'Launched' && cspOfferingOf(o));

/** Step 8.1: a car sold (its VIN generated from the seed); its driver is offered the infotainment services. */
export async function sellCar(runtime: Runtime, driver: SoldCar['driver']): Promise<SoldCar> {
  const offers = servicesOf(runtime.store.data);
  if (offers.length === 0) throw conflict('No service to offer', 'The OEM has no infotainment service in its catalog yet (step 7.6 builds it)');
  const car = await runtime.store.update((draft) => {
    const faker = seededFaker(runtime.config.seed + draft.cars.length);
    const sold: SoldCar = { vehicleId: faker.vehicle.vin(), soldAt: runtime.clock.now().toISOString(), driver };
    draft.cars.push(sold);
    return sold;
  });
  await runtime.client('driver').post(PARTY_API.inbox, serviceOfferMessage(car, offers));
  return car;
}

/** Step 8.2 received: refused at once (400) unless the car, the service and the driver's agreement hold. */
export function checkSelection(data: OemData, selection: ServiceSelection): Entity {
  if (!selection.thirdPartyPayer) throw badRequest('No payer', 'The driver must agree to pay the connectivity as 3rd party payer');
  if (!data.cars.some((c) => c.vehicleId === selection.vehicleId)) throw badRequest('Unknown car', `No car ${selection.vehicleId} was sold by this OEM`);
  const offer = servicesOf(data).find((o) => o.id === selection.productOffering.id);
  if (!offer) throw badRequest('Unknown service', `No infotainment service ${selection.productOffering.id} in the OEM's catalog`);
  return offer;
}

/** Owed with the driver's order (8.3): its connectivity ordered at the CSP (8.4–8.7). */
export const ORDER_CONNECTIVITY = new EffectKind<{ orderId: string; offeringId: string; selection: ServiceSelection }>('order-connectivity');

/**
 * Step 8.3: the driver's order is registered at the OEM and, in the same update, its connectivity at
 * the CSP owed (8.4–8.7): a kill right after the driver's answer loses neither.
 */
export async function orderSelectedService(runtime: Runtime, selection: ServiceSelection, offer: Entity): Promise<void> {
  await runtime.store.update((draft) => {
    // The driver's order at the OEM: the driver's, not the channels' (TMF622 shows it to the driver only).
    const order = addEntity(draft, 'TMF622', 'productOrder', ownOrderBody(selection, offer, runtime.clock.now()), 'driver');
    runtime.journal(draft, JOURNAL.orderRegistered, { order: order.id, vehicleId: selection.vehicleId });
    ORDER_CONNECTIVITY.owe(runtime, draft, { orderId: order.id, offeringId: offer.id, selection }, { key: `${ORDER_CONNECTIVITY}:${order.id}` });
  });
}

/**
 * Steps 8.4–8.7: find or create the payer at the CSP and order the connectivity there; the OEM's order
 * points at it in the update that marks the effect done. An order that already points at the CSP's is
 * not ordered again.
 */
export const orderConnectivityEffect = (runtime: Runtime) =>
  ORDER_CONNECTIVITY.handler<OemData>(async ({ orderId, offeringId, selection }) => {
    // By index: the OEM holds an order per car it sold.
    const ownOrder = findBy(items(runtime.store.data, 'TMF622', 'productOrder'), 'id', orderId);
    const offer = findBy(items(runtime.store.data, 'TMF620', 'productOffering'), 'id', offeringId);
    const cspOffering = offer && cspOfferingOf(offer);
    if (!ownOrder || !cspOffering || ownOrder.externalId) return;
    await followMediation(runtime);
    const payer = await payerAtCsp(runtime, selection.customer, ownOrder.id);
    // The CSP's order carries the OEM's order id as its externalId: how a retry finds it there.
    const order = await createAtPeerOnce(runtime, {
      key: `csp-order:${ownOrder.id}`,
      peer: 'csp',
      api: 'TMF622',
      resource: 'productOrder',
      body: cspOrderBody(selection, cspOffering, payer, ownOrder),
      find: { query: { externalId: ownOrder.id }, matches: (o) => o.externalId === ownOrder.id },
    });
    return (draft) => {
      const own = findBy(collection(draft, 'TMF622', 'productOrder'), 'id', ownOrder.id);
      if (own) Object.assign(own, { state: 'inProgress', externalId: order.entity.id });
      order.settled(draft);
      payer.settled(draft);
    };
  });

/** Before its first car's connectivity is ordered, the OEM asks to hear mediation's states of its records (8.10). */
async function followMediation(runtime: Runtime): Promise<void> {
  await runtime.subscribe('csp', 'TMF635', 'eventType=UsageStateChangeEvent');
}

/** Steps 8.4–8.6: the driver as a CSP customer with its billing account (8.5), or as a new individual (8.6). */
async function payerAtCsp(
  runtime: Runtime,
  person: ServiceSelection['customer'],
  ownOrderId: string,
): Promise<CspPayer & { settled: (draft: OemData) => void }> {
  const csp = runtime.client('csp');
  const name = `${person.givenName} ${person.familyName}`;
  const { items: customers } = await csp.list('TMF629', 'customer', { 'contactMedium.characteristic.emailAddress': person.email });
  const party = customers[0]?.engagedParty;
  if (party) {
    const { items: accounts } = await csp.list('TMF666', 'billingAccount', { 'relatedParty.id': party.id });
    const account = accounts.find((a) => a.accountType === 'consumer');
    return { individual: { id: party.id, href: party.href, name }, billingAccount: account && { id: account.id, href: account.href }, settled: () => {} };
  }
  const individual = await createAtPeerOnce(runtime, {
    key: `csp-individual:${ownOrderId}`,
    peer: 'csp',
    api: 'TMF632',
    resource: 'individual',
    body: {
      givenName: person.givenName,
      familyName: person.familyName,
      status: 'initialized',
      contactMedium: [{ mediumType: 'email', preferred: true, characteristic: { emailAddress: person.email } }],
    },
    find: { query: { 'contactMedium.characteristic.emailAddress': person.email }, matches: () => true },
  });
  return { individual: { id: individual.entity.id, href: individual.entity.href, name }, settled: individual.settled };
}

/**
 * The CSP's order changed state (8.8): the OEM's own order follows it; once completed, the OEM fulfils
 * its side — the driver's infotainment service in its inventory, active, on the car, linked to the CSP's
 * connectivity order. The OEM does not bill it: its connectivity is billed to the driver by the CSP.
 */
export function followCspOrder(runtime: Runtime, draft: OemData, cspOrder: { id: string; state?: ProductOrder['state'] }): void {
  // By index: scanning the draft's orders would draft every one on the way, for every event of every car.
  const own = findBy(collection(draft, 'TMF622', 'productOrder'), 'externalId', cspOrder.id);
  if (!own || !cspOrder.state || own.state === cspOrder.state) return;
  own.state = cspOrder.state;
  if (own.state === 'completed') {
    const product = addEntity(draft, 'TMF637', 'product', infotainmentProduct(own, cspOrder.id, runtime.clock.now()), 'driver');
    own.completionDate = runtime.clock.now().toISOString();
    own.productOrderItem = own.productOrderItem.map((item) => ({
      ...item,
      state: 'completed',
      product: { id: product.id, href: product.href },
    }));
  }
  runtime.notifier.enqueue(draft, runtime.clock.now(), { api: 'TMF622', eventType: 'ProductOrderStateChangeEvent', resource: 'productOrder', entity: own });
}

/** Step 8.11: the usage of the OEM's cars at the CSP, filtered on their vehicle ids. */
export async function followCarUsage(runtime: Runtime): Promise<OemData['usageFollowUps'][number]> {
  const vehicles = runtime.store.data.cars.map((c) => c.vehicleId);
  if (vehicles.length === 0) throw conflict('No car sold', 'The OEM has no car whose usage it could follow');
  // A query per group of cars, each within what a server takes in a request's head; a record is counted once.
  const records = new Map<string, Usage>();
  for (const group of vehicleGroups(vehicles)) {
    const { items } = await runtime.client('csp').list('TMF635', 'usage', { 'usageCharacteristic.value': group.join(',') });
    for (const record of items) records.set(record.id, record);
  }
  const summary = summariseUsage([...records.values()], vehicles, runtime.clock.now());
  await runtime.store.update((draft) => {
    draft.usageFollowUps.push(summary);
  });
  return summary;
}

/** Step 8.10 heard: a record of its cars reached a state at the CSP's mediation; kept with what the OEM pays of it. */
export function noteUsageState(draft: OemData, usage: Usage): void {
  (draft.usageStates ??= []).push(usageStateOf(usage));
}

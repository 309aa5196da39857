import { PARTY_API } from '../../../core/party-api.ts';
import { checkSelection, followCarUsage, orderSelectedService, sellCar } from '../processes/service-sale.ts';
import { idList, obj, text } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { acceptOnboarding, buildServiceCatalog, placePartnerOrder } from '../processes/partner-setup.ts';
import type { OemData } from '../store.ts';
import { convergedOfferControl } from './converged-offer.ts';
import { oemFigure9Control } from './ticket-settlement-control.ts';

/** The OEM's business triggers, and the control endpoints its partners call. */
export function oemControl(runtime: ActorRuntime<OemData>): ControlRoute[] {
  return [
    ...oemFigure9Control(runtime),
    controlRoute(
      {
        method: 'post',
        path: '/control/partner-order',
        summary: 'Order the partner offers from the CSP',
        caller: 'harness',
        steps: ['7.1'],
        body: obj({ productOfferingIds: { ...idList, minItems: 1 } }),
        response: { status: 201, description: 'the ProductOrder placed at the CSP' },
      },
      async (req, res) => {
        res.status(201).json(await placePartnerOrder(runtime, req.body?.productOfferingIds));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/build-catalog',
        summary: "Build the OEM's service catalog from the CSP's infotainment connectivity offers",
        caller: 'harness',
        steps: ['7.5', '7.6'],
        response: { status: 201, description: 'the ProductOfferings built' },
      },
      async (_req, res) => {
        res.status(201).json(await buildServiceCatalog(runtime));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: PARTY_API.onboardingResult,
        summary: 'Portal credentials and API bundle of the partner (from the CSP)',
        steps: ['7.3'],
        caller: { parties: ['csp'], refusal: 'Only the CSP sends onboarding results' },
        body: 'OnboardingResult',
        response: { status: 202, description: 'accepted' },
      },
      (req, res) => {
        runtime.background(() => acceptOnboarding(runtime, req.body));
        res.status(202).json({ accepted: true });
      },
    ),
    ...convergedOfferControl(runtime),
    controlRoute(
      {
        method: 'post',
        path: '/control/car-sale',
        summary: 'A car is sold to a driver; the driver is offered services',
        caller: 'harness',
        steps: ['8.1'],
        body: obj({ driver: obj({ givenName: text, familyName: text, email: text }, ['givenName', 'familyName', 'email']) }, ['driver']),
        response: { status: 201, description: 'the car and the services offered' },
      },
      async (req, res) => {
        res.status(201).json(await sellCar(runtime, req.body.driver));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: PARTY_API.serviceSelection,
        summary: 'The driver picks a service and agrees to pay its connectivity',
        steps: ['8.2'],
        caller: { parties: ['driver'], refusal: 'Only the driver selects a service for its car' },
        body: 'ServiceSelection',
        response: { status: 202, description: 'accepted' },
      },
      (req, res) => {
        const offer = checkSelection(runtime.store.data, req.body);
        runtime.background(() => orderSelectedService(runtime, req.body, offer));
        res.status(202).json({ accepted: true });
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/usage-follow-up',
        summary: 'The OEM follows up the usage of its cars at the CSP',
        caller: 'harness',
        steps: ['8.11'],
        response: { status: 201, description: 'the usage found' },
      },
      async (_req, res) => {
        res.status(201).json(await followCarUsage(runtime));
      },
    ),
  ];
}

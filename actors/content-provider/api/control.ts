import { PARTY_API } from '../../../core/party-api.ts';
import { decimal, obj, str, text } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import { buildConvergedOffer, createOffer, passChannelOrder, requestActivation } from '../processes/converged-offer.ts';
import type { CpData } from '../store.ts';

const fromDriver = (refusal: string) => ({ parties: ['driver'], refusal });

/** The content provider's triggers (10.4–10.7) and what drivers ask of it (11.6, its sales channel). */
export function cpControl(runtime: ActorRuntime<CpData>): ControlRoute[] {
  return [
    controlRoute(
      {
        method: 'post',
        path: '/control/own-offer',
        summary: 'The content provider creates its own offer',
        caller: 'harness',
        steps: ['10.4'],
        body: obj({ name: text, monthlyFee: decimal, currency: text }, ['name', 'monthlyFee']),
        response: { status: 201, description: 'the TMF620 ProductOffering' },
      },
      async (req, res) => {
        res.status(201).json(await createOffer(runtime, { name: req.body.name, monthlyFee: req.body.monthlyFee, currency: req.body.currency ?? 'EUR' }));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/converged-offer',
        summary: "A converged offer of the content provider's offer and the CSP's partner offer, in the central catalog",
        caller: 'harness',
        steps: ['10.5', '10.6', '10.7'],
        body: obj({ name: text, monthlyFee: decimal, ownOfferingId: text, cspOfferingId: str }, ['name', 'monthlyFee', 'ownOfferingId']),
        response: { status: 201, description: 'the converged ProductOffering' },
      },
      async (req, res) => {
        const { name, monthlyFee, ownOfferingId, cspOfferingId } = req.body;
        res.status(201).json(await passOnRefusal(() => buildConvergedOffer(runtime, { name, monthlyFee, ownOfferingId, cspOfferingId })));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: PARTY_API.activationRequest,
        summary: 'The driver asks for its service to be activated',
        steps: ['11.6'],
        caller: fromDriver('Only drivers call this'),
        body: 'ActivationRequest',
        response: { status: 202, description: 'the activation under way' },
      },
      async (req, res) => {
        res.status(202).json(await passOnRefusal(() => requestActivation(runtime, req.body.customerId)));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: PARTY_API.channelOrder,
        summary: "A driver orders a converged offer through the content provider's channel",
        caller: fromDriver('Only drivers call this'),
        body: 'ConvergedOrderRequest',
        response: { status: 201, description: 'the order passed to the OEM' },
      },
      async (req, res) => {
        res.status(201).json(await passChannelOrder(runtime, req.body.customerId, req.body.productOfferingId));
      },
    ),
  ];
}

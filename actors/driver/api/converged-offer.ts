import { PARTY_API } from '../../../core/party-api.ts';
import { obj, text } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { DriverData } from '../store.ts';
import { payInvoice } from '../processes/invoice-payment.ts';

const CHANNELS = ['csp', 'content-provider'] as const;

/**
 * What the driver does in figure 11, as the harness asks it: order the converged offer on the OEM
 * portal (11.1) or through another channel, and ask the content provider for activation (11.6). A
 * refusal comes back as the refusing party's TMF error.
 */
export function convergedOfferControl(runtime: ActorRuntime<DriverData>): ControlRoute[] {
  return [
    controlRoute(
      {
        method: 'post',
        path: '/control/portal-order',
        summary: 'The driver orders the converged offer on the OEM portal',
        caller: 'harness',
        steps: ['11.1'],
        body: 'ConvergedOrderRequest',
        response: { status: 201, description: "the OEM's order" },
      },
      async (req, res) => {
        const who = req.body.newCustomer ? { newCustomer: req.body.newCustomer } : { customerId: req.body.customerId };
        const body = { ...who, productOfferingId: req.body.productOfferingId };
        res.status(201).json(await passOnRefusal(() => runtime.client('car-manufacturer').post(PARTY_API.portalOrder, body)));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/channel-order',
        summary: 'The driver orders the converged offer through another channel (the CSP or the content provider)',
        caller: 'harness',
        body: obj({ channel: { type: 'string', enum: CHANNELS }, customerId: text, productOfferingId: text }, ['channel', 'customerId', 'productOfferingId']),
        response: { status: 201, description: "the channel's answer" },
      },
      async (req, res) => {
        const channel = req.body.channel as (typeof CHANNELS)[number];
        const body = { customerId: req.body.customerId, productOfferingId: req.body.productOfferingId };
        res.status(201).json(await passOnRefusal(() => runtime.client(channel).post(PARTY_API.channelOrder, body)));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/request-activation',
        summary: 'The driver asks the content provider to activate its service',
        caller: 'harness',
        steps: ['11.6'],
        body: 'ActivationRequest',
        response: { status: 202, description: "the content provider's answer" },
      },
      async (req, res) => {
        res
          .status(202)
          .json(await passOnRefusal(() => runtime.client('content-provider').post(PARTY_API.activationRequest, { customerId: req.body.customerId })));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/pay-invoice',
        summary: 'The driver pays its invoice at the car manufacturer (all that remains by default)',
        caller: 'harness',
        steps: ['11.14'],
        body: obj({ customerId: text, amount: { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' } }, ['customerId']),
        response: { status: 201, description: 'the TMF676 payment' },
      },
      async (req, res) => {
        res.status(201).json(await payInvoice(runtime, req.body.customerId, req.body.amount));
      },
    ),
  ];
}

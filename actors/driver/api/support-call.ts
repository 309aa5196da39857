import { PARTY_API } from '../../../core/party-api.ts';
import { obj, text } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { DriverData } from '../store.ts';

/** The driver picks up the phone: its words become a support request to the call center (9.1). */
export function supportCall(runtime: ActorRuntime<DriverData>): ControlRoute[] {
  return [
    controlRoute(
      {
        method: 'post',
        path: '/control/call-support',
        summary: 'The driver calls the call center for support',
        caller: 'harness',
        steps: ['9.1'],
        body: obj({ description: text, symptoms: { type: 'array', items: text } }, ['description']),
        response: { status: 201, description: "the call center's ticket, its nature and where it was routed" },
      },
      async (req, res) => {
        const request = {
          customer: { id: 'driver', name: 'Driver' },
          description: req.body.description,
          ...(req.body.symptoms ? { symptoms: req.body.symptoms } : {}),
        };
        res.status(201).json(await passOnRefusal(() => runtime.client('call-center').post(PARTY_API.supportRequest, request)));
      },
    ),
  ];
}

import { obj, period, text } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { drive, MAX_SESSIONS, resendLastUsage, selectService } from '../processes/car.ts';
import { driveFleet, MAX_FLEET_CARS } from '../processes/fleet.ts';
import type { DriverData } from '../store.ts';

const megabytes = { type: ['string', 'number'], pattern: '^\\d+(\\.\\d+)?$', minimum: 0 };
const sessions = { type: 'integer', minimum: 0, maximum: MAX_SESSIONS };

/** What the driver (a person) and the car do, triggered by the harness. */
export function driverControl(runtime: ActorRuntime<DriverData>): ControlRoute[] {
  return [
    controlRoute(
      {
        method: 'post',
        path: '/control/select-service',
        summary: 'The driver picks an offered service (by part of its name), as 3rd party payer',
        caller: 'harness',
        steps: ['8.2'],
        body: obj({ service: text, splitBillingCriteria: { type: 'object' } }, ['service']),
        response: { status: 202, description: 'the selection sent to the OEM' },
      },
      async (req, res) => {
        await selectService(runtime, req.body.service, req.body.splitBillingCriteria);
        res.status(202).json({ selected: req.body.service });
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/drive',
        summary: 'A month of driving: the car sends its usage records to the CSP',
        caller: 'harness',
        steps: ['8.9'],
        body: obj(
          {
            subscription: text,
            period,
            infotainmentMB: megabytes,
            telematicsMB: megabytes,
            sessions: obj({ infotainment: sessions, telematics: sessions }, ['infotainment', 'telematics']),
          },
          ['subscription', 'period', 'infotainmentMB', 'telematicsMB'],
        ),
        response: { status: 201, description: 'each record sent and how the CSP answered' },
      },
      async (req, res) => {
        res.status(201).json(await drive(runtime, req.body));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/fleet-drive',
        summary: "A fleet's month: each car's usage records, sent to the CSP as one usage batch",
        caller: 'harness',
        steps: ['8.9'],
        body: obj(
          {
            period,
            cars: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_FLEET_CARS,
              items: obj(
                {
                  vehicleId: text,
                  subscription: text,
                  seed: { type: 'integer' },
                  infotainmentMB: { type: 'number', minimum: 0 },
                  telematicsMB: { type: 'number', minimum: 0 },
                  sessions: obj({ infotainment: sessions, telematics: sessions }, ['infotainment', 'telematics']),
                },
                ['vehicleId', 'subscription', 'seed', 'infotainmentMB', 'telematicsMB', 'sessions'],
              ),
            },
          },
          ['period', 'cars'],
        ),
        response: { status: 201, description: "the record ids sent and the CSP's answer (accepted, duplicates, refusals by line)" },
      },
      async (req, res) => {
        res.status(201).json(await driveFleet(runtime, req.body.period, req.body.cars));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/resend-usage',
        summary: 'The car retransmits its last usage record',
        caller: 'harness',
        response: { status: 201, description: 'the record sent again and how the CSP answered' },
      },
      async (_req, res) => {
        res.status(201).json(await resendLastUsage(runtime));
      },
    ),
  ];
}

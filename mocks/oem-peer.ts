import { http, HttpResponse, type HttpHandler } from 'msw';
import { PARTY_API } from '../core/party-api.ts';
import type { EventEnvelope } from '../tmf/hub.ts';
import { recordOf, type RecordedRequest } from './recorded-request.ts';
import { unauthorized } from './unauthorized.ts';

/** An event the mocked OEM's listener accepted. */
export interface ReceivedEvent extends RecordedRequest {
  /** The listener path segment, e.g. `productOrderStateChangeEvent`. */
  readonly eventName: string;
  readonly body: EventEnvelope;
}

/** What the mocked OEM received from the CSP, oldest first. Empty it with `resetOemInbox` between tests. */
export interface OemInbox {
  /** Step 7.3: the CSP's POSTs of /control/onboarding-result. */
  readonly onboardingResults: RecordedRequest[];
  /** Hub notifications accepted by /listener/{eventName}. */
  readonly events: ReceivedEvent[];
}

export const oemInbox: OemInbox = { onboardingResults: [], events: [] };

export function resetOemInbox(): void {
  oemInbox.onboardingResults.length = 0;
  oemInbox.events.length = 0;
}

/**
 * The OEM as the CSP's peer at `baseUrl` (e.g. http://oem.test): it accepts the onboarding result and
 * every hub event, recording them in `oemInbox`. Override single routes per test with `server.use`.
 */
export function oemHandlers(baseUrl: string): HttpHandler[] {
  return [
    http.post(`${baseUrl}${PARTY_API.onboardingResult}`, async ({ request }) => {
      const received = await recordOf(request);
      if (!received.apiKey) return unauthorized();
      oemInbox.onboardingResults.push(received);
      return HttpResponse.json({ accepted: true }, { status: 202 });
    }),
    http.post(`${baseUrl}/listener/:eventName`, async ({ request, params }) => {
      const received = await recordOf(request);
      if (!received.apiKey) return unauthorized();
      oemInbox.events.push({ ...received, eventName: String(params.eventName), body: received.body as EventEnvelope });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}

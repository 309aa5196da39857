import { http, HttpResponse, type HttpHandler } from 'msw';
import { basePath } from '../tmf/apis.ts';
import type { SettlementNoteAdvice } from '../tmf/resources.ts';
import { hrefOf } from '../tmf/resource.ts';
import { hubSubscription } from './hub-subscription.ts';
import { RequestLog } from './request-log.ts';

export const NOTE_ID = 'settlementNoteAdvice-0001';
export const NOTE_PATH = `${basePath('BillingV2')}/settlementNoteAdvice/${NOTE_ID}`;

/** The OEM's settlement of the call center's work (9.10): two handled tickets, 28.50 EUR + 20 % tax. */
const issuedNote = (): SettlementNoteAdvice => ({
  id: NOTE_ID,
  href: hrefOf('BillingV2', 'settlementNoteAdvice', NOTE_ID),
  '@type': 'SettlementNoteAdvice',
  state: 'issued',
  date: '2026-04-01T00:00:00.000Z',
  description: 'Call center settlement 2026-03',
  issuer: { id: 'car-manufacturer', name: 'Car manufacturer' },
  receiver: { id: 'call-center', name: 'Call center' },
  currencyCode: 'EUR',
  taxExcludedAmount: 28.5,
  taxIncludedAmount: 34.2,
  settlementNoteItem: [
    { itemNumber: '1', itemId: 'tt-csp-1', taxExcludedAmount: 16.5, taxIncludedAmount: 19.8 },
    { itemNumber: '2', itemId: 'tt-car-manufacturer-1', taxExcludedAmount: 12, taxIncludedAmount: 14.4 },
  ],
});

/** What the mocked OEM was asked about settlements, and its one note as it stands now. */
export const settlementRequests = new RequestLog();
export let settlementNote: SettlementNoteAdvice = issuedNote();

export function resetSettlement(): void {
  settlementRequests.reset();
  settlementNote = issuedNote();
}

/**
 * The OEM as the call center's settlement issuer at `baseUrl`: its Billing v2 hub and the one note
 * NOTE_ID, read and merge-patched as the real OEM would (no life-cycle rules: the call center's are tested).
 */
export function settlementHandlers(baseUrl: string): HttpHandler[] {
  const notFound = (id: string) => HttpResponse.json({ code: '404', reason: 'Not found', message: `settlementNoteAdvice ${id} not found` }, { status: 404 });
  return [
    hubSubscription(baseUrl, 'BillingV2', settlementRequests, 'hub-oem'),
    http.get(`${baseUrl}${basePath('BillingV2')}/settlementNoteAdvice/:id`, async ({ request, params }) => {
      await settlementRequests.record(request);
      return params.id === NOTE_ID ? HttpResponse.json(settlementNote) : notFound(String(params.id));
    }),
    http.patch(`${baseUrl}${basePath('BillingV2')}/settlementNoteAdvice/:id`, async ({ request, params }) => {
      const { body } = await settlementRequests.record(request);
      if (params.id !== NOTE_ID) return notFound(String(params.id));
      settlementNote = { ...settlementNote, ...(body as object) };
      return HttpResponse.json(settlementNote);
    }),
  ];
}

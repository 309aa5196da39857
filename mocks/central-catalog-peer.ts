import { http, HttpResponse, type HttpHandler } from 'msw';
import { PUBLISHED_FROM } from '../core/converged-offer.ts';
import { basePath } from '../tmf/apis.ts';
import type { Entity } from '../tmf/data.ts';
import { hrefOf } from '../tmf/resource.ts';
import { hubSubscription } from './hub-subscription.ts';
import { RequestLog } from './request-log.ts';

/** The CSP's offer as published to the central catalog (10.3), and the CSP's own id of it. */
export const CSP_OWN_OFFERING_ID = 'po-infotainment-5gb';
export const CENTRAL_CSP_OFFER: Entity = {
  id: 'po-central-0001',
  href: hrefOf('TMF620', 'productOffering', 'po-central-0001'),
  '@type': 'ProductOffering',
  name: '5 GB infotainment data',
  lifecycleStatus: 'Launched',
  isBundle: false,
  isSellable: true,
  isPartnerEligible: true,
  category: [{ id: 'central-catalog', name: 'central-catalog' }],
  productOfferingPrice: [
    { id: 'pop-csp-5gb', name: '5 GB monthly fee', priceType: 'recurring', recurringChargePeriodType: 'month', price: { unit: 'EUR', value: 7.5 } },
  ],
  productOfferingRelationship: [{ id: CSP_OWN_OFFERING_ID, relationshipType: PUBLISHED_FROM, '@referredType': 'ProductOffering' }],
};

/** The id the central catalog gives the converged offer the content provider registers (10.7). */
export const CENTRAL_BUNDLE_ID = 'po-central-0002';

/** The OEM's inventory (TMF637) by customer: who bought the converged offer, and in which state. */
export const OWNER = 'customer-owner';
export const ALREADY_ACTIVE = 'customer-active';
/** A customer who bought only another offering of the OEM, not the content provider's. */
export const OTHER_BUYER = 'customer-other-offer';
export const OWNED_PRODUCT_ID = 'product-0001';
const product = (id: string, customer: string, status: string, offering = CENTRAL_BUNDLE_ID): Entity => ({
  id,
  href: hrefOf('TMF637', 'product', id),
  '@type': 'Product',
  name: `Product of ${offering}`,
  status,
  productOffering: { id: offering, href: hrefOf('TMF620', 'productOffering', offering) },
  relatedParty: [{ id: customer, role: 'customer', '@referredType': 'Customer' }],
});
const INVENTORY: readonly Entity[] = [
  product(OWNED_PRODUCT_ID, OWNER, 'created'),
  product('product-0002', ALREADY_ACTIVE, 'active'),
  product('product-0003', OTHER_BUYER, 'created', 'po-oem-infotainment-5gb'),
];

/** What the mocked OEM was asked by the content provider. Empty it between tests. */
export const centralCatalogRequests = new RequestLog();

const list = (items: readonly Entity[]) => HttpResponse.json(items, { headers: { 'x-total-count': String(items.length) } });

/**
 * The OEM as the content provider's peer at `baseUrl`: the central catalog (CENTRAL_CSP_OFFER, and the
 * registration of a converged offer as CENTRAL_BUNDLE_ID), its settlement hub, and the inventory of
 * INVENTORY whose products it lets be patched. Override single routes per test with `server.use`.
 */
export function centralCatalogHandlers(baseUrl: string): HttpHandler[] {
  const at = (path: string) => `${baseUrl}${path}`;
  return [
    hubSubscription(baseUrl, 'BillingV2', centralCatalogRequests, 'hub-oem'),
    http.get(at(`${basePath('TMF620')}/productOffering`), async ({ request }) => {
      await centralCatalogRequests.record(request);
      return list([CENTRAL_CSP_OFFER]);
    }),
    http.post(at(`${basePath('TMF620')}/productOffering`), async ({ request }) => {
      const { body } = await centralCatalogRequests.record(request);
      const registered = {
        ...(body as object),
        id: CENTRAL_BUNDLE_ID,
        href: hrefOf('TMF620', 'productOffering', CENTRAL_BUNDLE_ID),
        '@type': 'ProductOffering',
        lifecycleStatus: 'In study',
      };
      return HttpResponse.json(registered, { status: 201 });
    }),
    http.get(at(`${basePath('TMF637')}/product`), async ({ request }) => {
      const { query } = await centralCatalogRequests.record(request);
      return list(INVENTORY.filter((p) => (p.relatedParty as { id: string }[]).some((r) => r.id === query.get('relatedParty.id'))));
    }),
    http.patch(at(`${basePath('TMF637')}/product/:id`), async ({ request, params }) => {
      const { body } = await centralCatalogRequests.record(request);
      const found = INVENTORY.find((p) => p.id === params.id);
      if (!found) return HttpResponse.json({ code: '404', reason: 'Not found', message: `product ${String(params.id)} not found` }, { status: 404 });
      return HttpResponse.json({ ...found, ...(body as object) });
    }),
  ];
}

/** The central catalog with no partner-eligible offer: nothing to bundle (override for `server.use`). */
export function emptyCentralCatalog(baseUrl: string): HttpHandler {
  return http.get(`${baseUrl}${basePath('TMF620')}/productOffering`, async ({ request }) => {
    await centralCatalogRequests.record(request);
    return list([]);
  });
}

import { hrefOf } from '../../../tmf/entity.ts';
import type { Entity } from '../../../tmf/data.ts';

/**
 * The CSP's product catalog at the start of every simulation: the offers the seed names (a connectivity
 * offer and a split billing offer for partners, infotainment connectivity packages for drivers) among
 * others a real operator also sells, so that a partner's filter has something to filter out.
 */
interface PriceSeed {
  id: string;
  name: string;
  priceType: 'recurring' | 'usage' | 'allowance';
  value: string;
  /** For allowances: included volume; for usage prices: the unit charged. */
  unitOfMeasure?: { amount: number; units: string };
}

interface OfferSeed {
  id: string;
  name: string;
  description: string;
  category: string;
  lifecycleStatus: 'Launched' | 'Retired' | 'In design';
  prices: PriceSeed[];
  /** An advanced offer: its order items may carry split billing criteria (step 8.7). */
  splitBilling?: true;
}

export const CATEGORIES = {
  infotainment: 'infotainment-connectivity',
  telematics: 'telematics-connectivity',
  partner: 'partner-services',
  consumer: 'consumer-mobile',
  /** Marks the advanced offers whose usage may be split between payers by criteria on the order item. */
  splitBilling: 'split-billing-eligible',
} as const;

const OFFERS: readonly OfferSeed[] = [
  {
    id: 'po-partner-connectivity',
    name: 'Connected car fleet connectivity',
    description: 'Partner connectivity for a car manufacturer fleet: telematics and infotainment bearer',
    category: CATEGORIES.partner,
    lifecycleStatus: 'Launched',
    prices: [{ id: 'pop-partner-connectivity-monthly', name: 'Fleet connectivity monthly fee', priceType: 'recurring', value: '1200.00' }],
  },
  {
    id: 'po-split-billing',
    name: 'Split billing service',
    description: 'Bills part of a subscription to a third party payer',
    category: CATEGORIES.partner,
    lifecycleStatus: 'Launched',
    prices: [{ id: 'pop-split-billing-monthly', name: 'Split billing monthly fee', priceType: 'recurring', value: '310.00' }],
  },
  {
    id: 'po-infotainment-5gb',
    name: 'Infotainment connectivity 5 GB',
    description: 'In-car infotainment data, 5 GB a month included',
    category: CATEGORIES.infotainment,
    lifecycleStatus: 'Launched',
    splitBilling: true,
    prices: [
      { id: 'pop-infotainment-5gb-monthly', name: '5 GB monthly fee', priceType: 'recurring', value: '9.99' },
      { id: 'pop-infotainment-5gb-allowance', name: '5 GB included', priceType: 'allowance', value: '0.00', unitOfMeasure: { amount: 5120, units: 'MB' } },
      { id: 'pop-infotainment-5gb-overage', name: 'Overage per MB', priceType: 'usage', value: '0.0125', unitOfMeasure: { amount: 1, units: 'MB' } },
    ],
  },
  {
    id: 'po-infotainment-20gb',
    name: 'Infotainment connectivity 20 GB',
    description: 'In-car infotainment data, 20 GB a month included',
    category: CATEGORIES.infotainment,
    lifecycleStatus: 'Launched',
    splitBilling: true,
    prices: [
      { id: 'pop-infotainment-20gb-monthly', name: '20 GB monthly fee', priceType: 'recurring', value: '24.99' },
      { id: 'pop-infotainment-20gb-allowance', name: '20 GB included', priceType: 'allowance', value: '0.00', unitOfMeasure: { amount: 20480, units: 'MB' } },
      { id: 'pop-infotainment-20gb-overage', name: 'Overage per MB', priceType: 'usage', value: '0.0100', unitOfMeasure: { amount: 1, units: 'MB' } },
    ],
  },
  {
    id: 'po-infotainment-1gb-legacy',
    name: 'Infotainment connectivity 1 GB (legacy)',
    description: 'No longer sold',
    category: CATEGORIES.infotainment,
    lifecycleStatus: 'Retired',
    prices: [{ id: 'pop-infotainment-1gb-monthly', name: '1 GB monthly fee', priceType: 'recurring', value: '4.99' }],
  },
  {
    id: 'po-telematics',
    name: 'Telematics connectivity',
    description: 'Low-rate data for vehicle telematics',
    category: CATEGORIES.telematics,
    lifecycleStatus: 'Launched',
    prices: [
      { id: 'pop-telematics-monthly', name: 'Telematics monthly fee', priceType: 'recurring', value: '1.50' },
      { id: 'pop-telematics-usage', name: 'Telematics per MB', priceType: 'usage', value: '0.0200', unitOfMeasure: { amount: 1, units: 'MB' } },
    ],
  },
  {
    id: 'po-mobile-unlimited',
    name: 'Mobile unlimited',
    description: 'Consumer mobile plan',
    category: CATEGORIES.consumer,
    lifecycleStatus: 'Launched',
    prices: [{ id: 'pop-mobile-unlimited-monthly', name: 'Unlimited monthly fee', priceType: 'recurring', value: '29.99' }],
  },
];

const CURRENCY = 'EUR';
const LAUNCH = '2025-06-01T00:00:00.000Z';

/** The seeded collections, keyed as the store keys them. */
export function seedCatalog(): Record<string, Entity[]> {
  const categories = Object.values(CATEGORIES).map((name) => ({
    id: `cat-${name}`,
    href: hrefOf('TMF620', 'category', `cat-${name}`),
    '@type': 'Category',
    name,
    lifecycleStatus: 'Launched',
    lastUpdate: LAUNCH,
    isRoot: true,
  }));
  const prices = OFFERS.flatMap((o) => o.prices.map((p) => priceEntity(p)));
  // What each offering sells: none of the seeded offerings is a bundle, so each has its specification.
  const specifications = OFFERS.map((o) => specificationEntity(o));
  const offerings = OFFERS.map((o) => ({
    id: o.id,
    href: hrefOf('TMF620', 'productOffering', o.id),
    '@type': 'ProductOffering',
    name: o.name,
    description: o.description,
    lifecycleStatus: o.lifecycleStatus,
    isBundle: false,
    isSellable: true,
    isPartnerEligible: false,
    lastUpdate: LAUNCH,
    validFor: { startDateTime: LAUNCH },
    category: [o.category, ...(o.splitBilling ? [CATEGORIES.splitBilling] : [])].map((name) => ({
      id: `cat-${name}`,
      href: hrefOf('TMF620', 'category', `cat-${name}`),
      name,
    })),
    productOfferingPrice: o.prices.map((p) => ({ id: p.id, href: hrefOf('TMF620', 'productOfferingPrice', p.id), name: p.name })),
    productSpecification: { id: specIdOf(o), href: hrefOf('TMF620', 'productSpecification', specIdOf(o)), name: o.name },
  }));
  const catalog = {
    id: 'cat-csp-main',
    href: hrefOf('TMF620', 'catalog', 'cat-csp-main'),
    '@type': 'Catalog',
    name: 'CSP product catalog',
    lifecycleStatus: 'Launched',
    lastUpdate: LAUNCH,
    category: categories.map((c) => ({ id: c.id, href: c.href, name: c.name })),
  };
  return {
    'TMF620.catalog': [catalog],
    'TMF620.category': categories,
    'TMF620.productOffering': offerings,
    'TMF620.productOfferingPrice': prices,
    'TMF620.productSpecification': specifications,
  };
}

const specIdOf = (o: OfferSeed) => o.id.replace(/^po-/, 'ps-');

function specificationEntity(o: OfferSeed): Entity {
  const id = specIdOf(o);
  return {
    id,
    href: hrefOf('TMF620', 'productSpecification', id),
    '@type': 'ProductSpecification',
    name: o.name,
    description: o.description,
    brand: 'CSP',
    isBundle: false,
    lifecycleStatus: o.lifecycleStatus,
    version: '1.0',
    lastUpdate: LAUNCH,
    validFor: { startDateTime: LAUNCH },
  };
}

function priceEntity(p: PriceSeed): Entity {
  return {
    id: p.id,
    href: hrefOf('TMF620', 'productOfferingPrice', p.id),
    '@type': 'ProductOfferingPrice',
    name: p.name,
    priceType: p.priceType,
    lifecycleStatus: 'Launched',
    lastUpdate: LAUNCH,
    ...(p.priceType === 'recurring' ? { recurringChargePeriodType: 'month', recurringChargePeriodLength: 1 } : {}),
    price: { unit: CURRENCY, value: Number(p.value) },
    ...(p.unitOfMeasure ? { unitOfMeasure: p.unitOfMeasure } : {}),
  };
}

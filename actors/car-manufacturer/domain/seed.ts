import type { Entity } from '../../../tmf/data.ts';
import { hrefOf } from '../../../tmf/entity.ts';
import { CENTRAL_CATEGORY, PRODUCT_CATEGORY } from './central-catalog.ts';

/** Drivers who bought a car: the OEM knows them as customers (TMF629) before they order any service. */
export const SEED_CUSTOMERS = [
  { id: 'cust-alex', name: 'Alex Martin', email: 'alex.martin@example.com' },
  { id: 'cust-sam', name: 'Sam Lee', email: 'sam.lee@example.com' },
] as const;

/**
 * The OEM's two catalogs on its one TMF620 and its customers. Each catalog lists its category; an
 * offering belongs to the catalog whose category it carries.
 */
export function seedOemData(): Record<string, Entity[]> {
  const category = (c: { id: string; name: string }, description: string): Entity => ({
    id: c.id,
    href: hrefOf('TMF620', 'category', c.id),
    '@type': 'Category',
    name: c.name,
    description,
    isRoot: true,
    lifecycleStatus: 'Launched',
  });
  const catalog = (id: string, name: string, c: { id: string; name: string }, catalogType: string): Entity => ({
    id,
    href: hrefOf('TMF620', 'catalog', id),
    '@type': 'Catalog',
    name,
    catalogType,
    lifecycleStatus: 'Launched',
    category: [{ id: c.id, href: hrefOf('TMF620', 'category', c.id), name: c.name }],
    relatedParty: [{ id: 'car-manufacturer', role: 'owner', '@referredType': 'Organization' }],
  });
  return {
    'TMF620.category': [
      category(CENTRAL_CATEGORY, 'Partner offerings and converged offerings (central catalog)'),
      category(PRODUCT_CATEGORY, 'What the OEM sells its drivers'),
    ],
    'TMF620.catalog': [
      catalog('central-catalog', 'Central catalog', CENTRAL_CATEGORY, 'central'),
      catalog('oem-product-catalog', 'OEM product catalog', PRODUCT_CATEGORY, 'product'),
    ],
    'TMF629.customer': SEED_CUSTOMERS.map((c) => ({
      id: c.id,
      href: hrefOf('TMF629', 'customer', c.id),
      '@type': 'Customer',
      name: c.name,
      status: 'approved',
      engagedParty: { id: `ind-${c.id}`, name: c.name, role: 'driver', '@referredType': 'Individual' },
      contactMedium: [{ mediumType: 'email', preferred: true, characteristic: { emailAddress: c.email } }],
      account: [],
    })),
  };
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { usageSeenBy } from '../actors/csp/domain/usage-view.ts';
import type { RatedProductUsage, Usage } from '../tmf/resources.ts';

const share = (payerRole: string, account: string, value: number) => ({
  payerRole,
  billingAccount: { id: account, href: `/ba/${account}` },
  taxExcludedRatingAmount: { unit: 'EUR', value },
});
const usage = (shares: RatedProductUsage[]): Usage => ({ id: 'u1', href: '/usage/u1', '@type': 'Usage', status: 'rated', ratedProductUsage: shares });
const OWNERS = { '/ba/oem': 'car-manufacturer', '/ba/driver': 'driver' };

test('a partner sees only the shares billed to its own accounts', () => {
  const split = usage([share('buyer', 'oem', 1.2), share('thirdPartyPayer', 'driver', 2.8)]);
  assert.deepEqual(usageSeenBy(split, 'car-manufacturer', OWNERS).ratedProductUsage, [share('buyer', 'oem', 1.2)]);
  assert.deepEqual(usageSeenBy(split, 'driver', OWNERS).ratedProductUsage, [share('thirdPartyPayer', 'driver', 2.8)]);
});

test("a record whose shares are all another payer's is shown without rating, the record itself intact", () => {
  const seen = usageSeenBy(usage([share('thirdPartyPayer', 'driver', 2.8)]), 'car-manufacturer', OWNERS);
  assert.equal('ratedProductUsage' in seen, false);
  assert.deepEqual({ id: seen.id, status: seen.status }, { id: 'u1', status: 'rated' });
});

test('an unrated record is shown as it is', () => {
  const received: Usage = { id: 'u2', href: '/usage/u2', '@type': 'Usage', status: 'received' };
  assert.equal(usageSeenBy(received, 'car-manufacturer', OWNERS), received);
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { onboardPartner } from '../actors/csp/domain/onboarding.ts';
import { cspDefaults } from '../actors/csp/store.ts';

it('re-onboarding rotates the credential without breaking calls in flight: the key before stays valid, older ones are revoked', () => {
  const draft = cspDefaults(new Date('2026-01-01T08:00:00Z'));
  const issue = () => onboardPartner(draft, 'car-manufacturer', 'Car manufacturer', new Date('2026-01-01T08:00:00Z'), 's', 'http://portal.test').result.apiKey;
  const first = issue();
  const second = issue();
  assert.notEqual(first, second);
  assert.deepEqual(
    draft.credentials.filter((c) => c.party === 'car-manufacturer').map((c) => c.apiKey),
    [first, second],
  );
  const third = issue();
  assert.deepEqual(
    draft.credentials.filter((c) => c.party === 'car-manufacturer').map((c) => c.apiKey),
    [second, third],
  );
});

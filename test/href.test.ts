import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absoluteHrefs, requestBase } from '../tmf/href.ts';

test('relative hrefs become absolute under the base, deep in arrays and objects, without touching the input', () => {
  const stored = {
    id: 'u1',
    href: '/tmf-api/usageManagement/v4/usage/u1',
    relatedParty: [{ id: 'b', href: '/tmf-api/accountManagement/v4/billingAccount/b' }],
    note: '/not-an-href',
  };
  const shown = absoluteHrefs(stored, 'http://h:1/wire/oem/csp');
  assert.equal(shown.href, 'http://h:1/wire/oem/csp/tmf-api/usageManagement/v4/usage/u1');
  assert.equal(shown.relatedParty[0].href, 'http://h:1/wire/oem/csp/tmf-api/accountManagement/v4/billingAccount/b');
  assert.equal(shown.note, '/not-an-href', 'only href fields change');
  assert.equal(stored.href, '/tmf-api/usageManagement/v4/usage/u1', 'the stored entity is not changed');
  assert.equal(absoluteHrefs({ href: 'https://partner.example/x' }, 'http://h').href, 'https://partner.example/x', 'absolute hrefs stay');
});

test("the base is the URL the caller used: the proxy's when it comes from the wire and says so, else the server's own", () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name];
  const proxied = headers({ host: 'csp:9', 'x-forwarded-host': 'wire:8', 'x-forwarded-prefix': '/wire/oem/csp/' });
  assert.equal(requestBase(proxied, 'http', true), 'http://wire:8/wire/oem/csp');
  assert.equal(requestBase(proxied, 'http', false), 'http://csp:9', 'forwarded headers from anyone but the wire are ignored');
  assert.equal(requestBase(headers({ host: 'csp:9' }), 'http', true), 'http://csp:9');
});

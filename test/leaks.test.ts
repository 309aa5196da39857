import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ACTOR_IDS } from '../core/actor-ids.ts';
import { DEFAULT_SECRET } from '../actors/kit/config.ts';
import { onboardPartner } from '../actors/csp/domain/onboarding.ts';
import { registerExistingCustomer } from '../actors/csp/domain/third-party-payer.ts';
import type { CspData } from '../actors/csp/store.ts';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { ecosystemSecret, publicSecretWarning } from '../harness/secret.ts';
import { basePath } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';

const SECRET = 'leak-test-secret';

describe('what a party keeps to itself', () => {
  let ecosystem: Ecosystem;
  before(async () => {
    ecosystem = await startEcosystem({ secret: SECRET });
  });
  after(async () => {
    await ecosystem.stop();
  });
  const get = async (party: (typeof ACTOR_IDS)[number], path: string, key: string) => {
    const response = await fetch(`${ecosystem.actorUrls[party]}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, body: await response.json() };
  };

  it("no peer reads another party's state, journal or the driver's inbox; the harness does", async () => {
    for (const party of ACTOR_IDS) {
      const paths = ['/control/state', '/control/journal', ...(party === 'driver' ? ['/inbox'] : [])];
      for (const path of paths) {
        for (const peer of ACTOR_IDS.filter((p) => p !== party)) {
          const res = await get(party, path, bootstrapKey(SECRET, peer, party));
          assert.equal(res.status, 403, `${peer} reading ${party}${path}`);
          assert.equal(res.body['@type'], 'Error');
        }
        assert.equal((await get(party, path, harnessKey(SECRET, party))).status, 200, `the harness reads ${party}${path}`);
      }
    }
  });

  it("a split billing partner finds a consumer it looks up (by e-mail, by party id) but cannot list the CSP's consumers", async () => {
    const csp = ecosystem.local.csp!.runtime;
    const { apiKey, ada } = await csp.store.update((draft) => {
      const data = draft as unknown as CspData;
      const { result } = onboardPartner(data, 'car-manufacturer', 'Car manufacturer', new Date(data.clock), SECRET, 'http://portal.test');
      const ada = registerExistingCustomer(data, { givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com' }, new Date(data.clock));
      registerExistingCustomer(data, { givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.com' }, new Date(data.clock));
      return { apiKey: result.apiKey, ada: { individual: ada.individual.id, customer: ada.customer.id, account: ada.account.id } };
    });
    const customers = `${basePath('TMF629')}/customer`;
    const accounts = `${basePath('TMF666')}/billingAccount`;
    assert.deepEqual((await get('csp', customers, apiKey)).body, [], 'browsing shows no consumer');
    const listed = (await get('csp', accounts, apiKey)).body as { accountType: string }[];
    assert.deepEqual(
      listed.map((a) => a.accountType),
      ['partner'],
      'only its own partner account',
    );
    const byEmail = await get('csp', `${customers}?contactMedium.characteristic.emailAddress=ada@example.com`, apiKey);
    assert.deepEqual(
      byEmail.body.map((c: { id: string }) => c.id),
      [ada.customer],
    );
    const byParty = await get('csp', `${accounts}?relatedParty.id=${ada.individual}`, apiKey);
    assert.deepEqual(
      byParty.body.map((a: { id: string }) => a.id),
      [ada.account],
    );
    const asProspect = await get(
      'csp',
      `${customers}?contactMedium.characteristic.emailAddress=ada@example.com`,
      bootstrapKey(SECRET, 'content-provider', 'csp'),
    );
    assert.ok(asProspect.status === 403 || (asProspect.status === 200 && asProspect.body.length === 0), 'another partner finds nobody');
    const harnessSees = await get('csp', customers, harnessKey(SECRET, 'csp'));
    assert.ok(harnessSees.body.length >= 2);
  });
});

describe('the ecosystem secret', () => {
  it('is CCH_SECRET when set; otherwise random per data folder and kept there across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cch-secret-'));
    const other = mkdtempSync(join(tmpdir(), 'cch-secret-'));
    assert.equal(ecosystemSecret({ CCH_SECRET: 'mine' }, dir), 'mine');
    const first = ecosystemSecret({}, dir);
    assert.notEqual(first, DEFAULT_SECRET);
    assert.ok(first.length >= 32);
    assert.equal(ecosystemSecret({}, dir), first, 'a restart keeps the keys it issued');
    assert.notEqual(ecosystemSecret({}, other), first, 'another ecosystem, another secret');
  });

  it('warns when a host other machines reach is bound with the public default secret', () => {
    assert.match(publicSecretWarning(DEFAULT_SECRET, '0.0.0.0') ?? '', /CCH_SECRET/);
    assert.equal(publicSecretWarning(DEFAULT_SECRET, undefined), undefined);
    assert.equal(publicSecretWarning(DEFAULT_SECRET, '127.0.0.1'), undefined);
    assert.equal(publicSecretWarning('random-secret', '0.0.0.0'), undefined);
  });
});

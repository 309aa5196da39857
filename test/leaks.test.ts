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
import type { ResourcesByKey } from '../tmf/resources.ts';
import { FIGURE_RUNS, runFigure } from '../web/figure-runs.ts';

const SECRET = 'leak-test-secret';

describe('what a party keeps to itself', () => {
  let ecosystem: Ecosystem;
  before(async () => {
    ecosystem = await startEcosystem({ secret: SECRET });
  });
  after(async () => {
    await ecosystem.stop();
  });
  const get = (party: (typeof ACTOR_IDS)[number], path: string, key: string) => getAt(ecosystem.actorUrls[party], path, key);

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

  it("no partner changes a provider's own entities: its catalog, categories and product specifications", async () => {
    const patch = async (party: (typeof ACTOR_IDS)[number], href: string, key: string) => {
      const response = await fetch(`${ecosystem.actorUrls[party]}${href}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ description: 'changed by a partner' }),
      });
      return { status: response.status, body: await response.json() };
    };
    const first = (party: (typeof ACTOR_IDS)[number], key: string) => ecosystem.local[party]!.runtime.store.data.resources[key]![0];
    const cases = [
      { owner: 'csp', entity: first('csp', 'TMF620.productSpecification'), partner: 'car-manufacturer' },
      { owner: 'car-manufacturer', entity: first('car-manufacturer', 'TMF620.catalog'), partner: 'csp' },
      { owner: 'car-manufacturer', entity: first('car-manufacturer', 'TMF620.category'), partner: 'content-provider' },
    ] as const;
    for (const { owner, entity, partner } of cases) {
      const before = JSON.stringify(ecosystem.local[owner]!.runtime.store.data);
      const refused = await patch(owner, entity.href, bootstrapKey(SECRET, partner, owner));
      assert.equal(refused.status, 403, `${partner} patching ${owner}'s ${entity.href}: ${JSON.stringify(refused.body)}`);
      assert.match(refused.body.message, /change only the \w+ entities it owns/);
      assert.equal(JSON.stringify(ecosystem.local[owner]!.runtime.store.data), before);
    }
    assert.equal((await patch('csp', cases[0].entity.href, harnessKey(SECRET, 'csp'))).status, 200, 'the provider (its operator) does');
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

describe("a driver's converged order and bill at the OEM (figure 11)", () => {
  let ecosystem: Ecosystem;
  before(async () => {
    ecosystem = await startEcosystem({ secret: SECRET });
    await runFigure(ecosystem, FIGURE_RUNS[11]!);
  });
  after(async () => {
    await ecosystem.stop();
  });

  it('are read by the driver and by no channel: the portal order and the rates of its bill, as the bill itself', async () => {
    const oem = ecosystem.local['car-manufacturer']!;
    const resources = oem.runtime.store.data.resources as ResourcesByKey;
    const portalOrder = resources['TMF622.productOrder']?.find((o) => o.channel?.some((c) => c.id === 'car-manufacturer'));
    const rates = resources['TMF678.appliedCustomerBillingRate'] ?? [];
    const bills = resources['TMF678.customerBill'] ?? [];
    assert.ok(portalOrder && rates.length > 0 && bills.length > 0, 'figure 11 ordered on the portal and billed the driver');
    const keyOf = (peer: (typeof ACTOR_IDS)[number]) =>
      ecosystem.local[peer]!.runtime.store.data.peerKeys['car-manufacturer'] ?? bootstrapKey(SECRET, peer, 'car-manufacturer');
    const paths = [`${basePath('TMF622')}/productOrder/${portalOrder.id}`, ...[...bills, ...rates].map((e) => e.href)];
    for (const path of paths) {
      assert.equal((await getAt(oem.url, path, keyOf('driver'))).status, 200, `the driver reads ${path}`);
      for (const channel of ['csp', 'content-provider'] as const) {
        // 404 where the channel's bundle opens the API, 403 where it does not.
        const seen = await getAt(oem.url, path, keyOf(channel));
        assert.ok(seen.status === 404 || seen.status === 403, `${channel} reads ${path}: ${seen.status}`);
      }
    }
  });
});

/** A GET with a bearer key: its status and JSON body. */
async function getAt(base: string, path: string, key: string) {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

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

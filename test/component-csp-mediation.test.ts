/**
 * The CSP's mediation on its own (steps 8.7–8.10): the OEM is an msw mock at http://oem.test that
 * listens to usage events; the test plays the OEM's and the car's calls with their credentials.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { setupServer } from 'msw/node';
import { startCsp } from '../actors/csp/index.ts';
import type { CspData } from '../actors/csp/store.ts';
import { usageBookPath } from '../actors/csp/usage-book/book.ts';
import { JOURNAL } from '../core/journal-events.ts';
import { PARTY_API } from '../core/party-api.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { oemHandlers, oemInbox, resetOemInbox } from '../mocks/oem-peer.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { basePath } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import { items, type Entity } from '../tmf/data.ts';
import { call as callApp } from './support/http-app.ts';

const SECRET = 'component-csp-mediation';
const OEM_URL = 'http://oem.test';
const CONFIG: ActorConfig = {
  storage: { kind: 'memory' },
  secret: SECRET,
  peers: { 'car-manufacturer': OEM_URL },
  callbacks: { 'car-manufacturer': 'http://csp.test' },
  seed: 1,
  delivery: { burst: 3, burstDelayMs: 5, timeoutMs: 2000 },
};
const HARNESS_KEY = harnessKey(SECRET, 'csp');
const CAR_KEY = bootstrapKey(SECRET, 'driver', 'csp');

const server = setupServer(...oemHandlers(OEM_URL));
let csp: RunningActor;
let oemKey: string;

/** Calls the CSP under test for real and reads the JSON answer. */
const call = (method: string, path: string, apiKey: string, body?: unknown) => callApp(csp.url, method, path, { key: apiKey, body });
/** A usage batch (NDJSON, one line a record) posted to the CSP's batch extension. */
async function postBatch(lines: readonly string[], apiKey: string, type = 'application/x-ndjson'): Promise<{ status: number; body: any }> {
  const response = await fetch(csp.url + PARTY_API.usageBatch, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': type },
    body: lines.join('\n') + '\n',
  });
  return { status: response.status, body: await response.json() };
}
const drain = async () => assert.equal((await call('POST', '/control/drain', HARNESS_KEY)).status, 200);

/** The OEM onboarded (7.1–7.3) and the driver known to the CSP as an individual (8.6). */
async function onboardedOemAndDriver(): Promise<Entity> {
  const partnerItems = ['po-partner-connectivity', 'po-split-billing'].map((id, i) => ({
    id: String(i + 1),
    action: 'add',
    quantity: 1,
    productOffering: { id },
  }));
  const bootstrap = bootstrapKey(SECRET, 'car-manufacturer', 'csp');
  assert.equal(
    (
      await call('POST', `${basePath('TMF622')}/productOrder`, bootstrap, {
        relatedParty: [{ id: 'car-manufacturer', role: 'buyer' }],
        productOrderItem: partnerItems,
      })
    ).status,
    201,
  );
  await drain();
  oemKey = (oemInbox.onboardingResults[0].body as { apiKey: string }).apiKey;
  const individual = await call('POST', `${basePath('TMF632')}/individual`, oemKey, {
    givenName: 'Ada',
    familyName: 'Lovelace',
    contactMedium: [{ mediumType: 'email', characteristic: { emailAddress: 'ada@example.com' } }],
  });
  assert.equal(individual.status, 201);
  return individual.body;
}

const consumerOrder = (driver: Entity, offering: string, criteria?: object) => ({
  relatedParty: [
    { id: 'car-manufacturer', role: 'buyer' },
    { id: driver.id, role: 'thirdPartyPayer' },
  ],
  productOrderItem: [
    {
      id: '1',
      action: 'add',
      quantity: 1,
      productOffering: { id: offering },
      product: { productCharacteristic: criteria ? [{ name: 'splitBillingCriteria', value: criteria }] : [] },
    },
  ],
});

/**
 * The OEM onboarded, listening to its cars' usage states, and an infotainment 20 GB subscription of the
 * driver billed 30 % to the OEM and 70 % to the driver: returns the subscription (product) id.
 */
async function splitInfotainmentSubscription(): Promise<string> {
  const driver = await onboardedOemAndDriver();
  assert.equal((await call('POST', `${basePath('TMF635')}/hub`, oemKey, { callback: OEM_URL, query: 'eventType=UsageStateChangeEvent' })).status, 201);
  const criteria = {
    basis: 'percentage',
    shares: [
      { payerRole: 'buyer', percent: 30 },
      { payerRole: 'thirdPartyPayer', percent: 70 },
    ],
  };
  assert.equal((await call('POST', `${basePath('TMF622')}/productOrder`, oemKey, consumerOrder(driver, 'po-infotainment-20gb', criteria))).status, 201);
  await drain();
  const { data } = (await call('GET', '/control/state', HARNESS_KEY)).body as { data: { usageCollections: { product: string }[] } };
  return data.usageCollections[0].product;
}

const usageStatesHeard = () => oemInbox.events.filter((e) => e.eventName === 'usageStateChangeEvent').map((e) => (e.body.event.usage as Entity).status);

const record = (recordId: string, subscription: string, usageType: string, volumeMB: number) => ({
  usageDate: '2026-01-10T10:00:00Z',
  usageType,
  status: 'received',
  usageCharacteristic: [
    { name: 'recordId', value: recordId },
    { name: 'subscriptionId', value: subscription },
    { name: 'vehicleId', value: 'VIN1' },
    { name: 'volumeMB', value: volumeMB },
  ],
});

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  resetOemInbox();
  csp = await startCsp(CONFIG, 0);
  server.use(passThroughTo(csp.url));
});
afterEach(async () => {
  await csp.stop();
  server.resetHandlers();
});

describe('CSP mediation with a mocked OEM', () => {
  test("a record is answered received, then guided and rated; the OEM hears each state of its car's record, with only its own share", async () => {
    const subscription = await splitInfotainmentSubscription();

    // 20 480 MB included, then 0.0100 EUR per MB: 20 580 MB leaves 100 MB = 1.00 EUR, 0.30 for the OEM.
    const first = await call('POST', `${basePath('TMF635')}/usage`, CAR_KEY, record('VIN1-1', subscription, 'infotainment', 20580));
    assert.equal(first.status, 201);
    assert.equal(first.body.status, 'received', 'the intake answers before mediation guides or rates');
    await drain();

    const states = oemInbox.events.filter((e) => e.eventName === 'usageStateChangeEvent').map((e) => e.body.event.usage as Entity);
    assert.deepEqual(
      states.map((u) => u.status),
      ['guided', 'rated'],
    );
    const shares = states[1].ratedProductUsage as { payerRole: string; taxExcludedRatingAmount: { value: number } }[];
    assert.deepEqual(
      shares.map((s) => [s.payerRole, s.taxExcludedRatingAmount.value]),
      [['buyer', 0.3]],
      "the driver's 0.70 is not the OEM's business",
    );
    const seen = await call('GET', `${basePath('TMF635')}/usage/${first.body.id}`, oemKey);
    assert.equal(seen.body.status, 'rated');
  });

  test('split billing criteria on an offer the catalog does not mark for split billing are refused, and nothing is ordered', async () => {
    const driver = await onboardedOemAndDriver();
    const telematics = (await call('GET', `${basePath('TMF620')}/productOffering/po-telematics`, oemKey)).body as Entity;
    assert.ok(!(telematics.category as { name: string }[]).some((c) => c.name === 'split-billing-eligible'));
    const criteria = {
      basis: 'percentage',
      shares: [
        { payerRole: 'buyer', percent: 50 },
        { payerRole: 'thirdPartyPayer', percent: 50 },
      ],
    };
    const refused = await call('POST', `${basePath('TMF622')}/productOrder`, oemKey, consumerOrder(driver, 'po-telematics', criteria));
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 'SPLIT_BILLING_NOT_ALLOWED');
    assert.match(refused.body.reason + refused.body.message, /po-telematics does not allow split billing/);
    const orders = await call('GET', `${basePath('TMF622')}/productOrder`, oemKey);
    assert.equal(orders.body.filter((o: Entity) => (o.relatedParty as { role: string }[]).some((p) => p.role === 'thirdPartyPayer')).length, 0);
    assert.equal(
      (await call('POST', `${basePath('TMF622')}/productOrder`, oemKey, consumerOrder(driver, 'po-telematics'))).status,
      201,
      'the same order without criteria is fine',
    );
  });

  for (const reached of ['received', 'guided'] as const) {
    test(`a record left ${reached} by a crash is mediated after the restart, once, as it would have been without the crash`, async () => {
      await csp.stop();
      const dir = mkdtempSync(join(tmpdir(), 'csp-mediation-'));
      const path = join(dir, 'csp.json');
      const atCrash = join(dir, 'csp-at-crash.json');
      csp = await startCsp({ ...CONFIG, storage: { kind: 'file', path } }, 0);
      server.use(passThroughTo(csp.url));
      const subscription = await splitInfotainmentSubscription();
      const data = () => csp.runtime.store.data as unknown as CspData;
      // The file as a crash would leave it: the first commit where the record is pending and `reached`.
      csp.runtime.store.onCommit(() => {
        const pending = data().usageLedger.pending ?? [];
        const caught = items(csp.runtime.stateData(), 'TMF635', 'usage').some((u) => pending.includes(u.id) && u.status === reached);
        if (caught && !existsSync(atCrash)) {
          copyFileSync(path, atCrash);
          copyFileSync(usageBookPath(path), usageBookPath(atCrash));
        }
      });
      const posted = await call('POST', `${basePath('TMF635')}/usage`, CAR_KEY, record('VIN1-1', subscription, 'infotainment', 20580));
      assert.equal(posted.status, 201);
      await drain();
      const usageOf = () => items(csp.runtime.stateData(), 'TMF635', 'usage').find((u) => u.id === posted.body.id);
      const uninterrupted = { usage: usageOf(), ratedMB: data().usageLedger.ratedMB };
      assert.equal(uninterrupted.usage?.status, 'rated');
      await csp.stop();
      assert.ok(existsSync(atCrash), `a commit left the record ${reached}`);

      resetOemInbox();
      csp = await startCsp({ ...CONFIG, storage: { kind: 'file', path: atCrash } }, 0);
      server.use(passThroughTo(csp.url));
      await drain();
      assert.deepEqual(usageOf(), uninterrupted.usage, 'rated with the same shares as without the crash');
      assert.deepEqual(data().usageLedger.ratedMB, uninterrupted.ratedMB, 'the allowance is consumed once');
      assert.deepEqual(data().usageLedger.pending, []);
      assert.equal(data().journal.filter((j) => j.type === JOURNAL.usageRated && j.data.usage === posted.body.id).length, 1);
      // The restarted CSP delivers the event it still owed for `guided`, then tells of `rated`.
      assert.deepEqual(usageStatesHeard(), ['guided', 'rated']);
    });
  }
  test('a usage batch (NDJSON) is mediated like one-record creates: rated and split the same, duplicates and bad lines counted by line, nothing of them kept', async () => {
    const subscription = await splitInfotainmentSubscription();
    const lines = [
      JSON.stringify(record('VIN1-1', subscription, 'infotainment', 20580)),
      '{"usageType": "infotainment", ',
      '',
      JSON.stringify(record('VIN1-1', subscription, 'infotainment', 999)),
      JSON.stringify({ ...record('VIN1-2', subscription, 'infotainment', 1), usageCharacteristic: [{ name: 'recordId', value: 'VIN1-2' }] }),
      JSON.stringify(record('VIN1-3', subscription, 'telematics', 10)),
    ];
    const answer = await postBatch(lines, CAR_KEY);
    assert.equal(answer.status, 200);
    assert.deepEqual(
      { ...answer.body, rejections: answer.body.rejections.map((r: { line: number; code: string }) => [r.line, r.code]) },
      {
        lines: 6,
        accepted: 2,
        duplicates: 1,
        rejected: 2,
        duplicateLines: [{ line: 4, recordId: 'VIN1-1' }],
        rejections: [
          [2, 'INVALID_JSON'],
          [5, 'INVALID_USAGE'],
        ],
      },
    );
    assert.match(answer.body.rejections[1].reason, /subscriptionId/);
    const usages = items(csp.runtime.stateData(), 'TMF635', 'usage');
    assert.deepEqual(
      usages.map((u) => u.status),
      ['rated', 'rated'],
      'only the accepted lines are kept, each rated once',
    );
    const shares = (usages[0].ratedProductUsage as { payerRole: string; taxExcludedRatingAmount: { value: number } }[]).map((s) => [
      s.payerRole,
      s.taxExcludedRatingAmount.value,
    ]);
    assert.deepEqual(
      shares,
      [
        ['buyer', 0.3],
        ['thirdPartyPayer', 0.7],
      ],
      'the same allowance, price and split as the one-record create',
    );
    assert.deepEqual(
      usages.map((u) => u.usageCharacteristic?.find((c) => c.name === 'recordId')?.value),
      ['VIN1-1', 'VIN1-3'],
      'the records kept are the ones received: a refused line is not taken',
    );
    assert.equal((csp.runtime.store.data as unknown as CspData).counters.usage, 2, 'a refused line takes no id');

    const summary = await call('GET', '/control/usage-summary', HARNESS_KEY);
    assert.deepEqual(summary.body, { records: 2, byStatus: { rated: 2 } }, "mediation's books at a glance, from the usage book's index");
    assert.equal((await call('GET', '/control/usage-summary', oemKey)).status, 403, 'the harness alone reads them');

    const again = await call('POST', `${basePath('TMF635')}/usage`, CAR_KEY, record('VIN1-3', subscription, 'telematics', 10));
    assert.equal(again.status, 409, 'the one-record create knows what the batch took in');
    assert.equal(again.body.code, 'DUPLICATE_USAGE');
    const oemSees = await call('GET', `${basePath('TMF635')}/usage/${usages[0].id}`, oemKey);
    assert.deepEqual(
      oemSees.body.ratedProductUsage.map((s: { payerRole: string }) => s.payerRole),
      ['buyer'],
      "the OEM owns its car's records and sees only its share",
    );
  });

  test('the usage batch is authenticated and authorized like the TMF635 create, and takes only NDJSON', async () => {
    const subscription = await splitInfotainmentSubscription();
    const line = JSON.stringify(record('VIN1-1', subscription, 'infotainment', 1));
    assert.equal((await postBatch([line], 'nobody')).status, 401);
    const outside = await postBatch([line], oemKey);
    assert.equal(outside.status, 403, 'the OEM may read usage, not create it');
    assert.equal(outside.body.code, 'OUTSIDE_API_BUNDLE');
    const json = await postBatch([line], CAR_KEY, 'application/json');
    assert.equal(json.status, 415);
    assert.equal(items(csp.runtime.store.data, 'TMF635', 'usage').length, 0, 'nothing refused was kept');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePeriodId } from '../../core/billing-period.ts';
import { startActor } from '../../actors/index.ts';
import { onboardPartner } from '../../actors/csp/domain/onboarding.ts';
import { cspDefaults } from '../../actors/csp/store.ts';
import { usageRecords } from '../../actors/driver/domain/usage-records.ts';
import type { DriverData } from '../../actors/driver/store.ts';
import { bootstrapKey, harnessKey } from '../../tmf/auth.ts';
import { items, type BaseData, type Entity } from '../../tmf/data.ts';
import { exited, killCch, startCch } from './cch-process.ts';
import { subscribeDriverAtCsp } from '../../mocks/csp-seed.ts';

/**
 * A CSP process killed with SIGKILL twice and restarted on the same files: once at a random record of
 * the usage stream (mediation), once right after the driver's inbox took a random one of the invoice
 * notices the bill run owes (the CSP never hears the answer). What arrived is counted.
 */
export interface CrashOutcome {
  readonly records: number;
  /** Usage records rated, and rated more than once. */
  readonly rated: number;
  readonly ratedTwice: number;
  /** Consumer bills, notices owed (one per bill), told once, lost, told twice. */
  readonly driverBills: number;
  readonly noticesTold: number;
  readonly noticesLost: number;
  readonly noticesDoubled: number;
  readonly deadLetters: number;
}

export const CRASH_SECRET = 'crash-test-secret';
const JANUARY = parsePeriodId('2026-01');
const USAGE = '/tmf-api/usageManagement/v4/usage';

/** A deterministic stream of numbers in [0, 1): where to kill, the same on every run of a seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** The CSP's file: the OEM onboarded and `drivers` consumers, each with the 5 GB package since January 1st. */
export function seedCspFile(dir: string, drivers: number): string[] {
  const start = new Date('2026-01-01T08:00:00Z');
  const draft = cspDefaults(start);
  onboardPartner(draft, 'car-manufacturer', 'Car manufacturer', start, CRASH_SECRET, 'http://portal.test');
  const products: string[] = [];
  for (let i = 0; i < drivers; i++) {
    products.push(subscribeDriverAtCsp(draft, { givenName: `Driver${i}`, familyName: 'Crash', email: `driver${i}@example.com` }, start));
  }
  writeFileSync(join(dir, 'csp.json'), JSON.stringify(draft));
  return products;
}

export async function call(url: string, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

/**
 * In front of a party: passes every request on, and on the `killAfter`-th request that `matches` runs
 * `onNth` before answering — after the party took that request, or (`partyTakesIt` false) instead of passing it on.
 */
export async function requestTap(
  target: string,
  matches: (method: string, url: string) => boolean,
  killAfter: () => number,
  onNth: () => Promise<void>,
  partyTakesIt = true,
): Promise<{ url: string; server: Server }> {
  let seen = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const matched = matches(String(req.method), String(req.url));
      if (!partyTakesIt && matched && seen + 1 === killAfter()) {
        seen++;
        await onNth(); // the caller dies before the party got the request
        res.destroy();
        return;
      }
      const forwarded = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: { authorization: String(req.headers.authorization ?? ''), 'content-type': 'application/json' },
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const text = await forwarded.text();
      if (matched && ++seen === killAfter()) {
        await onNth(); // the party kept it; the caller dies before hearing so
        res.destroy();
        return;
      }
      res.writeHead(forwarded.status, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** In front of the driver: a tap on the inbox messages it is sent. */
export const inboxTap = (target: string, killAfter: () => number, onNth: () => Promise<void>, driverTakesIt = true) =>
  requestTap(target, (method, url) => method === 'POST' && url === '/inbox', killAfter, onNth, driverTakesIt);

export async function crashRun(seed: number, drivers = 4): Promise<CrashOutcome> {
  const random = seeded(seed);
  const dir = mkdtempSync(join(tmpdir(), 'cch-crash-effects-'));
  const products = seedCspFile(dir, drivers);
  const driver = await startActor('driver', { storage: { kind: 'memory' }, secret: CRASH_SECRET, peers: {}, callbacks: {}, seed: 7 });
  let csp: { child: Awaited<ReturnType<typeof startCch>>['child']; url: string } | undefined;
  const noticeToKillAt = 1 + Math.floor(random() * drivers);
  const tap = await inboxTap(
    driver.url,
    () => noticeToKillAt,
    () => killCch(csp!.child),
  );
  const start = async () => {
    const { child, output } = await startCch(['up', '--only', 'csp', '--port', '0', '--data', dir, '--peer', `driver=${tap.url}`], /Ctrl-C/, {
      CCH_SECRET: CRASH_SECRET,
    });
    csp = { child, url: /(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1] };
    return csp;
  };
  const asDriver = bootstrapKey(CRASH_SECRET, 'driver', 'csp');
  const asHarness = harnessKey(CRASH_SECRET, 'csp');
  try {
    // Mediation: the CSP dies at a random record (that request may or may not have been taken).
    const usage = products.flatMap((product, i) =>
      usageRecords({
        subscription: product,
        vehicleId: `VIN${i}`,
        period: JANUARY,
        infotainmentMB: 900,
        telematicsMB: 100,
        sessions: { infotainment: 3, telematics: 2 },
        seed: 11 + i,
        firstRecord: 1,
      }),
    );
    let up = await start();
    const killAt = Math.floor(random() * usage.length);
    for (const [i, record] of usage.entries()) {
      const dying = i === killAt ? killCch(up.child) : undefined;
      const sent = await call(up.url, asDriver, 'POST', USAGE, record).catch(() => undefined);
      await dying;
      if (!sent || dying) break;
    }
    await killCch(up.child);
    up = await start();
    // The car resends everything it is not sure was received.
    for (const record of usage) {
      const { status, body } = await call(up.url, asDriver, 'POST', USAGE, record);
      if (status !== 201 && !(status === 409 && body.code === 'DUPLICATE_USAGE')) throw new Error(`resent record: ${status} ${JSON.stringify(body)}`);
    }

    // The bill run owes one notice per driver bill; the CSP dies right after the driver took one of them.
    await call(up.url, asHarness, 'PUT', '/control/clock', { now: '2026-02-01T06:00:00.000Z' });
    await call(up.url, asHarness, 'POST', '/control/billing-run', { period: '2026-01' }).catch(() => undefined);
    await exited(up.child);
    up = await start();
    await call(up.url, asHarness, 'POST', '/control/billing-run', { period: '2026-01' }); // finds nothing left to bill
    // A notice that failed during the restart waits for its retry in simulated time.
    await call(up.url, asHarness, 'PUT', '/control/clock', { now: '2026-02-02T06:00:00.000Z' });
    await call(up.url, asHarness, 'POST', '/control/drain');
    const state = (await call(up.url, asHarness, 'GET', '/control/state')).body as unknown as { delivery: { deadLetters: unknown[] }; data: BaseData };

    const recordIds = items(state.data, 'TMF635', 'usage').map((u) =>
      JSON.stringify((u.usageCharacteristic as { name: string; value: unknown }[]).find((c) => c.name === 'recordId')?.value),
    );
    const driverBills = items(state.data, 'TMF678', 'customerBill')
      .filter((b) => state.data.owners[b.href] !== 'car-manufacturer')
      .map((b: Entity) => b.id);
    const told = (driver.runtime.store.data as unknown as DriverData).inbox
      .filter((m) => m.topic === 'invoice-available')
      .map((m) => m.relatedEntity?.[0].id ?? '');
    const count = (list: readonly string[], id: string) => list.filter((x) => x === id).length;
    return {
      records: usage.length,
      rated: new Set(recordIds).size,
      ratedTwice: recordIds.length - new Set(recordIds).size,
      driverBills: driverBills.length,
      noticesTold: driverBills.filter((id) => count(told, id) === 1).length,
      noticesLost: driverBills.filter((id) => count(told, id) === 0).length,
      noticesDoubled: driverBills.filter((id) => count(told, id) > 1).length,
      deadLetters: state.delivery.deadLetters.length,
    };
  } finally {
    if (csp) await killCch(csp.child);
    tap.server.closeAllConnections();
    tap.server.close();
    await driver.stop();
  }
}

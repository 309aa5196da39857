import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startActor } from '../../actors/index.ts';
import { oemDefaults } from '../../actors/car-manufacturer/store.ts';
import type { DriverData } from '../../actors/driver/store.ts';
import { harnessKey } from '../../tmf/auth.ts';
import { addEntity } from '../../tmf/resource.ts';
import { exited, killCch, startCch } from './cch-process.ts';
import { call, inboxTap } from './crash-scenario.ts';

const SECRET = 'crash-activation-secret';
const PRODUCT = '/tmf-api/productInventory/v4/product';

/**
 * An OEM process activates a driver's product and is killed with SIGKILL while telling the driver: right
 * after the driver's inbox took the activation message it owed (the OEM never hears the answer), or
 * before the driver got it; then restarted on the same file. Answers how many activation messages the
 * driver holds for that product, and how many owed effects are left undone.
 */
export async function activationMessagesAfterKill(driverTakesIt: boolean): Promise<{ told: number; pending: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cch-crash-activation-'));
  const start = new Date('2026-03-01T08:00:00Z');
  const draft = oemDefaults(start);
  const product = addEntity(draft, 'TMF637', 'product', {
    name: 'Infotainment premium',
    status: 'created',
    relatedParty: [
      { id: 'content-provider', role: 'serviceProvider' },
      { id: 'cust-1', name: 'Ann Crash', role: 'customer' },
    ],
  });
  writeFileSync(join(dir, 'car-manufacturer.json'), JSON.stringify(draft));
  const driver = await startActor('driver', { storage: { kind: 'memory' }, secret: SECRET, peers: {}, callbacks: {}, seed: 7 });
  let oem: Awaited<ReturnType<typeof startCch>> | undefined;
  const tap = await inboxTap(
    driver.url,
    () => 1,
    () => killCch(oem!.child),
    driverTakesIt,
  );
  const up = async () => {
    oem = await startCch(['up', '--only', 'car-manufacturer', '--port', '0', '--data', dir, '--peer', `driver=${tap.url}`], /Ctrl-C/, { CCH_SECRET: SECRET });
    return /(http:\/\/127\.0\.0\.1:\d+)/.exec(oem.output)![1];
  };
  const asHarness = harnessKey(SECRET, 'car-manufacturer');
  try {
    let url = await up();
    const patched = await call(url, asHarness, 'PATCH', `${PRODUCT}/${product.id}`, { status: 'active', startDate: start.toISOString() });
    if (patched.status !== 200) throw new Error(`activation: ${patched.status} ${JSON.stringify(patched.body)}`);
    await exited(oem!.child);
    url = await up();
    await call(url, asHarness, 'POST', '/control/drain');
    const state = (await call(url, asHarness, 'GET', '/control/state')).body as { data: { owed: { state: string }[] } };
    const inbox = (driver.runtime.store.data as unknown as DriverData).inbox;
    return {
      told: inbox.filter((m) => m.topic === 'service-activated' && m.relatedEntity?.[0].id === product.id).length,
      pending: state.data.owed.filter((e) => e.state !== 'delivered').length,
    };
  } finally {
    if (oem) await killCch(oem.child);
    tap.server.closeAllConnections();
    tap.server.close();
    await driver.stop();
  }
}

/**
 * The price of all-or-nothing store updates: each update works on a copy of the actor's whole database,
 * so its cost grows with what the actor holds. Prints the time of one small update at growing sizes.
 */
import { performance } from 'node:perf_hooks';
import { Store } from '../core/store.ts';
import { baseData, type BaseData } from '../tmf/data.ts';

const store = await Store.open<BaseData>({ kind: 'memory' }, () => baseData(new Date('2026-01-01T00:00:00Z')));
const record = (i: number) => ({
  id: `usage-${i}`,
  href: `/tmf-api/usageManagement/v4/usage/usage-${i}`,
  '@type': 'Usage',
  status: 'rated',
  usageCharacteristic: [
    { name: 'recordId', value: `r${i}` },
    { name: 'volumeMB', value: 12.5 },
  ],
});

for (const size of [1_000, 10_000, 30_000]) {
  await store.update((draft) => {
    const usages = (draft.resources['TMF635.usage'] ??= []);
    for (let i = usages.length; i < size; i++) usages.push(record(i));
  });
  const runs = 20;
  const start = performance.now();
  for (let i = 0; i < runs; i++)
    await store.update((draft) => {
      draft.counters.touch = i;
    });
  console.log(`store update: ${size} records held, ${((performance.now() - start) / runs).toFixed(2)} ms per update`);
}

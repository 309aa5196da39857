import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { RECORD_HEAP_GROWING_PERCENT } from '../harness/heap-room.ts';

const ROOT = join(import.meta.dirname, '..');

/**
 * A process that keeps a record, then collects in full: V8's trace names the factor it sets the old
 * generation's next limit by (`[HeapController] Limit: … (3.0)`).
 */
const KEEP_AND_COLLECT = `
  import { setFlagsFromString } from 'node:v8';
  import { runInNewContext } from 'node:vm';
  import { giveTheRecordRoom } from './harness/heap-room.ts';
  if (process.argv.includes('--room')) giveTheRecordRoom();
  process.stdout.write('kept from here\\n');
  setFlagsFromString('--expose-gc');
  const record = Array.from({ length: 200_000 }, (_, seq) => ({ seq, path: '/productOffering' }));
  runInNewContext('gc')();
  process.stdout.write(String(record.length));
`;

async function growingFactors(...args: string[]): Promise<number[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--trace-gc-verbose', '--import', 'tsx', '--input-type=module', '-e', KEEP_AND_COLLECT, '--', ...args],
    { cwd: ROOT, maxBuffer: 64 * 2 ** 20 },
  );
  // The collections of the process's start, before the record and the setting, are not counted.
  const kept = stdout.slice(stdout.indexOf('kept from here'));
  return [...kept.matchAll(/\[HeapController\] Limit: .*\(([\d.]+)\)/g)].map((m) => Number(m[1]));
}

test("a long run's record gets room: after a full collection the old generation may grow to three times what survived", async () => {
  // Without it V8 picks the factor by its measure of the collector's speed, from 1.1 to 4 (in \`cch up\`'s
  // wire at full load: 1.1 to 1.2, a full collection every few hundred milliseconds).
  const factors = await growingFactors('--room');
  assert.ok(factors.length > 0, 'the full collection was traced');
  assert.deepEqual(new Set(factors), new Set([1 + RECORD_HEAP_GROWING_PERCENT / 100]));
});

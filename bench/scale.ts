/**
 * The scale figures in one run, then side by side (prints, asserts nothing): the wire's cost (direct vs
 * through the wire, req/s and p50/p99 with autocannon: bench/wire.ts), fleet ingestion and billing at
 * about 100 k and 1 M records with records/s, peak RSS and the growth ratio (bench/fleet.ts, each size in
 * a process of its own), and the time of `npm test` (bench/suite-time.ts). Each of these also runs on
 * its own. BENCH_ONLY=wire,fleet,suite picks parts; FLEET_SMALL / FLEET_LARGE are cars (30 records each).
 *
 *   npm run bench
 */
import { execFile, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { benchWire, type LoadFigures, type WireFigures } from './wire.ts';

const FLEET_SIZES = [Number(process.env.FLEET_SMALL ?? 3_334), Number(process.env.FLEET_LARGE ?? 33_334)] as const;
const PARTS = new Set((process.env.BENCH_ONLY ?? 'wire,fleet,suite').split(','));

/** What bench/fleet.ts prints for one size (FLEET_CARS=N): the figures the summary shows. */
interface FleetFigures {
  readonly cars: number;
  readonly records: number;
  readonly ingestSeconds: number;
  readonly billSeconds: number;
  readonly peakRssMiB: number;
}

interface SuiteFigures {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly ok: boolean;
}

/** bench/fleet.ts at one size, in a process of its own (its RSS is its own). */
async function fleetAt(cars: number): Promise<FleetFigures> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', join(import.meta.dirname, 'fleet.ts')], {
    env: { ...process.env, FLEET_CARS: String(cars) },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as FleetFigures;
}

/** bench/suite-time.ts (one `npm test`), its output passed on, its totals read from it. */
function suiteTime(): Promise<SuiteFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'suite-time.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.once('exit', (code) => {
      const wall = /Suite: ([\d.]+) s wall/.exec(output);
      const cpu = /CPU: ([\d.]+) s in all/.exec(output);
      if (!wall || !cpu) reject(new Error('bench/suite-time.ts printed no totals'));
      else resolve({ wallSeconds: Number(wall[1]), cpuSeconds: Number(cpu[1]), ok: code === 0 });
    });
  });
}

const say = (line: string) => console.log(line);
const loadBefore = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
let wire: WireFigures | undefined;
const fleet: FleetFigures[] = [];
let suite: SuiteFigures | undefined;
if (PARTS.has('wire')) {
  say('== the wire ==');
  wire = await benchWire(say);
}
if (PARTS.has('fleet')) {
  say('\n== fleet through the usage batch extension ==');
  for (const cars of FLEET_SIZES) {
    fleet.push(await fleetAt(cars));
    say(fleetRow(fleet.at(-1)!));
  }
}
if (PARTS.has('suite')) {
  say('\n== npm test ==');
  suite = await suiteTime();
}
say(`\n== side by side (load average before ${loadBefore}, after ${loadavg()[0].toFixed(2)}) ==`);
for (const line of summary(wire, fleet, suite)) say(line);

function fleetRow(f: FleetFigures): string {
  const seconds = f.ingestSeconds + f.billSeconds;
  return `${f.records.toLocaleString('en').padStart(9)} records: ${(f.records / seconds).toFixed(0).padStart(6)} records/s (ingest ${f.ingestSeconds.toFixed(1)} s + bill run ${f.billSeconds.toFixed(1)} s), peak RSS ${f.peakRssMiB} MiB`;
}

function summary(w: WireFigures | undefined, f: readonly FleetFigures[], s: SuiteFigures | undefined): string[] {
  const lines: string[] = [];
  if (w) {
    const row = (name: string, l: LoadFigures) =>
      `  ${name.padEnd(10)} ${l.perSecond.toFixed(0).padStart(6)} req/s  p50 ${l.p50.toFixed(1).padStart(5)} ms  p99 ${l.p99.toFixed(1).padStart(5)} ms  ${(l.perSecond / w.direct.perSecond).toFixed(2)} × the throughput, ${(l.p50 / w.direct.p50).toFixed(2)} × p50, ${(l.p99 / w.direct.p99).toFixed(2)} × p99`;
    lines.push(
      `wire (autocannon, ${w.connections} connections, ${w.seconds} s):`,
      row('direct', w.direct),
      row('bare proxy', w.bareProxy),
      row('wire', w.wire),
    );
  }
  if (f.length > 0) {
    lines.push('fleet (usage batches to the CSP, then the bill run):', ...f.map((r) => `  ${fleetRow(r)}`));
    if (f.length === 2) {
      const time = (r: FleetFigures) => r.ingestSeconds + r.billSeconds;
      lines.push(
        `  growth: ${(f[1].records / f[0].records).toFixed(1)} × the data took ${(time(f[1]) / time(f[0])).toFixed(1)} × the time and ${(f[1].peakRssMiB / f[0].peakRssMiB).toFixed(1)} × the memory`,
      );
    }
  }
  if (s) lines.push(`suite: npm test ${s.wallSeconds.toFixed(1)} s wall, ${s.cpuSeconds.toFixed(1)} s CPU${s.ok ? '' : ' (FAILED)'}`);
  return lines;
}

/**
 * The scale figures in one run, then side by side (prints, asserts nothing): the wire's cost (direct, a
 * bare proxy and the wire, req/s and p50/p99 with autocannon: bench/wire.ts), fleet ingestion and
 * billing at about 100 k and 1 M records with records/s, peak RSS and the growth ratio (bench/fleet.ts,
 * each size in a process of its own), and the time of `npm test` (bench/suite-time.ts). Each also runs on
 * its own. BENCH_ONLY=wire,fleet,suite picks parts. The fleet's sizes are bench/fleet.ts's
 * FLEET_SMALL / FLEET_LARGE cars of FLEET_RECORDS_PER_CAR records; here 334 and 3,334 cars of 300 records
 * by default (the same record counts as 3,334 and 33,334 cars of 30, whose set-up takes minutes).
 *
 *   npm run bench
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fleetGrowth, fleetLine, type FleetRun } from './fleet.ts';
import { benchWire, type LoadFigures, type PathFigures, type WireFigures } from './wire.ts';

process.env.FLEET_RECORDS_PER_CAR ??= '300';
const FLEET_SIZES = [Number(process.env.FLEET_SMALL ?? 334), Number(process.env.FLEET_LARGE ?? 3_334)] as const;
const PARTS = new Set((process.env.BENCH_ONLY ?? 'wire,fleet,suite').split(','));

interface SuiteFigures {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly ok: boolean;
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
let fleet: FleetRun[] = [];
let suite: SuiteFigures | undefined;
if (PARTS.has('wire')) {
  say('== the wire ==');
  wire = await benchWire(say);
}
if (PARTS.has('fleet')) {
  say('');
  fleet = await fleetGrowth(FLEET_SIZES, say);
}
if (PARTS.has('suite')) {
  say('\n== npm test ==');
  suite = await suiteTime();
}
say(`\n== side by side (load average before ${loadBefore}, after ${loadavg()[0].toFixed(2)}) ==`);
for (const line of summary(wire, fleet, suite)) say(line);

function summary(w: WireFigures | undefined, f: readonly FleetRun[], s: SuiteFigures | undefined): string[] {
  const lines: string[] = [];
  if (w) {
    const row = (name: string, l: LoadFigures, direct: LoadFigures) =>
      `  ${name.padEnd(10)} ${l.perSecond.toFixed(0).padStart(6)} req/s  p50 ${l.p50.toFixed(1).padStart(5)} ms  p99 ${l.p99.toFixed(1).padStart(5)} ms  ${(l.perSecond / direct.perSecond).toFixed(2)} × the throughput, ${(l.p50 / direct.p50).toFixed(2)} × p50, ${(l.p99 / direct.p99).toFixed(2)} × p99${l.cpuPerRequestUs.between === undefined ? '' : `, ${l.cpuPerRequestUs.between.toFixed(0)} µs CPU a request in between`}`;
    const rows = (p: PathFigures) => [row('direct', p.direct, p.direct), row('bare proxy', p.bareProxy, p.direct), row('wire', p.wire, p.direct)];
    lines.push(
      `wire (autocannon, ${w.connections} connections, ${w.seconds} s each over ${w.rounds} rounds):`,
      ...rows(w),
      '  and with small answers, each call judged afresh:',
      ...rows(w.fresh),
    );
  }
  if (f.length > 0) {
    lines.push('fleet (usage batches to the CSP, then the bill run):', ...f.map((r) => `  ${fleetLine(r)}`));
    if (f.length === 2) {
      const wall = (r: FleetRun) => r.ingestSeconds + r.billSeconds;
      const cpu = (r: FleetRun) => r.ingestCpuSeconds + r.billCpuSeconds;
      lines.push(
        `  growth: ${(f[1].records / f[0].records).toFixed(1)} × the data took ${(wall(f[1]) / wall(f[0])).toFixed(1)} × the wall time, ${(cpu(f[1]) / cpu(f[0])).toFixed(1)} × the CPU time and ${(f[1].peakRssMiB / f[0].peakRssMiB).toFixed(1)} × the memory`,
      );
    }
  }
  if (s) lines.push(`suite: npm test ${s.wallSeconds.toFixed(1)} s wall, ${s.cpuSeconds.toFixed(1)} s CPU${s.ok ? '' : ' (FAILED)'}`);
  return lines;
}

import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { linesOf } from '../../core/ndjson-lines.ts';
import { referencedSeqs, TraceBodies } from '../trace-reading.ts';
import { type Args, one } from './args.ts';

/** Longer than any line the wire writes (two bodies of at most 10 MiB each, and their facts). */
const MAX_LINE_CHARS = 64 * 2 ** 20;

/**
 * `cch trace --file F [--out F]`: the wire's trace with every body in place, one exchange a line, for
 * tools that read a line alone (jq, grep). Two passes over the file, the first to learn which lines later
 * lines refer to, so that a long trace is read holding only the bodies it shares.
 */
export async function trace(args: Args): Promise<number> {
  const file = one(args, 'file');
  if (!file) throw new Error("--file is the trace to read, e.g. 'cch trace --file data/trace.ndjson'");
  if (!existsSync(file)) throw new Error(`no trace at ${file}`);
  const referenced = new Set<number>();
  for await (const lines of linesOf(createReadStream(file), MAX_LINE_CHARS)) referencedSeqs(lines, referenced);
  const outPath = one(args, 'out');
  const out: Writable = outPath ? createWriteStream(outPath) : process.stdout;
  try {
    await printExpanded(file, new TraceBodies((seq) => referenced.has(seq)), out);
  } catch (error) {
    // A reader that stopped early (`cch trace … | head`) closes the pipe: that is not a failure.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    throw error;
  }
  if (outPath) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return 0;
}

async function printExpanded(file: string, bodies: TraceBodies, out: Writable): Promise<void> {
  let lineNo = 0;
  for await (const lines of linesOf(createReadStream(file), MAX_LINE_CHARS)) {
    let text = '';
    for (const line of lines) {
      lineNo++;
      if (line.trim() !== '') text += `${JSON.stringify(bodies.read(line, lineNo))}\n`;
    }
    if (!out.write(text)) await once(out, 'drain');
  }
}

import { JOURNAL } from '../../../core/journal-events.ts';
import type { UsageBatchSummary } from '../../../core/party-api.ts';
import { HARNESS_PARTY } from '../../../tmf/auth.ts';
import { committed } from '../../../core/store.ts';
import { TmfError } from '../../../tmf/errors.ts';
import type { CreateBody } from '../../../tmf/resources.ts';
import { validateBody } from '../../../tmf/validation.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { ingestUsage, type LineOutcome, refusal } from '../domain/usage-batch.ts';
import type { CspData } from '../store.ts';
import type { UsageBook } from '../usage-book/book.ts';
import { mediatePending } from './mediation.ts';

type Runtime = ActorRuntime<CspData>;

/** Lines stored per store update: large enough to amortise the write, small enough to bound the draft. */
export const LINES_PER_UPDATE = 1000;
/** The longest line read: a usage record is well under a kilobyte. */
export const MAX_LINE_CHARS = 64 * 1024;
/** Refusals listed in the answer (all are counted). */
const MAX_LISTED = 1000;

/**
 * Ingests a usage batch, its lines as they are read: every LINES_PER_UPDATE lines are mediated and stored
 * in one update, so what was answered was stored, and a crash loses at most the lines not yet answered
 * (sent again, they are duplicates of the stored ones, never rated twice).
 */
export async function ingestBatch(runtime: Runtime, book: UsageBook, batches: AsyncIterable<readonly string[]>, sender: string): Promise<UsageBatchSummary> {
  const summary: UsageBatchSummary = { lines: 0, accepted: 0, duplicates: 0, rejected: 0, duplicateLines: [], rejections: [] };
  let chunk: { line: number; text: string }[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const lines = chunk;
    chunk = [];
    // Records sent one by one before this batch are mediated first: the allowance goes in arrival order.
    await mediatePending(runtime, book);
    const { accepted, others } = await runtime.store.update((draft, inPlace) => {
      const now = runtime.clock.now();
      // Mediation writes only in place here, so it reads the committed data: nothing of it is drafted.
      const view = committed(draft);
      // Only the lines not accepted are handed back one by one: the answer counts the others.
      const notAccepted: { line: number; outcome: NotAccepted }[] = [];
      for (const { line, text } of lines) {
        const read = readLine(text, sender);
        const outcome = 'refused' in read ? read.refused : ingestUsage(draft, book, read.body, sender, now, inPlace, view);
        if (outcome.kind !== 'accepted') notAccepted.push({ line, outcome });
      }
      const acceptedLines = lines.length - notAccepted.length;
      runtime.journal(draft, JOURNAL.usageBatchIngested, { lines: lines.length, accepted: acceptedLines, from: lines[0].line, to: lines.at(-1)!.line });
      return { accepted: acceptedLines, others: notAccepted };
    });
    summary.accepted += accepted;
    for (const { line, outcome } of others) tally(summary, line, outcome);
  };
  for await (const texts of batches) {
    for (const text of texts) {
      summary.lines += 1;
      if (text.trim() === '') continue;
      chunk.push({ line: summary.lines, text });
      if (chunk.length >= LINES_PER_UPDATE) await flush();
    }
  }
  await flush();
  return summary;
}

type ReadLine = { readonly body: CreateBody<'TMF635', 'usage'> } | { readonly refused: LineOutcome };
const refused = (code: string, reason: string): ReadLine => ({ refused: { kind: 'rejected', code, reason } });

/** A line's TMF635 create body, or its refusal before mediation when it is not one. */
function readLine(text: string, sender: string): ReadLine {
  if (text.length > MAX_LINE_CHARS) return refused('LINE_TOO_LONG', `a line may hold at most ${MAX_LINE_CHARS} characters`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return refused('INVALID_JSON', `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return refused('INVALID_USAGE', 'a line holds one JSON object (a TMF635 Usage create body)');
  try {
    validateBody('Usage_Create', body, sender !== HARNESS_PARTY);
    return { body };
  } catch (error) {
    if (error instanceof TmfError) return { refused: refusal(error) };
    throw error;
  }
}

/** A line the batch did not take: listed in the answer (the accepted ones are only counted). */
type NotAccepted = Exclude<LineOutcome, { kind: 'accepted' }>;

function tally(summary: UsageBatchSummary, line: number, outcome: NotAccepted): void {
  if (outcome.kind === 'duplicate') {
    summary.duplicates += 1;
    if (summary.duplicateLines.length < MAX_LISTED) summary.duplicateLines.push({ line, recordId: outcome.recordId });
  } else {
    summary.rejected += 1;
    if (summary.rejections.length < MAX_LISTED) summary.rejections.push({ line, code: outcome.code, reason: outcome.reason });
  }
}

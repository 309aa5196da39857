import type { CreateBody } from '../../../tmf/resources.ts';
import { DomainError } from '../../../core/domain-error.ts';
import { hrefOf, newEntityId } from '../../../tmf/entity.ts';
import type { CspData } from '../store.ts';
import { mediate } from './mediation.ts';
import { type InPlace, throughDraft } from '../../../core/in-place.ts';
import type { UsageBook } from '../usage-book/book.ts';

/** What became of one line of a batch: kept and mediated, a record already received, or refused. */
export type LineOutcome =
  | { readonly kind: 'accepted'; readonly usage: string }
  | { readonly kind: 'duplicate'; readonly recordId: string }
  | { readonly kind: 'rejected'; readonly code: string; readonly reason: string };

/** A line's refusal, with the code and message the one-record create would have answered with. */
export const refusal = (error: { readonly code: string; readonly message: string }): LineOutcome => ({
  kind: 'rejected',
  code: error.code,
  reason: error.message,
});

/**
 * One record of a batch (steps 8.9–8.10 in one go): the same intake and mediation as the one-record
 * TMF635 create — a record id already seen is a duplicate that rates nothing, a record mediation cannot
 * read is refused — and only the outcome is stored, in the usage book. Either the whole record is kept
 * (with its id, its ledger entries and its owner) or nothing of it is: a refused line leaves the draft
 * and the book as it found them.
 */
export function ingestUsage(
  draft: CspData,
  book: UsageBook,
  body: CreateBody<'TMF635', 'usage'>,
  sender: string,
  now: Date,
  writes: InPlace = throughDraft(draft),
  /** What mediation reads: the draft, or the committed data when everything it writes is written in place. */
  view: CspData = draft,
): LineOutcome {
  const counter = draft.counters.usage;
  const id = newEntityId(draft, 'TMF635', 'usage');
  const href = hrefOf('TMF635', 'usage', id);
  try {
    const { usage, owner } = mediate(view, book, { ...body, id, href, '@type': body['@type'] ?? 'Usage' }, now, writes);
    // As for a created record: the car's until mediation finds the product's owner (the OEM).
    book.add(draft, usage, owner ?? sender);
    return { kind: 'accepted', usage: id };
  } catch (error) {
    if (counter === undefined) delete draft.counters.usage;
    else draft.counters.usage = counter;
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'DUPLICATE_USAGE') return { kind: 'duplicate', recordId: recordIdIn(body) };
    return refusal(error);
  }
}

const recordIdIn = (body: CreateBody<'TMF635', 'usage'>) => String((body.usageCharacteristic ?? []).find((c) => c.name === 'recordId')?.value ?? '');

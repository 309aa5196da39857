import type { Store } from '../../../core/store.ts';
import { items } from '../../../tmf/data.ts';
import type { CspData } from '../store.ts';
import { USAGE_BOOK, type UsageBook } from './book.ts';

/**
 * Records a store kept in its document before the usage book existed move into the book, with their
 * owners, in one update: a CSP started on an older data folder serves them as before.
 */
export async function moveUsageIntoBook(store: Store<CspData>, book: UsageBook): Promise<number> {
  const held = store.data.resources[USAGE_BOOK]?.length ?? 0;
  if (held === 0) return 0;
  await store.update((draft) => {
    for (const usage of items(store.data, 'TMF635', 'usage')) {
      book.add(draft, usage, store.data.owners[usage.href]);
      delete draft.owners[usage.href];
    }
    delete draft.resources[USAGE_BOOK];
  });
  return held;
}

import { Router } from 'express';
import { linesOf } from '../../../core/ndjson-lines.ts';
import { PARTY_API } from '../../../core/party-api.ts';
import { callerOf, requireGrant } from '../../../tmf/auth.ts';
import { TmfError } from '../../../tmf/errors.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { ingestBatch, MAX_LINE_CHARS } from '../processes/usage-batch.ts';
import type { CspData } from '../store.ts';
import type { UsageBook } from '../usage-book/book.ts';

export const NDJSON = 'application/x-ndjson';

/**
 * The usage batch extension (PARTY_API.usageBatch): NDJSON read line by line as it is consumed, never
 * held whole (the rest waits in the socket), and ingested as it comes (processes/usage-batch.ts). Open
 * to whoever may create TMF635 usage.
 */
export function usageBatchRouter(runtime: ActorRuntime<CspData>, book: UsageBook): Router {
  const router = Router();
  router.post(PARTY_API.usageBatch, requireGrant(runtime.bundles, 'TMF635'), async (req, res) => {
    if (!req.is(NDJSON)) {
      throw new TmfError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Not NDJSON', `A usage batch is ${NDJSON}: one TMF635 Usage create body a line`);
    }
    res.status(200).json(await ingestBatch(runtime, book, linesOf(req, MAX_LINE_CHARS), callerOf(res).party));
  });
  return router;
}

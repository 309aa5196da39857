import { TmfCallError } from '../../tmf/client.ts';
import { TmfError } from '../../tmf/errors.ts';

/**
 * Awaits a peer call made on someone else's behalf and, when the peer refuses, answers with the peer's
 * own TMF error (status, code, reason) instead of a 500: a channel passes the OEM's refusal on as it is.
 */
export async function relayed<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof TmfCallError) || error.status >= 500) throw error;
    throw new TmfError(error.status, error.body?.code ?? 'PEER_REFUSED', error.body?.reason ?? 'Refused by a peer', error.body?.message ?? error.message);
  }
}

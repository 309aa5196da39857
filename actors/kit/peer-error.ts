import { TmfCallError } from '../../tmf/client.ts';
import { TmfError } from '../../tmf/errors.ts';

/**
 * Runs a call to a peer on behalf of a caller, and hands a peer's refusal on as the same TMF error
 * (status, code, reason), so that whoever triggered the call learns why the peer said no.
 */
export async function passOnRefusal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof TmfCallError) || error.status >= 500) throw error;
    const body = error.body ?? {};
    throw new TmfError(error.status, body.code ?? 'PEER_REFUSED', body.reason ?? 'Refused by the peer', body.message ?? error.message);
  }
}

/** The TMF error body returned with every 4xx/5xx. */
import { polymorphic, str, text, uri, type Schema } from './common.ts';
import { STANDARD_REQUIRED } from './standard.ts';

/**
 * TMF requires `code` and `reason`; the project's own error bodies also always carry `message` and
 * `status`. `status` is the HTTP status as a string, as TMF v4 types it.
 */
const ErrorBody = {
  [STANDARD_REQUIRED]: ['code', 'reason'],
  $id: 'Error',
  type: 'object',
  required: ['code', 'reason', 'message', 'status'],
  properties: {
    code: text,
    reason: text,
    message: str,
    status: { type: 'string', pattern: '^[1-5][0-9]{2}$' },
    referenceError: uri,
    ...polymorphic,
  },
} as const satisfies Schema;

export const ERROR_SCHEMAS = [ErrorBody];

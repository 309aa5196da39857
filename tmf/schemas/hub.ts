/** Hub subscriptions (TMF630 v4 notification pattern), shared by every API. */
import { str, text, type Schema } from './common.ts';
import { STANDARD_REQUIRED } from './standard.ts';

/** POST /hub body. The callback must be an absolute URL: the provider posts events to it. */
const HubCreate = {
  [STANDARD_REQUIRED]: ['callback'],
  $id: 'Hub_Create',
  type: 'object',
  required: ['callback'],
  properties: { callback: { type: 'string', format: 'uri' }, query: str },
} as const satisfies Schema;

/** The subscription as served (201 response of POST /hub). */
const Hub = {
  [STANDARD_REQUIRED]: ['id', 'callback'],
  $id: 'Hub',
  type: 'object',
  required: ['id', 'callback'],
  properties: { id: text, callback: { type: 'string', format: 'uri' }, query: str },
} as const satisfies Schema;

export const HUB_SCHEMAS = [HubCreate, Hub];

import { resourceOfType, type ApiId } from './apis.ts';
import type { Entity } from './data.ts';

/** `ProductOrderStateChangeEvent` → `productOrderStateChangeEvent`: the listener path segment. */
export const listenerName = (eventType: string) => eventType[0].toLowerCase() + eventType.slice(1);

/** `productOrderStateChangeEvent` → `ProductOrderStateChangeEvent`. */
export const eventTypeOf = (listenerSegment: string) => listenerSegment[0].toUpperCase() + listenerSegment.slice(1);

/** TMF621 calls it a status change; the other APIs a state change. */
const changeWord = (api: ApiId) => (api === 'TMF621' ? 'StatusChange' : 'StateChange');

/** The event a lifecycle change of an entity of `type` raises: `ProductOrderStateChangeEvent`, `TroubleTicketStatusChangeEvent`. */
export const lifecycleEventType = (api: ApiId, type: string) => `${type}${changeWord(api)}Event`;

/** Which event a change of `before` into `after` raises. */
export function changeEventType(api: ApiId, before: Entity, after: Entity): string {
  const type = after['@type'];
  const lifecycle = ['state', 'status'].some((field) => field in after && before[field] !== after[field]);
  return lifecycle ? lifecycleEventType(api, type) : `${type}AttributeValueChangeEvent`;
}

/** Fields whose value differs: the `fieldPath` of an attribute value change event. */
export function changedFields(before: Entity, after: Entity): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

/** The API and resource an event type is about, e.g. `TroubleTicketResolvedEvent` → TMF621 troubleTicket. */
export function eventSubject(eventType: string): { api: ApiId; resource: string } | undefined {
  const m = /^([A-Z][A-Za-z]*?)(Create|StateChange|StatusChange|AttributeValueChange|Delete|Resolved|InformationRequired|Batch)Event$/.exec(eventType);
  return m ? resourceOfType(m[1]) : undefined;
}

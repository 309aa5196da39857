/**
 * Hub notifications: the TMF v4 event envelope and the event types of every resource in tmf/apis.ts.
 * An event is named `<Type><Kind>Event` and carries its resource under the resource's lowerCamel name,
 * e.g. `ProductOrderStateChangeEvent` → `{ event: { productOrder: {…} } }`.
 */
import { APIS } from '../apis.ts';
import { dateTime, str, text, type Schema } from './common.ts';

/** The kinds of event TMF v4 APIs publish; every resource is allowed all of them. */
export const EVENT_KINDS = ['Create', 'StateChange', 'StatusChange', 'AttributeValueChange', 'Delete', 'Resolved', 'InformationRequired'] as const;

/** Which resource an event type carries and the schema that resource is validated against. */
export interface EventTarget {
  /** Key of the resource inside `event`, e.g. `productOrder`. */
  readonly resourceKey: string;
  /** Entity schema id, e.g. `ProductOrder`. */
  readonly schemaId: string;
}

const EVENT_TARGETS: ReadonlyMap<string, EventTarget> = new Map(
  APIS.flatMap((a) => a.resources).flatMap((res) =>
    EVENT_KINDS.map((kind) => [`${res.type}${kind}Event`, { resourceKey: res.name, schemaId: res.schema }] as const),
  ),
);

/** The resource an event type carries, e.g. `TroubleTicketResolvedEvent` → troubleTicket / TroubleTicket. */
export function eventSchemaFor(eventType: string): EventTarget | undefined {
  return EVENT_TARGETS.get(eventType);
}

/**
 * The envelope. `timeOcurred` is spelled as TMF v4 spells it; the corrected spelling of later
 * versions is refused, since a v4 listener would never read it.
 */
const Event = {
  $id: 'Event',
  type: 'object',
  required: ['eventId', 'eventTime', 'eventType', 'event'],
  properties: {
    id: str,
    href: str,
    eventId: text,
    eventTime: dateTime,
    eventType: { type: 'string', enum: [...EVENT_TARGETS.keys()] },
    correlationId: str,
    domain: str,
    title: str,
    description: str,
    priority: str,
    timeOcurred: dateTime,
    timeOccurred: false,
    fieldPath: str,
    event: { type: 'object' },
  },
} as const satisfies Schema;

export const EVENT_SCHEMAS = [Event];

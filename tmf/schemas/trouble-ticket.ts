/** TMF621 Trouble Ticket v4: TroubleTicket. */
import { dateTime, listOf, oneOfValues, polymorphic, ref, str, text, whenEquals, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';

/** TMF621 v4 status values, all lower camel case (the spec's own example writes `Pending`: wrong). */
export const TICKET_STATUSES = ['acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'closed', 'resolved'] as const;

const StatusChange = {
  $id: 'StatusChange',
  type: 'object',
  required: ['status'],
  properties: { status: oneOfValues(TICKET_STATUSES), changeDate: dateTime, changeReason: str, ...polymorphic },
} as const satisfies Schema;

/**
 * Link to another ticket. Its id and kind are required: a redirected ticket (FLOWS 9.4) is traced
 * to the ticket that replaced it through this link alone.
 */
const TroubleTicketRelationship = {
  $id: 'TroubleTicketRelationship',
  type: 'object',
  required: ['id', 'relationshipType'],
  properties: { id: text, href: str, name: str, relationshipType: text, ...polymorphic },
} as const satisfies Schema;

/** A rejection carries its reason: it is all the call center gets to route the ticket again. */
const rejectionHasReason = whenEquals('status', 'rejected', ['statusChangeReason']);

/** A served ticket always has its status; there is no assignee field (routing uses relatedParty roles). */
const troubleTicket = resourceSchemas({
  type: 'TroubleTicket',
  createRequired: ['description', 'severity', 'ticketType'],
  entityRequired: ['status'],
  properties: {
    name: str,
    description: text,
    severity: text,
    ticketType: text,
    priority: str,
    externalId: str,
    status: oneOfValues(TICKET_STATUSES),
    statusChangeReason: str,
    statusChangeDate: dateTime,
    statusChange: listOf('StatusChange'),
    creationDate: dateTime,
    lastUpdate: dateTime,
    expectedResolutionDate: dateTime,
    requestedResolutionDate: dateTime,
    resolutionDate: dateTime,
    note: listOf('Note'),
    relatedEntity: listOf('RelatedEntity'),
    relatedParty: listOf('RelatedParty'),
    troubleTicketRelationship: listOf('TroubleTicketRelationship'),
    attachment: listOf('Attachment'),
    channel: ref('EntityRef'),
    // Project extension: the resolver's last word on a resolved ticket, as the call center tells the driver (9.6).
    resolution: str,
  },
  rules: [rejectionHasReason],
  updateRules: [rejectionHasReason],
});

export const TROUBLE_TICKET_SCHEMAS = [StatusChange, TroubleTicketRelationship, ...troubleTicket];

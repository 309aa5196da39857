import type { ActorId } from '../../../core/actor-ids.ts';
import type { Entity } from '../../../tmf/data.ts';
import type { Answer } from './abilities.ts';

/** What a party's monitoring measured at the end of an SLA period (9.21). */
export interface Measurement {
  readonly metric: string;
  readonly value: string;
  readonly subject: string;
}

/** What a scenario's steps refer back to, each note with its type. */
export interface ScenarioNotes {
  answer: Answer;
  trouble: string;
  ticketBefore: Entity | undefined;
  settlementNote: string;
  slaMeasurements: Partial<Record<ActorId, readonly Measurement[]>>;
  cspOffering: string;
  ownOffering: string;
  centralOffering: string;
  lateRecords: readonly string[];
}

/** What each note holds, as a missing note's error says it. */
export const NOTE_MEANINGS: Readonly<Record<keyof ScenarioNotes, string>> = {
  answer: 'the answer to the last call a step made that may be refused',
  trouble: "the call center's master ticket of the driver's trouble",
  ticketBefore: "the resolver's ticket before a move that may be refused",
  settlementNote: "the car manufacturer's settlement note advice of the period",
  slaMeasurements: "what each party's monitoring measured at the end of its SLA period",
  cspOffering: "the CSP's partner offer",
  ownOffering: "the content provider's own offer",
  centralOffering: 'the converged offer in the central catalog',
  lateRecords: 'the usage records the car sent after the month was billed',
};

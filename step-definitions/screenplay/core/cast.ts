import type { ActorId } from '../../../core/actor-ids.ts';
import type { Ecosystem } from '../../../harness/ecosystem.ts';
import { CallTheWire, DriveThroughControl, PARTY_NAMES, RunTheEcosystem, TakeNotes } from './abilities.ts';
import { Actor } from './actor.ts';
import type { Notepad } from './notepad.ts';
import type { ScenarioNotes } from './notes.ts';

/** The actors of a scenario: the five parties, and the tester (the harness) that sets the scene and judges. */
export type Cast = Readonly<Record<ActorId | 'tester', Actor>>;

/**
 * Each party can drive its own control API and call the wire as itself; the tester can drive every
 * party's control API, call the wire as the harness, and run the ecosystem (clock, settling, records).
 * All share the scenario's notepad.
 */
export function castOf(ecosystem: Ecosystem, notepad: Notepad<ScenarioNotes>): Cast {
  const notes = new TakeNotes(notepad);
  const party = (id: ActorId) => new Actor(PARTY_NAMES[id], [DriveThroughControl.of(ecosystem, id), CallTheWire.as(ecosystem, id), notes]);
  const tester = new Actor('the tester', [
    DriveThroughControl.ofEveryParty(ecosystem),
    CallTheWire.as(ecosystem, 'harness'),
    new RunTheEcosystem(ecosystem),
    notes,
  ]);
  return {
    csp: party('csp'),
    'car-manufacturer': party('car-manufacturer'),
    'content-provider': party('content-provider'),
    'call-center': party('call-center'),
    driver: party('driver'),
    tester,
  };
}

/** Short ways for tasks and questions to reach an actor's abilities. */
export const control = (actor: Actor) => actor.abilityTo(DriveThroughControl);
export const wire = (actor: Actor) => actor.abilityTo(CallTheWire);
export const ecosystemRun = (actor: Actor) => actor.abilityTo(RunTheEcosystem);
export const notes = (actor: Actor): Notepad<ScenarioNotes> => actor.abilityTo<TakeNotes<ScenarioNotes>>(TakeNotes).notepad;

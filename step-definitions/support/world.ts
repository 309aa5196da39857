import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { ActorId } from '../../core/actor-ids.ts';
import type { Ecosystem } from '../../harness/ecosystem.ts';
import type { Actor } from '../screenplay/core/actor.ts';
import { type Cast, castOf } from '../screenplay/core/cast.ts';
import { Notepad } from '../screenplay/core/notepad.ts';
import { NOTE_MEANINGS, type ScenarioNotes } from '../screenplay/core/notes.ts';
import { run } from './run-state.ts';

/**
 * The World of a scenario: its cast of actors (the five parties and the tester) on the running
 * ecosystem, and its notepad. Steps are one line: an actor attempts a task or answers a question
 * (screenplay/); Cucumber makes a new World, so a new notepad, for every scenario.
 */
export class HarnessWorld extends World {
  /** The scenario's tags (`@figure11`, `@steps:…`): what it claims to cover. */
  tags: readonly string[] = [];
  readonly notepad = new Notepad<ScenarioNotes>(NOTE_MEANINGS);
  #cast: Cast | undefined;

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** Made on first use, so a dry run (no ecosystem) can make Worlds too. */
  get cast(): Cast {
    this.#cast ??= castOf(run.ecosystem(), this.notepad);
    return this.#cast;
  }

  get ecosystem(): Ecosystem {
    return run.ecosystem();
  }

  /** The party an `{resolver}` (or any party parameter) names. */
  actor(party: ActorId): Actor {
    return this.cast[party];
  }

  get csp(): Actor {
    return this.cast.csp;
  }
  get oem(): Actor {
    return this.cast['car-manufacturer'];
  }
  get contentProvider(): Actor {
    return this.cast['content-provider'];
  }
  get callCenter(): Actor {
    return this.cast['call-center'];
  }
  get driver(): Actor {
    return this.cast.driver;
  }
  /** The harness: sets the scene (clock), drives what no single party does, and judges. */
  get tester(): Actor {
    return this.cast.tester;
  }
}

setWorldConstructor(HarnessWorld);

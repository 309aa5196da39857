import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { ActorId } from '../../core/actor-ids.ts';
import type { JournalEntry as FlowJournalEntry } from '../../harness/flows/match.ts';
import type { Ecosystem } from '../../harness/ecosystem.ts';
import { TmfCallError } from '../../tmf/client.ts';
import { basePath, type ApiId } from '../../tmf/apis.ts';
import type { Entity } from '../../tmf/data.ts';
import { run } from './run-state.ts';
import { setClock, settle } from '../../harness/drive/settle.ts';
import { journals } from '../../harness/drive/journals.ts';
import { trigger } from '../../harness/drive/trigger.ts';

/** The answer to the last call a step made, kept for the Then steps that judge it. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The World of a scenario: a handle on the running ecosystem and what this scenario has seen. Steps
 * stay one line; tasks and questions (screenplay/) carry the domain verbs.
 */
export class HarnessWorld extends World {
  answer: Answer | undefined;
  /** The scenario's tags (`@figure11`, `@steps:…`): what it claims to cover. */
  tags: readonly string[] = [];
  /** Named things a scenario refers back to ("the bill"). */
  readonly notes = new Map<string, unknown>();

  constructor(options: IWorldOptions) {
    super(options);
  }

  get ecosystem(): Ecosystem {
    return run.ecosystem();
  }

  /** Lets every party finish what it started, until the wire is quiet. */
  settle(): Promise<void> {
    return settle(this.ecosystem);
  }

  /** A party's control trigger, then wait for the consequences. */
  trigger<T>(actor: ActorId, operation: string, body: object = {}): Promise<T> {
    return trigger<T>(this.ecosystem, actor, operation, body);
  }

  /** Moves every party's simulated clock to the same instant. */
  setClock(at: Date): Promise<void> {
    return setClock(this.ecosystem, at);
  }

  /**
   * A collection as the party serves it over TMF (`TMF620.productOffering`), through the wire with the
   * tester key: what a check of a partner bound by URL must rest on, rather than its control state.
   */
  async served<T = Entity>(actor: ActorId, key: string): Promise<T[]> {
    const [api, resource] = key.split('.') as [ApiId, string];
    try {
      return (await this.ecosystem.control(actor).request<T[]>('GET', `${basePath(api)}/${resource}`)).body;
    } catch (error) {
      // A collection the party keeps but serves to no one (the OEM's billing accounts): only its own
      // state shows it, and the conformance report lists the check as resting on that state.
      if (!(error instanceof TmfCallError) || error.status !== 404) throw error;
      return (await this.state<{ resources: Record<string, T[]> }>(actor)).resources[key] ?? [];
    }
  }

  /** The party's own account of itself (GET /control/state): only for facts no TMF API shows. */
  async state<T = Record<string, unknown>>(actor: ActorId): Promise<T> {
    const { body } = await this.ecosystem.control(actor).request<{ data: T }>('GET', '/control/state');
    return body.data;
  }

  /** The parties' journals, timed by the wall clock so they can be ordered against the wire. */
  journals(): Promise<FlowJournalEntry[]> {
    return journals(this.ecosystem);
  }

  /** Calls through the wire and keeps the answer, error or not. */
  async call(send: () => Promise<{ status: number; body: unknown }>): Promise<Answer> {
    try {
      this.answer = await send();
    } catch (error) {
      if (!(error instanceof TmfCallError)) throw error;
      this.answer = { status: error.status, body: error.body };
    }
    return this.answer;
  }
}

setWorldConstructor(HarnessWorld);

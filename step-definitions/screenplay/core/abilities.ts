import { ACTOR_IDS, type ActorId } from '../../../core/actor-ids.ts';
import { journals } from '../../../harness/drive/journals.ts';
import { setClock, settle } from '../../../harness/drive/settle.ts';
import type { Ecosystem } from '../../../harness/ecosystem.ts';
import type { Exchange } from '../../../harness/exchange.ts';
import type { JournalEntry } from '../../../harness/flows/match.ts';
import { type ApiId, basePath } from '../../../tmf/apis.ts';
import { TmfCallError, type TmfClient } from '../../../tmf/client.ts';
import type { Entity } from '../../../tmf/data.ts';
import type { ResourceKey, ResourceName, ResourceOfKey, ResourcesByKey } from '../../../tmf/resources.ts';
import type { Ability } from './actor.ts';
import type { Notepad } from './notepad.ts';

/** The answer to a call that may be refused, kept whole (status and body) for the Then steps that judge it. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** Calls `send`, and keeps a TMF error as an answer rather than a failure. */
export async function answerOf(send: () => Promise<Answer>): Promise<Answer> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof TmfCallError)) throw error;
    return { status: error.status, body: error.body };
  }
}

/** A party's name as a sentence says it. */
export const PARTY_NAMES: Readonly<Record<ActorId, string>> = {
  csp: 'the CSP',
  'car-manufacturer': 'the car manufacturer',
  'content-provider': 'the content provider',
  'call-center': 'the call center',
  driver: 'the driver',
};

/**
 * Drive parties through their control API (`/control/…`: triggers, state, and what they serve over TMF,
 * read with the harness's tester key). A party's actor drives only its own; the tester drives all.
 */
export class DriveThroughControl implements Ability {
  readonly description: string;
  readonly #ecosystem: Ecosystem;
  readonly #parties: readonly ActorId[];

  constructor(ecosystem: Ecosystem, parties: readonly ActorId[], description: string) {
    this.#ecosystem = ecosystem;
    this.#parties = parties;
    this.description = description;
  }

  /** A party's own control API. */
  static of(ecosystem: Ecosystem, party: ActorId): DriveThroughControl {
    return new DriveThroughControl(ecosystem, [party], `drive ${PARTY_NAMES[party]}'s control API`);
  }

  /** Every party's (the tester's). */
  static ofEveryParty(ecosystem: Ecosystem): DriveThroughControl {
    return new DriveThroughControl(ecosystem, ACTOR_IDS, "drive every party's control API");
  }

  /** The one party a party's actor drives: itself. */
  get party(): ActorId {
    if (this.#parties.length !== 1) throw new Error('this ability drives every party: name the party (`.party` is for a single party)');
    return this.#parties[0];
  }

  /**
   * The ecosystem, for the drive scripts of `harness/drive/` (shared with the dashboard's runs): they
   * script several control calls of a flow at once.
   */
  get ecosystem(): Ecosystem {
    return this.#ecosystem;
  }

  /** A control trigger (`POST /control/<operation>`), then every consequence until the wire is quiet. */
  async trigger<T = unknown>(operation: string, body: object = {}, party = this.party): Promise<T> {
    const result = await this.#client(party).post<T>(`/control/${operation}`, body);
    await settle(this.#ecosystem);
    return result;
  }

  /** A trigger that may be refused: its answer, error or not, once the wire is quiet. */
  async attempt(operation: string, body: object, party = this.party): Promise<Answer> {
    const client = this.#client(party);
    const answer = await answerOf(async () => {
      const { status, body: result } = await client.request('POST', `/control/${operation}`, body);
      return { status, body: result };
    });
    await settle(this.#ecosystem);
    return answer;
  }

  /** The party's own account of itself (GET /control/state): only for facts no TMF API shows. */
  async state<T = Record<string, unknown>>(party = this.party): Promise<T> {
    const { body } = await this.#client(party).request<{ data: T }>('GET', '/control/state');
    return body.data;
  }

  /** A collection of the party's state dump (its own view, whatever it serves). */
  async stored<K extends ResourceKey>(key: K, party = this.party): Promise<ResourceOfKey<K>[]> {
    return (await this.state<{ resources: ResourcesByKey }>(party)).resources[key] ?? [];
  }

  /**
   * A collection as the party serves it over TMF (`TMF620.productOffering`), through the wire with the
   * tester key: what a check of a partner bound by URL must rest on, rather than its control state.
   */
  async served<K extends ResourceKey>(key: K, party = this.party): Promise<ResourceOfKey<K>[]> {
    type T = ResourceOfKey<K>;
    const [api, resource] = key.split('.') as [ApiId, string];
    try {
      return (await this.#client(party).request<T[]>('GET', `${basePath(api)}/${resource}`)).body;
    } catch (error) {
      // A collection the party keeps but serves to no one (the OEM's billing accounts): only its own
      // state shows it, and the conformance report lists the check as resting on that state.
      if (!(error instanceof TmfCallError) || error.status !== 404) throw error;
      return (await this.state<{ resources: Record<string, T[]> }>(party)).resources[key] ?? [];
    }
  }

  /** A TMF collection of the party with a query, through the wire with the tester key. */
  async list<A extends ApiId, R extends ResourceName<A>>(api: A, resource: R, query: Record<string, string | number> = {}, party = this.party) {
    return (await this.#client(party).list(api, resource, query)).items;
  }

  /** One TMF resource of the party by its path, through the wire with the tester key. */
  async read<T = Entity>(path: string, party = this.party): Promise<T> {
    return (await this.#client(party).request<T>('GET', path)).body;
  }

  /** The harness's control client of `party`, if this ability may drive it. */
  #client(party: ActorId): TmfClient {
    if (!this.#parties.includes(party)) {
      throw new Error(`an actor that can ${this.description} cannot drive ${PARTY_NAMES[party]}'s: give the task to ${PARTY_NAMES[party]} or the tester`);
    }
    return this.#ecosystem.control(party);
  }
}

/**
 * Call the wire as a party. A party's call is its own: the harness asks the party (its control API,
 * `/control/peer-call`) and the party calls with the best credential it holds, so the exchange on the
 * wire is the party's and the harness never presents a party's key. The tester calls as the harness:
 * with no credentials at all, standing for no party.
 */
export class CallTheWire implements Ability {
  readonly description: string;
  readonly #ecosystem: Ecosystem;
  readonly #as: ActorId | 'harness';

  constructor(ecosystem: Ecosystem, as: ActorId | 'harness') {
    this.#ecosystem = ecosystem;
    this.#as = as;
    this.description = `call the wire as ${as === 'harness' ? 'the harness' : PARTY_NAMES[as]}`;
  }

  static as(ecosystem: Ecosystem, party: ActorId | 'harness'): CallTheWire {
    return new CallTheWire(ecosystem, party);
  }

  /** A TMF call to `to` (its answer kept, error or not). */
  async call(to: ActorId, method: string, path: string, body?: object): Promise<Answer> {
    if (this.#as === 'harness') return this.#anonymous(to, method, path);
    const from = this.#ecosystem.control(this.#as);
    return answerOf(() => from.post<Answer>('/control/peer-call', { peer: to, method, path, body }));
  }

  /** A call with no Authorization header at all, from the harness: it stands for no party. */
  async #anonymous(to: ActorId, method: string, path: string): Promise<Answer> {
    const response = await fetch(this.#ecosystem.wireUrl('harness', to) + path, { method });
    return { status: response.status, body: await response.json() };
  }
}

/**
 * Run the ecosystem (the tester's): move every party's simulated clock, let the parties finish their
 * work, and read what the wire recorded and the parties journaled in this scenario.
 */
export class RunTheEcosystem implements Ability {
  readonly description = 'run the ecosystem (clock, settling, records)';
  readonly #ecosystem: Ecosystem;

  constructor(ecosystem: Ecosystem) {
    this.#ecosystem = ecosystem;
  }

  get ecosystem(): Ecosystem {
    return this.#ecosystem;
  }

  /** Moves every party's simulated clock to the same instant. */
  setClock(at: Date): Promise<void> {
    return setClock(this.#ecosystem, at);
  }

  /** Lets every party finish what it started, until the wire is quiet. */
  settle(): Promise<void> {
    return settle(this.#ecosystem);
  }

  /** This scenario's exchanges on the wire, in order. */
  exchanges(): Exchange[] {
    const { recorder } = this.#ecosystem;
    return recorder.exchangesOf(recorder.scenario);
  }

  /** The parties' journals, timed by the wall clock so they can be ordered against the wire. */
  journals(): Promise<JournalEntry[]> {
    return journals(this.#ecosystem);
  }
}

/** Take notes in the scenario's notepad: every actor of a scenario shares one, as a cast shares a script. */
export class TakeNotes<Notes extends object> implements Ability {
  readonly description = 'take notes';
  readonly notepad: Notepad<Notes>;

  constructor(notepad: Notepad<Notes>) {
    this.notepad = notepad;
  }
}

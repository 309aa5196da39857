/**
 * The Screenplay pattern's core, after Serenity/JS: an actor has abilities (what it can do: call the
 * wire, drive a party's control API, take notes), performs tasks (domain verbs: order the partner
 * offers) and answers questions (what is on the bill). Steps name an actor and a task or question, so
 * each reads as its Gherkin line does; tasks and questions say how, with the actor's abilities.
 */

/** What an actor can do. An ability is looked up by its class, so a task asks for exactly what it needs. */
export interface Ability {
  /** How a sentence names it: "drive the CSP's control API". */
  readonly description: string;
}

/** An ability's class: the key an actor finds it by. */
// biome-ignore lint/suspicious/noExplicitAny: an ability's constructor may take anything; only its instances' type matters
export type AbilityType<A extends Ability> = abstract new (...args: any[]) => A;

/** Something an actor does: a task (a domain verb) or an interaction. */
export interface Activity {
  /** What it does, with `#actor` for who does it: "#actor orders the partner offers". */
  readonly description: string;
  performAs(actor: Actor): Promise<void>;
}

/** Something an actor finds out, with its abilities. */
export interface Question<T> {
  /** What it asks: "the bills the CSP issued". */
  readonly description: string;
  answeredBy(actor: Actor): Promise<T>;
}

export const Task = {
  /** A named task: `Task.where('#actor orders the partner offers', (actor) => …)`. */
  where(description: string, perform: (actor: Actor) => Promise<unknown>): Activity {
    return {
      description,
      async performAs(actor: Actor) {
        await perform(actor);
      },
    };
  },
};

export const Question = {
  /** A named question: `Question.about('the bills the CSP issued', (actor) => …)`. */
  about<T>(description: string, answer: (actor: Actor) => Promise<T> | T): Question<T> {
    return { description, answeredBy: async (actor) => answer(actor) };
  },
};

/** An actor asked for an ability it was not given: names the actor, the ability and what it has. */
export class MissingAbility extends Error {
  constructor(actor: string, ability: string, has: readonly Ability[]) {
    const abilities = has.map((a) => a.description).join(', ') || 'none';
    super(`${actor} has no ability to ${ability} (its abilities: ${abilities})`);
    this.name = 'MissingAbility';
  }
}

/** A party of a scenario, or the tester: a name and what it can do. */
export class Actor {
  readonly name: string;
  readonly #abilities: readonly Ability[];

  constructor(name: string, abilities: readonly Ability[]) {
    this.name = name;
    this.#abilities = abilities;
  }

  /**
   * The ability of this class (or a subclass of it), e.g. `actor.abilityTo(CallTheWire)`; an actor
   * without it fails, naming itself and the ability, so a task given to the wrong actor says so.
   */
  abilityTo<A extends Ability>(type: AbilityType<A>): A {
    const found = this.#abilities.find((a): a is A => a instanceof type);
    if (!found) throw new MissingAbility(this.name, abilityName(type), this.#abilities);
    return found;
  }

  /** Whether it was given an ability of this class. */
  can<A extends Ability>(type: AbilityType<A>): boolean {
    return this.#abilities.some((a) => a instanceof type);
  }

  /**
   * Performs the activities one after the other. A failure names who was doing what, outermost first, as
   * Serenity/JS's reports do: "the tester ensures the CSP issued one bill:\n<the assertion>".
   */
  async attemptsTo(...activities: readonly Activity[]): Promise<void> {
    for (const activity of activities) {
      try {
        await activity.performAs(this);
      } catch (error) {
        throw within(error, activity.description.replaceAll('#actor', this.name));
      }
    }
  }

  async answer<T>(question: Question<T>): Promise<T> {
    try {
      return await question.answeredBy(this);
    } catch (error) {
      throw within(error, `${this.name} asks ${question.description}`);
    }
  }

  toString(): string {
    return this.name;
  }
}

/** "CallTheWire" → "call the wire": how an ability's class reads in a sentence. */
function abilityName(type: AbilityType<Ability>): string {
  return type.name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

/** The error, its message (and its stack's first lines, which repeat it) led by what was being done. */
function within(error: unknown, doing: string): unknown {
  if (!(error instanceof Error)) return error;
  const before = error.message;
  const stack = error.stack; // read first: V8 writes a stack's first line from the message when first read
  error.message = `${doing}:\n  ${before.replaceAll('\n', '\n  ')}`;
  if (stack?.includes(before)) error.stack = stack.replace(before, error.message);
  return error;
}

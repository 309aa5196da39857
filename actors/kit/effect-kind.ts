import type { BaseData, OwedEffect } from '../../tmf/data.ts';
import type { EffectHandler } from '../../tmf/owed-effects.ts';
import type { ActorRuntime } from './runtime.ts';

type OweOptions = { key?: string; lane?: string };

/**
 * A kind of owed effect with the shape of its args, declared once: owing it and carrying it out are
 * typed by this one declaration, so the cause cannot store args its handler does not read. The args
 * stay in the party's store between the two (JSON: ids, entities, party names).
 */
export class EffectKind<A extends Record<string, unknown>> {
  constructor(readonly name: string) {}

  /** Records in `draft`, once per key, that this effect is owed with `args` (see `ActorRuntime.owe`). */
  owe<D extends BaseData>(runtime: ActorRuntime<D>, draft: D, args: A, options?: OweOptions): boolean {
    return runtime.owe(draft, this.name, args, options);
  }

  /** The commit, for an event handler or a router hook, that owes this effect with its cause. */
  owing<D extends BaseData>(runtime: ActorRuntime<D>, args: A, options?: OweOptions): (draft: BaseData) => void {
    return runtime.owing(this.name, args, options);
  }

  /**
   * The handler to register under `name`. Its args are the ones `owe` stored with this kind's shape:
   * the one place they are read back as that shape.
   */
  handler<D extends BaseData>(handle: (args: A, effect: Readonly<OwedEffect>) => ReturnType<EffectHandler<D>>): EffectHandler<D> {
    return (args, effect) => handle(args as A, effect);
  }

  /** The kind's name, so that keys read `${KIND}:${id}`. */
  toString(): string {
    return this.name;
  }
}

/**
 * A scenario's typed notepad, after Serenity/JS's: what a step learns and a later step refers back to
 * ("the trouble", "the settlement note"), each note with a name and a type fixed by the `Notes`
 * interface. Reading a note no step wrote fails, naming the note and what it is.
 */
export class Notepad<Notes extends object> {
  readonly #notes = new Map<keyof Notes, unknown>();
  readonly #meaning: Readonly<Record<keyof Notes, string>>;

  /** `meaning`: for each note, what it holds, in the words an error message uses. */
  constructor(meaning: Readonly<Record<keyof Notes, string>>) {
    this.#meaning = meaning;
  }

  write<K extends keyof Notes>(name: K, value: Notes[K]): void {
    this.#notes.set(name, value);
  }

  read<K extends keyof Notes>(name: K): Notes[K] {
    if (!this.#notes.has(name)) throw new MissingNote(String(name), this.#meaning[name], [...this.#notes.keys()].map(String));
    return this.#notes.get(name) as Notes[K];
  }

  has(name: keyof Notes): boolean {
    return this.#notes.has(name);
  }
}

/** A note read before any step wrote it. */
export class MissingNote extends Error {
  constructor(name: string, meaning: string | undefined, written: readonly string[]) {
    super(
      `the scenario has no note "${name}"${meaning ? ` (${meaning})` : ''}: no step before this one wrote it (notes written: ${written.join(', ') || 'none'})`,
    );
    this.name = 'MissingNote';
  }
}

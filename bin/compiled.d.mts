/** A source file (or folder) and its modification time, change time and size when it was compiled. */
export type Input = [file: string, mtimeMs: number, ctimeMs: number, size: number];
export interface Manifest {
  readonly entry: string;
  readonly sets: Alongside[];
  readonly build: string;
  readonly main: string;
  /** Each file compiled beside the entry: its source, and its compiled module relative to the build. */
  readonly alongside: [source: string, compiled: string][];
  readonly inputs: Input[];
}
/** Files compiled beside the entry: every file with `extension` under `dir`. */
export interface Alongside {
  readonly dir: string;
  readonly extension: string;
}
export interface Build {
  readonly main: string;
  readonly alongside: [source: string, compiled: string][];
}
export const MAIN: string;
export const DEFAULT_BUILD_DIR: string;
export const FROM_SOURCE_ENV: string;
export const BUILD_DIR_ENV: string;
export const STEP_DEFINITIONS: Alongside & { readonly pattern: string };
export function compiledMain(env?: NodeJS.ProcessEnv): Promise<{ main: string; stepDefinitions: { patterns: string[]; modules: string[] } } | undefined>;
export function cliBuild(env?: NodeJS.ProcessEnv): Promise<Build>;
export function freshBuild(options: { entry: string; dir: string; extraInputs?: readonly string[]; alongside?: Alongside | readonly Alongside[] }): Promise<Build>;
export function stepDefinitionsOf(build: Build): { patterns: string[]; modules: string[] };
export function readManifest(dir: string): Manifest | undefined;
export function unchanged(inputs: readonly Input[]): boolean;
export function sourceModule(path: string, contents: string, loader?: 'ts' | 'js'): Promise<string>;

/** A source file and its modification time, change time and size when it was compiled. */
export type Input = [file: string, mtimeMs: number, ctimeMs: number, size: number];
export interface Manifest {
  readonly entry: string;
  readonly build: string;
  readonly main: string;
  readonly inputs: Input[];
}
export const MAIN: string;
export const DEFAULT_BUILD_DIR: string;
export const FROM_SOURCE_ENV: string;
export const BUILD_DIR_ENV: string;
export const FROM_SOURCE_COMMANDS: ReadonlySet<string>;
export function compiledMain(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<string | undefined>;
export function cliBuild(env?: NodeJS.ProcessEnv): Promise<string>;
export function freshBuild(options: { entry: string; dir: string; extraInputs?: readonly string[] }): Promise<string>;
export function readManifest(dir: string): Manifest | undefined;
export function unchanged(inputs: readonly Input[]): boolean;
export function ownImportMeta(path: string, contents: string): string;

// `cch` (and `npm test`'s lanes) compiled to plain JavaScript, kept while the sources are unchanged.
//
// Run through tsx, every `cch` process pays for the TypeScript loader: its hooks run in a thread of their
// own and see every module load, about half of a party process's start (0.8 s of CPU for `cch up --only
// csp`, 0.4 s compiled). The test suite starts a few dozen such processes, and `cch up` six.
//
// So `cch` runs from a build: bin/main.ts and everything it imports from the project, bundled by esbuild
// (which tsx itself uses) into node_modules/.cache/cch/ (git-ignored, never committed), with Cucumber's
// step definitions compiled beside it (sharing its modules). scripts/test-suite.mjs builds the lanes the
// same way. A build records each source file it compiled with the file's modification and change times
// and size, as read when it was compiled, and the times of the folders whose files it compiled alongside;
// a start uses the build only if every one of them is still the same, and otherwise compiles again first
// (about a second). A stale build is never run: any write to a source changes its change time, a new or
// removed import changes the file that holds it, a file added beside the step definitions changes its
// folder, and a file gone fails the check.
//
// Packages stay imports resolved by Node from node_modules, as from source. Each module's import.meta
// (dirname, filename, url) is its source file's, so paths the code builds from its own location stay the
// same.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
/** The composition root: what `cch` runs, compiled or from source. */
export const MAIN = join(ROOT, 'bin', 'main.ts');
/** Where builds are kept unless CCH_BUILD_DIR says otherwise. */
export const DEFAULT_BUILD_DIR = join(ROOT, 'node_modules', '.cache', 'cch');
/** Set (to anything), `cch` runs from source through tsx. */
export const FROM_SOURCE_ENV = 'CCH_FROM_SOURCE';
/** Another folder for the builds (the tests use one of their own): inside the project, so that Node finds the packages from it. */
export const BUILD_DIR_ENV = 'CCH_BUILD_DIR';
/**
 * Cucumber's step definitions (cucumber.mjs: `import`), compiled beside the CLI so that `cch run` and `cch
 * conformance` run from the build too: the step definitions and the CLI share one copy of each module.
 */
export const STEP_DEFINITIONS = { pattern: 'step-definitions/**/*.ts', dir: join(ROOT, 'step-definitions'), extension: '.ts' };
/** Files that change what a build is, beside the sources it compiled. */
const BUILD_INPUTS = [import.meta.filename, join(ROOT, 'tsconfig.json'), join(ROOT, 'package.json')];
/** A build that a newer one replaced is removed this long after (a process may still be loading it). */
const RETIRED_FOR_MS = 60 * 60 * 1000;
const MANIFEST = 'current.json';

/**
 * What to run for `cch`: the URL of bin/main.ts's fresh build (compiled first if there is none or it is
 * stale) and the compiled step definitions, for Cucumber to import (harness/compiled-steps.ts); undefined
 * to run from source (CCH_FROM_SOURCE set, or the build failed, which is said on stderr).
 */
export async function compiledMain(env = process.env) {
  if (env[FROM_SOURCE_ENV]) return undefined;
  try {
    const build = await cliBuild(env);
    return { main: pathToFileURL(build.main).href, stepDefinitions: stepDefinitionsOf(build) };
  } catch (error) {
    process.stderr.write(`cch: running from source: the compiled build failed (${error.message})\n`);
    return undefined;
  }
}

/** The compiled step definitions of a build, as harness/compiled-steps.ts takes them. */
export function stepDefinitionsOf(build) {
  const under = `${STEP_DEFINITIONS.dir}${sep}`;
  return { patterns: [STEP_DEFINITIONS.pattern], modules: build.alongside.filter(([source]) => source.startsWith(under)).map(([, compiled]) => compiled) };
}

/** The CLI's fresh build (compiled first if needed): `npm test` makes it once before its jobs start. */
export function cliBuild(env = process.env) {
  return freshBuild({ entry: MAIN, dir: env[BUILD_DIR_ENV] || DEFAULT_BUILD_DIR, alongside: [STEP_DEFINITIONS] });
}

/**
 * `entry`'s compiled module in `dir` (`main`), and beside it, for each `{ dir, extension }` of `alongside`,
 * every file under that folder with that extension (`alongside`: source and compiled paths, sorted by
 * source within each folder): the current build if every file it was compiled from is unchanged and no
 * file came or went in those folders, else a new build.
 */
export async function freshBuild({ entry, dir, extraInputs = BUILD_INPUTS, alongside = [] }) {
  const sets = [alongside].flat();
  const current = readManifest(dir);
  const main = current && join(dir, current.build, current.main);
  if (current?.entry === entry && JSON.stringify(current.sets) === JSON.stringify(sets) && existsSync(main) && unchanged(current.inputs)) {
    return { main, alongside: current.alongside.map(([source, compiled]) => [source, join(dir, current.build, compiled)]) };
  }
  return compile({ entry, dir, extraInputs, sets, previous: current });
}

/** The build recorded as current in `dir`, if any. */
export function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether each file still has the modification time, change time and size recorded. */
export function unchanged(inputs) {
  return inputs.every(([file, ...recorded]) => {
    try {
      const now = stamp(statSync(file));
      return now.every((value, i) => value === recorded[i]);
    } catch {
      return false;
    }
  });
}

const stamp = (stats) => [stats.mtimeMs, stats.ctimeMs, stats.size];

/**
 * Compiles `entry` into a new folder of `dir`, then makes it current (by renaming its manifest over the
 * old one, so that a reader sees one build or the other). Builds replaced more than an hour ago go.
 */
async function compile({ entry, dir, extraInputs, sets, previous }) {
  const { build } = await import('esbuild');
  const name = `${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}`; // unique even for builds started together in one process
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  // The folders' own times too: a file added or removed changes them.
  const folders = sets.map((set) => foldersUnder(set.dir));
  const inputs = [...extraInputs, ...folders.flat()].map((file) => [file, ...stamp(statSync(file))]);
  /** [source, entry name] of each file compiled alongside; each set in Cucumber's order (sorted paths), whatever the file system's. */
  const companions = sets.flatMap((set, i) =>
    folders[i]
      .flatMap((folder) =>
        readdirSync(folder, { withFileTypes: true })
          .filter((e) => e.isFile() && e.name.endsWith(set.extension))
          .map((e) => join(folder, e.name)),
      )
      .sort()
      .map((file) => [file, join('alongside', String(i), relative(set.dir, file).slice(0, -extname(file).length))]),
  );
  await build({
    entryPoints: { main: entry, ...Object.fromEntries(companions.map(([file, entryName]) => [entryName, file])) },
    outdir: out,
    bundle: true,
    splitting: true, // each command's modules stay a chunk loaded when it runs (harness/cli.ts)
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // Not keepNames (tsx's default): it wraps every named closure in a call that defines its name, on
    // each creation, and the wire makes several per exchange (5-8 µs of the harness's CPU a call, with
    // small answers). Nothing here reads a function's or a class's name.
    keepNames: false,
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: [sourceFiles(inputs)],
  });
  const main = 'main.js';
  const compiled = companions.map(([file, entryName]) => [file, `${entryName}.js`]);
  const manifest = { entry, sets, build: name, main, alongside: compiled, inputs };
  const next = join(dir, `${MANIFEST}.${name}`);
  writeFileSync(next, `${JSON.stringify(manifest)}\n`);
  renameSync(next, join(dir, MANIFEST));
  if (previous?.build && previous.build !== name) retire(join(dir, previous.build));
  removeRetired(dir, name);
  return { main: join(out, main), alongside: compiled.map(([source, file]) => [source, join(out, file)]) };
}

/** `dir` and every folder under it. */
function foldersUnder(dir) {
  return [
    dir,
    ...readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(e.parentPath ?? e.path, e.name)),
  ];
}

/**
 * Loads the project's source files for esbuild, each read once with the times and size it had when read
 * (recorded in `inputs`: a write after that changes them), and its import.meta replaced by its own.
 */
function sourceFiles(inputs) {
  return {
    name: 'cch-source-files',
    setup(build) {
      build.onLoad({ filter: /.*/ }, async ({ path }) => {
        const fd = openSync(path, 'r');
        let contents;
        try {
          inputs.push([path, ...stamp(fstatSync(fd))]);
          contents = readFileSync(fd, 'utf8');
        } finally {
          closeSync(fd);
        }
        const loader = LOADERS[extname(path)];
        if (!loader) throw new Error(`${path}: no loader for this kind of file`);
        return loader === 'json' ? { contents, loader } : { contents: await sourceModule(path, contents, loader), loader: 'js' };
      });
    },
  };
}

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.js': 'js', '.mjs': 'js', '.json': 'json' };

/** What any use of import.meta other than the three below becomes, to fail the build: a name no source holds. */
const OTHER_IMPORT_META = `__otherImportMeta${randomBytes(8).toString('hex')}`;

/**
 * A source file as JavaScript, with the project's TypeScript settings and the file's own
 * `import.meta.dirname`, `.filename` and `.url` (replaced in the syntax tree, so strings that mention them
 * stay as written); any other use of import.meta fails the build. An inline source map leads back to the
 * source.
 */
export async function sourceModule(path, contents, loader = 'ts') {
  const { transform } = await import('esbuild');
  const own = { dirname: dirname(path), filename: path, url: pathToFileURL(path).href };
  const { code } = await transform(contents, {
    loader,
    format: 'esm',
    target: 'node20',
    sourcefile: path,
    sourcemap: 'inline',
    tsconfigRaw: readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'),
    define: {
      ...Object.fromEntries(Object.entries(own).map(([key, value]) => [`import.meta.${key}`, JSON.stringify(value)])),
      'import.meta': OTHER_IMPORT_META,
    },
  });
  if (code.includes(OTHER_IMPORT_META)) throw new Error(`${path}: a use of import.meta other than dirname, filename or url`);
  return code;
}

/** Marks a replaced build with the time it was replaced (its folder's modification time). */
function retire(folder) {
  const now = new Date();
  try {
    utimesSync(folder, now, now);
  } catch {
    // Already gone.
  }
}

/** Removes the builds other than `current` replaced (or left unfinished) more than RETIRED_FOR_MS ago. */
function removeRetired(dir, current) {
  const cutoff = Date.now() - RETIRED_FOR_MS;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const folder = join(dir, entry.name);
    try {
      if (statSync(folder).mtimeMs < cutoff) rmSync(folder, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

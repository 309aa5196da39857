import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  BUILD_DIR_ENV,
  DEFAULT_BUILD_DIR,
  STEP_DEFINITIONS,
  FROM_SOURCE_ENV,
  freshBuild,
  MAIN,
  sourceModule,
  readManifest,
  type Input,
} from '../bin/compiled.mjs';

const CCH = join(import.meta.dirname, '..', 'bin', 'cch.mjs');
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A tiny project: an entry importing a module that says where it is and what it holds. */
function project(value: string): { entry: string; dep: string } {
  const src = tmp('compiled-src-');
  mkdirSync(join(src, 'lib'));
  const entry = join(src, 'entry.ts');
  const dep = join(src, 'lib', 'dep.ts');
  writeFileSync(entry, "export { value, where } from './lib/dep.ts';\n");
  writeFileSync(dep, `export const value: string = '${value}';\nexport const where = import.meta.dirname;\n`);
  return { entry, dep };
}

const load = async (build: { main: string }) => (await import(pathToFileURL(build.main).href)) as { value: string; where: string };

test('a build is made when there is none, used while its sources are unchanged, and each module keeps its own import.meta', async () => {
  const { entry, dep } = project('one');
  const dir = tmp('compiled-out-');
  const first = await freshBuild({ entry, dir, extraInputs: [] });
  const built = await load(first);
  assert.equal(built.value, 'one');
  assert.equal(built.where, join(entry, '..', 'lib'), "the module's own folder, not the build's");
  assert.deepEqual(
    readManifest(dir)!.inputs.map(([file]) => file),
    [entry, dep],
  );
  assert.deepEqual(await freshBuild({ entry, dir, extraInputs: [] }), first, 'unchanged sources: the same build');
});

test('a stale build is never used: a changed source (even with its old modification time and size), a removed build or another entry compiles again', async () => {
  const { entry, dep } = project('one');
  const dir = tmp('compiled-out-');
  const first = await freshBuild({ entry, dir, extraInputs: [] });
  const { mtime } = statSync(dep);
  writeFileSync(dep, `export const value: string = 'two';\nexport const where = import.meta.dirname;\n`); // same size
  utimesSync(dep, mtime, mtime); // as a copy that keeps times would: only the change time tells
  const second = await freshBuild({ entry, dir, extraInputs: [] });
  assert.notEqual(second.main, first.main);
  assert.equal((await load(second)).value, 'two');

  rmSync(join(second.main, '..'), { recursive: true });
  const third = await freshBuild({ entry, dir, extraInputs: [] });
  assert.notEqual(third.main, second.main);
  assert.equal((await load(third)).value, 'two');

  const other = join(entry, '..', 'other.ts');
  writeFileSync(other, "export const value = 'other';\n");
  assert.equal((await load(await freshBuild({ entry: other, dir, extraInputs: [] }))).value, 'other');
});

test('a source file gone, or a build input changed, fails the check; a missing import fails the build', async () => {
  const { entry, dep } = project('one');
  const dir = tmp('compiled-out-');
  const settings = join(entry, '..', 'settings.json');
  writeFileSync(settings, '{}');
  const first = await freshBuild({ entry, dir, extraInputs: [settings] });
  writeFileSync(settings, '{"changed":true}');
  assert.notEqual((await freshBuild({ entry, dir, extraInputs: [settings] })).main, first.main);
  rmSync(dep);
  await assert.rejects(freshBuild({ entry, dir, extraInputs: [settings] }), /dep\.ts/);
});

test('import.meta is replaced by the source file’s own in the syntax tree (strings that name it stay); any other use of it fails the build instead of naming the build', async () => {
  const path = '/src/lib/x.ts';
  const code = await sourceModule(path, "const a: string = import.meta.dirname, b = import.meta.filename, c = import.meta.url, d = 'import.meta.url';");
  assert.match(code, /const a = "\/src\/lib", b = "\/src\/lib\/x\.ts", c = "file:\/\/\/src\/lib\/x\.ts", d = "import\.meta\.url";/);
  assert.match(code, /sourceMappingURL=data:/, 'a source map leads back to the TypeScript');
  await assert.rejects(sourceModule(path, "import.meta.resolve('y')"), /x\.ts: a use of import\.meta other than/);
  await assert.rejects(sourceModule(path, 'const meta = import.meta;'), /x\.ts: a use of import\.meta other than/);
});

test('concurrent starts on an empty build folder all get a working build', async () => {
  const { entry } = project('many');
  const dir = tmp('compiled-out-');
  const builds = await Promise.all(Array.from({ length: 4 }, () => freshBuild({ entry, dir, extraInputs: [] })));
  for (const build of builds) assert.equal((await load(build)).value, 'many');
});

test('files compiled alongside the entry share its modules (one instance each), in sorted order; a file added beside them makes a new build', async () => {
  const { entry } = project('shared');
  writeFileSync(join(entry, '..', 'lib', 'box.ts'), 'export const box = {};\n');
  writeFileSync(entry, "export { box } from './lib/box.ts';\n");
  const steps = join(entry, '..', 'steps');
  mkdirSync(join(steps, 'support'), { recursive: true });
  writeFileSync(join(steps, 'b.ts'), "export { box as seen } from '../lib/box.ts';\n");
  writeFileSync(join(steps, 'support', 'a.ts'), "export const a = 'a';\n");
  const alongside = { dir: steps, extension: '.ts' };
  const dir = tmp('compiled-out-');
  const first = await freshBuild({ entry, dir, extraInputs: [], alongside });
  assert.deepEqual(
    first.alongside.map(([source]) => source),
    [join(steps, 'b.ts'), join(steps, 'support', 'a.ts')],
  );
  const { box } = (await import(pathToFileURL(first.main).href)) as { box: object };
  const { seen } = (await import(pathToFileURL(first.alongside[0][1]).href)) as { seen: object };
  assert.equal(seen, box, 'the same module instance');

  assert.deepEqual(await freshBuild({ entry, dir, extraInputs: [], alongside }), first);
  writeFileSync(join(steps, 'support', 'c.ts'), "export const c = 'c';\n");
  const second = await freshBuild({ entry, dir, extraInputs: [], alongside });
  assert.notEqual(second.main, first.main);
  assert.deepEqual(
    second.alongside.map(([source]) => source),
    [join(steps, 'b.ts'), join(steps, 'support', 'a.ts'), join(steps, 'support', 'c.ts')],
  );
});

test('Cucumber imports the compiled step definitions only when cch runs from its build and the profile imports what the build compiled', async () => {
  const { withCompiledSteps, COMPILED_STEPS } = await import('../harness/compiled-steps.ts');
  const { default: profiles } = (await import(pathToFileURL(join(import.meta.dirname, '..', 'cucumber.mjs')).href)) as {
    default: () => Record<string, { import: string[] }>;
  };
  for (const [name, profile] of Object.entries(profiles()))
    assert.deepEqual(profile.import, [STEP_DEFINITIONS.pattern], `profile ${name} imports what the build compiles`);
  const configuration = (importPaths: string[]) => ({
    sources: { paths: [], defaultDialect: 'en', names: [], tagExpression: '', order: 'defined' as const },
    support: { requireModules: [], requirePaths: [], importPaths, loaders: [] },
    runtime: {} as never,
    formats: {} as never,
  });
  const global = globalThis as { [COMPILED_STEPS]?: unknown };
  const lanes = global[COMPILED_STEPS]; // set when this test itself runs in a compiled lane
  try {
    delete global[COMPILED_STEPS];
    assert.deepEqual(withCompiledSteps(configuration([STEP_DEFINITIONS.pattern])).support.importPaths, [STEP_DEFINITIONS.pattern], 'from source');
    global[COMPILED_STEPS] = { patterns: [STEP_DEFINITIONS.pattern], modules: ['/build/alongside/a.js'] };
    assert.deepEqual(withCompiledSteps(configuration([STEP_DEFINITIONS.pattern])).support.importPaths, ['/build/alongside/a.js']);
    assert.deepEqual(withCompiledSteps(configuration(['other/**/*.ts'])).support.importPaths, ['other/**/*.ts'], 'not what the build compiled');
  } finally {
    if (lanes === undefined) delete global[COMPILED_STEPS];
    else global[COMPILED_STEPS] = lanes;
  }
});

/** Plants a build of `cch` in `dir` whose main only prints `marker`, recorded as compiled from `inputs`. */
function plantBuild(dir: string, marker: string, inputs: Input[]): void {
  mkdirSync(join(dir, 'planted'), { recursive: true });
  writeFileSync(join(dir, 'planted', 'main.js'), `console.log(${JSON.stringify(marker)});\n`);
  const manifest = { entry: MAIN, sets: [STEP_DEFINITIONS], build: 'planted', main: 'main.js', alongside: [], inputs };
  writeFileSync(join(dir, 'current.json'), JSON.stringify(manifest));
}
const stampOf = (file: string): Input => {
  const s = statSync(file);
  return [file, s.mtimeMs, s.ctimeMs, s.size];
};
const cch = (args: string[], env: NodeJS.ProcessEnv) => promisify(execFile)(process.execPath, [CCH, ...args], { env: { ...process.env, ...env } });

test('cch runs its build when the sources it records are unchanged, compiles a new one when any changed, and runs from source when asked', async (t) => {
  // Inside the project, as the default folder is: the build imports the packages from node_modules.
  mkdirSync(join(DEFAULT_BUILD_DIR, '..'), { recursive: true });
  const dir = mkdtempSync(join(DEFAULT_BUILD_DIR, '..', 'cch-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  plantBuild(dir, 'FROM THE BUILD', [stampOf(MAIN)]);
  assert.equal((await cch(['--help'], { [BUILD_DIR_ENV]: dir })).stdout, 'FROM THE BUILD\n');

  const [file, mtime, ctime, size] = stampOf(MAIN);
  plantBuild(dir, 'STALE BUILD', [[file, mtime, ctime - 1, size]]);
  const rebuilt = await cch(['--help'], { [BUILD_DIR_ENV]: dir });
  assert.match(rebuilt.stdout, /^cch — connected-car harness/);
  const manifest = readManifest(dir)!;
  assert.notEqual(manifest.build, 'planted');
  const compiled = manifest.inputs.map(([f]) => f);
  for (const source of ['bin/main.ts', 'harness/cli.ts', 'harness/cli/up.ts', 'actors/csp/index.ts', 'web/server.ts']) {
    assert.ok(compiled.includes(join(import.meta.dirname, '..', source)), `${source} is among the build's inputs`);
  }

  plantBuild(dir, 'FROM THE BUILD', [stampOf(MAIN)]);
  assert.match((await cch(['--help'], { [BUILD_DIR_ENV]: dir, [FROM_SOURCE_ENV]: '1' })).stdout, /^cch — connected-car harness/);
  assert.deepEqual(readdirSync(dir).toSorted(), ['current.json', manifest.build, 'planted'].toSorted(), 'nothing compiled from source');
});

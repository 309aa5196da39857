import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTree, cycles, describeViolation, importGraph, readSources, REPO_ROOT } from './support/import-graph.ts';

/** A tiny tree: one file per floor and per kind of actor code, each importing only what the rules allow. */
const CLEAN: Record<string, string> = {
  'core/money.ts': "import { Decimal } from 'decimal.js';",
  'core/domain-error.ts': '',
  'tmf/errors.ts': "import type { RequestHandler } from 'express';",
  'tmf/resource.ts': "import { Router } from 'express';\nimport { badRequest } from './errors.ts';",
  'tmf/entity.ts': "import { Money } from '../core/money.ts';",
  'actors/kit/runtime.ts': "import { Router } from '../../tmf/resource.ts';",
  'actors/csp/domain/billing.ts':
    "import { conflict } from '../../../core/domain-error.ts';\nimport { addEntity } from '../../../tmf/entity.ts';\n// import { Router } from 'express'; (a comment is not an import)",
  'actors/csp/api/tmf.ts':
    "import { badRequest } from '../../../tmf/errors.ts';\nimport { run } from '../../kit/runtime.ts';\nimport { bill } from '../domain/billing.ts';",
  'actors/car-manufacturer/index.ts': "import { run } from '../kit/runtime.ts';",
  'actors/index.ts': "import { start } from './csp/api/tmf.ts';\nimport { start as oem } from './car-manufacturer/index.ts';",
  'harness/ecosystem.ts': "import { start } from '../actors/index.ts';",
  'web/server.ts': "import type { Ecosystem } from '../harness/ecosystem.ts';",
  'web/public/app.ts': "import type { Exchange } from '../../harness/ecosystem.ts';\nimport { type Figure } from '../../harness/ecosystem.ts';",
  'bin/cch.mjs': "const web = await import('../web/server.ts');\nconst cli = await import('../harness/ecosystem.ts');",
};

const check = (planted: Record<string, string>) => checkTree(new Map(Object.entries({ ...CLEAN, ...planted }))).map(describeViolation);

test('the tree follows the floors: no import across parties, none upward, no cycle, a domain free of the web layer, a browser script that imports types only', () => {
  const found = checkTree(readSources(REPO_ROOT)).map(describeViolation);
  assert.deepEqual(found, []);
});

test('near misses: a tree that keeps the rules passes, each planted violation is named', () => {
  assert.deepEqual(check({}), []);
  assert.deepEqual(check({ 'actors/csp/store.ts': "import type { BillCheck } from '../car-manufacturer/index.ts';" }), [
    'cross-party: actors/csp/store.ts → actors/car-manufacturer/index.ts',
  ]);
  assert.deepEqual(check({ 'actors/kit/note.ts': "import { check } from '../csp/domain/billing.ts';" }), [
    'cross-party: actors/kit/note.ts → actors/csp/domain/billing.ts',
  ]);
  assert.deepEqual(check({ 'tmf/validation.ts': "import type { Issue } from '../harness/ecosystem.ts';" }), [
    'upward: tmf/validation.ts → harness/ecosystem.ts',
  ]);
  assert.deepEqual(check({ 'harness/cli.ts': "const { mount } = await import('../web/server.ts');" }), ['upward: harness/cli.ts → web/server.ts']);
  assert.deepEqual(check({ 'actors/csp/domain/rating.ts': "import { badRequest } from '../../../tmf/errors.ts';" }), [
    'impure-domain: actors/csp/domain/rating.ts → tmf/errors.ts',
  ]);
  assert.deepEqual(check({ 'actors/csp/domain/rating.ts': "import type { Request } from 'express';" }), [
    'impure-domain: actors/csp/domain/rating.ts → express',
  ]);
  assert.deepEqual(check({ 'actors/csp/domain/rating.ts': "import { Router } from '../../../tmf/resource.ts';" }), [
    'impure-domain: actors/csp/domain/rating.ts → tmf/resource.ts',
  ]);
  assert.deepEqual(check({ 'web/public/app.ts': "import { FIGURES } from '../../harness/ecosystem.ts';" }), [
    'browser-value-import: web/public/app.ts → ../../harness/ecosystem.ts',
  ]);
  assert.deepEqual(check({ 'web/public/app.ts': "import { type Exchange, render } from '../../harness/ecosystem.ts';" }), [
    'browser-value-import: web/public/app.ts → ../../harness/ecosystem.ts',
  ]);
  assert.deepEqual(check({ 'web/public/app.ts': "import '../../harness/ecosystem.ts';" }), [
    'browser-value-import: web/public/app.ts → ../../harness/ecosystem.ts',
  ]);
  assert.deepEqual(check({ 'core/money.ts': "import { Money } from '../tmf/entity.ts';" }), [
    'upward: core/money.ts → tmf/entity.ts',
    'cycle: core/money.ts → tmf/entity.ts → core/money.ts',
  ]);
});

test('a cycle is found however long, and a file importing itself is one', () => {
  const graph = importGraph(
    new Map(
      Object.entries({
        'actors/csp/processes/a.ts': "import './b.ts';",
        'actors/csp/processes/b.ts': "export * from './c.ts';",
        'actors/csp/processes/c.ts': "import type { A } from './a.ts';",
        'core/self.ts': "import './self.ts';",
        'core/leaf.ts': '',
      }),
    ),
  );
  assert.deepEqual(cycles(graph), [['actors/csp/processes/a.ts', 'actors/csp/processes/b.ts', 'actors/csp/processes/c.ts'], ['core/self.ts']]);
});

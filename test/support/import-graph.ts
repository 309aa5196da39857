import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';
import { ACTOR_IDS } from '../../core/actor-ids.ts';

/**
 * The dependency rules of docs/DESIGN.md ("Floors"), checked over the import graph of the source tree.
 * Paths are relative to the repository root with `/` separators; a project import is the file it names,
 * a package import its bare name.
 */

/** The product's floors, lowest first: a file imports only from its own floor or below. */
export const FLOORS: readonly (readonly string[])[] = [['core'], ['tmf'], ['actors'], ['harness'], ['step-definitions', 'web']];

/** Source folders read: the floors, and the entry points and test code that sit outside them. */
const SOURCE_DIRS = ['core', 'tmf', 'actors', 'harness', 'step-definitions', 'web', 'mocks', 'bench', 'bin', 'test'];

/** The one file allowed to assemble every party (the registry that starts them). */
const PARTY_REGISTRY = 'actors/index.ts';

/** The TMF toolkit's HTTP errors: the domain throws domain errors (core/domain-error.ts) instead. */
const HTTP_ERRORS = 'tmf/errors.ts';

export type Sources = ReadonlyMap<string, string>;
/** file → what it imports: project files (paths) and packages (bare names). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

export interface Violation {
  readonly rule: 'cross-party' | 'upward' | 'cycle' | 'impure-domain' | 'browser-value-import';
  readonly from: string;
  readonly to: string;
}

/** Every .ts/.mjs source file of the tree (web/public is served to the browser and imports nothing). */
export function readSources(root: string): Sources {
  const sources = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs)$/.test(entry.name)) sources.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return sources;
}

/** Static, type-only, re-export and literal dynamic imports, read by TypeScript's own pre-processor (comments ignored). */
export function importGraph(sources: Sources): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    graph.set(
      file,
      specifiers.map((s) =>
        s.startsWith('.')
          ? normalize(join(dirname(file), s))
              .split('\\')
              .join('/')
          : packageName(s),
      ),
    );
  }
  return graph;
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

export function floorOf(file: string): number | undefined {
  const top = file.split('/')[0];
  const index = FLOORS.findIndex((floor) => floor.includes(top));
  return index < 0 ? undefined : index;
}

/** The party a file belongs to (`actors/csp/...` → `csp`); shared actor code (kit, trouble-tickets) belongs to none. */
export function partyOf(file: string): string | undefined {
  const [top, party] = file.split('/');
  return top === 'actors' && (ACTOR_IDS as readonly string[]).includes(party) ? party : undefined;
}

const isDomain = (file: string) => /^actors\/[^/]+\/domain\//.test(file);

/** Every broken rule of the graph, in a stable order. */
export function violations(graph: ImportGraph): Violation[] {
  const found: Violation[] = [];
  const importsExpress = (file: string) => (graph.get(file) ?? []).includes('express');
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const party = partyOf(to);
      if (from.startsWith('actors/') && from !== PARTY_REGISTRY && party !== undefined && partyOf(from) !== party)
        found.push({ rule: 'cross-party', from, to });
      const [below, above] = [floorOf(from), floorOf(to)];
      if (below !== undefined && above !== undefined && above > below) found.push({ rule: 'upward', from, to });
      if (isDomain(from) && (to === 'express' || to === HTTP_ERRORS || importsExpress(to))) found.push({ rule: 'impure-domain', from, to });
    }
  }
  for (const cycle of cycles(graph)) found.push({ rule: 'cycle', from: cycle[0], to: cycle.slice(1).concat(cycle[0]).join(' → ') });
  return found;
}

/** The import cycles: each strongly connected group of files (Tarjan), or a file that imports itself. */
export function cycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || (graph.get(file) ?? []).includes(file)) groups.push(group.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return groups;
}

/** Every rule of the tree: the import graph's, and the browser script's. */
export function checkTree(sources: Sources): Violation[] {
  return [...violations(importGraph(sources)), ...browserValueImports(sources)];
}

/** The dashboard's script, served to the browser with its types erased and nothing bundled. */
const isBrowserScript = (file: string) => file.startsWith('web/public/');

/**
 * The browser script may import types only: its types are erased when it is served, but a value import
 * would reach the browser as an import of a server module and break the page.
 */
export function browserValueImports(sources: Sources): Violation[] {
  const found: Violation[] = [];
  for (const [file, text] of sources) {
    if (!isBrowserScript(file)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const typesOnly =
        clause !== undefined &&
        (clause.isTypeOnly || (!clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((e) => e.isTypeOnly)));
      if (!typesOnly) found.push({ rule: 'browser-value-import', from: file, to: statement.moduleSpecifier.text });
    }
  }
  return found;
}

export const describeViolation = (v: Violation) => `${v.rule}: ${v.from} → ${v.to}`;

/** The root of this repository. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

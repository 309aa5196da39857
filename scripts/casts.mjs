#!/usr/bin/env node
// The type assertions (`x as T`, `<T>x`) in the TypeScript sources, `as const` excepted: read from the
// syntax tree, so comments, strings and `as` in names never count.
//
//   node scripts/casts.mjs [path …]        counts per file and the total (default: actors core tmf)
//   node scripts/casts.mjs --list [path …] every cast with its line
//
// test/casts.test.ts holds actors/ and core/ to an allow-list of validated edges.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');

function tsFiles(dir) {
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const isConst = (type) => ts.isTypeReferenceNode(type) && type.typeName.getText() === 'const';

/** The casts of one source text: line and the cast's text. */
export function castsInSource(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if ((ts.isAsExpression(node) && !isConst(node.type)) || ts.isTypeAssertionExpression(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText().replace(/\s+/g, ' ') });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every cast under the folders (relative to the repository), by file, files without casts left out. */
export function castsUnder(folders) {
  const byFile = new Map();
  for (const folder of folders) {
    for (const path of tsFiles(join(ROOT, folder))) {
      const casts = castsInSource(path, readFileSync(path, 'utf8'));
      if (casts.length > 0) byFile.set(relative(ROOT, path), casts);
    }
  }
  return byFile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const folders = args.filter((a) => a !== '--list');
  const byFile = castsUnder(folders.length > 0 ? folders : ['actors', 'core', 'tmf']);
  let total = 0;
  for (const [file, casts] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    total += casts.length;
    console.log(`${String(casts.length).padStart(4)}  ${file}`);
    if (list) for (const c of casts) console.log(`        ${c.line}: ${c.text.slice(0, 140)}`);
  }
  console.log(`${String(total).padStart(4)}  total`);
}

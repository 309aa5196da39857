import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppendFile, type Change, readAppendFile } from '../core/append-file.ts';
import { Store } from '../core/store.ts';

interface Data {
  list: number[];
  index: Record<string, string>;
  note?: string;
}

const fileIn = (name: string) => join(mkdtempSync(join(tmpdir(), 'append-file-')), name);
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

describe('AppendFile (the file store: changes appended, compacted when they outgrow the file)', () => {
  it('appends one line per update and rebuilds the data from them', async () => {
    const path = fileIn('a.json');
    const file = new AppendFile<Data>(path);
    await file.write({ list: [], index: {} });
    const written = lines(path).length;
    file.append([{ op: 'add', path: ['list', 0], value: 1 }]);
    file.append([
      { op: 'add', path: ['index', 'r1'], value: 'u1' },
      { op: 'replace', path: ['note'], value: 'x' },
    ]);
    file.append([]);
    assert.equal(lines(path).length, written + 2);
    assert.deepEqual(await new AppendFile<Data>(path).read(), { list: [1], index: { r1: 'u1' }, note: 'x' });
  });

  it('writes a large collection and index in pieces that rebuild them exactly', async () => {
    const path = fileIn('large.json');
    const data: Data = {
      list: Array.from({ length: 2500 }, (_, i) => i),
      index: Object.fromEntries(Array.from({ length: 2100 }, (_, i) => [`r${i}`, `u${i}`])),
    };
    await new AppendFile<Data>(path).write(data);
    const pieces = lines(path).flatMap((line) => (JSON.parse(line) as { changes: Change[] }).changes);
    assert.ok(pieces.filter((c) => c.op === 'push').length >= 3 && pieces.filter((c) => c.op === 'assign').length >= 3, 'written in pieces');
    assert.deepEqual(readAppendFile<Data>(path), data);
  });

  it('drops a torn last update (a kill mid-write) and cuts it off, so the next append starts clean', async () => {
    const path = fileIn('torn.json');
    const file = new AppendFile<Data>(path);
    await file.write({ list: [], index: {} });
    file.append([{ op: 'add', path: ['list', 0], value: 1 }]);
    const good = statSync(path).size;
    // An update of two lines whose second never came, then a line cut short.
    appendFileSync(path, `${JSON.stringify({ changes: [{ op: 'add', path: ['list', 1], value: 2 }], more: true })}\n{"changes":[{"op":"add","pa`);
    const reopened = new AppendFile<Data>(path);
    assert.deepEqual(await reopened.read(), { list: [1], index: {} });
    assert.equal(statSync(path).size, good, 'the torn tail is cut off the file');
    reopened.append([{ op: 'add', path: ['list', 1], value: 3 }]);
    assert.deepEqual(readAppendFile<Data>(path), { list: [1, 3], index: {} });
  });

  it('counts a last line without its newline as torn, even when what was written parses', async () => {
    const path = fileIn('no-newline.json');
    await new AppendFile<Data>(path).write({ list: [], index: {} });
    appendFileSync(path, JSON.stringify({ changes: [{ op: 'add', path: ['list', 0], value: 9 }] }));
    assert.deepEqual(await new AppendFile<Data>(path).read(), { list: [], index: {} });
  });

  it('compacts once the appended changes outgrow the file, keeping every update', async () => {
    const path = fileIn('compact.json');
    const file = new AppendFile<Data>(path, { minCompactBytes: 0 });
    const data: Data = { list: [], index: {} };
    await file.write(data);
    let compactions = 0;
    for (let i = 0; i < 200; i++) {
      const change: Change = { op: 'add', path: ['list', i], value: i };
      data.list.push(i);
      file.append([change]);
      if (file.due) {
        await file.write(data);
        compactions += 1;
      }
    }
    assert.ok(compactions >= 3, `compacted ${compactions} times`);
    assert.ok(lines(path).length < 200, `the file holds ${lines(path).length} lines, not one per update`);
    assert.deepEqual(await new AppendFile<Data>(path).read(), data);
  });

  it('keeps the previous file whole when a compaction is killed before its rename', async () => {
    const path = fileIn('killed-compaction.json');
    const file = new AppendFile<Data>(path);
    await file.write({ list: [], index: {} });
    file.append([{ op: 'add', path: ['list', 0], value: 1 }]);
    writeFileSync(`${path}.tmp`, '{"changes":[{"op":"replace","path":[],"va'); // the half-written temporary file a kill left
    assert.deepEqual(await new AppendFile<Data>(path).read(), { list: [1], index: {} });
  });

  it('a Store on it survives a restart after updates and compactions, and reads a file it never saw as new', async () => {
    const path = fileIn('store.json');
    const defaults = (): Data => ({ list: [], index: {} });
    const store = await Store.open<Data>({ kind: 'file', path }, defaults);
    for (let i = 0; i < 50; i++)
      await store.update((draft) => {
        draft.list.push(i);
        draft.index[`r${i}`] = `u${i}`;
        if (i % 10 === 0) draft.list.splice(0, 1); // removals and shifts replay in order
      });
    const reopened = await Store.open<Data>({ kind: 'file', path }, defaults);
    assert.deepEqual(reopened.data, store.data);
    await reopened.reset();
    assert.deepEqual((await Store.open<Data>({ kind: 'file', path }, defaults)).data, defaults());
  });

  it("opens a file of plain JSON (an older version's, a seed) and rewrites it as changes", async () => {
    const path = fileIn('plain.json');
    const defaults = (): Data => ({ list: [], index: {} });
    writeFileSync(path, JSON.stringify({ list: [7] }));
    const store = await Store.open<Data>({ kind: 'file', path }, defaults);
    assert.deepEqual(store.data, { list: [7], index: {} });
    assert.ok(readFileSync(path, 'utf8').startsWith('{"changes":'), 'rewritten as changes');
    await store.update((draft) => {
      draft.list.push(8);
    });
    assert.deepEqual((await Store.open<Data>({ kind: 'file', path }, defaults)).data, { list: [7, 8], index: {} });
  });
});

import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EMPTY_MARK, FileLineLog, type LineLog, type LogMark, MemoryLineLog } from '../core/line-log.ts';

const lines = (log: LineLog) => {
  const seen: string[] = [];
  log.replay((line) => seen.push(line));
  return seen;
};

/** Stages the lines and commits them, as a store update that succeeded would. */
function committed(log: LineLog, ...texts: string[]): LogMark {
  for (const text of texts) log.append(text);
  const mark = log.flush();
  log.commit();
  return mark;
}

const logs: [string, () => LineLog][] = [
  ['memory', () => new MemoryLineLog()],
  ['file', () => new FileLineLog(join(mkdtempSync(join(tmpdir(), 'line-log-')), 'log.ndjson'), EMPTY_MARK)],
];

for (const [kind, open] of logs) {
  describe(`a ${kind} line log`, () => {
    it('reads a staged line at once, and keeps it only once committed', () => {
      const log = open();
      const at = log.append('{"a":1}');
      assert.equal(log.read(at), '{"a":1}');
      assert.deepEqual(lines(log), [], 'staged is not yet kept');
      log.flush();
      log.commit();
      assert.deepEqual(lines(log), ['{"a":1}']);
      assert.equal(log.read(at), '{"a":1}');
    });

    it('takes back an aborted update whole, flushed or not, and goes on where the last commit ended', () => {
      const log = open();
      committed(log, 'one');
      log.append('lost');
      log.flush();
      log.abort();
      log.append('also lost');
      log.abort();
      const mark = committed(log, 'two');
      assert.deepEqual(lines(log), ['one', 'two']);
      assert.equal(mark.to, log.mark.to);
      assert.equal(log.dirty, false);
    });

    it('clears in the same update: what was there before is no longer read, what the update adds is', () => {
      const log = open();
      committed(log, 'old');
      log.clear();
      log.append('new');
      const mark = log.flush();
      log.commit();
      assert.deepEqual(lines(log), ['new']);
      assert.ok(mark.from > 0);
    });
  });
}

describe('a line log in a file', () => {
  it("is read again from its file up to the store's mark: lines written by an update the store never committed are cut off", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'line-log-')), 'log.ndjson');
    const log = new FileLineLog(path, EMPTY_MARK);
    const mark = committed(log, '{"n":1}', '{"n":"é"}');
    // A kill after the log's write and before the store's: the line is in the file, the store's mark is not past it.
    log.append('{"n":3}');
    log.flush();
    log.close();
    assert.ok(statSync(path).size > mark.to);
    const again = new FileLineLog(path, mark);
    assert.deepEqual(lines(again), ['{"n":1}', '{"n":"é"}']);
    assert.equal(statSync(path).size, mark.to, 'the tail is cut off the file');
    committed(again, '{"n":4}');
    assert.equal(readFileSync(path, 'utf8'), '{"n":1}\n{"n":"é"}\n{"n":4}\n');
    again.close();
  });

  it('writes a large update ahead of its commit, reads it back meanwhile, and takes it all back on abort', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'line-log-')), 'log.ndjson');
    const log = new FileLineLog(path, EMPTY_MARK);
    const mark = committed(log, 'kept');
    const line = 'y'.repeat(64 * 1024);
    const places = Array.from({ length: 40 }, () => log.append(line));
    assert.ok(statSync(path).size > mark.to + 2 ** 20, 'more than a megabyte staged is in the file before the flush');
    assert.equal(log.read(places[0]), line);
    assert.equal(log.read(places.at(-1)!), line);
    log.abort();
    assert.equal(statSync(path).size, mark.to);
    assert.deepEqual(lines(log), ['kept']);
    log.close();
  });

  it('refuses a file shorter than its mark: it is not the log the store wrote', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'line-log-')), 'log.ndjson');
    appendFileSync(path, 'x\n');
    assert.throws(() => new FileLineLog(path, { from: 0, to: 100 }), /holds 2 bytes, but its store has committed 100/);
  });

  it('replays lines that cross its read buffer, each read back by where it is', () => {
    const log = new FileLineLog(join(mkdtempSync(join(tmpdir(), 'line-log-')), 'log.ndjson'), EMPTY_MARK);
    const long = 'x'.repeat(3 * 2 ** 20);
    committed(log, 'a', long, 'b', long, 'c');
    const seen: string[] = [];
    log.replay((line, at) => {
      seen.push(line.length > 10 ? `long ${line.length}` : line);
      assert.equal(log.read(at), line);
    });
    assert.deepEqual(seen, ['a', `long ${long.length}`, 'b', `long ${long.length}`, 'c']);
    log.close();
  });
});

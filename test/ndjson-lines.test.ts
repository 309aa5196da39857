import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linesOf } from '../core/ndjson-lines.ts';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.isBuffer(part) ? part : Buffer.from(part);
}

const all = async (stream: AsyncIterable<Buffer>, maxChars = 100) => {
  const lines: string[] = [];
  for await (const group of linesOf(stream, maxChars)) lines.push(...group);
  return lines;
};

describe('the lines of an NDJSON stream', () => {
  it('splits on LF and CRLF across chunks, keeps empty lines, and gives the last line without its newline', async () => {
    assert.deepEqual(await all(chunks('{"a":1}\r\n{"b"', ':2}\n\n{"c":3}')), ['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });

  it('decodes a character whose bytes two chunks share', async () => {
    const bytes = Buffer.from('{"name":"Zoë"}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    assert.deepEqual(await all(chunks(bytes.subarray(0, cut), bytes.subarray(cut))), ['{"name":"Zoë"}']);
  });

  it('cuts a line longer than the limit to one character over it, and drops its rest as it comes', async () => {
    const lines = await all(chunks('ok\n', 'x'.repeat(150), 'x'.repeat(150), 'x\nnext\n'), 100);
    assert.deepEqual(
      lines.map((l) => (l.length > 10 ? `long ${l.length}` : l)),
      ['ok', 'long 101', 'next'],
    );
  });

  it('yields the lines of a chunk together, pulling the next chunk only when asked', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for (const part of ['a\nb\n', 'c\n', 'd\n']) {
        pulled += 1;
        yield Buffer.from(part);
      }
    }
    const lines = linesOf(counted(), 100);
    assert.deepEqual((await lines.next()).value, ['a', 'b']);
    assert.equal(pulled, 1, 'nothing read ahead of the consumer');
    assert.deepEqual((await lines.next()).value, ['c']);
    assert.equal(pulled, 2);
  });
});

import type { ServerResponse } from 'node:http';

/** How much goes out between two turns of the event loop: so many items, or so many bytes (a wire call waits no longer than that takes). */
const ITEMS_A_TURN = 200;
const BYTES_A_TURN = 256 * 2 ** 10;

/**
 * Answers with `list` as one JSON array, each item written in its pieces (`chunksOf`: the recorded
 * bodies as the very buffers recorded), a few hundred at a time, giving the event loop back in between
 * and waiting while the reader has not taken what was written. The harness's retained record is up to
 * 10,000 exchanges and hundreds of MB: as one `JSON.stringify` it held the wire up for most of a second
 * and took its size again in memory.
 */
export async function streamJsonArray<T>(res: ServerResponse, list: readonly T[], chunksOf: (item: T) => readonly (string | Buffer)[]): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.write('[');
  let items = 0;
  let bytes = 0;
  for (let i = 0; i < list.length; i++) {
    if (res.destroyed) return;
    if (i > 0) res.write(',');
    let room = true;
    for (const chunk of chunksOf(list[i])) {
      room = res.write(chunk);
      bytes += chunk.length;
    }
    items++;
    if (room && items < ITEMS_A_TURN && bytes < BYTES_A_TURN) continue;
    // The reader has not taken what was written, or this turn has written its share: the wire's turn.
    await (room ? new Promise((resolve) => setImmediate(resolve)) : drainedOrClosed(res));
    items = 0;
    bytes = 0;
  }
  res.end(']');
}

/** Resolves once the reader has taken what was written, or is gone; leaves no listener behind (a long answer waits many times). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

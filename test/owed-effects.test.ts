import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store } from '../core/store.ts';
import { baseData, type BaseData } from '../tmf/data.ts';
import { deliveryState } from '../tmf/delivery-state.ts';
import { OwedEffects } from '../tmf/owed-effects.ts';

const START = new Date('2026-02-01T06:00:00.000Z');
const HOUR = 3_600_000;
interface Data extends BaseData {
  done: string[];
}
const open = () => Store.open<Data>({ kind: 'memory' }, () => ({ ...baseData(START), done: [] }));
const advance = (store: Store<Data>, ms: number) =>
  store.update((draft) => {
    draft.clock = new Date(Date.parse(draft.clock) + ms).toISOString();
  });

describe('owed effects', () => {
  it("records an effect with its cause, once per key, and commits the handler's change with the done mark", async () => {
    const store = await open();
    const effects = new OwedEffects(store, { burst: 1 });
    effects.register('tell', async (args) => (draft: Data) => {
      draft.done.push(String(args.bill));
    });
    effects.resume();
    await store.update((draft) => {
      assert.equal(effects.owe(draft, START, 'tell', { bill: 'b1' }), true);
      assert.equal(effects.owe(draft, START, 'tell', { bill: 'b1' }), false, 'a repeated cause owes nothing more');
    });
    await effects.drain();
    assert.deepEqual(store.data.done, ['b1']);
    assert.deepEqual(
      store.data.owed.map((e) => [e.key, e.state]),
      [['tell:{"bill":"b1"}', 'delivered']],
    );
    await store.update((draft) => effects.owe(draft, START, 'tell', { bill: 'b1' }));
    await effects.drain();
    assert.deepEqual(store.data.done, ['b1'], 'done once, even when owed again later');
  });

  it('an update that throws owes nothing; a change that fails is not done', async () => {
    const store = await open();
    const effects = new OwedEffects(store, { burst: 1 });
    await assert.rejects(
      store.update((draft) => {
        effects.owe(draft, START, 'tell', { bill: 'b1' });
        throw new Error('domain rule refused');
      }),
    );
    assert.deepEqual(store.data.owed, []);
    assert.deepEqual(store.data.owedKeys, []);
  });

  it('waits until registered (a restart), retries in simulated time, dead-letters after the horizon, and is redelivered on request', async () => {
    const store = await open();
    const before = new OwedEffects(store, { burst: 1 });
    await store.update((draft) => before.owe(draft, START, 'tell', { bill: 'b1' }));
    // The process dies; a new one registers its handlers and resumes.
    const effects = new OwedEffects(store, { burst: 1, baseDelayMs: HOUR, horizonMs: 6 * HOUR });
    let peerUp = false;
    effects.register('tell', async (args) => {
      if (!peerUp) throw new Error('driver unreachable');
      return (draft: Data) => {
        draft.done.push(String(args.bill));
      };
    });
    await effects.drain();
    assert.equal(store.data.owed[0].attempts, 0, 'paused until resumed: nothing tried without its handler');
    effects.resume();
    await effects.drain();
    assert.deepEqual([store.data.owed[0].state, store.data.owed[0].attempts, store.data.owed[0].lastError], ['pending', 1, 'driver unreachable']);
    for (let i = 0; i < 12 && store.data.owed[0].state === 'pending'; i++) {
      await advance(store, HOUR);
      await effects.drain();
    }
    assert.equal(store.data.owed[0].state, 'dead');
    assert.deepEqual(
      deliveryState(store.data).deadLetters.map((d) => [d.kind, d.what, d.lastError]),
      [['effect', 'tell', 'driver unreachable']],
    );
    peerUp = true;
    await store.update((draft) => effects.redeliver(draft, new Date(draft.clock)));
    await effects.drain();
    assert.deepEqual(store.data.done, ['b1']);
    assert.deepEqual(deliveryState(store.data).deadLetters, []);
  });
});

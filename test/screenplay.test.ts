import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Ecosystem, startEcosystem } from '../harness/ecosystem.ts';
import { basePath } from '../tmf/apis.ts';
import { CallTheWire, DriveThroughControl, RunTheEcosystem, TakeNotes } from '../step-definitions/screenplay/core/abilities.ts';
import { type Ability, Actor, MissingAbility, Question, Task } from '../step-definitions/screenplay/core/actor.ts';
import { castOf, control, notes, wire } from '../step-definitions/screenplay/core/cast.ts';
import { MissingNote, Notepad } from '../step-definitions/screenplay/core/notepad.ts';
import { NOTE_MEANINGS, type ScenarioNotes } from '../step-definitions/screenplay/core/notes.ts';

/** An ecosystem nothing may call: the checks under test refuse before any call. */
const untouchable = new Proxy({} as Ecosystem, {
  get: (_, property) => {
    throw new Error(`the ecosystem was used (${String(property)}) where the actor should have been refused first`);
  },
});

class Whistle implements Ability {
  readonly description = 'whistle';
}
class WhistleLoudly extends Whistle {}

test('a note reads back what was written, typed by its name', () => {
  const pad = new Notepad<{ trouble: string; lateRecords: readonly string[] }>({ trouble: 'the trouble', lateRecords: 'the late records' });
  pad.write('trouble', 'TT-1');
  pad.write('lateRecords', ['r1', 'r2']);
  assert.equal(pad.read('trouble'), 'TT-1');
  assert.deepEqual(pad.read('lateRecords'), ['r1', 'r2']);
  pad.write('trouble', 'TT-2');
  assert.equal(pad.read('trouble'), 'TT-2', 'a later note replaces the earlier one');
  assert.equal(pad.has('trouble'), true);
});

test('reading a note no step wrote fails, naming the note, what it holds and the notes there are', () => {
  const pad = new Notepad<ScenarioNotes>(NOTE_MEANINGS);
  pad.write('cspOffering', 'po-1');
  assert.equal(pad.has('settlementNote'), false);
  assert.throws(
    () => pad.read('settlementNote'),
    (error: Error) => {
      assert.ok(error instanceof MissingNote);
      assert.equal(
        error.message,
        `the scenario has no note "settlementNote" (the car manufacturer's settlement note advice of the period): no step before this one wrote it (notes written: cspOffering)`,
      );
      return true;
    },
  );
});

test('a note written as undefined is a note (a ticket that did not exist yet), not a missing one', () => {
  const pad = new Notepad<ScenarioNotes>(NOTE_MEANINGS);
  pad.write('ticketBefore', undefined);
  assert.equal(pad.read('ticketBefore'), undefined);
});

test('an actor finds an ability by its class, a subclass included', () => {
  const loud = new WhistleLoudly();
  const actor = new Actor('the referee', [loud]);
  assert.equal(actor.abilityTo(Whistle), loud);
  assert.equal(actor.can(Whistle), true);
  assert.equal(actor.can(RunTheEcosystem), false);
});

test('an actor without an ability fails naming itself, the ability and the abilities it has', () => {
  const actor = new Actor('the driver', [new Whistle()]);
  assert.throws(
    () => actor.abilityTo(RunTheEcosystem),
    (error: Error) => {
      assert.ok(error instanceof MissingAbility);
      assert.equal(error.message, 'the driver has no ability to run the ecosystem (its abilities: whistle)');
      return true;
    },
  );
  assert.throws(() => new Actor('nobody', []).abilityTo(Whistle), /^MissingAbility: nobody has no ability to whistle \(its abilities: none\)$/);
});

test('an actor performs tasks one after the other and answers questions with its abilities', async () => {
  const done: string[] = [];
  const actor = new Actor('the CSP', [new Whistle()]);
  const step = (name: string) =>
    Task.where(`#actor ${name}`, async (who) => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      done.push(`${who.name} ${name} (${who.abilityTo(Whistle).description})`);
    });
  await actor.attemptsTo(step('opens'), step('closes'));
  assert.deepEqual(done, ['the CSP opens (whistle)', 'the CSP closes (whistle)']);
  const sound = Question.about('the sound it makes', (who) => `${who.abilityTo(Whistle).description}!`);
  assert.equal(await actor.answer(sound), 'whistle!');
  assert.equal(sound.description, 'the sound it makes');
  const refused = Task.where('#actor runs the clock', async (who) => who.abilityTo(RunTheEcosystem).setClock(new Date()));
  await assert.rejects(actor.attemptsTo(refused), /the CSP has no ability to run the ecosystem/);
});

test("the cast: each party drives only its own control API and calls the wire as itself; the tester drives every party's and runs the ecosystem", async () => {
  const pad = new Notepad<ScenarioNotes>(NOTE_MEANINGS);
  const cast = castOf(untouchable, pad);
  assert.equal(control(cast.csp).party, 'csp');
  assert.equal(control(cast['car-manufacturer']).party, 'car-manufacturer');
  assert.equal(cast.driver.abilityTo(CallTheWire).description, 'call the wire as the driver');
  assert.equal(cast.tester.abilityTo(CallTheWire).description, 'call the wire as the harness');
  assert.equal(cast.csp.can(RunTheEcosystem), false);
  assert.equal(cast.tester.can(RunTheEcosystem), true);
  await assert.rejects(
    control(cast.csp).state('driver'),
    /^Error: an actor that can drive the CSP's control API cannot drive the driver's: give the task to the driver or the tester$/,
  );
  await assert.rejects(control(cast.csp).trigger('drive', {}, 'driver'), /cannot drive the driver's/);
  assert.throws(() => control(cast.tester).party, /drives every party: name the party/);
  assert.ok(cast.tester.abilityTo(DriveThroughControl).description.includes('every party'));
  // One notepad for the whole cast: what the driver notes, the tester reads.
  notes(cast.driver).write('trouble', 'TT-7');
  assert.equal(notes(cast.tester).read('trouble'), 'TT-7');
  assert.equal(cast.csp.abilityTo<TakeNotes<ScenarioNotes>>(TakeNotes).notepad, pad);
});

test('every step is typed by its World, with no `this:` annotation left in the step definitions', () => {
  const dir = join(import.meta.dirname, '..', 'step-definitions');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const annotated = files.filter((f) => /\bthis: \w/.test(readFileSync(join(dir, f), 'utf8')));
  assert.deepEqual(annotated, []);
  const steps = files.filter((f) => f.endsWith('.steps.ts')).map((f) => readFileSync(join(dir, f), 'utf8'));
  const untyped = steps.flatMap((s) => s.match(/^(Given|When|Then)\((?!.*<HarnessWorld>)/gm) ?? []);
  assert.deepEqual(untyped, []);
  assert.ok(steps.join('').match(/^(Given|When|Then)<HarnessWorld>\(/gm)!.length > 100, 'the steps are there to check');
});

test('on a running ecosystem: a party calls the wire as itself, the tester as no one, and a refused trigger is an answer kept', async () => {
  const ecosystem = await startEcosystem();
  try {
    const cast = castOf(ecosystem, new Notepad<ScenarioNotes>(NOTE_MEANINGS));
    const path = `${basePath('TMF620')}/productOffering?limit=1`;
    const own = await wire(cast['car-manufacturer']).call('csp', 'GET', path);
    assert.equal(own.status, 200);
    const anonymous = await wire(cast.tester).call('csp', 'GET', path);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(
      ecosystem.recorder.exchanges.filter((e) => e.path === path).map((e) => e.from),
      ['car-manufacturer', 'harness'],
      "the OEM's call is its own on the wire; the tester's comes from the harness",
    );
    const refused = await control(cast.csp).attempt('settlement-payment', { note: 'no-such-note' });
    assert.ok(refused.status >= 400 && refused.status < 500, `refused with ${refused.status}`);
    assert.ok((refused.body as { reason?: string }).reason, 'the answer is the TMF error body');
    assert.ok((await control(cast.tester).served('TMF620.productOffering', 'csp')).length > 0, 'the tester reads what the CSP serves');
  } finally {
    await ecosystem.stop();
  }
});

test('a failure says who was doing what, outermost first, and keeps the assertion', async () => {
  const tester = new Actor('the tester', []);
  const inner = Task.where('#actor counts the bills', async () => assert.equal(2, 1));
  const outer = Task.where('#actor ensures the CSP issued one bill', (who) => who.attemptsTo(inner));
  await assert.rejects(tester.attemptsTo(outer), (error: Error) => {
    assert.ok(error instanceof assert.AssertionError, 'still the assertion, with its actual and expected values');
    assert.match(error.message, /^the tester ensures the CSP issued one bill:\n {2}the tester counts the bills:\n {4}Expected values to be strictly equal:/);
    assert.match(String(error.stack), /the tester ensures the CSP issued one bill:/, 'the stack, which reports print, says it too');
    return true;
  });
  const question = Question.about('the bills', () => Promise.reject(new Error('the CSP did not answer')));
  await assert.rejects(tester.answer(question), /^Error: the tester asks the bills:\n {2}the CSP did not answer$/);
  const asking = Task.where('#actor ensures the bills add up', (who) => who.answer(question));
  await assert.rejects(tester.attemptsTo(asking), (error: Error) => {
    const expected = 'the tester ensures the bills add up:\n  the tester asks the bills:\n    the CSP did not answer';
    assert.equal(error.message, expected);
    assert.ok(String(error.stack).startsWith(`Error: ${expected}\n    at `), 'the stack names each level once, outermost first');
    return true;
  });
});

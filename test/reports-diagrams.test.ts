import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Exchange } from '../harness/exchange.ts';
import { toMermaid } from '../harness/reports/mermaid.ts';
import { toSequenceSvg } from '../harness/reports/sequence-svg.ts';

function exchange(fields: Partial<Exchange> & Pick<Exchange, 'seq'>): Exchange {
  return {
    scenario: 'Fig 7',
    from: 'car-manufacturer',
    to: 'csp',
    kind: 'call',
    api: 'unknown',
    operation: 'POST productOrder',
    method: 'POST',
    path: '/tmf-api/productOrderingManagement/v4/productOrder',
    status: 201,
    request: { headers: {}, body: {} },
    response: { headers: {}, body: {} },
    valid: true,
    errors: [],
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 3,
    ...fields,
  };
}

const trace: readonly Exchange[] = [
  exchange({
    seq: 3,
    from: 'csp',
    to: 'car-manufacturer',
    kind: 'notification',
    api: 'listener',
    operation: 'customerBillCreateEvent',
    method: 'POST',
    status: 204,
  }),
  exchange({ seq: 1 }),
  exchange({ seq: 2, from: 'harness', to: 'csp', kind: 'harness', api: 'control', operation: 'POST control/billing-cycle' }),
  exchange({ seq: 4, from: 'driver', to: 'car-manufacturer', kind: 'party-api', api: 'control', operation: 'buy car', status: 200 }),
  exchange({
    seq: 5,
    operation: 'GET productOffering',
    method: 'GET',
    status: 200,
    valid: false,
    errors: [{ where: 'response', path: '/0/lifecycleStatus', rule: 'enum', message: 'must be one of', schema: 'ProductOffering' }],
  }),
];

/** The messages of a Mermaid source, in order. */
function mermaidMessages(source: string): string[] {
  return source
    .split('\n')
    .filter((line) => /-?->>|--\)/.test(line))
    .map((line) => line.trim());
}

test('mermaid declares the five parties in order, aliased since ids contain dashes', () => {
  const participants = toMermaid(trace)
    .split('\n')
    .filter((line) => line.includes('participant'));
  assert.deepEqual(
    participants.map((line) => line.trim()),
    [
      'participant csp as CSP (telecom operator)',
      'participant car_manufacturer as Car manufacturer (OEM)',
      'participant content_provider as Infotainment content provider',
      'participant call_center as Call center',
      'participant driver as Driver',
    ],
  );
});

test('mermaid draws one arrow per flow exchange in wire order: calls, notifications, party APIs', () => {
  const source = toMermaid(trace);
  assert.match(source, /^sequenceDiagram\n/);
  assert.deepEqual(mermaidMessages(source), [
    'car_manufacturer->>csp: POST productOrder: 201',
    'csp--)car_manufacturer: customerBillCreateEvent: 204',
    'driver-->>car_manufacturer: buy car: 200',
    'car_manufacturer->>csp: GET productOffering: 200 ✗',
  ]);
});

test('mermaid puts an invalid exchange in a red band', () => {
  const lines = toMermaid(trace)
    .split('\n')
    .map((line) => line.trim());
  const at = lines.indexOf('car_manufacturer->>csp: GET productOffering: 200 ✗');
  assert.match(lines[at - 1], /^rect rgb\(255, ?\d+, ?\d+\)$/);
  assert.equal(lines[at + 1], 'end');
  assert.equal(lines.filter((line) => line.startsWith('rect')).length, 1);
});

test('mermaid shows harness exchanges, with a harness lifeline first, only when asked', () => {
  const source = toMermaid(trace, { includeHarness: true });
  assert.match(source.split('\n')[1], /participant harness as /);
  assert.ok(mermaidMessages(source).includes('harness->>csp: POST control/billing-cycle: 201'));
  assert.doesNotMatch(toMermaid(trace), /harness/);
});

test('mermaid labels cannot break the diagram: no raw ; # < > or line break', () => {
  const source = toMermaid([exchange({ seq: 1, operation: 'GET a;b#c\nsequenceDiagram <br>' })]);
  const [message] = mermaidMessages(source);
  assert.equal(message, 'car_manufacturer->>csp: GET a#59;b#35;c sequenceDiagram #60;br#62;: 201');
  assert.equal(source.split('\n').filter((line) => line.includes('sequenceDiagram')).length, 2);
});

/** The message groups of an SVG, with their attributes and content. */
function svgMessages(svg: string): string[] {
  return svg.match(/<g class="message[^"]*"[\s\S]*?<\/g>/g) ?? [];
}

test('the SVG draws one arrow per flow exchange, in wire order', () => {
  const svg = toSequenceSvg(trace);
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const seqs = svgMessages(svg).map((g) => Number(/data-seq="(\d+)"/.exec(g)?.[1]));
  assert.deepEqual(seqs, [1, 3, 4, 5]);
  assert.equal(svg.match(/class="arrow"/g)?.length, 4);
});

test('the SVG draws a lifeline per party, and the harness only when its exchanges are shown', () => {
  const parties = (svg: string) => [...svg.matchAll(/data-party="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(parties(toSequenceSvg(trace)), ['csp', 'car-manufacturer', 'content-provider', 'call-center', 'driver']);
  assert.deepEqual(parties(toSequenceSvg(trace, { includeHarness: true }))[0], 'harness');
  assert.equal(svgMessages(toSequenceSvg(trace, { includeHarness: true })).length, 5);
});

test('the SVG draws invalid and failed exchanges in red, others not; notifications and party APIs dashed', () => {
  const messages = svgMessages(
    toSequenceSvg([
      exchange({ seq: 1 }),
      exchange({ seq: 2, valid: false }),
      exchange({ seq: 3, status: 503 }),
      exchange({ seq: 4, status: 0, failure: 'ECONNREFUSED' }),
      exchange({ seq: 5, status: 404 }),
      exchange({ seq: 6, kind: 'notification' }),
      exchange({ seq: 7, kind: 'party-api' }),
    ]),
  );
  const red = messages.map((g) => /class="arrow"[^>]*stroke="#c62828"/.test(g));
  assert.deepEqual(red, [false, true, true, true, false, false, false]);
  const dashed = messages.map((g) => /class="arrow"[^>]*stroke-dasharray/.test(g));
  assert.deepEqual(dashed, [false, false, false, false, false, true, true]);
  assert.match(messages[3], /no response<\/tspan><\/text>/);
});

test('a long operation wraps on the arrow, nothing cut off, and shows whole in the tooltip', () => {
  const operation = `GET ${'productOffering/'.repeat(10)}{id}`;
  const [message] = svgMessages(toSequenceSvg([exchange({ seq: 1, operation, method: 'GET', status: 404 })]));
  const lines = [...message.matchAll(/<tspan [^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
  assert.ok(lines.length > 1, 'the label takes several lines');
  assert.equal(lines.join(''), `1. ${operation}: 404`, 'every character of the label is drawn');
  assert.doesNotMatch(message, /…/);
  assert.ok(message.includes(`<title>${operation}: 404\nGET /tmf-api`));
});

test('the SVG tooltip shows the path and the validation errors', () => {
  const [, , , invalid] = svgMessages(toSequenceSvg(trace));
  const title = /<title>([\s\S]*?)<\/title>/.exec(invalid)?.[1] ?? '';
  assert.match(title, /^GET productOffering: 200\nGET \/tmf-api\/productOrderingManagement\/v4\/productOrder/);
  assert.match(title, /response \/0\/lifecycleStatus: enum: must be one of \(ProductOffering\)/);
});

test('payload text never reaches the SVG as markup', () => {
  const evil = '<script>alert("x")</script>';
  const svg = toSequenceSvg([
    exchange({
      seq: 1,
      operation: evil,
      path: `/x?q=${evil}`,
      failure: evil,
      errors: [{ where: 'request', path: evil, rule: evil, message: evil, schema: evil }],
    }),
  ]);
  assert.doesNotMatch(svg, /<script/i);
  assert.match(svg, /&lt;script&gt;/);
});

test('the SVG markup does not depend on the text it carries', () => {
  const tags = (svg: string) => svg.match(/<\/?[a-zA-Z]+/g);
  const baseline = tags(toSequenceSvg([exchange({ seq: 1, operation: 'x', path: 'x' })]));
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (operation, path) => {
      assert.deepEqual(tags(toSequenceSvg([exchange({ seq: 1, operation, path })])), baseline);
    }),
  );
});

test('the SVG is deterministic whatever the order the exchanges come in', () => {
  assert.equal(toSequenceSvg(trace), toSequenceSvg([...trace].reverse()));
  assert.equal(toMermaid(trace), toMermaid([...trace].reverse()));
});

test('a party calling itself is drawn as a loop', () => {
  const [loop] = svgMessages(toSequenceSvg([exchange({ seq: 1, from: 'csp', to: 'csp' })]));
  assert.match(loop, /class="arrow" d="M \S+ \S+ h \d+ v \d+ h -\d+"/);
});

test('arrows are numbered from 1 in each diagram and carry the documented steps they fulfil', () => {
  const svg = toSequenceSvg([exchange({ seq: 3071 }), exchange({ seq: 3075, operation: 'GET customerBill' })], {}, { 3075: ['7.9'] });
  const labels = svgMessages(svg).map((g) => [...g.matchAll(/<tspan [^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join(''));
  assert.deepEqual(labels, ['1. POST productOrder: 201', '2. [7.9] GET customerBill: 201']);
  assert.match(svg, /data-seq="3075"/, 'the wire number stays on the arrow for tools');
});

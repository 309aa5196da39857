import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { stepsOf } from '../harness/flows/catalogue.ts';
import { FIGURE_NAMES, stepSentence } from '../harness/flows/plain-words.ts';
import type { Figure } from '../harness/flows/types.ts';
import type { TraceEntry } from '../harness/reports/trace.ts';
import { writeRunReports } from '../harness/reports/write-run.ts';
import { bootstrapKey } from '../tmf/auth.ts';
import { TmfClient } from '../tmf/client.ts';
import { mountDashboard } from '../web/server.ts';

/** `npm run screenshots` runs this file: a person looks at these pictures of every state tested. */
const SCREENSHOTS = join(process.env.CCH_REPORT_DIR ?? 'reports/latest', 'screenshots');
const WIDE = { width: 1440, height: 1000 };

/** The WCAG contrast ratio of each selector's first element against the background it sits on. */
const CONTRAST_SCRIPT = `function (list) {
  function rgb(c) { return (c.match(/[\\d.]+/g) || []).map(Number); }
  function channel(v) { v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
  function luminance(c) { return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]); }
  function background(el) {
    for (var e = el; e; e = e.parentElement) {
      var c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3);
    }
    return [255, 255, 255];
  }
  return list.map(function (selector) {
    var el = document.querySelector(selector);
    if (!el) return [selector, 0];
    var a = luminance(rgb(getComputedStyle(el).color)), b = luminance(background(el));
    return [selector, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}`;
const PHONE = { width: 390, height: 844 };

describe('live dashboard', () => {
  let ecosystem: Ecosystem;
  let stopped = false;
  let browser: Browser;
  let page: Page;
  const consoleErrors: ConsoleMessage[] = [];
  const pageErrors: Error[] = [];
  let tempDir: string;

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true });
  const operations = () => page.locator('#rows .row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.operation));
  const checklistText = () => page.locator('#checklist').innerText();
  const noHorizontalOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  /** Every step of the figure shows in the checklist with its full sentence. */
  async function assertEverySentence(figure: Figure): Promise<void> {
    const text = await checklistText();
    for (const s of stepsOf(figure))
      assert.ok(text.replace(/\s+/g, ' ').includes(stepSentence(s).replace(/\s+/g, ' ')), `step ${s.id} reads "${stepSentence(s)}"`);
  }

  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    tempDir = await mkdtemp(join(tmpdir(), 'cch-dashboard-'));
    ecosystem = await startEcosystem({ port: 0, mount: mountDashboard });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: WIDE });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message);
    });
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${ecosystem.url}/`);
    await page.locator('#connection', { hasText: 'Live' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    if (!stopped) await ecosystem?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  test('names each flow and shows the five parties as lifelines and cards', async () => {
    assert.deepEqual(await page.locator('#heads .head').evaluateAll((hs) => hs.map((h) => (h as HTMLElement).dataset.party)), [
      'csp',
      'car-manufacturer',
      'content-provider',
      'call-center',
      'driver',
    ]);
    assert.match(await page.locator('button[data-figure="8"]').innerText(), /Figure 8\s+Service use and split billing/);
    for (const [figure, name] of Object.entries(FIGURE_NAMES))
      assert.match(await page.locator(`button[data-figure="${figure}"]`).innerText(), new RegExp(name));
    await page.locator('#party-csp .clock', { hasText: /^Simulated date: \d+ \w+ 20\d\d/ }).waitFor();
  });

  test('figure 7 runs from its button: every step reads as a sentence, badges sit under their arrows, cards show the bill', async () => {
    await page.click('button[data-figure="7"]');
    await page.locator('#checklist-hint', { hasText: 'All documented steps seen' }).waitFor({ timeout: 30_000 });
    await page.locator('.row[data-operation="CustomerBillCreateEvent"]').waitFor();
    const ops = await operations();
    assert.ok(
      ops.indexOf('POST productOrder') >= 0 && ops.indexOf('POST productOrder') < ops.indexOf('CustomerBillCreateEvent'),
      'the order comes before the bill event',
    );
    assert.equal(await page.locator('#checklist li.seen').count(), await page.locator('#checklist li').count());
    assert.match(await page.locator('#checklist-title').innerText(), /Figure 7 — Product setup and billing/);
    await assertEverySentence(7);
    assert.match(await page.locator('#checklist li[data-step="7.1"]').innerText(), /Car manufacturer \(OEM\) → CSP \(telecom operator\)/);
    const order = page.locator('.row[data-operation="POST productOrder"]').first();
    assert.equal(await order.getAttribute('data-steps'), '7.1');
    assert.match(await order.locator('.step-note').innerText(), /7\.1 Car manufacturer \(OEM\) → CSP \(telecom operator\): Orders the connectivity offer/);
    assert.equal(await page.locator('.row[data-operation="GET productOffering"] .badge').first().textContent(), '7.5');
    assert.match(
      await page.locator('.run-head').last().innerText(),
      /Figure 7 — Product setup and billing · \d\d:\d\d:\d\d · \d+ exchanges · all documented steps seen/,
    );
    await page.locator('#party-csp .facts li', { hasText: /CSP-\d{4}-\d\d-\d+ · \d+(\.\d+)? EUR · new/ }).waitFor();
    assert.equal(await page.locator('#party-csp details.raw pre').innerText(), '', 'the raw state waits for a click');
    await page.locator('#party-csp details.raw summary').click();
    await page.locator('#party-csp details.raw pre', { hasText: '"resources"' }).waitFor();
    assert.ok(JSON.parse(await page.locator('#party-csp details.raw pre').innerText()).data.resources, 'the raw state is one click away');
    await page.locator('#party-csp details.raw summary').click();
    await shot('figure-7');
  });

  test('text meets WCAG AA contrast (4.5:1) on its background', async () => {
    const selectors = [
      '.row .seq',
      '.row.valid .track .label',
      '.step-note p',
      '.badge',
      '#checklist .mark',
      '#checklist .parties',
      '#checklist .sentence',
      '.hint',
      '.party .clock',
      '.party h4',
      '.connection',
      '.legend',
      '.run-head',
      '#figures .num',
      '#figures .name',
      '.fault',
      '#live-count',
    ];
    // Plain JavaScript: the page runs it as given, with nothing the test's compiler adds.
    const ratios = (await page.evaluate(`(${CONTRAST_SCRIPT})(${JSON.stringify(selectors)})`)) as [string, number][];
    for (const [selector, ratio] of ratios) assert.ok(ratio >= 4.5, `${selector}: contrast ${ratio.toFixed(2)}:1`);
  });

  test('keyboard only: Tab reaches an exchange, Enter opens the inspector, Escape closes it', async () => {
    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let onRow = false;
    for (let i = 0; i < 60 && !onRow; i++) {
      await page.keyboard.press('Tab');
      onRow = await page.evaluate(() => document.activeElement?.classList.contains('row') ?? false);
    }
    assert.ok(onRow, 'an exchange row takes the focus');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    assert.equal(outline, 'solid', 'the focused row shows it');
    const seq = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.seq);
    await page.keyboard.press('Enter');
    await page.locator('#detail-title', { hasText: `#${seq} ` }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'detail-title', 'the focus moves into the inspector');
    await shot('inspector-keyboard');
    await page.keyboard.press('Escape');
    assert.ok(await page.locator('#detail').isHidden());
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.seq), seq, 'the focus returns to the exchange');
  });

  test('clicking an exchange shows its step, headers and pretty JSON', async () => {
    await page.locator('.row[data-operation="POST productOrder"]').first().click();
    await page.locator('#detail-title', { hasText: 'POST productOrder' }).waitFor();
    const request = await page.locator('#detail-request-body').textContent();
    assert.ok(JSON.parse(request ?? '').productOrderItem, 'the request body is the product order, as JSON');
    assert.match(request ?? '', /\n {2}"/, 'the JSON is indented');
    assert.match((await page.locator('#detail-request-headers').textContent()) ?? '', /content-type/);
    assert.match((await page.locator('#detail-errors').textContent()) ?? '', /valid/);
    assert.match((await page.locator('#detail-step').textContent()) ?? '', /^Step 7\.1 — Car manufacturer \(OEM\) → CSP \(telecom operator\): Orders/);
    await shot('exchange-detail');
  });

  test('an invalid payload on the wire is drawn red with its validation errors, and "only failures" finds it', async () => {
    const url = `${ecosystem.wireUrl('car-manufacturer', 'csp')}/tmf-api/productOrderingManagement/v4/productOrder`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${bootstrapKey(ecosystem.secret, 'car-manufacturer', 'csp')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ productOrderItem: [{ action: 'explode', note: '<img src=x onerror=alert(1)>' }] }),
    });
    assert.ok(response.status >= 400);
    const row = page.locator('.row.invalid[data-operation="POST productOrder"]');
    await row.waitFor();
    await row.click();
    await page.locator('#detail-errors li', { hasText: 'rule' }).first().waitFor();
    assert.match((await page.locator('#detail-errors').textContent()) ?? '', /request \/\S*/);
    assert.equal(await page.locator('#detail img').count(), 0, 'payload text is never markup');
    assert.equal(await row.locator('.arrow').evaluate((a) => getComputedStyle(a).borderTopColor), 'rgb(180, 35, 24)');
    await page.check('#filter-failures');
    assert.deepEqual(await page.locator('#rows .row:visible').evaluateAll((rs) => rs.map((r) => r.classList.contains('invalid'))), [true]);
    await shot('only-failures');
    await page.uncheck('#filter-failures');
    const all = await page.locator('#rows .row:visible').count();
    await page.selectOption('#filter-api', 'TMF678');
    const apis = await page.locator('#rows .row:visible').evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.api));
    assert.ok(apis.length > 0 && apis.length < all && apis.every((a) => a === 'TMF678'), `the API filter keeps only that API's exchanges (${apis.join(', ')})`);
    await page.selectOption('#filter-api', '');
    await page.selectOption('#filter-party', 'car-manufacturer');
    const parties = await page
      .locator('#rows .row:visible')
      .evaluateAll((rs) => rs.map((r) => `${(r as HTMLElement).dataset.from} ${(r as HTMLElement).dataset.to}`));
    assert.ok(parties.length > 0 && parties.every((p) => p.includes('car-manufacturer')), "the party filter keeps only that party's exchanges");
    await page.selectOption('#filter-party', '');
    await page.check('#filter-documented');
    const documented = await page.locator('#rows .row:visible').evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.steps ?? ''));
    assert.ok(
      documented.length > 0 && documented.length < all && documented.every((d) => d !== ''),
      '"only documented steps" keeps the exchanges that fulfil a step',
    );
    await page.uncheck('#filter-documented');
    await page.selectOption('#filter-figure', '7');
    const heads = await page.locator('.run:visible > .run-head .text').allInnerTexts();
    assert.ok(heads.length > 0 && heads.every((h) => h.startsWith('Figure 7')), `the figure filter keeps the runs of that figure (${heads.join(' | ')})`);
    assert.ok(await page.locator('.row.invalid[data-operation="POST productOrder"]').isHidden(), 'the stray invalid call belongs to no figure run');
    await page.selectOption('#filter-figure', '');
    assert.equal(await page.locator('#rows .row:visible').count(), all, 'clearing the filters shows every exchange again');
  });

  test('several hundred exchanges are all drawn; a run collapses and expands', async () => {
    const burst = 400;
    const before = await page.locator('#rows .row').count();
    const client = new TmfClient(ecosystem.wireUrl('car-manufacturer', 'csp'), bootstrapKey(ecosystem.secret, 'car-manufacturer', 'csp'));
    for (let i = 0; i < burst; i += 20)
      await Promise.all(Array.from({ length: 20 }, (_, j) => client.list('TMF620', 'productOffering', { offset: (i + j) % 7, limit: 2 })));
    await page.waitForFunction((expected) => document.querySelectorAll('#rows .row').length >= expected, before + burst, { timeout: 30_000 });
    assert.equal(await page.locator('#rows .row').count(), before + burst, 'one row per exchange, no more, no less');
    await page.locator('#rows .row').last().click();
    await page.locator('#detail-title', { hasText: 'GET productOffering' }).waitFor({ timeout: 5_000 });
    const head = page.locator('.run-head').first();
    await head.click();
    assert.equal(await head.getAttribute('aria-expanded'), 'false');
    assert.ok(await page.locator('.run').first().locator('.row').first().isHidden());
    await head.click();
    assert.ok(await page.locator('.run').first().locator('.row').first().isVisible());
  });

  test('a page keeps the latest exchanges only (?keep=N), and says where the rest are', async () => {
    const small = await browser.newPage({ viewport: WIDE });
    try {
      await small.goto(`${ecosystem.url}/?keep=30`);
      await small.locator('#connection', { hasText: 'Live' }).waitFor();
      const client = new TmfClient(ecosystem.wireUrl('car-manufacturer', 'csp'), bootstrapKey(ecosystem.secret, 'car-manufacturer', 'csp'));
      for (let i = 0; i < 60; i++) await client.list('TMF620', 'productOffering', { offset: i % 7, limit: 1 });
      const newest = ecosystem.recorder.exchanges.at(-1)!.seq;
      await small.waitForFunction((seq) => document.querySelector('#rows .row:last-of-type')?.getAttribute('data-seq') === String(seq), newest, {
        timeout: 10_000,
      });
      assert.equal(await small.locator('#rows .row').count(), 30);
      const seqs = (await small.locator('#rows .row').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.seq)))).sort((a, b) => a - b);
      assert.equal(seqs.at(-1), newest);
      assert.match((await small.locator('#live-count').textContent()) ?? '', /This page keeps the latest 30; the whole record is in \/dashboard\/trace\.json/);
    } finally {
      await small.close();
    }
  });

  for (const figure of [8, 9, 10, 11] as const) {
    test(`figure ${figure} runs from its button and every documented step reads as a sentence`, async () => {
      await page.click(`button[data-figure="${figure}"]`);
      await page.locator('#status', { hasText: `Figure ${figure} — ${FIGURE_NAMES[figure]} ran` }).waitFor({ timeout: 60_000 });
      assert.match((await page.locator('#status').textContent()) ?? '', / 0 missing\.$/);
      await page.locator('#checklist-hint', { hasText: 'All documented steps seen' }).waitFor();
      const seen = await page.locator('#checklist li.seen').count();
      assert.ok(seen > 0);
      assert.equal(
        seen + (await page.locator('#checklist li.other-branch').count()),
        await page.locator('#checklist li').count(),
        'every step is seen but those of branches not taken',
      );
      await assertEverySentence(figure);
      assert.match(await page.locator('.run-head').last().innerText(), new RegExp(`Figure ${figure} — ${FIGURE_NAMES[figure]}`));
      await page.waitForFunction(
        () => {
          const lanes = document.getElementById('lanes')!.getBoundingClientRect();
          const last = Array.from(document.querySelectorAll('#rows .row')).at(-1)!.getBoundingClientRect();
          return last.top >= lanes.top - 1 && last.bottom <= lanes.bottom + 1;
        },
        undefined,
        { timeout: 5_000 },
      );
      await shot(`figure-${figure}`);
    });
  }

  test('party cards speak business: tickets with their status, settlement notes with amounts', async () => {
    // Figure 11 ran last: the car manufacturer settled with its partners.
    await page.locator('#party-car-manufacturer h4', { hasText: /^Settlement notes/ }).waitFor();
    assert.match(await page.locator('#party-car-manufacturer .facts').innerText(), /\d+(\.\d+)? EUR · paid/);
  });

  test('a figure that does not exist is a TMF 404', async () => {
    const response = await fetch(`${ecosystem.url}/dashboard/run/12`, { method: 'POST' });
    assert.equal(response.status, 404);
    const body = (await response.json()) as { code: string; '@type': string };
    assert.equal(body['@type'], 'Error');
  });

  test("faults injected from the page: a party down fails red with the reason, a party's events sent twice show twice", async () => {
    await page.selectOption('#fault-content-provider', 'down');
    await page.locator('#party-content-provider.faulty').waitFor();
    const client = new TmfClient(
      ecosystem.wireUrl('car-manufacturer', 'content-provider'),
      bootstrapKey(ecosystem.secret, 'car-manufacturer', 'content-provider'),
    );
    await assert.rejects(client.list('TMF620', 'productOffering', {}), /502|down/);
    const down = page.locator('.row.invalid[data-to="content-provider"]').last();
    await down.waitFor();
    assert.match((await down.locator('.label').textContent()) ?? '', /→ 502 ✗ content-provider is down \(fault injected from the dashboard\)/);
    await page.selectOption('#fault-content-provider', '');
    await page.locator('#party-content-provider:not(.faulty)').waitFor();
    await client.list('TMF620', 'productOffering', {});

    const refused = await fetch(`${ecosystem.url}/dashboard/faults/csp`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"kind":"explode"}',
    });
    assert.equal(refused.status, 400, 'an unknown fault is a TMF 400');
    assert.deepEqual(await (await fetch(`${ecosystem.url}/dashboard/faults`)).json(), {}, 'and changes nothing');

    await page.selectOption('#fault-csp', 'duplicate');
    await page.locator('#party-csp.faulty').waitFor();
    await page.click('button[data-figure="7"]');
    await page.locator('#status', { hasText: 'Figure 7 — Product setup and billing ran' }).waitFor({ timeout: 30_000 });
    const twice = await page
      .locator('.run')
      .last()
      .locator('.row.duplicate')
      .evaluateAll((rs) => rs.map((r) => `${(r as HTMLElement).dataset.from} ${(r as HTMLElement).dataset.kind ?? ''}`));
    assert.ok(twice.length > 0, 'the duplicated events are drawn, marked as such');
    assert.ok(
      twice.every((t) => t.startsWith('csp')),
      "only the CSP's events were sent twice",
    );
    await shot('fault-duplicate');
    await page.selectOption('#fault-csp', '');
    await page.locator('#party-csp:not(.faulty)').waitFor();
  });

  test('at 390 px the page stacks without horizontal scrolling', async () => {
    await page.setViewportSize(PHONE);
    assert.ok(await noHorizontalOverflow(), 'no horizontal overflow at 390 px');
    const diagram = await page.locator('.diagram').boundingBox();
    const aside = await page.locator('aside').boundingBox();
    assert.ok(diagram && aside && aside.y >= diagram.y + diagram.height - 1, 'the steps panel sits under the diagram, not over it');
    await page.locator('#rows .row.notification').first().click();
    assert.ok(await noHorizontalOverflow(), 'an open inspector does not overflow either');
    await shot('phone-390');
    await page.setViewportSize(WIDE);
  });

  test('a saved trace replays: play, pause, step with the keys, jump; labels, checklist and cards show the replayed moment; back to live restores all', async () => {
    const liveBadges = await page.locator('#rows .row[data-steps]').count();
    assert.ok(liveBadges > 0);
    // A trace.json as the run reports write it: the first figure-7 run, then the hundreds of calls after it.
    const trace = (await (await fetch(`${ecosystem.url}/dashboard/trace.json`)).json()) as TraceEntry[];
    const saved = trace.filter((x) => x.scenario === 'dashboard: figure 7 (run 1)' || x.scenario === '');
    assert.ok(
      saved.some((x) => x.steps?.includes('7.1')),
      'trace.json keeps the step labels',
    );
    const file = join(tempDir, 'trace.json');
    await writeFile(file, JSON.stringify(saved));
    await page.setInputFiles('#trace-file', file);
    const drawable = saved.filter((x) => x.kind !== 'harness');
    const total = drawable.length;
    const endOfRun = drawable.findLastIndex((x) => x.scenario !== '') + 1;
    await page.locator('#replay-position', { hasText: `0 / ${total}` }).waitFor();
    assert.equal(await page.locator('#rows .row').count(), 0);
    assert.match(await page.locator('#parties-mode').innerText(), /replayed moment/);

    await page.selectOption('#replay-jump', { label: `  Step 7.1 — ${stepSentence(stepsOf(7)[0])}` });
    const at = Number((await page.locator('#replay-position').innerText()).split(' / ')[0]);
    assert.equal(await page.locator('#rows .row').last().getAttribute('data-steps'), '7.1', 'jumping to a step shows its exchange last');
    // textContent, not innerText: rows are `content-visibility: auto`, and until the page has scrolled the
    // jumped-to row into view its contents are skipped, so innerText reads '' (seen on a loaded machine).
    assert.match((await page.locator('#rows .row').last().locator('.step-note').textContent()) ?? '', /Orders the connectivity offer/);
    assert.match(await page.locator('#checklist li[data-step="7.1"]').innerText(), /^seen/);
    assert.match(await page.locator('#checklist li[data-step="7.9"]').innerText(), /^pending/, 'a later step is not seen yet at this moment');

    await page.selectOption('#replay-speed', '4');
    await page.click('#replay-play');
    await page.waitForFunction(
      ([from, last]) => Number(document.getElementById('replay-position')!.textContent!.split(' / ')[0]) >= Math.min(from + 3, last),
      [at, total],
    );
    await page.click('#replay-play');
    assert.match(await page.locator('#replay-play').innerText(), /Play/, 'paused again');
    await page.locator('#replay-timeline').fill('3');
    await page.locator('#replay-position', { hasText: `3 / ${total}` }).waitFor();
    await page.locator('#rows .row').first().focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    const [shown] = (await page.locator('#replay-position').innerText()).split(' / ');
    assert.equal(Number(shown), 4, '→ → ← steps forward twice and back once');
    assert.equal(await page.locator('#rows .row').count(), Number(shown));

    await page.locator('#replay-timeline').fill(String(endOfRun));
    await page.locator('#replay-position', { hasText: `${endOfRun} / ${total}` }).waitFor();
    const internal = await page.locator('#checklist li.internal .parties').allInnerTexts();
    assert.ok(
      internal.every((p) => p.endsWith('(internal)')),
      "only a party's internal work is left unseen: it puts nothing on the wire",
    );
    assert.equal(
      (await page.locator('#checklist li.seen').count()) + internal.length,
      await page.locator('#checklist li').count(),
      'at the end of the run every step on the wire is seen',
    );
    assert.match(await page.locator('#party-csp .facts').innerText(), /\d+ sent, \d+ received/);
    await shot('replay');

    await page.click('#replay-live');
    assert.ok((await operations()).includes('CustomerBillCreateEvent'), 'back to live shows the wire again');
    assert.equal(await page.locator('#rows .row[data-steps]').count(), liveBadges, 'and every step badge comes back');
    await page.locator('#parties-mode', { hasText: '(live)' }).waitFor();
  });

  test('report pages link to each other: index ↔ sequence pages, Cucumber and JUnit', async () => {
    const dir = join(tempDir, 'report');
    const trace = (await (await fetch(`${ecosystem.url}/dashboard/exchanges`)).json()) as TraceEntry[];
    const scenario = 'dashboard: figure 8 (run 2)';
    await writeRunReports(dir, {
      exchanges: trace.filter((x) => x.scenario === scenario),
      flows: [],
      scenarios: [{ name: scenario, status: 'passed', exchanges: 1, invalid: 0, flowsOk: true, figures: [8] }],
    });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    assert.deepEqual(await page.locator('a.run-file').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), [
      'cucumber.html',
      'junit.xml',
      'trace.json',
      'flows.json',
    ]);
    await page.locator('h2', { hasText: 'Figure 8 — Service use and split billing' }).waitFor();
    await page.click(`a:text("${scenario}")`);
    assert.match(await page.locator('h1').innerText(), /figure 8/);
    assert.match(await page.locator('tbody tr').first().locator('td').first().innerText(), /^1$/, 'exchanges are numbered from 1');
    await page.screenshot({ path: join(SCREENSHOTS, 'report-sequence.png'), fullPage: false });
    await page.click('a:text("run summary")');
    assert.ok(page.url().endsWith('/index.html'));
    await page.goto(`${ecosystem.url}/`);
    await page.locator('#connection', { hasText: 'Live' }).waitFor();
  });

  test('an effect a party gave up on shows on its card, with its key and last error', async () => {
    const callCenter = ecosystem.local['call-center']!.runtime;
    // An effect no handler carries out fails at every try, as a peer down for good would; past the 24 h horizon it is dead.
    await callCenter.store.update((draft) => {
      callCenter.owe(draft, 'unheard-of-effect', {}, { key: 'unheard-on-the-dashboard' });
    });
    const start = Date.parse(callCenter.store.data.clock);
    for (let hour = 1; hour <= 26; hour++) {
      await ecosystem.control('call-center').request('PUT', '/control/clock', { now: new Date(start + hour * 3_600_000).toISOString() });
      await callCenter.drain();
    }
    await page.reload();
    await page.locator('#party-call-center h4', { hasText: /^Effects given up/ }).waitFor();
    assert.match(await page.locator('#party-call-center .facts').innerText(), /unheard-of-effect · unheard-on-the-dashboard · no handler/);
  });

  test('the page logged no errors', () => {
    assert.deepEqual(
      consoleErrors.map((m) => m.text()),
      [],
    );
    assert.deepEqual(
      pageErrors.map((e) => e.message),
      [],
    );
  });

  test('when the harness stops, the page says so and disables the buttons', async () => {
    await ecosystem.stop();
    stopped = true;
    await page.locator('#connection', { hasText: 'Disconnected' }).waitFor({ timeout: 15_000 });
    assert.ok(await page.locator('button[data-figure="7"]').isDisabled(), 'a flow cannot be started while disconnected');
    assert.ok(await page.locator('#replay-session').isDisabled());
    await shot('disconnected');
  });

  test('when a harness answers again on that address, the page goes live with its wire, numbered afresh', async () => {
    ecosystem = await startEcosystem({ port: Number(new URL(ecosystem.url).port), mount: mountDashboard });
    stopped = false;
    await page.locator('#connection', { hasText: 'Live' }).waitFor({ timeout: 15_000 });
    assert.ok(await page.locator('button[data-figure="7"]').isEnabled());
    assert.equal(await page.locator('#rows .row').count(), 0, 'the old wire is gone with the old harness');
    const client = new TmfClient(ecosystem.wireUrl('car-manufacturer', 'csp'), bootstrapKey(ecosystem.secret, 'car-manufacturer', 'csp'));
    await client.list('TMF620', 'productOffering', {});
    const seq = ecosystem.recorder.exchanges.at(-1)!.seq;
    await page.locator(`#rows .row[data-seq="${seq}"][data-operation="GET productOffering"]`).waitFor();
    assert.equal(
      await page.locator('#rows .row').count(),
      ecosystem.recorder.exchanges.filter((x) => x.kind !== 'harness').length,
      'exactly the new wire is drawn',
    );
  });
});

// The live dashboard: a sequence diagram of the wire fed by server-sent events, grouped by run; the
// checklist of a figure run in plain sentences; the inspector of one exchange; what each party holds;
// and a replay player for a saved trace.json (or this session's).
// Every recorded value reaches the page through textContent: payloads never become markup.
// Written in TypeScript, type-checked with the project (tsc --noEmit) and served as JavaScript by
// web/dashboard-script.ts; the type imports below are erased.

import type { Exchange } from '../../harness/exchange.ts';

/** An exchange as the page receives it; a trace.json entry also names the steps it fulfils. */
type WireExchange = Exchange & { readonly steps?: readonly string[] };
/** A documented step in plain words, as /dashboard/flows/:figure lists it. */
interface CatalogueStep {
  readonly id: string;
  readonly api: string;
  readonly sentence: string;
  readonly parties: string;
}
/** A figure run's verdict, as POST /dashboard/run/:figure answers and /dashboard/runs lists it. */
interface FigureRun {
  readonly scenario: string;
  readonly figure: number;
  readonly name: string;
  readonly startedAt?: string;
  readonly ok?: boolean;
  readonly stepsBySeq?: Record<string, readonly string[]>;
  readonly expected?: readonly string[];
  readonly seen: readonly string[];
  readonly missing: readonly string[];
  readonly outOfOrder?: readonly { readonly step: string }[];
  readonly unexpected?: readonly unknown[];
}
type Item = Record<string, unknown>;
/** What a party's state dump holds that the cards show. */
interface PartyData {
  readonly resources?: Record<string, Item[]>;
  readonly settlementNotes?: Item[];
  readonly inbox?: Item[];
  readonly deadLetters?: Item[];
  readonly outbox?: Item[];
  readonly owed?: Item[];
}
/** A card section: its title, one line per item, and whether the title shows the count. */
type Section = readonly [title: string, items: readonly unknown[], counted?: boolean];
type Connection = 'connecting' | 'live' | 'reconnecting' | 'disconnected';

const PARTIES = ['csp', 'car-manufacturer', 'content-provider', 'call-center', 'driver'];
const TITLES: Record<string, string> = {
  csp: 'CSP (telecom operator)',
  'car-manufacturer': 'Car manufacturer (OEM)',
  'content-provider': 'Content provider',
  'call-center': 'Call center',
  driver: 'Driver',
};
const SHORT: Record<string, string> = {
  csp: 'CSP',
  'car-manufacturer': 'Car maker',
  'content-provider': 'Content',
  'call-center': 'Call center',
  driver: 'Driver',
};
const LANE = 100 / PARTIES.length;
const STATE_REFRESH_MS = 400;
/** Exchanges per second at 1× replay speed. */
const REPLAY_RATE = 2;

/** The page's element with this id (the page has them all, or it is broken). */
function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

/** Creates an element with a class and text; text is always set as text. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: unknown): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/** The documented steps in plain words, by id, and the figures' names: loaded once from the harness. */
const catalogue = new Map<string, CatalogueStep>();
const figureNames = new Map<number, string>();
const figureOfStep = (id: string) => Number(String(id).split('.')[0]);

/**
 * The most exchanges the page keeps and draws (`?keep=N` sets it): the newest. A wire under load records
 * thousands a second; a page that kept them all would grow without end. The record keeps them all.
 */
const KEEP = keepOption(new URLSearchParams(location.search).get('keep'));

function keepOption(text: string | null): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : 5000;
}

const live = {
  exchanges: [] as WireExchange[],
  seqs: new Set<number>(),
  /** How many exchanges the page let go (see KEEP). */
  forgotten: 0,
  drawn: 0,
  invalid: 0,
  steps: new Map<number, readonly string[]>(),
  runs: new Map<string, FigureRun>(),
  checklist: null as { figure: number; result: FigureRun } | null,
  follow: false,
};
const replay = {
  active: false,
  exchanges: [] as WireExchange[],
  steps: new Map<number, readonly string[]>(),
  pos: 0,
  timer: null as ReturnType<typeof setInterval> | null,
  source: '',
};
let selectedRow: HTMLElement | null = null;
let connection: Connection = 'connecting';
let running = false;

const currentSteps = () => (replay.active ? replay.steps : live.steps);

// ---- the sequence diagram -------------------------------------------------------------------------

function drawLifelines() {
  for (const party of PARTIES) {
    const head = el('div', 'head');
    head.dataset.party = party;
    head.append(el('span', 'long', TITLES[party]), el('span', 'short', SHORT[party]));
    $('heads').append(head);
    $('filter-party').append(new Option(TITLES[party], party));
  }
}

/** Harness traffic (driving, state dumps) is no exchange between parties: it has no lifeline. */
const isDrawable = (x: WireExchange) => x.kind !== 'harness' && PARTIES.includes(x.from) && PARTIES.includes(x.to);
const isInvalid = (x: WireExchange) => x.valid === false || Number(x.status) >= 500 || x.failure !== undefined;

function stepWords(id: string) {
  const s = catalogue.get(id);
  return s ? `${s.parties}: ${s.sentence}` : `step ${id}`;
}

/** The documented step(s) an exchange fulfils, as a badge and a sentence right under its arrow. */
function labelRow(row: HTMLElement, ids: readonly string[] | undefined) {
  if (!ids?.length || row.dataset.steps) return;
  row.dataset.steps = ids.join(' ');
  const note = el('div', 'step-note');
  for (const id of ids) {
    const line = el('p');
    line.append(el('span', 'badge', id), document.createTextNode(` ${stepWords(id)}`));
    note.append(line);
  }
  note.style.marginLeft = row.querySelector<HTMLElement>('.label')!.style.marginLeft;
  row.querySelector('.track')!.append(note);
  const group = row.closest<HTMLElement>('.run')!;
  const figures = new Set((group.dataset.figures ?? '').split(' ').filter(Boolean));
  for (const id of ids) figures.add(String(figureOfStep(id)));
  group.dataset.figures = [...figures].join(' ');
}

/** Who an exchange went to: the party, or the unit of it addressed (a party telling its own resolution team). */
const calleeOf = (x: WireExchange) => (x.unit ? `${TITLES[x.to]} — ${x.unit.replace('-', ' ')}` : TITLES[x.to]);

function rowOf(exchange: WireExchange) {
  const from = PARTIES.indexOf(exchange.from);
  const to = PARTIES.indexOf(exchange.to);
  const left = (Math.min(from, to) + 0.5) * LANE;
  const row = el('li', `row ${exchange.kind} ${isInvalid(exchange) ? 'invalid' : 'valid'}`);
  row.tabIndex = 0;
  Object.assign(row.dataset, { seq: String(exchange.seq), operation: exchange.operation, api: exchange.api, from: exchange.from, to: exchange.to });
  row.setAttribute(
    'aria-label',
    `Exchange ${exchange.seq}: ${TITLES[exchange.from]} to ${calleeOf(exchange)}, ${exchange.api} ${exchange.operation}, status ${exchange.status}`,
  );
  const track = el('div', 'track');
  const duplicate = exchange.request?.headers?.['x-cch-injected-duplicate'] !== undefined;
  if (duplicate) row.classList.add('duplicate');
  const label = el(
    'div',
    'label',
    `${exchange.api} · ${exchange.operation} → ${exchange.status}${isInvalid(exchange) ? ' ✗' : ''}${exchange.failure ? ` ${exchange.failure}` : ''}${duplicate ? ' · sent twice (injected)' : ''}`,
  );
  label.style.marginLeft = `${Math.min(left, 45)}%`;
  const arrow = el('div', `arrow ${to >= from ? 'ltr' : 'rtl'}`);
  arrow.style.marginLeft = `${left}%`;
  arrow.style.width = `${Math.max(Math.abs(to - from), 0.3) * LANE}%`;
  track.append(label, arrow);
  row.append(el('span', 'seq', exchange.seq), track);
  row.title = `${TITLES[exchange.from]} → ${calleeOf(exchange)}: ${exchange.method} ${exchange.path} (${exchange.status})`;
  row.addEventListener('click', () => open(row, exchange));
  row.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      open(row, exchange, { focus: true });
    }
  });
  return row;
}

function timeOf(iso: string | undefined) {
  return iso ? new Date(iso).toLocaleTimeString('en-GB', { hour12: false }) : '';
}

/** The heading of a run: its flow's name, when it started, and its verdict once known. */
function headText(group: HTMLElement) {
  const scenario = group.dataset.scenario ?? '';
  const run = replay.active ? undefined : live.runs.get(scenario);
  const rows = group.querySelectorAll('.row');
  const invalid = group.querySelectorAll('.row.invalid').length;
  const figures = (group.dataset.figures ?? '').split(' ').filter(Boolean);
  const name = run
    ? `Figure ${run.figure} — ${run.name}`
    : figures.length > 0
      ? `${scenario || 'Outside any scenario'} · ${figures.map((f) => `Figure ${f} — ${figureNames.get(Number(f)) ?? ''}`).join(', ')}`
      : scenario || 'Outside any scenario';
  const verdict = run ? (run.ok === undefined ? 'running…' : run.ok ? 'all documented steps seen ✓' : 'steps missing ✗') : '';
  return [name, timeOf(run?.startedAt ?? group.dataset.startedAt), `${rows.length} exchanges${invalid ? `, ${invalid} invalid` : ''}`, verdict]
    .filter(Boolean)
    .join(' · ');
}

function refreshHead(group: HTMLElement) {
  group.querySelector('.run-head .text')!.textContent = headText(group);
  const run = replay.active ? undefined : live.runs.get(group.dataset.scenario ?? '');
  if (run) group.dataset.figures = String(run.figure);
  group.classList.toggle('ko', run?.ok === false || group.querySelector('.row.invalid') !== null);
}

/** The group of rows of the scenario that is running: the last one, or a new one. */
function groupFor(exchange: WireExchange): HTMLElement {
  const last = $('rows').lastElementChild as HTMLElement | null;
  if (last && last.dataset.scenario === exchange.scenario) return last;
  const group = el('li', 'run');
  group.dataset.scenario = exchange.scenario;
  group.dataset.startedAt = exchange.startedAt ?? '';
  const head = el('button', 'run-head');
  head.type = 'button';
  head.setAttribute('aria-expanded', 'true');
  head.append(el('span', 'chevron', '▾'), el('span', 'text'));
  head.addEventListener('click', () => {
    const collapsed = group.classList.toggle('collapsed');
    head.setAttribute('aria-expanded', String(!collapsed));
    head.querySelector('.chevron')!.textContent = collapsed ? '▸' : '▾';
  });
  group.append(head, el('ol', 'run-rows'));
  $('rows').append(group);
  return group;
}

const apisSeen = new Set<string>();

/** Draws exchanges at the end of the diagram; follows along only when the reader is at the bottom. */
function draw(exchanges: readonly WireExchange[]) {
  const lanes = $('lanes');
  const atBottom = lanes.scrollTop + lanes.clientHeight >= lanes.scrollHeight - 60;
  const touched = new Set<HTMLElement>();
  for (const x of exchanges) {
    if (!isDrawable(x)) continue;
    const group = groupFor(x);
    const row = rowOf(x);
    group.querySelector('.run-rows')!.append(row);
    labelRow(row, currentSteps().get(x.seq));
    row.hidden = !matchesFilters(row);
    touched.add(group);
    if (!apisSeen.has(x.api)) {
      apisSeen.add(x.api);
      $('filter-api').append(new Option(x.api, x.api));
    }
  }
  for (const group of touched) {
    refreshHead(group);
    group.hidden = !groupMatches(group);
  }
  trimRows();
  if ((atBottom || live.follow) && touched.size > 0) stickToEnd(20);
}

/**
 * Keeps the newest row in view. Rows out of view are laid out at an estimated height until they are
 * drawn (content-visibility), so the end moves once they are: follow it for a few frames.
 */
function stickToEnd(frames: number) {
  const lanes = $('lanes');
  lanes.scrollTop = lanes.scrollHeight;
  requestAnimationFrame(() => {
    const atEnd = lanes.scrollTop + lanes.clientHeight >= lanes.scrollHeight - 1;
    if (!atEnd && frames > 0) stickToEnd(frames - 1);
  });
}

function redraw(exchanges: readonly WireExchange[]) {
  $('rows').replaceChildren();
  selectedRow = null;
  draw(exchanges);
}

/** New exchanges wait for the next frame, so a burst costs one layout, not one per exchange. */
const pending: WireExchange[] = [];
function queue(exchange: WireExchange) {
  pending.push(exchange);
  if (pending.length === 1) requestAnimationFrame(() => draw(pending.splice(0)));
}

// ---- filters --------------------------------------------------------------------------------------

function matchesFilters(row: HTMLElement) {
  const party = $<HTMLSelectElement>('filter-party').value;
  const api = $<HTMLSelectElement>('filter-api').value;
  if (party && row.dataset.from !== party && row.dataset.to !== party) return false;
  if (api && row.dataset.api !== api) return false;
  if ($<HTMLInputElement>('filter-documented').checked && !row.dataset.steps) return false;
  if ($<HTMLInputElement>('filter-failures').checked && !row.classList.contains('invalid')) return false;
  return true;
}

function groupMatches(group: HTMLElement) {
  const figure = $<HTMLSelectElement>('filter-figure').value;
  if (figure && !(group.dataset.figures ?? '').split(' ').includes(figure)) return false;
  return group.querySelector('.row:not([hidden])') !== null;
}

function applyFilters() {
  for (const group of groups()) {
    for (const row of group.querySelectorAll<HTMLElement>('.row')) row.hidden = !matchesFilters(row);
    group.hidden = !groupMatches(group);
  }
}

/** The runs drawn in the diagram. */
const groups = () => $('rows').children as HTMLCollectionOf<HTMLElement>;

// ---- the inspector of one exchange ----------------------------------------------------------------

function pretty(body: unknown) {
  if (body === undefined || body === null || body === '') return '(no body)';
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

function fillHeaders(table: HTMLElement, headers: Record<string, string> | undefined) {
  table.replaceChildren();
  for (const [name, value] of Object.entries(headers ?? {})) {
    const tr = el('tr');
    tr.append(el('td', '', name), el('td', '', value));
    table.append(tr);
  }
}

function open(row: HTMLElement, x: WireExchange, { focus = false } = {}) {
  selectedRow?.classList.remove('selected');
  selectedRow = row;
  row.classList.add('selected');
  $('detail').hidden = false;
  $('detail-title').textContent = `#${x.seq} ${x.api} · ${x.operation}`;
  const ids = row.dataset.steps ? row.dataset.steps.split(' ') : [];
  $('detail-step').textContent = ids.length > 0 ? ids.map((id) => `Step ${id} — ${stepWords(id)}`).join(' ') : 'No documented step: supporting traffic.';
  const duration = x.durationMs === undefined ? '' : ` · ${x.durationMs} ms`;
  const steps = ids.length > 0 ? ` · fulfils step ${ids.join(' ')}` : '';
  $('detail-meta').textContent =
    `${TITLES[x.from]} → ${calleeOf(x)} · ${x.kind} · ${x.method} ${x.path} · status ${x.status}${duration}${x.failure ? ` · ${x.failure}` : ''}${steps}`;
  const errors = $('detail-errors');
  errors.replaceChildren();
  const issues = Array.isArray(x.errors) ? x.errors : [];
  if (issues.length > 0 || isInvalid(x)) {
    errors.append(el('p', 'verdict-ko', issues.length > 0 ? `${issues.length} validation error(s)` : `status ${x.status}`));
    const list = el('ul', 'errors');
    for (const e of issues) {
      const li = el('li');
      li.append(el('code', '', `${e.where} ${e.path || '/'}`), document.createTextNode(' — rule '), el('code', '', e.rule));
      li.append(document.createTextNode(`: ${e.message} (${e.schema})`));
      list.append(li);
    }
    errors.append(list);
  } else {
    errors.append(el('p', 'verdict-ok', 'valid'));
  }
  fillHeaders($('detail-request-headers'), x.request?.headers);
  $('detail-request-body').textContent = pretty(x.request?.body);
  fillHeaders($('detail-response-headers'), x.response?.headers);
  $('detail-response-body').textContent = pretty(x.response?.body);
  if (focus) {
    $('detail').scrollIntoView({ block: 'nearest' });
    $('detail-title').focus();
  }
}

function closeInspector({ refocus = true } = {}) {
  if ($('detail').hidden) return;
  $('detail').hidden = true;
  selectedRow?.classList.remove('selected');
  if (refocus) selectedRow?.focus();
}

// ---- the live feed and the connection -------------------------------------------------------------

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function receive(exchange: WireExchange) {
  if (live.seqs.has(exchange.seq)) return;
  live.seqs.add(exchange.seq);
  live.exchanges.push(exchange);
  if (live.exchanges.length > KEEP) forgetOldest(live.exchanges.length - KEEP);
  // Counted as they come: recounting every exchange on each one would slow a long session down.
  if (isDrawable(exchange)) {
    live.drawn += 1;
    if (isInvalid(exchange)) live.invalid += 1;
  }
  if (!replay.active) queue(exchange);
  // State dumps travel as harness traffic: refreshing on those would refresh for ever.
  if (exchange.kind !== 'harness' && !replay.active) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshParties, STATE_REFRESH_MS);
  }
  showCount();
}

/** Lets the oldest exchanges go: from the page's memory, and their rows from the diagram (the replay of this session starts after them). */
function forgetOldest(count: number) {
  for (const x of live.exchanges.splice(0, count)) live.seqs.delete(x.seq);
  live.forgotten += count;
}

/** Takes the oldest rows out of the diagram past KEEP, and the runs they leave empty. */
function trimRows() {
  let excess = $('rows').querySelectorAll('.row').length - KEEP;
  for (const group of Array.from(groups())) {
    if (excess <= 0) break;
    const rows = group.querySelectorAll('.row');
    const gone = Math.min(excess, rows.length);
    for (let i = 0; i < gone; i++) rows[i].remove();
    excess -= gone;
    if (gone === rows.length) group.remove();
    else refreshHead(group);
  }
}

function showCount() {
  if (replay.active) return;
  const kept = live.forgotten > 0 ? ` This page keeps the latest ${KEEP}; the whole record is in /dashboard/trace.json.` : '';
  $('live-count').textContent = `Live: ${live.drawn} exchanges between parties, ${live.invalid} invalid.${kept}`;
}

function setStatus(text: string, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: '● Live',
  reconnecting: '◌ Reconnecting…',
  disconnected: '✕ Disconnected — the harness is not answering; retrying',
};

function setConnection(state: Connection) {
  connection = state;
  $('connection').textContent = CONNECTION_TEXT[state];
  $('connection').className = `connection ${state}`;
  enableButtons();
}

function enableButtons() {
  for (const b of document.querySelectorAll<HTMLButtonElement>('#figures button'))
    b.disabled = connection !== 'live' || running || b.dataset.runnable !== 'true';
  $<HTMLButtonElement>('replay-session').disabled = connection !== 'live';
}

function resetLive() {
  Object.assign(live, { exchanges: [], forgotten: 0, drawn: 0, invalid: 0, checklist: null });
  live.seqs.clear();
  live.steps.clear();
  live.runs.clear();
  if (!replay.active) redraw([]);
}

async function loadHistory() {
  const [exchanges, runs] = await Promise.all([fetchJson<WireExchange[]>(`/dashboard/exchanges?last=${KEEP}`), fetchJson<FigureRun[]>('/dashboard/runs')]);
  rememberRuns(runs);
  for (const x of exchanges) receive(x);
}

function rememberRuns(runs: readonly FigureRun[]) {
  for (const run of runs) {
    live.runs.set(run.scenario, run);
    for (const [seq, ids] of Object.entries(run.stepsBySeq ?? {})) live.steps.set(Number(seq), ids);
  }
}

async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(body.message ?? `${response.status}`), { body });
  return body as T;
}

/** Listens first and loads the history second, so nothing completes unseen in between. */
function connect() {
  const buffered: WireExchange[] = [];
  let loaded = false;
  const events = new EventSource('/dashboard/events');
  events.addEventListener('exchange', (message: MessageEvent<string>) => {
    const exchange = JSON.parse(message.data) as WireExchange;
    if (loaded) receive(exchange);
    else buffered.push(exchange);
  });
  // The harness leaves exchanges out of a feed that falls behind (web/live-feed.ts), then says which.
  events.addEventListener('skipped', (message: MessageEvent<string>) => {
    const { count, first, last } = JSON.parse(message.data) as { count: number; first: number; last: number };
    setStatus(`${count} exchanges (${first}–${last}) were not shown live: this page fell behind the wire. The record keeps them: /dashboard/trace.json.`, true);
  });
  events.addEventListener('open', async () => {
    try {
      // After an outage the harness may have restarted, numbering its exchanges from 1 again: start over.
      if (connection !== 'connecting') resetLive();
      await loadHistory();
      loaded = true;
      for (const x of buffered.splice(0)) receive(x);
      showCount();
      setConnection('live');
      showFaults(await fetchJson<Faults>('/dashboard/faults'));
    } catch {
      setConnection('disconnected');
    }
  });
  events.addEventListener('error', async () => {
    loaded = false;
    setConnection('reconnecting');
    const answering = await fetch('/dashboard/ping', { cache: 'no-store' }).then(
      (r) => r.ok,
      () => false,
    );
    if (!answering) setConnection('disconnected');
    // A closed stream (the server answered with an error) is not retried by the browser: start again.
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
  });
}

// ---- figure runs and the step checklist -----------------------------------------------------------

async function loadCatalogue() {
  const figures = await fetchJson<{ figure: number; name: string; runnable: boolean }[]>('/dashboard/figures');
  await Promise.all(
    figures.map(async ({ figure, name }) => {
      figureNames.set(figure, name);
      for (const s of await fetchJson<CatalogueStep[]>(`/dashboard/flows/${figure}`)) catalogue.set(s.id, s);
    }),
  );
  for (const { figure, name, runnable } of figures) {
    const button = el('button', 'figure');
    button.type = 'button';
    button.dataset.figure = String(figure);
    button.dataset.runnable = String(runnable);
    button.append(el('span', 'num', `Figure ${figure}`), el('span', 'name', name));
    button.addEventListener('click', () => runFigure(button));
    $('figures').append(button);
    $('filter-figure').append(new Option(`Figure ${figure} — ${name}`, String(figure)));
  }
  enableButtons();
}

async function runFigure(button: HTMLButtonElement) {
  const figure = Number(button.dataset.figure);
  const heading = `Figure ${figure} — ${figureNames.get(figure)}`;
  running = true;
  // The audience asked for this run: the diagram follows it, wherever the reader had scrolled.
  live.follow = true;
  closeInspector({ refocus: false });
  enableButtons();
  button.classList.add('running');
  setStatus(`Running ${heading}…`);
  showChecklist(figure, new Map(), 'Running…');
  try {
    const response = await fetch(`/dashboard/run/${figure}`, { method: 'POST' });
    const body = (await response.json()) as FigureRun & { reason?: string; message?: string };
    if (!response.ok) {
      setStatus(`${heading}: ${body.reason ?? 'failed'} — ${body.message ?? response.status}`, true);
      $('checklist-hint').textContent = `${heading} was not run.`;
      return;
    }
    rememberRuns([body]);
    live.checklist = { figure, result: body };
    if (!replay.active) markSteps(figure, body);
    setStatus(`${heading} ran: ${body.seen.length} steps seen, ${body.missing.length} missing${body.ok ? '' : ' — see the checklist'}.`, !body.ok);
  } catch {
    setStatus(`${heading} could not run: the harness is not answering. Start it again (cch up) and retry.`, true);
    $('checklist-hint').textContent = `${heading} was not run.`;
  } finally {
    running = false;
    live.follow = false;
    enableButtons();
    button.classList.remove('running');
    if (!replay.active) refreshParties();
  }
}

/** Labels the rows already drawn with the steps they fulfil, and re-heads their runs. */
function labelDrawn(steps: ReadonlyMap<number, readonly string[]>) {
  const lanes = $('lanes');
  const atBottom = lanes.scrollTop + lanes.clientHeight >= lanes.scrollHeight - 60;
  for (const group of groups()) {
    for (const row of group.querySelectorAll<HTMLElement>('.row')) labelRow(row, steps.get(Number(row.dataset.seq)));
    refreshHead(group);
    group.hidden = !groupMatches(group);
  }
  // Labels make rows taller: a reader following the end keeps seeing it.
  if (atBottom || live.follow) stickToEnd(20);
}

/** The checklist of a figure: each step's state, sentence and parties. */
function showChecklist(figure: number, states: ReadonlyMap<string, string>, hint: string) {
  $('checklist-title').textContent = `Figure ${figure} — ${figureNames.get(figure) ?? ''}: steps`;
  $('checklist-hint').textContent = hint;
  const list = $('checklist');
  list.replaceChildren();
  for (const s of catalogue.values()) {
    if (figureOfStep(s.id) !== figure) continue;
    const state = states.get(s.id) ?? 'pending';
    const li = el('li', state.replace(' ', '-'));
    li.dataset.step = s.id;
    li.append(el('span', 'mark', state), el('span', 'badge', s.id), el('span', 'parties', s.parties), el('p', 'sentence', s.sentence));
    li.title = s.api;
    list.append(li);
  }
}

function markSteps(figure: number, result: FigureRun) {
  labelDrawn(live.steps);
  const states = new Map<string, string>();
  for (const s of catalogue.values()) {
    if (figureOfStep(s.id) !== figure) continue;
    // A step of a branch this run did not take is neither seen nor missing.
    states.set(s.id, (result.expected ?? []).includes(s.id) ? 'not covered' : 'other branch');
  }
  for (const id of result.seen) states.set(id, 'seen');
  for (const id of result.missing) states.set(id, 'missing');
  for (const o of result.outOfOrder ?? []) states.set(o.step, 'out of order');
  const extra = (result.unexpected?.length ?? 0) > 0 ? `, ${result.unexpected?.length} unexpected exchange(s)` : '';
  showChecklist(figure, states, `${result.ok ? 'All documented steps seen' : 'Steps missing or out of order'}${extra}.`);
}

// ---- what each party holds ------------------------------------------------------------------------

const lastState = new Map<string, unknown>();

function drawParties() {
  for (const party of PARTIES) {
    const card = el('article', 'party');
    card.id = `party-${party}`;
    const raw = el('details', 'raw');
    raw.append(el('summary', '', 'Raw state (JSON)'), el('pre', 'json'));
    raw.addEventListener('toggle', () => {
      if (raw.open) raw.querySelector('pre')!.textContent = JSON.stringify(lastState.get(party) ?? {}, null, 2);
    });
    const head = el('div', 'card-head');
    head.append(el('h3', '', TITLES[party]), faultPicker(party));
    card.append(head, el('p', 'clock'), el('div', 'facts empty', 'loading…'), raw);
    $('parties').append(card);
  }
}

// ---- faults injected on the wire, for demos -------------------------------------------------------

const FAULTS: readonly (readonly [kind: string, text: string])[] = [
  ['', 'no fault'],
  ['down', 'down: unreachable'],
  ['delay', 'its events 2 s late'],
  ['duplicate', 'its events sent twice'],
];
type Faults = Record<string, { readonly kind: string } | undefined>;
const FAULT_BODIES: Record<string, object> = { down: { kind: 'down' }, delay: { kind: 'delay', ms: 2000 }, duplicate: { kind: 'duplicate' } };

function faultPicker(party: string) {
  const label = el('label', 'fault', 'Inject ');
  const select = el('select');
  select.id = `fault-${party}`;
  for (const [value, text] of FAULTS) select.append(new Option(text, value));
  select.addEventListener('change', () => setFault(party, select.value));
  label.append(select);
  return label;
}

async function setFault(party: string, kind: string) {
  try {
    const init = kind ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(FAULT_BODIES[kind]) } : { method: 'DELETE' };
    showFaults(await fetchJson<Faults>(`/dashboard/faults/${party}`, init));
    setStatus(kind ? `${TITLES[party]}: ${FAULTS.find(([v]) => v === kind)?.[1]} (injected on the wire).` : `${TITLES[party]}: fault cleared.`);
  } catch (error) {
    setStatus(`Cannot change the fault of ${TITLES[party]}: ${connection === 'live' ? (error as Error).message : 'the harness is not answering'}.`, true);
  }
}

function showFaults(faults: Faults) {
  for (const party of PARTIES) {
    const kind = faults[party]?.kind ?? '';
    $<HTMLSelectElement>(`fault-${party}`).value = kind;
    $(`party-${party}`).classList.toggle('faulty', kind !== '');
  }
}

function money(m: unknown, currency?: unknown) {
  if (m === undefined || m === null) return '';
  if (typeof m === 'object') {
    const { value, unit } = m as { value?: unknown; unit?: unknown };
    return `${value} ${unit ?? ''}`.trim();
  }
  return `${m} ${currency ?? ''}`.trim();
}

const join = (...parts: unknown[]) => parts.filter((p) => p !== undefined && p !== null && p !== '').join(' · ');
const resources = (data: PartyData, key: string): Item[] => data.resources?.[key] ?? [];

/** The business facts a card lists, from the party's state: title, then one line per item. */
function factsOf(data: PartyData): Section[] {
  const sections: Section[] = [
    ['Bills', resources(data, 'TMF678.customerBill').map((b) => join(b.billNo ?? b.id, money(b.amountDue ?? b.taxIncludedAmount), b.state))],
    ['Orders', resources(data, 'TMF622.productOrder').map((o) => join(o.id, o.description ?? o.category, o.state))],
    ['Products', resources(data, 'TMF637.product').map((p) => join(p.name ?? p.id, p.status))],
    ['Trouble tickets', resources(data, 'TMF621.troubleTicket').map((t) => join(t.id, t.name ?? t.description, t.severity, t.status))],
    ['SLA violations', resources(data, 'TMF623.slaViolation').map((v) => join(v.id, v.description ?? v.name))],
    [
      'Settlement notes',
      [...resources(data, 'BillingV2.settlementNoteAdvice'), ...(data.settlementNotes ?? [])].map((n) =>
        join(n.description ?? n.id, money(n.taxIncludedAmount ?? n.taxExcludedAmount, n.currencyCode), n.state),
      ),
    ],
    ['Payments', resources(data, 'TMF676.payment').map((p) => join(p.name ?? p.id, money(p.totalAmount ?? p.amount), p.status))],
    ['Inbox', (data.inbox ?? []).map((m) => m.subject ?? m.topic ?? m.id)],
    // A notifier that gives up on an event parks it as a dead letter: the audience should see it.
    [
      'Undelivered events',
      [...(data.deadLetters ?? []), ...(data.outbox ?? []).filter((o) => o.state === 'dead')].map((o) =>
        join(o.eventName ?? o.eventId, o.subscriber, o.reason ?? o.lastError),
      ),
    ],
    // An owed effect (a message, a control) given up after its retries: shown like an undelivered event.
    ['Effects given up', (data.owed ?? []).filter((o) => o.state === 'dead').map((o) => join(o.kind, o.key, o.lastError))],
  ];
  const usage = resources(data, 'TMF635.usage');
  if (usage.length > 0) {
    const byStatus: Record<string, number> = {};
    for (const u of usage) byStatus[String(u.status)] = (byStatus[String(u.status)] ?? 0) + 1;
    sections.push([
      'Usage records',
      [
        `${usage.length} records: ${Object.entries(byStatus)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ')}`,
      ],
    ]);
  }
  const pendingEvents = (data.outbox ?? []).filter((o) => o.state === 'pending').length;
  if (pendingEvents > 0) sections.push(['Events waiting to be delivered', [`${pendingEvents}`]]);
  const pendingEffects = (data.owed ?? []).filter((o) => o.state === 'pending').length;
  if (pendingEffects > 0) sections.push(['Effects owed, not yet done', [`${pendingEffects}`]]);
  return sections.filter(([, items]) => items.length > 0);
}

function factsBox(sections: readonly Section[], emptyText: string) {
  const box = el('div', 'facts');
  if (sections.length === 0) box.append(el('p', 'empty', emptyText));
  for (const [title, items, counted = true] of sections) {
    box.append(el('h4', '', counted ? `${title} (${items.length})` : title));
    const ul = el('ul');
    for (const item of items.slice(-5)) ul.append(el('li', '', item));
    if (items.length > 5) ul.append(el('li', 'more', `… and ${items.length - 5} earlier`));
    box.append(ul);
  }
  return box;
}

function simulatedDate(iso: string | undefined) {
  if (!iso) return 'Simulated date: unknown';
  const d = new Date(iso);
  return `Simulated date: ${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })} ${iso.slice(11, 16)} UTC`;
}

async function refreshParty(party: string) {
  const card = $(`party-${party}`);
  try {
    const state = await fetchJson<{ now?: string; data?: PartyData }>(`/dashboard/state/${party}`);
    if (replay.active) return;
    lastState.set(party, state);
    card.querySelector('.clock')!.textContent = simulatedDate(state.now);
    card.querySelector('.facts')!.replaceWith(factsBox(factsOf(state.data ?? {}), 'Nothing yet: run a flow.'));
    const raw = card.querySelector('details')!;
    if (raw.open) raw.querySelector('pre')!.textContent = JSON.stringify(state, null, 2);
  } catch (error) {
    if (replay.active) return;
    card
      .querySelector('.facts')!
      .replaceWith(el('div', 'facts empty', `unavailable: ${connection === 'live' ? (error as Error).message : 'the harness is not answering'}`));
  }
}

function refreshParties() {
  $('parties-mode').textContent = '(live)';
  return Promise.all(PARTIES.map(refreshParty));
}

// ---- replay ---------------------------------------------------------------------------------------

function startReplay(trace: unknown, source: string) {
  if (!Array.isArray(trace)) throw new Error('a trace.json holds an array of exchanges');
  const entries = trace as WireExchange[];
  pause();
  replay.active = true;
  replay.exchanges = entries.filter(isDrawable).toSorted((a, b) => a.seq - b.seq);
  replay.steps = new Map(entries.flatMap((x) => (Array.isArray(x.steps) ? [[x.seq, x.steps] as const] : [])));
  replay.pos = 0;
  replay.source = source;
  const jump = $<HTMLSelectElement>('replay-jump');
  jump.replaceChildren(new Option('scenario or step…', ''));
  const scenarios = new Set<string>();
  const steps = new Set<string>();
  replay.exchanges.forEach((x, i) => {
    if (!scenarios.has(x.scenario)) {
      scenarios.add(x.scenario);
      jump.append(new Option(`Scenario: ${x.scenario || 'outside any scenario'}`, String(i + 1)));
    }
    for (const id of replay.steps.get(x.seq) ?? []) {
      if (steps.has(`${x.scenario} ${id}`)) continue;
      steps.add(`${x.scenario} ${id}`);
      jump.append(new Option(`  Step ${id} — ${catalogue.get(id)?.sentence ?? ''}`, String(i + 1)));
    }
  });
  $<HTMLInputElement>('replay-timeline').max = String(replay.exchanges.length);
  $('player').hidden = false;
  $('detail').hidden = true;
  $('rows').replaceChildren();
  setStatus('');
  seek(0);
}

/** Shows the replay at `pos` exchanges: diagram, selection, checklist and party cards of that moment. */
function seek(pos: number) {
  pos = Math.max(0, Math.min(pos, replay.exchanges.length));
  if (pos === replay.pos + 1) draw([replay.exchanges[replay.pos]]);
  else if (pos === replay.pos - 1) {
    const rows = $('rows').querySelectorAll('.row');
    const last = rows[rows.length - 1];
    const group = last?.closest<HTMLElement>('.run');
    last?.remove();
    if (group && !group.querySelector('.row')) group.remove();
    else if (group) refreshHead(group);
  } else redraw(replay.exchanges.slice(0, pos));
  replay.pos = pos;
  const rows = $('rows').querySelectorAll<HTMLElement>('.row');
  const current = replay.exchanges[pos - 1];
  if (current && rows.length > 0) open(rows[rows.length - 1], current);
  else $('detail').hidden = true;
  showReplayMoment(current);
}

function showReplayMoment(current: WireExchange | undefined) {
  const n = replay.exchanges.length;
  $<HTMLButtonElement>('replay-prev').disabled = replay.pos === 0;
  $<HTMLButtonElement>('replay-next').disabled = replay.pos >= n;
  $<HTMLInputElement>('replay-timeline').value = String(replay.pos);
  $('replay-position').textContent = `${replay.pos} / ${n}`;
  $('live-count').textContent =
    `Replaying ${replay.source}: exchange ${replay.pos} of ${n}${current ? ` (${current.scenario || 'outside any scenario'})` : ''}.`;
  const shown = replay.exchanges.slice(0, replay.pos).filter((x) => !current || x.scenario === current.scenario);
  const seen = new Map<string, string>();
  for (const x of shown) for (const id of replay.steps.get(x.seq) ?? []) seen.set(id, 'seen');
  const figures = [...new Set([...seen.keys()].map(figureOfStep))];
  const figure = figures.at(-1);
  // A party's internal work leaves no exchange: a trace cannot show it happen.
  for (const s of catalogue.values()) if (!seen.has(s.id) && s.parties.endsWith('(internal)')) seen.set(s.id, 'internal');
  if (figure)
    showChecklist(
      figure,
      seen,
      `Replayed moment: ${[...seen.values()].filter((v) => v === 'seen').length} documented step(s) seen so far in this scenario; internal steps leave no message to replay.`,
    );
  else {
    $('checklist-title').textContent = 'Flow steps';
    $('checklist-hint').textContent = 'Replayed moment: no documented step yet.';
    $('checklist').replaceChildren();
  }
  showReplayParties(replay.exchanges.slice(0, replay.pos));
}

/** One message of a party as its card lists it: number, direction, operation, the steps it fulfils. */
function replayLine(party: string, x: WireExchange) {
  const direction = x.from === party ? `to ${SHORT[x.to]}` : `from ${SHORT[x.from]}`;
  const steps = (replay.steps.get(x.seq) ?? []).map((id) => `step ${id}: ${catalogue.get(id)?.sentence ?? ''}`).join('; ');
  return join(`#${x.seq} ${direction}`, x.operation, steps);
}

/** The party cards of the replayed moment: what each party sent and received so far. */
function showReplayParties(shown: readonly WireExchange[]) {
  $('parties-mode').textContent = `(replayed moment: exchange ${replay.pos} of ${replay.exchanges.length})`;
  for (const party of PARTIES) {
    const card = $(`party-${party}`);
    const own = shown.filter((x) => x.from === party || x.to === party);
    const sent = own.filter((x) => x.from === party).length;
    card.querySelector('.clock')!.textContent = `Recorded at ${timeOf(own.at(-1)?.startedAt) || '—'} (a trace holds no simulated date)`;
    const sections: Section[] =
      own.length === 0
        ? []
        : [
            ['Messages so far', [`${sent} sent, ${own.length - sent} received`], false],
            ['Latest messages', own.slice(-5).map((x) => replayLine(party, x)), false],
          ];
    card.querySelector('.facts')!.replaceWith(factsBox(sections, 'No message yet at this moment.'));
  }
}

function play() {
  if (replay.pos >= replay.exchanges.length) seek(0);
  const speed = Number($<HTMLSelectElement>('replay-speed').value);
  replay.timer = setInterval(
    () => {
      if (replay.pos >= replay.exchanges.length) pause();
      else seek(replay.pos + 1);
    },
    1000 / (REPLAY_RATE * speed),
  );
  $('replay-play').textContent = '⏸ Pause';
  $('replay-play').setAttribute('aria-pressed', 'true');
}

function pause() {
  clearInterval(replay.timer ?? undefined);
  replay.timer = null;
  $('replay-play').textContent = '▶ Play';
  $('replay-play').setAttribute('aria-pressed', 'false');
}

const togglePlay = () => (replay.timer ? pause() : play());

function backToLive() {
  pause();
  replay.active = false;
  $<HTMLInputElement>('trace-file').value = '';
  $('player').hidden = true;
  $('detail').hidden = true;
  redraw(live.exchanges);
  if (live.checklist) markSteps(live.checklist.figure, live.checklist.result);
  else showChecklist(7, new Map(), 'Run a flow to check its documented steps.');
  setStatus('');
  showCount();
  refreshParties();
}

async function loadTraceFile(file: File) {
  try {
    const parsed = JSON.parse(await file.text()) as unknown;
    startReplay(Array.isArray(parsed) ? parsed : (parsed as { exchanges?: unknown } | null)?.exchanges, file.name);
  } catch (error) {
    setStatus(`Cannot replay ${file.name}: ${(error as Error).message}`, true);
  }
}

async function replaySession() {
  try {
    startReplay(await fetchJson('/dashboard/trace.json'), 'this session');
  } catch {
    setStatus('Cannot replay this session: the harness is not answering.', true);
  }
}

// ---- wiring ---------------------------------------------------------------------------------------

function onKey(event: KeyboardEvent) {
  const target = event.target as Element | null;
  if (event.key === 'Escape') {
    closeInspector();
    return;
  }
  if (!replay.active || target?.closest?.('input, select, textarea')) return;
  if (event.key === 'ArrowRight') seek(replay.pos + 1);
  else if (event.key === 'ArrowLeft') seek(replay.pos - 1);
  else if (event.key === ' ' && !target?.closest?.('button')) togglePlay();
  else return;
  event.preventDefault();
}

drawLifelines();
drawParties();
for (const id of ['filter-figure', 'filter-party', 'filter-api', 'filter-documented', 'filter-failures']) $(id).addEventListener('change', applyFilters);
$<HTMLInputElement>('trace-file').addEventListener('change', (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file) loadTraceFile(file);
});
$('replay-session').addEventListener('click', replaySession);
$('replay-play').addEventListener('click', togglePlay);
$('replay-prev').addEventListener('click', () => seek(replay.pos - 1));
$('replay-next').addEventListener('click', () => seek(replay.pos + 1));
$<HTMLInputElement>('replay-timeline').addEventListener('input', (e) => seek(Number((e.target as HTMLInputElement).value)));
$('replay-speed').addEventListener('change', () => {
  if (replay.timer) {
    pause();
    play();
  }
});
$<HTMLSelectElement>('replay-jump').addEventListener('change', (e) => {
  const jump = e.target as HTMLSelectElement;
  if (jump.value) seek(Number(jump.value));
  jump.value = '';
});
$('replay-live').addEventListener('click', backToLive);
$('detail-close').addEventListener('click', () => closeInspector());
document.addEventListener('keydown', onKey);
loadCatalogue()
  .then(() => {
    connect();
    return refreshParties();
  })
  .catch(() => setConnection('disconnected'));

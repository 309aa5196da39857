// The live dashboard: a sequence diagram of the wire fed by server-sent events, the flow checklist of a
// figure run, exchange details, the parties' state, and a replay of a saved trace.json.
// Every recorded value reaches the page through textContent: payloads never become markup.

const PARTIES = ['csp', 'car-manufacturer', 'content-provider', 'call-center', 'driver'];
const TITLES = {
  csp: 'CSP',
  'car-manufacturer': 'Car manufacturer',
  'content-provider': 'Content provider',
  'call-center': 'Call center',
  driver: 'Driver',
};
const LANE = 100 / PARTIES.length;
const STATE_REFRESH_MS = 400;

const $ = (id) => document.getElementById(id);

/** Creates an element with a class and text; text is always set as text. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  return node;
}

const live = { exchanges: [], seqs: new Set() };
const replay = { active: false, exchanges: [], shown: 0 };
let selectedRow = null;

// ---- the sequence diagram -------------------------------------------------------------------------

function drawLifelines() {
  for (const party of PARTIES) {
    const head = el('div', 'head', TITLES[party]);
    head.dataset.party = party;
    head.title = party;
    $('heads').append(head);
    $('lifelines').append(el('div'));
  }
}

/** Harness traffic (driving, state dumps) is no exchange between parties: it has no lifeline. */
const isDrawable = (x) => x.kind !== 'harness' && PARTIES.includes(x.from) && PARTIES.includes(x.to);
const isInvalid = (x) => x.valid === false || Number(x.status) >= 500;

function rowOf(exchange) {
  const from = PARTIES.indexOf(exchange.from);
  const to = PARTIES.indexOf(exchange.to);
  const row = el('li', `row ${exchange.kind} ${isInvalid(exchange) ? 'invalid' : 'valid'}`);
  row.dataset.seq = String(exchange.seq);
  row.dataset.operation = String(exchange.operation);
  row.append(el('span', 'seq', exchange.seq));
  const arrow = el('div', `arrow ${to >= from ? 'ltr' : 'rtl'}`);
  arrow.style.left = `${(Math.min(from, to) + 0.5) * LANE}%`;
  arrow.style.width = `${Math.max(Math.abs(to - from), 0.3) * LANE}%`;
  const label = el('span', 'label', `${exchange.api} · ${exchange.operation} → ${exchange.status}`);
  row.title = `${exchange.from} → ${exchange.to}: ${exchange.method} ${exchange.path} (${exchange.status})`;
  arrow.append(label);
  row.append(arrow);
  row.addEventListener('click', () => select(row, exchange));
  return row;
}

/** Appends one row; scrolls along only when the reader is already at the bottom. */
function append(exchange) {
  if (!isDrawable(exchange)) return null;
  const lanes = $('lanes');
  const atBottom = lanes.scrollTop + lanes.clientHeight >= lanes.scrollHeight - 40;
  const row = rowOf(exchange);
  $('rows').append(row);
  if (atBottom) lanes.scrollTop = lanes.scrollHeight;
  return row;
}

function redraw(exchanges) {
  $('rows').replaceChildren();
  const fragment = document.createDocumentFragment();
  for (const x of exchanges) if (isDrawable(x)) fragment.append(rowOf(x));
  $('rows').append(fragment);
}

// ---- exchange details -----------------------------------------------------------------------------

function pretty(body) {
  if (body === undefined || body === null || body === '') return '(no body)';
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

function fillHeaders(table, headers) {
  table.replaceChildren();
  for (const [name, value] of Object.entries(headers ?? {})) {
    const tr = el('tr');
    tr.append(el('td', '', name), el('td', '', value));
    table.append(tr);
  }
}

function select(row, x) {
  selectedRow?.classList.remove('selected');
  selectedRow = row;
  row.classList.add('selected');
  $('detail').hidden = false;
  $('detail-title').textContent = `#${x.seq} ${x.api} · ${x.operation}`;
  const duration = x.durationMs === undefined ? '' : ` · ${x.durationMs} ms`;
  const steps = row.dataset.steps ? ` · fulfils step ${row.dataset.steps}` : '';
  $('detail-meta').textContent = `${x.from} → ${x.to} · ${x.kind} · ${x.method} ${x.path} · status ${x.status}${duration}${x.failure ? ` · ${x.failure}` : ''}${steps}`;
  const errors = $('detail-errors');
  errors.replaceChildren();
  const issues = Array.isArray(x.errors) ? x.errors : [];
  if (issues.length > 0 || isInvalid(x)) {
    errors.append(el('p', 'verdict-ko', issues.length > 0 ? `${issues.length} validation error(s)` : `status ${x.status}`));
    const list = el('ul', 'errors');
    for (const e of issues) {
      const li = el('li');
      li.append(el('code', '', `${e.where} ${e.path || '/'}`), document.createTextNode(` — rule `), el('code', '', e.rule));
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
}

// ---- the live feed --------------------------------------------------------------------------------

let refreshTimer;

function receive(exchange) {
  if (live.seqs.has(exchange.seq)) return;
  live.seqs.add(exchange.seq);
  live.exchanges.push(exchange);
  if (!replay.active) append(exchange);
  // State dumps travel as harness traffic: refreshing on those would refresh for ever.
  if (exchange.kind !== 'harness') {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshParties, STATE_REFRESH_MS);
  }
  showCount();
}

function showCount() {
  if (replay.active) return;
  const drawn = live.exchanges.filter(isDrawable);
  const invalid = drawn.filter(isInvalid).length;
  $('live-count').textContent = `Live: ${drawn.length} exchanges between parties, ${invalid} invalid.`;
}

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

/** Listens first and loads the history second, so nothing completes unseen in between. */
async function connect() {
  const buffered = [];
  let loaded = false;
  const events = new EventSource('/dashboard/events');
  events.addEventListener('exchange', (message) => {
    const exchange = JSON.parse(message.data);
    if (loaded) receive(exchange);
    else buffered.push(exchange);
  });
  const response = await fetch('/dashboard/exchanges');
  const history = await response.json();
  for (const x of history) receive(x);
  loaded = true;
  for (const x of buffered) receive(x);
  showCount();
}

// ---- figure runs and the step checklist -----------------------------------------------------------

async function runFigure(button) {
  const figure = button.dataset.figure;
  const buttons = [...document.querySelectorAll('#figures button')];
  buttons.forEach((b) => (b.disabled = true));
  button.classList.add('running');
  setStatus(`Running figure ${figure}…`);
  try {
    const steps = await (await fetch(`/dashboard/flows/${figure}`)).json();
    showSteps(figure, steps);
    const response = await fetch(`/dashboard/run/${figure}`, { method: 'POST' });
    const body = await response.json();
    if (!response.ok) {
      setStatus(`Figure ${figure}: ${body.reason ?? 'failed'} — ${body.message ?? response.status}`, true);
      $('checklist-hint').textContent = `Figure ${figure} was not run.`;
      return;
    }
    markSteps(body);
    setStatus(`Figure ${figure} ran: ${body.seen.length} steps seen, ${body.missing.length} missing${body.ok ? '' : ' — see the checklist'}.`, !body.ok);
  } catch (error) {
    setStatus(`Figure ${figure} failed: ${error.message}`, true);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    button.classList.remove('running');
    refreshParties();
  }
}

/** Each exchange of the run shows the documented step(s) it fulfils, next to its number. */
function labelExchanges(stepsBySeq) {
  for (const [seq, steps] of Object.entries(stepsBySeq)) {
    const row = document.querySelector(`#rows .row[data-seq="${seq}"]`);
    if (!row || row.dataset.steps) continue;
    row.dataset.steps = steps.join(' ');
    row.querySelector('.seq').after(el('span', 'steps', steps.join(' ')));
  }
}

function showSteps(figure, steps) {
  $('checklist-title').textContent = `Figure ${figure} — steps`;
  $('checklist-hint').textContent = 'Running…';
  const list = $('checklist');
  list.replaceChildren();
  for (const s of steps) {
    const li = el('li', 'pending');
    li.dataset.step = s.id;
    li.append(el('span', 'mark', 'pending'), el('strong', '', s.id), document.createTextNode(` ${s.title}`));
    li.title = s.rule;
    list.append(li);
  }
}

function markSteps(result) {
  labelExchanges(result.stepsBySeq ?? {});
  const status = new Map();
  for (const id of result.seen) status.set(id, 'seen');
  for (const id of result.missing) status.set(id, 'missing');
  for (const o of result.outOfOrder) status.set(o.step, 'out-of-order');
  for (const li of $('checklist').children) {
    // A step of a branch this run did not take is neither seen nor missing.
    const state = status.get(li.dataset.step) ?? (result.expected.includes(li.dataset.step) ? 'not covered' : 'other branch');
    li.className = state.replace(' ', '-');
    li.querySelector('.mark').textContent = state;
  }
  const extra = result.unexpected.length > 0 ? `, ${result.unexpected.length} unexpected exchange(s)` : '';
  $('checklist-hint').textContent = `${result.ok ? 'All documented steps seen' : 'Steps missing or out of order'}${extra}.`;
}

// ---- the parties' state ---------------------------------------------------------------------------

function drawParties() {
  for (const party of PARTIES) {
    const card = el('article', 'party');
    card.id = `party-${party}`;
    const h = el('h2', '', TITLES[party]);
    h.append(el('span', 'clock'));
    card.append(h, el('div', 'summary empty', 'loading…'));
    $('parties').append(card);
  }
}

const money = (m) => (m && typeof m === 'object' ? `${m.value} ${m.unit}` : '');

function summaryOf(state) {
  const data = state.data ?? {};
  const box = el('div', 'summary');
  const dl = el('dl');
  const collections = Object.entries(data.resources ?? {}).filter(([, items]) => items.length > 0);
  for (const [key, items] of collections) dl.append(el('dt', '', key), el('dd', '', items.length));
  if (collections.length === 0) dl.append(el('dt', '', 'collections'), el('dd', '', 0));
  const delivery = state.delivery ?? { pendingEvents: 0, pendingEffects: 0, deadLetters: [] };
  dl.append(el('dt', '', 'subscriptions'), el('dd', '', (data.subscriptions ?? []).length));
  dl.append(el('dt', '', 'outbox pending'), el('dd', '', delivery.pendingEvents));
  dl.append(el('dt', '', 'effects owed'), el('dd', '', delivery.pendingEffects));
  dl.append(el('dt', '', 'dead letters'), el('dd', delivery.deadLetters.length ? 'bad' : '', delivery.deadLetters.length));
  for (const dead of delivery.deadLetters) dl.append(el('dt', '', `dead: ${dead.what}`), el('dd', 'bad', `${dead.attempts} tries, ${dead.lastError ?? ''}`));
  dl.append(el('dt', '', 'journal'), el('dd', '', (data.journal ?? []).length));
  if (Array.isArray(data.inbox)) dl.append(el('dt', '', 'inbox'), el('dd', '', data.inbox.length));
  box.append(dl);
  const bills = data.resources?.['TMF678.customerBill'] ?? [];
  if (bills.length > 0) {
    box.append(el('h3', '', 'Bills'));
    const ul = el('ul');
    for (const b of bills) ul.append(el('li', '', `${b.billNo ?? b.id} · ${b.state ?? ''} · ${money(b.amountDue)}`));
    box.append(ul);
  }
  if (Array.isArray(data.inbox) && data.inbox.length > 0) {
    box.append(el('h3', '', 'Inbox'));
    const ul = el('ul');
    for (const m of data.inbox.slice(-5)) ul.append(el('li', '', m.subject ?? m.type ?? m.id ?? JSON.stringify(m)));
    box.append(ul);
  }
  return box;
}

async function refreshParty(party) {
  const card = $(`party-${party}`);
  try {
    const response = await fetch(`/dashboard/state/${party}`);
    const state = await response.json();
    if (!response.ok) throw new Error(state.message ?? String(response.status));
    card.querySelector('.clock').textContent = state.now ? state.now.slice(0, 16).replace('T', ' ') : '';
    card.querySelector('.summary').replaceWith(summaryOf(state));
  } catch (error) {
    card.querySelector('.summary').replaceWith(el('div', 'summary empty', `unavailable: ${error.message}`));
  }
}

function refreshParties() {
  return Promise.all(PARTIES.map(refreshParty));
}

// ---- replay of a saved trace ----------------------------------------------------------------------

async function loadTrace(file) {
  try {
    const parsed = JSON.parse(await file.text());
    const exchanges = Array.isArray(parsed) ? parsed : parsed.exchanges;
    if (!Array.isArray(exchanges)) throw new Error('a trace.json holds an array of exchanges');
    replay.active = true;
    replay.exchanges = exchanges.filter(isDrawable).sort((a, b) => a.seq - b.seq);
    replay.shown = 0;
    $('rows').replaceChildren();
    $('detail').hidden = true;
    setStatus('');
    showReplay();
  } catch (error) {
    setStatus(`Cannot replay ${file.name}: ${error.message}`, true);
  }
}

function step(delta) {
  if (delta > 0 && replay.shown < replay.exchanges.length) {
    const x = replay.exchanges[replay.shown++];
    const row = append(x);
    if (row) select(row, x);
  } else if (delta < 0 && replay.shown > 0) {
    replay.shown--;
    $('rows').lastElementChild?.remove();
    const last = $('rows').lastElementChild;
    if (last) select(last, replay.exchanges[replay.shown - 1]);
    else $('detail').hidden = true;
  }
  showReplay();
}

function showReplay() {
  $('replay-prev').disabled = !replay.active || replay.shown === 0;
  $('replay-next').disabled = !replay.active || replay.shown >= replay.exchanges.length;
  $('replay-live').disabled = !replay.active;
  $('replay-position').textContent = replay.active ? `${replay.shown} / ${replay.exchanges.length}` : '';
  if (replay.active) $('live-count').textContent = `Replaying a saved trace: ${replay.shown} of ${replay.exchanges.length} exchanges shown.`;
}

function backToLive() {
  replay.active = false;
  $('trace-file').value = '';
  $('detail').hidden = true;
  redraw(live.exchanges);
  showReplay();
  showCount();
}

// ---- wiring ---------------------------------------------------------------------------------------

drawLifelines();
drawParties();
for (const button of document.querySelectorAll('#figures button')) button.addEventListener('click', () => runFigure(button));
$('trace-file').addEventListener('change', (e) => {
  const file = e.target.files?.[0];
  if (file) loadTrace(file);
});
$('replay-prev').addEventListener('click', () => step(-1));
$('replay-next').addEventListener('click', () => step(1));
$('replay-live').addEventListener('click', backToLive);
connect().catch((error) => setStatus(`Cannot reach the harness: ${error.message}`, true));
refreshParties();

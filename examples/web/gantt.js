// An interactive Gantt chart on the browser build of the `jindu` npm package.
//
// The page keeps one `Scheduler`. Dragging a bar previews a start-no-earlier-than constraint
// (or a pin) on every animation frame and applies it on drop; editing a duration previews while
// typing and applies on Enter. Each edit returns only the changed tasks (a diff), which are
// merged into the schedule on screen and redrawn.
//
// Below it, the core's own SVG chart of the same document (`renderChart` of `jindu/plan`, a
// separate module loaded after the interactive chart is up), redrawn after every applied edit.

import init, { Scheduler } from '../../bindings/wasm/pkg/web/jindu.js';

const PROJECT_URL = new URL(new URLSearchParams(location.search).get('project') ?? './delivery.json', location.href);
let DAY = 20; // pixels per calendar day, fitted to the window when the project loads
const ROW = 28;
const HEAD = 44;
const MS_DAY = 86_400_000;

const $ = (id) => document.getElementById(id);
const svgNS = 'http://www.w3.org/2000/svg';

// ---- dates (naive, as jindu writes them: YYYY-MM-DDTHH:MM:SS, no time zone) ----------------

function parse(s) {
  const [d, t = '00:00:00'] = s.split('T');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi] = t.split(':').map(Number);
  return Date.UTC(y, mo - 1, da, h, mi);
}
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const fmt = (s) => dayFormat.format(parse(s));

// ---- state ----------------------------------------------------------------------------------

let scheduler;
let doc; // the current project document (structure: parents, links, calendar, deadlines)
let committed = new Map(); // id -> schedule entry
let order = []; // task ids in document order
let origin = 0; // ms of the first day drawn
let days = 0;
let drag = null;
let pendingFrame = 0;

const demo = { ready: false, updates: 0, coreDraws: 0, coreReady: false, last: null, get dayWidth() { return DAY; } };
window.jinduDemo = demo;

function status(text, error = false) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
}

function loadState() {
  const s = scheduler.schedule();
  doc = scheduler.project();
  committed = new Map(s.tasks.map((t) => [t.id, t]));
  order = s.tasks.map((t) => t.id);
}

/** The committed schedule with a diff's changes laid over it. */
function merged(diff) {
  if (!diff) return committed;
  const view = new Map(committed);
  for (const c of diff.changes) {
    if (c.after) view.set(c.id, { ...view.get(c.id), ...c.after });
    else view.delete(c.id);
  }
  return view;
}

function commit(diff) {
  for (const c of diff.changes) {
    if (c.after) committed.set(c.id, { ...committed.get(c.id), ...c.after });
    else committed.delete(c.id);
  }
  doc = scheduler.project();
}

// ---- drawing --------------------------------------------------------------------------------

function x(s) {
  const ms = parse(s);
  const day = Math.floor((ms - origin) / MS_DAY);
  const minutes = (ms - origin - day * MS_DAY) / 60_000;
  // A working day 08:00-17:00 fills its column.
  const frac = Math.min(1, Math.max(0, (minutes - 480) / 540));
  return day * DAY + frac * DAY;
}

function el(name, attrs, parent) {
  const e = document.createElementNS(svgNS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  parent?.appendChild(e);
  return e;
}

/** Fits the time scale to the window once; later the chart only grows (and scrolls). */
function layout(view, fit = false) {
  const starts = [...view.values()].map((t) => parse(t.start));
  const ends = [...view.values()].map((t) => Math.max(parse(t.finish), parse(t.late_finish)));
  const first = Math.min(...starts);
  const day0 = Date.UTC(new Date(first).getUTCFullYear(), new Date(first).getUTCMonth(), new Date(first).getUTCDate()) - 2 * MS_DAY;
  const need = Math.ceil((Math.max(...ends) - day0) / MS_DAY) + 3;
  if (fit) {
    origin = day0;
    days = 0;
    const room = $('chart').clientWidth || 1000;
    DAY = Math.max(12, Math.min(28, Math.floor(room / (need * 1.25))));
  }
  const grown = Math.max(days, need, Math.ceil(($('chart').clientWidth || 0) / DAY));
  const changed = day0 < origin || grown !== days;
  if (day0 < origin) origin = day0;
  days = grown;
  return changed;
}

function holidays() {
  const cal = (doc.calendars ?? []).find((c) => c.id === (doc.calendar ?? 'standard'));
  const out = new Map();
  for (const e of cal?.exceptions ?? []) {
    if ((e.working ?? []).length) continue;
    const from = parse(e.date ?? e.from);
    const to = parse(e.date ?? e.to ?? e.from);
    for (let d = from; d <= to; d += MS_DAY) out.set(d, e.name ?? 'holiday');
  }
  return out;
}

let gridRows = ''; // the task list the grid was built for

function drawGrid(view) {
  const grid = $('grid');
  const ids = order.filter((id) => view.has(id));
  if (ids.join(' ') !== gridRows) {
    gridRows = ids.join(' ');
    grid.replaceChildren();
    const head = document.createElement('div');
    head.className = 'head';
    head.innerHTML = '<span>Task</span><span>Duration</span><span class="float">Float</span>';
    grid.appendChild(head);
    const parents = new Map(doc.tasks.map((t) => [String(t.id), t.parent === undefined ? null : String(t.parent)]));
    const depth = (id) => (parents.get(id) ? 1 + depth(parents.get(id)) : 0);
    for (const id of ids) {
      const t = view.get(id);
      const row = document.createElement('div');
      row.dataset.id = id;
      const name = document.createElement('span');
      name.className = 'name';
      name.style.paddingLeft = `${depth(id) * 14}px`;
      name.textContent = t.name;
      row.appendChild(name);
      if (t.summary) {
        row.appendChild(document.createElement('span')).className = 'duration';
      } else {
        const input = document.createElement('input');
        input.dataset.id = id;
        input.setAttribute('aria-label', `Duration of ${t.name}`);
        input.addEventListener('input', onDurationInput);
        input.addEventListener('change', onDurationChange);
        row.appendChild(input);
      }
      row.appendChild(document.createElement('span')).className = 'float';
      grid.appendChild(row);
    }
  }
  for (const row of grid.querySelectorAll('.row, div[data-id]')) {
    const t = view.get(row.dataset.id);
    row.className = `row${t.summary ? ' summary' : ''}${t.critical ? ' critical' : ''}`;
    row.firstChild.title = `${t.name} (${t.id}): ${fmt(t.start)} – ${fmt(t.finish)}`;
    const input = row.querySelector('input');
    if (input && document.activeElement !== input) input.value = t.duration;
    if (!input) row.querySelector('.duration').textContent = t.duration;
    row.querySelector('.float').textContent = t.total_float;
  }
}

let chart = null; // { svg, links, bars, rows } for the current layout and task list

function drawBackground(rows) {
  const width = days * DAY;
  const height = HEAD + rows.length * ROW;
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, id: 'gantt-svg' });
  const defs = el('defs', {}, svg);
  for (const [mid, color] of [['arrow', '#9aa4b2'], ['arrow-critical', '#d12f3a']]) {
    const m = el('marker', { id: mid, viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' }, defs);
    el('path', { d: 'M0,0 L8,4 L0,8 z', fill: color }, m);
  }
  // Calendar: weekends, holidays, day numbers (every day, or Mondays when days are narrow), months.
  const off = holidays();
  const bg = el('g', {}, svg);
  const months = [];
  for (let k = 0; k < days; k++) {
    const ms = origin + k * MS_DAY;
    const wd = new Date(ms).getUTCDay();
    if (wd === 0 || wd === 6 || off.has(ms)) {
      const r = el('rect', { x: k * DAY, y: 0, width: DAY, height, class: off.has(ms) ? 'holiday' : 'weekend' }, bg);
      if (off.has(ms)) el('title', {}, r).textContent = off.get(ms);
    }
    const date = new Date(ms).getUTCDate();
    if (DAY >= 18 || wd === 1) {
      el('text', { x: k * DAY + DAY / 2, y: HEAD - 8, class: 'day-label' }, bg).textContent = String(date);
    }
    if (date === 1 || (k === 0 && date < 25)) months.push([k, ms]);
  }
  for (const [k, ms] of months) el('text', { x: k * DAY + 4, y: 16, class: 'month-label' }, bg).textContent = monthFormat.format(ms);
  el('line', { x1: 0, x2: width, y1: HEAD - 0.5, y2: HEAD - 0.5, class: 'row-line' }, bg);
  rows.forEach((_, k) => el('line', { x1: 0, x2: width, y1: HEAD + (k + 1) * ROW - 0.5, y2: HEAD + (k + 1) * ROW - 0.5, class: 'row-line' }, bg));
  const links = el('g', { class: 'links' }, svg);
  const bars = el('g', { class: 'bars' }, svg);
  $('chart').replaceChildren(svg);
  svg.addEventListener('pointerdown', onPointerDown);
  chart = { svg, links, bars, rows: rows.join(' '), origin, days, DAY };
}

function drawChart(view, ghost) {
  const rows = order.filter((id) => view.has(id));
  const rowOf = new Map(rows.map((id, k) => [id, k]));
  if (!chart || chart.rows !== rows.join(' ') || chart.origin !== origin || chart.days !== days || chart.DAY !== DAY) {
    drawBackground(rows);
  }
  const linkLayer = document.createDocumentFragment();
  const svg = document.createDocumentFragment();

  // Links, under the bars.
  for (const l of doc.links ?? []) {
    const a = view.get(String(l.from));
    const b = view.get(String(l.to));
    if (!a || !b) continue;
    const type = l.type ?? 'FS';
    const x1 = type[0] === 'S' ? x(a.start) : x(a.finish);
    const x2 = type[1] === 'S' ? x(b.start) : x(b.finish);
    const y1 = HEAD + rowOf.get(a.id) * ROW + ROW / 2;
    const y2 = HEAD + rowOf.get(b.id) * ROW + ROW / 2;
    const driving = b.driver.type === 'link' && b.driver.from === a.id;
    const critical = driving && a.critical && b.critical;
    const down = y2 > y1 ? 1 : -1;
    const out = type[0] === 'S' ? x1 - 6 : x1 + 6;
    let d;
    if ((type[1] === 'S' && x2 - 8 >= out) || (type[1] === 'F' && x2 + 8 <= out)) {
      d = `M${x1},${y1} H${out} V${y2} H${x2}`;
    } else {
      const mid = y1 + (down * ROW) / 2;
      const into = type[1] === 'S' ? x2 - 8 : x2 + 8;
      d = `M${x1},${y1} H${out} V${mid} H${into} V${y2} H${x2}`;
    }
    el('path', { d, class: `link${critical ? ' critical' : ''}`, 'marker-end': `url(#${critical ? 'arrow-critical' : 'arrow'})`, 'data-from': a.id, 'data-to': b.id }, linkLayer);
  }

  // Bars.
  const byId = new Map(doc.tasks.map((t) => [String(t.id), t]));
  for (const id of rows) {
    const t = view.get(id);
    const def = byId.get(id) ?? {};
    const y = HEAD + rowOf.get(id) * ROW;
    const g = el('g', {
      class: `task${t.critical ? ' critical' : ''}${drag?.id === id ? ' dragging' : ''}`,
      'data-id': id,
      'data-start': t.start,
      'data-finish': t.finish,
      'data-critical': t.critical,
      'data-float': t.total_float_minutes,
    }, svg);
    const x0 = x(t.start);
    const x1 = x(t.finish);
    if (t.summary) {
      el('path', { class: 'summary-bar', d: `M${x0},${y + 9} H${x1} V${y + 19} L${x1 - 5},${y + 14} H${x0 + 5} L${x0},${y + 19} Z` }, g);
    } else if (t.milestone) {
      const c = y + ROW / 2;
      el('path', { class: 'milestone', d: `M${x1},${c - 8} L${x1 + 8},${c} L${x1},${c + 8} L${x1 - 8},${c} Z` }, g);
    } else {
      if (t.total_float_minutes > 0) {
        const xf = x(t.late_finish);
        el('line', { class: 'float-line', x1, x2: xf, y1: y + ROW / 2, y2: y + ROW / 2 }, g);
        el('line', { class: 'float-line', x1: xf, x2: xf, y1: y + ROW / 2 - 4, y2: y + ROW / 2 + 4 }, g);
      }
      el('rect', { class: 'bar', x: x0, y: y + 6, width: Math.max(3, x1 - x0), height: ROW - 12, rx: 3 }, g);
      if (def.pinned) el('circle', { class: 'pin-mark', cx: x0, cy: y + 6, r: 3 }, g);
      if (def.constraint?.date) {
        // The constraint date: a small notch above the bar.
        const xc = x(def.constraint.date);
        el('path', { class: 'pin-mark', d: `M${xc - 4},${y + 1} H${xc + 4} L${xc},${y + 6} Z` }, g).appendChild(
          document.createElementNS(svgNS, 'title'),
        ).textContent = `${def.constraint.type} ${fmt(def.constraint.date)}`;
      }
    }
    el('title', {}, g).textContent = `${t.name}\n${fmt(t.start)} – ${fmt(t.finish)}\nTotal float ${t.total_float}, free float ${t.free_float}\nDriven by ${describe(t.driver)}`;
    if (def.deadline) {
      const xd = x(def.deadline);
      el('line', { class: 'deadline', x1: xd, x2: xd, y1: y + 2, y2: y + ROW - 2 }, svg);
      el('path', { class: 'deadline-flag', d: `M${xd},${y + 2} l-5,-0 l5,6 z` }, svg);
    }
  }
  if (ghost) {
    const y = HEAD + rowOf.get(ghost.id) * ROW;
    el('rect', { class: 'ghost', x: ghost.x, y: y + 4, width: ghost.width, height: ROW - 8, rx: 3 }, svg);
  }
  chart.links.replaceChildren(linkLayer);
  chart.bars.replaceChildren(svg);
}

function describe(driver) {
  switch (driver.type) {
    case 'link': return `${driver.link} link from ${driver.from}${driver.lag ? ` (lag ${driver.lag})` : ''}`;
    case 'summary': return `its summary ${driver.task}`;
    default: return driver.type.replace('_', ' ');
  }
}

function drawHeader(view) {
  const tasks = order.map((id) => view.get(id)).filter(Boolean);
  const finish = tasks.reduce((m, t) => (parse(t.finish) > parse(m) ? t.finish : m), tasks[0].start);
  $('project-name').textContent = doc.name;
  $('finish').textContent = fmt(finish);
  const critical = tasks.filter((t) => t.critical && !t.summary).sort((a, b) => parse(a.start) - parse(b.start) || parse(a.finish) - parse(b.finish));
  $('critical-path').textContent = critical.map((t) => t.name).join(' → ');
  const withDeadline = doc.tasks.find((t) => t.deadline);
  if (withDeadline) {
    const t = view.get(String(withDeadline.id));
    const late = parse(t.finish) > parse(withDeadline.deadline.length === 10 ? `${withDeadline.deadline}T17:00:00` : withDeadline.deadline);
    $('deadline').textContent = `${fmt(withDeadline.deadline)} (${late ? 'missed' : 'on track'})`;
    $('deadline').className = late ? 'late' : '';
  }
}

function render(diff, ghost, fit = false) {
  const view = merged(diff);
  if (!drag || fit) layout(view, fit);
  drawHeader(view);
  drawGrid(view);
  drawChart(view, ghost);
}

// ---- interaction ----------------------------------------------------------------------------

function mode() {
  return document.querySelector('input[name="mode"]:checked').value;
}

function dragEdit(id, day) {
  return mode() === 'pin'
    ? { op: 'pin', task: id, start: day }
    : { op: 'set_constraint', task: id, constraint: { type: 'SNET', date: day } };
}

/** Runs an edit (preview or apply), timing it, and redraws with its diff. */
function run(kind, f, ghost) {
  const t0 = performance.now();
  let diff;
  try {
    diff = f();
  } catch (e) {
    status(`${e.code ?? 'error'}: ${e.message}`, true);
    render(null, ghost);
    return null;
  }
  const engineMs = performance.now() - t0;
  if (kind === 'apply') {
    commit(diff);
    drawCore();
  }
  render(kind === 'apply' ? null : diff, ghost);
  const ms = performance.now() - t0;
  demo.updates += 1;
  demo.last = { kind, engineMs, ms, changed: diff.changes.map((c) => c.id) };
  $('timing').textContent = `${ms.toFixed(1)} ms (${diff.changes.length} tasks)`;
  status(`${kind === 'apply' ? 'Applied' : 'Preview'}: ${diff.changes.length} tasks changed, engine ${engineMs.toFixed(2)} ms, redraw included ${ms.toFixed(1)} ms`);
  return diff;
}

function onPointerDown(ev) {
  const g = ev.target.closest('g.task');
  if (!g || !(ev.target.classList.contains('bar') || ev.target.classList.contains('milestone'))) return;
  const id = g.dataset.id;
  const t = committed.get(id);
  ev.preventDefault();
  ev.target.setPointerCapture?.(ev.pointerId);
  drag = { id, x0: ev.clientX, startDay: parse(t.start.slice(0, 10)), day: null, bar: { x: x(t.start), width: Math.max(3, x(t.finish) - x(t.start)) } };
  window.addEventListener('pointermove', onPointerMove);
  window.addEventListener('pointerup', onPointerUp, { once: true });
}

function dayAt(clientX) {
  const shift = Math.round((clientX - drag.x0) / DAY);
  return { shift, day: isoDay(drag.startDay + shift * MS_DAY) };
}

function onPointerMove(ev) {
  if (!drag) return;
  drag.clientX = ev.clientX;
  if (pendingFrame) return;
  pendingFrame = requestAnimationFrame(() => {
    pendingFrame = 0;
    if (!drag) return;
    const { shift, day } = dayAt(drag.clientX);
    if (day === drag.day) return;
    drag.day = day;
    const ghost = { id: drag.id, x: drag.bar.x + shift * DAY, width: drag.bar.width };
    const edit = dragEdit(drag.id, day);
    run('preview', () => scheduler.preview(edit), ghost);
  });
}

function onPointerUp(ev) {
  window.removeEventListener('pointermove', onPointerMove);
  if (pendingFrame) cancelAnimationFrame(pendingFrame);
  pendingFrame = 0;
  const d = drag;
  const { shift, day } = dayAt(ev.clientX);
  drag = null;
  if (!d || shift === 0) {
    render(null);
    return;
  }
  run('apply', () => scheduler.apply(dragEdit(d.id, day)));
}

function onDurationInput(ev) {
  const { id } = ev.target.dataset;
  const value = ev.target.value.trim();
  try {
    const diff = scheduler.preview({ op: 'set_duration', task: id, duration: value });
    ev.target.classList.remove('invalid');
    // Redraw the chart only: the input being typed in stays as it is.
    drawChart(merged(diff));
    drawHeader(merged(diff));
    status(`Preview: ${diff.changes.length} tasks would change`);
  } catch (e) {
    ev.target.classList.add('invalid');
    status(`${e.code}: ${e.message}`, true);
  }
}

function onDurationChange(ev) {
  const { id } = ev.target.dataset;
  const value = ev.target.value.trim();
  run('apply', () => scheduler.setDuration(id, value));
}

// ---- the core's SVG chart (jindu/plan) -------------------------------------------------------

let plan = null; // the jindu/plan module, once loaded

/** Draws the current document with the core's chart of the kind chosen (after each commit). */
function drawCore() {
  if (!plan) return;
  const kind = $('core-kind').value;
  const options = { width: Math.max(640, $('core').clientWidth - 20), theme: $('core-dark').checked ? 'dark' : 'light' };
  // The demo's tasks carry no three-point estimates: the risk charts give each a range of
  // -10 % to +25 % around its duration (the risk issue's default uncertainty).
  if (kind === 'scurve' || kind === 'tornado') options.default_estimate = { optimistic_percent: -10, pessimistic_percent: 25 };
  const t0 = performance.now();
  try {
    $('core-chart').innerHTML = plan.renderChart(scheduler.project(), kind, options);
    $('core-status').textContent = `${kind}: ${(performance.now() - t0).toFixed(1)} ms`;
    $('core-status').className = '';
  } catch (e) {
    $('core-chart').textContent = '';
    $('core-status').textContent = `${e.code ?? 'error'}: ${e.message}`;
    $('core-status').className = 'error';
  }
  demo.coreDraws += 1;
}

async function startCore() {
  const mod = await import('../../bindings/wasm/pkg/web/jindu_plan.js');
  await mod.default();
  plan = mod;
  $('core-kind').addEventListener('change', drawCore);
  $('core-dark').addEventListener('change', drawCore);
  drawCore();
  demo.coreReady = true;
  document.body.dataset.core = 'true';
}

async function start() {
  await init();
  const text = await (await fetch(PROJECT_URL)).text();
  scheduler = new Scheduler(text);
  loadState();
  render(null, null, true);
  $('reset').addEventListener('click', () => {
    scheduler.free();
    scheduler = new Scheduler(text);
    demo.scheduler = scheduler;
    loadState();
    render(null, null, true);
    drawCore();
    status('Reset');
  });
  demo.scheduler = scheduler;
  demo.ready = true;
  document.body.dataset.ready = 'true';
  startCore().catch((e) => {
    $('core-status').textContent = `Could not load jindu/plan: ${e.message}`;
    $('core-status').className = 'error';
    document.body.dataset.core = 'error';
  });
}

start().catch((e) => {
  status(`Could not start: ${e.message}`, true);
  document.body.dataset.ready = 'error';
  throw e;
});

// The JavaScript API beyond the vectors: error objects, diffs that hold only changed tasks,
// previews that commit nothing, the convenience edit methods, task(), why() and project().

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { attempt, canonical, loadEsm, loadIoEsm, loadPlanEsm } from './helpers.mjs';
import { layeredNetwork } from '../bench/network.mjs';

const jindu = await loadEsm();
const { schedule, scheduleJson, Scheduler, version, JinduError } = jindu;

/** Two independent chains A1→…→A10 and B1→…→B10 plus a go-live milestone after both. */
function twoChains() {
  const tasks = [];
  const links = [];
  for (const c of ['A', 'B']) {
    for (let k = 1; k <= 10; k++) {
      tasks.push({ id: `${c}${k}`, name: `${c} step ${k}`, duration: `${c === 'A' ? 2 : 1}d` });
      if (k > 1) links.push({ from: `${c}${k - 1}`, to: `${c}${k}` });
    }
  }
  tasks.push({ id: 'GO', name: 'Go-live', milestone: true });
  links.push({ from: 'A10', to: 'GO' }, { from: 'B10', to: 'GO' });
  return { version: 1, name: 'Two chains', start: '2026-03-02', tasks, links };
}

/** Task entries of a schedule by id, without driving_predecessors (diffs leave them out). */
function byId(s) {
  return new Map(s.tasks.map(({ driving_predecessors, ...t }) => [t.id, canonical(t)]));
}

function expectJinduError(f, { code, taskId = null, field = null, message }) {
  let thrown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, 'throws an Error');
  assert.ok(thrown instanceof JinduError, 'throws a JinduError');
  assert.equal(thrown.name, 'JinduError');
  assert.equal(thrown.code, code);
  assert.equal(thrown.taskId, taskId);
  assert.equal(thrown.field, field);
  if (message instanceof RegExp) assert.match(thrown.message, message);
  else if (message !== undefined) assert.equal(thrown.message, message);
  return thrown;
}

describe('errors', () => {
  it('carry code, taskId and field from the core', () => {
    const doc = (tasks, links = []) => ({ name: 'x', start: '2026-01-05', tasks, links });
    expectJinduError(() => schedule(doc([{ id: 'A', duration: '2 days' }])), {
      code: 'invalid',
      taskId: 'A',
      field: 'duration',
      message: /^task `A`: field `duration`: invalid duration "2 days"/,
    });
    expectJinduError(() => schedule(doc([{ id: 'A' }], [{ from: 'A', to: 'Z' }])), {
      code: 'unknown_task',
      taskId: 'Z',
      message: 'unknown task `Z` (referenced by link `A` -> `Z`)',
    });
    expectJinduError(
      () =>
        schedule(
          doc(
            [{ id: 'A' }, { id: 'B' }],
            [
              { from: 'A', to: 'B' },
              { from: 'B', to: 'A' },
            ],
          ),
        ),
      { code: 'cycle', taskId: 'A', message: 'dependency cycle: A -> B -> A' },
    );
    expectJinduError(() => schedule(doc([{ id: 'A', colour: 'red' }])), {
      code: 'json',
      taskId: 'A',
      field: 'colour',
      message: /unknown field `colour`/,
    });
    // JSON text keeps its own line and column.
    expectJinduError(() => scheduleJson('{"name": "x",\n  "start": 2026}'), {
      code: 'json',
      field: 'start',
      message: 'invalid type: integer `2026`, expected a string at `start` (line 2, column 15)',
    });
  });

  it('say where by the path for an object, and also by line and column in JSON text', () => {
    // A typo in the second task. As an object: the path only (a line and column would be in
    // the text JSON.stringify wrote).
    const doc = { name: 'x', start: '2026-01-05', tasks: [{ id: 'A', duration: '1d' }, { id: 'B', duraton: '2d' }] };
    const e = expectJinduError(() => schedule(doc), { code: 'json', taskId: 'B', field: 'duraton', message: /^task `B`: unknown field `duraton`, expected one of `id`, / });
    assert.equal(e.path, 'tasks[1].duraton');
    assert.ok(e.message.endsWith(' at `tasks[1].duraton`'), e.message);
    assert.equal(e.line, undefined);
    assert.equal(e.column, undefined);
    // The same as JSON text on three lines: line 3 is `{"id": "B", "duraton"`, whose closing
    // quote is column 21 (11 + 1 + 9 characters).
    const text = '{"name": "x", "start": "2026-01-05", "tasks": [\n{"id": "A", "duration": "1d"},\n{"id": "B", "duraton": "2d"}]}';
    for (const f of [() => schedule(text), () => scheduleJson(text), () => new Scheduler(text)]) {
      const t = expectJinduError(f, { code: 'json', taskId: 'B', field: 'duraton' });
      assert.deepEqual([t.path, t.line, t.column], ['tasks[1].duraton', 3, 21]);
      assert.ok(t.message.endsWith(' at `tasks[1].duraton` (line 3, column 21)'), t.message);
    }
    // A text call after an object call keeps its position (the object's mark does not stay).
    schedule({ name: 'x', start: '2026-01-05', tasks: [] });
    assert.equal(expectJinduError(() => schedule(text), { code: 'json', taskId: 'B', field: 'duraton' }).line, 3);
    // A bad date in the third exception of a calendar: its path, named within the calendar.
    const cal = { id: 'c', week: { mon: ['08:00-12:00'] }, exceptions: [{ date: '2026-01-01' }, { date: '2026-01-02' }, { date: '2026-13-01' }] };
    const bad = expectJinduError(() => schedule({ name: 'x', start: '2026-01-05', calendars: [cal], tasks: [] }), {
      code: 'invalid',
      field: 'exceptions.date',
      message: 'calendar `c`: field `exceptions[2].date`: invalid date "2026-13-01": expected YYYY-MM-DD, years 1000-9999',
    });
    assert.equal(bad.path, 'calendars[0].exceptions[2].date');
    // Errors about no value have no path.
    const cycle = expectJinduError(() => schedule({ name: 'x', start: '2026-01-05', tasks: [{ id: 'A' }, { id: 'B' }], links: [{ from: 'A', to: 'B' }, { from: 'B', to: 'A' }] }), { code: 'cycle', taskId: 'A' });
    assert.equal(cycle.path, undefined);
  });

  it('are instances of the exported JinduError, from every module, and nothing else is', async () => {
    const io = await loadIoEsm();
    const plan = await loadPlanEsm();
    assert.equal(typeof JinduError, 'function');
    for (const m of [io, plan]) assert.equal(typeof m.JinduError, 'function');
    let fromPlan;
    try {
      plan.health('not json');
    } catch (e) {
      fromPlan = e;
    }
    // An error from jindu/plan is a JinduError of every module, and an Error.
    assert.equal(fromPlan.code, 'json');
    for (const C of [JinduError, io.JinduError, plan.JinduError, Error]) assert.ok(fromPlan instanceof C);
    // Other errors and values are not.
    for (const other of [new Error('x'), new TypeError('y'), { name: 'JinduError' }, null, 'JinduError']) {
      assert.ok(!(other instanceof JinduError), String(other));
    }
  });

  it('also for arguments that are not documents at all', () => {
    for (const bad of [42, null, undefined, true]) {
      expectJinduError(() => schedule(bad), { code: 'json', message: /^expected a project document/ });
      expectJinduError(() => new Scheduler(bad), { code: 'json' });
    }
    expectJinduError(() => schedule({ name: 'x', start: '2026-01-05', tasks: [{ id: 'A', duration: 1n }] }), {
      code: 'json',
      message: /cannot be written as JSON/,
    });
    const loop = { name: 'x', start: '2026-01-05' };
    loop.self = loop;
    expectJinduError(() => schedule(loop), { code: 'json', message: /cannot be written as JSON/ });
    expectJinduError(() => schedule('not json'), { code: 'json', message: 'expected ident (line 1, column 2)' });
  });

  it('leave a Scheduler as it was, however many there are', () => {
    const s = new Scheduler(twoChains());
    const before = canonical(s.schedule());
    expectJinduError(() => s.addLink('GO', 'A1'), { code: 'cycle', taskId: 'A1' });
    expectJinduError(() => s.setDuration('nope', '1d'), { code: 'unknown_task', taskId: 'nope' });
    expectJinduError(() => s.setDuration('A1', 'soon'), { code: 'invalid', taskId: 'A1', field: 'duration' });
    expectJinduError(() => s.addLink('A1', 'B5', 'XY'), { code: 'invalid', taskId: 'B5', field: 'type' });
    expectJinduError(() => s.removeLink('A1', 'B1'), { code: 'no_such_link', taskId: 'B1' });
    expectJinduError(() => s.setConstraint('A3', 'SNET'), { code: 'invalid', taskId: 'A3', field: 'constraint' });
    expectJinduError(() => s.addTask('{"id": "X"}'), { code: 'json', message: 'expected a task object, got a string' });
    expectJinduError(() => s.apply({ op: 'teleport', task: 'A1' }), { code: 'json', field: 'op', message: /unknown variant `teleport`/ });
    // Thousands of failures neither leak into the schedule nor break the instance.
    for (let k = 0; k < 2000; k++) assert.equal(attempt(() => s.addLink('GO', `A${1 + (k % 10)}`))[0], 'error');
    assert.equal(canonical(s.schedule()), before);
    assert.equal(s.setDuration('A1', '3d').changes[0].id, 'A1');
  });
});

describe('Scheduler', () => {
  it('returns exactly the tasks whose schedule changed', () => {
    const s = new Scheduler(twoChains());
    const edits = [
      () => s.setDuration('B3', '2d'), // B moves (B1, B2 lose float); A and GO stay
      () => s.setDuration('A2', '4d'), // all of A after A2 and GO move
      () => s.addLink('B2', 'A5', 'SS', '1d'),
      () => s.setConstraint('B7', 'SNET', '2026-03-16'),
      () => s.pin('B4', '2026-03-16'),
      () => s.unpin('B4'),
      () => s.setDeadline('GO', '2026-04-01'),
      () => s.setLink('B2', 'A5', 'FS'),
      () => s.removeLink('B2', 'A5'),
      () => s.addTask({ id: 'X', name: 'Extra', duration: '1d' }),
      () => s.removeTask('B10'),
    ];
    let total = 0;
    for (const edit of edits) {
      const before = byId(s.schedule());
      const diff = edit();
      const after = byId(s.schedule());
      const changed = [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id));
      assert.deepEqual(diff.changes.map((c) => c.id).sort(), changed.sort(), String(edit));
      for (const c of diff.changes) {
        assert.equal(c.before === null ? null : canonical(c.before), before.get(c.id) ?? null);
        assert.equal(c.after === null ? null : canonical(c.after), after.get(c.id) ?? null);
      }
      assert.ok(diff.changes.length < after.size, `${edit}: a diff, not the whole schedule`);
      total += diff.changes.length;
    }
    assert.ok(total > 20);
  });

  it('a change on one chain leaves the other out of the diff', () => {
    const s = new Scheduler(twoChains());
    const d = s.setDuration('B3', '2d');
    assert.deepEqual(
      d.changes.map((c) => c.id),
      ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9', 'B10'],
    );
    // A (10 x 2d) drives the go-live on Friday 27 March; B only loses float.
    assert.deepEqual(d.project_finish, ['2026-03-27T17:00:00', '2026-03-27T17:00:00']);
    assert.equal(d.changes[0].before.total_float_minutes, 10 * 480);
    assert.equal(d.changes[0].after.total_float_minutes, 9 * 480);
    assert.equal(d.changes[0].before.start, d.changes[0].after.start);
    const b3 = d.changes.find((c) => c.id === 'B3');
    assert.equal(b3.before.finish, '2026-03-04T17:00:00');
    assert.equal(b3.after.finish, '2026-03-05T17:00:00');
  });

  it('previews without committing, and a preview equals the apply that follows', () => {
    const s = new Scheduler(twoChains());
    const start = canonical(s.schedule());
    const edit = { op: 'set_duration', task: 'A1', duration: '5d' };
    const p1 = s.preview(edit);
    const p2 = s.preview(JSON.stringify(edit));
    assert.equal(canonical(s.schedule()), start);
    assert.equal(s.task('GO').start, '2026-03-27T17:00:00');
    assert.equal(p1.project_finish[1], '2026-04-01T17:00:00');
    assert.deepEqual(p1, p2);
    // Structural edits too: the preview sees the added link, the schedule does not.
    const pl = s.preview({ op: 'add_link', from: 'B10', to: 'A1' });
    assert.ok(pl.changes.some((c) => c.id === 'A1' && c.after.driver.type === 'link' && c.after.driver.from === 'B10'));
    assert.equal(s.task('A1').driver.type, 'project_start');
    assert.equal(canonical(s.schedule()), start);
    assert.deepEqual(s.apply(edit), p1);
    assert.equal(s.task('GO').start, '2026-04-01T17:00:00');
  });

  it('convenience methods are the generic edits', () => {
    const cases = [
      [(s) => s.setDuration('A1', '3d'), { op: 'set_duration', task: 'A1', duration: '3d' }],
      [(s) => s.addLink('B2', 'A4', 'FF', '2d'), { op: 'add_link', from: 'B2', to: 'A4', type: 'FF', lag: '2d' }],
      [(s) => s.addLink('B2', 'A4'), { op: 'add_link', from: 'B2', to: 'A4' }],
      [(s) => s.setLink('A1', 'A2', 'SS', '50%'), { op: 'set_link', from: 'A1', to: 'A2', type: 'SS', lag: '50%' }],
      [(s) => s.removeLink('A1', 'A2'), { op: 'remove_link', from: 'A1', to: 'A2' }],
      [(s) => s.setConstraint('B5', 'MSO', '2026-03-20'), { op: 'set_constraint', task: 'B5', constraint: { type: 'MSO', date: '2026-03-20' } }],
      [(s) => s.setDeadline('B10', '2026-03-05'), { op: 'set_deadline', task: 'B10', deadline: '2026-03-05' }],
      [(s) => s.pin('B4', '2026-03-16', '2026-03-17'), { op: 'pin', task: 'B4', start: '2026-03-16', finish: '2026-03-17' }],
      [(s) => s.addTask({ id: 'N', duration: '1d', parent: 'B1' }), { op: 'add_task', task: { id: 'N', duration: '1d', parent: 'B1' } }],
      [(s) => s.removeTask('A5'), { op: 'remove_task', task: 'A5' }],
    ];
    for (const [method, edit] of cases) {
      const a = new Scheduler(twoChains());
      const b = new Scheduler(twoChains());
      const da = method(a);
      const db = b.apply(edit);
      assert.deepEqual(da, db, JSON.stringify(edit));
      assert.ok(da.changes.length > 0, JSON.stringify(edit));
      assert.equal(canonical(a.schedule()), canonical(b.schedule()));
      a.free();
      b.free();
    }
    // Undo by hand: unpin and clearing a deadline return to the original schedule.
    const s = new Scheduler(twoChains());
    const start = canonical(s.schedule());
    s.pin('B4', '2026-03-16');
    s.unpin('B4');
    s.setDeadline('GO', '2026-03-05');
    assert.equal(s.schedule().violations[0].kind, 'deadline_missed');
    s.setDeadline('GO');
    assert.equal(canonical(s.schedule()), start);
  });

  it('adds and removes tasks: before or after is null', () => {
    const s = new Scheduler(twoChains());
    const add = s.addTask({ id: 'QA', name: 'QA', duration: '3d' });
    const qa = add.changes.find((c) => c.id === 'QA');
    assert.equal(qa.before, null);
    assert.equal(qa.after.finish, '2026-03-04T17:00:00');
    s.addLink('QA', 'GO');
    const rm = s.removeTask('A10');
    assert.equal(rm.changes.find((c) => c.id === 'A10').after, null);
    assert.equal(s.task('A10'), undefined);
    assert.deepEqual(s.why('GO'), [{ from: 'B10', type: 'FS' }]);
  });

  it('answers task() and why() for the current state', () => {
    const s = new Scheduler(twoChains());
    const full = s.schedule();
    for (const t of full.tasks) assert.deepEqual(s.task(t.id), t);
    assert.equal(s.task('nope'), undefined);
    assert.equal(s.why('nope'), undefined);
    assert.deepEqual(s.why('A1'), []); // held by the project start
    assert.deepEqual(s.why('GO'), [{ from: 'A10', type: 'FS' }]);
    s.setLink('A9', 'A10', 'SS', '4d');
    assert.deepEqual(s.why('A10'), [{ from: 'A9', type: 'SS', lag: '4d' }]);
    assert.deepEqual(s.task('A10').driver, { type: 'link', from: 'A9', link: 'SS', lag: '4d' });
    assert.deepEqual(s.task('A10').driving_predecessors, ['A9']);
  });

  it('project() is a document that schedules to the same result', () => {
    const s = new Scheduler(twoChains());
    s.setDuration('A3', '6d');
    s.addLink('B4', 'A6', 'SS');
    s.removeTask('B9');
    const doc = s.project();
    assert.equal(doc.version, 1);
    assert.equal(doc.tasks.length, 20);
    assert.ok(doc.links.some((l) => l.from === 'B4' && l.to === 'A6' && l.type === 'SS'));
    assert.equal(canonical(new Scheduler(doc).schedule()), canonical(s.schedule()));
    assert.equal(canonical(schedule(doc)), canonical(s.schedule()));
  });

  it('throws after free()', () => {
    const s = new Scheduler(twoChains());
    s.free();
    assert.throws(() => s.schedule());
  });
});

describe('module', () => {
  it('reports its version', () => {
    assert.match(version(), /^\d+\.\d+\.\d+$/);
  });

  it('schedule() and scheduleJson() agree', () => {
    const doc = twoChains();
    const text = scheduleJson(JSON.stringify(doc));
    assert.ok(text.startsWith('{\n  "project": "Two chains",'));
    assert.deepEqual(schedule(doc), JSON.parse(text));
    assert.deepEqual(schedule(doc).critical_path, ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'GO']);
  });

  it('builds the same objects as JSON.parse of the schedule JSON, key order included', () => {
    // schedule() builds its objects from typed arrays (not JSON.parse): every field, driver
    // kind, lag and driving predecessor must still be what the core writes.
    const doc = layeredNetwork({ layers: 30, width: 40 });
    doc.tasks[5].constraint = { type: 'MSO', date: '2026-01-20' };
    doc.tasks.push({ id: 'S', name: 'Summary "quoted" \u2014 ✓' }, { id: 'S1', parent: 'S', duration: '3ed' });
    doc.tasks.push({ id: 'M', milestone: true }, { id: 'P', duration: '2h', pinned: { start: '2026-02-02T08:00' } });
    doc.links.push({ from: 'S1', to: 'M', type: 'SS', lag: '50%' }, { from: 'T0_0', to: 'S' });
    const text = JSON.stringify(doc);
    const want = scheduleJson(text);
    const kinds = new Set(JSON.parse(want).tasks.map((t) => t.driver.type));
    for (const k of ['link', 'project_start', 'constraint', 'pinned', 'summary']) assert.ok(kinds.has(k), k);
    assert.equal(JSON.stringify(schedule(doc)), JSON.stringify(JSON.parse(want)));
    assert.equal(JSON.stringify(schedule(text)), JSON.stringify(JSON.parse(want)));
    const s = new Scheduler(doc);
    assert.equal(JSON.stringify(s.schedule()), JSON.stringify(JSON.parse(want)));
    s.setDuration('T3_3', '7d');
    const after = JSON.stringify(s.schedule());
    s.free();
    const edited = structuredClone(doc);
    edited.tasks.find((t) => t.id === 'T3_3').duration = '7d';
    assert.equal(after, JSON.stringify(JSON.parse(scheduleJson(JSON.stringify(edited)))));
  });
});

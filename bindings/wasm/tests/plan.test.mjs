// `jindu/plan` (levelling, loading, health, tracking and charts) through the npm package:
// values worked out by hand, the same answers as the `jindu` command for the same input, and
// typed errors.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { root, loadPlanEsm, loadPlanCjs } from './helpers.mjs';

const plan = await loadPlanEsm();

// The command line, for the same-answer checks (`make test-wasm` builds it first).
const cli = process.env.JINDU_CLI ?? join(root, 'target/debug/jindu');
const noCli = existsSync(cli) ? false : `no ${cli}: cargo build -p jindu-cli`;
let dir;
before(() => { dir = mkdtempSync(join(tmpdir(), 'jindu-plan-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes each document to a file and runs `jindu ARGS... FILES... EXTRA...`: its standard output. */
function jindu(args, docs, extra = []) {
  const files = docs.map((d, k) => {
    const f = join(dir, `doc${k}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(f, typeof d === 'string' ? d : JSON.stringify(d));
    return f;
  });
  return execFileSync(cli, [...args, ...files, ...extra], { encoding: 'utf8' });
}

/** The same, parsed. */
const jinduJson = (args, docs, extra = []) => JSON.parse(jindu(args, docs, [...extra, '--format', 'json']));

/** A and B, two days each, both on Ana from Monday 2026-01-05: Ana is at 200% on Monday and Tuesday. */
const OVER = {
  name: 'Over', start: '2026-01-05',
  tasks: [{ id: 'A', name: 'Design', duration: '2d' }, { id: 'B', name: 'Build', duration: '2d' }],
  resources: [{ id: 'ana', name: 'Ana' }],
  assignments: [{ task: 'A', resource: 'ana' }, { task: 'B', resource: 'ana' }],
};

/**
 * A (5d, cost 5,000) then B (5d, cost 10,000), status Wednesday 7 January 17:00: A 40% done
 * with 2,500 spent. PV = 3/5 × 5,000 = 3,000; EV = 40% × 5,000 = 2,000; AC = 2,500;
 * earned schedule: EV 2,000 is planned after 2 of A's 5 days, so ES = 2 working days.
 */
const TRACKED = {
  name: 'Two', start: '2026-01-05', status_date: '2026-01-07T17:00',
  tasks: [
    { id: 'A', name: 'Design', duration: '5d', cost: 5000, percent_complete: 40, actual_start: '2026-01-05', actual_cost: 2500 },
    { id: 'B', name: 'Build', duration: '5d', cost: 10000 },
  ],
  links: [{ from: 'A', to: 'B' }],
};

/** Throws unless `f` throws a JinduError satisfying `check`; never a panic ("unreachable"). */
function throwsJindu(f, check) {
  assert.throws(f, (e) => {
    assert.equal(e.name, 'JinduError', `${e.name}: ${e.message}`);
    assert.doesNotMatch(e.message, /unreachable|panicked/);
    check(e);
    return true;
  });
}

/**
 * A minimal well-formedness check of XML text: every tag closes in order, attributes are
 * quoted, and there is one root `<svg>`. Returns the element names in document order.
 */
function parseXml(text) {
  const names = [];
  const open = [];
  const re = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g;
  let at = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    assert.ok(!text.slice(at, m.index).includes('<'), `stray '<' near ${at}: ${text.slice(at, at + 60)}`);
    at = re.lastIndex;
    if (m[2] === undefined) continue; // a comment or CDATA
    if (m[1]) {
      assert.equal(open.pop(), m[2], `</${m[2]}> closes the wrong element`);
    } else {
      if (open.length === 0) assert.equal(names.length, 0, 'more than one root element');
      names.push(m[2]);
      if (!m[4]) open.push(m[2]);
    }
  }
  assert.ok(!text.slice(at).includes('<'), 'a tag that does not parse');
  assert.deepEqual(open, [], 'unclosed elements');
  assert.equal(names[0], 'svg');
  return names;
}

describe('plan: the module', () => {
  it('loads through import and require, with the same functions', () => {
    const cjs = loadPlanCjs();
    const fns = ['LevelRun', 'level', 'load', 'health', 'evm', 'alerts', 'buffers', 'variance', 'report', 'clientView', 'whatIf', 'compare', 'renderChart', 'renderGantt'];
    for (const f of fns) {
      assert.equal(typeof plan[f], 'function', f);
      assert.equal(typeof cjs[f], 'function', f);
    }
    assert.deepEqual(cjs.level(OVER), plan.level(OVER));
  });
});

describe('plan: level and load', () => {
  it('levels a two-task overallocation: B starts after A', () => {
    const l = plan.level(OVER);
    const [p] = l.projects;
    // A keeps Monday–Tuesday; B waits for Ana until Wednesday 08:00 (2 days = 960 minutes).
    assert.deepEqual(p.tasks.map((t) => [t.id, t.start, t.finish]), [
      ['A', '2026-01-05T08:00:00', '2026-01-06T17:00:00'],
      ['B', '2026-01-07T08:00:00', '2026-01-08T17:00:00'],
    ]);
    assert.equal(p.finish_before, '2026-01-06T17:00:00');
    assert.equal(p.finish, '2026-01-08T17:00:00');
    assert.equal(p.delays.length, 1);
    const d = p.delays[0];
    assert.equal(d.task, 'B');
    assert.equal(d.delay_minutes, 960);
    assert.equal(d.reason.kind, 'resource');
    assert.equal(d.reason.resource, 'ana');
    assert.deepEqual(d.reason.by, [{ project: 0, task: 'A' }]);
    assert.deepEqual(l.unresolved, []);
    // Options as an object or its JSON text, the document as JSON text.
    assert.deepEqual(plan.level(JSON.stringify(OVER), '{"period_minutes": 480}').projects[0].tasks[1].start, '2026-01-07T08:00:00');
  });

  it('split: a task works around the day its resource is busy', () => {
    // T (4 days) and H (priority 800, 1 day, from Tuesday 6) both need all of Ana. Whole, T
    // waits until Wednesday 7 and finishes Monday 12; split, it works Monday 5, pauses on
    // Tuesday while H holds Ana, and works Wednesday 7 to Friday 9.
    const busy = {
      name: 'P', start: '2026-01-05',
      tasks: [{ id: 'T', duration: '4d' }, { id: 'H', duration: '1d', priority: 800, constraint: { type: 'SNET', date: '2026-01-06' } }],
      resources: [{ id: 'ana' }],
      assignments: [{ task: 'T', resource: 'ana' }, { task: 'H', resource: 'ana' }],
    };
    const whole = plan.level(busy).projects[0].tasks[0];
    assert.deepEqual([whole.start, whole.finish, whole.parts], ['2026-01-07T08:00:00', '2026-01-12T17:00:00', undefined]);
    const t = plan.level(busy, { split: true }).projects[0].tasks[0];
    assert.deepEqual([t.start, t.finish], ['2026-01-05T08:00:00', '2026-01-09T17:00:00']);
    assert.deepEqual(t.parts, [
      { start: '2026-01-05T08:00:00', finish: '2026-01-05T17:00:00' },
      { start: '2026-01-07T08:00:00', finish: '2026-01-09T17:00:00' },
    ]);
    assert.deepEqual([t.pauses[0].start, t.pauses[0].finish, t.pauses[0].reason.by], ['2026-01-05T17:00:00', '2026-01-07T08:00:00', [{ project: 0, task: 'H' }]]);
    // A LevelRun splits the same way.
    const run = new plan.LevelRun(busy, { split: true });
    run.step(1);
    assert.deepEqual(run.result().projects[0].tasks[0], t);
  });

  it('within float, nothing moves and the overallocation is unresolved', () => {
    const l = plan.level(OVER, { within_float: true });
    assert.deepEqual(l.projects[0].delays, []);
    assert.equal(l.unresolved.length, 1);
    assert.equal(l.unresolved[0].resource, 'ana');
    assert.equal(l.unresolved[0].peak_units, 200);
  });

  it('levels a portfolio: the higher priority keeps the shared resource', () => {
    const p0 = { name: 'P0', start: '2026-01-05', tasks: [{ id: 'X', duration: '2d', priority: 300 }], resources: [{ id: 'ana' }], assignments: [{ task: 'X', resource: 'ana' }] };
    const p1 = { name: 'P1', start: '2026-01-05', tasks: [{ id: 'Y', duration: '2d', priority: 700 }], resources: [{ id: 'ana' }], assignments: [{ task: 'Y', resource: 'ana' }] };
    const l = plan.level([p0, JSON.stringify(p1)], { seed: 2 });
    // Y (700) keeps Monday–Tuesday; X waits until Wednesday 7th.
    assert.equal(l.projects[0].delays[0].to, '2026-01-07T08:00:00');
    assert.deepEqual(l.projects[0].delays[0].reason.by, [{ project: 1, task: 'Y' }]);
    assert.deepEqual(l.projects[1].delays, []);
    assert.equal(l.seed, 2);
    // A JSON array of documents is the same portfolio.
    assert.deepEqual(plan.level(JSON.stringify([p0, p1]), { seed: 2 }), l);
  });

  it('loads per day: 960 minutes of work on 480 of capacity, 200%', () => {
    const l = plan.load(OVER, { by: 'day' });
    assert.equal(l.period, 'day');
    const [ana] = l.resources;
    assert.equal(ana.id, 'ana');
    assert.equal(ana.work_minutes, 4 * 480);
    assert.deepEqual(ana.periods.map((p) => [p.start, p.work_minutes, p.capacity_minutes, p.load_percent, p.overallocated]), [
      ['2026-01-05T00:00:00', 960, 480, 200, true],
      ['2026-01-06T00:00:00', 960, 480, 200, true],
    ]);
    assert.equal(ana.overallocations.length, 1);
    assert.equal(ana.overallocations[0].start, '2026-01-05T08:00:00');
    assert.equal(ana.overallocations[0].finish, '2026-01-06T17:00:00');
    assert.deepEqual(ana.overallocations[0].tasks.map((t) => t.task), ['A', 'B']);
    // Levelled, Ana is at 100% (her week: 4 days of work in 5 days of capacity).
    const week = plan.load(OVER).resources[0].periods[0];
    assert.equal(week.capacity_minutes, 5 * 480);
  });

  it('costs a period: the work at the standard rate, the cost per use where the assignment starts', () => {
    // Ana at 45.5 an hour with 12 a use on A and B (both Mon 5 – Tue 6 at 100 %): Monday
    // 2 × 8 h × 45.5 = 728 plus two uses = 752; Tuesday 728; total 1480.
    const rated = { ...OVER, resources: [{ id: 'ana', standard_rate: 45.5, cost_per_use: 12 }] };
    const [ana] = plan.load(rated, { by: 'day' }).resources;
    assert.deepEqual(ana.periods.map((p) => p.cost), [752, 728]);
    assert.equal(ana.cost, 1480);
    // Without a rate there is no cost.
    assert.equal(plan.load(OVER, { by: 'day' }).resources[0].periods[0].cost, undefined);
  });

  it('gives the same JSON as `jindu level` and `jindu load`', { skip: noCli }, () => {
    assert.deepEqual(plan.level(OVER), jinduJson(['level'], [OVER]));
    assert.deepEqual(plan.level(OVER, { within_float: true, period_minutes: 30 }), jinduJson(['level'], [OVER], ['--within-float', '--period-minutes', '30']));
    assert.deepEqual(plan.level(OVER, { split: true }), jinduJson(['level'], [OVER], ['--split']));
    const other = { ...OVER, name: 'Other', tasks: [{ id: 'C', duration: '3d', priority: 900 }], assignments: [{ task: 'C', resource: 'ana' }] };
    assert.deepEqual(plan.level([OVER, other], { schedules: 5, seed: 3 }), jinduJson(['level'], [OVER, other], ['--schedules', '5', '--seed', '3']));
    assert.deepEqual(plan.load([OVER, other], { by: 'day' }), jinduJson(['load'], [OVER, other], ['--by', 'day']));
    assert.deepEqual(plan.load(OVER, { by: 'hour', from: '2026-01-05', to: '2026-01-06' }), jinduJson(['load'], [OVER], ['--by', 'hour', '--from', '2026-01-05', '--to', '2026-01-06']));
  });

  it('LevelRun: progress pass by pass to the plain result, and cancelled after the first', () => {
    // A (2 days), B (1 day) and C (3 days) all need all of Ana: whatever the order, she works
    // 2 + 1 + 3 = 6 days = 48 hourly periods, so every pass has makespan 48 and no conflict.
    const three = {
      name: 'P', start: '2026-01-05',
      tasks: [{ id: 'A', duration: '2d' }, { id: 'B', duration: '1d' }, { id: 'C', duration: '3d' }],
      resources: [{ id: 'ana' }],
      assignments: ['A', 'B', 'C'].map((task) => ({ task, resource: 'ana' })),
    };
    const opts = { schedules: 8, seed: 4 };
    const run = new plan.LevelRun(three, opts);
    const seen = [];
    let p;
    do { p = run.step(1); seen.push(p); } while (!p.finished);
    assert.deepEqual(seen.map((q) => q.done), [1, 2, 3, 4, 5, 6, 7, 8]);
    for (const q of seen) {
      assert.equal(q.total, 8);
      assert.equal(q.makespan, 48);
      assert.equal(q.conflicts, 0);
    }
    assert.deepEqual(run.result(), plan.level(three, opts));
    assert.equal('cancelled' in run.result(), false);
    // Cancelled after the first report: the one-pass result, marked cancelled.
    const other = new plan.LevelRun(JSON.stringify(three), JSON.stringify(opts));
    assert.equal(other.step(1).done, 1);
    other.cancel();
    assert.deepEqual(other.step(5), { done: 1, total: 8, makespan: 48, conflicts: 0, finished: true });
    const r = other.result();
    assert.equal(r.cancelled, true);
    assert.equal(r.schedules_generated, 1);
    assert.deepEqual(r.projects, plan.level(three, { ...opts, schedules: 1 }).projects);
    // Cancelled before any pass: nothing was levelled, a typed error.
    const none = new plan.LevelRun(three, opts);
    none.cancel();
    assert.equal(none.step(3).done, 0);
    throwsJindu(() => none.result(), (e) => assert.equal(e.code, 'cancelled'));
    throwsJindu(() => new plan.LevelRun(three, { sedd: 1 }), (e) => assert.equal(e.code, 'json'));
  });

  it('throws typed errors naming the item', () => {
    const bad = { ...OVER, assignments: [{ task: 'A', resource: 'ana', units: 250 }] };
    throwsJindu(() => plan.level(bad), (e) => {
      assert.equal(e.taskId, 'A');
      assert.equal(e.field, 'units');
      assert.match(e.message, /ana/);
    });
    throwsJindu(() => plan.level(OVER, { sedd: 1 }), (e) => { assert.equal(e.code, 'json'); assert.match(e.message, /sedd/); });
    throwsJindu(() => plan.load(OVER, { by: 'fortnight' }), (e) => assert.match(e.message, /fortnight/));
    throwsJindu(() => plan.load(OVER, { from: 'soon' }), (e) => assert.match(e.message, /soon/));
    throwsJindu(() => plan.level(42), (e) => assert.equal(e.code, 'json'));
    throwsJindu(() => plan.level([]), (e) => assert.match(e.message, /empty array/));
    throwsJindu(() => plan.load('[]'), (e) => assert.match(e.message, /empty array/));
    throwsJindu(() => plan.load({ ...OVER, tasks: [{ id: 'A', duration: 'two days' }] }), (e) => {
      assert.equal(e.taskId, 'A');
      assert.equal(e.field, 'duration');
    });
  });
});

describe('plan: health', () => {
  const check = (h, code) => h.checks.find((c) => c.code === code);

  it('reports the missing logic naming the tasks', () => {
    // A and B have neither predecessor nor successor: 2 of 2, 100% > 5%.
    const h = plan.health(OVER);
    const logic = check(h, 'missing_logic');
    assert.equal(logic.number, 1);
    assert.equal(logic.status, 'fail');
    assert.equal(logic.metric, 100);
    assert.deepEqual(logic.tasks, ['A', 'B']);
    assert.equal(h.checks.length, 14);
    assert.equal(h.passed + h.failed + h.not_applicable, 14);
  });

  it('measures the CPLI of a late finish and takes thresholds', () => {
    // S → A (5d) → F, F due Thursday 8th 17:00 but finishing Friday 9th: CPLI = (5 − 1) / 5.
    const late = {
      name: 'Late', start: '2026-01-05',
      tasks: [{ id: 'S', milestone: true }, { id: 'A', duration: '5d' }, { id: 'F', milestone: true, deadline: '2026-01-08T17:00' }],
      links: [{ from: 'S', to: 'A' }, { from: 'A', to: 'F' }],
    };
    const h = plan.health(late);
    assert.equal(check(h, 'cpli').metric, 0.8);
    assert.equal(check(h, 'cpli').status, 'fail');
    assert.deepEqual(check(h, 'negative_float').tasks, ['S', 'A', 'F']);
    assert.equal(check(plan.health(late, { thresholds: { cpli: 0.8 } }), 'cpli').status, 'pass');
  });

  it('gives the same JSON as `jindu health`', { skip: noCli }, () => {
    assert.deepEqual(plan.health(OVER), jinduJson(['health'], [OVER]));
    assert.deepEqual(plan.health(TRACKED), jinduJson(['health'], [TRACKED]));
  });

  it('throws typed errors naming the field', () => {
    throwsJindu(() => plan.health(OVER, { baseline: 2 }), (e) => { assert.equal(e.code, 'invalid'); assert.equal(e.field, 'baseline'); });
    throwsJindu(() => plan.health(OVER, { thresholds: { x: 1 } }), (e) => { assert.equal(e.code, 'json'); assert.match(e.message, /x/); });
    throwsJindu(() => plan.health(OVER, { status_date: 'soon' }), (e) => assert.equal(e.field, 'status_date'));
  });

  it('reports dangling logic as an additional check', () => {
    // S → A (FS), A → B (SS), B → F (FS): B's start is driven (SS) but A's finish drives
    // nothing (its one successor is SS): 1 of 4 incomplete tasks dangles, 25% > 5%.
    const doc = {
      name: 'Dangling', start: '2026-01-05',
      tasks: [{ id: 'S', milestone: true }, { id: 'A', duration: '2d' }, { id: 'B', duration: '2d' }, { id: 'F', milestone: true }],
      links: [{ from: 'S', to: 'A' }, { from: 'A', to: 'B', type: 'SS' }, { from: 'B', to: 'F' }],
    };
    const h = plan.health(doc);
    assert.equal(check(h, 'missing_logic').status, 'pass');
    const [d] = h.additional;
    assert.deepEqual([d.number, d.code, d.status, d.metric], [15, 'dangling_logic', 'fail', 25]);
    assert.deepEqual(d.gaps, [{ task: 'A', kind: 'dangling_finish' }]);
    assert.equal(h.passed + h.failed + h.not_applicable, 14);
  });
});

describe('plan: risk scores', () => {
  /** A (5d) and B (2d) into milestone M, Monday 5 January: A and M critical, B 3 days of float. */
  const MERGE = {
    name: 'Merge', start: '2026-01-05',
    tasks: [{ id: 'A', duration: '5d' }, { id: 'B', duration: '2d' }, { id: 'M', milestone: true }],
    links: [{ from: 'A', to: 'M' }, { from: 'B', to: 'M' }],
  };

  it('scores by hand', () => {
    // Weights in play: float 3, merge 1, hard constraint 1, deadline 2 = 7 (no Monte Carlo,
    // baseline, status date, estimate or resources: those factors are missing, not 0).
    // A: float 1 × 3 → 100 × 3 / 7 = 42.9. B: float 1 − 3/10 = 0.7 × 3 → 100 × 2.1 / 7 = 30.
    // M: float 3 + merge (2 − 1) / (2 + 1) = ⅓ → 100 × 3.33 / 7 = 47.6.
    const s = plan.scores(MERGE);
    assert.deepEqual(s.tasks.map((t) => [t.id, t.kind, t.score]), [['A', 'task', 42.9], ['B', 'task', 30], ['M', 'milestone', 47.6]]);
    assert.deepEqual(s.tasks[0].missing, ['float_consumed', 'criticality', 'spread', 'overallocated', 'late']);
    // The top decile of 3 scores is the highest: M's. Mean (42.9 + 30 + 47.6) / 3 = 40.2.
    assert.deepEqual([s.score, s.max, s.mean], [47.6, 47.6, 40.2]);
    // Low float: high for A and M (1 ≥ 0.8), M first by its score; medium for B (0.7).
    assert.deepEqual(s.warnings.map((w) => [w.code, w.severity, w.task]), [['low_float', 'high', 'M'], ['low_float', 'high', 'A'], ['low_float', 'medium', 'B']]);
    // Only float weighed: A's score is its float value, 100.
    const only = plan.scores(MERGE, { weights: { merge: 0, hard_constraint: 0, deadline: 0 } });
    assert.equal(only.tasks[0].score, 100);
    // Options as JSON text too.
    assert.deepEqual(plan.scores(JSON.stringify(MERGE), '{"warn_at": 0.9}').warnings.map((w) => w.task), ['M', 'A']);
  });

  it('gives the same JSON as `jindu scores`', { skip: noCli }, () => {
    assert.deepEqual(plan.scores(MERGE), jinduJson(['scores'], [MERGE]));
    assert.deepEqual(plan.scores(TRACKED), jinduJson(['scores'], [TRACKED]));
    assert.deepEqual(plan.scores(OVER), jinduJson(['scores'], [OVER]));
    // The Monte Carlo (criticality) gives the same numbers natively and in WebAssembly: with
    // B's estimate reaching 7 days, B is sometimes the critical path.
    const risky = {
      ...MERGE,
      tasks: [
        { id: 'A', duration: '5d', estimate: { optimistic: '4d', likely: '5d', pessimistic: '6d' } },
        { id: 'B', duration: '2d', estimate: { optimistic: '1d', likely: '2d', pessimistic: '7d' } },
        { id: 'M', milestone: true },
      ],
    };
    const mc = plan.scores(risky, { iterations: 300, seed: 3 });
    const ci = mc.tasks[1].factors.find((f) => f.code === 'criticality').measure;
    assert.ok(ci > 0 && ci < 1, `B's criticality ${ci}`);
    assert.deepEqual(mc, jinduJson(['scores'], [risky], ['--iterations', '300', '--seed', '3']));
    assert.deepEqual(
      plan.scores(TRACKED, { status_date: '2026-01-08T17:00' }),
      jinduJson(['scores'], [TRACKED], ['--status-date', '2026-01-08T17:00']),
    );
  });

  it('caps the warnings and reads a default estimate', { skip: noCli }, () => {
    // Three low-float warnings (M, A, B); one kept, two counted.
    const one = plan.scores(MERGE, { max_warnings: 1 });
    assert.deepEqual([one.warnings.map((w) => w.task), one.warnings_dropped], [['M'], 2]);
    assert.equal(plan.scores(MERGE).warnings_dropped, 0);
    // −10 % / +25 % around A's 5 days: 4.5d, 5d, 6.25d; mean 5.25d; 1.75 / 5.25 = 0.33.
    const ranged = plan.scores(MERGE, { default_estimate: { optimistic_percent: -10, pessimistic_percent: 25 } });
    assert.equal(ranged.tasks[0].factors.find((f) => f.code === 'spread').value, 0.33);
    assert.deepEqual(one, jinduJson(['scores'], [MERGE], ['--max-warnings', '1']));
    assert.deepEqual(ranged, jinduJson(['scores'], [MERGE], ['--default-range', '-10,25']));
  });

  it('throws typed errors naming the field', () => {
    throwsJindu(() => plan.scores(MERGE, { default_estimate: { optimistic_percent: -10 } }), (e) => assert.equal(e.field, 'default_estimate'));
    throwsJindu(() => plan.scores(MERGE, { warn_at: 2 }), (e) => { assert.equal(e.code, 'invalid'); assert.equal(e.field, 'warn_at'); });
    throwsJindu(() => plan.scores(MERGE, { weights: { flaot: 1 } }), (e) => { assert.equal(e.code, 'json'); assert.match(e.message, /flaot/); });
    throwsJindu(() => plan.scores(MERGE, { baseline: 4 }), (e) => assert.equal(e.field, 'baseline'));
  });
});

describe('plan: tracking', () => {
  it('evm: pv, ev, ac and earned schedule by hand', () => {
    const e = plan.evm(TRACKED);
    assert.equal(e.pv, 3000);
    assert.equal(e.ev, 2000);
    assert.equal(e.ac, 2500);
    assert.equal(e.sv, -1000);
    assert.equal(e.cv, -500);
    assert.equal(e.cpi, 0.8);
    assert.equal(e.es_working_days, 2);
    assert.equal(e.bac, 15000);
    assert.deepEqual(e.tasks.map((t) => [t.id, t.pv, t.ev]), [['A', 3000, 2000], ['B', 0, 0]]);
    // EAC by planned rate: AC + (BAC − EV) = 2,500 + 13,000.
    assert.equal(plan.evm(TRACKED, { eac: 'planned_rate' }).eac, 15500);
    // On Friday 9th, A is planned complete: PV 5,000.
    assert.equal(plan.evm(TRACKED, { status_date: '2026-01-09T17:00' }).pv, 5000);
  });

  it('alerts, buffers, variance, the report and the client view', () => {
    const a = plan.alerts(TRACKED);
    assert.ok(a.some((x) => x.code === 'cpi_low'), JSON.stringify(a.map((x) => x.code)));
    const zh = plan.alerts(TRACKED, { lang: 'zh-CN' });
    assert.equal(zh.length, a.length);
    assert.notEqual(zh[0].message, a[0].message);
    // The project buffer is 15% of the 10-day chain: 1.5 days = 720 minutes.
    const b = plan.buffers(TRACKED);
    assert.equal(b.buffers[0].kind, 'project');
    assert.equal(b.buffers[0].size_minutes, 720);
    const v = plan.variance(TRACKED);
    assert.deepEqual(v.tasks.map((t) => t.id), ['A', 'B']);
    assert.equal(v.baseline, null);
    const r = plan.report(TRACKED);
    assert.equal(r.project, 'Two');
    const md = plan.report(TRACKED, { format: 'markdown', lang: 'zh-CN' });
    assert.equal(typeof md, 'string');
    assert.ok(md.startsWith('# Two项目周报'), md.slice(0, 40));
    const html = plan.report(TRACKED, { format: 'html' });
    assert.match(html, /<html|<h1/);
    // With a progress callback: the same page, 0 to 4 of 4 steps (status, report, page);
    // returning false cancels, and an exception it throws comes back as it was.
    const steps = [];
    assert.equal(plan.report(TRACKED, { format: 'html' }, (done, total) => { steps.push([done, total]); }), html);
    assert.deepEqual(steps, [0, 1, 2, 3, 4].map((k) => [k, 4]));
    assert.throws(() => plan.report(TRACKED, null, (done) => done === 0), { name: 'JinduError', code: 'cancelled' });
    assert.throws(() => plan.report(TRACKED, null, () => { throw new RangeError('stop'); }), RangeError);
    const c = plan.clientView(TRACKED);
    assert.deepEqual(c.tasks.map((t) => t.id), ['A', 'B']);
    assert.ok(!JSON.stringify(c).includes('"cost"'));
  });

  it('actual work and alert thresholds, as the `jindu` command takes them', () => {
    // Ana has logged 46 h of a 40 h budget: nothing of the plan is left, 15% over (> 10%).
    const doc = {
      name: 'Hours', start: '2026-01-05', status_date: '2026-01-07T12:00',
      tasks: [{ id: 'A', name: 'Build', duration: '5d', percent_complete: 50, actual_start: '2026-01-05',
                baselines: [{ number: 0, start: '2026-01-05', finish: '2026-01-09T17:00', work: '40h' }] }],
      resources: [{ id: 'ana', name: 'Ana' }],
      assignments: [{ task: 'A', resource: 'ana', actual_work: '46h' }],
    };
    const t = plan.variance(doc).tasks[0];
    assert.deepEqual([t.actual_work_minutes, t.remaining_work_minutes, t.work_variance_minutes], [2760, 0, 360]);
    const over = plan.alerts(doc).filter((a) => a.code === 'work_overrun');
    assert.equal(over.length, 1);
    assert.equal(over[0].value, 15);
    const quiet = plan.alerts(doc, { alerts: { work_overrun_percent: 20 } });
    assert.ok(quiet.every((a) => a.code !== 'work_overrun'));
    throwsJindu(() => plan.alerts(doc, { alerts: { disabled: ['work_overun'] } }), (e) => assert.match(e.message, /work_overun/));
    if (!noCli) {
      assert.deepEqual(quiet, jinduJson(['alerts'], [doc], ['--alert', 'work_overrun_percent=20']));
      assert.deepEqual(plan.alerts(doc, { alerts: { disabled: ['work_overrun', 'task_late'] } }),
        jinduJson(['alerts'], [doc], ['--disable', 'work_overrun', '--disable', 'task_late']));
    }
  });

  it('alerts since an earlier version of the plan, as `jindu alerts --since`', () => {
    // Last week A (2 days) drove M; now B takes 3 days and drives it.
    const lastWeek = { name: 'p', start: '2026-01-05', status_date: '2026-01-05T08:00',
      tasks: [{ id: 'A', duration: '2d' }, { id: 'B', duration: '1d' }, { id: 'M', milestone: true }],
      links: [{ from: 'A', to: 'M' }, { from: 'B', to: 'M' }] };
    const now = { ...lastWeek, tasks: [{ id: 'A', duration: '2d' }, { id: 'B', duration: '3d' }, { id: 'M', milestone: true }] };
    assert.ok(plan.alerts(now).every((a) => a.code !== 'critical_path_changed'));
    const since = plan.alerts(now, null, lastWeek);
    assert.equal(since.filter((a) => a.code === 'critical_path_changed').length, 1);
    if (!noCli) {
      const snap = join(dir, 'last-week.json');
      writeFileSync(snap, JSON.stringify(lastWeek));
      assert.deepEqual(since, jinduJson(['alerts'], [now], ['--since', snap]));
    }
  });

  it('compare: two versions of a plan, as `jindu compare` prints it', () => {
    // A grows from 2 to 3 days and B follows it; X goes and C comes: the finish moves a day.
    const before = { name: 'p', start: '2026-01-05', tasks: [{ id: 'A', duration: '2d' }, { id: 'B', duration: '1d' }, { id: 'X', duration: '1d' }], links: [{ from: 'A', to: 'B' }] };
    const after = { name: 'p', start: '2026-01-05', tasks: [{ id: 'A', duration: '3d' }, { id: 'B', duration: '1d' }, { id: 'C', duration: '1d' }], links: [{ from: 'A', to: 'B' }] };
    const c = plan.compare(before, after);
    assert.equal(c.finish_delta_minutes, 480);
    assert.deepEqual(c.moved.map((m) => [m.id, m.start_delta_minutes, m.finish_delta_minutes]), [['A', 0, 480], ['B', 480, 480]]);
    assert.deepEqual([c.added, c.removed], [['C'], ['X']]);
    assert.deepEqual(plan.compare(JSON.stringify(before), JSON.stringify(after)), c);
    if (!noCli) assert.deepEqual(c, JSON.parse(jindu(['compare'], [before, after])));
    throwsJindu(() => plan.compare(before, { name: 'p' }), (e) => assert.match(e.message, /start|finish/));
  });

  it('whatIf: two more days on B move the finish two days', () => {
    const change = { op: 'set_duration', task: 'B', duration: '7d' };
    const w = plan.whatIf(TRACKED, [change]);
    assert.equal(w.finish_delta_minutes, 2 * 480);
    assert.deepEqual(w.moved.map((m) => m.id), ['B']);
    assert.equal(w.critical_path_changed, false);
    assert.deepEqual(plan.whatIf(TRACKED, { changes: [change] }), w);
    assert.deepEqual(plan.whatIf(JSON.stringify(TRACKED), JSON.stringify({ changes: [change] })), w);
  });

  it('gives the same JSON as the `jindu` tracking commands', { skip: noCli }, () => {
    assert.deepEqual(plan.evm(TRACKED), jinduJson(['evm'], [TRACKED]));
    assert.deepEqual(plan.evm(TRACKED, { eac: 'cpi_spi', ieac: 'planned_rate', status_date: '2026-01-08T12:00' }),
      jinduJson(['evm'], [TRACKED], ['--eac', 'cpi_spi', '--ieac', 'planned_rate', '--status-date', '2026-01-08T12:00']));
    assert.deepEqual(plan.alerts(TRACKED, { lang: 'zh-CN' }), jinduJson(['alerts'], [TRACKED], ['--lang', 'zh-CN']));
    assert.deepEqual(plan.buffers(TRACKED), JSON.parse(jindu(['buffers'], [TRACKED])));
    assert.deepEqual(plan.variance(TRACKED), JSON.parse(jindu(['variance'], [TRACKED])));
    assert.deepEqual(plan.report(TRACKED, { period: 'month' }), jinduJson(['report'], [TRACKED], ['--period', 'month']));
    assert.equal(plan.report(TRACKED, { format: 'markdown', lang: 'zh-CN', client: true }),
      jindu(['report'], [TRACKED], ['--format', 'markdown', '--lang', 'zh-CN', '--client']));
    assert.equal(plan.report(TRACKED, { format: 'html', currency: 'CNY' }), jindu(['report'], [TRACKED], ['--format', 'html', '--currency', 'CNY']));
    assert.deepEqual(plan.clientView(TRACKED), JSON.parse(jindu(['client'], [TRACKED])));
    const changes = { changes: [{ op: 'set_duration', task: 'B', duration: '7d' }] };
    const cf = join(dir, 'changes.json');
    writeFileSync(cf, JSON.stringify(changes));
    assert.deepEqual(plan.whatIf(TRACKED, changes), jinduJson(['whatif'], [TRACKED], [cf]));
  });

  it('throws typed errors naming the value', () => {
    throwsJindu(() => plan.evm(TRACKED, { eac: 'guess' }), (e) => { assert.equal(e.code, 'parse'); assert.match(e.message, /guess/); });
    throwsJindu(() => plan.evm(TRACKED, { status_date: 'soon' }), (e) => assert.equal(e.code, 'parse'));
    throwsJindu(() => plan.alerts(TRACKED, { lang: 'fr' }), (e) => assert.match(e.message, /fr/));
    throwsJindu(() => plan.report(TRACKED, { format: 'pdf' }), (e) => assert.match(e.message, /pdf/));
    throwsJindu(() => plan.evm(TRACKED, { statusdate: '2026-01-07' }), (e) => { assert.equal(e.code, 'json'); assert.match(e.message, /statusdate/); });
    throwsJindu(() => plan.whatIf(TRACKED, [{ op: 'x' }]), (e) => assert.equal(e.code, 'json'));
    throwsJindu(() => plan.whatIf(TRACKED, [{ op: 'set_duration', task: 'Z', duration: '1d' }]), (e) => assert.match(e.message, /Z/));
    const { status_date: _, ...undated } = TRACKED;
    throwsJindu(() => plan.evm(undated), (e) => assert.equal(e.field, 'status_date'));
  });
});

describe('plan: charts', () => {
  it('renderGantt draws every task name in well-formed SVG', () => {
    const svg = plan.renderGantt(TRACKED, { width: 800 });
    assert.ok(svg.startsWith('<svg') && svg.endsWith('</svg>'));
    assert.match(svg, /width="800"/);
    for (const name of ['Design', 'Build', 'Two']) assert.ok(svg.includes(name), name);
    const names = parseXml(svg);
    assert.ok(names.includes('text') && names.includes('rect'));
    // Both tasks are critical (A → B is the only path): two critical bars.
    assert.equal(svg.match(/class="b c"/g)?.length, 2);
    // Dark and Chinese: the same chart in the other theme and locale.
    const zh = plan.renderGantt({ ...TRACKED, tasks: [{ ...TRACKED.tasks[0], name: '设计' }, TRACKED.tasks[1]] }, { theme: 'dark', locale: 'zh-CN' });
    assert.ok(zh.includes('设计'));
    assert.notEqual(zh, plan.renderGantt(TRACKED));
    parseXml(zh);
  });

  it('renderChart passes the kind to the core: gantt is renderGantt', () => {
    assert.equal(plan.renderChart(TRACKED, 'gantt', { width: 900 }), plan.renderGantt(TRACKED, { width: 900 }));
    assert.equal(plan.renderChart(JSON.stringify(TRACKED), 'gantt', '{"width": 900}'), plan.renderGantt(TRACKED, { width: 900 }));
    assert.equal(plan.renderChart(TRACKED, 'gantt'), plan.renderGantt(TRACKED));
  });

  it('every chart kind gives the bytes (or the error) of `jindu render --chart`', { skip: noCli }, () => {
    assert.equal(plan.renderGantt(TRACKED), jindu(['render'], [TRACKED]));
    for (const kind of ['gantt', 'histogram', 'scurve', 'tornado', 'evm', 'fever']) {
      let want;
      try {
        want = ['ok', jindu(['render'], [TRACKED], ['--chart', kind])];
      } catch (e) {
        want = ['error', String(e.stderr).trim().replace(/^jindu: error \[[a-z_]+\]: /, '')];
      }
      let got;
      try {
        got = ['ok', plan.renderChart(TRACKED, kind)];
      } catch (e) {
        assert.equal(e.name, 'JinduError', kind);
        got = ['error', e.message];
      }
      assert.deepEqual(got, want, kind);
      if (got[0] === 'ok') parseXml(got[1]);
    }
  });

  it('throws typed errors naming the option or kind', () => {
    throwsJindu(() => plan.renderChart(TRACKED, 'pie'), (e) => { assert.equal(e.code, 'parse'); assert.match(e.message, /expected gantt/); });
    throwsJindu(() => plan.renderGantt(TRACKED, { widht: 800 }), (e) => assert.match(e.message, /widht/));
    throwsJindu(() => plan.renderGantt(TRACKED, { tasks: ['nope'] }), (e) => assert.match(e.message, /nope/));
    throwsJindu(() => plan.renderChart(TRACKED, 3), (e) => assert.equal(e.code, 'json'));
    throwsJindu(() => plan.renderGantt('{"name": "x"'), (e) => assert.equal(e.code, 'json'));
  });
});

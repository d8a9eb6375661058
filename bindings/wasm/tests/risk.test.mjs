// Monte Carlo risk through the npm package: values worked out by hand, and typed errors.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { loadEsm } from './helpers.mjs';

const jindu = await loadEsm();

describe('risk', () => {
  it('a project without uncertainty has one outcome', () => {
    // No estimates and no risks: every iteration is the deterministic schedule, A's 5 working
    // days from Monday 2026-01-05 08:00 to Friday 17:00, so every percentile is that date and
    // A is critical in every iteration.
    const doc = { name: 'p', start: '2026-01-05', tasks: [{ id: 'A', duration: '5d' }] };
    const r = jindu.risk(doc, { iterations: 50, seed: 4 });
    assert.equal(r.iterations, 50);
    assert.equal(r.finish.p50, '2026-01-09T17:00:00');
    assert.equal(r.finish.p95, '2026-01-09T17:00:00');
    assert.equal(r.tasks[0].criticality_index, 1);
    // The text form gives the same report, byte for byte, for the same seed.
    const text = jindu.riskJson(JSON.stringify(doc), JSON.stringify({ iterations: 50, seed: 4 }));
    assert.deepEqual(JSON.parse(text), r);
  });

  it('a uniform estimate has the closed-form mean', () => {
    // A alone, uniform between 2 and 6 working days: the mean finish is 4 working days after
    // the start; with 4,000 iterations the standard error is (4/sqrt(12))/sqrt(4000) = 0.018 d,
    // so 4 ± 0.1 d holds with a wide margin.
    const doc = {
      name: 'p', start: '2026-01-05',
      tasks: [{ id: 'A', duration: '4d', estimate: { optimistic: '2d', likely: '4d', pessimistic: '6d', distribution: 'uniform' } }],
    };
    const r = jindu.risk(doc, { iterations: 4000, seed: 7 });
    assert.ok(Math.abs(r.finish.mean_working_days - 4) < 0.1, `${r.finish.mean_working_days}`);
  });

  it('RiskRun: step by step to the one-call report, and cancelled part-way', () => {
    const doc = {
      name: 'p', start: '2026-01-05',
      tasks: [{ id: 'A', duration: '4d', estimate: { optimistic: '2d', likely: '4d', pessimistic: '6d' } }],
    };
    const opts = { iterations: 2000, seed: 3 };
    const run = new jindu.RiskRun(doc, opts);
    let p = run.step(500);
    assert.ok(p.done >= 500 && p.done < 2000 && !p.finished, JSON.stringify(p));
    assert.equal(run.report().stopped, 'running');
    while (!p.finished) p = run.step(500);
    assert.deepEqual([p.done, p.total], [2000, 2000]);
    assert.deepEqual(run.report(), jindu.risk(doc, opts));
    // A Cancel button: the report of what was done, the same as a run of that many iterations.
    const other = new jindu.RiskRun(doc, opts);
    other.step(500);
    other.cancel();
    assert.equal(other.step(500).finished, true);
    const r = other.report();
    assert.equal(r.stopped, 'cancelled');
    assert.deepEqual(r.finish, jindu.risk(doc, { ...opts, iterations: r.iterations }).finish);
    // Cancelled before anything ran: a typed error, not an empty report.
    const none = new jindu.RiskRun(doc, opts);
    none.cancel();
    none.step(500);
    assert.throws(() => none.report(), (e) => e.name === 'JinduError');
    assert.throws(() => new jindu.RiskRun(doc, { iterations: 0 }), (e) => e.name === 'JinduError' && e.field === 'iterations');
  });

  it('a bad option is a JinduError naming the field', () => {
    const doc = { name: 'p', start: '2026-01-05', tasks: [{ id: 'A', duration: '5d' }] };
    assert.throws(() => jindu.risk(doc, { iterations: 0 }), (e) => e.name === 'JinduError' && e.field === 'iterations');
    assert.throws(() => jindu.risk(doc, { iteratons: 5 }), (e) => e.name === 'JinduError' && e.code === 'json');
  });
});

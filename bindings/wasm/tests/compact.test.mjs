// The compact form (scheduleCompact, Scheduler.scheduleCompact()) against the object form: the
// same keys, dates, floats, flags, critical path, violations and warnings, for every
// conformance vector that schedules, a generated 2,000-task network, and a Scheduler after
// edits (both entry points); its errors are the same JinduErrors.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { attempt, canonical, loadCjs, loadEsm, vectors } from './helpers.mjs';
import { layeredNetwork } from '../bench/network.mjs';

const DATES = ['start', 'finish', 'early_start', 'early_finish', 'late_start', 'late_finish'];
const FLAGS = ['critical', 'summary', 'milestone'];

/** Minutes since 1970-01-01T00:00 written as the core writes dates. */
const iso = (m) => new Date(m * 60000).toISOString().slice(0, 19);

/** Asserts that compact form `c` says what schedule object `s` says. */
function assertSame(c, s, what) {
  const n = s.tasks.length;
  assert.equal(c.project, s.project, `${what}: project`);
  assert.equal(iso(c.project_start), s.project_start, `${what}: project_start`);
  assert.equal(iso(c.project_finish), s.project_finish, `${what}: project_finish`);
  assert.deepEqual(c.ids, s.tasks.map((t) => t.id), `${what}: ids`);
  for (const f of [...DATES, 'duration_minutes', 'total_float_minutes', 'free_float_minutes']) {
    assert.ok(c[f] instanceof Float64Array && c[f].length === n, `${what}: ${f} is a Float64Array of ${n}`);
  }
  for (const f of FLAGS) assert.ok(c[f] instanceof Uint8Array && c[f].length === n, `${what}: ${f}`);
  assert.ok(c.critical_path instanceof Uint32Array);
  s.tasks.forEach((t, i) => {
    for (const f of DATES) assert.equal(iso(c[f][i]), t[f], `${what}: ${t.id}.${f}`);
    assert.equal(c.total_float_minutes[i], t.total_float_minutes, `${what}: ${t.id}.total_float_minutes`);
    assert.equal(c.free_float_minutes[i], t.free_float_minutes, `${what}: ${t.id}.free_float_minutes`);
    for (const f of FLAGS) assert.equal(c[f][i] === 1, t[f], `${what}: ${t.id}.${f}`);
  });
  assert.deepEqual([...c.critical_path].map((i) => c.ids[i]), s.critical_path, `${what}: critical_path`);
  assert.equal(canonical(c.violations), canonical(s.violations), `${what}: violations`);
  assert.equal(canonical(c.warnings), canonical(s.warnings), `${what}: warnings`);
}

for (const [flavour, jindu] of [['esm', await loadEsm()], ['cjs', loadCjs()]]) {
  describe(`scheduleCompact (${flavour})`, () => {
    it('agrees with schedule() on every conformance vector, errors included', () => {
      let compared = 0;
      for (const [name, v] of vectors()) {
        const text = canonical(v.document);
        const [kind, s] = attempt(() => jindu.schedule(text));
        const [ckind, c] = attempt(() => jindu.scheduleCompact(text));
        assert.equal(ckind, kind, `${name}: both schedule or both throw`);
        if (kind === 'ok') {
          assertSame(c, s, name);
          assertSame(jindu.scheduleCompact(v.document), s, `${name} (object)`);
          compared += 1;
        } else {
          assert.deepEqual(c, s, `${name}: the same error`);
        }
      }
      assert.ok(compared >= 15, `only ${compared} vectors compared`);
    });

    it('agrees with schedule() on a 2,000-task network, durations in minutes', () => {
      const doc = layeredNetwork({ layers: 40, width: 50 });
      const s = jindu.schedule(doc);
      const c = jindu.scheduleCompact(doc);
      assertSame(c, s, 'layered network');
      const minutes = { d: 480, h: 60 };
      doc.tasks.forEach((t, i) => {
        const m = /^(\d+)([dh])$/.exec(t.duration ?? '0d');
        assert.ok(m, `a plain duration: ${t.duration}`);
        assert.equal(c.duration_minutes[i], Number(m[1]) * minutes[m[2]], `${t.id}.duration_minutes`);
      });
    });

    it('Scheduler.scheduleCompact() follows edits', () => {
      const doc = layeredNetwork({ layers: 10, width: 20 });
      const sched = new jindu.Scheduler(doc);
      assertSame(sched.scheduleCompact(), sched.schedule(), 'before edits');
      sched.setDuration(doc.tasks[3].id, '9d');
      assertSame(sched.scheduleCompact(), sched.schedule(), 'after setDuration');
      sched.addTask({ id: 'NEW', name: 'New', duration: '2d' });
      sched.addLink(doc.tasks[0].id, 'NEW', 'FS', '1d');
      const c = sched.scheduleCompact();
      assert.equal(c.ids.at(-1), 'NEW');
      assertSame(c, sched.schedule(), 'after addTask');
      sched.free();
    });

    it('throws typed errors, like schedule()', () => {
      const cycle = {
        name: 'x',
        start: '2026-01-05',
        tasks: [{ id: 'A' }, { id: 'B' }],
        links: [{ from: 'A', to: 'B' }, { from: 'B', to: 'A' }],
      };
      for (const bad of [cycle, 42, null, '{not json']) {
        const [kind, e] = attempt(() => jindu.scheduleCompact(bad));
        assert.equal(kind, 'error', `${JSON.stringify(bad)} throws a JinduError`);
        assert.deepEqual(attempt(() => jindu.schedule(bad)), [kind, e]);
      }
    });
  });
}

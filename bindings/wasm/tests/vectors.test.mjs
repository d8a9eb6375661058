// Every conformance vector through both entry points (ESM and CommonJS) and every way in:
// JSON text (scheduleJson), typed objects (schedule), and the incremental Scheduler.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { attempt, canonical, checkHand, loadCjs, loadEsm, sortKeys, vectors } from './helpers.mjs';

const flavours = [
  ['esm', await loadEsm()],
  ['cjs', loadCjs()],
];
const all = vectors();
assert.ok(all.length >= 20, 'the conformance vectors are there');
// Hand-computed values (tests/vectors/src, `hand`): the textbook networks at least.
assert.ok(all.some(([, v]) => (v.risk ?? []).length >= 2), 'the Monte Carlo runs are there');
const withHand = all.filter(([, v]) => v.hand !== undefined).map(([n]) => n);
for (const n of ['textbook-cpm.json', 'link-types.json', 'holidays.json', 'negative-float.json', 'summaries.json', 'deadline.json']) {
  assert.ok(withHand.includes(n), `${n} carries hand-computed values`);
}

for (const [flavour, jindu] of flavours) {
  describe(`conformance vectors (${flavour})`, () => {
    for (const [name, v] of all) {
      it(name, () => {
        const text = canonical(v.document);
        const object = sortKeys(v.document);
        const want = canonical(v.expect);
        const ways = {
          scheduleJson: () => JSON.parse(jindu.scheduleJson(text)),
          'schedule(text)': () => jindu.schedule(text),
          'schedule(object)': () => jindu.schedule(object),
          'new Scheduler().schedule()': () => new jindu.Scheduler(text).schedule(),
        };
        for (const [way, f] of Object.entries(ways)) {
          const [kind, value] = attempt(f);
          const got = kind === 'ok' ? { schedule: value } : { error: value };
          // The hand-computed values first: they show the schedule is right, not only the same.
          if (v.hand !== undefined) {
            assert.equal(kind, 'ok', `${name} via ${way}: a vector with hand values must schedule`);
            const [compared, problems] = checkHand(v, value);
            assert.deepEqual(problems, [], `${name} via ${way}: hand-computed values`);
            assert.ok(compared >= 10, `${name} via ${way}: only ${compared} hand values`);
          }
          assert.equal(canonical(got), want, `${name} via ${way}`);
        }
        // The Monte Carlo runs: the same seed gives the report the native runners check.
        for (const [k, run] of (v.risk ?? []).entries()) {
          const options = canonical(run.options);
          const [kind, value] = attempt(() => JSON.parse(jindu.riskJson(text, options)));
          const got = kind === 'ok' ? { report: value } : { error: value };
          assert.equal(canonical(got), canonical(run.expect), `${name} risk ${k} (riskJson)`);
          const [okind, ovalue] = attempt(() => jindu.risk(object, sortKeys(run.options)));
          assert.deepEqual([okind, canonical(ovalue)], [kind, canonical(value)], `${name} risk ${k} (risk)`);
        }
        if (!v.edits) return;

        // The edits, in order, on one Scheduler: once as JSON text, once as objects.
        for (const form of ['text', 'object']) {
          const s = new jindu.Scheduler(form === 'text' ? text : object);
          v.edits.forEach((step, k) => {
            const edit = form === 'text' ? canonical(step.edit) : sortKeys(step.edit);
            const before = canonical(s.schedule());
            const previewed = attempt(() => s.preview(edit));
            assert.equal(canonical(s.schedule()), before, `${name} edit ${k}: preview committed`);
            const [kind, value] = attempt(() => s.apply(edit));
            assert.deepEqual(previewed, [kind, value], `${name} edit ${k}: preview != apply`);
            const got = kind === 'ok' ? { diff: value } : { error: value };
            assert.equal(canonical(got), canonical(step.expect), `${name} edit ${k} (${form})`);
            if (kind === 'error') {
              assert.equal(canonical(s.schedule()), before, `${name} edit ${k}: failed edit committed`);
            }
          });
          assert.equal(canonical(s.schedule()), canonical(v.final), `${name} final (${form})`);
          s.free();
        }
      });
    }
  });
}

describe('hand-value check', () => {
  it('fails on a wrong value, an unknown field and a missing task', () => {
    const [, v] = all.find(([n]) => n === 'textbook-cpm.json');
    const schedule = v.expect.schedule;
    const [n, ok] = checkHand(v, schedule);
    assert.ok(n >= 60);
    assert.deepEqual(ok, []);
    const bad = structuredClone(v);
    bad.hand.tasks.I.free_float_minutes = 960;
    bad.hand.tasks.B.late_finsh = 'x';
    bad.hand.tasks.Z = { critical: true };
    const [, problems] = checkHand(bad, schedule);
    assert.equal(problems.length, 3, problems.join('\n'));
  });
});

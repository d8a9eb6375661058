// Every conformance vector through both entry points (ESM and CommonJS) and every way in:
// JSON text (scheduleJson), typed objects (schedule), and the incremental Scheduler; the
// tracking entries (`track`) through `jindu/plan`, again as text and as objects.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  attempt, canonical, checkHand, checkValues, loadCjs, lookup, loadEsm, loadPlanCjs, loadPlanEsm, runTrack, sortKeys, vectors,
} from './helpers.mjs';

const flavours = [
  ['esm', await loadEsm(), await loadPlanEsm()],
  ['cjs', loadCjs(), loadPlanCjs()],
];
const all = vectors();
assert.ok(all.length >= 20, 'the conformance vectors are there');
// Hand-computed values (tests/vectors/src, `hand`): the textbook networks at least.
assert.ok(all.some(([, v]) => (v.risk ?? []).length >= 2), 'the Monte Carlo runs are there');
const withHand = all.filter(([, v]) => v.hand !== undefined).map(([n]) => n);
for (const n of ['textbook-cpm.json', 'link-types.json', 'holidays.json', 'negative-float.json', 'summaries.json', 'deadline.json']) {
  assert.ok(withHand.includes(n), `${n} carries hand-computed values`);
}
// Tracking entries with hand-worked earned value and what-if values.
for (const n of ['tracking-evm.json', 'tracking-whatif.json']) {
  const v = all.find(([name]) => name === n)?.[1];
  assert.ok((v?.track ?? []).some((e) => e.hand !== undefined), `${n} has hand-worked tracking values`);
}

/** What `expect` is for a document given as an object: an error's message without the line and column. */
function fromObject(expect) {
  if (expect?.error === undefined) return expect;
  return { ...expect, error: { ...expect.error, message: expect.error.message.replace(/ \(line \d+, column \d+\)$/, '') } };
}

for (const [flavour, jindu, plan] of flavours) {
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
          // For an object, an error's message has no line and column (they would be in the
          // text JSON.stringify wrote); its path stays.
          const expected = way === 'schedule(object)' ? canonical(fromObject(v.expect)) : want;
          assert.equal(canonical(got), expected, `${name} via ${way}`);
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
        // The tracking entries: every function of jindu/plan gives what the core wrote, and the
        // hand-worked values hold for what this binding computed.
        for (const [k, entry] of (v.track ?? []).entries()) {
          for (const form of ['text', 'object']) {
            const [kind, value] = runTrack(plan, v.document, entry, form);
            const got = kind === 'ok' ? value : { error: value };
            assert.equal(canonical(got), canonical(entry.expect), `${name} track ${k} (${form})`);
            if (entry.hand !== undefined) {
              assert.equal(kind, 'ok', `${name} track ${k}: an entry with hand values must succeed`);
              const [compared, problems] = checkValues(entry.hand, value);
              assert.deepEqual(problems, [], `${name} track ${k} (${form}): hand-worked values`);
              assert.ok(compared >= 5, `${name} track ${k}: only ${compared} hand values`);
            }
          }
        }
        // The levelling runs: jindu/plan's level() gives what the core wrote (options as text
        // and as an object), and the hand-worked values hold.
        for (const [k, run] of (v.level ?? []).entries()) {
          for (const form of ['text', 'object']) {
            const options = form === 'text' ? canonical(run.options) : sortKeys(run.options);
            const [kind, value] = attempt(() => plan.level(text, options));
            const got = kind === 'ok' ? { levelled: value } : { error: value };
            assert.equal(canonical(got), canonical(run.expect), `${name} level ${k} (${form})`);
            if (run.hand !== undefined) {
              const [compared, problems] = checkValues(run.hand, value);
              assert.deepEqual(problems, [], `${name} level ${k} (${form}): hand-worked values`);
              assert.ok(compared >= 5, `${name} level ${k}: only ${compared} hand values`);
            }
          }
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

describe('hand-worked tracking values check', () => {
  it('fails on a wrong value, a value out of tolerance and a path that finds nothing', () => {
    const [, v] = all.find(([n]) => n === 'tracking-evm.json');
    const entry = v.track[0];
    const [n, ok] = checkValues(entry.hand, entry.expect);
    assert.ok(n >= 30, `${n} values`);
    assert.deepEqual(ok, []);
    const bad = structuredClone(entry.hand);
    bad.values['evm.pv'].value = 9000;
    bad.values['evm.spi'] = { value: 0.8501, within: 1e-6 };
    bad.values['evm.tasks.Z.ev'] = { value: 1 };
    bad.values['evm.forecast_finish'] = { value: '2026-01-22T14:42:00' };
    const [, problems] = checkValues(bad, entry.expect);
    assert.equal(problems.length, 4, problems.join('\n'));
    const w = all.find(([n]) => n === 'tracking-whatif.json')[1].track[0];
    assert.deepEqual(lookup(w.expect, 'whatif.moved.*.id'), ['C', 'M']);
  });
});

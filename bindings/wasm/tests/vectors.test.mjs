// Every conformance vector through both entry points (ESM and CommonJS) and every way in:
// JSON text (scheduleJson), typed objects (schedule), and the incremental Scheduler.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { attempt, canonical, loadCjs, loadEsm, sortKeys, vectors } from './helpers.mjs';

const flavours = [
  ['esm', await loadEsm()],
  ['cjs', loadCjs()],
];
const all = vectors();
assert.ok(all.length >= 10, 'the conformance vectors are there');

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
          assert.equal(canonical(got), want, `${name} via ${way}`);
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

// No panic crosses into JavaScript as a trap: a panic inside jindu (a bug) is thrown as the
// package's usual error — an Error named JinduError with code `internal` and the panic's
// message — in each of the three modules, and each module keeps working afterwards (on a
// fresh instance: objects made before the panic are stale, bindings/wasm/README.md).
// `forcePanicForTests` exists only for this test (it is in no .d.ts).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { consumerDir, loadCjs, loadEsm, loadIoCjs, loadIoEsm, loadPlanCjs, loadPlanEsm } from './helpers.mjs';

const DOC = { name: 'P', start: '2026-01-05', tasks: [{ id: 'A', duration: '2d' }] };
// Monday 5 January 08:00 + 2 working days: Tuesday 6 at 17:00.
const FINISH = '2026-01-06T17:00:00';

/** Asserts that `f` throws the internal JinduError for the panic message `message`. */
function throwsInternal(f, message) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof Error, String(e));
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `a trap: ${e}`);
    assert.equal(e.name, 'JinduError');
    assert.equal(e.code, 'internal');
    assert.equal(e.taskId, null);
    assert.equal(e.field, null);
    assert.equal(e.message, `internal error in jindu (please report it): ${message}`);
    return true;
  });
}

/** Each module, through import and require, with a call that must work after a panic. */
const modules = [
  ['jindu (import)', loadEsm, (m) => assert.equal(m.schedule(DOC).project_finish, FINISH)],
  ['jindu (require)', async () => loadCjs(), (m) => assert.equal(m.schedule(DOC).project_finish, FINISH)],
  ['jindu/io (import)', loadIoEsm, (m) => assert.equal(m.importCsv('id,duration\nA,2d\n', { start: '2026-01-05' }).project.tasks[0].id, 'A')],
  ['jindu/io (require)', async () => loadIoCjs(), (m) => assert.equal(m.importCsv('id,duration\nA,2d\n', { start: '2026-01-05' }).project.tasks[0].id, 'A')],
  ['jindu/plan (import)', loadPlanEsm, (m) => assert.equal(m.level(DOC).projects[0].finish, FINISH)],
  ['jindu/plan (require)', async () => loadPlanCjs(), (m) => assert.equal(m.level(DOC).projects[0].finish, FINISH)],
];

describe('a panic inside jindu', () => {
  for (const [name, load, works] of modules) {
    it(`${name}: is a JinduError with code internal, again and again, and the module still works`, async () => {
      const m = await load();
      works(m);
      for (let k = 0; k < 3; k++) {
        throwsInternal(() => m.forcePanicForTests(`forced panic ${k}`), `forced panic ${k}`);
        works(m);
      }
    });
  }

  it('leaves objects made before it stale (a clear error), and new ones work', async () => {
    const m = await loadEsm();
    const before = new m.Scheduler(DOC);
    assert.equal(before.schedule().project_finish, FINISH);
    throwsInternal(() => m.forcePanicForTests('forced'), 'forced');
    const after = new m.Scheduler(DOC);
    assert.equal(after.setDuration('A', '1d').project_finish[1], '2026-01-05T17:00:00');
    assert.throws(() => before.schedule(), /stale object/);
  });

  it('in the browser build (initSync) too', async () => {
    const installed = join(consumerDir, 'node_modules/jindu');
    const web = await import(pathToFileURL(join(installed, 'web/jindu_plan.js')).href);
    web.initSync({ module: readFileSync(join(installed, 'web/jindu_plan_bg.wasm')) });
    throwsInternal(() => web.forcePanicForTests('in a page'), 'in a page');
    assert.equal(web.level(DOC).projects[0].finish, FINISH);
  });
});

// The npm tarball through `require` (CommonJS): the same checks as smoke.mjs.
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { schedule, version } = require('jindu');
const { importCsv } = require('jindu/io');
const { level } = require('jindu/plan');

const plan = JSON.parse(readFileSync(join(__dirname, 'plan.json'), 'utf8'));
// a (3d) from Monday 2026-01-05 08:00 ends Wednesday 17:00; b (2d) Thursday and Friday.
assert.equal(schedule(plan).project_finish, '2026-01-09T17:00:00');
const { project } = importCsv('ID,Name,Duration,Predecessors\n1,Design,3d,\n2,Build,2d,1\n', { name: 'Smoke', start: '2026-01-05' });
assert.equal(schedule(project).project_finish, '2026-01-09T17:00:00');
// One person on both unlinked tasks: 3d + 2d end to end, Friday 01-09 (side by side: 01-07).
const shared = { ...plan, links: [], resources: [{ id: 'ana' }], assignments: [{ task: 'a', resource: 'ana' }, { task: 'b', resource: 'ana' }] };
assert.equal(schedule(shared).project_finish, '2026-01-07T17:00:00');
assert.equal(level(shared).projects[0].finish, '2026-01-09T17:00:00');
console.log(`npm (require) ${version()}: ok`);

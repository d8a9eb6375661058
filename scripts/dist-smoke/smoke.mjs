// The npm tarball as an ES-module user sees it: `import` of jindu, jindu/io and jindu/plan from
// a fresh project that installed the tarball (scripts/dist-smoke.sh). plan.json: a (3d) then b
// (2d) from Monday 2026-01-05 08:00: a ends Wednesday 01-07 17:00, b Thursday and Friday, so
// the project finishes Friday 2026-01-09 17:00.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { schedule, version } from 'jindu';
import { importCsv } from 'jindu/io';
import { level } from 'jindu/plan';

const plan = JSON.parse(readFileSync(new URL('./plan.json', import.meta.url), 'utf8'));
assert.equal(schedule(plan).project_finish, '2026-01-09T17:00:00');
// The same plan as a spreadsheet list: 2 follows 1 (finish-to-start).
const { project } = importCsv('ID,Name,Duration,Predecessors\n1,Design,3d,\n2,Build,2d,1\n', { name: 'Smoke', start: '2026-01-05' });
assert.equal(schedule(project).project_finish, '2026-01-09T17:00:00');
// Levelling: without the link, a and b run side by side (finish 01-07); one person on both
// puts them end to end, 3d + 2d = 5 working days, finishing Friday 01-09 again.
const shared = {
  ...plan,
  links: [],
  resources: [{ id: 'ana' }],
  assignments: [{ task: 'a', resource: 'ana' }, { task: 'b', resource: 'ana' }],
};
assert.equal(schedule(shared).project_finish, '2026-01-07T17:00:00');
assert.equal(level(shared).projects[0].finish, '2026-01-09T17:00:00');
console.log(`npm (import) ${version()}: ok`);

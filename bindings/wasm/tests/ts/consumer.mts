// A strict TypeScript consumer of the package (ES module). `tsc --strict` must accept it,
// and every `@ts-expect-error` line must really be an error: the declarations are precise.

import { schedule, scheduleJson, Scheduler, version } from 'jindu';
import type {
  Diff,
  DrivingLink,
  Edit,
  JinduErrorInfo,
  ProjectDocument,
  Schedule,
  ScheduledTask,
  TaskTimes,
} from 'jindu';

const doc: ProjectDocument = {
  version: 1,
  name: 'Typed',
  start: '2026-01-05',
  tasks: [
    { id: 'A', name: 'Design', duration: '2d' },
    { id: 'B', name: 'Build', duration: '3d', constraint: { type: 'SNET', date: '2026-01-07' } },
    { id: 7, name: 'Numeric key', milestone: true },
  ],
  links: [
    { from: 'A', to: 'B', type: 'FS', lag: '1d' },
    { from: 'B', to: 7 },
  ],
  options: { critical_by: 'longest_path', lag_calendar: '24h' },
};

const s: Schedule = schedule(doc);
const finish: string = s.project_finish;
const first: ScheduledTask = s.tasks[0];
const minutes: number = first.total_float_minutes;
const preds: string[] = first.driving_predecessors;
if (first.driver.type === 'link') {
  const lag: string | undefined = first.driver.lag;
  void lag;
}
const text: string = scheduleJson(JSON.stringify(doc));

const sched = new Scheduler(doc);
const edit: Edit = { op: 'add_link', from: 'A', to: 7, type: 'SS', lag: null };
const d1: Diff = sched.apply(edit);
const d2: Diff = sched.preview({ op: 'set_duration', task: 'A', duration: '4d' });
const d3: Diff = sched.addLink('A', '7', 'FF'); // methods take keys as strings
const d4: Diff = sched.setConstraint('B', 'MSO', '2026-01-12');
const d5: Diff = sched.addTask({ id: 'C', parent: 'A' });
const before: TaskTimes | null = d1.changes[0].before;
const pf: [string, string] = d2.project_finish;
const t: ScheduledTask | undefined = sched.task('A');
const why: DrivingLink[] | undefined = sched.why('B');
const again: ProjectDocument = sched.project();
const v: string = version();

try {
  sched.setDuration('nope', '1d');
} catch (e) {
  const err = e as Error & JinduErrorInfo;
  const code: string = err.code;
  const task: string | null = err.taskId;
  void code, task;
}

// @ts-expect-error: misspelled field
const typo: ProjectDocument = { name: 'x', start: '2026-01-05', tasks: [{ id: 'A', durration: '1d' }] };
// @ts-expect-error: not a link type
const badType: Edit = { op: 'add_link', from: 'A', to: 'B', type: 'XX' };
// @ts-expect-error: not an operation
const badOp: Edit = { op: 'teleport', task: 'A' };
// @ts-expect-error: set_duration needs a duration
const missing: Edit = { op: 'set_duration', task: 'A' };
// @ts-expect-error: float minutes are numbers
const wrong: string = first.total_float_minutes;
// @ts-expect-error: not a constraint type
sched.setConstraint('B', 'SOON', '2026-01-12');
// @ts-expect-error: a schedule has no such field
void s.finish;

{
  using scoped = new Scheduler(doc);
  void scoped.schedule();
}

void [finish, minutes, preds, text, d3, d4, d5, before, pf, t, why, again, v, typo, badType, badOp, missing, wrong];

// A strict TypeScript consumer of the package (ES module). `tsc --strict` must accept it,
// and every `@ts-expect-error` line must really be an error: the declarations are precise.

import { exportMspdi, JinduError, schedule, scheduleCompact, scheduleJson, Scheduler, version } from 'jindu';
import { importCsv, importMspdi, importPsplib, JinduError as IoError } from 'jindu/io';
import type { CsvImport, CsvWarning, ImportOptions, MspdiImport, MspdiWarning } from 'jindu/io';
import type {
  CompactSchedule,
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

// The compact form: keys once, typed arrays.
const c: CompactSchedule = scheduleCompact(doc);
const c2: CompactSchedule = sched.scheduleCompact();
const starts: Float64Array = c.start;
const crit: Uint8Array = c2.critical;
const cp: Uint32Array = c.critical_path;
const key: string = c.ids[cp[0]];
const pstart: number = c.project_start;

// Files in (jindu/io): bytes or text; documents out, which the main module reads.
const csv: CsvImport = importCsv(new Uint8Array([0x69, 0x64, 0x0a, 0x31, 0x0a]));
const opts: ImportOptions = { name: 'Plan', start: '2026-03-02' };
const csv2: CsvImport = importCsv('id,duration\n1,2d\n', opts);
const csv3: CsvImport = importCsv(new ArrayBuffer(0), null);
const csvDoc: ProjectDocument = csv.project;
for (const w of csv2.warnings) {
  const cw: CsvWarning = w;
  if (cw.kind === 'unknown_columns') {
    const header: string = cw.columns[0].header;
    void header;
  } else if (cw.kind === 'default_start') {
    const st: string = cw.start;
    void st;
  }
}
const xml: string = exportMspdi(doc);
const xml2: string = exportMspdi(JSON.stringify(doc));
const mspdi: MspdiImport = importMspdi(xml);
const mw: MspdiWarning | undefined = mspdi.warnings[0];
const count: number | undefined = mw?.count;
const uids: string[] | undefined = mw?.tasks;
const sched2 = new Scheduler(importMspdi(new TextEncoder().encode(xml2)).project);
const ps: ProjectDocument = importPsplib('jobs', { start: '2026-01-05' });

try {
  importCsv('id,duration\n1,two days\n');
} catch (e) {
  const err = e as Error & JinduErrorInfo;
  const line: number | undefined = err.line;
  const column: number | undefined = err.column;
  const header: string | undefined = err.header;
  const element: string | undefined = err.element;
  void line, column, header, element;
}

try {
  sched.setDuration('nope', '1d');
} catch (e) {
  const err = e as Error & JinduErrorInfo;
  const code: string = err.code;
  const task: string | null = err.taskId;
  void code, task;
}

// The exported class: `instanceof` narrows to the typed error, from either module.
try {
  schedule({ name: 'x', start: '2026-01-05', tasks: [] });
} catch (e) {
  if (e instanceof JinduError || e instanceof IoError) {
    const message: string = e.message;
    const code: string = e.code;
    const task: string | null = e.taskId;
    const field: string | null = e.field;
    const path: string | undefined = e.path;
    const line: number | undefined = e.line;
    // @ts-expect-error: the code is a string
    const notCode: number = e.code;
    void message, code, task, field, path, line, notCode;
  }
}
// @ts-expect-error: not constructible by callers
new JinduError('x');

// A week in hours rather than days (Microsoft Project files may set any).
const weekInHours: ProjectDocument = { name: 'x', start: '2026-01-05', hours_per_day: 8, hours_per_week: 37.5, tasks: [] };
schedule(weekInHours);
schedule({ name: 'x', start: '2026-01-05', hours_per_week: 40, tasks: [{ id: 'A', duration: '1w' }] });

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
// @ts-expect-error: a file is bytes or text
importMspdi(42);
// @ts-expect-error: not an import option
importCsv('id\n1\n', { colour: 'red' });
// @ts-expect-error: compact dates are numbers
const notText: string = c.project_finish;
// @ts-expect-error: exportMspdi returns text
const notDoc: ProjectDocument = exportMspdi(doc);

{
  using scoped = new Scheduler(doc);
  void scoped.schedule();
}

void [c, starts, crit, key, pstart, notText, csv3, csvDoc, count, uids, sched2, ps, notDoc, finish, minutes, preds, text, d3, d4, d5, before, pf, t, why, again, v, typo, badType, badOp, missing, wrong];

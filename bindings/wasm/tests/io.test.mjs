// Reading and writing files: importMspdi, importCsv and importPsplib (the second module,
// `jindu/io`) and exportMspdi (the main module, `jindu`), with files as bytes (Uint8Array,
// Buffer, ArrayBuffer) or text, and their errors with line and column.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

import { loadCjs, loadEsm, loadIoCjs, loadIoEsm, root } from './helpers.mjs';

const { exportMspdi, schedule, Scheduler } = await loadEsm();
const { importCsv, importMspdi, importPsplib } = await loadIoEsm();

const tasksCsv = new Uint8Array(readFileSync(join(root, 'examples/tasks.csv')));
const delivery = JSON.parse(readFileSync(join(root, 'examples/delivery.json'), 'utf8'));

/** Calls `f` and returns the JinduError it throws, checking the given properties. */
function jinduError(f, props) {
  let thrown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, 'throws an Error');
  assert.equal(thrown.name, 'JinduError');
  for (const [k, v] of Object.entries(props)) {
    if (v instanceof RegExp) assert.match(thrown[k], v, k);
    else assert.equal(thrown[k], v, k);
  }
  return thrown;
}

/** The schedule's dates, float and criticality per task, in task order (not keyed by id). */
function times(s) {
  return s.tasks.map((t) => [
    t.name,
    t.start,
    t.finish,
    t.early_start,
    t.early_finish,
    t.late_start,
    t.late_finish,
    t.total_float_minutes,
    t.free_float_minutes,
    t.critical,
    t.summary,
    t.milestone,
  ]);
}

describe('importCsv', () => {
  it('reads examples/tasks.csv: ids, durations, links, resources', () => {
    const { project, warnings } = importCsv(tasksCsv);
    assert.deepEqual(warnings, []);
    assert.equal(project.name, 'Imported tasks');
    assert.equal(project.start, '2026-01-05T08:00:00');
    assert.deepEqual(
      project.tasks.map((t) => t.id),
      ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    );
    assert.deepEqual(
      project.tasks.map((t) => t.duration ?? '0'),
      ['0', '3d', '5d', '10d', '8d', '4d', '5d', '2d', '0'],
    );
    assert.equal(project.tasks[2].name, 'Design');
    assert.equal(project.tasks[2].priority, 700);
    assert.deepEqual(project.tasks[7].constraint, { type: 'SNET', date: '2026-02-02T08:00:00' });
    assert.equal(project.links.length, 11);
    assert.deepEqual(project.links[3], { from: '3', to: '5', type: 'SS', lag: '2d' });
    assert.deepEqual(project.links[4], { from: '3', to: '6', type: 'FF', lag: '2d' });
    assert.deepEqual(project.links[8], { from: '7', to: '8', lag: '-1d' });
    assert.deepEqual(
      project.resources.map((r) => r.id),
      ['Ana', 'Ben', 'Chen', 'Dana'],
    );
    assert.equal(project.assignments.length, 11);
    assert.deepEqual(project.assignments[5], { task: '4', resource: 'Dana', units: 50 });
    // The document schedules as it is.
    const s = schedule(project);
    assert.deepEqual(s.critical_path.at(-1), '9');
    assert.equal(new Scheduler(project).task('9').finish, s.project_finish);
  });

  it('takes text, a Buffer or an ArrayBuffer alike', () => {
    const fromBytes = importCsv(tasksCsv);
    const text = new TextDecoder().decode(tasksCsv);
    assert.deepEqual(importCsv(text), fromBytes);
    assert.deepEqual(importCsv(readFileSync(join(root, 'examples/tasks.csv'))), fromBytes);
    assert.deepEqual(importCsv(tasksCsv.slice().buffer), fromBytes);
    // A view into a larger buffer: only its bytes.
    const padded = new Uint8Array(tasksCsv.length + 7).fill(0x2c);
    padded.set(tasksCsv, 3);
    assert.deepEqual(importCsv(padded.subarray(3, 3 + tasksCsv.length)), fromBytes);
    assert.deepEqual(importCsv(new DataView(padded.buffer, 3, tasksCsv.length)), fromBytes);
    // A Uint8Array from another realm (a vm context, as in some test runners) is bytes too.
    const foreign = runInNewContext('new Uint8Array(bytes)', { bytes: [...tasksCsv] });
    assert.ok(!(foreign instanceof Uint8Array));
    assert.deepEqual(importCsv(foreign), fromBytes);
    jinduError(() => importCsv(new Uint8Array(0)), { code: 'import', message: 'csv: the file is empty: expected a header row' });
  });

  it('reads Chinese headers, names and durations, with options', () => {
    const csv = '编号,任务名称,工期,前置任务,资源名称\n1,设计,3天,,张伟\n2,施工,5 个工作日,1FS+1d,"李娜, 张伟[50%]"\n3,验收,0,2,\n';
    const { project, warnings } = importCsv(csv);
    assert.deepEqual(
      project.tasks.map((t) => [t.id, t.name, t.duration]),
      [
        ['1', '设计', '3d'],
        ['2', '施工', '5d'],
        ['3', '验收', undefined],
      ],
    );
    assert.deepEqual(project.links[0], { from: '1', to: '2', lag: '1d' });
    assert.deepEqual(
      project.resources.map((r) => r.name),
      ['张伟', '李娜'],
    );
    // No start in the file or the options: the fixed default, with a warning that says so.
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].kind, 'default_start');
    assert.equal(warnings[0].start, '2026-01-05T08:00:00');
    assert.match(warnings[0].message, /no project start given/);

    const named = importCsv(csv, { name: '新办公室', start: '2026-03-02' });
    assert.deepEqual(named.warnings, []);
    assert.equal(named.project.name, '新办公室');
    assert.equal(named.project.start, '2026-03-02T08:00:00');
    assert.equal(schedule(named.project).tasks[1].start, '2026-03-06T08:00:00');
    assert.equal(importCsv(csv, { start: '2026-03-02T13:00' }).project.start, '2026-03-02T13:00:00');
    assert.deepEqual(importCsv(csv, null), importCsv(csv));
    assert.deepEqual(importCsv(csv, {}), importCsv(csv));
  });

  it('reads a UTF-8 file with a byte-order mark, and UTF-16 with one', () => {
    const body = 'ID,Name,Duration,Predecessors\n1,设计,2d,\n2,Build,1d,1\n';
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);
    const { project } = importCsv(utf8);
    assert.deepEqual(
      project.tasks.map((t) => [t.id, t.name]),
      [
        ['1', '设计'],
        ['2', 'Build'],
      ],
    );
    assert.deepEqual(project.links, [{ from: '1', to: '2' }]);
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]));
    assert.deepEqual(importCsv(utf16), importCsv(utf8));
    // A BOM kept in a JavaScript string is read the same way.
    assert.deepEqual(importCsv('\ufeff' + body), importCsv(utf8));
  });

  it('warns about unknown columns', () => {
    const { project, warnings } = importCsv('ID,Name,Colour,Duration\n1,A,red,1d\n', { start: '2026-01-05' });
    assert.equal(project.tasks[0].duration, '1d');
    assert.deepEqual(warnings, [
      {
        kind: 'unknown_columns',
        columns: [{ column: 3, header: 'Colour' }],
        message: 'columns not imported (unknown header): 3 "Colour"',
      },
    ]);
  });

  it('throws an import error with line, column, header and value', () => {
    jinduError(() => importCsv('id,duration\n1,2d\n2,two days\n'), {
      code: 'import',
      format: 'csv',
      line: 3,
      column: 2,
      header: 'duration',
      field: 'duration',
      value: 'two days',
      taskId: null,
      message: /^csv line 3, column 2 \(duration\): "two days": /,
    });
    // A core error behind it gives its task.
    jinduError(() => importCsv(new TextEncoder().encode('id,predecessors\n1,\n2,9\n')), {
      code: 'import',
      line: 3,
      column: 2,
      header: 'predecessors',
      taskId: '9',
      message: 'csv line 3, column 2 (predecessors): "9": unknown predecessor `9`',
    });
    jinduError(() => importCsv('编号,工期\n1,2d\n1,3d\n'), { code: 'import', line: 3, taskId: '1' });
    // Not a file at all.
    for (const bad of [42, null, undefined, {}, [1, 2]]) {
      jinduError(() => importCsv(bad), { code: 'import', format: 'csv', message: /^csv: expected the file as a Uint8Array/ });
    }
    jinduError(() => importCsv('id\n1\n', { start: 'soon' }), { code: 'parse' });
    jinduError(() => importCsv('id\n1\n', { colour: 'red' }), { code: 'json', message: /^invalid import options: unknown field `colour`/ });
  });
});

describe('exportMspdi and importMspdi', () => {
  it('write the schedule as MSPDI and read it back: same schedule, tasks keyed by UID', () => {
    const xml = exportMspdi(delivery);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"/);
    assert.match(xml, /<Project xmlns="http:\/\/schemas.microsoft.com\/project">/);
    assert.equal(exportMspdi(JSON.stringify(delivery)), xml);
    const { project, warnings } = importMspdi(xml);
    assert.deepEqual(warnings, []);
    assert.equal(project.name, delivery.name);
    // The keys of delivery.json are not numbers: MSPDI numbers the tasks 1, 2, 3… in order.
    assert.deepEqual(
      project.tasks.map((t) => t.id),
      delivery.tasks.map((_, k) => String(k + 1)),
    );
    assert.deepEqual(
      project.tasks.map((t) => t.name),
      delivery.tasks.map((t) => t.name),
    );
    const before = schedule(delivery);
    const after = schedule(project);
    assert.equal(after.project_finish, before.project_finish);
    assert.deepEqual(times(after), times(before));
    // The same text as bytes.
    assert.deepEqual(importMspdi(new TextEncoder().encode(xml)), { project, warnings });
  });

  it('keep numeric task keys, links and resources through a round trip', () => {
    const { project } = importCsv(tasksCsv);
    const back = importMspdi(exportMspdi(project));
    assert.deepEqual(back.warnings, []);
    assert.deepEqual(
      back.project.tasks.map((t) => t.id),
      project.tasks.map((t) => t.id),
    );
    assert.deepEqual(
      back.project.links.map((l) => [l.from, l.to, l.type ?? 'FS', l.lag ?? '0d']),
      project.links.map((l) => [l.from, l.to, l.type ?? 'FS', l.lag ?? '0d']),
    );
    assert.deepEqual(
      back.project.resources.map((r) => r.name),
      ['Ana', 'Ben', 'Chen', 'Dana'],
    );
    const s1 = schedule(project);
    const s2 = schedule(back.project);
    assert.deepEqual(
      s2.tasks.map((t) => [t.id, t.start, t.finish, t.total_float, t.critical]),
      s1.tasks.map((t) => [t.id, t.start, t.finish, t.total_float, t.critical]),
    );
  });

  it('import a small hand-written file, with its warnings', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>小项目</Name>
  <StartDate>2026-01-05T08:00:00</StartDate>
  <Tasks>
    <Task><UID>1</UID><ID>1</ID><Name>设计</Name><Duration>PT24H0M0S</Duration></Task>
    <Task><UID>2</UID><ID>2</ID><Name>Build</Name><Duration>PT16H0M0S</Duration>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type>
        <LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
    <Task><UID>3</UID><ID>3</ID><Name>Old</Name><Duration>PT8H0M0S</Duration><Active>0</Active></Task>
  </Tasks>
</Project>`;
    const { project, warnings } = importMspdi(xml);
    assert.equal(project.name, '小项目');
    assert.deepEqual(
      project.tasks.map((t) => [t.id, t.name, t.duration]),
      [
        ['1', '设计', '3d'],
        ['2', 'Build', '2d'],
      ],
    );
    assert.deepEqual(project.links, [{ from: '1', to: '2', lag: '1d' }]);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].element, 'Task/Active');
    assert.equal(warnings[0].count, 1);
    assert.deepEqual(warnings[0].tasks, ['3']);
    assert.equal(typeof warnings[0].message, 'string');
    assert.equal(schedule(project).project_finish, '2026-01-12T17:00:00');
  });

  it('throw xml errors with line, column and element', () => {
    jinduError(() => importMspdi('<Project>\n  <StartDate>soon</StartDate>\n</Project>'), {
      code: 'xml',
      line: 2,
      column: 3,
      element: 'Project/StartDate',
      taskId: null,
    });
    const truncated = jinduError(() => importMspdi('<Project>\n<Tasks><Task><UID>1</UID>'), { code: 'xml' });
    assert.equal(typeof truncated.line, 'number');
    jinduError(() => importMspdi('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<Project/>'), {
      code: 'xml',
      line: 2,
      message: /DOCTYPE/,
    });
    jinduError(() => importMspdi(new Uint8Array([0x3c, 0x50, 0xff, 0xfe])), { code: 'xml' });
    jinduError(() => importMspdi(null), { code: 'xml', message: /^expected the file as a Uint8Array/ });
    // A task error names the task (its UID).
    jinduError(
      () =>
        importMspdi(
          '<Project><StartDate>2026-01-05T08:00:00</StartDate><Tasks>\n<Task><UID>7</UID><Duration>long</Duration></Task></Tasks></Project>',
        ),
      { code: 'xml', taskId: '7', line: 2 },
    );
    // exportMspdi reports document errors like schedule().
    jinduError(() => exportMspdi({ name: 'x', start: '2026-01-05', tasks: [{ id: 'A', duration: '2 days' }] }), {
      code: 'invalid',
      taskId: 'A',
      field: 'duration',
    });
    jinduError(() => exportMspdi('{"name": "x",\n  "start": 2026}'), { code: 'json', line: 2, column: 15 });
  });

  it('survive hostile input without breaking the instance', () => {
    const junk = [
      ['', 'xml'],
      ['<', 'xml'],
      ['<Project>'.repeat(100), 'limit'], // deeper than the reader's nesting limit
      [
        '<Project><StartDate>2026-01-05T08:00:00</StartDate><Tasks><Task><UID>1</UID><OutlineLevel>99999999999999999999</OutlineLevel></Task></Tasks></Project>',
        'xml',
      ],
      [new Uint8Array(1000).fill(0xc3), 'xml'],
    ];
    for (const [j, code] of junk) jinduError(() => importMspdi(j), { code });
    for (let k = 0; k < 200; k++) {
      const bytes = new TextEncoder().encode(exportMspdi(delivery)).slice(0, 37 * k);
      try {
        importMspdi(bytes);
      } catch (e) {
        assert.equal(e.name, 'JinduError');
      }
    }
    assert.equal(schedule(delivery).project_finish, schedule(importMspdi(exportMspdi(delivery)).project).project_finish);
  });
});

describe('importPsplib', () => {
  const sm = `jobs (incl. supersource/sink ):  4
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
****
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
****
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     3       2
  3      1     5       1
  4      1     0       0
****
RESOURCEAVAILABILITIES:
  R 1
   2
****
`;

  it('reads an instance into a document: periods are days', () => {
    const project = importPsplib(sm);
    assert.deepEqual(
      project.tasks.map((t) => t.id),
      ['1', '2', '3', '4'],
    );
    assert.equal(project.resources[0].max_units, 200);
    const s = schedule(project);
    assert.equal((Date.parse(s.project_finish) - Date.parse(s.project_start)) / 86400000, 5);
    const named = importPsplib(new TextEncoder().encode(sm), { name: 'j4', start: '2026-03-02' });
    assert.equal(named.name, 'j4');
    assert.equal(named.start, '2026-03-02T08:00:00');
  });

  it('throws import errors with the line', () => {
    jinduError(() => importPsplib(sm.replace('  2      1     3       2', '  2      1     x       2')), {
      code: 'import',
      format: 'psplib',
      line: 18,
    });
    jinduError(() => importPsplib(42), { code: 'import', format: 'psplib' });
  });
});

it('the CommonJS build has the same functions', () => {
  const cjs = loadCjs();
  const io = loadIoCjs();
  assert.deepEqual(io.importCsv(tasksCsv), importCsv(tasksCsv));
  assert.equal(cjs.exportMspdi(delivery), exportMspdi(delivery));
  assert.equal(cjs.importCsv, undefined, 'the readers are only in jindu/io');
});

it('jindu/io has only the readers, and its errors are JinduErrors like the main module\'s', async () => {
  // forcePanicForTests: the hidden entry of the panic test (boundary.test.mjs), in every module;
  // JinduError: the error class, exported by every module.
  const readers = ['JinduError', 'forcePanicForTests', 'importCsv', 'importMspdi', 'importPsplib'];
  assert.deepEqual(Object.keys(await loadIoEsm()).sort(), readers);
  assert.deepEqual(Object.keys(loadIoCjs()).sort(), readers);
  // The document a reader returns is what the main module reads: 1 has 3 days from Monday
  // 2026-01-05 08:00 (Mon, Tue, Wed), 2 follows finish-to-start with 2 days (Thu, Fri).
  const { project } = importCsv('id,duration,predecessors\n1,3d,\n2,2d,1\n', { start: '2026-01-05' });
  assert.equal(schedule(project).project_finish, '2026-01-09T17:00:00');
  assert.equal(new Scheduler(project).setDuration('2', '1d').project_finish[1], '2026-01-08T17:00:00');
});

it('every reader holds a file to the limits the host gives (code limit), defaults otherwise', () => {
  // examples/tasks.csv has 9 tasks.
  jinduError(() => importCsv(tasksCsv, { limits: { max_tasks: 8 } }), {
    code: 'limit',
    message: 'limit exceeded: tasks (9 > 8)',
  });
  assert.equal(importCsv(tasksCsv, { limits: { max_tasks: 9 } }).project.tasks.length, 9);
  const xml = exportMspdi(delivery);
  jinduError(() => importMspdi(xml, { limits: { max_input_bytes: 100 } }), {
    code: 'limit',
    message: new RegExp(`^limit exceeded: input bytes \\(${Buffer.byteLength(xml)} > 100\\)$`),
  });
  assert.ok(importMspdi(xml).project.tasks.length > 0);
  jinduError(() => importCsv(tasksCsv, { limits: { max_task: 1 } }), { message: /max_task/ });
});

it('a large read reports its progress in bytes and can be cancelled', () => {
  const csv = 'id,duration\n' + Array.from({ length: 20000 }, (_, k) => `${k + 1},1d\n`).join('');
  const seen = [];
  const imp = importCsv(csv, null, (done, total) => { seen.push([done, total]); });
  assert.deepEqual(imp, importCsv(csv));
  const size = Buffer.byteLength(csv);
  assert.deepEqual(seen[0], [0, size]);
  assert.deepEqual(seen.at(-1), [size, size]);
  assert.ok(seen.length > 2 && seen.every((p, k) => k === 0 || seen[k - 1][0] <= p[0]));
  jinduError(() => importCsv(csv, null, (done) => done === 0), { code: 'cancelled' });
  const xml = exportMspdi(delivery);
  const marks = [];
  importMspdi(xml, null, (done) => { marks.push(done); });
  assert.equal(marks.at(-1), Buffer.byteLength(xml));
  assert.throws(() => importMspdi(xml, null, () => { throw new RangeError('stop'); }), RangeError);
  jinduError(() => importCsv(csv, null, 'not a function'), { code: 'json', message: /progress must be a function/ });
});

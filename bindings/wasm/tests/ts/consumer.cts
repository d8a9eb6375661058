// A strict TypeScript consumer of the package (CommonJS, through `require`).

import jindu = require('jindu');
import io = require('jindu/io');

const s: jindu.Schedule = jindu.schedule({ name: 'cjs', start: '2026-01-05', tasks: [{ id: 'A', duration: '1d' }] });
const sched: jindu.Scheduler = new jindu.Scheduler('{"name": "cjs", "start": "2026-01-05"}');
const d: jindu.Diff = sched.addTask({ id: 'A', duration: '2d' });
// @ts-expect-error: the CommonJS build has no init function
jindu.initSync;
const imported: io.CsvImport = io.importCsv('id\n1\n');
const xml: string = jindu.exportMspdi(imported.project);
void [s, d, xml];

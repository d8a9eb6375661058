// A strict TypeScript consumer of the browser build: `await init()` first.

import init, { schedule, Scheduler } from 'jindu/web';
import type { Schedule } from 'jindu/web';
import initIo, { importMspdi } from 'jindu/io/web';
import initPlan, { renderGantt } from 'jindu/plan/web';

await init();
await initIo();
await initPlan();
const s: Schedule = schedule({ name: 'web', start: '2026-01-05' });
const sched = new Scheduler(s.project === 'web' ? '{"name": "web", "start": "2026-01-05"}' : '{}');
const m = importMspdi('<Project/>');
const svg: string = renderGantt(m.project, { theme: 'dark' });
void [sched, m.project.tasks, svg];

// Node benchmark of the npm package (`make bench-wasm`): a generated 10,000-task layered network
// (~2 links per task, FS/SS/FF/SF, some lags), scheduled in full, then incremental edits, and a
// 10,000-task chain, each as typed objects, as JSON text and in compact form (typed arrays).
// `--doc FILE.json` also schedules that document (`bench/compare.py` passes
// the peers' 10k network). Prints one line per measurement and a JSON summary on the last line.

import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

import { chainNetwork, layeredNetwork, mulberry32 } from './network.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const { schedule, scheduleCompact, scheduleJson, Scheduler } = await import(
  pathToFileURL(join(root, 'target/npm-consumer/esm.mjs')).href
);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f, runs) {
  const ms = [];
  let out;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    out = f(k);
    ms.push(performance.now() - t0);
  }
  return { median: median(ms), min: Math.min(...ms), out };
}

const doc = layeredNetwork({ layers: 100, width: 100 });
const text = JSON.stringify(doc);
const n = doc.tasks.length;
const summary = { tasks: n, links: doc.links.length };
const report = (key, label, r, unit = 'ms') => {
  summary[key] = Number(r.median.toFixed(3));
  console.log(`${label.padEnd(52)} median ${r.median.toFixed(2).padStart(8)} ${unit}   (min ${r.min.toFixed(2)})`);
};

console.log(`network: ${n} tasks, ${doc.links.length} links (node ${process.version})`);
time(() => schedule(doc), 2); // warm up
report('schedule_object_ms', 'schedule(object) -> typed Schedule', time(() => schedule(doc), 9));
report('schedule_json_ms', 'scheduleJson(text) -> JSON text', time(() => scheduleJson(text), 9));
time(() => scheduleCompact(doc), 2);
report('schedule_compact_ms', 'scheduleCompact(object) -> typed arrays', time(() => scheduleCompact(doc), 9));
report('schedule_compact_text_ms', 'scheduleCompact(text) -> typed arrays', time(() => scheduleCompact(text), 9));
const s0 = time(() => new Scheduler(doc), 5);
report('scheduler_new_ms', 'new Scheduler(object)', s0);

const sched = s0.out;
const rand = mulberry32(7);
const ids = doc.tasks.map((t) => t.id);
const some = (k) => ids[Math.floor(rand() * n)];
let changed = 0;
const edit = time((k) => {
  const d = sched.setDuration(some(k), `${1 + (k % 10)}d`);
  changed += d.changes.length;
  return d;
}, 200);
report('set_duration_ms', 'setDuration (incremental edit, random task)', edit);
summary.set_duration_changed_tasks_avg = Math.round(changed / 200);
const mid = ids.filter((id) => id.startsWith('T50_'));
const preview = time((k) => sched.preview({ op: 'set_duration', task: mid[k % mid.length], duration: '15d' }), 200);
report('preview_ms', 'preview set_duration (mid-network task)', preview);
const link = time((k) => {
  const a = ids[k];
  const b = ids[9000 + k];
  sched.addLink(a, b, 'FS');
  return sched.removeLink(a, b);
}, 100);
report('add_remove_link_ms', 'addLink + removeLink (two edits)', link);
const full = time(() => sched.schedule(), 5);
report('scheduler_schedule_ms', 'Scheduler.schedule() after an edit', full);
const fullCompact = time((k) => {
  sched.setDuration(ids[k], `${2 + (k % 3)}d`);
  return sched.scheduleCompact();
}, 5);
report('scheduler_compact_ms', 'setDuration + Scheduler.scheduleCompact()', fullCompact);
console.log(`average tasks changed per setDuration: ${summary.set_duration_changed_tasks_avg}`);

const chain = chainNetwork(10_000);
const chainText = JSON.stringify(chain);
time(() => schedule(chain), 2);
report('chain_schedule_object_ms', `schedule(object), a ${chain.tasks.length}-task chain`, time(() => schedule(chain), 15));
report('chain_schedule_json_ms', 'scheduleJson(text), the same chain', time(() => scheduleJson(chainText), 15));
time(() => scheduleCompact(chain), 2);
report('chain_schedule_compact_ms', 'scheduleCompact(object), the same chain', time(() => scheduleCompact(chain), 15));
report('chain_schedule_compact_text_ms', 'scheduleCompact(text), the same chain', time(() => scheduleCompact(chainText), 15));

const at = process.argv.indexOf('--doc');
if (at > 0) {
  const file = process.argv[at + 1];
  const docText = readFileSync(file, 'utf8');
  const other = JSON.parse(docText);
  summary.doc = file;
  summary.doc_tasks = other.tasks.length;
  summary.doc_links = (other.links ?? []).length;
  console.log(`${file}: ${summary.doc_tasks} tasks, ${summary.doc_links} links`);
  time(() => schedule(other), 2);
  report('doc_schedule_object_ms', 'schedule(object) of the document', time(() => schedule(other), 9));
  report('doc_schedule_json_ms', 'scheduleJson(text) of the document', time(() => scheduleJson(docText), 9));
  report('doc_schedule_compact_ms', 'scheduleCompact(object) of the document', time(() => scheduleCompact(other), 9));
}
console.log(JSON.stringify(summary));

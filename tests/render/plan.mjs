// A deterministic plan of n tasks for looking at Gantt charts at scale: phases of 6-12 tasks
// under summaries, mostly finish-to-start chains with cross-links, 1-10 day durations, a
// milestone closing each phase, mixed English and Chinese names, a baseline and progress.

const WORDS = [
  'Design', 'Build', 'Review', 'Test', 'Integrate', 'Deploy', 'Document', 'Migrate', 'Approve',
  '需求评审', '接口联调', '性能测试', '数据迁移', '上线准备', 'Train users', 'Procure servers',
];

export function plan(n, seed = 7) {
  let s = seed >>> 0;
  const rnd = (k) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
  const tasks = [];
  const links = [];
  let phase = 0;
  const lasts = [];
  while (tasks.length < n) {
    phase += 1;
    const sum = `P${phase}`;
    tasks.push({ id: sum, name: `Phase ${phase} · ${WORDS[rnd(WORDS.length)]}` });
    const size = Math.min(6 + rnd(7), n - tasks.length);
    let prev = null;
    const ids = [];
    for (let k = 0; k < size && tasks.length < n; k++) {
      const id = `T${tasks.length}`;
      const last = k === size - 1;
      const t = { id, name: `${WORDS[rnd(WORDS.length)]} ${tasks.length}`, parent: sum };
      if (last) t.milestone = true;
      else t.duration = `${1 + rnd(10)}d`;
      if (!last && rnd(3) === 0) {
        const shift = rnd(5);
        t.baselines = [{ number: 0, start: null, finish: null, _shift: shift }];
      }
      tasks.push(t);
      if (prev && rnd(10) < 7) links.push({ from: prev, to: id });
      else if (ids.length > 1) links.push({ from: ids[rnd(ids.length)], to: id, type: rnd(2) ? 'SS' : 'FS' });
      else if (lasts.length) links.push({ from: lasts[Math.max(0, lasts.length - 4)], to: id });
      if (last) for (const j of ids.slice(-2)) if (j !== prev) links.push({ from: j, to: id });
      prev = id;
      ids.push(id);
    }
    if (prev) lasts.push(prev);
  }
  // Baselines need dates: put them where a plain chain would have been (a few days earlier).
  for (const t of tasks) {
    if (t.baselines) {
      const i = Number(t.id.slice(1));
      const day = 2 + (i % 20);
      const start = new Date(Date.UTC(2026, 2, day));
      const fin = new Date(start.getTime() + (1 + (i % 6)) * 86400000);
      const f = (d) => d.toISOString().slice(0, 10);
      t.baselines = [{ number: 0, start: `${f(start)}T08:00`, finish: `${f(fin)}T17:00` }];
    }
  }
  const seen = new Set();
  const unique = links.filter((l) => {
    const k = `${l.from}>${l.to}`;
    return !seen.has(k) && seen.add(k);
  });
  return { name: `Generated plan (${n} tasks)`, start: '2026-03-02', tasks, links: unique };
}

/**
 * `plan(n)` staffed for the resource and risk charts: `r` resources (some Chinese names, a few
 * part-time), each working task assigned to one or two of them, a three-point estimate on
 * every working task and two risk events.
 */
export function staffed(n, r, seed = 11) {
  const p = plan(n, seed);
  let s = seed >>> 0;
  const rnd = (k) => {
    s = (Math.imul(s, 22695477) + 1) >>> 0;
    return (s >>> 8) % k;
  };
  const NAMES = ['Ana', 'Bo', '王芳', 'Chen', 'Dara', '李娜', 'Eli', 'Fay', 'Gus', '张伟'];
  p.resources = Array.from({ length: r }, (_, i) => ({
    id: `R${i}`,
    name: `${NAMES[i % NAMES.length]} ${i < NAMES.length ? '' : i}`.trim(),
    ...(i % 4 === 3 ? { max_units: 50 } : {}),
  }));
  p.assignments = [];
  const working = p.tasks.filter((t) => t.duration);
  for (const t of working) {
    const a = rnd(r);
    p.assignments.push({ task: t.id, resource: `R${a}` });
    if (rnd(3) === 0) p.assignments.push({ task: t.id, resource: `R${(a + 1 + rnd(r - 1)) % r}`, units: 50 });
    const d = Number(t.duration.slice(0, -1));
    t.estimate = { optimistic: `${Math.max(1, d - 1)}d`, likely: `${d}d`, pessimistic: `${d + 1 + rnd(d + 2)}d` };
  }
  p.risks = [
    { id: 'vendor', name: 'Vendor 供应商 late', probability: 0.3, impacts: [{ task: working[rnd(working.length)].id, delay: '5d' }] },
    { id: 'outage', name: 'Data-centre outage', probability: 0.1, impacts: [{ task: working[rnd(working.length)].id, delay: '10d' }] },
  ];
  return p;
}

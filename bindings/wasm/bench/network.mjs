// Generated networks for benchmarks and demos. `layeredNetwork`: `layers` x `width` tasks, each task in
// a layer linked from about two tasks of the layer before, with mixed link types and lags.
// Deterministic: a seeded PRNG (mulberry32), so every run schedules the same project.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function layeredNetwork({ layers = 100, width = 100, seed = 42 } = {}) {
  const rand = mulberry32(seed);
  const pick = (n) => Math.floor(rand() * n);
  const id = (l, k) => `T${l}_${k}`;
  const tasks = [];
  const links = [];
  for (let l = 0; l < layers; l++) {
    for (let k = 0; k < width; k++) {
      tasks.push({ id: id(l, k), name: `Task ${l}.${k}`, duration: `${1 + pick(10)}d` });
      if (l === 0) continue;
      const preds = new Set([pick(width), pick(width)]);
      if (rand() < 0.1) preds.add(pick(width)); // ~2.05 links per task
      for (const p of preds) {
        const r = rand();
        const type = r < 0.7 ? 'FS' : r < 0.85 ? 'SS' : r < 0.95 ? 'FF' : 'SF';
        const link = { from: id(l - 1, p), to: id(l, k), type };
        const q = rand();
        if (q < 0.15) link.lag = `${1 + pick(3)}d`;
        else if (q < 0.2) link.lag = '-1d';
        links.push(link);
      }
    }
  }
  return { version: 1, name: `Layered ${layers}x${width}`, start: '2026-01-05', tasks, links };
}

/** A chain of `n` one-day tasks, each linked finish-to-start to the one before. */
export function chainNetwork(n = 10_000) {
  const tasks = [];
  const links = [];
  for (let k = 0; k < n; k++) {
    tasks.push({ id: `C${k}`, duration: '1d' });
    if (k > 0) links.push({ from: `C${k - 1}`, to: `C${k}` });
  }
  return { version: 1, name: `Chain ${n}`, start: '2026-01-05', tasks, links };
}

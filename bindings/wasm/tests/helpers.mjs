// Shared helpers for the Node tests of the npm package `jindu`.
//
// The tests load the package as a user would: `bindings/wasm/build.sh` packs it (npm pack) and
// installs the tarball into target/npm-consumer, whose esm.mjs and cjs.cjs import and require it
// by name, so that the package.json exports map and files allowlist are exercised too.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const pkgDir = join(root, 'bindings/wasm/pkg');
export const consumerDir = join(root, 'target/npm-consumer');

if (!existsSync(join(consumerDir, 'node_modules/jindu/package.json'))) {
  throw new Error('the package is not built: run `make test-wasm` (or bindings/wasm/build.sh)');
}

/** The package through `import` (the exports map's node/import entry). */
export async function loadEsm() {
  return import(pathToFileURL(join(consumerDir, 'esm.mjs')).href);
}

/** The package through `require` (the exports map's node/require entry). */
export function loadCjs() {
  return createRequire(join(consumerDir, 'package.json'))('./cjs.cjs');
}

/** The file readers, `jindu/io`, through `import` (the exports map's ./io node/import entry). */
export async function loadIoEsm() {
  return import(pathToFileURL(join(consumerDir, 'io-esm.mjs')).href);
}

/** The file readers, `jindu/io`, through `require` (the exports map's ./io node/require entry). */
export function loadIoCjs() {
  return createRequire(join(consumerDir, 'package.json'))('./io-cjs.cjs');
}

/** Levelling, loading, health, tracking and charts, `jindu/plan`, through `import`. */
export async function loadPlanEsm() {
  return import(pathToFileURL(join(consumerDir, 'plan-esm.mjs')).href);
}

/** `jindu/plan` through `require` (the exports map's ./plan node/require entry). */
export function loadPlanCjs() {
  return createRequire(join(consumerDir, 'package.json'))('./plan-cjs.cjs');
}

/** A copy of `v` with object keys sorted (recursively). */
export function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

/** The canonical form all bindings compare in: sorted keys, no whitespace. */
export function canonical(v) {
  return JSON.stringify(sortKeys(v));
}

/** The conformance vectors, as [file name, vector] pairs in name order. */
export function vectors() {
  const dir = join(root, 'tests/vectors');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]);
}

/** The `error` object of a vector, from a thrown JinduError. */
export function errorJson(e) {
  return { code: e.code, task: e.taskId, field: e.field, message: e.message };
}

/** Calls `f`; returns ['ok', value] or ['error', errorJson] for a JinduError (rethrows others). */
export function attempt(f) {
  try {
    return ['ok', f()];
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'JinduError') throw e;
    return ['error', errorJson(e)];
  }
}

/** The schedule-level fields a vector's `hand` section may give (see tests/src/lib.rs). */
const HAND_SCHEDULE_FIELDS = ['project_start', 'project_finish', 'critical_path', 'violations'];

/**
 * Compares a vector's hand-computed values (`v.hand`, worked out from core/DESIGN.md, never
 * written by the core) with `schedule`, a schedule this binding computed. Returns how many
 * values it compared and the disagreements, e.g. [62, []]; [0, []] without a `hand` section.
 */
export function checkHand(v, schedule) {
  const hand = v.hand;
  if (hand === undefined) return [0, []];
  let compared = 0;
  const problems = [];
  const compare = (what, want, got) => {
    compared += 1;
    if (got === undefined || canonical(got) !== canonical(want)) {
      problems.push(`${what}: hand ${canonical(want)} but computed ${got === undefined ? 'nothing' : canonical(got)}`);
    }
  };
  if (!Array.isArray(hand.working) || hand.working.length === 0) problems.push('hand.working: missing');
  for (const f of HAND_SCHEDULE_FIELDS) {
    if (f in hand) compare(`hand.${f}`, hand[f], schedule[f]);
  }
  const tasks = Object.entries(hand.tasks ?? {});
  if (tasks.length === 0) problems.push('hand.tasks: missing');
  for (const [id, fields] of tasks) {
    const got = (schedule.tasks ?? []).find((t) => String(t.id) === id);
    for (const [f, want] of Object.entries(fields)) compare(`hand.tasks.${id}.${f}`, want, got?.[f]);
  }
  return [compared, problems];
}

/**
 * The value at a dotted path of a result (as `lookup` in tests/src/lib.rs): an object's key; in
 * a list, a number indexes it, `*` takes the rest of the path in every item (a list of what it
 * finds) and any other word finds the item with that `id` (`evm.tasks.B.ev`, `whatif.moved.*.id`).
 * `undefined` when the path finds nothing.
 */
export function lookup(v, path) {
  const [part, ...more] = path.split('.');
  const rest = more.length > 0 ? more.join('.') : undefined;
  let next;
  if (Array.isArray(v)) {
    if (part === '*') {
      const all = v.map((x) => (rest === undefined ? x : lookup(x, rest)));
      return all.some((x) => x === undefined) ? undefined : all;
    }
    next = /^[0-9]+$/.test(part) ? v[Number(part)] : v.find((x) => x !== null && typeof x === 'object' && x.id === part);
  } else if (v !== null && typeof v === 'object' && Object.hasOwn(v, part)) {
    next = v[part];
  }
  if (next === undefined) return undefined;
  return rest === undefined ? next : lookup(next, rest);
}

/**
 * Compares a `hand` section of hand-worked values (`{working: [...], values: {path: {value,
 * within?}}}`, as `check_values` in tests/src/lib.rs) with `result`, a result this binding
 * computed: within `within` of `value`, or canonically equal without it. Returns how many values
 * it compared and the disagreements, e.g. [37, []].
 */
export function checkValues(hand, result) {
  let compared = 0;
  const problems = [];
  if (!Array.isArray(hand.working) || hand.working.length === 0) problems.push('hand.working: missing');
  for (const k of Object.keys(hand)) {
    if (k !== 'working' && k !== 'values') problems.push(`hand.${k}: unknown field`);
  }
  const values = Object.entries(hand.values ?? {});
  if (values.length === 0) problems.push('hand.values: missing');
  for (const [path, want] of values) {
    compared += 1;
    const got = lookup(result, path);
    const ok = want.within !== undefined
      ? typeof got === 'number' && Math.abs(got - want.value) <= want.within
      : got !== undefined && canonical(got) === canonical(want.value);
    if (!ok) problems.push(`hand.values.${path}: hand ${canonical(want)} but computed ${got === undefined ? 'nothing' : canonical(got)}`);
  }
  return [compared, problems];
}

/** The languages every `track` entry's status report is written in (`expect.report` keys). */
export const TRACK_REPORT_LANGS = ['en', 'zh-CN'];

/**
 * Runs a vector's `track` entry through `jindu/plan` (`plan`): `evm`, `alerts`, `buffers`,
 * `variance`, `report` in each of TRACK_REPORT_LANGS (as JSON) and, with a change set, `whatIf`,
 * the document and every argument given as JSON text (`form` 'text') or as objects ('object').
 * Returns ['ok', results] or, at the first JinduError, ['error', errorJson] (what `expect` holds).
 */
/**
 * A `load` or `level` entry of a vector through jindu/plan's `load` or `level`: the vector's
 * document then the entry's `portfolio`, as canonical text or as objects; `[kind, value]` as
 * `attempt` gives, the value `{loading}` or `{levelled}`.
 */
export function runResource(plan, vector, entry, list, form) {
  const given = (v) => (form === 'text' ? canonical(v) : sortKeys(v));
  const docs = [vector.document, ...(entry.portfolio ?? [])].map(given);
  return attempt(() => (list === 'load'
    ? { loading: plan.load(docs, given(entry.options)) }
    : { levelled: plan.level(docs, given(entry.options)) }));
}

export function runTrack(plan, document, entry, form) {
  const given = (v) => (form === 'text' ? canonical(v) : sortKeys(v));
  const doc = given(document);
  const options = (extra = {}) => given({ ...entry.options, ...extra });
  return attempt(() => {
    const out = {
      evm: plan.evm(doc, options()),
      alerts: plan.alerts(doc, options()),
      buffers: plan.buffers(doc, options()),
      variance: plan.variance(doc, options()),
      report: Object.fromEntries(
        TRACK_REPORT_LANGS.map((lang) => [lang, plan.report(doc, options({ lang, format: 'json' }))]),
      ),
    };
    if (entry.changes !== undefined) out.whatif = plan.whatIf(doc, given(entry.changes), options());
    return out;
  });
}

// The Gantt chart in headless Chromium: generated plans of 10, 100 and 1,000 tasks rendered by
// `jindu render`, loaded as images without errors and screenshot to target/render/ (not
// committed; look at them). Run by `make test-browser`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { plan } from './plan.mjs';
import { pixels, shoot } from './shoot.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'target/render');
const cli = process.env.JINDU_CLI || join(root, 'target/debug/jindu');

test('Gantt charts of 10, 100 and 1,000 tasks load in Chromium and are not blank', async () => {
  mkdirSync(out, { recursive: true });
  const files = [];
  for (const [n, extra] of [
    [10, []],
    [100, []],
    [1000, []],
    [100, ['--theme', 'dark', '--locale', 'zh-CN']],
  ]) {
    const stem = `plan${n}${extra.length ? '-dark' : ''}`;
    const json = join(out, `${stem}.json`);
    writeFileSync(json, JSON.stringify(plan(n)));
    const svg = join(out, `${stem}.svg`);
    execFileSync(cli, ['render', json, '--chart', 'gantt', ...extra, '-o', svg]);
    assert.ok(statSync(svg).size < 1_000_000, `${svg} is under 1 MB`);
    files.push(svg);
  }
  const shots = await shoot(files);
  for (const s of shots) {
    assert.deepEqual(s.errors, [], `${s.file} loads without page errors`);
    assert.equal(s.width, 1200, `${s.file} is 1200 px wide`);
    const px = pixels(s.bytes);
    assert.equal(px.w, s.width);
    assert.equal(px.h, Math.min(s.height, 16000));
    // Bars, text and grid cover a few percent of the picture at least; a blank or failed
    // image would be one colour.
    assert.ok(px.ink > 0.03, `${s.file}: only ${(px.ink * 100).toFixed(1)}% of pixels drawn`);
  }
  // Rows shrink for long plans: 10 tasks at 24 px, 1,000 at the 6 px minimum (1,800 / 1,000
  // rounds up to 6), each below 32 + 40 px of title and header.
  assert.equal(shots[0].height, 72 + 10 * 24 + 1);
  assert.equal(shots[2].height, 72 + 1000 * 6 + 1);
});

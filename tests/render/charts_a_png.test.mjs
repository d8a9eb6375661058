// The resource histogram, the S-curve and the tornado in headless Chromium: the small
// hand-made project of the golden files and a generated plan of 400 tasks and 20 resources,
// rendered by `jindu render`, in light and dark, loaded as images without errors and screenshot
// to target/render/ (not committed; look at them). Run by `make test-browser`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { staffed } from './plan.mjs';
import { pixels } from './png.mjs';
import { shoot } from './shoot.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'target/render');
const cli = process.env.JINDU_CLI || join(root, 'target/debug/jindu');

test('histograms, S-curves and tornados small and large load in Chromium and are not blank', async () => {
  mkdirSync(out, { recursive: true });
  const small = join(root, 'core/tests/data/render/team.json');
  const large = join(out, 'staffed400.json');
  writeFileSync(large, JSON.stringify(staffed(400, 20)));
  const dark = ['--theme', 'dark', '--locale', 'zh-CN'];
  const cases = [
    ['a-hist-small', small, ['--chart', 'histogram', '--by', 'day']],
    ['a-hist-small-dark', small, ['--chart', 'histogram', '--unit', 'percent', ...dark]],
    ['a-hist-large', large, ['--chart', 'histogram', '--by', 'day', '--width', '1400']],
    ['a-hist-large-week', large, ['--chart', 'histogram', '--resources', 'R0,R3,R5', ...dark]],
    ['a-scurve-small', small, ['--chart', 'scurve', '--target', '2026-04-24T17:00']],
    ['a-scurve-large', large, ['--chart', 'scurve', '--iterations', '300', ...dark]],
    ['a-tornado-small', small, ['--chart', 'tornado']],
    ['a-tornado-large', large, ['--chart', 'tornado', '--iterations', '300', '--top', '20', ...dark]],
  ];
  const files = [];
  for (const [stem, file, args] of cases) {
    const svg = join(out, `${stem}.svg`);
    execFileSync(cli, ['render', file, ...args, '-o', svg]);
    assert.ok(statSync(svg).size < 2_000_000, `${svg} is under 2 MB`);
    files.push(svg);
  }
  const shots = await shoot(files);
  for (const s of shots) {
    assert.deepEqual(s.errors, [], `${s.file} loads without page errors`);
    const px = pixels(s.bytes);
    assert.equal(px.w, s.width);
    assert.equal(px.h, Math.min(s.height, 16000));
    // Bars, text and grid cover a few percent of the picture at least; a blank or failed
    // image would be one colour.
    assert.ok(px.ink > 0.03, `${s.file}: only ${(px.ink * 100).toFixed(1)}% of pixels drawn`);
  }
  // Sizes from the options: the default widths (histogram 1,000, risk charts 900), the large
  // histogram 1,400; the 20-resource histogram stacks 20 panels (26 px heading, 1,000 / 20 =
  // 50 px of plot, 12 px gap) under a 40 px title, with 34 + 8 px of time axis.
  assert.equal(shots[0].width, 1000);
  assert.equal(shots[2].width, 1400);
  assert.equal(shots[2].height, 40 + 34 + 8 + 20 * (26 + 50 + 12));
  assert.equal(shots[4].width, 900);
  assert.equal(shots[4].height, 420);
  // The tornado grows with its bars: 28 px a bar under a 46 px title, 30 px of axis.
  assert.equal(shots[7].height, 46 + 20 * 28 + 30);
});

// The earned value and fever charts in headless Chromium: examples/tracking.json (light and
// dark, zh-CN) and a generated plan of 300 tasks, rendered by `jindu render`, loaded as images
// without errors and screenshot to target/render/ (not committed; look at them), and the HTML
// status report page with the charts inline. Run by `make test-browser`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { plan } from './plan.mjs';
import { pixels } from './png.mjs';
import { shoot, shootPage } from './shoot.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'target/render');
const cli = process.env.JINDU_CLI || join(root, 'target/debug/jindu');

test('EVM and fever charts load in Chromium at their size and are not blank', async () => {
  mkdirSync(out, { recursive: true });
  const tracking = join(root, 'examples/tracking.json');
  const big = join(out, 'plan300-track.json');
  writeFileSync(big, JSON.stringify(plan(300)));
  const dark = ['--theme', 'dark', '--locale', 'zh-CN'];
  const cases = [
    ['evm-tracking', tracking, ['--chart', 'evm'], 900, 480],
    ['evm-tracking-dark', tracking, ['--chart', 'evm', ...dark, '--width', '640', '--height', '360'], 640, 360],
    ['evm-plan300', big, ['--chart', 'evm', '--status-date', '2026-03-20T17:00', '--width', '1200'], 1200, 480],
    ['fever-tracking', tracking, ['--chart', 'fever'], 720, 480],
    ['fever-tracking-dark', tracking, ['--chart', 'fever', ...dark], 720, 480],
    ['fever-plan300', big, ['--chart', 'fever', '--status-date', '2026-03-20T17:00'], 720, 480],
  ];
  const files = [];
  for (const [stem, file, args] of cases) {
    const svg = join(out, `${stem}.svg`);
    execFileSync(cli, ['render', file, ...args, '-o', svg]);
    files.push(svg);
  }
  const shots = await shoot(files);
  shots.forEach((s, k) => {
    const [, , , w, h] = cases[k];
    assert.deepEqual(s.errors, [], `${s.file} loads without page errors`);
    assert.deepEqual([s.width, s.height], [w, h], `${s.file} is ${w} × ${h}`);
    const px = pixels(s.bytes);
    assert.equal(px.w, w);
    // Curves, zones, grid and text cover a few percent of the picture at least.
    assert.ok(px.ink > 0.03, `${s.file}: only ${(px.ink * 100).toFixed(1)}% of pixels drawn`);
  });
});

test('the HTML status report page shows its three charts', async () => {
  mkdirSync(out, { recursive: true });
  const html = join(out, 'report-tracking.html');
  const page = execFileSync(cli, ['report', join(root, 'examples/tracking.json'), '--format', 'html']);
  writeFileSync(html, page);
  const s = await shootPage(html);
  assert.deepEqual(s.errors, []);
  // The Gantt, the earned value curves and the fever chart, each laid out with a box.
  assert.equal(s.svgs, 3);
  const px = pixels(s.bytes);
  assert.equal(px.w, 1100);
  assert.ok(s.height > 1500, `the page is ${s.height} px tall`);
  assert.ok(px.ink > 0.05, `only ${(px.ink * 100).toFixed(1)}% of pixels drawn`);
});

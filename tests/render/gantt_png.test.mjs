// The Gantt chart in headless Chromium: generated plans of 10, 100 and 1,000 tasks rendered by
// `jindu render`, loaded as images without errors and screenshot to target/render/ (not
// committed; look at them). Run by `make test-browser`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

import { plan } from './plan.mjs';
import { shoot } from './shoot.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'target/render');
const cli = process.env.JINDU_CLI || join(root, 'target/debug/jindu');

/** Width, height and the share of pixels that are not the background, from a PNG (RGB/RGBA). */
function pixels(png) {
  assert.equal(png.toString('latin1', 1, 4), 'PNG');
  let p = 8;
  let w = 0;
  let h = 0;
  let channels = 0;
  const idat = [];
  while (p < png.length) {
    const len = png.readUInt32BE(p);
    const type = png.toString('latin1', p + 4, p + 8);
    const data = png.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      w = data.readUInt32BE(0);
      h = data.readUInt32BE(4);
      assert.equal(data[8], 8, '8-bit channels');
      channels = { 2: 3, 6: 4 }[data[9]];
    } else if (type === 'IDAT') idat.push(data);
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * channels;
  // Undo the PNG filters row by row, then count pixels unlike the first one (the background).
  const prev = Buffer.alloc(stride);
  const row = Buffer.alloc(stride);
  let ink = 0;
  let bg = null;
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[i] = v & 255;
    }
    for (let x = 0; x < w; x++) {
      const px = row.readUIntBE(x * channels, 3);
      if (bg === null) bg = px;
      if (px !== bg) ink++;
    }
    row.copy(prev);
  }
  return { w, h, ink: ink / (w * h) };
}

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

// Screenshots SVG files in headless Chromium (Debian's, driven by playwright-core), one PNG
// beside each SVG: `node tests/render/shoot.mjs a.svg b.svg`. Used to look at the Gantt charts
// by eye and by the browser test (gantt_png.test.mjs).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { chromium } = createRequire(join(root, 'tools/npm/package.json'))('playwright-core');

/** Loads each SVG as an <img> in a page, waits for it, and saves a PNG of its box. */
export async function shoot(files) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const out = [];
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    for (const file of files) {
      const svg = readFileSync(file, 'utf8');
      const src = 'data:image/svg+xml;base64,' + Buffer.from(svg).toString('base64');
      await page.setContent(
        `<html><body style="margin:0"><img id="g" src="${src}"></body></html>`,
      );
      const size = await page.$eval('#g', (img) =>
        img.decode().then(
          () => ({ ok: true, w: img.naturalWidth, h: img.naturalHeight }),
          (e) => ({ ok: false, error: String(e) }),
        ),
      );
      if (!size.ok) throw new Error(`${file}: the browser cannot load the SVG: ${size.error}`);
      await page.setViewportSize({ width: size.w, height: Math.min(size.h, 16000) });
      const png = file.replace(/\.svg$/, '.png');
      const buf = await (await page.$('#g')).screenshot({ path: png });
      out.push({ file, png, width: size.w, height: size.h, bytes: buf, errors: [...errors] });
    }
  } finally {
    await browser.close();
  }
  return out;
}

/**
 * Opens an HTML file in a page `width` px wide and saves a full-page PNG beside it; returns
 * the PNG, the page's height, the page errors and how many of its inline SVGs have a box.
 */
export async function shootPage(file, width = 1100) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setContent(readFileSync(file, 'utf8'));
    const svgs = await page.$$eval('svg', (l) =>
      l.filter((s) => s.getBoundingClientRect().width > 100).length,
    );
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const png = file.replace(/\.html$/, '.png');
    const bytes = await page.screenshot({ path: png, fullPage: true });
    return { file, png, bytes, height, svgs, errors };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await shoot(process.argv.slice(2))) {
    console.log(`${r.png} ${r.width}x${r.height}${r.errors.length ? ' errors: ' + r.errors : ''}`);
  }
}

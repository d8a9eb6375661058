// The Gantt demo in headless Chromium (Debian's, driven by playwright-core): drag a bar and edit a
// duration, and check that successors, float and the critical path follow, and that the core's
// SVG chart (jindu/plan) is shown beside the interactive one and follows them. Saves screenshots to
// target/web/ (not committed). Run by `make test-browser`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { chromium } = createRequire(join(root, 'tools/npm/package.json'))('playwright-core');
const shots = join(root, 'target/web');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

/** Serves the repository read-only on 127.0.0.1 (a free port). */
function serve() {
  const server = http.createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    let ok = path.startsWith(root) && !path.split(sep).includes('.git');
    try {
      ok = ok && statSync(path).isFile();
    } catch {
      ok = false;
    }
    if (!ok) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server;
let context;
let profile;

before(async () => {
  server = await serve();
  profile = mkdtempSync(join(tmpdir(), 'jindu-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 860 },
  });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** The chart as drawn: each task's data attributes, and the critical path line. */
function snapshot(page) {
  return page.evaluate(() => ({
    criticalPath: document.getElementById('critical-path').textContent,
    finish: document.getElementById('finish').textContent,
    tasks: Object.fromEntries(
      [...document.querySelectorAll('g.task')].map((g) => [
        g.dataset.id,
        { start: g.dataset.start, finish: g.dataset.finish, critical: g.dataset.critical === 'true', float: Number(g.dataset.float) },
      ]),
    ),
  }));
}

const frame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('dragging a bar and editing a duration reschedule successors and the critical path', async (t) => {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/examples/web/index.html`);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', problems.join('\n'));
  // The core's SVG chart (jindu/plan) below the interactive one: every task's name, drawn as SVG.
  await page.waitForFunction(() => document.body.dataset.core, null, { timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.core), 'true', `${await page.locator('#core-status').textContent()}\n${problems.join('\n')}`);
  const core = () => page.evaluate(() => {
    const svg = document.querySelector('#core-chart > svg');
    return svg && { ns: svg.namespaceURI, width: Number(svg.getAttribute('width')), height: svg.getBoundingClientRect().height, text: [...svg.querySelectorAll('text')].map((t) => t.textContent).join('\n'), html: svg.outerHTML, draws: window.jinduDemo.coreDraws };
  });
  const names = await page.evaluate(() => window.jinduDemo.scheduler.project().tasks.map((t) => t.name));
  const coreBefore = await core();
  assert.ok(coreBefore, 'the core chart is in the page');
  assert.equal(coreBefore.ns, 'http://www.w3.org/2000/svg');
  assert.ok(coreBefore.width >= 640 && coreBefore.height > 18 * 10, `${coreBefore.width} x ${coreBefore.height}`);
  for (const name of names) assert.ok(coreBefore.text.includes(name) || coreBefore.text.includes(name.slice(0, 12)), `the core chart names ${name}`);
  assert.match(await page.locator('#core-status').textContent(), /^gantt: /);
  await page.screenshot({ path: join(shots, 'gantt-initial.png'), fullPage: true });
  await page.locator('#core').screenshot({ path: join(shots, 'gantt-core.png') });

  const before = await snapshot(page);
  assert.equal(Object.keys(before.tasks).length, 18);
  assert.ok(before.tasks.MAT.float > 0 && !before.tasks.MAT.critical, 'training materials start with float');
  assert.ok(!before.criticalPath.includes('Training'), before.criticalPath);
  assert.ok(before.criticalPath.includes('Data migration: trial run'), before.criticalPath);

  // Drag "Training materials" three weeks to the right, past its float.
  const bar = await page.locator('g.task[data-id="MAT"] rect.bar').boundingBox();
  const y = bar.y + bar.height / 2;
  await page.mouse.move(bar.x + 10, y);
  await page.mouse.down();
  const day = await page.evaluate(() => window.jinduDemo.dayWidth);
  await page.mouse.move(bar.x + 10 + 21 * day, y, { steps: 12 });
  await frame(page);

  // Mid-drag: the preview is drawn, nothing is committed.
  const during = await snapshot(page);
  assert.notEqual(during.tasks.TRAIN.start, before.tasks.TRAIN.start, 'the successor moves during the drag');
  const committedMat = await page.evaluate(() => window.jinduDemo.scheduler.task('MAT').start);
  assert.equal(committedMat, before.tasks.MAT.start, 'a preview commits nothing');
  const preview = await page.evaluate(() => window.jinduDemo.last);
  assert.equal(preview.kind, 'preview');
  t.diagnostic(`preview during drag: engine ${preview.engineMs.toFixed(2)} ms, with redraw ${preview.ms.toFixed(2)} ms, ${preview.changed.length} tasks`);
  assert.ok(preview.ms < 50, `a preview with its redraw takes ${preview.ms} ms`);
  await page.mouse.up();
  await frame(page);

  const dropped = await snapshot(page);
  assert.equal(dropped.tasks.MAT.start, '2026-03-30T08:00:00', 'the bar lands three weeks later (after Monday 30 March)');
  assert.ok(dropped.tasks.TRAIN.start > before.tasks.TRAIN.start, 'its successor moved');
  assert.ok(dropped.tasks.GL.start > before.tasks.GL.start, 'the go-live moved');
  assert.ok(dropped.tasks.HC.finish > before.tasks.HC.finish, 'hypercare moved');
  assert.ok(dropped.tasks.MAT.critical && dropped.tasks.TRAIN.critical, 'the dragged chain became critical');
  assert.ok(!dropped.tasks.TRIAL.critical && dropped.tasks.TRIAL.float > 0, 'the migration chain now has float');
  assert.notEqual(dropped.criticalPath, before.criticalPath);
  assert.ok(dropped.criticalPath.includes('Training materials → End-user training → Go-live'), dropped.criticalPath);
  const doc = await page.evaluate(() => window.jinduDemo.scheduler.project());
  const mat = doc.tasks.find((x) => x.id === 'MAT');
  assert.deepEqual(mat.constraint, { type: 'SNET', date: '2026-03-30T08:00:00' });
  assert.equal(await page.evaluate(() => window.jinduDemo.last.kind), 'apply');
  // The drop redrew the core's chart with the moved task.
  const coreAfter = await core();
  assert.ok(coreAfter.draws > coreBefore.draws, 'the core chart is redrawn on apply');
  assert.notEqual(coreAfter.html, coreBefore.html, 'and shows the new schedule');

  assert.equal(await page.locator('#deadline').textContent(), 'Fri 17 Apr (on track)');

  // Edit a duration on the left: UAT 5d -> 15d puts the migration chain back on the critical path.
  const uat = page.locator('input[data-id="UAT"]');
  await uat.fill('15d');
  await frame(page);
  const typing = await snapshot(page);
  assert.ok(typing.tasks.LOAD.start > dropped.tasks.LOAD.start, 'typing previews the change');
  assert.equal(await page.evaluate(() => window.jinduDemo.scheduler.task('UAT').duration), '5d', 'typing commits nothing');
  await uat.press('Enter');
  await frame(page);
  const edited = await snapshot(page);
  assert.ok(edited.tasks.UAT.finish > dropped.tasks.UAT.finish);
  assert.ok(edited.tasks.LOAD.start > dropped.tasks.LOAD.start, 'the final load follows UAT');
  assert.ok(edited.tasks.UAT.critical && !edited.tasks.MAT.critical, edited.criticalPath);
  assert.ok(edited.criticalPath.includes('User acceptance testing → Data migration: final load → Go-live'), edited.criticalPath);
  assert.equal(await page.locator('#deadline').textContent(), 'Fri 17 Apr (on track)');
  await page.screenshot({ path: join(shots, 'gantt.png'), fullPage: true });

  // A bad duration is refused with the core's error and changes nothing.
  await uat.fill('twelve days');
  await uat.press('Enter');
  assert.match(await page.locator('#status').textContent(), /^invalid: task `UAT`: field `duration`/);
  assert.deepEqual((await snapshot(page)).tasks, edited.tasks);

  // Five more days of testing miss the go-live deadline: every task on the way loses float.
  await uat.fill('20d');
  await uat.press('Enter');
  await frame(page);
  assert.equal(await page.locator('#deadline').textContent(), 'Fri 17 Apr (missed)');
  assert.ok((await snapshot(page)).tasks.UAT.float < 0, 'negative float');

  // The dark theme; another kind of chart from the same document (the S-curve of its Monte
  // Carlo finish); and a chart the document has no data for (the demo has no resources): a
  // typed error in the panel, never a crash.
  await page.locator('#core-dark').check();
  assert.notEqual((await core()).html, coreAfter.html);
  await page.locator('#core').screenshot({ path: join(shots, 'gantt-core-dark.png') });
  await page.locator('#core-dark').uncheck();
  await page.locator('#core-kind').selectOption('scurve');
  const curve = await core();
  assert.ok(curve, 'the S-curve is drawn');
  assert.match(curve.text, /P50/);
  assert.match(await page.locator('#core-status').textContent(), /^scurve: /);
  await page.locator('#core').screenshot({ path: join(shots, 'gantt-core-scurve.png') });
  await page.locator('#core-kind').selectOption('histogram');
  const coreStatus = await page.locator('#core-status').textContent();
  assert.match(coreStatus, /^invalid: .*no work resource/, coreStatus);
  await page.locator('#core-kind').selectOption('gantt');
  assert.match(await page.locator('#core-status').textContent(), /^gantt: /);

  t.diagnostic(`screenshots: ${join(shots, 'gantt-initial.png')}, ${join(shots, 'gantt.png')}, ${join(shots, 'gantt-core.png')}`);
  assert.deepEqual(problems, []);
});

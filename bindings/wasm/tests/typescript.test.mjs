// The generated declarations against strict TypeScript consumers (tests/ts/*): ESM, CommonJS and
// the browser build, resolved through the installed package's exports map.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { consumerDir, root } from './helpers.mjs';

it('tsc --strict accepts the consumers and rejects what they mark as errors', () => {
  const tsc = join(root, 'tools/npm/node_modules/typescript/bin/tsc');
  const dir = mkdtempSync(join(consumerDir, 'ts-'));
  try {
    cpSync(join(root, 'bindings/wasm/tests/ts'), dir, { recursive: true });
    const r = spawnSync(
      process.execPath,
      [
        tsc,
        '--strict',
        '--noEmit',
        '--target', 'es2022',
        '--module', 'nodenext',
        '--moduleResolution', 'nodenext',
        // The declarations use `[Symbol.dispose]` (TypeScript >= 5.2 with esnext.disposable).
        '--lib', 'es2022,esnext.disposable,dom',
        join(dir, 'consumer.mts'),
        join(dir, 'consumer.cts'),
        join(dir, 'web.mts'),
        join(dir, 'plan.mts'),
      ],
      { encoding: 'utf8', cwd: dir },
    );
    assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The JavaScript snippets in the repository README and in bindings/wasm/README.md (the npm
// page) — the fenced js block after `<!-- snippet: js -->` — run against the installed package
// and print what their `// →` comments say.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { consumerDir, root } from './helpers.mjs';

/** The code of the fenced block marked `<!-- snippet: NAME -->` in `markdown`. */
export function snippet(markdown, name) {
  const m = markdown.match(new RegExp(`<!-- snippet: ${name} -->\\n\`\`\`${name}\\n([\\s\\S]*?)\\n\`\`\``));
  assert.ok(m, `no snippet marked ${name}`);
  return m[1];
}

for (const readme of ['README.md', 'bindings/wasm/README.md']) {
  it(`the snippet in ${readme} runs and prints what it says`, () => {
    const code = snippet(readFileSync(join(root, readme), 'utf8'), 'js');
    const expected = code
      .split('\n')
      .filter((l) => l.includes('console.log('))
      .map((l) => {
        const k = l.indexOf('// → ');
        assert.ok(k >= 0, `every console.log in the snippet says what it prints: ${l}`);
        return l.slice(k + '// → '.length);
      });
    assert.ok(expected.length >= 3);
    // Run it where `import 'jindu'` resolves to the installed package.
    const file = join(consumerDir, `readme-snippet-${process.pid}.mjs`);
    writeFileSync(file, code);
    try {
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.stdout.trimEnd().split('\n'), expected);
    } finally {
      rmSync(file, { force: true });
    }
  });
}

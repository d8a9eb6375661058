// The JavaScript snippets in the repository README and in bindings/wasm/README.md (the npm
// page) — the fenced js blocks after `<!-- snippet: js -->` (and `<!-- snippet: plan -->`, for
// jindu/plan) — run against the installed package
// and print what their `// →` comments say.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { consumerDir, root } from './helpers.mjs';

/** The code of the fenced block marked `<!-- snippet: NAME -->` in `markdown`. */
export function snippet(markdown, name, lang = name) {
  const m = markdown.match(new RegExp(`<!-- snippet: ${name} -->\\n\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``));
  assert.ok(m, `no snippet marked ${name}`);
  return m[1];
}

// [file, snippet name]: the `js` snippets, and `plan` (jindu/plan) in the npm page.
for (const [readme, name] of [['README.md', 'js'], ['bindings/wasm/README.md', 'js'], ['bindings/wasm/README.md', 'plan']]) {
  it(`the ${name} snippet in ${readme} runs and prints what it says`, () => {
    const code = snippet(readFileSync(join(root, readme), 'utf8'), name, 'js');
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

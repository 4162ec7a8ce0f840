import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generatedFiles } from '../../scripts/generate';

const root = join(__dirname, '../..');

it('generated files are up to date (run `npm run gen` if not)', () => {
  const stale: string[] = [];
  for (const [rel, content] of generatedFiles(root)) {
    const p = join(root, rel);
    if (content === null) {
      if (existsSync(p)) stale.push(`${rel} (should be deleted)`);
    } else if (!existsSync(p) || readFileSync(p, 'utf8') !== content) {
      stale.push(rel);
    }
  }
  expect(stale).toEqual([]);
});

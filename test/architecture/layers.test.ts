import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, forbidden, importGraph, importsOf, sourceFiles, violations } from './import-graph';

const root = join(__dirname, '../..');
const files = sourceFiles(root, ['server/src', 'client/src']);
const edges = importGraph(root, files);

describe('the layers of server/src and client/src', () => {
  it('reads the real graph (a sanity check on the parser)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({ from: 'server/src/engine/lint.ts', to: 'server/src/engine/run-rules.ts', spec: './run-rules' });
  });

  it('no file imports a layer above its own', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('no file cycles', () => {
    expect(cycles(edges)).toEqual([]);
  });
});

describe('the check itself', () => {
  const known = new Set(['server/src/parse/compose.ts', 'server/src/engine/lint.ts', 'server/src/core/types.ts', 'server/src/lsp/start.ts', 'server/src/cli/main.ts', 'client/src/checklist.ts', 'server/src/shared/protocol.ts']);

  it('fails on a planted upward import (parse importing the engine)', () => {
    const planted = importsOf('server/src/parse/compose.ts', "import { lint } from '../engine/lint';\nimport type { Range } from '../core/types';\n", known);
    expect(violations(planted)).toEqual(["server/src/parse/compose.ts -> server/src/engine/lint.ts ('../engine/lint'): parse sits below engine and may not import it"]);
  });

  it('fails when the client imports engine code, and lets it import the client-safe layers', () => {
    expect(forbidden({ from: 'client/src/checklist.ts', to: 'server/src/engine/lint.ts', spec: 'x' })).toBe('the client may import only core and shared from the server');
    expect(forbidden({ from: 'client/src/checklist.ts', to: 'server/src/shared/protocol.ts', spec: 'x' })).toBeNull();
  });

  it('keeps lsp and cli apart, and sees dynamic imports and re-exports', () => {
    const planted = importsOf('server/src/lsp/start.ts', "export { x } from '../cli/main';\nconst m = import('../cli/main');\n", known);
    expect(violations(planted)).toHaveLength(2);
    expect(violations(planted)[0]).toMatch(/rooms of one floor/);
  });

  it('finds a planted cycle', () => {
    expect(
      cycles([
        { from: 'a.ts', to: 'b.ts', spec: '' },
        { from: 'b.ts', to: 'c.ts', spec: '' },
        { from: 'c.ts', to: 'a.ts', spec: '' },
        { from: 'c.ts', to: 'd.ts', spec: '' },
      ]),
    ).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});

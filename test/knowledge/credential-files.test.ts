import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyOf, CopyIndex, type CopiedPaths } from '../../server/src/knowledge/credential-files';
import { normalizePath } from '../../server/src/knowledge/file-paths';
import type { DfInstruction } from '../../server/src/parse/dockerfile';
import { SEED } from '../robustness/arbitraries';

/** no-credential-files-in-image looks a path's copies up in a CopyIndex: it must leave out no copy that copyOf would match. */
describe('CopyIndex', () => {
  const copy = (sources: string[], dest: string, destIsDir: boolean, line = 0): CopiedPaths => ({ instr: { line } as unknown as DfInstruction, sources, dest, destIsDir });

  it('finds a named file, a renamed file, a folder copy and a pattern, in file order, and not a copy of another file', () => {
    const copies = [copy(['key.json'], '/app', true), copy(['other.json'], '/app', true), copy(['gcp'], '/root/.config/gcloud/credentials.db', false), copy(['.'], '/', true), copy(['*.json'], '/app', true)];
    const index = new CopyIndex(copies);
    expect(index.candidates('/app/key.json')).toEqual([copies[0], copies[3], copies[4]]);
    expect(index.candidates('/root/.config/gcloud/credentials.db')).toEqual([copies[2], copies[3]]);
    expect(index.candidates('C:/app/key.json')).toEqual([]);
  });

  it('keeps every copy that copyOf matches, in file order (random copies and paths, seeded)', () => {
    const segment = fc.constantFrom('app', 'root', '.aws', 'key.json', 'credentials', 'config', '*.json', 'k?y.json', 'a');
    const absolute = fc.tuple(fc.constantFrom('/', 'C:/'), fc.array(segment, { maxLength: 4 })).map(([root, s]) => normalizePath(root + s.join('/')));
    const source = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '/')).map(([s, end]) => s.join('/') + end);
    const anyCopy = fc.tuple(fc.array(fc.oneof(source, fc.constant('.')), { minLength: 1, maxLength: 3 }), absolute, fc.boolean()).map(([sources, dest, dir]) => copy(sources, dest, dir));
    fc.assert(
      fc.property(fc.array(anyCopy, { maxLength: 6 }), absolute, (copies, path) => {
        const matching = (list: readonly CopiedPaths[]) => list.filter((c) => copyOf(c, path) !== null);
        expect(matching(new CopyIndex(copies).candidates(path)), path).toEqual(matching(copies));
      }),
      { seed: SEED, numRuns: 20000 },
    );
  });
});

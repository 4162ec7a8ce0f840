import { describe, expect, it } from 'vitest';
import { exposedSecrets, SCAN_LIMITS } from '../../server/src/knowledge/context-secrets';
import { parseDockerignore } from '../../server/src/knowledge/dockerignore';

/** A build context as `RelatedFiles.list` gives it: names in each folder, a `/` after subfolders. */
const listing = (folders: Record<string, string[]>) => (dir: string) => folders[dir];

describe('exposedSecrets', () => {
  it('reports secret-looking files and folders that the patterns leave in, and not the ones they exclude', () => {
    const scan = exposedSecrets('/ctx', listing({ '/ctx': ['app.py', '.env', 'id_rsa', 'certs/', 'src/'], '/ctx/src': ['.env.local', 'main.py'], '/ctx/certs': [] }), parseDockerignore('id_rsa\n'), () => false);
    expect(scan).toEqual({ exposed: ['.env', 'src/.env.local'], complete: true });
  });

  it('tests files against the patterns only when they look like secrets', () => {
    // 1,500 ordinary files against 200 patterns would be 300,000 pattern tests, over the bound.
    const patterns = parseDockerignore(Array.from({ length: 200 }, (_, i) => `**/build${i}/**\n`).join(''));
    const files = Array.from({ length: 1500 }, (_, i) => `file${i}.txt`);
    expect(1500 * 200).toBeGreaterThan(SCAN_LIMITS.patternTests);
    expect(exposedSecrets('/ctx', listing({ '/ctx': [...files, '.env'] }), patterns, () => false)).toEqual({ exposed: ['.env'], complete: true });
  });

  it('stops, with the scan marked incomplete, once the pattern tests pass their bound (a hostile .dockerignore)', () => {
    // 20,000 lines, so every secret-looking name costs 20,000 tests: the bound allows 10 names.
    const patterns = parseDockerignore(Array.from({ length: 20_000 }, (_, i) => `**/dir${i}/*.tmp\n`).join(''));
    const secrets = Array.from({ length: 50 }, (_, i) => `.env.${i}`);
    const scan = exposedSecrets('/ctx', listing({ '/ctx': secrets }), patterns, () => false);
    expect(scan).toEqual({ exposed: secrets.slice(0, SCAN_LIMITS.patternTests / 20_000), complete: false });
  });
});

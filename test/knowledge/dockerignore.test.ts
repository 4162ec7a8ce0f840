import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExcluded, matchPattern, parseDockerignore } from '../../server/src/knowledge/dockerignore';
import { describeGrowth, screenedCpuGrowth, SUPERLINEAR_RATIO } from '../helpers/growth';
import { SEED } from '../robustness/arbitraries';

const excluded = (text: string, path: string) => isExcluded(path, parseDockerignore(text));

describe('parseDockerignore', () => {
  it('reads patterns the way BuildKit does', () => {
    const text = '\uFEFF# comment\n  node_modules  \n\n!  keep.txt\n./build/\n/secret\n #not a comment\r\n**/.env\n/\n';
    expect(parseDockerignore(text).map((p) => `${p.exclusion ? '!' : ''}${p.pattern}@${p.line}`)).toEqual([
      'node_modules@1',
      '!keep.txt@3',
      'build@4',
      'secret@5',
      '#not a comment@6',
      '**/.env@7',
      '/@8',
    ]);
  });
});

describe('matchPattern', () => {
  it('keeps * and ? inside one path segment', () => {
    expect(matchPattern('*.pem', 'key.pem')).toBe(true);
    expect(matchPattern('*.pem', 'certs/key.pem')).toBe(false);
    expect(matchPattern('id_rs?', 'id_rsa')).toBe(true);
    expect(matchPattern('id_rs?', 'id_rs/a')).toBe(false);
  });

  it('lets ** span any number of directories, none included', () => {
    expect(matchPattern('**/*.pem', 'key.pem')).toBe(true);
    expect(matchPattern('**/*.pem', 'a/b/key.pem')).toBe(true);
    expect(matchPattern('a/**/b', 'a/b')).toBe(true);
    expect(matchPattern('a/**/b', 'a/x/y/b')).toBe(true);
    expect(matchPattern('**', 'anything/at/all')).toBe(true);
    expect(matchPattern('docs/**', 'docs/a/b.md')).toBe(true);
    expect(matchPattern('docs/**', 'docsx')).toBe(false);
  });

  it('uses suffix matching for **/name, as BuildKit does', () => {
    expect(matchPattern('**/.env', '.env')).toBe(true);
    expect(matchPattern('**/.env', 'app/.env')).toBe(true);
    expect(matchPattern('**/.env', 'app/x.env')).toBe(false);
  });

  it('understands classes and escapes', () => {
    expect(matchPattern('[Dd]ebug', 'debug')).toBe(true);
    expect(matchPattern('[^a-c]x', 'dx')).toBe(true);
    expect(matchPattern('[^a-c]x', 'bx')).toBe(false);
    expect(matchPattern('a\\*b', 'a*b')).toBe(true);
    expect(matchPattern('a\\*b', 'axb')).toBe(false);
    expect(matchPattern('[oops', '[oops')).toBe(true);
  });

  it('stays linear on patterns full of stars (CPU time grows less than 30x on a 10x longer path)', () => {
    const stars = '**/*a*a*a*a*a*a*a*a*a*a*/**/*b';
    expect(matchPattern(stars, 'a'.repeat(60) + '/c')).toBe(false);
    // A backtracking matcher grows like n^10 here; the table of (token, character) grows like n.
    const g = screenedCpuGrowth((n) => 'a'.repeat(n) + '/c', (path) => matchPattern(stars, path), 400);
    expect(g.ratio, describeGrowth(g, 400)).toBeLessThanOrEqual(SUPERLINEAR_RATIO);
  });
});

describe('isExcluded', () => {
  it('excludes a file whose parent directory matches', () => {
    expect(excluded('.git', '.git/config')).toBe(true);
    expect(excluded('.git/', '.git/config')).toBe(true);
    expect(excluded('.aws', '.aws/credentials')).toBe(true);
    expect(excluded('node_modules', '.git/config')).toBe(false);
  });

  it('lets the last matching pattern decide, ! re-including', () => {
    expect(excluded('.env*\n!.env', '.env')).toBe(false);
    expect(excluded('.env*\n!.env', '.env.local')).toBe(true);
    expect(excluded('!.env\n.env*', '.env')).toBe(true);
    expect(excluded('*\n!src', '.env')).toBe(true);
    expect(excluded('*\n!src', 'src/main.js')).toBe(false);
  });

  it('anchors patterns at the context root', () => {
    expect(excluded('.env', 'app/.env')).toBe(false);
    expect(excluded('/.env', '.env')).toBe(true);
    expect(excluded('./secrets/', 'secrets/db.txt')).toBe(true);
  });
});

type IgnorePatterns = ReturnType<typeof parseDockerignore>;

describe('compiled once: a parse keeps its patterns compiled, and a short file keeps its parse', () => {
  it('a short file read again gets the same parse; of long ones, only the last is kept', () => {
    const short = 'node_modules\n*.pem\n';
    expect(parseDockerignore(short)).toBe(parseDockerignore(short));
    const long = `${'build/*/tmp/*.log\n'.repeat(4000)}.env\n`;
    const other = `${long}*.key\n`;
    expect(long.length).toBeGreaterThan(64 * 1024);
    const first = parseDockerignore(long);
    // The same text, even read again into another string, gets the same parse.
    expect(parseDockerignore(` ${long}`.slice(1))).toBe(first);
    const second = parseDockerignore(other);
    expect(second).not.toBe(first);
    expect(parseDockerignore(other)).toBe(second);
    // Another long file took its place: the first is parsed afresh, to the same patterns.
    const again = parseDockerignore(long);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('a parse keeps its answers: a path asked again is not matched against every pattern again', () => {
    const patterns = parseDockerignore(`${Array.from({ length: 5000 }, (_, i) => `build/out${i}`).join('\n')}\n.env\n`);
    let reads = 0;
    // The same patterns behind a counter of the elements read.
    const counted = new Proxy(patterns as IgnorePatterns, {
      get(target, key, receiver) {
        if (key === Symbol.iterator) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    expect(isExcluded('.env', counted)).toBe(true);
    expect(isExcluded('./.env', counted)).toBe(true);
    expect(isExcluded('src/app.js', counted)).toBe(false);
    expect(isExcluded('src/app.js', counted)).toBe(false);
    expect(reads).toBe(2);
  });

  // The rule, read from BuildKit: the last pattern that matches the path or one of its parent
  // folders decides, and it excludes unless it starts with `!`. Each pattern is matched afresh here.
  const lastMatchDecides = (patterns: ReturnType<typeof parseDockerignore>, path: string) => {
    const parts = path.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let decision = false;
    for (const p of patterns) if (candidates.some((c) => matchPattern(p.pattern, c))) decision = !p.exclusion;
    return decision;
  };
  const line = fc.tuple(fc.boolean(), fc.array(fc.constantFrom('a', 'b', '/', '*', '**', '?', '[ab]', '.env'), { minLength: 1, maxLength: 4 })).map(([not, p]) => `${not ? '!' : ''}${p.join('')}`);
  const path = fc.array(fc.constantFrom('a', 'b', '.env'), { minLength: 1, maxLength: 4 }).map((p) => p.join('/'));

  it('the compiled patterns answer as each pattern matched afresh (random files and paths, seeded)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.array(path, { minLength: 1, maxLength: 6 }), (lines, paths) => {
        const patterns = parseDockerignore(lines.join('\n'));
        // Every path against the same parse: the second and later tests reuse the compiled patterns.
        // Twice: the second answer comes from the parse's kept answers.
        for (const p of [...paths, ...paths]) expect(isExcluded(p, patterns), `${lines.join(' | ')} on ${p}`).toBe(lastMatchDecides(patterns, p));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

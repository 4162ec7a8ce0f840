import { describe, expect, it } from 'vitest';
import { isExcluded, matchPattern, parseDockerignore } from '../../server/src/knowledge/dockerignore';
import { describeGrowth, screenedCpuGrowth, SUPERLINEAR_RATIO } from '../helpers/growth';

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

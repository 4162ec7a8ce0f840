import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(__dirname, '../..');
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/bulkhead-ignore.injection.tmLanguage.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The Oniguruma patterns used here are also valid JavaScript regular expressions.
const directive = new RegExp(grammar.repository.directive.match);
const ruleId = new RegExp(grammar.repository.directive.captures['2'].patterns[0].match, 'g');

it('is contributed as an injection into Dockerfile, YAML and JSON (with comments) comments', () => {
  expect(pkg.contributes.grammars).toContainEqual({
    scopeName: grammar.scopeName,
    path: './syntaxes/bulkhead-ignore.injection.tmLanguage.json',
    injectTo: ['source.dockerfile', 'source.yaml', 'source.json.comments', 'source.json'],
  });
  expect(grammar.injectionSelector).toBe('L:comment.line.number-sign, L:comment.line.double-slash');
});

it('highlights a JSONC `//` directive too (devcontainer.json)', () => {
  // In a `//` comment token the text after "//" is matched; the lookbehind sees the marker.
  const line = '// bulkhead-ignore no-privileged -- GPU passthrough';
  const m = directive.exec(line)!;
  expect(m.index).toBe(2);
  expect(m[1]).toBe('bulkhead-ignore');
  expect(m[2].match(ruleId)).toEqual(['no-privileged']);
  expect(m[4]).toBe('GPU passthrough');
  expect(directive.exec('/ bulkhead-ignore x')).toBeNull();
});

it('highlights the keyword, each rule id and the reason', () => {
  // In a comment token the text after "#" is matched.
  const m = directive.exec('# bulkhead-ignore no-privileged,non-root-user -- Docker-in-Docker needs it')!;
  expect(m[1]).toBe('bulkhead-ignore');
  expect(m[2].match(ruleId)).toEqual(['no-privileged', 'non-root-user']);
  expect(m[4]).toBe('Docker-in-Docker needs it');
  const f = directive.exec('#bulkhead-ignore-file image-tag-pinned')!;
  expect(f[1]).toBe('bulkhead-ignore-file');
  expect(f[2].match(ruleId)).toEqual(['image-tag-pinned']);
  expect(directive.exec('# bulkhead-ignored x')).toBeNull();
  expect(directive.exec('# just a comment')).toBeNull();
});

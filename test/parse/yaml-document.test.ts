import { describe, expect, it } from 'vitest';
import { parseDocument, Parser } from 'yaml';
import { firstTooDeep, MAX_YAML_DEPTH, readYamlDocument } from '../../server/src/parse/yaml-document';
import { parseCompose } from '../../server/src/parse/compose';
import { parseConfigFile } from '../../server/src/engine/config-file';
import { lint } from '../../server/src/engine/lint';
import { at } from '../helpers/rule-tester';

/**
 * YAML is read with a depth guard (parse/yaml-document.ts): `yaml` composes recursively, and a
 * Compose file thousands of levels deep aborted the whole process (test/server/lsp-robustness.test.ts
 * shows it on the bundled server). Each text below is `depth` collections deep, the root map counted.
 */
const SHAPES: Record<string, (depth: number) => string> = {
  'flow sequences': (d) => 'a: ' + '['.repeat(d - 1) + ']'.repeat(d - 1) + '\n',
  'flow mappings': (d) => 'a: ' + '{a: '.repeat(d - 1) + '1' + '}'.repeat(d - 1) + '\n',
  'compact block sequences': (d) => 'a:\n  ' + '- '.repeat(d - 1) + 'x\n',
  'indented block mappings': (d) => Array.from({ length: d - 1 }, (_, i) => ' '.repeat(i) + 'a:\n').join('') + ' '.repeat(d - 1) + 'b: 1\n',
};

/** Where each shape's collection number `MAX_YAML_DEPTH + 1` starts. */
const FIRST_TOO_DEEP: Record<string, number> = {
  'flow sequences': 3 + (MAX_YAML_DEPTH - 1),
  'flow mappings': 3 + 4 * (MAX_YAML_DEPTH - 1),
  'compact block sequences': 5 + 2 * (MAX_YAML_DEPTH - 1),
  // Line i (from 0) holds i spaces, "a:" and a line break; the map at depth 129 starts on line 128.
  'indented block mappings': Array.from({ length: MAX_YAML_DEPTH }, (_, i) => i + 3).reduce((a, b) => a + b, 0) + MAX_YAML_DEPTH,
};

const OPTIONS = { prettyErrors: false, keepSourceTokens: false, uniqueKeys: false } as const;

describe('reading YAML with a depth guard', () => {
  it('is parseDocument for ordinary text: contents, errors, warnings and the several-documents error', () => {
    const samples = [
      '',
      'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n',
      'x-base: &base {user: app}\nservices:\n  web:\n    <<: *base\n',
      'a: [1, 2\nb: c\n',
      'a: 1\na: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n---\nb: 2\n---\nc: 3\n',
      'key: "unterminated\n',
      '- a\nb: c\n',
    ];
    for (const text of samples) {
      const ours = readYamlDocument(text, OPTIONS).doc!;
      const theirs = parseDocument(text, OPTIONS);
      expect(ours.toJS(), text).toEqual(theirs.toJS());
      expect(ours.errors.map((e) => [e.code, e.message, e.pos]), text).toEqual(theirs.errors.map((e) => [e.code, e.message, e.pos]));
      expect(ours.warnings.map((e) => [e.code, e.message, e.pos]), text).toEqual(theirs.warnings.map((e) => [e.code, e.message, e.pos]));
    }
    expect(readYamlDocument('a: 1\n---\nb: 2\n', OPTIONS).doc!.errors.map((e) => e.code)).toEqual(['MULTIPLE_DOCS']);
  });

  for (const [shape, text] of Object.entries(SHAPES)) {
    it(`${shape}: ${MAX_YAML_DEPTH} levels are read, one more is refused at the collection that goes too deep`, () => {
      const tokens = (depth: number) => Array.from(new Parser().parse(text(depth)));
      expect(firstTooDeep(tokens(MAX_YAML_DEPTH), MAX_YAML_DEPTH)).toBeNull();
      expect(readYamlDocument(text(MAX_YAML_DEPTH), OPTIONS).doc!.errors).toEqual([]);
      const deep = text(MAX_YAML_DEPTH + 1);
      expect(firstTooDeep(tokens(MAX_YAML_DEPTH + 1), MAX_YAML_DEPTH)).toBe(FIRST_TOO_DEEP[shape]);
      expect(readYamlDocument(deep, OPTIONS)).toEqual({ doc: null, tooDeepAt: FIRST_TOO_DEEP[shape] });
      // That offset is the collection's first character: its bracket, its dash, or its first key.
      expect(deep[FIRST_TOO_DEEP[shape]]).toMatch(/^[[{\-b]$/);
    });
  }

  it('a Compose file too deep gets one syntax error at that collection and no other finding', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    command: ' + '['.repeat(MAX_YAML_DEPTH) + ']'.repeat(MAX_YAML_DEPTH) + '\n';
    // The root map, services, web, then the sequences: number 126 is the 129th collection.
    const column = 'services:\n  web:\n    image: nginx:1.27\n    command: '.split('\n')[3].length + (MAX_YAML_DEPTH - 3);
    const model = parseCompose(text);
    expect(model.syntaxErrors.map((e) => [e.message, at(e.range)])).toEqual([[`nesting deeper than ${MAX_YAML_DEPTH} levels`, `4:${column + 1}-4:${column + 2}`]]);
    expect(model.services).toEqual([]);
    expect(lint({ text, kind: 'compose', uri: '/p/compose.yaml' }).map((f) => [f.ruleId, f.message, at(f.range)])).toEqual([
      ['syntax-error', `YAML syntax error: nesting deeper than ${MAX_YAML_DEPTH} levels`, `4:${column + 1}-4:${column + 2}`],
    ]);
    // One level less is an ordinary file.
    const ok = 'services:\n  web:\n    image: nginx:1.27\n    command: ' + '['.repeat(MAX_YAML_DEPTH - 3) + ']'.repeat(MAX_YAML_DEPTH - 3) + '\n';
    expect(parseCompose(ok).syntaxErrors).toEqual([]);
    expect(parseCompose(ok).services.map((s) => s.name)).toEqual(['web']);
  });

  it('a .bulkhead.yaml too deep is a configuration problem at that collection', () => {
    const text = 'rules: ' + '['.repeat(MAX_YAML_DEPTH) + ']'.repeat(MAX_YAML_DEPTH) + '\n';
    const { config, problems } = parseConfigFile(text);
    expect(config).toEqual({});
    expect(problems.map((p) => [p.message, at(p.range)])).toEqual([[`not valid YAML: nesting deeper than ${MAX_YAML_DEPTH} levels`, `1:${8 + MAX_YAML_DEPTH - 1}-1:${8 + MAX_YAML_DEPTH}`]]);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseDevcontainer } from '../../server/src/parse/devcontainer';
import { devcontainerDirectives } from '../../server/src/parse/devcontainer-directives';
import { stringSpan } from '../../server/src/parse/json-strings';
import { parseMountSpec } from '../../server/src/parse/mount-spec';
import { hostPathText } from '../../server/src/parse/devcontainer-values';
import { detectKind, isDevcontainerPath, kindFromLanguageId, kindFromName } from '../../server/src/shared/file-kinds';

const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

describe('Dev Container file kind', () => {
  it('the three places a configuration lives, by path; no other JSON file', () => {
    for (const p of ['/w/.devcontainer/devcontainer.json', '/w/.devcontainer/gpu/devcontainer.json', '/w/.devcontainer.json', '.devcontainer/devcontainer.json', 'C:\\w\\.devcontainer\\devcontainer.json']) {
      expect(kindFromName(p), p).toBe('devcontainer');
    }
    for (const p of ['/w/devcontainer.json', '/w/.devcontainer/a/b/devcontainer.json', '/w/.devcontainer/devcontainer-feature.json', '/w/input.devcontainer.json', '/w/.devcontainer/devcontainer.jsonc', '/w/tsconfig.json', '/w/.devcontainer/Dockerfile']) {
      expect(kindFromName(p) === 'devcontainer', p).toBe(false);
    }
    expect(kindFromName('/w/.devcontainer/Dockerfile')).toBe('dockerfile');
    expect(isDevcontainerPath('/w/.devcontainer/x/devcontainer.json')).toBe(true);
    expect(detectKind('/w/.devcontainer.json', '{}')).toBe('devcontainer');
  });

  it('VS Code language ids jsonc and json count only at those paths', () => {
    expect(kindFromLanguageId('jsonc', '/w/.devcontainer/devcontainer.json')).toBe('devcontainer');
    expect(kindFromLanguageId('json', '/w/.devcontainer.json')).toBe('devcontainer');
    expect(kindFromLanguageId('jsonc', '/w/.vscode/settings.json')).toBeNull();
    expect(kindFromLanguageId('json', '/w/package.json')).toBeNull();
  });
});

describe('the Dev Container model', () => {
  it('reads comments, trailing commas and duplicate keys (the last wins), with exact ranges', () => {
    const m = parseDevcontainer('{\n  // a\n  "image": "x:1", /* b */\n  "image": "y:2",\n  "runArgs": ["--init",],\n}\n');
    expect(m.syntaxErrors).toEqual([]);
    expect(m.comments.map((c) => [c.line, c.block])).toEqual([[1, false], [2, true]]);
    const image = m.get('image')!;
    expect(m.stringValue(image.value)).toBe('y:2');
    expect(at(image.range)).toBe('3:2-3:16');
    expect(at(image.keyRange)).toBe('3:2-3:9');
    expect(at(image.valueRange!)).toBe('3:11-3:16');
    expect(m.items(m.get('runArgs')!.value).map((n) => at(m.rangeOf(n)))).toEqual(['4:14-4:22']);
  });

  it('syntax errors are short, on one visible span; an empty file or comments only is no error', () => {
    expect(parseDevcontainer('{\n  "image": "x"\n  "remoteUser": "vscode"\n}\n').syntaxErrors.map((e) => `${e.message} ${at(e.range)}`)).toEqual(['a comma is expected 2:2-2:14']);
    expect(parseDevcontainer('{ /* never closed').syntaxErrors[0].message).toBe('unterminated comment');
    expect(parseDevcontainer('[1, 2]').syntaxErrors[0].message).toBe('a dev container configuration is a JSON object ({ ... })');
    expect(parseDevcontainer('').syntaxErrors).toEqual([]);
    expect(parseDevcontainer('// nothing yet\n').syntaxErrors).toEqual([]);
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels before parsing (the parser recurses)`, () => {
    const deep = parseDevcontainer('{"a": ' + '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1) + '}');
    expect(deep.syntaxErrors.map((e) => e.message)).toEqual([`nesting deeper than ${MAX_JSON_DEPTH} levels`]);
    expect(deep.root).toBeNull();
    expect(parseDevcontainer('{"a": ' + '['.repeat(MAX_JSON_DEPTH - 1) + ']'.repeat(MAX_JSON_DEPTH - 1) + '}').syntaxErrors).toEqual([]);
  });

  it('string values map back to their source offsets, escapes included', () => {
    const text = '"a\\"b\\u0041c\\\\d"';
    const s = stringSpan(text, 0, text.length);
    expect(s.value).toBe('a"bAc\\d');
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => text[s.at(i)])).toEqual(['a', '\\', 'b', '\\', 'c', '\\', 'd']);
    expect(s.at(7)).toBe(text.length - 1);
  });

  it('// bulkhead-ignore comments cover the next property or array item (all its lines); not inside strings', () => {
    const text =
      '{\n  // bulkhead-ignore no-privileged -- GPU\n  "privileged": true,\n  "mounts": [\n    // bulkhead-ignore no-docker-socket-mount\n\n    // another comment\n    {\n      "source": "/var/run/docker.sock"\n    }\n  ],\n  "x": "// bulkhead-ignore no-such-rule",\n  // bulkhead-ignore-file image-tag-pinned\n}\n';
    const d = devcontainerDirectives(parseDevcontainer(text));
    expect(d.map((x) => [x.kind, x.rules.map((r) => r.id).join(','), x.reason, x.scope])).toEqual([
      ['line', 'no-privileged', 'GPU', { from: 2, to: 2 }],
      ['line', 'no-docker-socket-mount', null, { from: 7, to: 9 }],
      ['file', 'image-tag-pinned', null, null],
    ]);
  });
});

describe('Dev Container values', () => {
  it('mount specs: aliases, read-only, offsets of each option', () => {
    const m = parseMountSpec('type=bind, src=/var/run/docker.sock,dst=/s,ro');
    expect(m.type).toBe('bind');
    expect(m.source).toEqual({ key: 'source', value: '/var/run/docker.sock', start: 11, end: 35 });
    expect(m.target?.value).toBe('/s');
    expect(m.readOnly).toBe(true);
    expect(parseMountSpec('source=v,target=/x').type).toBe('volume');
  });

  it('host paths: the home directory, the project, other variables', () => {
    expect(hostPathText('${localEnv:HOME}${localEnv:USERPROFILE}/.ssh')).toBe('~/.ssh');
    expect(hostPathText('${localEnv:HOME}/.aws')).toBe('~/.aws');
    expect(hostPathText('${localWorkspaceFolder}/data')).toBe('./data');
    expect(hostPathText('${localEnv:XDG_RUNTIME_DIR}/docker.sock')).toBe('${XDG_RUNTIME_DIR}/docker.sock');
  });
});

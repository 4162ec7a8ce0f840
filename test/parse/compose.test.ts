import fc from 'fast-check';
import { isAlias, visit, type Alias, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../server/src/parse/compose';
import { SEED } from '../robustness/arbitraries';
import { childEntries, environment, isFalse, isTrue, ports, scalarText, volumes } from '../../server/src/parse/compose-values';
import { at } from '../helpers/rule-tester';

describe('Compose model', () => {
  it('resolves merge keys: own keys win, earlier merges win over later, inherited entries report at the << entry', () => {
    const m = parseCompose('x-a: &a\n  user: a\n  read_only: true\nx-b: &b\n  user: b\n  pid: host\nservices:\n  web:\n    <<: [*a, *b]\n    read_only: false\n');
    const web = m.services[0];
    expect(scalarText(web.get('user')?.value)).toBe('a');
    expect(isFalse(web.get('read_only')?.value)).toBe(true);
    expect(web.get('read_only')?.via).toBeNull();
    expect(web.get('pid')?.via).not.toBeNull();
    expect(at(web.get('pid')!.range)).toBe('9:5-9:17');
  });

  it('gives each entry its ranges (built when first read): own, key, value, and where findings go', () => {
    const m = parseCompose('x-base: &base\n  deploy:\n    resources:\n      limits: {cpus: "1"}\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27   # pinned\n');
    const web = m.services[0];
    const image = web.get('image')!;
    expect([at(image.ownRange), at(image.keyRange), at(image.valueRange!), at(image.range)]).toEqual(['8:5-8:22', '8:5-8:10', '8:12-8:22', '8:5-8:22']);
    expect(image.range).toBe(image.range);
    // Inherited through <<: reported at the << entry, written in the anchored map.
    const deploy = web.get('deploy')!;
    expect([at(deploy.ownRange), at(deploy.keyRange), at(deploy.range)]).toEqual(['2:3-4:26', '2:3-2:9', '7:5-7:14']);
    // A child of an inherited entry is reported where its parent is.
    const resources = childEntries(m, deploy).get('resources')!;
    expect([resources.via === deploy.via, at(resources.ownRange), at(resources.range)]).toEqual([true, '3:5-4:26', '7:5-7:14']);
    expect(at(childEntries(m, resources).get('limits')!.range)).toBe('7:5-7:14');
  });

  it('finds a service by name: the first of a name written twice, none for a name it does not have', () => {
    const m = parseCompose('services:\n  web:\n    image: a\n  db:\n    image: b\n  web:\n    image: c\n');
    expect(m.services.map((s) => s.name)).toEqual(['web', 'db', 'web']);
    expect(m.serviceNamed('web')).toBe(m.services[0]);
    expect(m.serviceNamed('db')).toBe(m.services[1]);
    expect([m.serviceNamed('cache'), m.serviceNamed(null), m.serviceNamed(undefined), m.serviceNamed('constructor')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('bounds alias expansion: a billion-laughs document parses quickly and walks in bounded time', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    lines.push('services:\n  web:\n    environment: *i\n');
    const m = parseCompose(lines.join('\n'));
    expect(m.syntaxErrors).toEqual([]);
    // Only one level is expanded when reading a list: the items are aliases to lists, not strings.
    expect(environment(m, m.services[0].get('environment'))).toEqual([]);
  });

  it('reads YAML 1.1 booleans the way Docker Compose does', () => {
    const m = parseCompose('a: yes\nb: "on"\nc: True\nd: off\ne: "no"\nf: 1\n');
    const v = (k: string) => m.top.get(k)!.value;
    expect(['a', 'b', 'c'].map((k) => isTrue(v(k)))).toEqual([true, true, true]);
    expect(['d', 'e'].map((k) => isFalse(v(k)))).toEqual([true, true]);
    expect(isTrue(v('f'))).toBe(false);
  });

  it('normalises short and long syntax for ports and volumes', () => {
    const m = parseCompose(
      'services:\n  web:\n    ports:\n      - "127.0.0.1:8080:80/udp"\n      - 443\n      - target: 9000\n        published: "9000"\n        host_ip: 0.0.0.0\n    volumes:\n      - ./src:/app:ro,z\n      - data:/data\n      - type: bind\n        source: /var/run/docker.sock\n        target: /s\n        bind: {propagation: rshared}\n',
    );
    const s = m.services[0];
    expect(ports(m, s.get('ports')).map((p) => [p.hostIp, p.published, p.target, p.protocol, p.long])).toEqual([
      ['127.0.0.1', '8080', '80', 'udp', false],
      [null, null, '443', 'tcp', false],
      ['0.0.0.0', '9000', '9000', 'tcp', true],
    ]);
    expect(volumes(m, s.get('volumes')).map((v) => [v.type, v.source, v.target, v.readOnly, v.propagation])).toEqual([
      ['bind', './src', '/app', true, null],
      ['volume', 'data', '/data', false, null],
      ['bind', '/var/run/docker.sock', '/s', false, 'rshared'],
    ]);
  });

  it('reads environment in map and list form with exact name and value ranges', () => {
    const m = parseCompose('services:\n  a:\n    environment:\n      A: "1"\n      B:\n  b:\n    environment:\n      - "C=x y"\n      - D\n');
    const [a, b] = m.services;
    expect(environment(m, a.get('environment')).map((e) => [e.name, e.value])).toEqual([['A', '1'], ['B', null]]);
    const env = environment(m, b.get('environment'));
    expect(env.map((e) => [e.name, e.value, at(e.nameRange)])).toEqual([['C', 'x y', '8:10-8:11'], ['D', null, '9:9-9:10']]);
    expect(at(env[0].valueRange!)).toBe('8:12-8:15');
  });

  it('ends the range of a block value at its last character, not at the next line', () => {
    const m = parseCompose('services:\n  web:\n    volumes:\n      - type: bind\n        source: /a\n        target: /b  # note\n    image: x:1\n');
    expect(at(m.services[0].get('volumes')!.range)).toBe('3:5-6:19');
  });

  it('reports YAML errors with one-line messages and never throws', () => {
    expect(parseCompose('services:\n  web: [\n').syntaxErrors.length).toBeGreaterThan(0);
    for (const text of ['', '---', '[', 'services: 5', 'services:\n  - a\n', '\u0000', 'a: &x *x\n']) expect(() => parseCompose(text)).not.toThrow();
  });
});

describe('aliases, found from one table', () => {
  const aliasesOf = (m: ReturnType<typeof parseCompose>) => {
    const out: Alias[] = [];
    visit(m.doc, { Alias: (_k, a) => void out.push(a) });
    return out;
  };
  // What yaml's own Alias.resolve finds (one walk of the document per alias), one hop at a time.
  const sameAsYaml = (text: string) => {
    const m = parseCompose(text);
    for (const a of aliasesOf(m)) {
      const want = a.resolve(m.doc) as Node | undefined;
      expect(m.resolve(a), `*${a.source} in ${JSON.stringify(text)}`).toBe(want === undefined ? null : isAlias(want) ? m.resolve(want) : want);
    }
  };

  it('an anchor defined again: each alias names the last one before it; an alias before any anchor names nothing', () => {
    const text = 'x-a: &a {user: one}\nservices:\n  s1: {<<: *a}\n  s2: &a {user: two}\n  s3: {<<: *a, image: *b}\nx-b: &b img\n';
    const m = parseCompose(text);
    expect(m.services.map((s) => s.get('user')?.value && String((s.get('user')!.value as { value: unknown }).value))).toEqual(['one', 'two', 'two']);
    expect(m.services[2].get('image')?.value).toBeNull();
    sameAsYaml(text);
  });

  it('answers as Alias.resolve does on random anchored documents (redefined anchors, anchors in keys and inside themselves; seeded)', () => {
    const name = fc.constantFrom('a', 'b', 'c');
    const leaf = fc.oneof(fc.constantFrom('x', '1', '{}', '[]'), name.map((n) => `*${n}`), name.map((n) => `&${n} v`));
    const value = fc.oneof(leaf, fc.tuple(fc.option(name), fc.array(fc.tuple(fc.constantFrom('k', 'l', '<<', '? &c q'), leaf), { maxLength: 3 })).map(([anchor, pairs]) => `${anchor ? `&${anchor} ` : ''}{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`));
    const doc = fc.array(fc.tuple(fc.constantFrom('x-1', 'x-2', 's'), value), { minLength: 1, maxLength: 6 }).map((entries) => `services:\n${entries.map(([k, v], i) => `  ${k}${i}: ${v}\n`).join('')}`);
    fc.assert(fc.property(doc, (text) => sameAsYaml(text)), { seed: SEED, numRuns: 2000 });
  });
});

describe('version 1 files and repeated keys', () => {
  it('reads the services of a version 1 file from the top level', () => {
    const m = parseCompose('vpn:\n  build: .\n  net: host\n  cap_add:\n    - NET_ADMIN\nweb:\n  image: nginx:1.27\n');
    expect(m.legacyFormat).toBe(true);
    expect(m.services.map((s) => s.name)).toEqual(['vpn', 'web']);
    expect(m.services[0].get('net')?.key).toBe('net');
  });

  it('a file with services: or version: is not version 1, even without services', () => {
    expect(parseCompose('version: "2"\nweb:\n  image: a:1\n').legacyFormat).toBe(false);
    expect(parseCompose('services:\n  web:\n    image: a:1\n').legacyFormat).toBe(false);
    expect(parseCompose('x-anchors:\n  image: a:1\n').legacyFormat).toBe(false);
  });

  it('a repeated key is not a syntax error that stops the analysis; the first value is read', () => {
    const m = parseCompose('services:\n  web:\n    image: a:1\n    image: b:2\n');
    expect(m.syntaxErrors).toEqual([]);
    expect(m.duplicateKeys.map((d) => d.key)).toEqual(['image']);
    expect(scalarText(m.services[0].get('image')?.value)).toBe('a:1');
  });

  it('finds repeated keys in every mapping, nested, in lists and in flow style, in document order', () => {
    const text = [
      'services:',
      '  web:',
      '    image: a',
      '    environment: {A: 1, A: 2}',
      '    volumes:',
      '      - {type: bind, type: volume}',
      '      - source: x',
      '        source: y',
      '    <<: *nothing',
      '    image: b',
      '  web:',
      '    image: c',
      'x-list: [{k: 1, k: 2}]',
      '',
    ].join('\n');
    const m = parseCompose(text);
    expect(m.duplicateKeys.map((d) => `${d.key}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)).toEqual([
      'web@10:2-10:5',
      'image@9:4-9:9',
      'A@3:24-3:25',
      'type@5:21-5:25',
      'source@7:8-7:14',
      'k@12:16-12:17',
    ]);
  });
});

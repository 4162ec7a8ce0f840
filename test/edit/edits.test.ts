import fc from 'fast-check';
import type { Node, Pair, YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/src/edit/apply-edits';
import type { TextEdit } from '../../server/src/core/types';
import {
  addFlag,
  keywordLike,
  removeJsonItem,
  removeProperty,
  removeSpan,
  removeWords,
  replaceKeyword,
} from '../../server/src/edit/dockerfile-edits';
import { addListItems, addMapEntries, ownPair, removeItemOrKey } from '../../server/src/edit/yaml-edits';
import { addNestedEntries, joinInsertions, ownPairAt, removeServiceEntry, removeServiceItem } from '../../server/src/edit/yaml-service-edits';
import { hardenServiceEdits } from '../../server/src/fixes/harden-service';
import { insertBeforeStart, userPlan } from '../../server/src/fixes/add-user';
import { SEED } from '../robustness/arbitraries';
import { composeSecretFix, namesRead, secretMountFix } from '../../server/src/fixes/secret-mount';
import { parseCompose, type ComposeModel, type Service } from '../../server/src/parse/compose';
import { parseDockerfile, type DockerfileModel } from '../../server/src/parse/dockerfile';

const apply = (text: string, edits: readonly (TextEdit | null)[] | TextEdit | null): string => {
  const list = (Array.isArray(edits) ? edits : [edits]).filter((e): e is TextEdit => e !== null);
  expect(list.length, 'an edit was made').toBeGreaterThan(0);
  return applyEdits(text, list);
};

/** A service of a Compose text, by name. */
const svc = (text: string, name: string): [ComposeModel, Service] => {
  const model = parseCompose(text);
  return [model, model.services.find((s) => s.name === name)!];
};

/** A pair of a service's own map. */
const pairOf = (service: Service, key: string): Pair => ownPair(service.map!, key)!;

describe('yaml-edits: removing items', () => {
  it('removes one block item with its line, keeping comments, and the whole key for the last one', () => {
    const text = 'services:\n  a:\n    # caps\n    cap_add:\n      - SYS_ADMIN # bad\n      - NET_ADMIN\n';
    const [model, a] = svc(text, 'a');
    const pair = pairOf(a, 'cap_add');
    const [first] = (pair.value as { items: Node[] }).items;
    expect(apply(text, removeItemOrKey(model, a.map!, pair, first))).toBe('services:\n  a:\n    # caps\n    cap_add:\n      - NET_ADMIN\n');
    const one = 'services:\n  a:\n    image: x\n    cap_add: [SYS_ADMIN]\n';
    const [m2, a2] = svc(one, 'a');
    const p2 = pairOf(a2, 'cap_add');
    expect(apply(one, removeItemOrKey(m2, a2.map!, p2, (p2.value as { items: Node[] }).items[0]))).toBe('services:\n  a:\n    image: x\n');
  });

  it('removes flow items with one comma, first, middle or last', () => {
    const text = 'services:\n  a: {cap_add: [A, B, C]}\n';
    const [model, a] = svc(text, 'a');
    const pair = pairOf(a, 'cap_add');
    const items = (pair.value as { items: Node[] }).items;
    expect(apply(text, removeItemOrKey(model, a.map!, pair, items[0]))).toBe('services:\n  a: {cap_add: [B, C]}\n');
    expect(apply(text, removeItemOrKey(model, a.map!, pair, items[1]))).toBe('services:\n  a: {cap_add: [A, C]}\n');
    expect(apply(text, removeItemOrKey(model, a.map!, pair, items[2]))).toBe('services:\n  a: {cap_add: [A, B]}\n');
  });

  it('keeps CRLF line endings', () => {
    const text = 'services:\r\n  a:\r\n    devices:\r\n      - /dev/sda\r\n      - /dev/dri\r\n';
    const [model, a] = svc(text, 'a');
    const pair = pairOf(a, 'devices');
    expect(apply(text, removeItemOrKey(model, a.map!, pair, (pair.value as { items: Node[] }).items[0]))).toBe('services:\r\n  a:\r\n    devices:\r\n      - /dev/dri\r\n');
  });

  it('refuses a collection shared through an alias or an anchor, and a pair that is not its own', () => {
    const text = 'x-c: &c [SYS_ADMIN, NET_ADMIN]\nservices:\n  a:\n    cap_add: *c\n  b:\n    cap_add: &d [A, B]\n  c:\n    environment:\n      <<: {X: "1"}\n      Y: "2"\n';
    const model = parseCompose(text);
    const [a, b, c] = model.services;
    const aPair = pairOf(a, 'cap_add');
    expect(removeItemOrKey(model, a.map!, aPair, model.items(aPair.value as Node)[0])).toBeNull();
    const bPair = pairOf(b, 'cap_add');
    expect(removeItemOrKey(model, b.map!, bPair, (bPair.value as { items: Node[] }).items[0])).toBeNull();
    const env = pairOf(c, 'environment');
    const merged = model.entriesOf(env.value as YAMLMap).get('X')!.pair;
    expect(removeItemOrKey(model, c.map!, env, merged)).toBeNull();
  });

  it('removes every flagged item together as the whole entry, so no empty key is left', () => {
    const text = 'services:\n  a:\n    image: x\n    cap_add:\n      - SYS_ADMIN\n      - SYS_MODULE\n';
    const [model, a] = svc(text, 'a');
    const entry = a.get('cap_add')!;
    const items = model.items(entry.value);
    const edits = items.map((i) => removeServiceItem(model, a, entry, i, items));
    expect(edits[0]).toEqual(edits[1]);
    expect(apply(text, edits[0])).toBe('services:\n  a:\n    image: x\n');
    expect(apply(text, removeServiceItem(model, a, entry, items[0]))).toBe('services:\n  a:\n    image: x\n    cap_add:\n      - SYS_MODULE\n');
  });

  it('never edits an entry inherited through a merge key, or a service that is an alias', () => {
    const text = 'x-b: &b\n  pid: host\n  cap_add: [SYS_ADMIN]\nservices:\n  a:\n    <<: *b\n  c: *b\n';
    const model = parseCompose(text);
    const [a, c] = model.services;
    expect(removeServiceEntry(model, a, a.get('pid')!)).toBeNull();
    expect(removeServiceItem(model, a, a.get('cap_add')!, model.items(a.get('cap_add')!.value)[0])).toBeNull();
    expect(removeServiceEntry(model, c, c.get('pid')!)).toBeNull();
  });

  it('removes a service entry in block and flow style', () => {
    const block = 'services:\n  a:\n    pid: host # x\n    image: x\n';
    const [m1, a1] = svc(block, 'a');
    expect(apply(block, removeServiceEntry(m1, a1, a1.get('pid')!))).toBe('services:\n  a:\n    image: x\n');
    const flow = 'services:\n  a: {pid: host, image: x}\n';
    const [m2, a2] = svc(flow, 'a');
    expect(apply(flow, removeServiceEntry(m2, a2, a2.get('pid')!))).toBe('services:\n  a: {image: x}\n');
  });
});

describe('yaml-edits: adding entries and list items', () => {
  it('adds nested entries after the last key, past a nested block and its trailing comment', () => {
    const text = 'services:\n  a:\n    environment:\n      A: "1" # one\n    # about b\n  b:\n    image: b\n';
    const [model, a] = svc(text, 'a');
    expect(apply(text, addMapEntries(model, a.map!, { deploy: { resources: { limits: { memory: '512M' } } }, tmpfs: ['/tmp'] }))).toBe(
      'services:\n  a:\n    environment:\n      A: "1" # one\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n    tmpfs:\n      - /tmp\n    # about b\n  b:\n    image: b\n',
    );
  });

  it('follows the file: four-space indentation, dashes level with their key, CRLF', () => {
    const text = 'services:\r\n    a:\r\n        ports:\r\n        - "80:80"\r\n';
    const [model, a] = svc(text, 'a');
    expect(apply(text, addMapEntries(model, a.map!, { cap_drop: ['ALL'] }))).toBe('services:\r\n    a:\r\n        ports:\r\n        - "80:80"\r\n        cap_drop:\r\n        - ALL\r\n');
  });

  it('adds to flow maps, empty ones included, in flow style', () => {
    const text = 'services:\n  a: {image: x}\n  b: {}\n';
    const model = parseCompose(text);
    const [a, b] = model.services;
    expect(apply(text, addMapEntries(model, a.map!, { read_only: 'true', tmpfs: ['/tmp'], deploy: { resources: { limits: { pids: '256' } } } }))).toBe(
      'services:\n  a: {image: x, read_only: true, tmpfs: [/tmp], deploy: {resources: {limits: {pids: 256}}}}\n  b: {}\n',
    );
    expect(apply(text, addMapEntries(model, b.map!, { read_only: 'true' }))).toBe('services:\n  a: {image: x}\n  b: {read_only: true}\n');
  });

  it('creates the missing maps of a path and merges into the ones that exist', () => {
    const text = 'services:\n  a:\n    deploy:\n      resources: {reservations: {memory: 1G}}\n  b:\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n';
    const model = parseCompose(text);
    const [a, b] = model.services;
    expect(apply(text, addNestedEntries(model, a.map!, ['deploy', 'resources', 'limits'], { pids: '256' }))).toBe(
      'services:\n  a:\n    deploy:\n      resources: {reservations: {memory: 1G}, limits: {pids: 256}}\n  b:\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n',
    );
    expect(apply(text, addNestedEntries(model, b.map!, ['deploy', 'resources', 'limits'], { memory: '512M', pids: '256' }))).toBe(
      'services:\n  a:\n    deploy:\n      resources: {reservations: {memory: 1G}}\n  b:\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n          pids: 256\n',
    );
  });

  it('refuses a path through a merged or aliased map', () => {
    const text = 'x-d: &d\n  deploy: {replicas: 2}\nx-r: &r {replicas: 3}\nservices:\n  a:\n    <<: *d\n  b:\n    deploy: *r\n';
    const model = parseCompose(text);
    const [a, b] = model.services;
    expect(addNestedEntries(model, a.map!, ['deploy', 'resources', 'limits'], { pids: '1' })).toBeNull();
    expect(addNestedEntries(model, b.map!, ['deploy', 'resources', 'limits'], { pids: '1' })).toBeNull();
    expect(ownPairAt(b.map!, ['deploy', 'replicas'])).toBeUndefined();
    expect(ownPairAt(model.services[0].map!, ['deploy'])).toBeUndefined();
  });

  it('adds list items in the list\'s style and quoting, skipping those present', () => {
    const text = 'services:\n  a:\n    security_opt:\n      - "seccomp:p.json" # profile\n    image: x\n  b: {security_opt: []}\n  c:\n    tmpfs: /run\n  d:\n    cap_drop: [ALL]\n  e:\n    security_opt:\n    image: e\n';
    const model = parseCompose(text);
    const [a, b, c, d, e] = model.services;
    expect(apply(text, addListItems(model, a.map!, 'security_opt', ['no-new-privileges:true']))).toContain('      - "seccomp:p.json" # profile\n      - "no-new-privileges:true"\n    image: x\n');
    expect(apply(text, addListItems(model, b.map!, 'security_opt', ['no-new-privileges:true']))).toContain('  b: {security_opt: [no-new-privileges:true]}\n');
    expect(apply(text, addListItems(model, c.map!, 'tmpfs', ['/tmp']))).toContain('    tmpfs: [/run, /tmp]\n');
    expect(addListItems(model, d.map!, 'cap_drop', ['ALL'])).toBeNull();
    expect(apply(text, addListItems(model, e.map!, 'security_opt', ['x']))).toContain('    security_opt: [x]\n    image: e\n');
  });

  it('adds a new list key, and refuses a list inherited through a merge key', () => {
    const text = 'x-s: &s\n  security_opt: [seccomp:p.json]\nservices:\n  a:\n    <<: *s\n  b:\n    image: b\n';
    const model = parseCompose(text);
    const [a, b] = model.services;
    expect(addListItems(model, a.map!, 'security_opt', ['no-new-privileges:true'])).toBeNull();
    expect(apply(text, addListItems(model, b.map!, 'security_opt', ['no-new-privileges:true']))).toContain('    image: b\n    security_opt:\n      - no-new-privileges:true\n');
  });

  it('joins insertions at one place into one edit, in order, and leaves other edits alone', () => {
    const at = { line: 1, character: 0 };
    const other = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: 'x' };
    const joined = joinInsertions([{ range: { start: at, end: at }, newText: 'a' }, other, null, { range: { start: at, end: at }, newText: 'b' }]);
    expect(joined).toEqual([{ range: { start: at, end: at }, newText: 'ab' }, other]);
  });
});

describe('harden-service', () => {
  it('adds what is missing in one edit set, merging into the lists the service has', () => {
    const text = 'services:\n  api:\n    image: api:1\n    tmpfs: [/run]\n    security_opt:\n      - seccomp:p.json\n';
    const [model, api] = svc(text, 'api');
    expect(apply(text, hardenServiceEdits(model, api))).toBe(
      'services:\n  api:\n    image: api:1\n    tmpfs: [/run, /tmp]\n    security_opt:\n      - seccomp:p.json\n      - no-new-privileges:true\n    cap_drop:\n      - ALL\n    read_only: true\n',
    );
  });

  it('works in flow style and turns false values on', () => {
    const text = 'services:\n  api: {image: api:1, read_only: false, security_opt: ["no-new-privileges=false"]}\n';
    const [model, api] = svc(text, 'api');
    expect(apply(text, hardenServiceEdits(model, api))).toBe(
      'services:\n  api: {image: api:1, read_only: true, security_opt: ["no-new-privileges=true"], cap_drop: [ALL], tmpfs: [/tmp]}\n',
    );
  });

  it('is null for a hardened service, one whose lists come through a merge key, and an alias service', () => {
    const text =
      'x-s: &s\n  security_opt: [seccomp:p.json]\nservices:\n  done:\n    read_only: true\n    tmpfs: [/tmp]\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n' +
      '  merged:\n    <<: *s\n    image: m\n  alias: *s\n';
    const model = parseCompose(text);
    for (const s of model.services) expect(hardenServiceEdits(model, s), s.name).toBeNull();
  });

  it('counts what a service it extends already sets', () => {
    const text = 'services:\n  base:\n    read_only: true\n    tmpfs: [/tmp]\n    cap_drop: [ALL]\n  web:\n    extends: base\n';
    const [model, web] = svc(text, 'web');
    expect(apply(text, hardenServiceEdits(model, web))).toBe(text.replace('extends: base\n', 'extends: base\n    security_opt:\n      - no-new-privileges:true\n'));
  });
});

describe('secret-mount', () => {
  it('moves a Compose variable to a secret in block style, CRLF kept', () => {
    const text = 'services:\r\n  db:\r\n    environment:\r\n      - "DB_PASSWORD=x1"\r\n';
    const [model, db] = svc(text, 'db');
    const fix = composeSecretFix(model, db, 'DB_PASSWORD')!;
    expect(fix.title).toBe('Move DB_PASSWORD to a Compose secret (DB_PASSWORD_FILE)');
    expect(apply(text, fix.edits)).toBe(
      'services:\r\n  db:\r\n    environment:\r\n      - "DB_PASSWORD_FILE=/run/secrets/db_password"\r\n    secrets:\r\n      - db_password\r\nsecrets:\r\n  db_password:\r\n    file: ./secrets/db_password.txt\r\n',
    );
  });

  it('a variable written twice: the first is moved; a <NAME>_FILE anywhere in the list refuses the fix', () => {
    const text = 'services:\n  db:\n    environment:\n      - DB_PASSWORD=x1\n      - DB_PASSWORD=x2\n';
    const [model, db] = svc(text, 'db');
    expect(apply(text, composeSecretFix(model, db, 'DB_PASSWORD')!.edits)).toBe(
      'services:\n  db:\n    environment:\n      - DB_PASSWORD_FILE=/run/secrets/db_password\n      - DB_PASSWORD=x2\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n',
    );
    const [withFile, db2] = svc(`${text}      - DB_PASSWORD_FILE=/run/secrets/x\n`, 'db');
    expect(composeSecretFix(withFile, db2, 'DB_PASSWORD')).toBeNull();
  });

  it('adds the BuildKit mount to each RUN that reads the variable, and refuses other readers', () => {
    const text = 'FROM alpine:3.20\nARG TOKEN=abc\nRUN a "$TOKEN"\nRUN b ${TOKEN:-x}\nRUN c $TOKEN_OTHER\n';
    const model = parseDockerfile(text);
    const arg = model.all('ARG')[0];
    expect(apply(text, secretMountFix(model, arg, arg.properties[0])!.edits)).toBe(
      'FROM alpine:3.20\nRUN --mount=type=secret,id=token,env=TOKEN a "$TOKEN"\nRUN --mount=type=secret,id=token,env=TOKEN b ${TOKEN:-x}\nRUN c $TOKEN_OTHER\n',
    );
    const other = parseDockerfile('FROM alpine:3.20\nARG TOKEN=abc\nLABEL t=$TOKEN\nRUN a "$TOKEN"\n');
    expect(secretMountFix(other, other.all('ARG')[0], other.all('ARG')[0].properties[0])).toBeNull();
    const old = parseDockerfile('# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\nARG TOKEN=abc\nRUN a "$TOKEN"\n');
    expect(secretMountFix(old, old.all('ARG')[0], old.all('ARG')[0].properties[0])).toBeNull();
    const current = parseDockerfile('# syntax=docker/dockerfile:1.10\nFROM alpine:3.20\nARG TOKEN=abc\nRUN a "$TOKEN"\n');
    expect(secretMountFix(current, current.all('ARG')[0], current.all('ARG')[0].properties[0])).not.toBeNull();
  });

  it('an ENV reaches the rest of its stage and the stages built on it, a global ARG every stage; nothing before it', () => {
    const text = 'FROM alpine:3.20 AS base\nRUN early $TOKEN\nENV TOKEN=abc\nRUN a $TOKEN\nFROM base AS child\nRUN b ${TOKEN}\nFROM child\nRUN c $TOKEN\nFROM alpine:3.20 AS other\nRUN d $TOKEN\n';
    const model = parseDockerfile(text);
    const env = model.all('ENV')[0];
    const mount = 'RUN --mount=type=secret,id=token,env=TOKEN';
    expect(apply(text, secretMountFix(model, env, env.properties[0])!.edits)).toBe(
      `FROM alpine:3.20 AS base\nRUN early $TOKEN\n${mount} a $TOKEN\nFROM base AS child\n${mount} b \${TOKEN}\nFROM child\n${mount} c $TOKEN\nFROM alpine:3.20 AS other\nRUN d $TOKEN\n`,
    );
    const global = 'ARG TOKEN=abc\nFROM alpine:3.20 AS one\nRUN a $TOKEN\nFROM alpine:3.20\nRUN b $TOKEN\n';
    const g = parseDockerfile(global);
    const arg = g.all('ARG')[0];
    expect(apply(global, secretMountFix(g, arg, arg.properties[0])!.edits)).toBe(`FROM alpine:3.20 AS one\n${mount} a $TOKEN\nFROM alpine:3.20\n${mount} b $TOKEN\n`);
  });

  it('reads the names a text uses as $NAME and ${NAME...} do (random texts, seeded)', () => {
    // What Docker's expansion reads, as a pattern per name: `${NAME` then `}` or an operator, or `$NAME` not followed by a name character.
    const reads = (text: string, name: string) => new RegExp(`\\$(\\{${name}(?=[}:?+=-])|${name}(?![A-Za-z0-9_]))`).test(text);
    const text = fc.array(fc.constantFrom('$', '{', '}', 'A', 'B', '_', '1', ':', '-', '+', '?', '=', ' ', '"'), { maxLength: 16 }).map((c) => c.join(''));
    const name = fc.constantFrom('A', 'B', 'AB', '_', 'A1', 'BA', '_A');
    fc.assert(fc.property(text, name, (t, n) => void expect(namesRead(t).has(n), `${n} in ${t}`).toBe(reads(t, n))), { seed: SEED, numRuns: 5000 });
  });
});

describe('dockerfile-edits', () => {
  const df = (text: string): DockerfileModel => parseDockerfile(text);

  it('writes a keyword in the case of another', () => {
    expect(keywordLike('add', 'COPY')).toBe('copy');
    expect(keywordLike('ADD', 'COPY')).toBe('COPY');
    expect(keywordLike('Add', 'COPY')).toBe('Copy');
    const text = 'FROM a\r\naDd x y\r\n';
    const m = df(text);
    expect(apply(text, replaceKeyword(m, m.all('ADD')[0], 'COPY'))).toBe('FROM a\r\nCopy x y\r\n');
  });

  it('removes a span: with the blanks before it, after a quote, its whole continuation line, or the continuation before it', () => {
    const text = 'RUN curl -k -fsSL \\\n    --insecure \\\n    https://x \\\n    -k\nRUN sh -c "sudo make"\n';
    const m = df(text);
    const at = (s: string, from = 0) => [text.indexOf(s, from), text.indexOf(s, from) + s.length] as const;
    const [k1, k1e] = at('-k');
    expect(apply(text, removeSpan(m, k1, k1e))).toBe(text.replace('curl -k -fsSL', 'curl -fsSL'));
    const [ins, inse] = at('--insecure');
    expect(apply(text, removeSpan(m, ins, inse))).toBe(text.replace('    --insecure \\\n', ''));
    const [k2, k2e] = at('-k', inse);
    expect(apply(text, removeSpan(m, k2, k2e))).toBe(text.replace('https://x \\\n    -k\n', 'https://x\n'));
    const [sudo, sudoe] = at('sudo');
    expect(apply(text, removeSpan(m, sudo, sudoe))).toBe(text.replace('"sudo make"', '"make"'));
  });

  it('removes a span with the escape directive\'s continuation and CRLF', () => {
    const text = '# escape=`\r\nFROM a\r\nRUN apt-get install `\r\n    --allow-unauthenticated `\r\n    foo\r\n';
    const m = df(text);
    const s = text.indexOf('--allow');
    expect(apply(text, removeSpan(m, s, s + '--allow-unauthenticated'.length))).toBe('# escape=`\r\nFROM a\r\nRUN apt-get install `\r\n    foo\r\n');
  });

  it('removes exec-form items with one comma, and consecutive ones as one span', () => {
    const text = 'FROM a\nRUN ["curl", "-k", "https://x"]\nRUN ["pip", "install", "--trusted-host", "h"]\n';
    const m = df(text);
    const [r1, r2] = m.all('RUN');
    expect(apply(text, removeJsonItem(m, r1.json![1]))).toBe(text.replace('"-k", ', ''));
    expect(apply(text, removeJsonItem(m, r1.json![2]))).toBe(text.replace(', "https://x"', ''));
    expect(apply(text, removeWords(m, r2, [r2.json![2], r2.json![3]]))).toBe(text.replace(', "--trusted-host", "h"', ''));
  });

  it('removes a property, or the instruction when it is the only one or all are removed together', () => {
    const text = 'FROM a\nENV A=1 \\\n    B="x y"\nENV C 3\n';
    const m = df(text);
    const [e1, e2] = m.all('ENV');
    expect(apply(text, removeProperty(m, e1, e1.properties[1]))).toBe('FROM a\nENV A=1\nENV C 3\n');
    expect(apply(text, removeProperty(m, e1, e1.properties[0]))).toBe('FROM a\nENV \\\n    B="x y"\nENV C 3\n');
    expect(apply(text, removeProperty(m, e1, e1.properties[0], e1.properties))).toBe('FROM a\nENV C 3\n');
    expect(apply(text, removeProperty(m, e2, e2.properties[0]))).toBe('FROM a\nENV A=1 \\\n    B="x y"\n');
  });

  it('adds a flag after the keyword', () => {
    const text = 'FROM a\nrun --network=none make\n';
    const m = df(text);
    expect(apply(text, addFlag(m, m.all('RUN')[0], '--mount=type=secret,id=t'))).toBe('FROM a\nrun --mount=type=secret,id=t --network=none make\n');
  });
});

describe('add-user', () => {
  it('inserts after the last RUN and USER, above the comments of the CMD that follows', () => {
    const text = 'FROM debian:12\nCMD ["early"]\nRUN make\n\n# run it\nENTRYPOINT ["/app"]\n';
    const m = parseDockerfile(text);
    expect(apply(text, insertBeforeStart(m, m.finalStage!, ['USER 1']))).toBe('FROM debian:12\nCMD ["early"]\nRUN make\n\nUSER 1\n# run it\nENTRYPOINT ["/app"]\n');
  });

  it('plans a user from the base image or from a useradd in the stage', () => {
    const plan = (text: string) => {
      const m = parseDockerfile(text);
      const p = userPlan(m, m.finalStage!);
      return [p.create.length, p.user];
    };
    expect(plan('FROM node:22-alpine\n')).toEqual([0, 'node']);
    expect(plan('FROM ubuntu:24.04\n')).toEqual([1, '10001:10001']);
    expect(plan('FROM gcr.io/distroless/base-debian12\n')).toEqual([0, '65532:65532']);
    expect(plan('FROM scratch\n')).toEqual([0, '10001:10001']);
    expect(plan('FROM alpine:3.20\nRUN adduser -D -u 1000 worker\n')).toEqual([0, 'worker']);
    expect(plan('FROM example.com/custom:1\n')).toEqual([0, '10001:10001']);
  });
});

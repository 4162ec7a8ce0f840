import { afterEach, describe, expect, it } from 'vitest';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { lintDetailed } from '../../server/src/engine/lint';
import type { Target } from '../../server/src/core/types';
import { TestClient } from '../helpers/lsp-client';

/**
 * Names every JavaScript object answers to (`constructor`, `toString`, `__proto__`...) written where
 * a file names a command, a flag, a variable, an image, a capability or a key. Bulkhead looks such
 * words up in its tables; before the lookups took only a table's own entries, `RUN constructor
 * remove x` made multi-stage-build throw and `ENV constructor=1` made no-tls-bypass throw.
 */

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

const dockerfile = (n: string) =>
  `FROM ${n}\nFROM ${n.toLowerCase()}\nRUN ${n} remove x && ${n} install y && sudo ${n} z\n` +
  `RUN --${n}=1 --mount=${n}=x,type=cache,target=/${n} ${n}\nENV ${n}=1 ${n}_x=2\nARG ${n}\n` +
  `HEALTHCHECK CMD ${n}\nUSER ${n}\nCOPY --${n}=x a b\nEXPOSE ${n}\nLABEL ${n}=x\n`;
const compose = (n: string) =>
  `services:\n  ${n}:\n    image: ${n.toLowerCase()}\n    ${n}: 1\n    cap_add: [${n}]\n    security_opt: ["${n}"]\n` +
  `    environment:\n      ${n}: x\n    volumes: ["/${n}:/${n}"]\n    deploy:\n      resources:\n        limits:\n          ${n}: 1\n    build:\n      context: .\n      args:\n        ${n}: x\n`;
const devcontainer = (n: string) =>
  JSON.stringify({ image: n.toLowerCase(), [n]: 1, runArgs: [`--${n}`, n, `--${n}=host`, '--pid', n], capAdd: [n], features: { [n]: {} }, containerEnv: { [n]: 'x' } });

const INPUTS: [Target, (n: string) => string][] = [
  ['dockerfile', dockerfile],
  ['compose', compose],
  ['devcontainer', devcontainer],
];

/** What a function or an inherited object looks like once formatted into text. */
const LEAKED = /native code|\[object Object\]|function |=> /;

describe('names every object inherits, written in a file', () => {
  for (const [kind, make] of INPUTS) {
    it(`${kind}: no rule throws, and no message, title or edit shows an inherited value`, () => {
      for (const n of NAMES) {
        const r = lintDetailed({ text: make(n), kind, uri: `/p/${kind === 'dockerfile' ? 'Dockerfile' : kind === 'compose' ? 'compose.yaml' : '.devcontainer/devcontainer.json'}` }, {});
        expect(r.internalErrors.map((e) => `${e.ruleId}: ${e.message}`), `${kind} with ${n}`).toEqual([]);
        for (const f of r.findings) {
          expect(f.message).not.toMatch(LEAKED);
          for (const fix of f.fixes) {
            expect(fix.title).not.toMatch(LEAKED);
            for (const e of fix.edits) expect(e.newText).not.toMatch(LEAKED);
          }
        }
      }
    });
  }

  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('hover on such a keyword, flag or key shows no inherited value', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const hovers: string[] = [];
    const at = async (uri: string, line: number, character: number) => {
      const h: Hover | null = await client!.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
      hovers.push((h?.contents as MarkupContent | undefined)?.value ?? '');
    };
    for (const n of NAMES) {
      await client.open('file:///p/Dockerfile', 'dockerfile', `FROM alpine:3.22\n${n} x\nRUN --${n}=1 echo\n`);
      await at('file:///p/Dockerfile', 1, 1);
      await at('file:///p/Dockerfile', 2, 7);
      await client.open('file:///p/compose.yaml', 'dockercompose', `services:\n  web:\n    image: nginx:1.27\n    ${n}: 1\n`);
      await at('file:///p/compose.yaml', 3, 5);
      await client.open('file:///p/.devcontainer/devcontainer.json', 'jsonc', `{\n  "${n}": 1\n}\n`);
      await at('file:///p/.devcontainer/devcontainer.json', 1, 4);
    }
    expect(hovers).toHaveLength(NAMES.length * 4);
    for (const h of hovers) expect(h).not.toMatch(LEAKED);
    for (const h of hovers) expect(h).not.toContain('undefined');
  });
});

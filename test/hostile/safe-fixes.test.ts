import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/src/edit/apply-edits';
import { fixAll } from '../../server/src/engine/fix-all';
import { lint } from '../../server/src/engine/lint';
import type { Target } from '../../server/src/core/types';
import { HAS_CORPUS, realCorpus } from '../helpers/corpus';
import { modelDifferences } from './model-equivalence';

/**
 * Fixes that are safe by proof (issue 14, item 5): every `safe` fix, alone and all together
 * (fix-all), applied to hand-written edge cases and to every file of the real corpus, leaves a text
 * that parses to the same model except for the change the fix is for (model-equivalence.ts).
 */

/** Each safe fix of a text, applied alone, and fix-all: the differences found, one line each. */
function violations(kind: Target, text: string, name: string, counted?: { fixes: number }): string[] {
  const out: string[] = [];
  const safe = lint({ text, kind }).flatMap((f) => f.fixes.filter((x) => x.safety === 'safe').map((fx) => ({ f, fx })));
  if (counted) counted.fixes += safe.length;
  if (safe.length === 0) return out;
  for (const { f, fx } of safe) {
    const fixed = applyEdits(text, fx.edits);
    for (const d of modelDifferences(kind, text, fixed)) out.push(`${name}: ${f.ruleId} "${fx.title}": ${d}`);
  }
  const all = fixAll({ text, kind });
  for (const d of modelDifferences(kind, text, all.text)) out.push(`${name}: fix-all: ${d}`);
  return out;
}

const safeFixesOf = (kind: Target, text: string) => lint({ text, kind }).flatMap((f) => f.fixes.filter((x) => x.safety === 'safe').map((x) => `${f.ruleId}: ${x.title}`));

describe('the model-equivalence check itself', () => {
  it('catches each of the meaning changes of issue 14 when they are made by hand', () => {
    expect(modelDifferences('dockerfile', '# bulkhead-ignore x\n# syntax=docker/dockerfile:1\nFROM a\n', '# syntax=docker/dockerfile:1\nFROM a\n')).toEqual([
      'parser directives changed: [] -> [syntax=docker/dockerfile:1]',
    ]);
    expect(modelDifferences('compose', 'version: &v "3.8"\nx-v: *v\nservices: {}\n', 'x-v: *v\nservices: {}\n')).toEqual(['the fixed file no longer resolves: Unresolved alias (the anchor must be set before the alias): v']);
    expect(modelDifferences('dockerfile', 'FROM a\nADD rootfs /\n', 'FROM a\nCOPY rootfs /\n')).toEqual(['line 2: ADD became COPY although "rootfs" may be a tar archive that ADD unpacks']);
    expect(modelDifferences('dockerfile', 'FROM a\nADD dist/* /opt/\n', 'FROM a\nCOPY dist/* /opt/\n')).toEqual(['line 2: ADD became COPY although "dist/*" may be a tar archive that ADD unpacks']);
    expect(modelDifferences('dockerfile', 'FROM a\nRUN apk add curl\n', 'FROM a\nRUN apk add --no-cache curl\n')).toEqual([]);
    expect(modelDifferences('dockerfile', 'FROM a\nRUN apk add curl\n', 'FROM a\nRUN apk add --no-cache wget\n')).toHaveLength(1);
  });
});

describe('safe fixes on the hand-written edge cases of issue 14', () => {
  it('removing a stale ignore comment on line 1 does not make "# syntax=" or "# escape=" live', () => {
    for (const directive of ['# syntax=docker/dockerfile:1', '# escape=`']) {
      const text = `# bulkhead-ignore no-such-rule\n${directive}\nFROM alpine:3.22\nUSER 10001\n`;
      expect(safeFixesOf('dockerfile', text)).toEqual(['ignore-comment: Remove "no-such-rule" from this comment']);
      expect(fixAll({ text, kind: 'dockerfile' }).text).toBe(`\n${directive}\nFROM alpine:3.22\nUSER 10001\n`);
      expect(violations('dockerfile', text, directive)).toEqual([]);
    }
    // Below real directives the same holds; elsewhere the line simply goes.
    const below = '# syntax=docker/dockerfile:1\n# bulkhead-ignore no-such-rule\n# escape=`\nFROM alpine:3.22\nUSER 10001\n';
    expect(fixAll({ text: below, kind: 'dockerfile' }).text).toBe('# syntax=docker/dockerfile:1\n\n# escape=`\nFROM alpine:3.22\nUSER 10001\n');
    const plain = 'FROM alpine:3.22\n# bulkhead-ignore no-such-rule\n# escape=`\nUSER 10001\n';
    expect(fixAll({ text: plain, kind: 'dockerfile' }).text).toBe('FROM alpine:3.22\n# escape=`\nUSER 10001\n');
  });

  it('"version" whose anchor an alias names is reported but not removed; an unused anchor goes with it', () => {
    const text = 'version: &v "3.8"\nx-version: *v\nservices:\n  web:\n    image: nginx:1.27\n';
    const findings = lint({ text, kind: 'compose' }).filter((f) => f.ruleId === 'no-obsolete-compose-version');
    expect(findings.map((f) => f.fixes.length)).toEqual([0]);
    expect(fixAll({ text, kind: 'compose' }).text).toBe(text);
    expect(violations('compose', text, 'aliased version')).toEqual([]);
    const unused = 'version: &v "3.8"\nservices:\n  web:\n    image: nginx:1.27\n';
    expect(fixAll({ text: unused, kind: 'compose' }).text).toBe('services:\n  web:\n    image: nginx:1.27\n');
  });

  it('"ADD rootfs /" and "ADD dist/* /opt/" stay ADD in fix-all; plain files become COPY', () => {
    const text = 'FROM scratch\nADD rootfs /\nADD dist/* /opt/\nADD app.py conf/ /app/\nADD <<EOF /etc/motd\nhi\nEOF\n';
    expect(fixAll({ text, kind: 'dockerfile' }).text).toBe('FROM scratch\nADD rootfs /\nADD dist/* /opt/\nCOPY app.py conf/ /app/\nCOPY <<EOF /etc/motd\nhi\nEOF\n');
    expect(violations('dockerfile', text, 'ADD')).toEqual([]);
  });
});

describe.skipIf(!HAS_CORPUS)('safe fixes on the real corpus (../shared/corpus/real)', () => {
  it('every safe fix, alone and in fix-all, keeps the model of every Dockerfile and Compose file', () => {
    const files = realCorpus();
    const problems: string[] = [];
    const counted = { fixes: 0 };
    for (const f of files) problems.push(...violations(f.kind, readFileSync(f.abs, 'utf8'), f.path, counted));
    expect(problems.slice(0, 20)).toEqual([]);
    // The corpus exercises the safe fixes (a proof over nothing would prove nothing).
    expect(counted.fixes).toBeGreaterThan(300);
  }, 600_000);
});

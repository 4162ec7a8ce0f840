import { LineIndex } from '../core/positions';
import { MAX_BASIS, overrideText, sourceText, type BasisItem, type RuleOverride, type UncheckedFile } from '../shared/checklist-report';
import type { Range } from '../core/types';

/**
 * What a practice's status depends on, as a list of keyed items, and its fingerprint (a hash of the
 * keys). A reviewer's tick is tied to the fingerprint, so it must change when what the reviewer saw
 * changes, and only then:
 * - a finding is keyed by file, rule, message kind, its message (digits masked: "the install on
 *   line 7" moves with the file) and the text it underlines (whitespace collapsed), never by its
 *   line, so comments, blank lines and unrelated keys leave it alone;
 * - suppressed findings also by the reason of the comment that hid them;
 * - the rule settings of the practice (what, where), the files of the kinds it looks at (paths
 *   only), the files that could not be analysed, and for practice 15 the registry allow-list.
 * Identical findings in one file count (the second `privileged: true` is a change).
 */

/**
 * A stable, non-cryptographic 64-bit hash (two 32-bit FNV-1a/murmur-mixed lanes) as 16 hex
 * digits. Enough to notice a change; the engine has no crypto module in the browser.
 */
export function hashString(s: string): string {
  let h1 = 0xdeadbeef ^ s.length;
  let h2 = 0x41c6ce57 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/** The text a range underlines, whitespace collapsed (re-indenting a block is not a change). */
export function underlined(index: LineIndex, range: Range): string {
  return index.text.slice(index.offsetAt(range.start), index.offsetAt(range.end)).replace(/\s+/g, ' ').trim();
}

const short = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export interface BasisFinding {
  file: string;
  ruleId: string;
  messageId: string;
  message: string;
  /** See `underlined`. */
  text: string;
  /** Suppressed findings: the comment's reason. */
  reason?: string | null;
}

/** The basis items of one practice, sorted by key; repeats of a key get `#2`, `#3`. */
export function basisOf(parts: {
  findings: readonly BasisFinding[];
  suppressed: readonly BasisFinding[];
  overrides: readonly RuleOverride[];
  files: readonly string[];
  unchecked: readonly UncheckedFile[];
  registries?: readonly (readonly string[] | undefined)[];
}): BasisItem[] {
  const items: BasisItem[] = [];
  const identity = (f: BasisFinding) => hashString(`${f.ruleId}\u0000${f.messageId}\u0000${f.message.replace(/\d+/g, '#')}\u0000${f.text}`);
  const where = (f: BasisFinding) => {
    const text = /^(["'])[^"']*\1$/.test(f.text) ? f.text.slice(1, -1) : f.text;
    return `${f.ruleId} in ${f.file}${text ? ` (“${short(text)}”)` : ''}`;
  };
  for (const f of parts.findings) items.push({ key: `F\t${f.file}\t${f.ruleId}\t${identity(f)}`, label: where(f), kind: 'finding' });
  for (const f of parts.suppressed) items.push({ key: `S\t${f.file}\t${f.ruleId}\t${identity(f)}\t${hashString(f.reason ?? '')}`, label: where(f), kind: 'suppressed' });
  for (const o of parts.overrides) items.push({ key: `O\t${o.ruleId}\t${o.setting}\t${sourceText(o.source)}`, label: overrideText(o), kind: 'setting' });
  for (const u of parts.unchecked) items.push({ key: `U\t${u.file}\t${u.reason}`, label: `${u.file} (${u.reason})`, kind: 'unchecked' });
  const files = [...parts.files].sort();
  items.push({ key: `N\t${hashString(files.join('\u0000'))}`, label: files.length === 1 ? `the file checked (${files[0]})` : `the ${files.length} files checked`, kind: 'files' });
  if (parts.registries) {
    const lists = parts.registries.map((r) => (r ? [...r].sort().join(',') : '-'));
    items.push({ key: `R\t${hashString([...new Set(lists)].sort().join('\u0000'))}`, label: 'the trustedRegistries allow-list', kind: 'registries' });
  }
  items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = (seen.get(item.key) ?? 0) + 1;
    seen.set(item.key, n);
    return n === 1 ? item : { ...item, key: `${item.key}#${n}` };
  });
}

/** The fingerprint of a basis (every item, also beyond the cap). */
export function fingerprintOf(basis: readonly BasisItem[]): string {
  return hashString(basis.map((b) => b.key).join('\n'));
}

/** The basis as sent and kept with a tick: at most MAX_BASIS items (the fingerprint still covers all). */
export function capBasis(basis: readonly BasisItem[]): BasisItem[] {
  return basis.length <= MAX_BASIS ? [...basis] : basis.slice(0, MAX_BASIS);
}

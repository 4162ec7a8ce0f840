import { PRACTICES, PRACTICE_GROUPS, practice } from '../shared/practices';
import type { Peer, RuleMeta } from '../rule-api/rule';

/**
 * Every text users read about a rule is rendered here from its metadata: the docs pages, the
 * README table and the hover. They cannot disagree because there is only one renderer.
 */

export const REPOSITORY_URL = 'https://github.com/bulkhead-security/bulkhead';

export function ruleDocsUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${id}.md`;
}

export const PEER_NAMES: Record<Peer, string> = {
  hadolint: 'hadolint',
  kics: 'KICS',
  trivy: 'Trivy',
  checkov: 'Checkov',
  'compose-lint': 'compose-lint',
  dclint: 'dclint',
  buildkit: 'BuildKit',
  semgrep: 'Semgrep',
};

export function practiceLabel(n: number): string {
  const p = practice(n);
  return p ? `${n}. ${p.title}` : String(n);
}

const TARGET_LABELS: Record<RuleMeta['targets'][number], string> = { dockerfile: 'Dockerfile', compose: 'Compose', devcontainer: 'Dev Container' };
/**
 * The severity a rule's findings get without configuration, as docs and schemas show it:
 * `warning`; `hint (strict: info)` for advice; `warning (advice: hint)` for a risk rule with advice messages.
 */
export function defaultSeverityLabel(meta: RuleMeta): string {
  if (meta.enabledByDefault === false) return `off (opt-in; ${meta.severity} when on)`;
  if (meta.kind === 'advice') return meta.severity === 'hint' ? 'hint' : `hint (strict: ${meta.severity})`;
  if (meta.adviceMessages && meta.adviceMessages.length > 0 && meta.severity !== 'hint') return `${meta.severity} (advice: hint)`;
  return meta.severity;
}

function targetsLabel(meta: RuleMeta): string {
  return meta.targets.map((t) => TARGET_LABELS[t]).join(', ');
}

function fixLabel(meta: RuleMeta): string {
  if (meta.fix === 'safe') return 'safe quick fix (applied by fix-all and `--fix`)';
  if (meta.fix === 'suggestion') return 'suggested quick fix (changes behaviour; offered, never applied in bulk)';
  return 'none';
}

export function aliasesLabel(meta: RuleMeta, separator = ', '): string {
  const parts: string[] = [];
  for (const [peer, ids] of Object.entries(meta.aliases ?? {}) as [Peer, readonly string[]][]) {
    if (ids.length > 0) parts.push(`${PEER_NAMES[peer]} ${ids.join(', ')}`);
  }
  return parts.join(separator);
}

/** Rules reported about a file that is not parsed, so no comment in it is read. */
const UNREAD = new Set(['file-too-large']);

function fence(kind: string, code: string): string {
  return '```' + (kind === 'compose' ? 'yaml' : kind === 'devcontainer' ? 'jsonc' : 'dockerfile') + '\n' + code.replace(/\n$/, '') + '\n```';
}

/** The full description of a rule, used by the docs pages and by hover. */
export function renderRuleMarkdown(meta: RuleMeta, options: { heading?: string; examples?: boolean } = {}): string {
  const heading = options.heading ?? '#';
  const out: string[] = [];
  out.push(`${heading} \`${meta.id}\`: ${meta.title}`, '');
  out.push(
    `**Practice** ${practiceLabel(meta.practice)} · **Severity** ${defaultSeverityLabel(meta)} · ` +
      `**Files** ${targetsLabel(meta)} · **Fix** ${fixLabel(meta)}`,
    '',
  );
  const variants = Object.entries(meta.messageSeverity ?? {}).filter(([, s]) => s !== meta.severity);
  if (variants.length > 0) {
    // The message templates name the variant; their placeholders read as "…".
    const text = (id: string) => (meta.messages[id] ?? id).replace(/\{\w+\}/g, '…');
    out.push(`Some findings default to another severity: ${variants.map(([id, s]) => `${s} for "${text(id)}"`).join('; ')}.`, '');
  }
  out.push(meta.docs.summary, '');
  out.push(`**Why this severity.** ${meta.severityReason}`, '');
  out.push(`${heading}# Why it matters`, '', meta.docs.rationale, '');
  out.push(`${heading}# How to fix it`, '', meta.docs.howToFix, '');
  if (options.examples !== false && (meta.examples.bad.length > 0 || meta.examples.good.length > 0)) {
    out.push(`${heading}# Examples`, '');
    // A size limit changes what an example means, so it is shown; other example settings speak for themselves.
    const limit = (ex: RuleMeta['examples']['bad'][number]) => (ex.config?.maxFileSize !== undefined ? ` (with a size limit of ${ex.config.maxFileSize} characters)` : '');
    for (const ex of meta.examples.bad) out.push(`Flagged${limit(ex)}:`, '', fence(ex.kind, ex.code), '');
    for (const ex of meta.examples.good) out.push(`Not flagged${limit(ex)}:`, '', fence(ex.kind, ex.code), '');
  }
  if (meta.options && Object.keys(meta.options).length > 0) {
    out.push(`${heading}# Options`, '');
    for (const [name, spec] of Object.entries(meta.options)) {
      out.push(`- \`${name}\` (${spec.type}, default \`${JSON.stringify(spec.default)}\`): ${spec.description}`);
    }
    out.push('');
  }
  out.push(`${heading}# Suppressing it`, '');
  if (UNREAD.has(meta.id)) out.push(`A comment cannot suppress it, since the file is not read: set \`${meta.id}: off\` under \`rules:\` in \`.bulkhead.yaml\` or in the \`bulkhead.rules\` setting.`, '');
  else {
    const json = meta.targets.includes('devcontainer') ? ` In a \`devcontainer.json\`, write the same as \`//\` comments: \`// bulkhead-ignore ${meta.id} -- <reason>\`.` : '';
    out.push(`Put \`# bulkhead-ignore ${meta.id} -- <reason>\` on the line above, or \`# bulkhead-ignore-file ${meta.id}\` anywhere in the file.${json}`, '');
  }
  const aliases = aliasesLabel(meta);
  if (aliases) out.push(`${heading}# Equivalent rules in other tools`, '', aliases, '');
  if (meta.docs.references && meta.docs.references.length > 0) {
    out.push(`${heading}# References`, '', ...meta.docs.references.map((r) => `- <${r}>`), '');
  }
  return out.join('\n').replace(/(?<!\n)\n+$/, '\n');
}

/** A docs page: `docs/rules/<id>.md`. */
export function renderRuleDocFile(meta: RuleMeta): string {
  return `<!-- Generated by \`npm run gen\` from the rule's metadata. Do not edit by hand. -->\n\n${renderRuleMarkdown(meta)}`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The README rule table, grouped by practice. */
export function renderRulesTable(metas: readonly RuleMeta[]): string {
  const rows: string[] = [
    '| Rule | Practice | Files | Severity | Fix | Equivalent peer rules |',
    '|---|---|---|---|---|---|',
  ];
  const sorted = [...metas].sort((a, b) => a.practice - b.practice || a.id.localeCompare(b.id));
  for (const m of sorted) {
    const sev = defaultSeverityLabel(m);
    const fix = m.fix ?? '—';
    rows.push(
      `| [\`${m.id}\`](docs/rules/${m.id}.md): ${cell(m.title)} | ${m.practice} | ${targetsLabel(m)} | ${sev} | ${fix} | ${cell(aliasesLabel(m, '; ')) || '—'} |`,
    );
  }
  return rows.join('\n');
}

/**
 * The README's severity policy: per rule, what its findings are (risk or advice), the severity
 * under the default and the strict profile, and why.
 */
export function renderSeverityPolicy(metas: readonly RuleMeta[]): string {
  const rows = ['| Rule | Kind | Default | Strict | Why |', '|---|---|---|---|---|'];
  const order = (m: RuleMeta) => (m.enabledByDefault === false ? 2 : m.kind === 'advice' ? 1 : 0);
  const rank = { error: 0, warning: 1, info: 2, hint: 3 };
  const sorted = [...metas].sort((a, b) => order(a) - order(b) || rank[a.severity] - rank[b.severity] || a.id.localeCompare(b.id));
  for (const m of sorted) {
    const kind = m.kind === 'risk' && m.adviceMessages?.length ? 'risk, some advice' : m.kind;
    const strict = m.enabledByDefault === false ? `${m.severity} (opt-in)` : m.severity;
    rows.push(`| [\`${m.id}\`](docs/rules/${m.id}.md) | ${kind} | ${defaultSeverityLabel(m)} | ${strict} | ${cell(m.severityReason)} |`);
  }
  return rows.join('\n');
}

/** The 20 practices with the rules that check each, for the README. */
export function renderPracticeTable(metas: readonly RuleMeta[]): string {
  const rows = ['| # | Practice | Group | Rules |', '|---|---|---|---|'];
  for (const p of PRACTICES) {
    const ids = metas.filter((m) => m.practice === p.number).map((m) => `\`${m.id}\``);
    rows.push(`| ${p.number} | ${cell(p.title)} | ${PRACTICE_GROUPS[p.group]} | ${ids.join(', ') || '— (reviewed by a person)'} |`);
  }
  return rows.join('\n');
}

/**
 * The first sentence of a Markdown paragraph: up to the first `.`, `!` or `?` that ends a sentence
 * (followed by a space and a capital, a backtick or the end), outside backticks; the whole text
 * when there is none.
 */
export function firstSentence(md: string): string {
  let inCode = false;
  for (let i = 0; i < md.length; i++) {
    const c = md[i];
    if (c === '`') inCode = !inCode;
    if (inCode || (c !== '.' && c !== '!' && c !== '?')) continue;
    const rest = md.slice(i + 1);
    if (rest === '' || /^\s+(?:[A-Z`*(]|$)/.test(rest)) return md.slice(0, i + 1).trim();
  }
  return md.trim();
}

/** One line of why a rule matters: the rationale's first sentence, cut at its first clause (`:` or `;`) when it runs long. */
export function whyLine(meta: RuleMeta): string {
  const s = firstSentence(meta.docs.rationale);
  if (s.length <= 160) return s;
  let inCode = false;
  for (let i = 0; i < s.length - 1; i++) {
    if (s[i] === '`') inCode = !inCode;
    if (!inCode && i >= 40 && (s[i] === ':' || s[i] === ';') && s[i + 1] === ' ') return `${s.slice(0, i)}.`;
  }
  return s;
}

/** Hover text for one finding, kept short: the rule and the message, one line of why, and the rule's page. */
export function renderFindingHover(meta: RuleMeta, message: string): string {
  return [`**Bulkhead \`${meta.id}\`**: ${message}`, '', `${whyLine(meta)} [Rule documentation](${ruleDocsUrl(meta.id)})`].join('\n');
}

/** Hover text for a rule id inside a `bulkhead-ignore` comment. */
export function renderRuleIdHover(meta: RuleMeta | undefined, id: string): string {
  if (!meta) return `Unknown rule \`${id}\`. Run \`bulkhead rules\` for the list of rules.`;
  return `**\`${meta.id}\`**: ${meta.title}\n\n${meta.docs.summary}\n\nPractice ${practiceLabel(meta.practice)} · [Rule documentation](${ruleDocsUrl(meta.id)})`;
}

/** Hover text for a Dockerfile instruction or flag, or a Compose key. */
export function renderKeywordHover(label: string, text: string, practiceNumber: number, related: readonly RuleMeta[]): string {
  const rules = related.length > 0 ? `\n\nChecked by: ${related.map((m) => `\`${m.id}\``).join(', ')}` : '';
  return `**${label}**: ${text}\n\nPractice ${practiceLabel(practiceNumber)}${rules}`;
}

import { practiceLabel, REPOSITORY_URL, renderRuleMarkdown, ruleDocsUrl } from '../engine/docs';
import type { RuleMeta } from '../rule-api/rule';
import type { Severity } from '../core/types';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { FileReport } from './report';

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF readers. Rule descriptors come from the
 * metadata; `security-severity` lets GitHub rank the alerts.
 */

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0' };

export function sarifRule(meta: RuleMeta): ReportingDescriptor {
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.summary.replace(/`/g, '') },
    helpUri: ruleDocsUrl(meta.id),
    help: { text: `${meta.docs.summary}\n\n${meta.docs.howToFix}`.replace(/`/g, ''), markdown: renderRuleMarkdown(meta, { examples: false }) },
    defaultConfiguration: { level: LEVEL[meta.severity], enabled: meta.enabledByDefault !== false },
    properties: {
      tags: ['security', meta.targets.includes('compose') ? 'docker-compose' : 'dockerfile', ...(meta.targets.includes('devcontainer') ? ['devcontainer'] : []), `practice-${meta.practice}`],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[meta.severity],
      practice: practiceLabel(meta.practice),
    },
  };
}

/**
 * A file's location as a URI reference: each path segment percent-encoded (`#`, `?`, `%`, spaces,
 * `:` and every other reserved or non-ASCII character), relative to `%SRCROOT%`; a path outside the
 * working directory (absolute) becomes a `file:` URI of its own.
 */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const encoded = path
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  if (path.startsWith('/')) return { uri: `file://${encoded}` };
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${path.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}

export function formatSarif(reports: readonly FileReport[], metas: readonly RuleMeta[], version: string): string {
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const results: Result[] = reports.flatMap((r) =>
    r.findings.map((f): Result => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(r.path),
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
      properties: { practice: f.practice, severity: f.severity, ...(f.members ? { members: f.members.map((m) => m.ruleId) } : {}) },
    })),
  );
  const sarif: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bulkhead',
            semanticVersion: version,
            version,
            informationUri: REPOSITORY_URL,
            rules: metas.map(sarifRule),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

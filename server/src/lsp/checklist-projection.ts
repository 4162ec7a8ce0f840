import type { ConfigLayer } from '../engine/checklist';
import type { ChecklistReport } from '../shared/checklist-report';
import { PRACTICE_GROUPS, practice } from '../shared/practices';
import type { ChecklistParams, ChecklistResult, SettingsOrigin } from '../shared/protocol';
import type { RuleSetting } from '../core/types';

/**
 * What the checklist request adds around the engine's report: display paths relative to the
 * workspace folder (as VS Code's `asRelativePath` and the CLI run from the folder print them), the
 * configuration layers of a file (its `.bulkhead.yaml`, then the client's settings scopes), the
 * request's parameters checked, and the report with a URI on every finding.
 */

export interface Root {
  /** Absolute, `/`-separated, without a trailing slash (`/` for the file-system root). */
  path: string;
  name: string;
}

const under = (path: string, root: string) => (root === '/' ? path.startsWith('/') : path === root || path.startsWith(`${root}/`));

/** The root holding a path (the innermost one). */
export function rootOf(path: string, roots: readonly Root[]): Root | undefined {
  return roots.filter((r) => under(path, r.path)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** `compose.yaml`, `ops/stack.yaml`; with several roots `<folder name>/ops/stack.yaml`; outside every root the path itself. */
export function displayPath(path: string, roots: readonly Root[]): string {
  const root = rootOf(path, roots);
  if (!root) return path;
  const rel = root.path === '/' ? path.slice(1) : path.slice(root.path.length + 1);
  return roots.length > 1 ? `${root.name}/${rel}` : rel;
}

/** The settings origin of a file: its own, else its folder's (the innermost). */
function originOf(uri: string, origins: readonly SettingsOrigin[]): SettingsOrigin | undefined {
  const own = origins.find((o) => o.uri === uri);
  if (own) return own;
  return origins.filter((o) => uri.startsWith(o.uri.endsWith('/') ? o.uri : `${o.uri}/`)).sort((a, b) => b.uri.length - a.uri.length)[0];
}

/**
 * The layers of a file's rule settings, in the order they apply: its `.bulkhead.yaml`, then the
 * editor's settings (user, workspace, folder when the client said which; `editor` otherwise).
 */
export function configLayers(
  uri: string,
  configFile: { display: string; rules: Readonly<Record<string, RuleSetting>> | undefined } | null,
  origins: readonly SettingsOrigin[] | undefined,
  editorRules: Readonly<Record<string, RuleSetting>>,
): ConfigLayer[] {
  const layers: ConfigLayer[] = configFile ? [{ source: { kind: 'config-file', file: configFile.display }, rules: configFile.rules }] : [];
  const origin = origins && originOf(uri, origins);
  if (!origin) return [...layers, { source: { kind: 'settings', scope: 'editor' }, rules: editorRules }];
  return [
    ...layers,
    { source: { kind: 'settings', scope: 'user' }, rules: origin.user },
    { source: { kind: 'settings', scope: 'workspace' }, rules: origin.workspace },
    { source: { kind: 'settings', scope: 'folder', ...(origin.name ? { folder: origin.name } : {}) }, rules: origin.folder },
  ];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string';

/** The request's parameters, with anything malformed dropped (a bad client must not break the scan). */
export function checkParams(raw: unknown): ChecklistParams {
  const r = isRecord(raw) ? raw : {};
  const buffers = Array.isArray(r.buffers) ? r.buffers.filter((b): b is { uri: string; languageId: string; text: string } => isRecord(b) && str(b.uri) && str(b.languageId) && str(b.text)) : [];
  const origins = Array.isArray(r.settingsOrigins)
    ? r.settingsOrigins.filter(isRecord).filter((o) => str(o.uri)).map((o) => ({
        uri: o.uri as string,
        ...(str(o.name) ? { name: o.name as string } : {}),
        ...(isRecord(o.user) ? { user: o.user as Record<string, RuleSetting> } : {}),
        ...(isRecord(o.workspace) ? { workspace: o.workspace as Record<string, RuleSetting> } : {}),
        ...(isRecord(o.folder) ? { folder: o.folder as Record<string, RuleSetting> } : {}),
      }))
    : undefined;
  const extra = { buffers, ...(origins ? { settingsOrigins: origins } : {}) };
  if (r.scope === 'file' && str(r.uri)) return { scope: 'file', uri: r.uri as string, ...extra };
  return { scope: 'workspace', ...(str(r.under) ? { under: r.under as string } : {}), ...extra };
}

/** The report as the client gets it: a URI on every finding, each practice's summary, the groups. */
export function toResult(report: ChecklistReport, uriOf: (display: string) => string, extra: Pick<ChecklistResult, 'scope' | 'uri' | 'truncated'>): ChecklistResult {
  return {
    scope: extra.scope,
    ...(extra.uri !== undefined ? { uri: extra.uri } : {}),
    groups: Object.entries(PRACTICE_GROUPS).map(([id, title]) => ({ id, title })),
    practices: report.practices.map((p) => ({
      ...p,
      summary: practice(p.practice)?.summary ?? '',
      findings: p.findings.map((f) => ({ ...f, uri: uriOf(f.file) })),
      suppressed: p.suppressed.map((s) => ({ ...s, uri: uriOf(s.file) })),
    })),
    configuration: report.configuration,
    ...(report.forge ? { forge: report.forge } : {}),
    files: report.files.length,
    truncated: extra.truncated,
  };
}

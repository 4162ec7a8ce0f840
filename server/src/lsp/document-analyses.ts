import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import type { Finding, LintConfig, RelatedFiles, Target } from '../core/types';
import type { InternalError, LintModel, LintResult } from '../engine/lint';
import type { Analysis, LoadedConfig } from './analysis';
import type { SettingsCache } from './settings';

/**
 * One analysis per document version: the model, the findings (their fixes built only when a code
 * action asks, see engine/lazy-fixes.ts) and the configuration they were computed with, kept per
 * URI for the document's current version. Diagnostics, hover, code actions, fix-all and the
 * checklist all read this one object, so an unchanged document is never parsed or linted again.
 *
 * An entry is replaced when the document changes (its version or text) and dropped when the
 * document closes or the configuration changes (`forget`). Concurrent callers asking for the same
 * version share one computation.
 *
 * A model costs about a hundred kilobytes, so the analyses of the `KEPT` documents used last are
 * kept, not those of every open document: with hundreds of files open, one the user comes back to
 * after working in `KEPT` others is analysed once more (its diagnostics, published with their
 * version and index, still match), and everything is served from the cache again from then on.
 */
export interface DocumentAnalysis {
  readonly uri: string;
  /** The client's version of the text analysed. */
  readonly version: number;
  readonly text: string;
  readonly path: string;
  readonly kind: Target;
  /**
   * False when the document is not analysed: `bulkhead.enable` is off for it or `.bulkhead.yaml`
   * ignores it. Then `findings` is empty and `model` null.
   */
  readonly analysed: boolean;
  readonly config: LintConfig;
  /** The configuration file that applied, if any (its problems are published on it). */
  readonly configFile: LoadedConfig | null;
  readonly findings: readonly Finding[];
  /** What the checklist lists besides the findings: those a comment hid, every ignore comment, and why the rules did not run. */
  readonly suppressed: LintResult['suppressed'];
  readonly directives: LintResult['directives'];
  readonly notAnalysed: LintResult['notAnalysed'];
  /** The parsed text; null when it was not parsed (not analysed, over the size limit, unparsable). */
  readonly model: LintModel | null;
  /** How rules read files next to this one (for fix-all's later passes); undefined without a way to read them. */
  readonly related: RelatedFiles | undefined;
  /**
   * Rules that threw: those of the run (already logged), then those whose fixes failed when first
   * built, appended later; `errorsLogged` counts the ones written to the log so far.
   */
  readonly internalErrors: readonly InternalError[];
  errorsLogged: number;
}

interface Deps {
  analysis: Analysis;
  settings: SettingsCache;
  documents: TextDocuments<TextDocument>;
  uriToPath(uri: string): string;
}

interface Pending {
  version: number;
  text: string;
  generation: number;
  promise: Promise<DocumentAnalysis | null>;
}

/** How many documents' analyses are kept (see above). */
export const KEPT = 24;

export class DocumentAnalyses {
  /** In order of use, least recent first. */
  private readonly done = new Map<string, { generation: number; value: DocumentAnalysis }>();
  private readonly pending = new Map<string, Pending>();
  /** Bumped when the configuration or related files change: every entry from before is stale. */
  private generation = 0;
  /** How many analyses were computed (for tests: an unchanged document is not analysed again). */
  computed = 0;

  constructor(private readonly deps: Deps) {}

  /**
   * The analysis of the document's current text: the cached one when the version, the text and the
   * configuration are unchanged, else a new one (shared with anyone asking meanwhile). Null when the
   * document is not open or is not a Dockerfile, Compose file or Dev Container configuration.
   */
  current(uri: string): Promise<DocumentAnalysis | null> {
    const doc = this.deps.documents.get(uri);
    if (!doc) return Promise.resolve(null);
    const text = doc.getText();
    const cached = this.fresh(uri, doc.version, text);
    if (cached) return Promise.resolve(cached);
    const p = this.pending.get(uri);
    if (p && p.version === doc.version && p.text === text && p.generation === this.generation) return p.promise;
    const generation = this.generation;
    const pending: Pending = { version: doc.version, text, generation, promise: Promise.resolve(null) };
    pending.promise = this.compute(doc, text, generation).finally(() => {
      if (this.pending.get(uri) === pending) this.pending.delete(uri);
    });
    this.pending.set(uri, pending);
    return pending.promise;
  }

  /** The cached analysis of the document's current text, without computing one. */
  peek(uri: string): DocumentAnalysis | undefined {
    const doc = this.deps.documents.get(uri);
    return doc ? this.fresh(uri, doc.version, doc.getText()) : undefined;
  }

  /** Drops a document's analysis if it is not of its current text (the document changed); one in progress finishes. */
  drop(uri: string): void {
    const d = this.done.get(uri);
    const doc = this.deps.documents.get(uri);
    if (d && (!doc || d.value.version !== doc.version || d.value.text !== doc.getText())) this.done.delete(uri);
  }

  /** Drops one document's entry (it closed), or every entry (configuration or related files changed). */
  forget(uri?: string): void {
    if (uri !== undefined) {
      this.done.delete(uri);
      this.pending.delete(uri);
      return;
    }
    this.generation++;
    this.done.clear();
  }

  private fresh(uri: string, version: number, text: string): DocumentAnalysis | undefined {
    const d = this.done.get(uri);
    if (!d || d.generation !== this.generation || d.value.version !== version || d.value.text !== text) return undefined;
    this.done.delete(uri);
    this.done.set(uri, d);
    return d.value;
  }

  private keep(uri: string, entry: { generation: number; value: DocumentAnalysis }): void {
    this.done.delete(uri);
    this.done.set(uri, entry);
    while (this.done.size > KEPT) this.done.delete(this.done.keys().next().value!);
  }

  private async compute(doc: TextDocument, text: string, generation: number): Promise<DocumentAnalysis | null> {
    const { analysis, settings, uriToPath } = this.deps;
    const uri = doc.uri;
    const version = doc.version;
    const kind = analysis.kindOf(doc);
    if (!kind) return null;
    const path = uriToPath(uri);
    const s = await settings.get(uri);
    const value = await analysis.settle((): DocumentAnalysis => {
      const configFile = analysis.configFile(path);
      const { config, ignored } = analysis.config(path, s);
      const base = { uri, version, text, path, kind, config, configFile };
      if (!s.enable || ignored) return { ...base, analysed: false, findings: [], suppressed: [], directives: [], notAnalysed: null, model: null, related: undefined, internalErrors: [], errorsLogged: 0 };
      const run = analysis.run({ uri, getText: () => text }, kind, config, { lazyFixes: true });
      this.computed++;
      return { ...base, analysed: true, findings: run.findings, suppressed: run.suppressed, directives: run.directives, notAnalysed: run.notAnalysed, model: run.model, related: run.related, internalErrors: run.internalErrors, errorsLogged: run.internalErrors.length };
    });
    // Kept only while it describes the document's text under the current configuration.
    const now = this.deps.documents.get(uri);
    if (generation === this.generation && now && now.version === version && now.getText() === text) this.keep(uri, { generation, value });
    return value;
  }
}

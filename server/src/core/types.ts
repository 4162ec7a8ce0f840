/**
 * The engine's public vocabulary. Plain data only: everything here can cross a JSON-RPC
 * connection, be written by the CLI, or be stored in a diagnostic's `data`.
 *
 * Positions follow the LSP convention: 0-based lines and UTF-16 code-unit columns.
 */

export type Target = 'dockerfile' | 'compose' | 'devcontainer';

/** Every file kind, in the order the docs list them. */
export const TARGETS: readonly Target[] = ['dockerfile', 'compose', 'devcontainer'];
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/**
 * `default`: risks are errors and warnings, and advice (a hardening setting that is not present, a
 * leaner image, a deprecated key) is a hint; the advice about one Compose service is folded into one
 * `harden-service` finding. `strict`: every rule at its own severity, one finding per setting.
 */
export type Profile = 'default' | 'strict';
export const PROFILES: readonly Profile[] = ['default', 'strict'];

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * `safe`: mechanical, keeps what the container does; may be applied in bulk (fix-all, `--fix`).
 * `suggestion`: changes behaviour; offered one at a time, never applied in bulk.
 */
export type FixSafety = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /** Edits to other files (for example a `.dockerignore` next to the Dockerfile), keyed by path. */
  otherFiles?: { path: string; edits: TextEdit[]; create?: boolean }[];
}

export interface Finding {
  ruleId: string;
  /** Which of the rule's messages this is (`meta.messages` key). */
  messageId: string;
  practice: number;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /**
   * The findings a grouped finding (`harden-service`) folds together, each with its own rule id,
   * practice, message and fixes, on the same range. Absent on ordinary findings.
   */
  members?: Finding[];
}

/** Per-rule configuration: a severity, or an object with severity and rule options. */
export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> };

export interface LintConfig {
  rules?: Record<string, RuleSetting>;
  /** How advice is shown (see `Profile`); default `default`. */
  profile?: Profile;
  /** Registry allow-list, e.g. `["docker.io", "*.corp.example"]`. Unset means "no policy". */
  trustedRegistries?: string[];
  /** The date used for time-dependent checks (end-of-life data). Defaults to now. */
  now?: Date;
  /**
   * Texts with more characters (UTF-16 code units) than this are not parsed: the result is one
   * `file-too-large` finding. Default `DEFAULT_MAX_FILE_SIZE`; `Infinity` turns the bound off.
   * The one size policy: the same limit bounds what the CLI and the servers read from a disk.
   */
  maxFileSize?: number;
}

/** The size limit in characters when no configuration sets one (editor, CLI, CI alike). */
export const DEFAULT_MAX_FILE_SIZE = 2_000_000;

/**
 * Files next to the analysed one (a `.dockerignore`, the Dockerfile a Compose service builds).
 * The engine never touches a file system: the caller supplies this reader, which returns
 * `undefined` for a file that does not exist or cannot be read.
 */
export interface RelatedFiles {
  read(path: string): string | undefined;
  /**
   * The names in a directory (a `/` after a subdirectory's name), or `undefined` when the edge cannot
   * list it (the browser, a directory that does not exist). Optional: an edge that cannot list files
   * leaves it out. Bounded by the edge (a few thousand names at most, no recursion).
   */
  list?(dir: string): readonly string[] | undefined;
}

export interface LintInput {
  text: string;
  kind: Target;
  /** A path or URI with `/` separators; used to locate related files and in messages. */
  uri?: string;
  related?: RelatedFiles;
  /**
   * Set when `text` is only the beginning of a file that a reader stopped reading at the size limit
   * (it holds more than `maxFileSize` characters): the file's size in bytes, for the message.
   */
  truncated?: { bytes: number };
}

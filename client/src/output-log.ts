import type { LogOutputChannel } from 'vscode';

/**
 * The "Bulkhead" output channel, wrapped so that the extension keeps its last lines: VS Code has
 * no API to read an output channel back, and the e2e suite (through the extension's API) checks
 * what the channel was given. Everything else goes to the real channel unchanged; the language
 * client writes the server's log through the same wrapper.
 */

const WRITERS = ['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append', 'replace'] as const;
type Writer = (typeof WRITERS)[number];

export interface RecordedOutput {
  channel: LogOutputChannel;
  /** The last lines written, oldest first, as `level: text` (`line: text` for appendLine and append). */
  lines(): string[];
}

export function recordOutput(channel: LogOutputChannel, keep = 1000): RecordedOutput {
  const lines: string[] = [];
  const record = (kind: Writer, value: unknown) => {
    const label = kind === 'appendLine' || kind === 'append' || kind === 'replace' ? 'line' : kind;
    const text = value instanceof Error ? `${value.message}${value.stack ? `\n${value.stack}` : ''}` : String(value);
    lines.push(`${label}: ${text}`);
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  };
  const wrapped = new Proxy(channel, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver === wrapped ? target : receiver) as unknown;
      if (typeof value !== 'function') return value;
      if ((WRITERS as readonly (string | symbol)[]).includes(prop)) {
        return (message: unknown, ...rest: unknown[]) => {
          record(prop as Writer, message);
          return (value as (...a: unknown[]) => unknown).call(target, message, ...rest);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { channel: wrapped, lines: () => [...lines] };
}

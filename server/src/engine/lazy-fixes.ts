import type { Finding, Fix } from '../core/types';

/**
 * A finding whose fixes a rule gave as a function (`fixes: () => [...]`, see rule-api/rule.ts):
 * `finding.fixes` is an ordinary, enumerable property that builds the list on first read and keeps
 * it. Readers (code actions, fix-all, `--fix`, `JSON.stringify`) see a plain `Fix[]`; a keystroke
 * that only publishes diagnostics never builds one.
 *
 * A function that throws yields no fixes: `onError` hears about it (the engine turns it into the
 * rule's internal error), and the finding itself stays.
 */
export function setLazyFixes(finding: Finding, builder: () => Fix[], onError: (e: unknown) => void): void {
  let value: Fix[] | undefined;
  // Dropped once used, so a finding does not keep its model alive after its fixes are built.
  let build: (() => Fix[]) | undefined = builder;
  Object.defineProperty(finding, 'fixes', {
    enumerable: true,
    configurable: true,
    get(): Fix[] {
      if (value === undefined) {
        const b = build!;
        build = undefined;
        try {
          value = b();
        } catch (e) {
          value = [];
          onError(e);
        }
      }
      return value;
    },
    set(v: Fix[]) {
      value = v;
      build = undefined;
    },
  });
}

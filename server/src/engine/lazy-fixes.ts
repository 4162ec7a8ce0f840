import type { Finding, Fix, Range, Severity } from '../core/types';

/**
 * A finding whose fixes a rule gave as a function (`fixes: () => [...]`, see rule-api/rule.ts):
 * reading `finding.fixes` builds the list on first read and keeps it. Readers (code actions,
 * fix-all, `JSON.stringify`) see a plain `Fix[]`; a keystroke that only publishes diagnostics never
 * builds one.
 *
 * A class with the getter on its prototype, so every such finding has one shape and costs no
 * closures (redefining a property per object made each one slow to read). `toJSON` writes it as the
 * plain finding it stands for; an object spread (`{...f}`) would not copy `fixes`, so engine code
 * passes findings on as they are.
 *
 * A function that throws yields no fixes: `onError` hears about it (the engine turns it into the
 * rule's internal error), and the finding itself stays.
 */
export class LazyFinding implements Finding {
  private built: Fix[] | undefined;
  /** The folded findings of a grouped finding (`harden-service`, engine/fold-advice.ts); absent otherwise. */
  members?: Finding[];

  constructor(
    public ruleId: string,
    public messageId: string,
    public practice: number,
    public severity: Severity,
    public message: string,
    public range: Range,
    private build: (() => Fix[]) | undefined,
    private readonly onError: (e: unknown) => void,
  ) {}

  get fixes(): Fix[] {
    if (this.built === undefined) {
      const b = this.build;
      // Dropped once used, so a finding does not keep its model alive after its fixes are built.
      this.build = undefined;
      try {
        this.built = b ? b() : [];
      } catch (e) {
        this.built = [];
        this.onError(e);
      }
    }
    return this.built;
  }

  set fixes(v: Fix[]) {
    this.built = v;
    this.build = undefined;
  }

  toJSON(): Finding {
    const plain: Finding = { ruleId: this.ruleId, messageId: this.messageId, practice: this.practice, severity: this.severity, message: this.message, range: this.range, fixes: this.fixes };
    if (this.members) plain.members = this.members;
    return plain;
  }
}

import { defineRule } from '../rule-api/rule';
import type { Severity } from '../core/types';

/**
 * Reports `bulkhead-ignore` comments that name an unknown rule, suppress nothing, or hide a serious
 * finding without saying why. The engine computes these findings while it applies suppressions
 * (see parse/ignore-directives.ts and engine/run-rules.ts); this module holds the metadata, so they
 * can be configured, documented and turned off like any rule.
 */

/** `requireReason`: the lowest severity of a suppressed rule whose ignore must say why, or `never`. */
export const REQUIRE_REASON_LEVELS = ['error', 'warning', 'info', 'hint', 'never'] as const;
export type RequireReason = (typeof REQUIRE_REASON_LEVELS)[number];

/**
 * The severity of a message when the configuration does not set the rule's severity. A finding
 * hidden without a word is one a reviewer sends back ("why is this ignored?"), so an unexplained
 * ignore of an `error` rule is a `warning`; the other messages are housekeeping (`info`).
 */
export const MESSAGE_SEVERITY: Readonly<Record<string, Severity>> = { missingReason: 'warning' };

export default defineRule({
  meta: {
    id: 'ignore-comment',
    practice: 10,
    title: 'Keep suppression comments accurate and explained',
    severity: 'info',
    kind: 'risk',
    severityReason:
      'Information: a stale or misspelt suppression hides nothing today but is ready to hide the next real problem; cheap to fix with the safe fix.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    fix: 'safe',
    docs: {
      summary:
        'A `# bulkhead-ignore` comment names a rule that does not exist, suppresses nothing where it stands, or hides a finding of an `error` rule without a reason after `--`.',
      rationale:
        'Stale suppressions pile up: the code they excused gets fixed or moves, and the comment stays, ready to hide ' +
        'the next real problem on that line. A misspelt rule id suppresses nothing and gives a false sense of review. ' +
        'An ignore without a reason asks the reviewer to trust it blindly; the checklist lists every suppressed finding ' +
        'with its reason, so the reason is what the reviewer reads. A missing reason is a `warning` (unless the rule\'s ' +
        'severity is configured), the other messages are `info`. ' +
        'It is filed under practice 10 (lifecycle maintenance) because it is about keeping the files honest over time.',
      howToFix:
        'Delete the comment (or the rule id from it), or correct the rule id. `bulkhead rules` lists every id. ' +
        'Write why the finding does not apply after `--`: `# bulkhead-ignore no-privileged -- Docker-in-Docker for CI runners`.',
    },
    messages: {
      unknownRule: 'Unknown rule "{id}" in a bulkhead-ignore comment',
      unused: 'This bulkhead-ignore for "{id}" suppresses nothing here; remove it',
      empty: 'This bulkhead-ignore comment names no rule; write the rule ids it should suppress',
      missingReason: 'This bulkhead-ignore hides "{id}" without a reason; write why after "--"',
    },
    options: {
      requireReason: {
        type: 'string',
        default: 'error',
        description:
          'Ignores of rules at this severity or above must give a reason after `--`: `error` (default), `warning`, `info`, `hint` (every ignore), or `never`.',
      },
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM alpine:3.22\n# bulkhead-ignore no-such-rule\nUSER 10001\n' }],
      good: [
        { kind: 'dockerfile', code: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user -- runs as root by design\nUSER root\n' },
        { kind: 'compose', code: 'services:\n  dind:\n    image: docker:27-dind\n    # bulkhead-ignore no-privileged -- Docker-in-Docker for the CI runners\n    privileged: true\n' },
      ],
    },
  },
});

/** The `requireReason` option as a severity threshold; an unknown value falls back to the default. */
export function requireReasonFrom(options: Record<string, unknown>): RequireReason {
  const v = options.requireReason;
  return (REQUIRE_REASON_LEVELS as readonly unknown[]).includes(v) ? (v as RequireReason) : 'error';
}

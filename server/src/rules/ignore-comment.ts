import { defineRule } from '../rule-api/rule';

/**
 * Reports `bulkhead-ignore` comments that name an unknown rule or suppress nothing. The engine
 * computes these findings while it applies suppressions (see parse/ignore-directives.ts and lint.ts);
 * this module holds the metadata, so they can be configured, documented and turned off like any rule.
 */
export default defineRule({
  meta: {
    id: 'ignore-comment',
    practice: 10,
    title: 'Keep suppression comments accurate',
    severity: 'info',
    kind: 'risk',
    severityReason:
      'Information: a stale or misspelt suppression hides nothing today but is ready to hide the next real problem; cheap to fix with the safe fix.',
    targets: ['dockerfile', 'compose'],
    fix: 'safe',
    docs: {
      summary: 'A `# bulkhead-ignore` comment names a rule that does not exist, or suppresses nothing where it stands.',
      rationale:
        'Stale suppressions pile up: the code they excused gets fixed or moves, and the comment stays, ready to hide ' +
        'the next real problem on that line. A misspelt rule id suppresses nothing and gives a false sense of review. ' +
        'It is filed under practice 10 (lifecycle maintenance) because it is about keeping the files honest over time.',
      howToFix: 'Delete the comment (or the rule id from it), or correct the rule id. `bulkhead rules` lists every id.',
    },
    messages: {
      unknownRule: 'Unknown rule "{id}" in a bulkhead-ignore comment',
      unused: 'This bulkhead-ignore for "{id}" suppresses nothing here; remove it',
      empty: 'This bulkhead-ignore comment names no rule; write the rule ids it should suppress',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM alpine:3.22\n# bulkhead-ignore no-such-rule\nUSER 10001\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user -- runs as root by design\nUSER root\n' }],
    },
  },
});

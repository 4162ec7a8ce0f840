import { defineRule } from '../rule-api/rule';

/**
 * One finding per Compose service that folds the advice of the per-setting hardening rules
 * (read-only root, cap_drop, no-new-privileges, health check, CPU and PIDs limits) reported on the
 * service's key. The engine builds it (engine/fold-advice.ts) under the `default` profile; this
 * module holds the metadata, so it can be documented, configured and suppressed like any rule.
 */
export default defineRule({
  meta: {
    id: 'harden-service',
    practice: 18,
    title: 'Harden each Compose service',
    severity: 'hint',
    kind: 'advice',
    severityReason:
      'Each setting it lists is a defence in depth, not a defect: a hint with one fix keeps them visible without filling the Problems panel.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A Compose service lacks hardening settings that the per-setting rules ask for: `read_only: true` ' +
        '(`read-only-root-filesystem`), `cap_drop: [ALL]` (`drop-all-capabilities`), `no-new-privileges:true` ' +
        '(`require-no-new-privileges`), a health check (`require-healthcheck`), CPU and PIDs limits (`require-resource-limits`). ' +
        'The engine folds those rules\' findings on the service\'s key into this one finding, which names every rule it folds.',
      rationale:
        'Each setting takes a tool away from an attacker who gets code execution in the container or contains a ' +
        'runaway process, but none of them is a defect the way a mounted Docker socket or a password in the file is. ' +
        'Five findings stacked on every service key buried the real risks; one finding per service, shown as a hint, ' +
        'keeps the advice one click away. The checklist, the CLI\'s JSON (`members`) and SARIF still list each gap with its own rule id.',
      howToFix:
        'Apply the "Harden service" fix (it adds `read_only: true`, a `tmpfs` for `/tmp`, `cap_drop: [ALL]` and ' +
        '`no-new-privileges:true`, merging into the lists the service has) and run the service: add back what it needs ' +
        '(`cap_add`, more `tmpfs` paths). Add a health check and limits sized for the service. To see every setting as its ' +
        'own finding, set the profile to `strict` (`profile: strict` in `.bulkhead.yaml`, or the `bulkhead.profile` ' +
        'setting), give one of the folded rules a severity of its own, or set `harden-service: off` (the settings then show ' +
        'as hints of their own). `# bulkhead-ignore harden-service` above a service suppresses every setting it lists, in ' +
        'either profile; `# bulkhead-ignore drop-all-capabilities` takes one setting out.',
      references: ['https://docs.docker.com/reference/compose-file/services/', 'https://docs.docker.com/engine/security/'],
    },
    messages: {
      service: 'Service "{service}" lacks {count}: {gaps}',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  api:\n    image: ghcr.io/acme/api:2.3\n' }],
      good: [
        {
          kind: 'compose',
          code:
            'services:\n  api:\n    image: ghcr.io/acme/api:2.3\n    read_only: true\n    tmpfs:\n      - /tmp\n    cap_drop:\n      - ALL\n' +
            '    security_opt:\n      - no-new-privileges:true\n    healthcheck:\n      test: ["CMD", "/app/healthcheck"]\n' +
            '    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "1.0"\n          pids: 200\n',
        },
      ],
    },
  },
});

import { defineRule } from '../rule-api/rule';
import { serviceHealthcheck } from '../knowledge/healthchecks';
import { addKnownHealthcheck } from '../fixes/add-healthcheck';
import type { Entry } from '../parse/compose';
import { path, scalarText } from '../parse/compose-values';
import { substitute } from '../parse/variables';

/** The policy an entry sets, with `${VAR:-default}` read as its default; null when it depends on the environment. */
function policy(entry: Entry | undefined): string | null {
  const text = scalarText(entry?.value);
  if (text === null) return null;
  const s = substitute(text, () => undefined);
  return s.unresolved.length > 0 ? null : s.value.trim().toLowerCase();
}

export default defineRule({
  meta: {
    id: 'restart-needs-healthcheck',
    practice: 17,
    title: 'Pair automatic restarts with a health check',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: a restart policy without a health check restarts crashed services but not hung ones.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service restarts automatically (`restart: always` or `unless-stopped`, or `deploy.restart_policy.condition: any`) but ' +
        'has no health check: none in the Compose file and, when it builds its image, none in the Dockerfile.',
      rationale:
        'A restart policy only reacts to a process that exits. A server that deadlocks, loses its database connection or stops ' +
        'answering keeps running, and without a health check nothing marks it: `docker ps` shows it "Up", dependents keep ' +
        'sending it traffic, and a container that crashes in a loop is restarted quietly forever. With a health check the ' +
        'container turns "unhealthy", which monitoring, `docker events`, Swarm (which replaces unhealthy tasks) and ' +
        'dependents waiting on `service_healthy` can act on. When the service only names an image, the image may bring its ' +
        'own `HEALTHCHECK`; the message names the image so you can check (a check inherited from the base image of a built ' +
        'Dockerfile cannot be seen and counts as none). Health checks turned off explicitly are reported by ' +
        '`no-disabled-healthcheck` instead.',
      howToFix:
        'Add a `healthcheck:` that exercises the service (`test: ["CMD", "curl", "-fsS", "http://localhost:8080/health"]`, ' +
        '`pg_isready`, `redis-cli ping`) with `interval`, `timeout` and `retries`, or a `HEALTHCHECK` in the Dockerfile. Alert on ' +
        'the "unhealthy" status, or let an orchestrator replace unhealthy containers.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#healthcheck',
        'https://docs.docker.com/reference/compose-file/services/#restart',
        'https://docs.docker.com/reference/dockerfile/#healthcheck',
      ],
    },
    messages: {
      missing: 'Service "{service}" restarts "{policy}" but has no healthcheck (none here, none in "{dockerfile}"), so a hung process stays up unnoticed',
      image: 'Service "{service}" restarts "{policy}" but defines no healthcheck, so unless image "{image}" has one a hung process stays up unnoticed',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  db:\n    image: postgres:16\n    restart: unless-stopped\n' }],
      good: [
        {
          kind: 'compose',
          code: 'services:\n  db:\n    image: postgres:16\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n      interval: 10s\n',
        },
      ],
    },
  },
  compose({ model, report, fix, uri, related }) {
    for (const service of model.services) {
      const restart = service.get('restart');
      const condition = path(model, service.get('deploy'), 'restart_policy', 'condition');
      const found: { entry: Entry; value: string }[] = [];
      const r = policy(restart);
      if (restart && (r === 'always' || r === 'unless-stopped')) found.push({ entry: restart, value: r });
      if (condition && policy(condition) === 'any') found.push({ entry: condition, value: 'any' });
      if (found.length === 0) continue;
      const st = serviceHealthcheck(model, service, uri, related);
      for (const { entry, value } of found) {
        if (st.kind === 'missing') {
          report({ messageId: 'missing', data: { service: service.name, policy: value, dockerfile: st.dockerfile }, range: entry.range });
        } else if (st.kind === 'image') {
          const edit = addKnownHealthcheck(model, service, st.image);
          const fixes = edit ? [fix(`Add a healthcheck to "${service.name}"`, [edit])] : [];
          report({ messageId: 'image', data: { service: service.name, policy: value, image: st.image }, range: entry.range, fixes });
        }
      }
    }
  },
});

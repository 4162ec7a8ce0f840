import { defineRule } from '../rule-api/rule';
import { serviceHealthcheck, type HealthcheckStatus } from '../knowledge/healthchecks';
import { addKnownHealthcheck } from '../fixes/add-healthcheck';
import type { Service } from '../parse/compose';
import { childEntries, isFalse, isMap, scalarText } from '../parse/compose-values';

export default defineRule({
  meta: {
    id: 'depends-on-healthy-needs-healthcheck',
    practice: 17,
    title: 'Give services that others wait on a health check',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'Compose refuses or hangs on a `service_healthy` condition that can never become true: a defect in the file, not a preference.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service waits for another with `depends_on: {x: {condition: service_healthy}}`, but `x` has no health check: its ' +
        '`healthcheck:` is missing or turned off, and the Dockerfile it builds (when it builds one and it can be read) has no `HEALTHCHECK` either.',
      rationale:
        'Compose starts the dependent service only once the dependency reports "healthy", and a container without a health ' +
        'check never does: `docker compose up` stops with "container x has no healthcheck configured" (or, for a check ' +
        'turned off, waits and fails). The intent of the dependency, "do not start before the database accepts ' +
        'connections", is lost. When `x` only names an image, the check may come from the image itself; most official images ' +
        '(postgres, redis, mysql...) define none, so the rule says so and names the image. A check inherited from the base image ' +
        'of a built Dockerfile cannot be seen and counts as none. Dependencies marked `required: false` only produce a warning ' +
        'in Compose, and dependencies defined in another Compose file are not judged.',
      howToFix:
        'Add a `healthcheck:` to the dependency that tests what its dependents need, for example ' +
        '`test: ["CMD-SHELL", "pg_isready -U postgres"]` for PostgreSQL or `test: ["CMD", "redis-cli", "ping"]` for Redis, with ' +
        '`interval`, `timeout` and `retries`; or add a `HEALTHCHECK` to the Dockerfile it builds. The quick fix fills in the ' +
        'documented check for well-known images.',
      references: [
        'https://docs.docker.com/compose/how-tos/startup-order/',
        'https://docs.docker.com/reference/compose-file/services/#depends_on',
        'https://docs.docker.com/reference/compose-file/services/#healthcheck',
      ],
    },
    messages: {
      missing: 'Service "{dependency}" has no healthcheck (none here, none in "{dockerfile}"), so "docker compose up" fails waiting for it to become healthy',
      disabled: 'Service "{dependency}" turns its healthcheck off {where}, so "docker compose up" fails waiting for it to become healthy',
      image: 'Service "{dependency}" defines no healthcheck, so waiting for it to become healthy works only if image "{image}" has one; add a healthcheck to "{dependency}"',
    },
    examples: {
      bad: [
        {
          kind: 'compose',
          code: 'services:\n  api:\n    image: example/api:1.4\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n',
        },
      ],
      good: [
        {
          kind: 'compose',
          code:
            'services:\n  api:\n    image: example/api:1.4\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n' +
            '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n      interval: 10s\n',
        },
      ],
    },
  },
  compose({ model, report, fix, uri, related }) {
    const status = new Map<Service, HealthcheckStatus>();
    const statusOf = (s: Service) => {
      if (!status.has(s)) status.set(s, serviceHealthcheck(model, s, uri, related));
      return status.get(s)!;
    };
    for (const service of model.services) {
      const deps = service.get('depends_on');
      if (!deps || !isMap(deps.value)) continue;
      for (const [name, dep] of childEntries(model, deps)) {
        const opts = childEntries(model, dep);
        const condition = opts.get('condition');
        if (!condition || scalarText(condition.value) !== 'service_healthy') continue;
        if (opts.has('required') && isFalse(opts.get('required')!.value)) continue;
        const target = model.serviceNamed(name);
        if (!target || target === service) continue;
        const st = statusOf(target);
        const range = condition.range;
        if (st.kind === 'missing') {
          report({ messageId: 'missing', data: { dependency: name, dockerfile: st.dockerfile }, range });
        } else if (st.kind === 'disabled') {
          report({ messageId: 'disabled', data: { dependency: name, where: st.where === 'compose' ? 'in this file' : 'with "HEALTHCHECK NONE" in its Dockerfile' }, range });
        } else if (st.kind === 'image') {
          const edit = addKnownHealthcheck(model, target, st.image);
          const fixes = edit ? [fix(`Add a healthcheck to "${name}"`, [edit])] : [];
          report({ messageId: 'image', data: { dependency: name, image: st.image }, range, fixes });
        }
      }
    }
  },
});

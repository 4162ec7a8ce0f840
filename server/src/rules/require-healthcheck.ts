import { defineRule } from '../rule-api/rule';
import { insertLinesAfter, insertLinesBefore } from '../edit/dockerfile-edits';
import { addServiceEntries, ownValue } from '../edit/yaml-edits';
import type { Fix } from '../core/types';
import { serviceHealthcheck } from '../knowledge/healthchecks';
import { definesHealthcheck } from '../knowledge/image-defaults';
import { addKnownHealthcheck } from '../fixes/add-healthcheck';
import { stageChain } from '../parse/dockerfile';

const DOCKERFILE_SNIPPET = 'HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD <your check> || exit 1';
const COMPOSE_TEST = '["CMD", "curl", "-f", "http://localhost/"]';

export default defineRule({
  meta: {
    id: 'require-healthcheck',
    practice: 17,
    title: 'Define a health check',
    severity: 'info',
    kind: 'advice',
    gapLabels: { built: 'a healthcheck', image: 'a healthcheck' },
    severityReason:
      'Advice: a health check helps operations notice a hung service; images known to define one are not reported. Folded into `harden-service` in Compose.',
    targets: ['dockerfile', 'compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'The final stage of a Dockerfile (with the stages it builds on) has no `HEALTHCHECK`, or a Compose service has no ' +
        '`healthcheck:` and, when it builds from a Dockerfile that can be read, that Dockerfile has none either.',
      rationale:
        'Without a health check Docker only knows whether the main process exists. A server that deadlocks, runs out of ' +
        'connections or loses its backend stays "Up", keeps getting traffic, and no restart, alert or orchestrator reacts. A ' +
        'health check turns such a container "unhealthy", which monitoring, Swarm and `depends_on: condition: service_healthy` ' +
        'can act on. A Compose service that only names an image is reported too (at info level): most official images define ' +
        'no health check, and the message says the image might, so you can check. A service that extends one from another ' +
        'file, or builds from a Dockerfile that cannot be read, is not judged. `HEALTHCHECK NONE` and `disable: true` are ' +
        'reported by `no-disabled-healthcheck` instead; this rule stays silent about them.',
      howToFix:
        'Add a check that exercises the service cheaply: `HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ' +
        '["/app/healthcheck"]` before `CMD`, or in Compose `healthcheck: {test: ["CMD", "pg_isready"], interval: 30s}`. The ' +
        'quick fix inserts a snippet whose command is a placeholder (`<your check>`, or `curl -f http://localhost/` in ' +
        'Compose): replace it with a command that exists in the image. Well-known images (postgres, redis, mysql, mariadb, ' +
        'mongo, rabbitmq) get their usual check.',
      references: ['https://docs.docker.com/reference/dockerfile/#healthcheck', 'https://docs.docker.com/reference/compose-file/services/#healthcheck'],
    },
    messages: {
      dockerfile: 'The final image defines no HEALTHCHECK, so a hung process still looks healthy; add a HEALTHCHECK that exercises the service',
      built: 'Service "{service}" has no healthcheck, and its Dockerfile "{dockerfile}" defines no HEALTHCHECK; add one so a hung container is detected',
      image: 'Service "{service}" has no healthcheck; unless the image "{image}" defines one, a hung container looks healthy, so add a healthcheck',
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n' },
        { kind: 'compose', code: 'services:\n  api:\n    image: ghcr.io/acme/api:2.3\n' },
      ],
      good: [
        { kind: 'dockerfile', code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1\n' },
        { kind: 'compose', code: 'services:\n  api:\n    image: ghcr.io/acme/api:2.3\n    healthcheck:\n      test: ["CMD", "/app/healthcheck"]\n' },
      ],
    },
    aliases: {
      hadolint: ['DL3057'],
      trivy: ['DS-0026'],
      checkov: ['CKV_DOCKER_2'],
      kics: ['healthcheck_instruction_missing', 'healthcheck_not_set'],
    },
  },
  dockerfile({ model, report, fix }) {
    const final = model.finalStage;
    if (!final) return;
    const chain = stageChain(final);
    if (chain.some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    // A base image known to define a HEALTHCHECK passes it on.
    const base = chain[chain.length - 1].image;
    if (base && definesHealthcheck(base)) return;
    const run = final.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const last = final.instructions[final.instructions.length - 1];
    const edit = run ? insertLinesBefore(model, run, [DOCKERFILE_SNIPPET]) : insertLinesAfter(model, last, [DOCKERFILE_SNIPPET]);
    report({ messageId: 'dockerfile', range: final.from.range, fixes: [fix('Add a HEALTHCHECK with a placeholder command', [edit])] });
  },
  compose({ model, report, fix, uri, related }) {
    for (const service of model.services) {
      if (!service.map) continue;
      const status = serviceHealthcheck(model, service, uri, related);
      if (status.kind !== 'missing' && status.kind !== 'image') continue;
      const fixes: Fix[] = [];
      const known = status.kind === 'image' ? addKnownHealthcheck(model, service, status.image) : null;
      if (known) {
        fixes.push(fix(`Add the usual healthcheck for "${(status as { image: string }).image}"`, [known]));
      } else if (ownValue(service.pair) && !service.get('healthcheck')) {
        const edit =
          addServiceEntries(model, service, ['healthcheck:', `\ttest: ${COMPOSE_TEST}`, '\tinterval: 30s', '\ttimeout: 5s', '\tretries: 3']) ??
          addServiceEntries(model, service, [`healthcheck: {test: ${COMPOSE_TEST}, interval: 30s, timeout: 5s, retries: 3}`]);
        if (edit) fixes.push(fix('Add a healthcheck with a placeholder test', [edit]));
      }
      const data: Record<string, string> =
        status.kind === 'missing' ? { service: service.name, dockerfile: status.dockerfile } : { service: service.name, image: status.image };
      report({ messageId: status.kind === 'missing' ? 'built' : 'image', data, range: service.keyRange, fixes });
    }
  },
});

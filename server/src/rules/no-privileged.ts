import { defineRule } from '../rule-api/rule';
import { removePair } from '../edit/yaml-edits';
import { isTrue } from '../parse/compose-values';
import { booleanProperty } from '../parse/devcontainer-values';
import { removeNode } from '../edit/json-edits';
import { removeRunOptions } from '../fixes/run-args';
import { riskyFeatures } from '../knowledge/devcontainer-features';
import { runOptions } from '../knowledge/docker-run';

export default defineRule({
  meta: {
    id: 'no-privileged',
    practice: 3,
    title: 'Do not run services privileged',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: a privileged container is root on the host in all but name.',
    targets: ['compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service sets `privileged: true` (or a YAML 1.1 spelling such as `yes` or `on`); a dev container sets ' +
        '`"privileged": true`, passes `--privileged` in `runArgs`, or uses the `docker-in-docker` Feature, which runs it privileged.',
      rationale:
        'A privileged container gets every Linux capability, every host device and no seccomp or AppArmor ' +
        'confinement. Escaping to the host from it takes one command (mount the host disk, load a kernel module). ' +
        'Anyone who compromises the service owns the machine.',
      howToFix:
        'Remove `privileged` and grant only what the service needs: a specific capability with `cap_add`, a single ' +
        'device with `devices`. Docker-in-Docker is the usual reason; prefer a rootless daemon or a socket-free build tool. ' +
        'In a dev container the `docker-in-docker` Feature declares `privileged` itself: if the container only needs to build ' +
        'images, a rootless builder (BuildKit rootless, Buildah, Kaniko) or a remote Docker host avoids it. The quick fix ' +
        'removes `privileged` or the `--privileged` flag; it is only offered, since whatever needed the privileges stops working. ' +
        'A Feature has no quick fix: none of the official Features runs a Docker daemon without privileges.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#privileged',
        'https://containers.dev/implementors/json_reference/',
        'https://github.com/devcontainers/features/tree/main/src/docker-in-docker',
      ],
    },
    messages: {
      privileged: 'Service "{service}" runs privileged: it gets every capability and device of the host',
      devcontainer: 'The dev container runs privileged: it gets every capability and device of the host',
      runArg: '"{flag}" in runArgs runs the dev container privileged: it gets every capability and device of the host',
      feature:
        'Feature "{id}" runs the dev container privileged to start its own Docker daemon, with every capability and device of the host; ' +
        'if it only builds images, use a rootless builder or a remote Docker host',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "runArgs": ["--privileged"]\n}\n' },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  // "runArgs": ["--privileged"],\n  "privileged": false\n}\n' },
      ],
    },
    aliases: {
      kics: ['privileged_containers_enabled'],
      'compose-lint': ['CL-0002'],
      semgrep: ['privileged-service'],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const entry = service.get('privileged');
      if (entry && isTrue(entry.value)) {
        const fixes = entry.via || !service.map ? [] : [fix('Remove "privileged: true"', [removePair(model, service.map, entry.pair)])];
        report({ messageId: 'privileged', data: { service: service.name }, range: entry.range, fixes });
      }
    }
  },
  devcontainer({ model, report, fix }) {
    const privileged = booleanProperty(model, 'privileged');
    if (privileged?.value) {
      report({ messageId: 'devcontainer', range: privileged.property.range, fixes: [fix('Remove "privileged": true', removeNode(model, privileged.property.node))] });
    }
    for (const o of runOptions(model)) {
      if (o.name !== '--privileged' || (o.value !== null && !/^(true|1)$/i.test(o.value))) continue;
      const flag = model.text.slice(o.flag.start, o.flag.end).replace(/^"|"$/g, '');
      report({ messageId: 'runArg', data: { flag }, range: model.range(o.start, o.end), fixes: [fix(`Remove "${flag}" from runArgs`, removeRunOptions(model, [o]))] });
    }
    for (const f of riskyFeatures(model)) {
      if (f.effect === 'privileged') report({ messageId: 'feature', data: { id: f.id }, range: f.range });
    }
  },
});

import { isMap, type Node } from 'yaml';
import { defineRule } from '../rule-api/rule';
import type { ComposeModel, Entry } from '../parse/compose';
import type { Range, TextEdit } from '../core/types';
import { volumes } from '../parse/compose-values';
import { editInScalar, scalarSpan, writtenIn } from '../edit/compose-item-edits';
import { quoteLike, replaceNode } from '../edit/yaml-edits';

/** Propagation modes that carry mounts across the bind mount, and which way. */
const SHARED = new Map<string, 'both' | 'in'>([
  ['shared', 'both'],
  ['rshared', 'both'],
  ['slave', 'in'],
  ['rslave', 'in'],
]);
const DIRECTION = {
  both: 'mounts made in the container appear on the host and the other way round',
  in: 'mounts made on the host later appear inside the container',
};

/** `./x:/y:ro,rshared` → `./x:/y:ro`; `./x:/y:rshared` → `./x:/y`. */
function removeOption(model: ComposeModel, node: Node, option: string): TextEdit | null {
  const span = scalarSpan(model, node);
  if (!span) return null;
  const text = span.text.trimEnd();
  const colon = text.lastIndexOf(':');
  if (colon < 0) return null;
  const kept = text.slice(colon + 1).split(',').filter((o) => o.trim() !== option);
  return editInScalar(model, span, kept.length > 0 ? colon + 1 : colon, text.length, kept.length > 0 ? kept.join(',') : '');
}

/** The `propagation` entry of a long-syntax bind mount. */
function propagationEntry(model: ComposeModel, node: Node): Entry | undefined {
  if (!isMap(node)) return undefined;
  const bind = model.entriesOf(node).get('bind')?.value;
  return isMap(bind) ? model.entriesOf(bind).get('propagation') : undefined;
}

export default defineRule({
  meta: {
    id: 'no-shared-mount-propagation',
    practice: 7,
    title: 'Keep bind mounts private',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'Shared propagation lets mounts made in the container appear on the host.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A volume sets shared or slave mount propagation: the `shared`, `rshared`, `slave` or `rslave` option in the ' +
        'short syntax, or `bind: {propagation: ...}` in the long syntax.',
      rationale:
        'Mount propagation decides whether mounts made on one side of a bind mount show up on the other. With ' +
        '`shared` or `rshared`, a mount the container makes (for example over a host directory, with CAP_SYS_ADMIN or a ' +
        'privileged helper) appears on the host and in every container that shares the same path, so one container can ' +
        'change what the host and its neighbours see. With `slave` or `rslave` the flow is one-way into the container, ' +
        'which still hands it any disk, share or secret mounted on the host under that path later. The default, ' +
        '`rprivate`, keeps each side to itself.',
      howToFix:
        'Remove the propagation option (or set `propagation: rprivate`). Storage and monitoring agents that must see ' +
        'host mounts (CSI drivers, `rclone mount`, cAdvisor) are the exception: give them `rslave` rather than `rshared`, ' +
        'mount only the directory they need, and suppress the finding with a reason.',
      references: [
        'https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation',
        'https://docs.docker.com/reference/compose-file/services/#volumes',
        'https://www.kernel.org/doc/Documentation/filesystems/sharedsubtree.txt',
      ],
    },
    messages: {
      propagation: 'Volume "{target}" of service "{service}" uses "{mode}" propagation: {direction}; keep the default "rprivate"',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  agent:\n    image: agent:3.1\n    volumes:\n      - /mnt/data:/data:rshared\n' }],
      good: [{ kind: 'compose', code: 'services:\n  agent:\n    image: agent:3.1\n    volumes:\n      - /mnt/data:/data:ro\n' }],
    },
    aliases: {
      kics: ['volume_mounted_in_multiple_containers'],
      'compose-lint': ['CL-0017'],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      for (const v of volumes(model, service.get('volumes'))) {
        const mode = v.long ? v.propagation?.trim() : v.options.map((o) => o.trim()).find((o) => SHARED.has(o));
        const way = mode ? SHARED.get(mode) : undefined;
        if (!mode || !way) continue;
        let range: Range = v.range;
        let edit: TextEdit | null = null;
        if (v.long) {
          const entry = propagationEntry(model, v.node);
          if (!v.inherited && entry) {
            range = entry.via ? entry.range : entry.ownRange;
            if (!entry.via && entry.value && writtenIn(service, service.get('volumes')?.value, v.node, entry.value)) edit = replaceNode(model, entry.value, quoteLike(model, entry.value, 'rprivate'));
          }
        } else if (!v.inherited && writtenIn(service, service.get('volumes')?.value, v.node)) {
          edit = removeOption(model, v.node, mode);
        }
        const title = v.long ? 'Set "propagation: rprivate"' : `Remove the "${mode}" option`;
        report({
          messageId: 'propagation',
          data: { service: service.name, target: v.target, mode, direction: DIRECTION[way] },
          range,
          fixes: edit ? [fix(title, [edit])] : [],
        });
      }
    }
  },
});

import { isMap, isSeq, type Node } from 'yaml';
import { defineRule } from '../rule-api/rule';
import type { TextEdit } from '../core/types';
import type { ComposeModel } from '../parse/compose';
import { isFalse, volumes, type VolumeMount } from '../parse/compose-values';
import { addMapPair, editInScalar, scalarSpan, writtenIn } from '../edit/compose-item-edits';
import { configMount } from '../knowledge/config-paths';
import { engineSocket, hostPathOf, sensitiveHostPath } from '../knowledge/host-paths';

/** `./nginx.conf:/etc/nginx/nginx.conf` → `...:ro`; `./conf:/etc/app:z` → `./conf:/etc/app:z,ro`. */
function shortEdit(model: ComposeModel, v: VolumeMount, inFlow: boolean): TextEdit | null {
  const span = scalarSpan(model, v.node);
  if (!span) return null;
  const end = span.text.trimEnd().length;
  return editInScalar(model, span, end, end, v.options.length > 0 ? ',ro' : ':ro', inFlow);
}

/** Long syntax: `read_only: true` added to the item. */
function longEdit(model: ComposeModel, node: Node): TextEdit | null {
  return isMap(node) ? addMapPair(model, node, 'read_only: true') : null;
}

/** An explicit `rw` or `read_only: false` says the write access is intended. */
function explicitlyWritable(model: ComposeModel, v: VolumeMount): boolean {
  if (!v.long) return v.options.some((o) => o.trim() === 'rw');
  if (!isMap(v.node)) return false;
  const ro = model.entriesOf(v.node).get('read_only');
  return ro !== undefined && isFalse(ro.value);
}

export default defineRule({
  meta: {
    id: 'read-only-config-mounts',
    practice: 8,
    title: 'Mount configuration read-only',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: a writable configuration mount is a hardening gap, not a defect.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A bind mount of configuration (a target under `/etc/`, or a file such as `nginx.conf`, `my.cnf`, ' +
        '`prometheus.yml` or `Caddyfile`) is writable: no `:ro` in the short syntax, no `read_only: true` in the long syntax.',
      rationale:
        'A bind mount is a window onto the host: whatever the container writes there lands in your project directory or ' +
        'host configuration. An attacker inside a container with writable configuration can change how the service ' +
        'behaves the next time it starts (add a proxy route, an admin user, a startup hook), and the change outlives the ' +
        'container and may be committed along with your files. Programs read their configuration; they rarely need to ' +
        'write it.',
      howToFix:
        'Append `:ro` to the short syntax (`./nginx.conf:/etc/nginx/nginx.conf:ro`; with other options, add it to the ' +
        'comma-separated list: `:z,ro`), or set `read_only: true` on a long-syntax volume. If the program does write ' +
        'there, mark the intent with an explicit `:rw` (or `read_only: false`), which this rule accepts. Paths that are ' +
        'known to be written (`/etc/letsencrypt`, `acme.json`, lock files) are not flagged, and host paths that ' +
        '`no-sensitive-host-mounts` already reports are left to it.',
      references: [
        'https://docs.docker.com/engine/storage/bind-mounts/#use-a-read-only-bind-mount',
        'https://docs.docker.com/reference/compose-file/services/#volumes',
      ],
    },
    messages: {
      writable: 'Service "{service}" mounts the configuration "{source}" writable at "{target}"; {how} so the container cannot change it',
      writableMany: 'Service "{service}" mounts {count} configurations writable through this merge key: {mounts}; make them read-only so the container cannot change them',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf\n' }],
      good: [{ kind: 'compose', code: 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./html:/usr/share/nginx/html:ro\n' }],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const entry = service.get('volumes');
      const inFlow = isSeq(entry?.value) && entry.value.flow === true;
      // Mounts that arrive through one merge key share its range: one finding there names them all.
      const byRange = new Map<string, { v: VolumeMount; edit: TextEdit | null }[]>();
      for (const v of volumes(model, entry)) {
        if (v.type !== 'bind' || v.readOnly || !v.source || explicitlyWritable(model, v)) continue;
        if (!configMount(v.source, v.target)) continue;
        const host = hostPathOf(v.source);
        if (host && (engineSocket(host) || sensitiveHostPath(host, false))) continue;
        const edit = v.inherited || !writtenIn(service, entry?.value, v.node) ? null : v.long ? longEdit(model, v.node) : shortEdit(model, v, inFlow);
        const key = JSON.stringify(v.range);
        byRange.set(key, [...(byRange.get(key) ?? []), { v, edit }]);
      }
      for (const group of byRange.values()) {
        const { v, edit } = group[0];
        const how = v.long ? 'set "read_only: true"' : 'add ":ro"';
        if (group.length > 1) {
          const mountsText = group.map((g) => `"${g.v.source}" at "${g.v.target}"`).join(', ');
          report({ messageId: 'writableMany', data: { service: service.name, count: group.length, mounts: mountsText }, range: v.range });
          continue;
        }
        report({
          messageId: 'writable',
          data: { service: service.name, source: v.source ?? '', target: v.target, how },
          range: v.range,
          fixes: edit ? [fix(v.long ? 'Set "read_only: true"' : 'Add ":ro"', [edit])] : [],
        });
      }
    }
  },
});

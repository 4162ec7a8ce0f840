import { isMap } from 'yaml';
import { defineRule } from '../rule-api/rule';
import type { TextEdit } from '../core/types';
import type { ComposeModel, Entry } from '../parse/compose';
import { childEntries, scalarText, textItems, type TextItem } from '../parse/compose-values';
import { addMapPair, editInScalar, scalarSpan, writtenIn } from '../edit/compose-item-edits';

/** The restrictions Docker puts on every tmpfs it mounts for a service (`tmpfs:` or `type: tmpfs`). */
const HARDENING = ['noexec', 'nosuid', 'nodev'] as const;

/** The restrictions a mount option list leaves off; later options win, as in Docker's and mount(8)'s merge. */
function lifted(options: string[], defaults: boolean): string[] {
  const on = new Map<string, boolean>(HARDENING.map((h) => [h, defaults]));
  for (const raw of options) {
    const o = raw.trim();
    if (on.has(o)) on.set(o, true);
    else if (on.has(`no${o}`)) on.set(`no${o}`, false);
  }
  return HARDENING.filter((h) => !on.get(h));
}

/** `/run:rw,exec,size=4G` without the options that lift a restriction: `/run:rw,size=4G`. */
function withoutLifting(model: ComposeModel, item: TextItem, path: string, options: string[]): TextEdit | null {
  const span = scalarSpan(model, item.node);
  if (!span) return null;
  const kept = options.filter((o) => !HARDENING.some((h) => `no${o.trim()}` === h));
  const text = span.text.trimEnd();
  const colon = span.text.indexOf(':');
  if (colon < 0 || span.text.slice(0, colon).trim() !== path) return null;
  return editInScalar(model, span, colon, text.length, kept.length > 0 ? `:${kept.join(',')}` : '');
}

/** Top-level volumes of the local driver that are a tmpfs (`driver_opts: {type: tmpfs}`). */
function tmpfsVolumes(model: ComposeModel): { name: string; opts: Entry; type: Entry }[] {
  const out: { name: string; opts: Entry; type: Entry }[] = [];
  for (const [name, volume] of childEntries(model, model.top.get('volumes'))) {
    const v = childEntries(model, volume);
    const driver = scalarText(v.get('driver')?.value)?.trim();
    if (driver && driver !== 'local') continue;
    const opts = v.get('driver_opts');
    const type = childEntries(model, opts).get('type');
    if (opts && type && scalarText(type.value)?.trim() === 'tmpfs') out.push({ name, opts, type });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'tmpfs-mount-options',
    practice: 8,
    title: 'Keep tmpfs mounts noexec, nosuid and nodev',
    severity: 'info',
    kind: 'risk',
    severityReason: 'Information: lifting `noexec`/`nosuid`/`nodev` on a tmpfs is a written weakening of a default, rarely needed.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service\'s `tmpfs` entry turns Docker\'s `noexec`, `nosuid` or `nodev` default off (`/tmp:exec`, ' +
        '`/dev/shm:rw,exec`), or a named volume is a tmpfs (`driver_opts: {type: tmpfs}`) whose `o` options do not ' +
        'include all three.',
      rationale:
        'A tmpfs is where an attacker stages tools: it is writable even under `read_only: true`. Docker mounts every ' +
        'service tmpfs (`tmpfs:` and long-syntax `type: tmpfs`) with `noexec,nosuid,nodev`, so nothing written there can ' +
        'be run, gain privileges through a setuid bit, or open a device node. Writing `exec`, `suid` or `dev` in the ' +
        'options undoes that. Named volumes with `type: tmpfs` in `driver_opts` are different: the local volume driver ' +
        'mounts exactly the `o` options given, so without them the tmpfs allows all three. (Because of Docker\'s ' +
        'defaults, a plain `tmpfs: [/tmp]` is not flagged, unlike in compose-lint.)',
      howToFix:
        'Remove `exec`, `suid` and `dev` from the tmpfs options; if a program really needs to run files from its scratch ' +
        'space, mount a separate small tmpfs for just that path. For a tmpfs named volume, add `noexec,nosuid,nodev` to ' +
        '`driver_opts.o` (for example `o: "size=100m,noexec,nosuid,nodev"`).',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#tmpfs',
        'https://docs.docker.com/engine/storage/tmpfs/',
        'https://docs.docker.com/reference/cli/docker/volume/create/#driver-specific-options',
      ],
    },
    messages: {
      lifted: 'The tmpfs "{path}" of service "{service}" turns off {lifted}, so files written there can {risk}; remove {options}',
      volume: 'Volume "{volume}" is a tmpfs mounted without {missing}, which the volume driver does not add; add them to its "o" options',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  app:\n    image: app:1.4\n    read_only: true\n    tmpfs:\n      - /tmp:exec,size=64m\n' }],
      good: [{ kind: 'compose', code: 'services:\n  app:\n    image: app:1.4\n    read_only: true\n    tmpfs:\n      - /tmp:size=64m\n' }],
    },
    aliases: {
      'compose-lint': ['CL-0022'],
    },
  },
  compose({ model, report, fix }) {
    const risks: Record<string, string> = { noexec: 'run as programs', nosuid: 'raise privileges with a setuid bit', nodev: 'act as device nodes' };
    for (const service of model.services) {
      for (const item of textItems(model, service.get('tmpfs'))) {
        const colon = item.text.indexOf(':');
        if (colon < 0) continue;
        const path = item.text.slice(0, colon).trim();
        const options = item.text.slice(colon + 1).split(',');
        const off = lifted(options, true);
        if (off.length === 0) continue;
        const written = off.map((h) => `"${h.slice(2)}"`).join(', ');
        const edit = item.inherited || !writtenIn(service, service.get('tmpfs')?.value, item.node) ? null : withoutLifting(model, item, path, options);
        report({
          messageId: 'lifted',
          data: { service: service.name, path, lifted: off.join(', '), risk: off.map((h) => risks[h]).join(' or '), options: written },
          range: item.range,
          fixes: edit ? [fix(`Remove ${written} from the tmpfs options`, [edit])] : [],
        });
      }
    }
    for (const { name, opts, type } of tmpfsVolumes(model)) {
      const o = childEntries(model, opts).get('o');
      const text = o ? (scalarText(o.value) ?? '') : '';
      const missing = lifted(text.split(','), false);
      if (missing.length === 0) continue;
      let edit: TextEdit | null = null;
      const span = o && !o.via && o.pair.value === o.value ? scalarSpan(model, o.value) : null;
      if (span) edit = editInScalar(model, span, span.text.trimEnd().length, span.text.trimEnd().length, (span.text.trim() ? ',' : '') + missing.join(','), isMap(opts.value) && opts.value.flow === true);
      else if (!o && !opts.via && isMap(opts.value)) edit = addMapPair(model, opts.value, `o: ${opts.value.flow ? JSON.stringify(missing.join(',')) : missing.join(',')}`);
      report({
        messageId: 'volume',
        data: { volume: name, missing: missing.map((m) => `"${m}"`).join(', ') },
        range: o ? o.range : type.range,
        fixes: edit ? [fix(`Add "${missing.join(',')}" to the volume options`, [edit])] : [],
      });
    }
  },
});

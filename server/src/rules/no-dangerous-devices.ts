import { defineRule } from '../rule-api/rule';
import { removeServiceItem } from '../edit/yaml-service-edits';
import type { Range } from '../core/types';
import { isMap, scalarText, textItems } from '../parse/compose-values';
import { hostPathOf } from '../knowledge/host-paths';
import { removeRunOptions } from '../fixes/run-args';
import { runOptions } from '../knowledge/docker-run';

/** What a host device exposes, when it is one of the dangerous ones. */
function deviceRisk(written: string): string | null {
  const host = hostPathOf(written);
  return host?.complete ? (DEVICES.find(([re]) => re.test(host.path))?.[1] ?? null) : null;
}

const DISK = 'a host disk, readable and writable below every filesystem permission';
const DEVICES: readonly [RegExp, string][] = [
  [/^\/dev$/, 'every host device, disks and memory included'],
  [/^\/dev\/(?:mem|kmem|port)$/, 'raw host memory or I/O ports'],
  [/^\/dev\/(?:[shv]d|xvd)[a-z]{1,3}\d{0,3}$/, DISK],
  [/^\/dev\/nvme\d{1,3}(?:n\d{1,3}(?:p\d{1,3})?)?$/, DISK],
  [/^\/dev\/mmcblk\d{1,3}(?:p\d{1,3}|boot\d)?$/, DISK],
  [/^\/dev\/(?:dm-|md)\d{1,4}$/, DISK],
  [/^\/dev\/(?:mapper|disk)(?:\/.{1,256})?$/, DISK],
  [/^\/dev\/loop(?:\d{1,4}|-control)$/, 'a loop device, which can expose host disk images and files'],
  [/^\/dev\/cpu(?:\/\d{1,4}\/msr)?$/, 'the CPU model-specific registers, which control the host processor'],
];

/** `a *:* rwm`, `b 8:* rw`, `c 1:1 r`: the device classes a cgroup rule opens, or null when harmless. */
function cgroupRuleRisk(rule: string): string | null {
  const m = /^\s*([abc])\s+(\*|\d{1,5})(?::(\*|\d{1,7}))?\s+([rwm]{1,3})\s*$/.exec(rule);
  if (!m || !/[rw]/.test(m[4])) return null;
  const [, type, major, minor = '*'] = m;
  if (type === 'a') return 'every host device';
  if (type === 'b') return 'host disks';
  if (major === '*') return 'every character device, host memory included';
  if (major === '1' && ['*', '1', '2', '4'].includes(minor)) return 'raw host memory or I/O ports';
  return null;
}

/** The host side of a short `devices` item (`/dev/sda:/dev/xvda:rwm`): up to the first `:` outside `${...}`. */
function hostSide(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth = Math.max(0, depth - 1);
    else if (text[i] === ':' && depth === 0) return text.slice(0, i);
  }
  return text;
}

export default defineRule({
  meta: {
    id: 'no-dangerous-devices',
    practice: 3,
    title: 'Do not give containers raw host disks or memory',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: a block device or host memory gives the container the host below every permission check.',
    targets: ['compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service (or a dev container, with `--device` in `runArgs`) maps a host device that exposes raw memory, disks or the whole `/dev` (`/dev/mem`, `/dev/sda`, ' +
        '`/dev/nvme0n1`, `/dev/mapper/*`, `/dev/cpu/*/msr`...) under `devices`, or a `device_cgroup_rules` entry opens ' +
        'every device, every block device or host memory (`--device-cgroup-rule` in `runArgs`).',
      rationale:
        'A block device gives the container the host filesystem below every permission check: it can read ' +
        '`/etc/shadow` or write a new root password straight to the disk. `/dev/mem`, `/dev/kmem` and `/dev/port` reach ' +
        'physical memory and hardware, and `/dev/cpu/*/msr` reprograms the processor. A cgroup rule such as ' +
        '`a *:* rwm` lets the container create any of these nodes itself. Ordinary devices such as `/dev/snd`, ' +
        '`/dev/dri`, `/dev/net/tun`, `/dev/fuse`, `/dev/ttyUSB0` or `/dev/video0` are not flagged.',
      howToFix:
        'Map only the specific device the program uses, or give it the data through a volume instead of the disk. ' +
        'Narrow `device_cgroup_rules` to the major and minor numbers of that device (`c 189:* rmw` for USB serial). ' +
        'The quick fix removes the item (the whole key when it was the only one); it is only offered, since the program ' +
        'loses the device.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#devices',
        'https://docs.docker.com/reference/compose-file/services/#device_cgroup_rules',
      ],
    },
    messages: {
      device: 'Service "{service}" is given the host device "{device}", which is {what}; map a narrower device or use a volume',
      cgroupRule: 'Service "{service}" allows "{rule}" in device_cgroup_rules, which lets it create and open {what}',
      devcontainerDevice: 'The dev container is given the host device "{device}", which is {what}; map a narrower device or use a volume',
      devcontainerCgroupRule: 'The dev container allows "{rule}" with --device-cgroup-rule, which lets it create and open {what}',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  backup:\n    image: backup:3\n    devices:\n      - /dev/sda:/dev/sda\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "runArgs": ["--device=/dev/mem"]\n}\n' },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  media:\n    image: jellyfin/jellyfin:10.9\n    devices:\n      - /dev/dri:/dev/dri\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "runArgs": ["--device", "/dev/ttyUSB0"]\n}\n' },
      ],
    },
    aliases: {
      'compose-lint': ['CL-0016'],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const entry = service.get('devices');
      const devices = (entry?.value ? model.items(entry.value) : []).flatMap((node) => {
        const written = isMap(node) ? scalarText(model.entriesOf(node).get('source')?.value) : hostSide(scalarText(node) ?? '');
        const what = written ? deviceRisk(written) : null;
        return what && written ? [{ node, device: written.trim(), what }] : [];
      });
      for (const { node, device, what } of devices) {
        const range: Range = entry!.via ? entry!.range : (model.rangeOf(node) ?? entry!.range);
        const edit = removeServiceItem(model, service, entry!, node, devices.map((d) => d.node));
        const fixes = edit ? [fix(`Remove the "${device}" device`, [edit])] : [];
        report({ messageId: 'device', data: { service: service.name, device, what }, range, fixes });
      }
      const rules = service.get('device_cgroup_rules');
      const open = textItems(model, rules).filter((item) => cgroupRuleRisk(item.text));
      for (const item of open) {
        const what = cgroupRuleRisk(item.text)!;
        const edit = rules && removeServiceItem(model, service, rules, item.node, open.map((o) => o.node));
        const fixes = edit ? [fix(`Remove "${item.text.trim()}" from device_cgroup_rules`, [edit])] : [];
        report({ messageId: 'cgroupRule', data: { service: service.name, rule: item.text.trim(), what }, range: item.range, fixes });
      }
    }
  },
  devcontainer({ model, report, fix }) {
    for (const o of runOptions(model)) {
      if (o.value === null) continue;
      const device = o.name === '--device' ? hostSide(o.value).trim() : '';
      const what = o.name === '--device' ? deviceRisk(device) : o.name === '--device-cgroup-rule' ? cgroupRuleRisk(o.value) : null;
      if (!what) continue;
      const flag = model.text.slice(o.flag.start, o.end).replace(/^"|"$/g, '');
      const fixes = [fix(`Remove "${flag}" from runArgs`, removeRunOptions(model, [o]))];
      const range = model.range(o.start, o.end);
      if (o.name === '--device') report({ messageId: 'devcontainerDevice', data: { device, what }, range, fixes });
      else report({ messageId: 'devcontainerCgroupRule', data: { rule: o.value.trim(), what }, range, fixes });
    }
  },
});

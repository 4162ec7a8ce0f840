import { isMap, type Node } from 'yaml';
import { defineRule } from '../rule-api/rule';
import type { ComposeModel, Service } from '../parse/compose';
import type { TextEdit } from '../core/types';
import { addMapPair, editInScalar, scalarSpan, writtenIn } from '../edit/compose-item-edits';
import { quoteLike, replaceNode } from '../edit/yaml-edits';
import { onEveryInterface, publishedPorts, type PublishedPort } from '../knowledge/published-ports';
import { parseShortPort } from '../parse/compose-values';
import type { DevcontainerModel } from '../parse/devcontainer';
import { replaceNode as replaceJson } from '../edit/json-edits';
import { runOptions } from '../knowledge/docker-run';

const LOOPBACK = '127.0.0.1';

/** The edit that binds a short port mapping written at `valueStart` inside a JSON string to 127.0.0.1 (the Compose rewrite). */
function jsonPortEdit(model: DevcontainerModel, valueStart: number, value: string): TextEdit | null {
  if (model.text.slice(valueStart, valueStart + value.length) !== value) return null;
  const text = value.trim();
  if (text.startsWith('[')) return null;
  const at = valueStart + value.length - value.trimStart().length;
  const seps = colons(text.replace(/\/[^/]*$/, ''));
  if (seps.length === 0) return { range: model.range(at, at), newText: `${LOOPBACK}::` };
  if (seps.length === 1) return { range: model.range(at, at), newText: `${LOOPBACK}:` };
  return { range: model.range(at, at + seps[seps.length - 2]), newText: LOOPBACK };
}

/** Offsets of the `:` separators outside `${...}` in a short-syntax port. */
function colons(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth = Math.max(0, depth - 1);
    else if (text[i] === ':' && depth === 0) out.push(i);
  }
  return out;
}

/** `"8080:80"` → `"127.0.0.1:8080:80"`, `"80"` → `"127.0.0.1::80"`, `"0.0.0.0:8080:80"` → `"127.0.0.1:8080:80"`. */
function shortEdit(model: ComposeModel, node: Node): TextEdit | null {
  const span = scalarSpan(model, node);
  if (!span) return null;
  const lead = span.text.length - span.text.trimStart().length;
  const text = span.text.trim();
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    return close > 0 ? editInScalar(model, span, lead, lead + close + 1, LOOPBACK) : null;
  }
  const seps = colons(text.replace(/\/[^/]*$/, ''));
  if (seps.length === 0) return editInScalar(model, span, lead, lead, `${LOOPBACK}::`);
  if (seps.length === 1) return editInScalar(model, span, lead, lead, `${LOOPBACK}:`);
  const host = text.slice(0, seps[seps.length - 2]);
  // `${BIND_IP:-0.0.0.0}`: change the default and keep the variable.
  const v = /^\$\{[A-Za-z_][A-Za-z0-9_]{0,100}:?-/.exec(host);
  if (v && host.endsWith('}') && !/[{}$]/.test(host.slice(v[0].length, -1))) return editInScalar(model, span, lead + v[0].length, lead + host.length - 1, LOOPBACK);
  return editInScalar(model, span, lead, lead + host.length, LOOPBACK);
}

/** Long syntax: set `host_ip` when it is written, otherwise add it. */
function longEdit(model: ComposeModel, node: Node): TextEdit | null {
  if (!isMap(node)) return null;
  const hostIp = node.items.find((p) => (p.key as Node | null)?.toString() === 'host_ip');
  if (hostIp?.value) return replaceNode(model, hostIp.value as Node, quoteLike(model, hostIp.value as Node, LOOPBACK));
  return addMapPair(model, node, `host_ip: ${LOOPBACK}`);
}

function fixFor(model: ComposeModel, service: Service, p: PublishedPort): TextEdit | null {
  if (p.port.inherited || !writtenIn(service, service.get('ports')?.value, p.port.node)) return null;
  return p.port.long ? longEdit(model, p.port.node) : shortEdit(model, p.port.node);
}

export default defineRule({
  meta: {
    id: 'bind-ports-to-localhost',
    practice: 6,
    title: 'Publish ports on a chosen interface',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: many published ports are meant to be public; binding to 127.0.0.1 is hardening for the ones that are not.',
    targets: ['compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service publishes a port without a host address (`"8080:80"`, `"80"`, long syntax without `host_ip`) or on ' +
        '`0.0.0.0` / `::`, so it listens on every network interface of the host; in a dev container, an `appPort` or a ' +
        '`-p`/`--publish` (or `-P`) in `runArgs` without `127.0.0.1`.',
      rationale:
        'Docker publishes a port on all host interfaces unless told otherwise, so a database or admin console meant for ' +
        'the local machine becomes reachable from the whole network. Host firewalls are a weak safety net here: Docker ' +
        'writes its own iptables rules ahead of them, so ufw or firewalld rules do not block published ports. Binding to ' +
        '`127.0.0.1` keeps the port local; a reverse proxy or an SSH tunnel can still reach it.',
      howToFix:
        'Put the interface in front of the mapping: `"127.0.0.1:8080:80"` (or `"127.0.0.1::80"` for a random host port), ' +
        'or add `host_ip: 127.0.0.1` in the long syntax. A port that must be public (the reverse proxy itself) can name ' +
        'the public interface\'s address, or keep the finding suppressed with a reason. Ports of a service on the host ' +
        'network are not checked (Compose ignores them). In a dev container, prefer `forwardPorts`: VS Code forwards those ' +
        'to `localhost` only, so they are not flagged; `appPort` publishes with `docker run -p` on every interface.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#ports',
        'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
      ],
    },
    messages: {
      everyInterface: 'Service "{service}" publishes port "{port}" on every host interface; bind it to 127.0.0.1 unless it must be reachable from other machines',
      devcontainer: 'The dev container publishes port "{port}" on every host interface; bind it to 127.0.0.1, or use forwardPorts, unless other machines must reach it',
      publishAll: 'The dev container publishes every exposed port on every host interface with "{flag}"; use forwardPorts instead',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  db:\n    image: postgres:17\n    ports:\n      - "5432:5432"\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "appPort": [3000]\n}\n' },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  db:\n    image: postgres:17\n    ports:\n      - "127.0.0.1:5432:5432"\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "forwardPorts": [3000]\n}\n' },
      ],
    },
    aliases: {
      kics: ['container_traffic_not_bound_to_host_interface'],
      'compose-lint': ['CL-0005'],
      dclint: ['no-unbound-port-interfaces'],
    },
  },
  devcontainer({ model, report, fix }) {
    const run = runOptions(model);
    if (run.some((o) => o.name === '--network' && o.value?.trim().toLowerCase() === 'host')) return;
    const appPort = model.get('appPort')?.value;
    for (const node of appPort?.type === 'array' ? model.items(appPort) : appPort ? [appPort] : []) {
      if (node.type === 'number') {
        const port = String(node.value);
        report({ messageId: 'devcontainer', data: { port }, range: model.rangeOf(node), fixes: [fix(`Bind port "${port}" to ${LOOPBACK}`, [replaceJson(model, node, `"${LOOPBACK}:${port}:${port}"`)])] });
        continue;
      }
      const text = model.stringValue(node);
      if (text === null || text.includes('$')) continue;
      const p = parseShortPort(text);
      if (p.target.trim() === '' || !onEveryInterface(p.hostIp)) continue;
      const edit = jsonPortEdit(model, node.offset + 1, text);
      report({ messageId: 'devcontainer', data: { port: text.trim() }, range: model.rangeOf(node), fixes: edit ? [fix(`Bind port "${text.trim()}" to ${LOOPBACK}`, [edit])] : [] });
    }
    for (const o of run) {
      if (o.name === '--publish-all' && (o.value === null || /^(true|1)$/i.test(o.value))) {
        report({ messageId: 'publishAll', data: { flag: o.written }, range: model.range(o.start, o.end) });
        continue;
      }
      if (o.name !== '--publish' || o.value === null || o.value.includes('$') || o.valueStart === null) continue;
      const p = parseShortPort(o.value);
      if (p.target.trim() === '' || !onEveryInterface(p.hostIp)) continue;
      const edit = jsonPortEdit(model, o.valueStart, o.value);
      report({ messageId: 'devcontainer', data: { port: o.value.trim() }, range: model.range(o.start, o.end), fixes: edit ? [fix(`Bind port "${o.value.trim()}" to ${LOOPBACK}`, [edit])] : [] });
    }
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      for (const p of publishedPorts(model, service)) {
        if (!onEveryInterface(p.hostIp)) continue;
        const port = describe(p);
        const edit = fixFor(model, service, p);
        const fixes = edit ? [fix(`Bind port "${port}" to ${LOOPBACK}`, [edit])] : [];
        report({ messageId: 'everyInterface', data: { service: service.name, port }, range: p.port.range, fixes });
      }
    }
  },
});

function describe(p: PublishedPort): string {
  const { port } = p;
  const host = port.published === null ? '' : `${port.published}:`;
  const proto = port.protocol === 'tcp' ? '' : `/${port.protocol}`;
  return `${host}${port.target}${proto}`;
}

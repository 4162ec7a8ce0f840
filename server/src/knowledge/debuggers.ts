import type { ImageRef } from '../parse/image-ref';

/**
 * Debuggers and inspectors told to accept connections on every network interface: Node's
 * `--inspect=0.0.0.0`, Java's JDWP agent (`address=*:5005`), debugpy and ptvsd, Delve, rdbg,
 * gdbserver and Chrome's remote debugging port. Each of them gives whoever connects the power to
 * run code in the process. Their defaults listen on the loopback interface only, so only an
 * explicit all-interfaces address is reported (and, before Java 9, a JDWP address without a host).
 */

export interface DebugToken {
  value: string;
  start: number;
  end: number;
}

export interface DebugListener {
  /** `The Node.js inspector`, `debugpy`...: the subject of a sentence. */
  tool: string;
  /** The port it listens on, or null when the text does not say. */
  port: number | null;
  /** Offsets of the token that sets it up. */
  start: number;
  end: number;
}

const ANY_HOST = /^(0\.0\.0\.0|\*|::|\[::\]|\[::0\]|)$/;

/** `host:port`, `[::]:port`, `port` or `host`: the parts written, null where absent. */
function hostPort(text: string): { host: string | null; port: number | null } {
  const t = text.trim();
  if (/^\d{1,5}$/.test(t)) return { host: null, port: Number(t) };
  const colon = t.lastIndexOf(':');
  if (colon < 0 || t.endsWith(']')) return { host: t, port: null };
  const port = t.slice(colon + 1);
  return { host: t.slice(0, colon), port: /^\d{1,5}$/.test(port) ? Number(port) : null };
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/**
 * The value of `--name=value` or `--name value` among tokens (the last one written), with a token
 * spanning the option and its value.
 */
function optionValue(tokens: readonly DebugToken[], ...names: string[]): { value: string; token: DebugToken } | null {
  let found: { value: string; token: DebugToken } | null = null;
  tokens.forEach((t, i) => {
    for (const n of names) {
      if (t.value.startsWith(n + '=')) found = { value: t.value.slice(n.length + 1), token: t };
      else if (t.value === n && tokens[i + 1]) found = { value: tokens[i + 1].value, token: { value: t.value, start: t.start, end: Math.max(t.end, tokens[i + 1].end) } };
    }
  });
  return found;
}

/** JDWP agent options (`transport=dt_socket,server=y,address=*:5005`): listening on every interface? */
function jdwp(options: string, legacyJava: boolean): { port: number | null } | null {
  const opts = new Map(options.split(',').map((kv) => [kv.split('=')[0].trim().toLowerCase(), kv.slice(kv.indexOf('=') + 1).trim()] as const));
  if (!/^(y|yes)$/i.test(opts.get('server') ?? 'n')) return null; // server=n connects out to a debugger
  const address = opts.get('address');
  if (address === undefined) return null;
  const { host, port } = hostPort(address);
  // Before Java 9 an address without a host listened on every interface; since then on localhost.
  const any = host === null ? legacyJava : ANY_HOST.test(host);
  return any ? { port } : null;
}

export interface DebugContext {
  /** The image runs Java 8 or older, where a JDWP address without a host means every interface. */
  legacyJava: boolean;
}

/** Debuggers listening on every interface, set up by the tokens of one command line or option string. */
export function debugListeners(tokens: readonly DebugToken[], context: DebugContext): DebugListener[] {
  const out: DebugListener[] = [];
  const add = (tool: string, port: number | null, t: DebugToken) => out.push({ tool, port, start: t.start, end: t.end });
  const names = tokens.map((t) => baseName(t.value));
  for (const t of tokens) {
    const node = /^--inspect(?:-brk|-wait)?=(.+)$/.exec(t.value);
    if (node) {
      const { host, port } = hostPort(node[1]);
      if (host !== null && ANY_HOST.test(host)) add('The Node.js inspector', port ?? 9229, t);
    }
    const java = /(?:-agentlib:jdwp=|-Xrunjdwp:)(\S+)/.exec(t.value);
    const listening = java && jdwp(java[1], context.legacyJava);
    if (listening) add('The Java debug agent (JDWP)', listening.port, t);
    const chrome = /^--remote-debugging-address=(.+)$/.exec(t.value);
    if (chrome && ANY_HOST.test(chrome[1].trim())) {
      const port = optionValue(tokens, '--remote-debugging-port');
      add('Chromium\'s remote debugging port', port && /^\d+$/.test(port.value) ? Number(port.value) : 9222, t);
    }
  }
  if (names.includes('debugpy')) {
    const listen = optionValue(tokens, '--listen');
    const hp = listen && hostPort(listen.value);
    if (listen && hp?.host !== null && hp && ANY_HOST.test(hp.host!)) add('debugpy', hp.port ?? 5678, listen.token);
  }
  if (names.includes('ptvsd')) {
    const host = optionValue(tokens, '--host');
    const port = optionValue(tokens, '--port');
    if (host && ANY_HOST.test(host.value)) add('ptvsd', port && /^\d+$/.test(port.value) ? Number(port.value) : 5678, host.token);
  }
  const dlv = names.indexOf('dlv');
  if (dlv >= 0 && tokens.slice(dlv).some((t) => t.value === '--headless' || t.value === '--headless=true')) {
    const listen = optionValue(tokens.slice(dlv), '--listen', '-l');
    const hp = listen && hostPort(listen.value);
    if (listen && hp && hp.host !== null && ANY_HOST.test(hp.host)) add('Delve', hp.port, listen.token);
  }
  const rdbg = names.indexOf('rdbg');
  if (rdbg >= 0 && tokens.slice(rdbg).some((t) => /^(--open|-O)(=|$)/.test(t.value))) {
    const host = optionValue(tokens.slice(rdbg), '--host');
    const port = optionValue(tokens.slice(rdbg), '--port');
    if (host && ANY_HOST.test(host.value)) add('rdbg', port && /^\d+$/.test(port.value) ? Number(port.value) : null, host.token);
  }
  const gdb = names.indexOf('gdbserver');
  if (gdb >= 0) {
    const comm = tokens.slice(gdb + 1).find((t) => !t.value.startsWith('-'));
    const hp = comm && /^[^/]*:\d+$/.test(comm.value) ? hostPort(comm.value) : null;
    if (comm && hp && hp.host !== null && ANY_HOST.test(hp.host)) add('gdbserver', hp.port, comm);
  }
  return out;
}

/**
 * Debuggers set up by an environment variable on its own: `RUBY_DEBUG_HOST=0.0.0.0` (rdbg) and
 * Tomcat's `JPDA_ADDRESS=*:8000`. Option strings (`NODE_OPTIONS`, `JAVA_TOOL_OPTIONS`) go through
 * `debugListeners` as tokens.
 */
export function debugEnvListener(name: string, value: string, context: DebugContext): { tool: string; port: number | null } | null {
  if (name === 'RUBY_DEBUG_HOST' && ANY_HOST.test(value.trim()) && value.trim() !== '') return { tool: 'rdbg', port: null };
  if (name === 'JPDA_ADDRESS') {
    // Tomcat's `catalina.sh jpda` passes the address to JDWP as it is: a bare port is every interface before Java 9.
    const { host, port } = hostPort(value);
    if (host === null ? context.legacyJava : ANY_HOST.test(host)) return { tool: 'Tomcat\'s JPDA debug agent', port };
  }
  return null;
}

/**
 * Words `debugListeners` needs at least one of (case as written) before it can find anything: each
 * of its cases starts from a token holding one of them. A text without any is not tokenised.
 */
const DEBUGGER_WORDS = ['--inspect', 'jdwp', '--remote-debugging-address=', 'debugpy', 'ptvsd', 'dlv', 'rdbg', 'gdbserver'];

/** False when `debugListeners` finds nothing in any tokens cut from `text` (a cheap test before tokenising). */
export function mayStartDebugger(text: string): boolean {
  for (const w of DEBUGGER_WORDS) if (text.includes(w)) return true;
  return false;
}

/** Splits an option string (`-Xmx1g -agentlib:jdwp=...`) into tokens with offsets from `offset`. */
export function optionTokens(text: string, offset: number): DebugToken[] {
  return [...text.matchAll(/[^\s"']+/g)].map((m) => ({ value: m[0], start: offset + m.index, end: offset + m.index + m[0].length }));
}

const JAVA_IMAGES = /(^|\/)(openjdk|java|eclipse-temurin|amazoncorretto|adoptopenjdk|ibmjava|ibm-semeru-runtimes|sapmachine|zulu-openjdk[\w-]*|azul-zulu)$/;

/** The image runs Java 8 or older: `openjdk:8-jre`, `eclipse-temurin:8u412-b08-jre`, `tomcat:9.0-jdk8`, `maven:3-jdk-8`. */
export function legacyJavaImage(image: ImageRef | null): boolean {
  if (!image) return false;
  const tag = (image.tag ?? '').toLowerCase();
  if (JAVA_IMAGES.test(image.repository) && /^(1\.)?[5-8](?![0-9])/.test(tag)) return true;
  return /(jdk|jre|temurin|openjdk)-?(1\.)?[5-8](?![0-9.])/.test(tag);
}

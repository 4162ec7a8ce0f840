import { defineRule } from '../rule-api/rule';
import { instructionCommands } from '../knowledge/commands';
import { composeCommands } from '../knowledge/compose-commands';
import { debugEnvListener, debugListeners, legacyJavaImage, mayStartDebugger, optionTokens, type DebugListener } from '../knowledge/debuggers';
import { onEveryInterface, publishedPorts, usesHostNetwork } from '../knowledge/published-ports';
import { environment, scalarText } from '../parse/compose-values';
import { parseImageRef } from '../parse/image-ref';
import { stageChain, type DfInstruction } from '../parse/dockerfile';
import { substitute } from '../parse/variables';

/** `5005`, `5005/tcp`, `9229-9230`: whether a port spec covers `port`. */
function covers(spec: string, port: number): boolean {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/\w+)?$/.exec(spec.trim());
  if (!m) return false;
  const first = Number(m[1]);
  return port >= first && port <= Number(m[2] ?? first);
}

function portText(l: DebugListener): string {
  return l.port === null ? 'its port' : `port ${l.port}`;
}

export default defineRule({
  meta: {
    id: 'no-remote-debugger',
    practice: 19,
    title: 'Do not leave a debugger listening on every interface',
    severity: 'error',
    kind: 'risk',
    severityReason: 'A debugger listening on every interface runs any code sent to it; an error when its port is published, a warning otherwise.',
    targets: ['dockerfile', 'compose'],
    docs: {
      summary:
        'A container starts a debugger or inspector that accepts connections on every network interface: Node\'s ' +
        '`--inspect=0.0.0.0` (also in `NODE_OPTIONS`), the Java debug agent with `address=*:5005` or `0.0.0.0` (in `JAVA_TOOL_OPTIONS`, ' +
        '`JAVA_OPTS`, `CATALINA_OPTS`, `JPDA_ADDRESS`...; before Java 9 also a bare `address=5005`), `debugpy --listen 0.0.0.0`, ' +
        '`ptvsd --host 0.0.0.0`, `dlv --headless --listen=:2345`, `rdbg --open --host 0.0.0.0` (or `RUBY_DEBUG_HOST`), ' +
        '`gdbserver :1234` or `--remote-debugging-address=0.0.0.0`, in a Dockerfile `CMD`/`ENTRYPOINT`/`ENV` or a Compose ' +
        '`command`/`entrypoint`/`environment`. It is an error when the port is published (Compose `ports` on a non-loopback ' +
        'address, the host network, or the image\'s `EXPOSE`), a warning otherwise.',
      rationale:
        'A debugger protocol is remote code execution by design: whoever connects can evaluate expressions, call any function ' +
        'and start processes with the application\'s privileges, with no password (JDWP, the Node inspector and debugpy have none). ' +
        'These tools listen on the loopback interface by default precisely for that reason; binding them to `0.0.0.0` makes the ' +
        'debugger reachable from every container on the same network, and from anywhere the port is published. Development ' +
        'Compose files and images tend to be deployed as they are, so the setting travels to shared and production hosts.',
      howToFix:
        'Keep debugging out of the image and the default Compose file: put it in a development override (`compose.debug.yaml`) ' +
        'or a separate stage. When you do debug a container, publish the port on the loopback interface only ' +
        '(`"127.0.0.1:9229:9229"`) and attach through it or through an SSH tunnel, or use `docker exec` / your IDE\'s container ' +
        'integration, which needs no open port.',
      references: [
        'https://nodejs.org/en/learn/getting-started/debugging#security-implications',
        'https://docs.oracle.com/en/java/javase/21/docs/specs/jpda/conninv.html',
        'https://github.com/microsoft/debugpy#debugpy-cli-usage',
        'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
      ],
    },
    messages: {
      published: '{tool} accepts connections on every interface ({port}), and that port is published: anyone who reaches it can run code in the container',
      exposed: '{tool} accepts connections on every interface ({port}), and the image exposes that port: anyone who reaches it can run code in the container',
      listening: '{tool} accepts connections on every interface ({port}): anything on the container\'s network can attach and run code in it',
    },
    messageSeverity: { listening: 'warning' },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM node:22-slim\nEXPOSE 3000 9229\nCMD ["node", "--inspect=0.0.0.0:9229", "server.js"]\n' },
        { kind: 'compose', code: 'services:\n  api:\n    image: eclipse-temurin:21-jre\n    environment:\n      JAVA_TOOL_OPTIONS: -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005\n    ports:\n      - "5005:5005"\n' },
      ],
      good: [
        { kind: 'dockerfile', code: 'FROM node:22-slim\nEXPOSE 3000\nCMD ["node", "server.js"]\n' },
        { kind: 'compose', code: 'services:\n  api:\n    image: node:22-slim\n    command: node --inspect=9229 server.js\n    ports:\n      - "127.0.0.1:3000:3000"\n' },
      ],
    },
    aliases: {},
  },
  dockerfile({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    const chain = stageChain(final).reverse();
    // ONBUILD instructions run in the images built from this one, not in it.
    const instrs = chain.flatMap((s) => s.instructions).filter((i) => !i.trigger);
    const root = chain[0];
    const context = { legacyJava: legacyJavaImage(root.image) };
    const exposed = instrs.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.map((a) => model.resolve(a.value, i).value));
    const emit = (l: DebugListener) => {
      const messageId = l.port !== null && exposed.some((e) => covers(e, l.port!)) ? 'exposed' : 'listening';
      report({ messageId, data: { tool: l.tool, port: portText(l) }, range: model.range(l.start, l.end) });
    };
    // Only the CMD and ENTRYPOINT in effect run; every ENV of the chain is in the image's environment.
    const last = (k: string): DfInstruction | undefined => instrs.filter((i) => i.keyword === k).pop();
    for (const instr of [last('ENTRYPOINT'), last('CMD')]) {
      if (!instr) continue;
      for (const cmd of instructionCommands(model, instr)) for (const l of debugListeners(cmd.words, context)) emit(l);
    }
    for (const instr of instrs) {
      if (instr.keyword !== 'ENV') continue;
      for (const p of instr.properties) {
        if (p.value === null || !p.valueRange) continue;
        const start = model.offset(p.valueRange.start);
        const raw = model.text.slice(start, model.offset(p.valueRange.end));
        const own = debugEnvListener(p.name, model.resolve(p.value, instr).value, context);
        if (own) emit({ ...own, start: model.offset(p.range.start), end: model.offset(p.range.end) });
        else if (mayStartDebugger(raw)) for (const l of debugListeners(optionTokens(raw, start), context)) emit(l);
      }
    }
  },
  compose({ model, report }) {
    for (const service of model.services) {
      const image = scalarText(service.get('image')?.value);
      const context = { legacyJava: image ? legacyJavaImage(parseImageRef(substitute(image, () => undefined).value)) : false };
      const published = publishedPorts(model, service);
      const hostNetwork = usesHostNetwork(service);
      const emit = (l: DebugListener) => {
        const open = l.port !== null && published.some((p) => onEveryInterface(p.hostIp) && covers(p.port.target, l.port!));
        const messageId = hostNetwork || open ? 'published' : 'listening';
        report({ messageId, data: { tool: l.tool, port: portText(l) }, range: model.index.range(l.start, l.end) });
      };
      for (const key of ['entrypoint', 'command']) {
        for (const cmd of composeCommands(model, service.get(key)?.value ?? null)) for (const l of debugListeners(cmd.words, context)) emit(l);
      }
      for (const v of environment(model, service.get('environment'))) {
        if (v.value === null) continue;
        const value = substitute(v.value.replace(/\$\$/g, '\0'), () => undefined).value.replace(/\0/g, '$');
        const own = debugEnvListener(v.name, value, context);
        // The tokens below come from the value as written or as substituted.
        if (!own && !mayStartDebugger(v.value) && !mayStartDebugger(value)) continue;
        const at = v.valueRange ? model.index.offsetAt(v.valueRange.start) : model.index.offsetAt(v.range.start);
        const end = v.valueRange ? model.index.offsetAt(v.valueRange.end) : model.index.offsetAt(v.range.end);
        if (own) {
          emit({ ...own, start: at, end });
          continue;
        }
        // Offsets inside the value when it is written as read; otherwise every token points at the whole value.
        const raw = model.text.slice(at, end);
        const tokens = v.valueRange && raw.includes(v.value) ? optionTokens(v.value, at + raw.indexOf(v.value)) : optionTokens(value, 0).map((t) => ({ ...t, start: at, end }));
        for (const l of debugListeners(tokens, context)) emit(l);
      }
    }
  },
});
